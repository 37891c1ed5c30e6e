//===- Compositional.cpp - qsvt-verify --compositional --------------------===//
#include "qsvtc/runtime/Compositional.h"

#include "qsvtc/runtime/Composition.h"
#include "qsvtc/runtime/Diagnostic.h"
#include "qsvtc/runtime/Elaborator.h"

#include <cmath>
#include <cstdio>
#include <set>

namespace qsvtc::runtime {

const char *howName(DefinitionVerdict::How how) {
  switch (how) {
  case DefinitionVerdict::How::Simulated:
    return "simulated";
  case DefinitionVerdict::How::Composed:
    return "composed";
  case DefinitionVerdict::How::Refused:
    return "refused";
  }
  return "?";
}

namespace {

class CompositionalVerifier {
public:
  CompositionalVerifier(const Program &program, const Manifest &manifest,
                        const CompositionalOptions &options)
      : program(program), manifest(manifest), options(options), table(program) {}

  CompositionalReport run() {
    if (!manifest.definitions)
      throw DiagnosticError(
          manifest.name + ": error: the manifest has no \"definitions\" (per-definition claims): "
                          "--compositional needs them; without it the circuit is simulated whole");
    checkNames();
    CompositionalReport report;
    for (const GateDefinition &def : table.definitions())
      report.definitions.push_back(verifyDefinition(def));
    verifyTop(report);
    report.pass = report.top.pass;
    for (const DefinitionVerdict &v : report.definitions)
      report.pass = report.pass && v.pass;
    return report;
  }

private:
  const Program &program;
  const Manifest &manifest;
  const CompositionalOptions &options;
  DefinitionTable table;
  std::map<std::string, VerifiedPart> parts;
  std::map<std::string, double> expandedOps;

  [[noreturn]] void mismatch(const std::string &def, const std::string &why) const {
    throw DiagnosticError(manifest.name + ": error: definition '" + def + "': " + why);
  }

  void checkNames() const {
    std::set<std::string> defined;
    for (const GateDefinition &def : table.definitions()) {
      defined.insert(def.name);
      if (!manifest.definitions->count(def.name))
        throw DiagnosticError(formatDiagnostic(program.source, def.loc,
                                               "gate '" + def.name + "' has no claim in " +
                                                   manifest.name + " (\"definitions\")"));
    }
    for (const auto &[name, claim] : *manifest.definitions)
      if (!defined.count(name))
        mismatch(name, "claimed in the manifest, but the circuit defines no such gate");
  }

  /// Gates of `body` once every call is expanded (its callees counted
  /// before it).
  double expandedCount(const Circuit &body) const {
    double ops = 0;
    for (const Operation &op : body.ops)
      ops += op.call ? expandedOps.at(op.name) : 1;
    return ops;
  }

  /// Whether a circuit of `qubits` (`data` of them data) and `ops` gates is
  /// simulated whole: at most `maxQubits` wide, and cheap enough.
  bool simulable(int qubits, int data, double ops, int maxQubits) const {
    return qubits <= maxQubits && ops <= double(kMaxOperations) &&
           ops * std::ldexp(1.0, qubits + data) <= options.maxSimulationWork;
  }

  ComposedBlock compose(const Circuit &body, const QubitPartition &partition) const {
    return composeBlock(body, partition, [&](const std::string &n) { return partOf(n); },
                        {options.maxReducedQubits, options.maxSimulationWork, 10});
  }

  const VerifiedPart *partOf(const std::string &name) const {
    auto it = parts.find(name);
    return it == parts.end() ? nullptr : &it->second;
  }

