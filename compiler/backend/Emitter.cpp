//===- Emitter.cpp - Lowered IR to an OpenQASM 3 program ------------------===//
#include "qsvtc/backend/Emitter.h"

#include "qsvtc/ir/Type.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/support/Error.h"

#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace qsvtc::backend {

namespace {

/// A QASM identifier from an IR value name ("block.0.x" -> "block_0_x").
std::string identifier(const std::string &hint, std::size_t index) {
  std::string id;
  for (char c : hint)
    id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0])))
    id = "v" + std::to_string(index) + (id.empty() ? "" : "_" + id);
  return "be_" + id;
}

class Emitter final : public ops::EmitContext {
public:
  explicit Emitter(bool allowOpaque) : opaqueAllowed(allowOpaque) {}

  std::vector<EmittedCircuit> run(const ir::Module &module) {
    std::vector<const ir::Operation *> outputs;
    for (const auto &op : module.operations) {
      if (ops::is<ops::Output>(*op))
        outputs.push_back(op.get());
      else if (op->hasResult())
        emit(*op);
    }
    if (outputs.empty())
      throw Error("error: the module has no qsvt.output: lower it first (--emit=qasm runs "
                  "the whole pipeline on a model spec)");
    std::vector<EmittedCircuit> circuits;
    for (std::size_t k = 0; k < outputs.size(); ++k)
      circuits.push_back(circuitFor(*outputs[k], k));
    return circuits;
  }

  Program &program() override { return prog; }

  const Encoded &operand(const ir::Operation &op, std::size_t i) override {
    auto it = gates.find(op.operands[i]);
    if (it == gates.end())
      throw InternalError("operand " + std::to_string(i) + " of " + op.getName() + " has no gate");
    return it->second;
  }

  std::string comment(const ir::Operation &op) const override {
    return op.getName() + ops::commentAttributes(op) + " at " + op.location.str();
  }

  bool allowOpaque() const override { return opaqueAllowed; }

  void noteOracle(const std::string &source, const std::string &gate) override {
    oracleGates[source] = gate;
  }
  void notePolynomial(const std::string &key, const std::string &gate) override {
    polynomialGates[key] = gate;
  }
  void noteOpaque(const std::string &source, const std::string &gate) override {
    opaqueGates[source] = gate;
  }

private:
  /// Output k's circuit: the definitions its gate needs (in order), its
  /// registers and one call. Unnamed outputs are "output", "output2", ...
  EmittedCircuit circuitFor(const ir::Operation &output, std::size_t k) const {
    const ir::Value *v = output.operands[0];
    const Encoded &e = gates.at(v);
    EmittedCircuit c;
    c.shape = v->type.shape;
    c.dataQubits = ops::dataQubitsOf(v->type);
    c.ancillas = e.ancillas;
    c.alpha = e.alpha;
    c.epsilon = ops::epsilonOf(output);
    c.outputName = ops::outputName(output).value_or(v->name);
    if (c.outputName.empty())
      c.outputName = k == 0 ? "output" : "output" + std::to_string(k + 1);
    std::set<std::string> needed;
    for (std::vector<std::string> todo{e.gate}; !todo.empty();) {
      std::string name = todo.back();
      todo.pop_back();
      if (const GateDef *def = prog.find(name); def && needed.insert(name).second)
        for (const GateCall &call : def->body)
          todo.push_back(call.gate);
    }
    for (const GateDef &def : prog.definitions)
      if (needed.count(def.name))
        c.program.define(def);
    if (c.dataQubits > 0) // a 1 x 1 output has none (manifest: "data": [])
      c.program.registers.push_back({"q", c.dataQubits});
    if (c.ancillas > 0)
      c.program.registers.push_back({"anc", c.ancillas});
    GateBuilder(c.program.body).call(e.gate, {}, qubitRange(0, c.dataQubits + c.ancillas));
    auto keepNeeded = [&](const std::map<std::string, std::string> &all) {
      std::map<std::string, std::string> kept;
      for (const auto &[key, gate] : all)
        if (needed.count(gate))
          kept[key] = gate;
      return kept;
    };
    c.oracleGates = keepNeeded(oracleGates);
    c.polynomialGates = keepNeeded(polynomialGates);
    c.opaqueGates = keepNeeded(opaqueGates);
    for (const auto &[gate, value] : valueGates)
      if (needed.count(gate))
        c.valueGates[gate] = value;
    return c;
  }

  bool opaqueAllowed;
  Program prog;
  std::map<const ir::Value *, Encoded> gates;
  std::map<std::string, std::string> oracleGates, polynomialGates, opaqueGates;
  std::map<std::string, const ir::Value *> valueGates;

  void emit(const ir::Operation &op) {
    const ir::Type &type = op.getResult()->type;
    if (!type.isBlock())
      ops::noCircuit(op, "a " + type.str() + " result");
    const ops::Construction *construction = ops::construction(op);
    if (!construction)
      ops::noCircuit(op, "this op");
    int n = ops::dataQubitsOf(type);
    // Products and reshapes handle operands on other register widths;
    // elsewhere the registers must agree.
    if (!construction->mixesRegisters())
      for (const ir::Value *v : op.operands)
        if (v->type.isBlock() && ops::dataQubitsOf(v->type) != n)
          ops::noCircuit(op, "operands on different data registers");
    Encoded e = construction->emit(op, *this, identifier(op.getResult()->name, gates.size()), n);
    // The IR's accounting is the circuit's (resources report = file).
    if (std::fabs(e.alpha - type.alpha) > 1e-9 * type.alpha || e.ancillas != type.ancillas)
      throw InternalError(op.location.str() + ": " + op.getName() + " emitted alpha " +
                          std::to_string(e.alpha) + " with " + std::to_string(e.ancillas) +
                          " ancillas, the IR says " + type.str());
    gates[op.getResult()] = e;
    noteClaim(op, e, n);
  }

  /// The definition that first encodes a value claims the op's construction
  /// and the value (an op passing its operand's gate through claims
  /// nothing new).
  void noteClaim(const ir::Operation &op, const Encoded &e, int dataQubits) {
    GateDef *def = prog.find(e.gate);
    if (!def || !def->construction.empty() || def->opaque)
      return;
    if (def->dataQubits != dataQubits)
      throw InternalError(op.location.str() + ": " + op.getName() + " defined " + e.gate +
                          " with " + std::to_string(def->dataQubits) +
                          " data qubits, its type has " + std::to_string(dataQubits));
    def->construction = op.getName();
    if (ops::is<ops::Lcu>(op))
      def->construction += std::string(".") + ops::lcuKindName(ops::lcuKind(op));
    valueGates[e.gate] = op.getResult();
  }
};

} // namespace

Error symbolicDataError(const std::string &where, const std::string &name) {
  return Error(where + ": error: '" + name +
               "' is symbolic: a circuit needs its entries (give its values, ask for "
               "--emit=resources, which works on symbolic models, or pass --allow-opaque "
               "for a circuit with opaque oracles)");
}

std::vector<EmittedCircuit> emitQasm(const ir::Module &module, bool allowOpaque) {
  return Emitter(allowOpaque).run(module);
}

} // namespace qsvtc::backend
