//===- Elaborator.cpp - From the parsed program to a flat circuit ---------===//
#include "qsvtc/runtime/Elaborator.h"

#include "MatrixPower.h"
#include "qsvtc/runtime/Error.h"
#include "qsvtc/runtime/ExprEval.h"
#include "qsvtc/runtime/Gates.h"
#include "qsvtc/runtime/Parser.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numbers>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace qsvtc::runtime {

namespace {

using Ops = std::vector<Operation>;

/// What a gate name refers to.
struct GateInfo {
  enum class Kind { U, GPhase, Std, User } kind = Kind::U;
  int numParams = 0;
  int numQubits = 0;
  const StdGate *std = nullptr;
  const Stmt *def = nullptr;
};

} // namespace

class Elaborator {
public:
  explicit Elaborator(const Program &program) : program(program), file(program.source) {}

  /// The whole program; calls of definitions at nesting depth >= keepFrom
  /// stay unexpanded (0: the top level's; -1: none).
  Circuit run(int keep) {
    keepFrom = keep;
    for (const StmtPtr &s : program.statements)
      if (!prepared || (s->kind != Stmt::Kind::GateDef && s->kind != Stmt::Kind::ConstDecl))
        topLevel(*s, globals, /*inLoop=*/false);
    return takeCircuit();
  }

  /// Defines the program's gates and constants once, so that definitions
  /// can be elaborated one by one (runDefinition) and the top level after
  /// them (run).
  std::vector<GateDefinition> prepare() {
    std::vector<GateDefinition> out;
    for (const StmtPtr &s : program.statements) {
      if (s->kind != Stmt::Kind::GateDef && s->kind != Stmt::Kind::ConstDecl)
        continue;
      topLevel(*s, globals, /*inLoop=*/false); // checks names and bodies
      if (s->kind == Stmt::Kind::GateDef)
        out.push_back({s->name, static_cast<int>(s->qubitNames.size()),
                       static_cast<int>(s->paramNames.size()), s->nameLoc});
    }
    prepared = true;
    return out;
  }

  /// Definition `name` on a register "a" of its arity (after prepare()),
  /// its calls kept one level down when `keepCalls`.
  Circuit runDefinition(const std::string &name, bool keepCalls) {
    auto it = gates.find(name);
    if (it == gates.end())
      throw Error("no gate definition '" + name + "' in " + file.name);
    const Stmt &def = *it->second;
    if (!def.paramNames.empty())
      fail(def.nameLoc, "gate '" + name +
                            "' has parameters: only parameterless definitions are "
                            "verified one by one");
    keepFrom = keepCalls ? 1 : -1;
    const int arity = static_cast<int>(def.qubitNames.size());
    circuit.registers.push_back({"a", 0, arity});
    circuit.numQubits = arity;
    std::vector<int> qubits(arity);
    for (int i = 0; i < arity; ++i)
      qubits[i] = i;
    circuit.ops = expandBase(def, lookupGate(name, def.nameLoc), {}, qubits);
    return takeCircuit();
  }

private:
  [[noreturn]] void fail(SourceLoc loc, const std::string &msg) const {
    reportError(file, loc, msg);
  }

  void topLevel(const Stmt &s, Bindings &vars, bool inLoop);
  void declareQubits(const Stmt &s, const Bindings &vars);
  void declareConst(const Stmt &s, Bindings &vars);
  void defineGate(const Stmt &s);
  void checkBody(const std::vector<StmtPtr> &body, const Stmt &def);
  void globalCall(const Stmt &s, const Bindings &vars);
  void measure(const Stmt &s, const Bindings &vars);
  /// A loop's bounds, evaluated and checked, and its trip count.
  struct LoopRange {
    long long start = 0, end = 0, step = 1, trips = 0;
  };
  LoopRange loopRange(const Stmt &s, const Bindings &vars) const;
  template <typename Body> void forLoop(const Stmt &s, const Bindings &vars, Body body);

  std::vector<int> resolveOperand(const QubitOperand &op, const Bindings &vars) const;
  GateInfo lookupGate(const std::string &name, SourceLoc loc) const;
  Ops call(const Stmt &s, const Bindings &vars, const std::vector<int> &qubits);
  Ops applyModifiers(const Stmt &s, std::size_t index, const std::vector<double> &params,
                     const std::vector<int> &qubits, const GateInfo &gate,
                     const std::vector<int> &ctrlCounts, const std::vector<double> &powers);
  Ops expandBase(const Stmt &s, const GateInfo &gate, const std::vector<double> &params,
                 const std::vector<int> &qubits);
  void expandBody(const std::vector<StmtPtr> &body, const Bindings &vars,
                  const std::vector<int> &formals, Ops &out);

