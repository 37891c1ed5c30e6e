//===- Claims.cpp - Per-definition claims for the manifest ----------------===//
#include "qsvtc/backend/Claims.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace qsvtc::backend {

namespace {

/// A definition's ancillas in runs of one role: "operand" of a callee
/// (the ancilla part of its calls) or "own".
std::string ancillaRoles(const Program &program, const GateDef &def) {
  std::vector<std::string> owner(def.arity); // "" = own
  for (const GateCall &call : def.body) {
    const GateDef *callee = program.find(call.gate);
    if (!callee || callee->dataQubits < 0)
      continue;
    for (std::size_t k = callee->dataQubits; k < call.qubits.size(); ++k)
      if (owner[call.qubits[k]].empty())
        owner[call.qubits[k]] = callee->name;
  }
  std::string out;
  for (int q = def.dataQubits; q < def.arity;) {
    int end = q;
    while (end < def.arity && owner[end] == owner[q])
      ++end;
    out += (out.empty() ? "" : ", ") + std::string("{\"first\": ") + std::to_string(q) +
           ", \"count\": " + std::to_string(end - q) + ", \"role\": " +
           (owner[q].empty() ? "\"own\""
                             : "\"operand\", \"definition\": " + nlohmann::json(owner[q]).dump()) +
           "}";
    q = end;
  }
  return "[" + out + "]";
}

std::string matrixRows(const Eigen::MatrixXd &m) {
  std::string rows;
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    rows += i ? ", [" : "[";
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      rows += (j ? ", " : "") + roundTrip(m(i, j));
    rows += "]";
  }
  return "[" + rows + "]";
}

/// The error a value claim states: the circuit realises each polynomial
/// from phase factors, whose sup-norm error is far below this, and each
/// block passes rounding of ~1e-16 per gate; kClaimError bounds both with
/// room for the amplification of earlier errors through later polynomials.
constexpr double kClaimError = 1e-6;

/// Values with more entries than this are claimed by IR value name only.
constexpr Eigen::Index kMaxClaimedEntries = 4096;

} // namespace

std::string definitionClaimsJson(const EmittedCircuit &circuit, const interp::BlockValues *values) {
  const Program &program = circuit.program;
  if (std::none_of(program.definitions.begin(), program.definitions.end(),
                   [](const GateDef &d) { return d.dataQubits >= 0; }))
    return "";
  std::string out = "{";
  bool first = true;
  for (const GateDef &def : program.definitions) {
    std::set<std::string> callees;
    for (const GateCall &call : def.body)
      if (program.find(call.gate))
        callees.insert(call.gate);
    std::string children;
    for (const std::string &c : callees)
      children += (children.empty() ? "" : ", ") + nlohmann::json(c).dump();
    const std::string construction = !def.construction.empty() ? def.construction
                                     : def.dataQubits >= 0     ? "block"
                                                               : "unitary";
    out += first ? "\n" : ",\n";
    first = false;
    out += "    " + nlohmann::json(def.name).dump() +
           ": {\"construction\": " + nlohmann::json(construction).dump();
    if (def.dataQubits >= 0)
      out += ", \"data\": " + std::to_string(def.dataQubits) +
             ", \"ancillas\": " + ancillaRoles(program, def) +
             (def.state ? ", \"state\": true" : "");
    out += ", \"children\": [" + children + "]";
    if (auto st = circuit.stateClaims.find(def.name); st != circuit.stateClaims.end())
      out += ", \"alpha\": " + roundTrip(st->second.alpha) +
             ", \"error\": " + roundTrip(st->second.error) +
             ",\n      \"value\": " + matrixRows(st->second.value);
    auto v = circuit.valueGates.find(def.name);
    if (v != circuit.valueGates.end()) {
      out += ", \"ir_value\": " + nlohmann::json(v->second->name).dump();
      auto m = values ? values->find(v->second) : interp::BlockValues::const_iterator{};
      if (values && m != values->end() && m->second.size() <= kMaxClaimedEntries)
        out += ", \"alpha\": " + roundTrip(v->second->type.alpha) +
               ", \"error\": " + roundTrip(kClaimError) +
               ",\n      \"value\": " + matrixRows(m->second);
    }
    out += "}";
  }
  return out + "\n  }";
}

} // namespace qsvtc::backend
