//===- Compositional.cpp - qsvt-verify --compositional --------------------===//
#include "qsvtc/runtime/Compositional.h"

#include "qsvtc/runtime/Composition.h"
#include "qsvtc/runtime/Diagnostic.h"
#include "qsvtc/runtime/Elaborator.h"
#include "qsvtc/runtime/Gates.h"

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
  case DefinitionVerdict::How::Inlined:
    return "inlined";
  }
  return "?";
}

namespace {

/// A unitary helper too wide to simulate is inlined by its callers up to
/// this many gates (projector markers: a few multi-controlled gates).
constexpr double kMaxInlinedGates = 1000;

/// The composed result is within `r` of the circuit's in the spectral norm
/// (Euclidean for a state): the compared error grows by what r can add in
/// the manifest's norm.
void addReuseError(VerifyReport &report, const Manifest &manifest, double r) {
  if (!(r > 0))
    return;
  const Eigen::Index rank = std::min(manifest.reference.rows(), manifest.reference.cols());
  report.reuseError = report.norm == ErrorNorm::Frobenius ? std::sqrt(double(rank)) * r : r;
  report.error += report.reuseError;
  report.pass = report.error <= report.bound;
}

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
    const std::size_t count = table.definitions().size();
    for (const GateDefinition &def : table.definitions()) {
      if (options.progress)
        options.progress("definition " + std::to_string(report.definitions.size() + 1) + " of " +
                         std::to_string(count) + ": " + def.name);
      report.definitions.push_back(verifyDefinition(def));
    }
    if (options.progress)
      options.progress("the top level");
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
  std::map<std::string, double> reuseError; ///< composed definitions' (Composition.h)
  /// Gates of each definition once expanded, by name and the controls
  /// they carry beyond a standard gate's own (CircuitStats' keys).
  using GateCounts = std::map<std::pair<std::string, std::size_t>, double>;
  std::map<std::string, GateCounts> gateCounts;

  /// `body`'s expanded gate counts from its callees' (a call's controls
  /// are added to every gate it expands to), as circuitStats would count.
  GateCounts countGates(const Circuit &body) const {
    GateCounts counts;
    for (const Operation &op : body.ops) {
      if (op.call) {
        for (const auto &[key, n] : gateCounts.at(op.name))
          counts[{key.first, key.second + op.controls.size()}] += n;
        continue;
      }
      const StdGate *std = findStdGate(op.name);
      const std::size_t own = std ? static_cast<std::size_t>(std->numControls) : 0;
      counts[{op.name, op.controls.size() - std::min(own, op.controls.size())}] += 1;
    }
    return counts;
  }

  static std::map<std::string, double> byName(const GateCounts &counts) {
    std::map<std::string, double> gates;
    for (const auto &[key, n] : counts)
      gates[key.second ? "ctrl(" + std::to_string(key.second) + ")@" + key.first : key.first] += n;
    return gates;
  }

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

  ComposedBlock compose(const Circuit &body, const QubitPartition &partition, bool state) const {
    return composeBlock(
        body, partition, [&](const std::string &n) { return partOf(n); },
        {options.maxReducedQubits, options.maxSimulationWork, 10}, state);
  }