  /// The claim's callees and ancilla roles against the body's.
  void checkClaimAgainstBody(const GateDefinition &def, const DefinitionClaim &claim,
                             const Circuit &body) const {
    std::set<std::string> callees;
    for (const Operation &op : body.ops)
      if (op.call)
        callees.insert(op.name);
    const std::vector<std::string> called(callees.begin(), callees.end());
    if (called != claim.children) {
      std::string list;
      for (const std::string &c : called)
        list += (list.empty() ? "" : ", ") + c;
      mismatch(def.name, "its body calls {" + list + "}, not the claimed children");
    }
    if (!claim.data)
      return;
    if (claim.construction == "qsvt.adjoint" &&
        (body.ops.size() != 1 || !body.ops[0].call || !body.ops[0].inverted))
      mismatch(def.name, "an adjoint is one inverted call");
    if (*claim.data > def.arity)
      mismatch(def.name, "claims " + std::to_string(*claim.data) + " data qubits of " +
                             std::to_string(def.arity));
    // Which definitions' ancillas each qubit is, as the body calls them.
    std::vector<std::set<std::string>> operandOf(def.arity);
    for (const Operation &op : body.ops) {
      if (!op.call)
        continue;
      const DefinitionClaim &callee = manifest.definitions->at(op.name);
      if (!callee.data) // a unitary helper has no ancillas
        continue;
      for (std::size_t k = *callee.data; k < op.targets.size(); ++k)
        operandOf[op.targets[k]].insert(op.name);
    }
    if (claim.ancillas.empty())
      return; // roles are optional
    int next = *claim.data;
    for (const AncillaRole &r : claim.ancillas) {
      if (r.first != next || r.first + r.count > def.arity)
        mismatch(def.name, "its ancilla roles must cover qubits " + std::to_string(*claim.data) +
                               ".." + std::to_string(def.arity - 1) + " in order");
      for (int q = r.first; q < r.first + r.count; ++q) {
        const bool operand = !operandOf[q].empty();
        if (r.role == "own" ? operand : !operandOf[q].count(r.definition))
          mismatch(
              def.name,
              "qubit " + std::to_string(q) + " is claimed as " +
                  (r.role == "own" ? "its own ancilla" : "an ancilla of '" + r.definition + "'") +
                  ", but the body uses it " +
                  (operand ? "as an ancilla of '" + *operandOf[q].begin() + "'" : "as its own"));
      }
      next = r.first + r.count;
    }
    if (next != def.arity)
      mismatch(def.name, "its ancilla roles must cover qubits " + std::to_string(*claim.data) +
                             ".." + std::to_string(def.arity - 1) + " in order");
  }

  DefinitionVerdict verifyDefinition(const GateDefinition &def) {
    const DefinitionClaim &claim = manifest.definitions->at(def.name);
    const Circuit oneLevel = table.body(def.name, /*keepCalls=*/true);
    const double ops = expandedCount(oneLevel);
    expandedOps[def.name] = ops;
    checkClaimAgainstBody(def, claim, oneLevel);

    DefinitionVerdict v;
    v.name = def.name;
    v.construction = claim.construction;
    v.unitary = !claim.data;
    v.qubits = def.arity;
    v.dataQubits = claim.data ? *claim.data : def.arity;
    v.operations = ops;
    QubitPartition partition;
    for (int q = 0; q < def.arity; ++q) {
      if (q < v.dataQubits)
        partition.data.push_back(q);
      else
        partition.ancillas.push_back({q, 0});
    }
    Eigen::MatrixXcd matrix;
    if (simulable(def.arity, v.dataQubits, ops,
                  v.unitary ? options.maxUnitaryQubits : options.simulateUpTo)) {
      matrix = extractBlock(table.body(def.name, /*keepCalls=*/false), partition);
      v.how = DefinitionVerdict::How::Simulated;
    } else if (v.unitary) {
      v.why = "a unitary helper on " + std::to_string(def.arity) + " qubits with " +
              shortNumber(ops) + " gates is too large to simulate whole";
      return v;
    } else {
      try {
        ComposedBlock c = compose(oneLevel, partition);
        matrix = std::move(c.block);
        v.reducedQubits = c.reducedQubits;
        v.how = DefinitionVerdict::How::Composed;
      } catch (const CompositionRefused &e) {
        if (e.reason == CompositionRefused::Reason::Structure)
          mismatch(def.name, std::string("its body is not a construction the verifier can "
                                         "compose: ") +
                                 e.what());
        v.why = e.what();
        return v;
      }
    }
    v.pass = true;
    if (claim.value) {
      const Eigen::MatrixXcd &value = *claim.value;
      const Eigen::MatrixXcd e =
          *claim.alpha * matrix.topLeftCorner(value.rows(), value.cols()) - value;
      v.claimChecked = true;
      v.error = spectralNorm(e);
      v.bound = claim.error;
      v.pass = v.error <= v.bound;
    }
    parts[def.name] = {v.unitary, v.dataQubits, def.arity, std::move(matrix)};
    return v;
  }

