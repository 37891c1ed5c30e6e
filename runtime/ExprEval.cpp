//===- ExprEval.cpp - Constant expressions of OpenQASM 3 ------------------===//
#include "qsvtc/runtime/ExprEval.h"

#include <cmath>
#include <numbers>

namespace qsvtc::runtime {

namespace {

/// Integers are kept exactly while |v| < 2^53 (a double's integer range).
constexpr double kMaxExactInt = 9007199254740992.0;

std::string show(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

Value checked(Value r, const Expr &e, const SourceFile &file) {
  if (!std::isfinite(r.v))
    reportError(file, e.loc, "expression is not finite (" + show(r.v) + ")");
  if (r.isInt && std::fabs(r.v) >= kMaxExactInt)
    reportError(file, e.loc, "integer overflow in constant expression");
  return r;
}

Value identifier(const Expr &e, const Bindings &vars, const SourceFile &file) {
  if (auto it = vars.find(e.name); it != vars.end())
    return it->second;
  const double pi = std::numbers::pi;
  if (e.name == "pi" || e.name == "π")
    return {pi, false};
  if (e.name == "tau" || e.name == "τ")
    return {2 * pi, false};
  if (e.name == "euler" || e.name == "ℇ")
    return {std::numbers::e, false};
  reportError(file, e.loc, "unknown identifier '" + e.name + "'");
}

Value call(const Expr &e, const Bindings &vars, const SourceFile &file) {
  using Fn = double (*)(double);
  static const std::map<std::string, Fn> functions = {
      {"sin", [](double x) { return std::sin(x); }},
      {"cos", [](double x) { return std::cos(x); }},
      {"tan", [](double x) { return std::tan(x); }},
      {"exp", [](double x) { return std::exp(x); }},
      {"ln", [](double x) { return std::log(x); }},
      {"sqrt", [](double x) { return std::sqrt(x); }},
      {"arccos", [](double x) { return std::acos(x); }},
      {"arcsin", [](double x) { return std::asin(x); }},
      {"arctan", [](double x) { return std::atan(x); }},
  };
  auto it = functions.find(e.name);
  if (it == functions.end())
    reportError(file, e.loc,
                "unknown function '" + e.name +
                    "' (known: sin, cos, tan, exp, ln, sqrt, arccos, "
                    "arcsin, arctan)");
  if (e.args.size() != 1)
    reportError(file, e.loc,
                "'" + e.name + "' takes 1 argument, " + std::to_string(e.args.size()) + " given");
  const Value x = evaluate(*e.args[0], vars, file);
  return {it->second(x.v), false};
}

Value binary(const Expr &e, const Bindings &vars, const SourceFile &file) {
  const Value a = evaluate(*e.args[0], vars, file);
  const Value b = evaluate(*e.args[1], vars, file);
  const bool ints = a.isInt && b.isInt;
  const std::string &op = e.name;
  if (op == "+")
    return {a.v + b.v, ints};
  if (op == "-")
    return {a.v - b.v, ints};
  if (op == "*")
    return {a.v * b.v, ints};
  if (op == "/" || op == "%") {
    if (b.v == 0)
      reportError(file, e.loc, "division by zero");
    if (op == "%") {
      if (!ints)
        reportError(file, e.loc, "'%' needs integer operands");
      return {std::fmod(a.v, b.v), true};
    }
    return ints ? Value{std::trunc(a.v / b.v), true} : Value{a.v / b.v, false};
  }
  if (op == "**") {
    if (ints && b.v >= 0)
      return {std::pow(a.v, b.v), true};
    return {std::pow(a.v, b.v), false};
  }
  if (op == "^") {
    if (!ints)
      reportError(file, e.loc,
                  "'^' is bitwise XOR in OpenQASM 3 and needs integers; "
                  "write '**' for a power");
    return {static_cast<double>(static_cast<long long>(a.v) ^ static_cast<long long>(b.v)), true};
  }
  reportError(file, e.loc, "unsupported operator '" + op + "'");
}

} // namespace

Value evaluate(const Expr &e, const Bindings &vars, const SourceFile &file) {
  switch (e.kind) {
  case Expr::Kind::Integer:
    return checked({e.number, true}, e, file);
  case Expr::Kind::Float:
    return checked({e.number, false}, e, file);
  case Expr::Kind::Identifier:
    return identifier(e, vars, file);
  case Expr::Kind::Call:
    return checked(call(e, vars, file), e, file);
  case Expr::Kind::Unary: {
    const Value x = evaluate(*e.args[0], vars, file);
    return e.name == "-" ? Value{-x.v, x.isInt} : x;
  }
  case Expr::Kind::Binary:
    return checked(binary(e, vars, file), e, file);
  }
  reportError(file, e.loc, "malformed expression");
}

long long evaluateInt(const Expr &e, const Bindings &vars, const SourceFile &file,
                      const std::string &what) {
  const Value v = evaluate(e, vars, file);
  if (!v.isInt)
    reportError(file, e.loc, what + " must be an integer, got " + show(v.v));
  return static_cast<long long>(v.v);
}

} // namespace qsvtc::runtime
