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
#include "qsvtc/backend/Emitter.h"
#include "qsvtc/state/StateMode.h"

#include <Eigen/Dense>

#include <algorithm>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace qsvtc::state {

/// A data oracle: the block encoding of one model input or weight.
struct Oracle {
  std::string source;
  Eigen::MatrixXd matrix; ///< empty for symbolic data
  double norm = 0;        ///< bound on its operator norm (declared, or the data's)
  double rowNorm = 0;     ///< bound on its rows' norms
  double colNorm = 0;     ///< bound on its columns' norms
  backend::Encoded gate;  ///< alpha, ancillas and the defined gate
  int dataQubits = 0;
  int64_t rows = 0, cols = 0;
};

struct Stage {
  StageInfo info;
  Eigen::VectorXd ideal, lowered; ///< amplitudes, length 2^n; empty when the data is symbolic
  /// Bounds from the spec's declared norms alone (all a symbolic model
  /// knows, and all that bounds-only compilation uses): ||amplitude|| >=
  /// amplitudeLow, ||value|| <= valueHigh.
  double amplitudeLow = 0, valueHigh = 0;
  double entryHigh = 0; ///< max_k |value_k| <= entryHigh (<= valueHigh)
  /// An amplified state's amplitude norm, known without the data: 1 for
  /// exact amplification, the sign polynomial's scale S for fixed-point
  /// (0: not an amplified state).
  double amplitudeNorm = 0;
  double alpha = 1;
  int length = 0; ///< entries of the value (the rest are zero)
  bool clean = false;
  double errorPerEta = 0, phasePerEta = 0;
  /// d errorPerEta / d share_i for each polynomial i built so far (its
  /// index in StateContext::shares): what splitting the budget needs. The
  /// phase terms (PhaseShare of each polynomial's error) are left out.
  std::map<int, double> gains;
  backend::Encoded gate;
  std::map<std::string, double> calls; ///< oracle queries per source
  bool known() const { return lowered.size() > 0; }
};

using StageP = std::shared_ptr<const Stage>;

enum class Polynomials { Solve, Approximate, Estimate };

/// Everything the constructions share: the program being built, the data
/// register's width and eta (the polynomials' sup-norm error).
struct StateContext {
  backend::Program program;
  int dataQubits = 0;
  double eta = 1e-6;
  /// Polynomial i (in build order) is approximated within eta * shares[i]
  /// (1 past the end): the budget split that StateMode chooses from the
  /// stages' gains.
  std::vector<double> shares;
  int polynomialsBuilt = 0;
  /// The budget's first pass, which only measures gains: a smoothing
  /// (ReLU's, degree ~ 1 / its error) takes at least MeasuringSmoothing.
  bool measuring = false;
  static constexpr double MeasuringSmoothing = 1e-2;
  /// No polynomial is asked for an error above this: mixed-parity parts
  /// are scaled to 1 - 2e-3 and must stay below 1 - 1e-3 (Stages.cpp).
  static constexpr double LargestPolynomialError = 5e-4;
  /// Polynomial i's share of the error, uncapped (what a smoothing, ReLU's,
  /// may take besides the polynomial's own).
  double budgetOf(int i) const {
    const auto k = static_cast<std::size_t>(i);
    return eta * (k < shares.size() ? shares[k] : 1.0);
  }
  /// The next polynomial's index and its sup-norm error.
  std::pair<int, double> nextPolynomial() {
    const int i = polynomialsBuilt++;
    return {i, std::min(LargestPolynomialError, budgetOf(i))};
  }
  /// Amplifications and norms from the bounds only (symbolic data, or
  /// --amplitudes=bounded): fixed-point amplification and amplitude
  /// transforms instead of exact amplification with the data's amplitude.
  bool boundsOnly = false;
  /// How far polynomials are computed: with phases (circuits that are
  /// emitted), approximated and certified without phases (resources of
  /// symbolic data: the same gates), or their degrees estimated only
  /// (layers read out, which no circuit is built for).
  Polynomials polynomials = Polynomials::Solve;
  /// False while the budget is searched, and for layers only counted: the
  /// stages' numbers without their gates (gate names empty).
  bool buildGates = true;
  int counter = 0;
  std::vector<StageInfo> stages;       ///< every stage built, innermost first
  std::map<std::string, double> facts; ///< StateCircuit::facts, as found
  /// Each stage gate's state, as its construction built it (the manifest's
  /// per-definition claims).
  std::map<std::string, backend::EmittedCircuit::StateClaim> claims;
  std::string fresh(const std::string &stem) { return stem + "_" + std::to_string(counter++); }
};

