//===- Stages.h - The constructions of state mode ---------------*- C++ -*-===//
//
// A stage is a gate U on the data register (n qubits, shared by every
// stage; a vector of length L < 2^n lives on its low qubits) and its own
// ancillas (flags) with
//     (<0_flags| (x) I) U |0> = amplitude,      value = alpha * amplitude,
// value being the model's row vector the stage stands for. Each
// construction is defined in one place, here: its amplitudes (ideal, from
// exact arithmetic, and lowered, with the polynomials the circuit really
// applies), alpha, ancillas, whether its flags return to |0> (`clean`, so
// the next stage may reuse them), its error rule and its gate.
//
// Error rule: `errorPerEta` bounds ||lowered - ideal||_2 of the amplitudes
// per unit of eta, the sup-norm error of every polynomial (phases are
// solved to 1e-3 eta and included); `phasePerEta` is the part due to
// phases only (the amplification's angles are exact for the lowered
// amplitude, so only that part leaves the good subspace).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_STATE_STAGES_H
#define QSVTC_STATE_STAGES_H

#include "qsvtc/backend/BlockEncodings.h"
#include "qsvtc/state/StateMode.h"

#include <Eigen/Dense>

#include <map>
#include <memory>

namespace qsvtc::state {

/// A data oracle: the block encoding of one model input or weight.
struct Oracle {
  std::string source;
  Eigen::MatrixXd matrix;
  backend::Encoded gate; ///< alpha, ancillas and the defined gate
  int dataQubits = 0;
};

struct Stage {
  StageInfo info;
  Eigen::VectorXd ideal, lowered; ///< amplitudes, length 2^n
  double alpha = 1;
  int length = 0; ///< entries of the value (the rest are zero)
  bool clean = false;
  double errorPerEta = 0, phasePerEta = 0;
  backend::Encoded gate;
  std::map<std::string, double> calls; ///< oracle queries per source
};

using StageP = std::shared_ptr<const Stage>;

/// Everything the constructions share: the program being built, the data
/// register's width and eta (the polynomials' sup-norm error).
struct StateContext {
  backend::Program program;
  int dataQubits = 0;
  double eta = 1e-6;
  int counter = 0;
  std::vector<StageInfo> stages;       ///< every stage built, innermost first
  std::map<std::string, double> facts; ///< StateCircuit::facts, as found
  std::string fresh(const std::string &stem) { return stem + "_" + std::to_string(counter++); }
};

/// |j> on the data register (X gates), value e_j of length `length`.
StageP basisState(StateContext &cx, int64_t j, int length);
/// op(M) applied to the state, op(M) = M^T (`transpose`) or M, by the
/// oracle's gate (inverse for M^T: a real block's adjoint is its
/// transpose). alpha multiplies by the oracle's.
StageP applyOracle(StateContext &cx, const StageP &in, const Oracle &oracle, bool transpose);
/// The same value times c (alpha times c; no gate).
StageP scaleValue(const StageP &in, double c);
/// exp(value / 2) entry-wise on the amplitudes, read out on the uniform
/// state: QSVT of the even and odd parts of e^{c x}, c = alpha / 2, on the
/// diagonal encoding of the state (papers/amplitude-transforms.md §2.2,
/// §4), mixed with weights that make the block m e^{-|c|} e^{c x} (m =
/// 0.998), times 1/sqrt(L): amplitude m e^{-|c|} e^{value/2} / sqrt(L).
StageP expHalfAmplitudes(StateContext &cx, const StageP &in);
/// That stage's success amplitude for input amplitudes x (its L entries)
/// and exponent scale c: m e^{-|c|} ||e^{c x}|| / sqrt(L).
double expReadoutAmplitude(const Eigen::VectorXd &x, double c);
/// f(value) for an activation f(v) = v g(v) (GELU: g = normcdf; SiLU: g =
/// sigmoid) by importance weighting (seed 000 Thm 10): `in` (amplified, its
/// flags reused) prepares x = value / alpha, then QSVT of S g(alpha x) on
/// the diagonal encoding of the same gate multiplies entry-wise: amplitude
/// x S g(alpha x) = S f(value) / alpha, so alpha becomes alpha / S.
StageP gatedActivation(StateContext &cx, const StageP &in, const std::string &activation);
/// The state normalised exactly (Amplify.h); alpha = ||value||. With
/// `meanFree`, the value minus its mean is what is normalised (layer
/// norm's centering inside the amplification, Amplify.h).
StageP amplify(StateContext &cx, const StageP &in, bool meanFree = false);
/// diag(a) a for an amplified a: a's gate prepares the state, then the
/// diagonal encoding of the same gate (on a fresh copy register and a's
/// flags, which the first call returned to |0>) multiplies entry-wise:
/// amplitude a o a. For a = e^{s/2} / sqrt(Z) this is softmax(s), alpha 1.
StageP squareAmplitudes(StateContext &cx, const StageP &a);
/// sum_i value_i: LCU with weights alpha_i (selection register after the
/// shared flags); alpha = sum |alpha_i|.
StageP addValues(StateContext &cx, const std::vector<StageP> &terms);

} // namespace qsvtc::state

#endif // QSVTC_STATE_STAGES_H