  double estimate(const Stmt &s, Bindings &vars);
  double definitionEstimate(const Stmt &def);
  /// Refuses a top-level statement whose expansion would pass
  /// kMaxOperations before expanding it: memory must not grow first.
  void checkExpansion(const Stmt &s, Bindings &vars) {
    const double more = estimate(s, vars);
    if (double(circuit.ops.size()) + more > double(kMaxOperations)) {
      char n[32];
      std::snprintf(n, sizeof n, "%.3g", more);
      fail(s.loc, std::string("circuit too large: this statement expands to about ") + n +
                      " operations (at most " + std::to_string(kMaxOperations) +
                      "); nothing was expanded");
    }
  }

  void countOperations(std::size_t more, SourceLoc loc) {
    if (more > kMaxOperations || circuit.ops.size() + more > kMaxOperations)
      fail(loc, "circuit too large (more than " + std::to_string(kMaxOperations) + " operations)");
  }
  void countIteration(SourceLoc loc) {
    if (++iterations > kMaxLoopIterations)
      fail(loc, "too many loop iterations (more than " + std::to_string(kMaxLoopIterations) + ")");
  }

  /// The circuit built, the elaborator reset for the next one.
  Circuit takeCircuit() {
    Circuit out = std::move(circuit);
    circuit = Circuit{};
    iterations = 0;
    depth = 0;
    measured.clear();
    return out;
  }

  const Program &program;
  const SourceFile &file;
  int keepFrom = -1;
  bool prepared = false;
  std::map<const Stmt *, double> definitionEstimates;
  Circuit circuit;
  long long iterations = 0;
  Bindings globals;
  std::map<std::string, const Stmt *> gates;
  std::set<int> measured;
  int depth = 0;
};

void Elaborator::topLevel(const Stmt &s, Bindings &vars, bool inLoop) {
  switch (s.kind) {
  case Stmt::Kind::QubitDecl:
    if (inLoop)
      fail(s.loc, "qubit declarations are only allowed at the top level");
    declareQubits(s, vars);
    return;
  case Stmt::Kind::ConstDecl:
    if (inLoop)
      fail(s.loc, "declarations inside a loop body are not supported");
    declareConst(s, vars);
    return;
  case Stmt::Kind::GateDef:
    if (inLoop)
      fail(s.loc, "gate definitions are only allowed at the top level");
    defineGate(s);
    return;
  case Stmt::Kind::GateCall:
    if (!inLoop)
      checkExpansion(s, vars);
    globalCall(s, vars);
    return;
  case Stmt::Kind::For:
    if (!inLoop)
      checkExpansion(s, vars);
    forLoop(s, vars, [&](Bindings &inner) {
      for (const StmtPtr &b : s.body)
        topLevel(*b, inner, /*inLoop=*/true);
    });
    return;
  case Stmt::Kind::Measure:
    measure(s, vars);
    return;
  case Stmt::Kind::Ignored:
    return;
  }
}

void Elaborator::declareQubits(const Stmt &s, const Bindings &vars) {
  if (circuit.findRegister(s.name) || vars.count(s.name) || gates.count(s.name))
    fail(s.nameLoc, "redefinition of '" + s.name + "'");
  long long size = 1;
  if (s.size) {
    size = evaluateInt(*s.size, vars, file, "a register size");
    if (size < 1)
      fail(s.size->loc, "register size must be positive, got " + std::to_string(size));
  }
  // A circuit to simulate fits 64-bit indices; one whose calls are kept
  // (composed, never simulated whole) only needs its qubits numbered.
  const int maxQubits = keepFrom == 0 ? kMaxComposedQubits : kMaxCircuitQubits;
  if (circuit.numQubits + size > maxQubits)
    fail(s.loc, "too many qubits: " + std::to_string(circuit.numQubits + size) + " (at most " +
                    std::to_string(maxQubits) + ")");
  circuit.registers.push_back({s.name, circuit.numQubits, static_cast<int>(size)});
  circuit.numQubits += static_cast<int>(size);
}