  void verifyTop(CompositionalReport &report) {
    const Circuit top = table.topLevel(/*keepCalls=*/true);
    const QubitPartition partition = resolvePartition(manifest, top);
    const double ops = expandedCount(top);
    Eigen::MatrixXcd block;
    if (simulable(top.numQubits, int(partition.data.size()), ops, options.simulateUpTo)) {
      report.topHow = DefinitionVerdict::How::Simulated;
      report.top = verify(table.topLevel(/*keepCalls=*/false), manifest);
      return;
    }
    try {
      block = compose(top, partition).block;
    } catch (const CompositionRefused &e) {
      if (e.reason == CompositionRefused::Reason::Structure)
        throw DiagnosticError(manifest.name +
                              ": error: the top level is not a composition of "
                              "verified definitions: " +
                              e.what());
      report.topHow = DefinitionVerdict::How::Refused;
      report.top.pass = false;
      report.top.kind = manifest.kind;
      report.top.bound = manifest.errorBound;
      report.top.error = INFINITY;
      return;
    }
    report.topHow = DefinitionVerdict::How::Composed;
    report.top = compare(
        manifest.kind == ManifestKind::Block ? block : Eigen::MatrixXcd(block.col(0)), manifest);
    report.top.numQubits = top.numQubits;
    report.top.dataQubits = int(partition.data.size());
    report.top.ancillaQubits = int(partition.ancillas.size());
    report.top.expandedOperations = ops;
  }
};

} // namespace

nlohmann::ordered_json DefinitionVerdict::toJson() const {
  nlohmann::ordered_json j;
  j["name"] = name;
  j["construction"] = construction;
  j["verdict"] = howName(how);
  j["pass"] = pass;
  j["unitary"] = unitary;
  j["qubits"] = qubits;
  j["data_qubits"] = dataQubits;
  if (how == How::Composed)
    j["reduced_qubits"] = reducedQubits;
  j["operations"] = operations;
  if (claimChecked) {
    j["error"] = error;
    j["error_bound"] = bound;
  }
  if (!why.empty())
    j["why"] = why;
  return j;
}

std::string CompositionalReport::summary() const {
  int counts[3] = {0, 0, 0}, failed = 0;
  for (const DefinitionVerdict &v : definitions) {
    ++counts[static_cast<int>(v.how)];
    failed += !v.pass;
  }
  std::string s = std::string(pass ? "PASS" : "FAIL") + " (compositional, top level " +
                  howName(topHow) + "): " + std::to_string(definitions.size()) +
                  " definitions: " + std::to_string(counts[0]) + " simulated, " +
                  std::to_string(counts[1]) + " composed, " + std::to_string(counts[2]) +
                  " refused, " + std::to_string(failed) + " failed";
  if (topHow == DefinitionVerdict::How::Refused)
    return s + "; the top level could not be composed";
  return s + "; " + top.summary();
}

nlohmann::ordered_json CompositionalReport::toJson() const {
  nlohmann::ordered_json j;
  j["pass"] = pass;
  j["mode"] = "compositional";
  j["top_level"] = howName(topHow);
  j["result"] = top.toJson();
  j["definitions"] = nlohmann::ordered_json::array();
  for (const DefinitionVerdict &v : definitions)
    j["definitions"].push_back(v.toJson());
  return j;
}

CompositionalReport verifyCompositional(const Program &program, const Manifest &manifest,
                                        const CompositionalOptions &options) {
  return CompositionalVerifier(program, manifest, options).run();
}

} // namespace qsvtc::runtime