  /// Reused flags' error of a composed body: its own and its callees', per
  /// call (each call runs the callee's reuses again).
  double reuseOf(const Circuit &body, const ComposedBlock &c) const {
    double total = c.reuseError;
    for (const Operation &op : body.ops)
      if (op.call) {
        auto it = reuseError.find(op.name);
        total += it == reuseError.end() ? 0.0 : it->second;
      }
    return total;
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
    gateCounts[def.name] = countGates(oneLevel);
    checkClaimAgainstBody(def, claim, oneLevel);

    DefinitionVerdict v;
    v.name = def.name;
    v.construction = claim.construction;
    v.unitary = !claim.data;
    v.state = claim.state;
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
    double garbage = 0;
    Circuit whole; // its expanded body: simulated, and a helper's gates for its callers
    if (simulable(def.arity, v.dataQubits, ops,
                  v.unitary ? options.maxUnitaryQubits : options.simulateUpTo)) {
      whole = table.body(def.name, /*keepCalls=*/false);
      if (claim.state) {
        OutputState out = extractState(whole, partition);
        matrix = std::move(out.data);
        garbage = out.garbageNorm;
      } else {
        matrix = extractBlock(whole, partition);
      }
      v.how = DefinitionVerdict::How::Simulated;
    } else if (v.unitary) {
      // Too wide to simulate: its callers can still read its gates
      // (Composition.h inlines helpers), when they are few.
      if (ops > kMaxInlinedGates) {
        v.why = "a unitary helper on " + std::to_string(def.arity) + " qubits with " +
                shortNumber(ops) + " gates is too large to simulate whole or inline";
        return v;
      }
      v.how = DefinitionVerdict::How::Inlined;
      v.pass = true;
      parts[def.name] = {true,
                         false,
                         0,
                         def.arity,
                         def.arity,
                         Eigen::MatrixXcd(),
                         table.body(def.name, /*keepCalls=*/false)};
      return v;
    } else {
      try {
        ComposedBlock c = compose(oneLevel, partition, claim.state);
        v.reuseError = reuseOf(oneLevel, c);
        reuseError[def.name] = v.reuseError;
        matrix = std::move(c.block);
        garbage = c.garbage;
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
      v.error = spectralNorm(e) + *claim.alpha * v.reuseError;
      v.bound = claim.error;
      v.pass = v.error <= v.bound;
    }
    parts[def.name] = {v.unitary,
                       v.state,
                       garbage,
                       v.dataQubits,
                       def.arity,
                       std::move(matrix),
                       v.unitary ? std::move(whole) : Circuit{}}; // helpers are simulated
    return v;
  }

  void verifyTop(CompositionalReport &report) {
    const Circuit top = table.topLevel(/*keepCalls=*/true);
    const QubitPartition partition = resolvePartition(manifest, top);
    const double ops = expandedCount(top);
    const bool state = manifest.kind == ManifestKind::State;
    ComposedBlock composed;
    if (simulable(top.numQubits, int(partition.data.size()), ops, options.simulateUpTo)) {
      report.topHow = DefinitionVerdict::How::Simulated;
      report.top = verify(table.topLevel(/*keepCalls=*/false), manifest, options.progress);
      return;
    }
    try {
      composed = compose(top, partition, state);
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
    // Whole-file gate counts from the definitions' (the depth needs the
    // expansion: not checked here).
    checkGateCounts(manifest, byName(countGates(top)), /*rounded=*/true);
    report.topHow = DefinitionVerdict::How::Composed;
    report.top = compare(composed.block, manifest);
    report.top.countsChecked = manifest.counts.has_value();
    addReuseError(report.top, manifest, manifest.alpha * reuseOf(top, composed));
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
  if (reuseError > 0)
    j["reuse_error"] = reuseError;
  if (!why.empty())
    j["why"] = why;
  return j;
}

std::string CompositionalReport::summary() const {
  int counts[4] = {0, 0, 0, 0}, failed = 0;
  for (const DefinitionVerdict &v : definitions) {
    ++counts[static_cast<int>(v.how)];
    failed += !v.pass;
  }
  std::string s = std::string(pass ? "PASS" : "FAIL") + " (compositional, top level " +
                  howName(topHow) + "): " + std::to_string(definitions.size()) +
                  " definitions: " + std::to_string(counts[0]) + " simulated, " +
                  std::to_string(counts[1]) + " composed, " + std::to_string(counts[2]) +
                  " refused, " + std::to_string(failed) + " failed" +
                  (counts[3] ? ", " + std::to_string(counts[3]) + " helpers inlined" : "");
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
