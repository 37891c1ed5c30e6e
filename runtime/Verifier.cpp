//===- Verifier.cpp - Simulated block or state vs the manifest ------------===//
#include "qsvtc/runtime/Verifier.h"

#include "qsvtc/runtime/BlockExtraction.h"

#include <Eigen/SVD>

#include <cstdio>

namespace qsvtc::runtime {

namespace {

std::string count(long long n, const char *noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

} // namespace

std::string shortNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

double spectralNorm(const Eigen::MatrixXcd &e) {
  if (e.cols() == 1 || e.rows() == 1)
    return e.norm();
  Eigen::BDCSVD<Eigen::MatrixXcd> svd(e);
  return svd.singularValues().size() ? svd.singularValues()(0) : 0.0;
}

VerifyReport compare(const Eigen::MatrixXcd &simulated, const Manifest &manifest) {
  VerifyReport r;
  r.kind = manifest.kind;
  r.alpha = manifest.alpha;
  r.norm = manifest.norm;
  r.bound = manifest.errorBound;
  r.phasePolicy = manifest.phase;
  const Eigen::MatrixXcd &ref = manifest.reference;
  Eigen::MatrixXcd x = manifest.alpha * simulated;
  if (manifest.phase == PhasePolicy::Global) {
    // <x, ref> = Σ conj(x_ij) ref_ij; multiplying x by its phase aligns x
    // with ref (zero overlap: any phase is optimal, keep 0).
    const Complex overlap = (x.array().conjugate() * ref.array()).sum();
    r.phase = std::abs(overlap) > 0 ? std::arg(overlap) : 0.0;
    x *= std::polar(1.0, r.phase);
  }
  const Eigen::MatrixXcd e = x - ref;
  r.maxAbsError = e.size() ? e.cwiseAbs().maxCoeff() : 0.0;
  r.frobeniusError = e.norm();
  r.spectralError = spectralNorm(e);
  const double refNorm = ref.norm();
  r.relativeError =
      refNorm > 0 ? r.frobeniusError / refNorm : (r.frobeniusError > 0 ? INFINITY : 0.0);
  switch (r.norm) {
  case ErrorNorm::Spectral:
    r.error = r.spectralError;
    break;
  case ErrorNorm::Frobenius:
    r.error = r.frobeniusError;
    break;
  case ErrorNorm::MaxAbs:
    r.error = r.maxAbsError;
    break;
  }
  if (manifest.kind == ManifestKind::State)
    r.successProbability = simulated.squaredNorm();
  r.pass = r.error <= r.bound;
  return r;
}

VerifyReport verify(const Circuit &circuit, const Manifest &manifest, const Progress &progress) {
  const QubitPartition p = resolvePartition(manifest, circuit);
  const CircuitStats stats = circuitStats(circuit);
  checkCounts(manifest, stats);
  if (progress)
    progress("simulating " +
             (manifest.kind == ManifestKind::Block
                  ? std::to_string(std::size_t{1} << p.data.size()) + " columns of the block"
                  : std::string("the state")) +
             " (" + std::to_string(circuit.numQubits) + " qubits, " +
             std::to_string(circuit.ops.size()) + " operations)");
  Eigen::MatrixXcd simulated;
  if (manifest.kind == ManifestKind::Block)
    simulated = extractBlock(circuit, p);
  else
    simulated = extractState(circuit, p).data;
  VerifyReport r = compare(simulated, manifest);
  r.numQubits = circuit.numQubits;
  r.dataQubits = static_cast<int>(p.data.size());
  r.ancillaQubits = static_cast<int>(p.ancillas.size());
  r.numOperations = circuit.ops.size();
  r.stats = stats;
  r.countsChecked = manifest.counts.has_value();
  return r;
}

std::string VerifyReport::summary() const {
  const std::string dim = std::to_string(1LL << dataQubits);
  std::string s =
      std::string(pass ? "PASS" : "FAIL") + ": " + kindName(kind) + " " +
      (kind == ManifestKind::Block ? dim + "x" + dim : dim + "-vector") + " (" +
      count(numQubits, "qubit") + ", " + count(ancillaQubits, "ancilla") + ", " +
      (expandedOperations >= 0 ? shortNumber(expandedOperations) + " operations once expanded"
                               : count(static_cast<long long>(numOperations), "operation")) +
      "), alpha " + shortNumber(alpha) + ": " + normName(norm) + " error " + shortNumber(error) +
      (pass ? " <= " : " > ") + "bound " + shortNumber(bound) + " (max abs " +
      shortNumber(maxAbsError) + ", relative " + shortNumber(relativeError);
  if (phasePolicy == PhasePolicy::Global)
    s += ", global phase " + shortNumber(phase) + " rad removed";
  if (successProbability >= 0)
    s += ", success probability " + shortNumber(successProbability);
  if (reuseError > 0)
    s += ", reused flags' error " + shortNumber(reuseError) + " included";
  return s + ")";
}

nlohmann::ordered_json VerifyReport::toJson() const {
  nlohmann::ordered_json j;
  j["pass"] = pass;
  j["kind"] = kindName(kind);
  j["qubits"] = numQubits;
  j["data_qubits"] = dataQubits;
  j["ancilla_qubits"] = ancillaQubits;
  if (expandedOperations >= 0)
    j["operations"] = expandedOperations;
  else
    j["operations"] = numOperations;
  // Counts as integers (a flat circuit the simulator ran is far below 2^53).
  j["gates"] = nlohmann::ordered_json::object();
  for (const auto &[name, n] : stats.gates)
    j["gates"][name] = static_cast<long long>(n);
  j["total_gates"] = static_cast<long long>(stats.total());
  j["depth"] = static_cast<long long>(stats.depth);
  j["counts_match_manifest"] = countsChecked;
  j["alpha"] = alpha;
  j["error_norm"] = normName(norm);
  j["error"] = error;
  j["error_bound"] = bound;
  j["max_abs_error"] = maxAbsError;
  j["frobenius_error"] = frobeniusError;
  j["spectral_error"] = spectralError;
  j["relative_error"] = relativeError;
  j["phase"] = phaseName(phasePolicy);
  j["phase_removed"] = phase;
  if (successProbability >= 0)
    j["success_probability"] = successProbability;
  if (reuseError > 0)
    j["reuse_error"] = reuseError;
  return j;
}

} // namespace qsvtc::runtime
