//===- SemaExpr.cpp - Expressions and calls of a model --------------------===//
//
// Scalars fold to numbers; tensor expressions become qt ops. The two kinds
// of function stay apart: `gelu(x)`, `exp(x)` act on every entry
// (qt.elementwise), `matrix exp(x)` acts on the matrix (qt.matfn: QSVT of
// its singular values or eigenvalues).
//
//===----------------------------------------------------------------------===//
#include "SemaImpl.h"

#include "qsvtc/approx/Activations.h"
#include "qsvtc/ir/Attribute.h"
#include "qsvtc/ops/QtOps.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace qsvtc::frontend {

namespace {

const std::vector<std::string> ElementwiseFunctions = approx::dslActivationNames();
const std::vector<std::string> &MatrixFunctions = ops::qt::matrixFunctionNames();

const std::map<std::string, std::function<double(double)>> &scalarFunctions() {
  static const std::map<std::string, std::function<double(double)>> table = {
      {"sqrt", [](double x) { return std::sqrt(x); }},
      {"exp", [](double x) { return std::exp(x); }},
      {"log", [](double x) { return std::log(x); }},
      {"abs", [](double x) { return std::fabs(x); }},
      {"sin", [](double x) { return std::sin(x); }},
      {"cos", [](double x) { return std::cos(x); }},
      {"tanh", [](double x) { return std::tanh(x); }}};
  return table;
}

std::string joined(const std::vector<std::string> &names) {
  std::string out;
  for (const std::string &n : names)
    out += (out.empty() ? "" : ", ") + n;
  return out;
}

bool contains(const std::vector<std::string> &names, const std::string &name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

SemaValue Sema::eval(const Expr &e) {
  switch (e.kind) {
  case Expr::Kind::Number:
    return SemaValue::ofScalar(e.number);
  case Expr::Kind::Name: {
    const Symbol *symbol = lookup(e.name);
    if (!symbol) {
      error(e, "use of undeclared name '" + e.name + "'");
      return SemaValue::error();
    }
    if (symbol->kind == Symbol::Kind::Block) {
      error(e, "block '" + e.name + "' must be called: " + e.name + "(...)");
      return SemaValue::error();
    }
    return symbol->value;
  }
  case Expr::Kind::Unary: {
    SemaValue v = eval(*e.operands[0]);
    if (v.isScalar())
      return SemaValue::ofScalar(-v.scalar);
    if (v.isTensor())
      return SemaValue::ofTensor(build(e, ops::qt::Scale::name, {v.tensor}, {{"factor", -1.0}}));
    return v;
  }
  case Expr::Kind::Binary:
    return evalBinary(e);
  case Expr::Kind::Transpose: {
    ir::Value *t = tensorOperand(*e.operands[0]);
    return t ? SemaValue::ofTensor(build(e, ops::qt::Transpose::name, {t})) : SemaValue::error();
  }
  case Expr::Kind::Call:
    return evalCall(e);
  case Expr::Kind::List:
    error(e, "a list is only allowed as a weight's or input's value or as coef = [...]");
    return SemaValue::error();
  case Expr::Kind::String:
    error(e, "a string is only allowed as a file name in csv(...) or npy(...)");
    return SemaValue::error();
  }
  return SemaValue::error();
}

ir::Value *Sema::tensorOperand(const Expr &e) {
  SemaValue v = eval(e);
  if (v.isScalar())
    error(e, "expected a tensor, found a number");
  return v.isTensor() ? v.tensor : nullptr;
}

std::optional<int64_t> Sema::asInteger(const Expr &at, const SemaValue &v,
                                       const std::string &what) {
  if (v.isError())
    return std::nullopt;
  if (!v.isScalar() || v.scalar != std::floor(v.scalar) || std::fabs(v.scalar) > 9e15) {
    error(at, what + " must be an integer" +
                  (v.isScalar() ? ", got " + ir::formatFloat(v.scalar) : std::string()));
    return std::nullopt;
  }
  return static_cast<int64_t>(v.scalar);
}

SemaValue Sema::evalBinary(const Expr &e) {
  const Expr &lhsExpr = *e.operands[0], &rhsExpr = *e.operands[1];
  SemaValue lhs = eval(lhsExpr), rhs = eval(rhsExpr);
  if (lhs.isError() || rhs.isError())
    return SemaValue::error();
  std::string op(1, e.op);
  if (lhs.isScalar() && rhs.isScalar()) {
    double a = lhs.scalar, b = rhs.scalar, r = 0;
    switch (e.op) {
    case '+':
      r = a + b;
      break;
    case '-':
      r = a - b;
      break;
    case '*':
      r = a * b;
      break;
    case '@':
      error(e, "'@' multiplies matrices; use '*' for numbers");
      return SemaValue::error();
    case '/':
      if (b == 0) {
        error(rhsExpr, "division by zero");
        return SemaValue::error();
      }
      r = a / b;
      break;
    case '^':
      r = std::pow(a, b);
      break;
    }
    if (!std::isfinite(r)) {
      error(e, "this constant is not a finite number");
      return SemaValue::error();
    }
    return SemaValue::ofScalar(r);
  }
  switch (e.op) {
  case '+':
  case '-':
    if (lhs.isTensor() && rhs.isTensor()) {
      ir::Value *right = rhs.tensor;
      if (e.op == '-')
        right = build(rhsExpr, ops::qt::Scale::name, {right}, {{"factor", -1.0}});
      return right ? SemaValue::ofTensor(build(e, ops::qt::Add::name, {lhs.tensor, right}))
                   : SemaValue::error();
    }
    error(e, "cannot " + std::string(e.op == '+' ? "add" : "subtract") + " a number and a tensor");
    return SemaValue::error();
  case '*':
    if (lhs.isTensor() && rhs.isTensor()) {
      error(e, "'*' scales by a number; use '@' for the matrix product");
      return SemaValue::error();
    }
    return SemaValue::ofTensor(build(e, ops::qt::Scale::name,
                                     {lhs.isTensor() ? lhs.tensor : rhs.tensor},
                                     {{"factor", lhs.isTensor() ? rhs.scalar : lhs.scalar}}));
  case '/':
    if (!rhs.isScalar()) {
      error(e, "only division by a number is supported");
      return SemaValue::error();
    }
    if (rhs.scalar == 0) {
      error(rhsExpr, "division by zero");
      return SemaValue::error();
    }
    return SemaValue::ofTensor(
        build(e, ops::qt::Scale::name, {lhs.tensor}, {{"factor", 1.0 / rhs.scalar}}));
  case '@':
    if (!lhs.isTensor() || !rhs.isTensor()) {
      error(e, "'@' needs two tensors; use '*' to scale by a number");
      return SemaValue::error();
    }
    return SemaValue::ofTensor(build(e, ops::qt::Matmul::name, {lhs.tensor, rhs.tensor}));
  case '^':
    error(e, "powers of tensors are not supported; write X^T for the transpose");
    return SemaValue::error();
  }
  return SemaValue::error();
}

bool Sema::checkArguments(const Expr &call, std::size_t positional,
                          std::initializer_list<const char *> named) {
  bool ok = true;
  if (call.operands.size() != positional) {
    error(call, "'" + call.name + "' takes " + std::to_string(positional) +
                    " positional argument(s), got " + std::to_string(call.operands.size()));
    ok = false;
  }
  for (const NamedArg &arg : call.namedArgs)
    if (std::none_of(named.begin(), named.end(), [&](const char *n) { return arg.name == n; })) {
      std::string allowed;
      for (const char *n : named)
        allowed += (allowed.empty() ? "" : ", ") + std::string(n);
      error(arg.nameRange, "unknown argument '" + arg.name + "' for '" + call.name + "'" +
                               (allowed.empty() ? "" : " (expected: " + allowed + ")"));
      ok = false;
    }
  if (call.repeat) {
    error(*call.repeat, "'repeat' applies to block calls only");
    ok = false;
  }
  return ok;
}

std::optional<double> Sema::scalarArg(const Expr &call, const char *key) {
  const NamedArg *arg = call.findArg(key);
  SemaValue v = eval(*arg->value);
  if (v.isTensor())
    error(*arg->value, "'" + std::string(key) + "' must be a number");
  if (!v.isScalar())
    return std::nullopt;
  return v.scalar;
}

std::optional<int64_t> Sema::integerArg(const Expr &call, const char *key) {
  const NamedArg *arg = call.findArg(key);
  if (!arg)
    return std::nullopt;
  return asInteger(*arg->value, eval(*arg->value), "'" + std::string(key) + "'");
}

/// Nested lists of numbers: their shape and row-major entries.
bool Sema::flattenList(const Expr &list, std::vector<int64_t> &shape, std::size_t depth,
                       std::vector<double> &values) {
  if (depth >= 4) {
    error(list, "lists nest at most 4 deep (rank 4)");
    return false;
  }
  int64_t count = static_cast<int64_t>(list.operands.size());
  if (count == 0) {
    error(list, "empty list");
    return false;
  }
  if (shape.size() == depth)
    shape.push_back(count);
  else if (shape[depth] != count) {
    error(list, "ragged list: " + std::to_string(count) + " items where the first row has " +
                    std::to_string(shape[depth]));
    return false;
  }
  for (const ExprPtr &item : list.operands) {
    // The first path to a number fixes the rank; every number must sit at
    // that depth.
    bool nested = item->kind == Expr::Kind::List;
    bool rankFixed = !values.empty();
    if (rankFixed && (nested ? shape.size() <= depth + 1 : shape.size() != depth + 1)) {
      error(*item, "ragged list: rows mix numbers and lists");
      return false;
    }
    if (nested) {
      if (!flattenList(*item, shape, depth + 1, values))
        return false;
      continue;
    }
    SemaValue v = eval(*item);
    if (!v.isScalar()) {
      if (v.isTensor())
        error(*item, "list items must be numbers");
      return false;
    }
    values.push_back(v.scalar);
  }
  return true;
}

SemaValue Sema::evalCall(const Expr &e) {
  if (e.isMatrixFunction)
    return evalMatrixFunction(e);
  if (const Symbol *symbol = lookup(e.name); symbol && symbol->kind == Symbol::Kind::Block)
    return evalBlockCall(e, *symbol->block);
  const std::string &fn = e.name;
  // Scalar math folds when its argument is a number.
  if (scalarFunctions().count(fn) && e.operands.size() == 1 && e.namedArgs.empty()) {
    SemaValue arg = eval(*e.operands[0]);
    if (arg.isError())
      return arg;
    if (arg.isScalar()) {
      double r = scalarFunctions().at(fn)(arg.scalar);
      if (!std::isfinite(r)) {
        error(e, fn + "(" + ir::formatFloat(arg.scalar) + ") is not a finite number");
        return SemaValue::error();
      }
      return SemaValue::ofScalar(r);
    }
    if (!contains(ElementwiseFunctions, fn)) {
      error(e, "'" + fn + "' of a tensor is not supported; element-wise functions are: " +
                   joined(ElementwiseFunctions));
      return SemaValue::error();
    }
    return SemaValue::ofTensor(build(e, ops::qt::Elementwise::name, {arg.tensor}, {{"fn", fn}}));
  }
  if (contains(ElementwiseFunctions, fn)) {
    if (!checkArguments(e, 1, {}))
      return SemaValue::error();
    ir::Value *x = tensorOperand(*e.operands[0]);
    return x ? SemaValue::ofTensor(build(e, ops::qt::Elementwise::name, {x}, {{"fn", fn}}))
             : SemaValue::error();
  }
  if (fn == "transpose") {
    if (!checkArguments(e, 1, {}))
      return SemaValue::error();
    ir::Value *x = tensorOperand(*e.operands[0]);
    return x ? SemaValue::ofTensor(build(e, ops::qt::Transpose::name, {x})) : SemaValue::error();
  }
  if (fn == "softmax" || fn == "layernorm" || fn == "rmsnorm") {
    bool ok = fn == "softmax" ? checkArguments(e, 1, {"axis"})
              : fn == "layernorm"
                  ? checkArguments(e, 1, {"axis", "gamma", "beta", "epsilon", "min_std"})
                  : checkArguments(e, 1, {"axis", "gamma", "epsilon", "min_std"});
    if (!ok)
      return SemaValue::error();
    ir::Value *x = tensorOperand(*e.operands[0]);
    if (!x)
      return SemaValue::error();
    ir::AttrDict attrs;
    std::optional<int64_t> axis =
        e.findArg("axis") ? integerArg(e, "axis") : std::optional<int64_t>(x->type.rank() - 1);
    if (!axis)
      return SemaValue::error();
    attrs["axis"] = ir::Attribute(*axis);
    for (const char *key : {"gamma", "beta", "epsilon", "min_std"})
      if (e.findArg(key)) {
        std::optional<double> v = scalarArg(e, key);
        if (!v)
          return SemaValue::error();
        attrs[key] = ir::Attribute(*v);
      }
    const char *op = fn == "softmax"     ? ops::qt::Softmax::name
                     : fn == "layernorm" ? ops::qt::LayerNorm::name
                                         : ops::qt::RmsNorm::name;
    return SemaValue::ofTensor(build(e, op, {x}, std::move(attrs)));
  }
  if (fn == "attention") {
    if (!checkArguments(e, 3, {"heads", "causal"}))
      return SemaValue::error();
    ir::Value *q = tensorOperand(*e.operands[0]), *k = tensorOperand(*e.operands[1]),
              *v = tensorOperand(*e.operands[2]);
    std::optional<int64_t> heads = e.findArg("heads") ? integerArg(e, "heads") : 1;
    std::optional<int64_t> causal = e.findArg("causal") ? integerArg(e, "causal") : 0;
    if (!q || !k || !v || !heads || !causal)
      return SemaValue::error();
    ir::AttrDict attrs = {{"heads", ir::Attribute(*heads)}};
    if (*causal != 0) // causal = 1: token j attends to tokens 0..j only
      attrs["causal"] = ir::Attribute(*causal);
    return SemaValue::ofTensor(build(e, ops::qt::Attention::name, {q, k, v}, std::move(attrs)));
  }
  if (fn == "conv2d") {
    if (!checkArguments(e, 2, {"stride", "padding"}))
      return SemaValue::error();
    ir::Value *x = tensorOperand(*e.operands[0]), *w = tensorOperand(*e.operands[1]);
    ir::AttrDict attrs;
    for (const char *key : {"stride", "padding"})
      if (e.findArg(key)) {
        std::optional<int64_t> v = integerArg(e, key);
        if (!v)
          return SemaValue::error();
        attrs[key] = ir::Attribute(*v);
      }
    return x && w ? SemaValue::ofTensor(build(e, ops::qt::Conv2d::name, {x, w}, std::move(attrs)))
                  : SemaValue::error();
  }
  for (const char *init : {"random", "csv", "npy", "symbolic"})
    if (fn == init) {
      error(e, "'" + fn + "(...)' gives a weight's value; use it in a weight declaration");
      return SemaValue::error();
    }
  error(e, "unknown function '" + fn + "'");
  return SemaValue::error();
}

/// matrix f(A, ...): QSVT of A's singular values / eigenvalues.
SemaValue Sema::evalMatrixFunction(const Expr &e) {
  if (!contains(MatrixFunctions, e.name)) {
    error(e, "unknown matrix function '" + e.name +
                 "'; matrix functions are: " + joined(MatrixFunctions));
    return SemaValue::error();
  }
  if (!checkArguments(e, 1, {"kappa", "coef"}))
    return SemaValue::error();
  ir::Value *a = tensorOperand(*e.operands[0]);
  if (!a)
    return SemaValue::error();
  ir::AttrDict attrs{{"fn", e.name}};
  if (e.findArg("kappa")) {
    std::optional<double> kappa = scalarArg(e, "kappa");
    if (!kappa)
      return SemaValue::error();
    attrs["kappa"] = ir::Attribute(*kappa);
  }
  if (const NamedArg *coef = e.findArg("coef")) {
    if (coef->value->kind != Expr::Kind::List) {
      error(*coef->value, "coef must be a list of Chebyshev coefficients [c0, c1, ...]");
      return SemaValue::error();
    }
    std::vector<int64_t> shape;
    std::vector<double> values;
    if (!flattenList(*coef->value, shape, 0, values))
      return SemaValue::error();
    if (shape.size() != 1) {
      error(*coef->value, "coef must be a flat list");
      return SemaValue::error();
    }
    attrs["coef"] = ir::floatList(values);
  }
  return SemaValue::ofTensor(build(e, ops::qt::Matfn::name, {a}, std::move(attrs)));
}

/// block(args) [repeat n]: n copies in sequence, each feeding its result
/// to the next copy's first parameter.
SemaValue Sema::evalBlockCall(const Expr &e, const Decl &block) {
  if (std::find(activeBlocks.begin(), activeBlocks.end(), &block) != activeBlocks.end()) {
    error(e, "block '" + block.name + "' calls itself");
    return SemaValue::error();
  }
  if (!e.namedArgs.empty()) {
    error(e.namedArgs[0].nameRange, "blocks take positional arguments only");
    return SemaValue::error();
  }
  if (e.operands.size() != block.params.size()) {
    error(e, "block '" + block.name + "' takes " + std::to_string(block.params.size()) +
                 " argument(s), got " + std::to_string(e.operands.size()));
    return SemaValue::error();
  }
  std::vector<SemaValue> args;
  for (const ExprPtr &operand : e.operands) {
    ir::Value *t = tensorOperand(*operand);
    if (!t)
      return SemaValue::error();
    args.push_back(SemaValue::ofTensor(t));
  }
  int64_t count = 1;
  if (e.repeat) {
    std::optional<int64_t> n = asInteger(*e.repeat, eval(*e.repeat), "the repeat count");
    if (!n)
      return SemaValue::error();
    if (*n < 1 || *n > 100000) {
      error(*e.repeat, "the repeat count must be in [1, 100000], got " + std::to_string(*n));
      return SemaValue::error();
    }
    count = *n;
    if (block.params.empty()) {
      error(e, "'repeat' needs a block with a parameter to feed each result into");
      return SemaValue::error();
    }
  }
  if (failedBlocks[&block])
    return SemaValue::error(); // its errors were reported once already
  SemaValue result;
  for (int64_t layer = 0; layer < count; ++layer) {
    int instance = instances[&block]; // the copy instantiateBlock makes
    const std::size_t opsBefore = module->operations.size();
    result = instantiateBlock(e, block, args);
    if (result.isError())
      return result;
    // Every copy has as many ops as the first: refuse the rest up front.
    if (layer == 0)
      checkExpansion(e.range, static_cast<double>(module->operations.size() - opsBefore + 1) *
                                  static_cast<double>(count - 1));
    // Mark the copy's output: a layer boundary the lowering may cut at
    // (seed 000 reads a layer's output out and loads it again).
    std::string label = block.name + "." + std::to_string(instance);
    std::string name = result.tensor->name;
    result.tensor->name.clear();
    result = SemaValue::ofTensor(
        build(e, ops::qt::BlockOutput::name, {result.tensor}, {{"block", label}}, name));
    args[0] = result;
  }
  return result;
}

} // namespace qsvtc::frontend