/// |j> on the data register (X gates), value e_j of length `length`.
StageP basisState(StateContext &cx, int64_t j, int length);
/// The value c (1, ..., 1) of `length` entries: the uniform state (no
/// flags), alpha = c sqrt(length). Sigmoid's 1/2.
StageP constantRow(StateContext &cx, int length, double c);
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
/// With `prefix` > 0 only the first `prefix` entries are read out (L =
/// prefix; the rest get 0): causal attention's mask (seed 000 Cor. 1).
StageP expHalfAmplitudes(StateContext &cx, const StageP &in, int64_t prefix = 0);
/// That stage's success amplitude for input amplitudes x (its L entries)
/// and exponent scale c: m e^{-|c|} ||e^{c x}|| / sqrt(L).
double expReadoutAmplitude(const Eigen::VectorXd &x, double c);
/// f(value) - offset for an activation f(v) = offset + v g(v)
/// (Activation::amplitudeGate: GELU normcdf, SiLU sigmoid, tanh tanh(v)/v,
/// sigmoid (sigmoid(v) - 1/2)/v with offset 1/2, ReLU sigmoid(k v) with k
/// from eta) by importance weighting (seed 000 Thm 10): `in` prepares x =
/// value / alpha, then QSVT of S g(alpha x) on the diagonal encoding of
/// the same gate multiplies entry-wise: amplitude x S g(alpha x) = S (f -
/// offset)(value) / alpha, so alpha becomes alpha / S. The caller adds the
/// offset (constantRow, addValues).
StageP gatedActivation(StateContext &cx, const StageP &in, const std::string &activation);
/// The state normalised exactly (Amplify.h); alpha = ||value||. With
/// `meanFree`, the value minus its mean is what is normalised (layer
/// norm's centering inside the amplification, Amplify.h).
StageP amplify(StateContext &cx, const StageP &in, bool meanFree = false);
/// The state normalised with only a lower bound on its success amplitude
/// (in->amplitudeLow, > 0; Error otherwise): fixed-point amplification,
/// QSVT of a sign polynomial on the amplitude (GSLW §4, Thm 27's
/// construction with a polynomial from the approximation engine): within
/// eta of S |psi> for every amplitude in [amplitudeLow, 1] (S the
/// polynomial's known scale, amplitudeNorm); its flags are not clean.
/// alpha is the value's norm when the amplitudes are known, else NaN (no
/// downstream stage may read it; squareAmplitudes and norms set their own).
StageP amplifyFixedPoint(StateContext &cx, const StageP &in);
/// Amplifies by whichever construction the context allows: exact with
/// the data's amplitude, or fixed-point from the bound.
StageP normalise(StateContext &cx, const StageP &in);
/// Layer norm (meanFree) or RMS norm of the value, with its epsilon and
/// gamma, from bounds only: the value gamma sqrt(L) f(a) |psi> with a the
/// success amplitude of the (mean-free) good part and f(a) = a /
/// sqrt(a^2 + kappa^2), kappa^2 = L eps / alpha^2, is exactly
/// gamma (x - mean) / sqrt(var + eps): QSVT of f on the amplitude. No
/// lower bound on the row's spread is needed (eps provides the gap);
/// `spreadLow` (a lower bound on ||x - mean||, 0 if none) narrows the
/// domain to [spreadLow / alpha, 1] and lowers the degree.
StageP normByAmplitude(StateContext &cx, const StageP &in, bool meanFree, double gamma, double eps,
                       double spreadLow);
/// The entries [offset, offset + width) of the value, the rest zeroed: a
/// flag qubit marks the others (a comparison of the high qubits when width
/// is a power of two and offset a multiple of it; else two comparisons,
/// [x >= offset] and [x >= offset + width]). Multi-head attention's heads.
StageP projectRange(StateContext &cx, const StageP &in, int64_t offset, int64_t width);
/// Rows side by side (multi-head attention's concatenation): slot h =
/// entries [h width, (h + 1) width) of term h's value, the rest of each
/// term dropped. A selection register prepared with amplitudes alpha_h /
/// alpha runs term h when it spells h and is then uncomputed from the
/// data's slot (sel ^= slot: the high bits for a power-of-two width, else
/// comparisons with the slots' starts), so it is |0> exactly on slot h: the
/// selection is the projection too. alpha = sqrt(sum alpha_h^2), not the
/// sum an LCU pays (the slots are orthogonal).
StageP concatenateRows(StateContext &cx, const std::vector<StageP> &terms, int64_t width);
/// A row loader: |k>|0> -> |k> (h_k / r) on its flag |0>, h_k row k of m,
/// r the largest row norm (alpha); its gate acts on index (dataQubits),
/// target (dataQubits) and one flag. Multiplexed state preparation.
/// Earlier layers' readouts are loaded this way (opaque when symbolic).
Oracle defineRowLoader(StateContext &cx, const std::string &source, const Eigen::MatrixXd &m);
/// Row j of the loader's matrix as a state: alpha = its r, not the
/// Frobenius norm a block encoding of the whole matrix pays.
StageP loadRow(StateContext &cx, int64_t j, const Oracle &loader);
/// sum_k a_k^2 h_k for an amplified a (a = sqrt(p), p a softmax row): a
/// prepares the index, the loader writes h_k into a second register, a^dagger
/// projects the index on <a|, and a swap moves the result to the data.
/// Attention's H^T p with alpha r (the rows' norm) instead of ||H||_F.
StageP mixRows(StateContext &cx, const StageP &a, const Oracle &loader);
/// diag(a) a for an amplified a: a's gate prepares the state, then the
/// diagonal encoding of the same gate (on a fresh copy register and a's
/// flags if the first call returned them to |0>, fresh ones otherwise)
/// multiplies entry-wise: amplitude a o a. For a = e^{s/2} / sqrt(Z) this is softmax(s), alpha 1.
StageP squareAmplitudes(StateContext &cx, const StageP &a);
/// sum_i value_i: LCU with weights alpha_i (selection register after the
/// shared flags); alpha = sum |alpha_i|. `what` names it in the plan.
StageP addValues(StateContext &cx, const std::vector<StageP> &terms,
                 const std::string &what = "residual sum");

} // namespace qsvtc::state

#endif // QSVTC_STATE_STAGES_H