void Elaborator::declareConst(const Stmt &s, Bindings &vars) {
  if (vars.count(s.name) || circuit.findRegister(s.name))
    fail(s.nameLoc, "redefinition of '" + s.name + "'");
  Value v = evaluate(*s.value, vars, file);
  if (s.isIntType) {
    if (v.v != std::trunc(v.v))
      fail(s.value->loc, "integer constant '" + s.name + "' initialised with a non-integer value");
    v.isInt = true;
  } else {
    v.isInt = false;
  }
  vars[s.name] = v;
}

GateInfo Elaborator::lookupGate(const std::string &name, SourceLoc loc) const {
  GateInfo g;
  if (name == "U") {
    g.kind = GateInfo::Kind::U;
    g.numParams = 3;
    g.numQubits = 1;
    return g;
  }
  if (name == "gphase") {
    g.kind = GateInfo::Kind::GPhase;
    g.numParams = 1;
    g.numQubits = 0;
    return g;
  }
  if (auto it = gates.find(name); it != gates.end()) {
    g.kind = GateInfo::Kind::User;
    g.def = it->second;
    g.numParams = static_cast<int>(g.def->paramNames.size());
    g.numQubits = static_cast<int>(g.def->qubitNames.size());
    return g;
  }
  if (const StdGate *sg = findStdGate(name)) {
    if (!program.includesStdgates)
      fail(loc, "unknown gate '" + name +
                    "' (it is in stdgates.inc: add 'include "
                    "\"stdgates.inc\";')");
    g.kind = GateInfo::Kind::Std;
    g.std = sg;
    g.numParams = sg->numParams;
    g.numQubits = sg->numQubits();
    return g;
  }
  fail(loc, "unknown gate '" + name + "'");
}

/// Operations `s` expands to, computed without expanding it: loops
/// multiply (a loop whose bounds depend on an outer variable counts its
/// larger trip), calls of definitions count their bodies (memoised, so 64
/// definitions each calling the previous twice cost 64 sums), pow(k)
/// multiplies by |k|, a register operand broadcasts. Expressions it cannot
/// evaluate count as nothing here: the expansion reports them.
double Elaborator::estimate(const Stmt &s, Bindings &vars) {
  try {
    if (s.kind == Stmt::Kind::For) {
      const auto [start, end, step, trips] = loopRange(s, vars);
      double body = 0;
      for (long long at : {start, end}) {
        Bindings inner = vars;
        inner[s.name] = {static_cast<double>(at), true};
        double sum = 0;
        for (const StmtPtr &b : s.body)
          sum += estimate(*b, inner);
        body = std::max(body, sum);
      }
      return double(trips) * body;
    }
    if (s.kind != Stmt::Kind::GateCall)
      return 0;
    double unit = 1;
    if (auto it = gates.find(s.name); it != gates.end() && !(keepFrom >= 0 && depth >= keepFrom))
      unit = definitionEstimate(*it->second);
    for (const Modifier &m : s.modifiers)
      if (m.kind == Modifier::Kind::Pow) {
        const double k = evaluate(*m.arg, vars, file).v;
        if (k == std::trunc(k))
          unit *= std::fabs(k);
      }
    double width = 1;
    for (const QubitOperand &op : s.operands)
      if (!op.index)
        if (const QubitRegister *r = circuit.findRegister(op.name))
          width = std::max(width, double(r->size));
    return unit * width;
  } catch (const DiagnosticError &) {
    return 0;
  }
}

double Elaborator::definitionEstimate(const Stmt &def) {
  if (auto it = definitionEstimates.find(&def); it != definitionEstimates.end())
    return it->second;
  Bindings vars = globals;
  for (const std::string &p : def.paramNames)
    vars[p] = {0.0, false};
  double sum = 0;
  for (const StmtPtr &b : def.body)
    sum += estimate(*b, vars);
  return definitionEstimates[&def] = sum;
}

void Elaborator::defineGate(const Stmt &s) {
  if (s.name == "U" || s.name == "gphase" || (program.includesStdgates && findStdGate(s.name)))
    fail(s.nameLoc, "redefinition of built-in gate '" + s.name + "'");
  if (gates.count(s.name) || circuit.findRegister(s.name))
    fail(s.nameLoc, "redefinition of '" + s.name + "'");
  std::set<std::string> names;
  for (const std::string &p : s.paramNames)
    if (!names.insert(p).second)
      fail(s.nameLoc, "gate '" + s.name + "' has two parameters named '" + p + "'");
  for (std::size_t i = 0; i < s.qubitNames.size(); ++i)
    if (!names.insert(s.qubitNames[i]).second)
      fail(s.qubitNameLocs[i], "duplicate name '" + s.qubitNames[i] + "' in gate '" + s.name + "'");
  checkBody(s.body, s);
  gates[s.name] = &s;
}

