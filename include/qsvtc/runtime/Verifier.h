//===- Verifier.h - Simulated block or state vs the manifest ---*- C++ -*-===//
//
// Compares what the circuit does with what its manifest promises:
//   block: E = α·B − R, B = <a|U|a> on the data qubits (extractBlock);
//   state: E = α·v − R, v = (<a| ⊗ I) U |0...0> (extractState).
// The verdict uses the manifest's error_norm: "spectral" (default; ‖E‖₂,
// the operator norm, which is the ε of an (α, a, ε) block encoding, and the
// Euclidean norm for a state), "frobenius" (‖E‖_F) or "max_abs"
// (max |E_ij|). All three are reported, with the relative error
// ‖E‖_F / ‖R‖_F. pass ⇔ error ≤ error_bound.
//
// Phase: with "phase": "exact" (the default for blocks) nothing is divided
// out: QSVT circuits are phase-exact, and a block that is right only up to
// a phase is wrong once the block is itself controlled or combined in an
// LCU. With "global" (the default for states) the circuit's result is first
// multiplied by the unit phase e^{iφ} minimising ‖α·e^{iφ}X − R‖_F, i.e.
// φ = arg <X, R> (Frobenius inner product): a prepared state is physically
// defined up to a global phase, and the phase a state-preparation circuit
// leaves is not part of its contract. φ is reported.
//
// Floating-point floor: the simulation of G gates on 2^n amplitudes
// carries a relative rounding error of order G·n·1e-16, so bounds below
// ~1e-13 can fail on a correct circuit; the verifier does not pad the bound
// (the manifest's author chose it), it reports the measured error.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_VERIFIER_H
#define QSVTC_RUNTIME_VERIFIER_H

#include "qsvtc/runtime/Manifest.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace qsvtc::runtime {

struct VerifyReport {
  ManifestKind kind = ManifestKind::Block;
  int numQubits = 0;
  int dataQubits = 0;
  int ancillaQubits = 0;
  std::size_t numOperations = 0;
  /// A composed circuit (never expanded): its expanded operation count, as
  /// a double (it can pass 2^64); -1 when numOperations is the count.
  double expandedOperations = -1;
  CircuitStats stats;         ///< gates and depth of the file
  bool countsChecked = false; ///< the manifest's "circuit" matched them
  double alpha = 1;
  double maxAbsError = 0;
  double frobeniusError = 0;
  double spectralError = 0; ///< ‖E‖₂ (the Euclidean norm for a state)
  double relativeError = 0; ///< ‖E‖_F / ‖R‖_F
  ErrorNorm norm = ErrorNorm::Spectral;
  double error = 0; ///< the one compared with the bound
  double bound = 0;
  PhasePolicy phasePolicy = PhasePolicy::Exact;
  double phase = 0;               ///< φ divided out (0 when exact)
  double successProbability = -1; ///< states: ‖v‖²; blocks: -1
  /// Composed (Composition.h): what flags reused before they were clean
  /// may add, already included in `error`.
  double reuseError = 0;
  bool pass = false;

  /// One line for humans: "PASS: block 4x4 ... error 1e-15 <= 1e-10".
  std::string summary() const;
  nlohmann::ordered_json toJson() const;
};

/// A line for stderr before each step that can take seconds (the tools
/// print it once a run has taken more than 2 s).
using Progress = std::function<void(const std::string &)>;

/// Simulates `circuit` and compares with `manifest`.
VerifyReport verify(const Circuit &circuit, const Manifest &manifest,
                    const Progress &progress = nullptr);

/// v with 3 significant digits ("1.23e-05"), as the summaries print numbers.
std::string shortNumber(double v);

/// ‖E‖₂: the largest singular value (a vector's Euclidean norm).
double spectralNorm(const Eigen::MatrixXcd &e);

/// The comparison alone (exposed for tests): `simulated` is B or v.
VerifyReport compare(const Eigen::MatrixXcd &simulated, const Manifest &manifest);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_VERIFIER_H