/// Names in a body: gates must already exist (no recursion), operands must
/// be the gate's own qubit arguments.
void Elaborator::checkBody(const std::vector<StmtPtr> &body, const Stmt &def) {
  for (const StmtPtr &b : body) {
    if (b->kind == Stmt::Kind::For) {
      checkBody(b->body, def);
      continue;
    }
    if (b->name == def.name)
      fail(b->nameLoc, "gate '" + def.name + "' cannot call itself");
    if (!gates.count(b->name))
      for (const StmtPtr &later : program.statements)
        if (later->kind == Stmt::Kind::GateDef && later->name == b->name)
          fail(b->nameLoc, "gate '" + def.name + "' calls '" + b->name +
                               "', which is defined after it: a definition must come before "
                               "its callers (no recursion, no cycles)");
    lookupGate(b->name, b->nameLoc);
    // The parser resolved the operands to the gate's arguments (formals).
    if (!b->operands.empty())
      fail(b->operands.front().loc, "a call in a gate body names the gate's own qubits");
  }
}

Elaborator::LoopRange Elaborator::loopRange(const Stmt &s, const Bindings &vars) const {
  LoopRange r;
  r.start = evaluateInt(*s.rangeStart, vars, file, "a loop bound");
  r.end = evaluateInt(*s.rangeEnd, vars, file, "a loop bound");
  r.step = s.rangeStep ? evaluateInt(*s.rangeStep, vars, file, "a loop step") : 1;
  if (r.step == 0)
    fail(s.rangeStep->loc, "loop step must not be zero");
  const bool runs = r.step > 0 ? r.end >= r.start : r.end <= r.start;
  r.trips = runs ? (r.end - r.start) / r.step + 1 : 0;
  return r;
}

template <typename Body> void Elaborator::forLoop(const Stmt &s, const Bindings &vars, Body body) {
  const auto [start, end, step, trips] = loopRange(s, vars);
  // The trip count first, so a runaway range fails before it runs.
  if (trips > kMaxLoopIterations - iterations)
    fail(s.loc, "too many loop iterations (more than " + std::to_string(kMaxLoopIterations) + ")");
  Bindings inner = vars;
  for (long long i = start; step > 0 ? i <= end : i >= end; i += step) {
    countIteration(s.loc);
    inner[s.name] = {static_cast<double>(i), true};
    body(inner);
  }
}

std::vector<int> Elaborator::resolveOperand(const QubitOperand &op, const Bindings &vars) const {
  const QubitRegister *r = circuit.findRegister(op.name);
  if (!r)
    fail(op.loc, "undeclared qubit register '" + op.name + "'");
  if (!op.index) {
    std::vector<int> all(r->size);
    for (int i = 0; i < r->size; ++i)
      all[i] = r->offset + i;
    return all;
  }
  const long long i = evaluateInt(*op.index, vars, file, "a qubit index");
  if (i < 0 || i >= r->size)
    fail(op.index->loc, "index " + std::to_string(i) + " out of range for '" + op.name +
                            "' (qubit[" + std::to_string(r->size) + "])");
  return {r->offset + static_cast<int>(i)};
}

void Elaborator::globalCall(const Stmt &s, const Bindings &vars) {
  // Report problems left to right: the gate name, its parameters, then the
  // operands.
  lookupGate(s.name, s.nameLoc);
  for (const ExprPtr &p : s.params)
    evaluate(*p, vars, file);
  std::vector<std::vector<int>> operands;
  std::size_t width = 1;
  for (const QubitOperand &op : s.operands) {
    operands.push_back(resolveOperand(op, vars));
    const std::size_t n = operands.back().size();
    if (n > 1 && width > 1 && n != width)
      fail(op.loc, "registers of different sizes (" + std::to_string(width) + " and " +
                       std::to_string(n) + ") in one gate call");
    width = std::max(width, n);
  }
  for (std::size_t i = 0; i < width; ++i) {
    std::vector<int> qubits;
    for (const std::vector<int> &o : operands)
      qubits.push_back(o.size() == 1 ? o[0] : o[i]);
    for (int q : qubits)
      if (measured.count(q))
        fail(s.loc, "gate '" + s.name + "' acts on " + circuit.qubitName(q) +
                        " after it was measured (the runtime simulates the "
                        "unitary part only)");
    Ops ops = call(s, vars, qubits);
    countOperations(ops.size(), s.loc);
    for (Operation &op : ops)
      circuit.ops.push_back(std::move(op));
  }
}

void Elaborator::measure(const Stmt &s, const Bindings &vars) {
  for (const QubitOperand &op : s.operands)
    for (int q : resolveOperand(op, vars))
      measured.insert(q);
}

/// One gate call on resolved qubits: counts checked, then expanded.
Ops Elaborator::call(const Stmt &s, const Bindings &vars, const std::vector<int> &qubits) {
  const GateInfo gate = lookupGate(s.name, s.nameLoc);
  std::vector<double> params;
  for (const ExprPtr &p : s.params)
    params.push_back(evaluate(*p, vars, file).v);
  if (static_cast<int>(params.size()) != gate.numParams)
    fail(s.nameLoc, "gate '" + s.name + "' takes " + std::to_string(gate.numParams) + " parameter" +
                        (gate.numParams == 1 ? "" : "s") + ", " + std::to_string(params.size()) +
                        " given");
  std::vector<int> ctrlCounts(s.modifiers.size(), 0);
  std::vector<double> powers(s.modifiers.size(), 0);
  int expected = gate.numQubits;
  for (std::size_t i = 0; i < s.modifiers.size(); ++i) {
    const Modifier &m = s.modifiers[i];
    if (m.kind == Modifier::Kind::Ctrl || m.kind == Modifier::Kind::NegCtrl) {
      const long long n = m.arg ? evaluateInt(*m.arg, vars, file, "a control count") : 1;
      if (n < 1 || n > kMaxComposedQubits)
        fail(m.arg->loc, "control count must be between 1 and " +
                             std::to_string(kMaxComposedQubits) + ", got " + std::to_string(n));
      ctrlCounts[i] = static_cast<int>(n);
      expected += static_cast<int>(n);
    } else if (m.kind == Modifier::Kind::Pow) {
      powers[i] = evaluate(*m.arg, vars, file).v;
    }
  }
  if (static_cast<int>(qubits.size()) != expected)
    fail(s.operands.empty() ? s.nameLoc : s.operands.front().loc,
         (s.modifiers.empty() ? "gate '" + s.name + "'"
                              : "gate '" + s.name + "' with its modifiers") +
             " takes " + std::to_string(expected) + " qubit" + (expected == 1 ? "" : "s") + ", " +
             std::to_string(qubits.size()) + " given");
  std::vector<int> sorted = qubits;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    fail(s.operands.empty() ? s.nameLoc : s.operands.front().loc,
         "gate '" + s.name + "' is given the same qubit twice");
  return applyModifiers(s, 0, params, qubits, gate, ctrlCounts, powers);
}

Ops Elaborator::applyModifiers(const Stmt &s, std::size_t index, const std::vector<double> &params,
                               const std::vector<int> &qubits, const GateInfo &gate,
                               const std::vector<int> &ctrlCounts,
                               const std::vector<double> &powers) {
  if (index == s.modifiers.size())
    return expandBase(s, gate, params, qubits);
  const Modifier &m = s.modifiers[index];
  if (m.kind == Modifier::Kind::Ctrl || m.kind == Modifier::Kind::NegCtrl) {
    const std::size_t n = static_cast<std::size_t>(ctrlCounts[index]);
    const std::vector<int> rest(qubits.begin() + n, qubits.end());
    Ops inner = applyModifiers(s, index + 1, params, rest, gate, ctrlCounts, powers);
    for (Operation &op : inner)
      for (std::size_t i = 0; i < n; ++i)
        op.controls.push_back({qubits[i], m.kind == Modifier::Kind::Ctrl});
    return inner;
  }
  Ops inner = applyModifiers(s, index + 1, params, qubits, gate, ctrlCounts, powers);
  if (m.kind == Modifier::Kind::Inv) {
    Ops out;
    for (auto it = inner.rbegin(); it != inner.rend(); ++it)
      out.push_back(it->inverse());
    return out;
  }
  // pow(k)
  const double k = powers[index];
  if (k == std::trunc(k)) {
    if (std::fabs(k) > double(kMaxOperations))
      fail(m.loc, "pow exponent too large");
    Ops unit = inner;
    if (k < 0) {
      unit.clear();
      for (auto it = inner.rbegin(); it != inner.rend(); ++it)
        unit.push_back(it->inverse());
    }
    countOperations(static_cast<std::size_t>(std::fabs(k)) * unit.size(), m.loc);
    Ops out;
    for (long long r = 0; r < static_cast<long long>(std::fabs(k)); ++r)
      out.insert(out.end(), unit.begin(), unit.end());
    return out;
  }
  std::vector<int> touched;
  if (inner.empty())
    return inner;
  for (const Operation &op : inner)
    if (op.call)
      fail(m.loc, "non-integer pow of a call of gate '" + op.name +
                      "' (its verified block has no principal power here)");
  {
    std::set<int> all;
    for (const Operation &op : inner) {
      all.insert(op.targets.begin(), op.targets.end());
      for (const Control &c : op.controls)
        all.insert(c.qubit);
    }
    if (all.size() > static_cast<std::size_t>(kMaxPowQubits))
      fail(m.loc, "non-integer pow of a gate on " + std::to_string(all.size()) +
                      " qubits (at most " + std::to_string(kMaxPowQubits) + ")");
  }
  Operation op;
  op.name = "pow(" + std::to_string(k) + ") @ " + s.name;
  if (inner.size() == 1 && inner[0].controls.empty() && !inner[0].targets.empty()) {
    op.targets = inner[0].targets;
    op.matrix = principalPower(inner[0].matrix, k);
  } else {
    const Eigen::MatrixXcd u = denseOf(inner, touched);
    op.targets = touched;
    op.matrix = principalPower(u, k);
  }
  return {op};
}

Ops Elaborator::expandBase(const Stmt &s, const GateInfo &gate, const std::vector<double> &params,
                           const std::vector<int> &qubits) {
  Operation op;
  op.name = s.name;
  switch (gate.kind) {
  case GateInfo::Kind::U:
    op.targets = qubits;
    op.matrix = uMatrix(params[0], params[1], params[2]);
    return {op};
  case GateInfo::Kind::GPhase:
    op.matrix = Eigen::MatrixXcd::Constant(1, 1, std::polar(1.0, params[0]));
    return {op};
  case GateInfo::Kind::Std: {
    const int nc = gate.std->numControls;
    for (int i = 0; i < nc; ++i)
      op.controls.push_back({qubits[i], true});
    op.targets.assign(qubits.begin() + nc, qubits.end());
    op.matrix = gate.std->matrix(params);
    return {op};
  }
  case GateInfo::Kind::User: {
    if (keepFrom >= 0 && depth >= keepFrom) {
      op.targets = qubits;
      op.call = true;
      return {op};
    }
    if (++depth > 1000)
      fail(s.loc, "gate definitions nested too deeply");
    Bindings vars = globals;
    for (std::size_t i = 0; i < params.size(); ++i)
      vars[gate.def->paramNames[i]] = {params[i], false};
    Ops out;
    expandBody(gate.def->body, vars, qubits, out);
    --depth;
    return out;
  }
  }
  return {};
}

void Elaborator::expandBody(const std::vector<StmtPtr> &body, const Bindings &vars,
                            const std::vector<int> &formals, Ops &out) {
  for (const StmtPtr &b : body) {
    if (b->kind == Stmt::Kind::For) {
      forLoop(*b, vars, [&](Bindings &inner) { expandBody(b->body, inner, formals, out); });
      continue;
    }
    std::vector<int> qubits;
    for (int f : b->formals)
      qubits.push_back(formals.at(f));
    Ops ops = call(*b, vars, qubits);
    countOperations(out.size() + ops.size(), b->loc);
    out.insert(out.end(), ops.begin(), ops.end());
  }
}

Circuit elaborate(const Program &program, bool keepCalls) {
  return Elaborator(program).run(keepCalls ? 0 : -1);
}

DefinitionTable::DefinitionTable(const Program &program)
    : elaborator(std::make_unique<Elaborator>(program)) {
  defs = elaborator->prepare();
}
DefinitionTable::~DefinitionTable() = default;

Circuit DefinitionTable::body(const std::string &name, bool keepCalls) const {
  return elaborator->runDefinition(name, keepCalls);
}

Circuit DefinitionTable::topLevel(bool keepCalls) const {
  return elaborator->run(keepCalls ? 0 : -1);
}

Circuit readQasm(const std::string &text, const std::string &name) {
  return elaborate(parseQasm(SourceFile{name, text}));
}

} // namespace qsvtc::runtime
