//===- Stages.cpp - The constructions of state mode -----------------------===//
//
// One function per construction (Stages.h): amplitudes, alpha, flags,
// error rule and gate together, so that nothing about a stage is written
// twice.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/state/Stages.h"

#include "qsvtc/approx/Activations.h"
#include "qsvtc/approx/Approximate.h"
#include "qsvtc/approx/Catalog.h"
#include "qsvtc/approx/EstimateDegree.h"
#include "qsvtc/backend/Constructions.h"
#include "qsvtc/backend/QsvtSequence.h"
#include "qsvtc/backend/StatePrep.h"
#include "qsvtc/ir/Attribute.h"
#include "qsvtc/ir/Type.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/qsp/Solve.h"
#include "qsvtc/state/Amplify.h"
#include "qsvtc/support/Error.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <tuple>

namespace qsvtc::state {

using backend::Encoded;
using backend::GateBuilder;
using backend::GateDef;
using backend::qubitRange;
using Eigen::VectorXd;

namespace {

/// Phases are solved to this fraction of eta (their share of each
/// polynomial's error).
constexpr double PhaseShare = 1e-3;

int dim(const StateContext &cx) { return 1 << cx.dataQubits; }

/// A stage that calls `in`'s gate first: its fields carried over.
Stage after(const StageP &in) {
  Stage s;
  s.length = in->length;
  s.alpha = in->alpha;
  s.calls = in->calls;
  s.errorPerEta = in->errorPerEta;
  s.phasePerEta = in->phasePerEta;
  s.gains = in->gains;
  return s;
}

/// to += k * from, key by key (calls per source, gains per polynomial).
template <class Key>
void addScaled(std::map<Key, double> &to, const std::map<Key, double> &from, double k) {
  for (const auto &[key, v] : from)
    to[key] += k * v;
}

/// A polynomial stage's error rule: its own polynomial's error eps (eta
/// times its share; phases solved to PhaseShare of it), plus `gain` times
/// the input's error, plus `reused` (a residual met again).
void polynomialError(Stage &s, const StateContext &cx, int polynomial, double eps, const Stage &in,
                     double gain, double reused = 0) {
  const double own = eps / cx.eta;
  s.errorPerEta = own * (1 + PhaseShare) + gain * in.errorPerEta + reused;
  s.phasePerEta = own * PhaseShare + gain * in.phasePerEta + reused;
  s.gains.clear();
  addScaled(s.gains, in.gains, gain);
  s.gains[polynomial] += 1 + PhaseShare;
}

/// Where a stage that runs after `in` puts `extra` flags of its own: over
/// in's flags when in returned them to |0>, after them otherwise. The
/// garbage a reused flag may still hold (an amplification's residual)
/// counts as error.
int placeFlags(Stage &s, const StageP &in, int extra) {
  const int offset = in->clean ? 0 : in->gate.ancillas;
  s.gate.ancillas = std::max(in->gate.ancillas, offset + extra);
  if (in->clean && extra > 0) {
    s.errorPerEta += in->phasePerEta;
    s.phasePerEta += in->phasePerEta;
  }
  return offset;
}

/// What rounding adds to a stage's amplitudes beyond the phases' error:
/// ~1e-16 per gate over up to ~1e7 gates, with room.
constexpr double StateClaimRounding = 1e-8;

/// The stage with its gate defined: its summary filled in and recorded.
StageP record(Stage s, StateContext &cx) {
  s.info.ancillas = s.gate.ancillas;
  if (backend::GateDef *def = cx.program.find(s.gate.gate)) {
    def->state = true;               // its claim is a state (Claims.cpp)
    def->dataQubits = cx.dataQubits; // the rest are its flags
    // Its amplitudes from the polynomials it applies; the circuit's differ
    // by the phase factors' error (phasePerEta) and rounding.
    const double alpha = std::fabs(s.alpha);
    if (s.known() && alpha > 0 && std::isfinite(alpha)) {
      backend::EmittedCircuit::StateClaim claim;
      claim.alpha = alpha;
      claim.value = alpha * s.lowered;
      claim.error = alpha * (s.phasePerEta * cx.eta + StateClaimRounding);
      cx.claims.try_emplace(s.gate.gate, std::move(claim));
    }
  }
  for (const auto &[source, n] : s.calls)
    s.info.calls += n;
  s.info.errorBound = s.errorPerEta * cx.eta;
  s.gate.alpha = s.alpha;
  cx.stages.push_back(s.info);
  return std::make_shared<const Stage>(std::move(s));
}

StageP finish(Stage s, GateDef def, StateContext &cx) {
  def.dataQubits = def.arity - s.gate.ancillas;
  s.gate.gate = cx.program.define(std::move(def));
  return record(std::move(s), cx);
}

bool isPowerOfTwo(int64_t n) { return n > 0 && (n & (n - 1)) == 0; }

/// The good part of amplitudes v (flags |0>): the row, minus its mean
/// when meanFree (what amplification onto the mean-free part keeps).
VectorXd goodPart(VectorXd v, int length, bool meanFree) {
  if (meanFree)
    v.head(length).array() -= v.head(length).mean();
  return v;
}

/// The gate V on the low qubitsFor(length) data qubits with V|0> the
/// uniform state on `length` entries (H gates for a power of two).
std::string uniformGate(StateContext &cx, int64_t length) {
  return backend::defineUniform(cx.program, cx.fresh("st_uniform"),
                                "|0> -> uniform state on " + std::to_string(length) + " entries",
                                length, static_cast<int>(ir::qubitsFor(length)))
      .gate;
}

/// The approximation engine keeps max |p| <= 1 - this (ApproxOptions::eta),
/// rescaling a target that reaches above.
constexpr double PolyMargin = 1e-3;

/// Amplifications longer than this are refused: each iterate multiplies
/// the circuit (and every enclosing stage) by two calls.
constexpr int MaxIterates = 10000;

/// The value of `compute` for `key`, computed once per process: the same
/// polynomial recurs (every head's exponential, every layer's norms), and
/// approximations and phases are pure functions of the key.
template <class T, class F> const T &memo(const std::string &key, F compute) {
  static std::map<std::string, T> cache;
  auto it = cache.find(key);
  if (it == cache.end())
    it = cache.emplace(key, compute()).first;
  return it->second;
}

std::string keyOf(const approx::TargetFunction &f, double eps, double headroom = 0) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "|%.17g|%.17g", eps, headroom);
  return f.formula + "|" + f.domain.str() + buf;
}

/// A definite-parity part of f approximated within eps (Chebyshev
/// coefficients) and its QSVT phases, solved to PhaseShare of eps.
struct Part {
  std::vector<double> coef, phases;
};

/// QSVT phases for Chebyshev coefficients, solved to PhaseShare of eps; or,
/// when only resources are wanted, zeros (the same gates, no solve).
std::vector<double> phasesFor(const std::vector<numeric::Mpfr> &coef, double eps, Polynomials how) {
  if (how != Polynomials::Solve)
    return std::vector<double>(coef.size(), 0.0);
  qsp::PhaseOptions phaseOpts;
  phaseOpts.epsilon = std::max(PhaseShare * eps, 1e-15); // doubles carry no more
  std::vector<double> phases;
  for (const numeric::Mpfr &p : qsp::solvePhases(coef, phaseOpts).phases)
    phases.push_back(p.convert_to<double>());
  return phases;
}

/// The degree alone, from the Chebyshev series (approx/EstimateDegree.h,
/// not certified): coefficients where resolved, phases all 0.
std::pair<std::vector<double>, std::vector<double>> estimated(const approx::TargetFunction &f,
                                                              double eps) {
  const approx::DegreeEstimate e = approx::estimateDegree(f, eps);
  return {e.coef, std::vector<double>(static_cast<std::size_t>(e.degree) + 1, 0.0)};
}

Part approximatePart(const approx::TargetFunction &f, approx::Parity parity, double eps,
                     Polynomials how) {
  const approx::TargetFunction g = approx::parityPart(f, parity);
  if (how == Polynomials::Estimate) {
    Part part;
    std::tie(part.coef, part.phases) = estimated(g, eps);
    return part;
  }
  approx::ApproxOptions opts;
  opts.epsilon = eps;
  opts.eta = PolyMargin;
  opts.method = approx::Method::Chebyshev;
  approx::Approximation a = approx::approximate(g, opts);
  if (a.scale != 1)
    throw InternalError("state mode: " + g.formula + " was rescaled by " + std::to_string(a.scale) +
                        " to stay below 1");
  Part part;
  for (const numeric::Mpfr &v : a.coef)
    part.coef.push_back(v.convert_to<double>());
  part.phases = phasesFor(a.coef, eps, how);
  return part;
}

/// f on [-1, 1] as the block S f of a mixed-parity QSVT: the even and odd
/// parts are scaled to max |.| = m = 1 - 2 PolyMargin (s_e, s_o),
/// approximated within eta each and run separately, and mixed with weights
/// w_e s_e = w_o s_o (w_e + w_o = 1), so S = m / (max|f_e| + max|f_o|):
/// for e^{cx} that is m e^{-|c|}, against m / (2 cosh c) with equal weights.
struct MixedPolynomial {
  Part even, odd;
  double oddWeight = 0.5, scale = 1;
  std::vector<double> coef; ///< of the block's polynomial, (1 - w) p_e + w p_o
  int degree = 0;
  std::string formula; ///< S * f
};

MixedPolynomial computeMixed(const approx::TargetFunction &f, double eta, Polynomials how) {
  const double m = 1 - 2 * PolyMargin;
  double maxEven = 0, maxOdd = 0; // on a grid with both ends (parts are smooth)
  for (int i = 0; i <= 4096; ++i) {
    const double x = std::cos(M_PI * i / 4096), a = f(x), b = f(-x);
    maxEven = std::max(maxEven, std::fabs(a + b) / 2);
    maxOdd = std::max(maxOdd, std::fabs(a - b) / 2);
  }
  // A part below this is absent (a gate of definite parity, tanh's): one
  // QSVT branch, weight 1.
  const double absent = 1e-12 * std::max(maxEven, maxOdd);
  if (!(std::max(maxEven, maxOdd) > 1e-12))
    throw InternalError("approximateMixed: " + f.formula + " vanishes on [-1, 1]");
  MixedPolynomial p;
  const bool hasEven = maxEven > absent, hasOdd = maxOdd > absent;
  const double se = hasEven ? m / maxEven : 0, so = hasOdd ? m / maxOdd : 0;
  p.oddWeight = !hasOdd ? 0 : !hasEven ? 1 : se / (se + so);
  p.scale = m / ((hasEven ? maxEven : 0) + (hasOdd ? maxOdd : 0));
  if (hasEven)
    p.even = approximatePart(approx::scaled(f, se), approx::Parity::Even, eta, how);
  if (hasOdd)
    p.odd = approximatePart(approx::scaled(f, so), approx::Parity::Odd, eta, how);
  p.coef.assign(std::max(p.even.coef.size(), p.odd.coef.size()), 0.0);
  for (std::size_t k = 0; k < p.even.coef.size(); ++k)
    p.coef[k] += (1 - p.oddWeight) * p.even.coef[k];
  for (std::size_t k = 0; k < p.odd.coef.size(); ++k)
    p.coef[k] += p.oddWeight * p.odd.coef[k];
  p.degree = static_cast<int>(std::max(p.even.phases.size(), p.odd.phases.size())) - 1;
  p.formula = ir::formatFloat(p.scale) + "*" + f.formula;
  return p;
}

const MixedPolynomial &approximateMixed(const approx::TargetFunction &f, double eta,
                                        Polynomials how) {
  return memo<MixedPolynomial>(keyOf(f, eta) + "|" + std::to_string(static_cast<int>(how)),
                               [&] { return computeMixed(f, eta, how); });
}

/// Whether both parity parts are run (a selection qubit mixes them).
bool mixed(const MixedPolynomial &poly) {
  return !poly.even.phases.empty() && !poly.odd.phases.empty();
}

/// The QSVT of `poly` on the diagonal encoding of `in`'s amplitudes: its
/// gate acts on the data, in's flags, a fresh copy register (n qubits) and
/// the QSVT's two qubits, three when mixed (diagonalQsvtAncillas).
Encoded diagonalQsvt(StateContext &cx, const StageP &in, const MixedPolynomial &poly) {
  Encoded diag =
      backend::defineDiagonal(cx.program, cx.fresh("st_diag"), "state: diagonal of the amplitudes",
                              in->gate, cx.dataQubits);
  const std::string comment = "state: QSVT of " + poly.formula + " (degree " +
                              std::to_string(poly.degree) + ") on that diagonal";
  if (!mixed(poly)) // one parity: one branch
    return backend::defineQsvt(cx.program, cx.fresh("st_qsvt"), comment, diag, cx.dataQubits,
                               poly.even.phases.empty() ? poly.odd.phases : poly.even.phases, {},
                               0.5);
  return backend::defineQsvt(cx.program, cx.fresh("st_qsvt"), comment, diag, cx.dataQubits,
                             poly.even.phases, poly.odd.phases, poly.oddWeight);
}

int diagonalQsvtAncillas(const StateContext &cx, const StageP &in, const MixedPolynomial &poly) {
  return in->gate.ancillas + cx.dataQubits + (mixed(poly) ? 3 : 2);
}

/// Each of a QSVT's max(d_even, d_odd) steps calls the input once.
std::map<std::string, double> qsvtCalls(const StageP &in, const MixedPolynomial &poly) {
  const double steps =
      static_cast<double>(std::max(poly.even.phases.size(), poly.odd.phases.size())) - 1;
  std::map<std::string, double> calls;
  addScaled(calls, in->calls, steps);
  return calls;
}

/// Flips `marker` unless every qubit of `flags` is |0>: a stage that reuses
/// an unclean state's flags marks its garbage first, so that the garbage
/// stays out of the good subspace (marker |0>) whatever the reuse does.
void markFlags(GateBuilder &b, const std::vector<int> &flags, int marker) {
  b.x(marker);
  b.x(marker, backend::controlsFor(flags, 0));
}

} // namespace

StageP basisState(StateContext &cx, int64_t j, int length) {
  Stage s;
  s.info = {"row", "|" + std::to_string(j) + ">"};
  s.length = length;
  s.clean = true;
  s.amplitudeLow = 1;
  s.valueHigh = s.entryHigh = 1;
  s.ideal = VectorXd::Zero(dim(cx));
  s.ideal(j) = 1;
  s.lowered = s.ideal;
  if (!cx.buildGates)
    return record(std::move(s), cx);
  GateDef def{cx.fresh("st_basis"), cx.dataQubits, "token |" + std::to_string(j) + ">", {}};
  GateBuilder b(def.body);
  for (int q = 0; q < cx.dataQubits; ++q)
    if ((j >> q) & 1)
      b.x(q);
  return finish(std::move(s), std::move(def), cx);
}

StageP constantRow(StateContext &cx, int length, double c) {
  Stage s;
  s.info = {"row", ir::formatFloat(c) + " in each of " + std::to_string(length) + " entries"};
  s.length = length;
  s.clean = true;
  s.alpha = c * std::sqrt(static_cast<double>(length));
  s.amplitudeLow = s.amplitudeNorm = 1;
  s.entryHigh = std::fabs(c);
  s.valueHigh = std::fabs(s.alpha);
  s.ideal = VectorXd::Zero(dim(cx));
  s.ideal.head(length).setConstant(1 / std::sqrt(static_cast<double>(length)));
  s.lowered = s.ideal;
  if (!cx.buildGates)
    return record(std::move(s), cx);
  GateDef def{cx.fresh("st_constant"), cx.dataQubits, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  if (length > 1)
    b.call(uniformGate(cx, length), {}, qubitRange(0, static_cast<int>(ir::qubitsFor(length))));
  return finish(std::move(s), std::move(def), cx);
}

StageP applyOracle(StateContext &cx, const StageP &in, const Oracle &oracle, bool transpose) {
  if (in->length != (transpose ? oracle.rows : oracle.cols))
    throw InternalError("state mode: " + oracle.source + " applied to a row of length " +
                        std::to_string(in->length));
  Stage s = after(in);
  s.info = {"apply", (transpose ? oracle.source + "^T" : oracle.source)};
  s.length = static_cast<int>(transpose ? oracle.cols : oracle.rows);
  s.alpha *= oracle.gate.alpha;
  s.valueHigh = in->valueHigh * oracle.norm;
  // |(op(M) v)_k| <= ||row k of op(M)|| ||v||
  s.entryHigh =
      std::min(s.valueHigh, (transpose ? oracle.colNorm : oracle.rowNorm) * in->valueHigh);
  s.calls[oracle.source] += 1;
  const int offset = placeFlags(s, in, oracle.gate.ancillas);
  s.clean = in->clean && oracle.gate.ancillas == 0;
  // ||op(M)|| / alpha <= 1 scales the error of the input.
  double gain = oracle.norm / oracle.gate.alpha;
  if (in->known() && oracle.matrix.size() > 0) {
    const Eigen::MatrixXd &m = oracle.matrix;
    Eigen::MatrixXd padded = Eigen::MatrixXd::Zero(dim(cx), dim(cx));
    padded.topLeftCorner(m.rows(), m.cols()) = m;
    if (transpose)
      padded.transposeInPlace();
    padded /= oracle.gate.alpha;
    s.ideal = padded * in->ideal;
    s.lowered = padded * in->lowered;
    gain = padded.operatorNorm();
  }
  s.errorPerEta *= gain;
  s.phasePerEta *= gain;
  for (auto &[polynomial, g] : s.gains)
    g *= gain;
  if (!cx.buildGates)
    return record(std::move(s), cx);
  GateDef def{cx.fresh("st_apply"),
              cx.dataQubits + s.gate.ancillas,
              "state: " + s.info.detail + " applied (oracle " + oracle.gate.gate + ")",
              {}};
  GateBuilder b(def.body);
  b.call(in->gate.gate, {}, qubitRange(0, cx.dataQubits + in->gate.ancillas));
  std::vector<int> on = qubitRange(0, oracle.dataQubits);
  for (int k = 0; k < oracle.gate.ancillas; ++k)
    on.push_back(cx.dataQubits + offset + k);
  b.call(oracle.gate.gate, {}, on, {}, transpose);
  return finish(std::move(s), std::move(def), cx);
}

StageP scaleValue(const StageP &in, double c) {
  Stage s = *in;
  s.alpha *= c;
  s.valueHigh *= std::fabs(c);
  s.entryHigh *= std::fabs(c);
  s.gate.alpha = s.alpha;
  return std::make_shared<const Stage>(std::move(s));
}

double expReadoutAmplitude(const VectorXd &x, double c) {
  // MixedPolynomial's block m e^{-|c|} e^{c x} for e^{c x}, times 1/sqrt(L).
  const double m = 1 - 2 * PolyMargin;
  return m * std::exp(-std::fabs(c)) / std::sqrt(static_cast<double>(x.size())) *
         (c * x.array()).exp().matrix().norm();
}

StageP expHalfAmplitudes(StateContext &cx, const StageP &in, int64_t prefix) {
  const double c = in->alpha / 2;
  if (!(std::fabs(c) > 1e-12))
    throw Error("state mode: exp on amplitudes of a zero row");
  const int64_t length = prefix > 0 ? std::min<int64_t>(prefix, in->length) : in->length;
  const double m = 1 - 2 * PolyMargin; // MixedPolynomial's
  const double readout = 1 / std::sqrt(static_cast<double>(length));
  // Every entry of the amplitudes is at most h = max |value_k| / alpha, so
  // e^{c x_k} >= e^{-|c| h}: the readout amplitude is at least m e^{-|c| (1 + h)}.
  const double h = std::min(1.0, in->entryHigh / std::fabs(in->alpha));
  const double low = m * std::exp(-std::fabs(c) * (1 + h));
  // Refuse before approximating when the readout is hopeless.
  const double ideal =
      in->known() && !cx.boundsOnly ? expReadoutAmplitude(in->ideal.head(length), c) : low;
  if (amplificationIterates(ideal) > MaxIterates)
    throw Error("state mode: exp on amplitudes read out with amplitude " + std::to_string(ideal) +
                " (scale c = " + std::to_string(c) + "): its normalisation would take more than " +
                std::to_string(MaxIterates) + " amplification iterates");
  const auto [id, eps] = cx.nextPolynomial();
  const MixedPolynomial &poly =
      approximateMixed(approx::makeCatalogFunction("exp", {{"beta", c}}), eps, cx.polynomials);
  const std::vector<double> &coef = poly.coef;
  const int degree = poly.degree;

  Stage s;
  s.info = {"exp-amplitudes",
            poly.formula + " on the amplitudes, uniform readout" +
                (length < in->length ? " of the first " + std::to_string(length) : "")};
  s.info.degree = degree;
  cx.facts["ell"] = std::max(cx.facts["ell"], static_cast<double>(degree));
  s.length = in->length;
  s.amplitudeLow = low;
  if (in->known()) {
    s.ideal = VectorXd::Zero(dim(cx));
    s.lowered = VectorXd::Zero(dim(cx));
    for (int k = 0; k < length; ++k) {
      s.ideal(k) = readout * poly.scale * std::exp(c * in->ideal(k));
      s.lowered(k) = readout * numeric::clenshaw(coef, in->lowered(k));
    }
  }
  // |p(x_low) - f(x_ideal)| <= eta (1 + phases) + |c| m |x_low - x_ideal|
  // (each part within eta, weights summing to 1; f' <= |c| scale e^{|c|}),
  // in l2 over the L entries read times the readout 1/sqrt(L).
  const double lip = std::fabs(c) * m / std::sqrt(static_cast<double>(length));
  polynomialError(s, cx, id, eps, *in, lip);
  s.calls = qsvtCalls(in, poly);
  s.alpha = in->alpha; // not a value of the model: only amplify() reads on
  const int n = cx.dataQubits;
  s.gate.ancillas = diagonalQsvtAncillas(cx, in, poly);
  if (!cx.buildGates)
    return record(std::move(s), cx);
  Encoded qsvt = diagonalQsvt(cx, in, poly);
  // The uniform state on the first `length` entries: the masked ones
  // (causal attention) get amplitude 0.
  const std::string uniform = length > 1 ? uniformGate(cx, length) : "";
  GateDef def{cx.fresh("st_exp"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  if (length > 1) // one entry: |0> already
    b.call(uniform, {}, qubitRange(0, static_cast<int>(ir::qubitsFor(length))));
  b.call(qsvt.gate, {}, qubitRange(0, n + qsvt.ancillas));
  return finish(std::move(s), std::move(def), cx);
}

StageP gatedActivation(StateContext &cx, const StageP &in, const std::string &name) {
  const approx::Activation *act = approx::findActivation(name);
  if (!act || act->amplitudeGate.empty())
    throw InternalError("gatedActivation: '" + name + "' has no gate");
  const approx::Activation *gate = approx::findActivation(act->amplitudeGate);
  const auto [id, eps] = cx.nextPolynomial();
  // A smoothed f (ReLU): v sigmoid(k v) is within W / k of max(v, 0) per
  // entry (W = max_u u sigmoid(-u)), S sqrt(L) W / (k alpha) in the
  // amplitudes' l2 (S <= 1): k alpha = sqrt(L) W / smoothing makes that
  // `smoothing`, the polynomial's whole share (not capped as eps is).
  constexpr double W = 0.27846454276107380;
  const bool smoothed = !act->smoothedBy.empty();
  // (The first pass builds a coarser one but reports the rule's error.)
  const double smoothing = smoothed ? cx.budgetOf(id) : 0;
  const double built =
      cx.measuring ? std::max(smoothing, StateContext::MeasuringSmoothing) : smoothing;
  const double gateScale =
      smoothed ? std::sqrt(static_cast<double>(in->length)) * W / built : in->alpha;
  const MixedPolynomial &poly = approximateMixed(
      approx::makeCatalogFunction(act->amplitudeGate, {{gate->scaleParam, gateScale}}), eps,
      cx.polynomials);
  const double offset = act->amplitudeOffset; // added by the caller (an LCU)
  Stage s;
  s.info = {"activation",
            name + " by importance weighting: x * " + poly.formula +
                (offset != 0 ? " (+ " + ir::formatFloat(offset) + " by an LCU)" : "")};
  s.info.degree = poly.degree;
  cx.facts["ell"] = std::max(cx.facts["ell"], static_cast<double>(poly.degree));
  s.length = in->length;
  s.alpha = in->alpha / poly.scale;
  s.valueHigh = in->valueHigh; // |v g(v)| <= |v| for a gate |g| <= 1
  s.entryHigh = in->entryHigh;
  if (in->known()) {
    s.ideal = VectorXd::Zero(dim(cx));
    s.lowered = VectorXd::Zero(dim(cx));
    for (int k = 0; k < in->length; ++k) {
      const double x = in->ideal(k), xl = in->lowered(k);
      s.ideal(k) = poly.scale * (act->evalDouble(in->alpha * x) - offset) / in->alpha;
      s.lowered(k) = xl * numeric::clenshaw(poly.coef, xl);
    }
  }
  // x_l p(x_l) - h(x_i), h(x) = S (f(alpha x) - offset) / alpha: |x_l| eta
  // (1 + phases) in l2 (||x|| <= 1), plus the smoothing's eps, plus |h'| <=
  // S sup|f'| times the input's error (the smoothed v sigmoid(k v): 1.1);
  // and, when the flags are shared, the first call's residual met again.
  const double reused = in->clean ? in->phasePerEta : 0;
  const double lipschitz = smoothed ? std::max(act->lipschitz, 1.1) : act->lipschitz;
  polynomialError(s, cx, id, eps + smoothing, *in, poly.scale * lipschitz, reused);
  s.calls = qsvtCalls(in, poly);
  addScaled(s.calls, in->calls, 1);
  const int n = cx.dataQubits;
  // The QSVT's own copy of in's flags: in's (shared) when in returned them
  // to |0>, fresh ones after them otherwise; then the copy register and
  // the QSVT's own.
  const int flags = in->clean ? 0 : in->gate.ancillas;
  s.gate.ancillas = flags + diagonalQsvtAncillas(cx, in, poly);
  if (!cx.buildGates)
    return record(std::move(s), cx);
  Encoded qsvt = diagonalQsvt(cx, in, poly);
  GateDef def{cx.fresh("st_activation"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  b.call(in->gate.gate, {}, qubitRange(0, n + in->gate.ancillas));
  std::vector<int> on = qubitRange(0, n);
  for (int k = 0; k < qsvt.ancillas; ++k)
    on.push_back(n + flags + k);
  b.call(qsvt.gate, {}, on);
  return finish(std::move(s), std::move(def), cx);
}

StageP amplify(StateContext &cx, const StageP &in, bool meanFree) {
  if (!in->known())
    throw InternalError("exact amplification of a state whose amplitudes are unknown");
  const VectorXd ideal = goodPart(in->ideal, in->length, meanFree),
                 lowered = goodPart(in->lowered, in->length, meanFree);
  const double a = lowered.norm(), u = ideal.norm();
  if (!(u > 0) || !(a > 0))
    throw NotSupportedError("state mode: the row to amplify is zero, so it is no state "
                            "(use --mode=matrix)");
  AmplifySchedule schedule = scheduleAmplification(std::min(a, 1.0));
  if (schedule.iterates > MaxIterates)
    throw Error("state mode: normalising this row takes " + std::to_string(schedule.iterates) +
                " amplification iterates (success amplitude " + std::to_string(a) +
                "), more than " + std::to_string(MaxIterates) +
                ": its norm is too small next to the encodings' alphas");
  Stage s;
  s.info = {"amplify", meanFree ? "exact amplitude amplification onto the mean-free part"
                                : "exact amplitude amplification"};
  s.info.rounds = schedule.iterates;
  s.info.amplitude = a;
  s.length = in->length;
  s.clean = true;
  s.alpha = in->alpha * u;
  s.amplitudeLow = s.amplitudeNorm = 1;
  s.valueHigh = std::fabs(s.alpha);
  s.entryHigh = std::min(in->entryHigh, s.valueHigh);
  s.ideal = ideal / u;
  s.lowered = lowered / a;
  // The angles are exact for the lowered amplitude; phase errors tilt
  // each of the 2K + 1 calls by at most their size over cos(theta): that
  // much leaves the good subspace (garbage, charged again when reused).
  const double cosTheta = std::sqrt(std::max(1e-300, 1 - std::min(a * a, 1.0)));
  const double calls = 2.0 * schedule.iterates + 1;
  const double garbage = a < 1 ? calls * in->phasePerEta / cosTheta : 0;
  s.errorPerEta = 2 * in->errorPerEta / u + garbage;
  s.phasePerEta = 2 * in->phasePerEta / u + garbage;
  addScaled(s.gains, in->gains, 2 / u);
  addScaled(s.calls, in->calls, calls);
  s.gate.ancillas = in->gate.ancillas;
  if (!cx.buildGates)
    return record(std::move(s), cx);
  s.gate = defineAmplified(cx.program, cx.fresh("st_amplify"),
                           "state: amplified, " + std::to_string(schedule.iterates) +
                               " iterates (success amplitude " + std::to_string(a) + ")",
                           in->gate, cx.dataQubits, schedule, meanFree ? in->length : 0);
  return record(std::move(s), cx);
}

StageP squareAmplitudes(StateContext &cx, const StageP &a) {
  const int n = cx.dataQubits;
  Stage s;
  s.info = {"square", "diag(a) a: the amplitudes squared (importance weighting)"};
  if (!(a->amplitudeNorm > 0))
    throw InternalError("squareAmplitudes needs an amplified state");
  s.length = a->length;
  s.alpha = 1 / (a->amplitudeNorm * a->amplitudeNorm); // a = S sqrt(p): a o a = S^2 p
  // ||a o a||_2 >= ||a||_2^2 / sqrt(L) (Cauchy-Schwarz); a softmax row has norm <= 1.
  s.amplitudeLow = a->amplitudeLow * a->amplitudeLow / std::sqrt(static_cast<double>(a->length));
  s.valueHigh = s.entryHigh = 1;
  if (a->known()) {
    s.ideal = a->ideal.cwiseProduct(a->ideal);
    s.lowered = a->lowered.cwiseProduct(a->lowered);
  }
  // ||a o a - b o b|| <= (||a||_inf + ||b||_inf) ||a - b|| <= 2 ||a - b||,
  // plus, for exact amplification's clean flags, the first call's residual
  // met by the second (a fixed-point amplification's flags are marked).
  const double reused = a->clean ? a->phasePerEta : 0;
  s.errorPerEta = 2 * a->errorPerEta + reused;
  s.phasePerEta = 2 * a->phasePerEta + reused;
  addScaled(s.gains, a->gains, 2);
  addScaled(s.calls, a->calls, 2);
  const int marker = a->clean ? 0 : 1; // after a's flags and the copy register
  s.gate.ancillas = a->gate.ancillas + n + marker;
  if (!cx.buildGates)
    return record(std::move(s), cx);
  Encoded diag = backend::defineDiagonal(cx.program, cx.fresh("st_diag"),
                                         "state: diagonal of the amplified state", a->gate, n);
  GateDef def{cx.fresh("st_square"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  b.call(a->gate.gate, {}, qubitRange(0, n + a->gate.ancillas));
  if (marker)
    markFlags(b, qubitRange(n, a->gate.ancillas), n + diag.ancillas);
  b.call(diag.gate, {}, qubitRange(0, n + diag.ancillas));
  return finish(std::move(s), std::move(def), cx);
}

StageP addValues(StateContext &cx, const std::vector<StageP> &terms, const std::string &what) {
  if (terms.size() < 2)
    throw InternalError("addValues needs two terms or more");
  const int n = cx.dataQubits;
  Stage s;
  s.info = {"lcu", std::to_string(terms.size()) + " terms (" + what + ")"};
  s.length = terms[0]->length;
  int shared = 0;
  double total = 0;
  bool known = true;
  std::vector<double> weights;
  for (const StageP &t : terms) {
    if (t->length != s.length)
      throw InternalError("addValues: rows of different lengths");
    if (!std::isfinite(t->alpha))
      throw InternalError("addValues: a term's alpha is unknown (" + t->info.kind + ")");
    shared = std::max(shared, t->gate.ancillas);
    weights.push_back(t->alpha);
    total += std::fabs(t->alpha);
    s.valueHigh += t->valueHigh;
    s.entryHigh += t->entryHigh;
    known = known && t->known();
  }
  s.alpha = total;
  if (known) {
    s.ideal = VectorXd::Zero(dim(cx));
    s.lowered = VectorXd::Zero(dim(cx));
  }
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (known) {
      s.ideal += weights[i] / total * terms[i]->ideal;
      s.lowered += weights[i] / total * terms[i]->lowered;
    }
    s.errorPerEta += std::fabs(weights[i]) / total * terms[i]->errorPerEta;
    s.phasePerEta += std::fabs(weights[i]) / total * terms[i]->phasePerEta;
    addScaled(s.gains, terms[i]->gains, std::fabs(weights[i]) / total);
    addScaled(s.calls, terms[i]->calls, 1);
  }
  const int select = static_cast<int>(ir::qubitsFor(static_cast<int64_t>(terms.size())));
  s.gate.ancillas = shared + select;
  if (!cx.buildGates)
    return record(std::move(s), cx);
  const std::string name = cx.fresh("st_lcu");
  GateDef def{name, n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  backend::appendLcu(cx.program, b, name, weights, qubitRange(n + shared, select),
                     [&](std::size_t i, const std::vector<backend::Control> &when) {
                       b.call(terms[i]->gate.gate, {}, qubitRange(0, n + terms[i]->gate.ancillas),
                              when);
                     });
  return finish(std::move(s), std::move(def), cx);
}

namespace {

/// An odd target's approximation within eps on its domain with max |p| <= 1 - headroom on [-1, 1],
/// and its phases solved to PhaseShare eps. p ~ scale * f (the engine's rescaling).
struct OddPolynomial {
  std::vector<double> coef, phases;
  double scale = 1;
  int degree = 0;
  std::string formula;
};

OddPolynomial computeOdd(const approx::TargetFunction &f, double eps, double headroom,
                         Polynomials how) {
  if (how == Polynomials::Estimate) {
    OddPolynomial p;
    std::tie(p.coef, p.phases) = estimated(f, eps);
    p.degree = static_cast<int>(p.phases.size()) - 1;
    p.scale = 1 - headroom; // what the engine's rescaling would give at most
    p.formula = ir::formatFloat(p.scale) + "*" + f.formula + " (degree estimated)";
    return p;
  }
  approx::ApproxOptions opts;
  opts.epsilon = eps;
  opts.eta = headroom;
  // Minimax where the domain has a gap (sign; a norm's window); Chebyshev
  // interpolation, near-minimax and fast at high degree, on all of [-1, 1].
  opts.method = f.domain.isInterval(-1, 1) ? approx::Method::Chebyshev : approx::Method::Remez;
  approx::Approximation a;
  try {
    a = approx::approximate(f, opts);
  } catch (const Error &) { // high degrees may need more than double to certify
    opts.precisionBits = 106;
    a = approx::approximate(f, opts);
  }
  if (a.parity != approx::Parity::Odd)
    throw InternalError("state mode: " + f.formula + " did not approximate as an odd polynomial");
  OddPolynomial p;
  for (const numeric::Mpfr &v : a.coef)
    p.coef.push_back(v.convert_to<double>());
  p.phases = phasesFor(a.coef, eps, how);
  p.scale = a.scale;
  p.degree = a.degree;
  p.formula = ir::formatFloat(a.scale) + "*" + f.formula;
  return p;
}

const OddPolynomial &approximateOdd(const approx::TargetFunction &f, double eps, double headroom,
                                    Polynomials how) {
  return memo<OddPolynomial>(keyOf(f, eps, headroom) + "|" + std::to_string(static_cast<int>(how)),
                             [&] { return computeOdd(f, eps, headroom, how); });
}

/// For layers only counted (Polynomials::Estimate): the sign polynomial
/// with gap `low` within eps, on a grid (low rounded down to 2^{k/8}, eps
/// down to 10^{k/4}: no smaller degree, and one polynomial for many
/// layers), approximated once (memoised). Below a gap of 1/32 the degree
/// is scaled as 1/gap from the gap 1/32 (the minimax degree's asymptotics,
/// log(1/eps) / gap). A norm's windowed polynomial has the same degree
/// within a few percent (GPT-2's: 109 and 45 against the sign's 111 and
/// 45), so it stands in for that too.
OddPolynomial gridSign(double low, double eps) {
  constexpr double Smallest = 1.0 / 32; // Remez above, scaling below
  const double lowQ = std::exp2(std::floor(8 * std::log2(low)) / 8);
  const double epsQ = std::pow(10.0, std::floor(4 * std::log10(eps)) / 4);
  OddPolynomial p =
      approximateOdd(approx::makeCatalogFunction("sign", {{"delta", std::max(lowQ, Smallest)}}),
                     epsQ, PolyMargin, Polynomials::Approximate);
  if (lowQ < Smallest) {
    const int degree = approx::alignDegree(static_cast<int>(std::ceil(p.degree * Smallest / lowQ)),
                                           approx::Parity::Odd);
    p.phases.assign(static_cast<std::size_t>(degree) + 1, 0.0);
    p.degree = degree;
    p.coef.clear();
  }
  p.formula += " (degree of the sign polynomial on a grid)";
  return p;
}

/// How an amplitude transform maps the success amplitude u of the good
/// part (in [low, 1]) and what its error rule needs.
struct AmplitudeMap {
  OddPolynomial poly;
  int polynomial = 0;                   ///< its index (StateContext::nextPolynomial)
  double eps = 0;                       ///< |p - S f| on the domain
  double low = 0;                       ///< the domain's lower end
  std::function<double(double)> target; ///< the ideal amplitude factor at u (S f(u), or 1)
  double lipschitz = 0;                 ///< sup |target'| on [low, 1]
  double overAmplitude = 0;             ///< sup target(u) / u on [low, 1]
};

/// p(a) |psi> from `in` by QSVT of map.poly on its success amplitude
/// (backend::defineProjectedQsvt): input projector all qubits |0>, output
/// projector in's flags |0> (and, meanFree, data orthogonal to the
/// uniform row). Its own two qubits come after in's flags.
Stage transformAmplitude(StateContext &cx, const StageP &in, const AmplitudeMap &map, bool meanFree,
                         const std::string &name) {
  Stage s;
  s.length = in->length;
  s.info.degree = map.poly.degree;
  if (in->known()) {
    const VectorXd gi = goodPart(in->ideal, in->length, meanFree),
                   gl = goodPart(in->lowered, in->length, meanFree);
    const double u = gi.norm(), a = gl.norm();
    if (!(u > 0) || !(a > 0))
      throw NotSupportedError("state mode: the row to transform is zero, so it is no state "
                              "(use --mode=matrix)");
    s.ideal = map.target(u) * gi / u;
    s.lowered = numeric::clenshaw(map.poly.coef, a) * gl / a;
    s.info.amplitude = a;
  }
  // |p(a) - target(a)| + |target(a) - target(u)| + target(u) ||g_l/a - g_i/u||
  // <= eps + lip |a - u| + over 2 ||g_l - g_i||. The QSVT transforms the
  // amplitude the input gate really has, whatever it is (no angles tuned
  // to one amplitude, unlike exact amplification): the input's phase
  // errors enter only through ||g_l - g_i||.
  const double calls = map.poly.degree;
  const double spread = map.lipschitz + 2 * map.overAmplitude;
  polynomialError(s, cx, map.polynomial, map.eps, *in, spread);
  addScaled(s.calls, in->calls, calls);
  if (!cx.buildGates) {
    s.gate.ancillas = in->gate.ancillas + 2;
    return s;
  }
  const int n = cx.dataQubits, width = n + in->gate.ancillas;
  const std::vector<int> all = qubitRange(0, width), flags = qubitRange(n, in->gate.ancillas);
  std::string uniform;
  std::vector<int> low;
  if (meanFree) {
    low = qubitRange(0, static_cast<int>(ir::qubitsFor(in->length)));
    uniform = uniformGate(cx, in->length);
  }
  auto markIn = [all](GateBuilder &b, int signal) { b.x(signal, backend::controlsFor(all, 0)); };
  auto markOut = [&](GateBuilder &b, int signal) {
    b.x(signal, backend::controlsFor(flags, 0));
    if (!meanFree)
      return;
    b.call(uniform, {}, low, {}, /*inverse=*/true); // minus flags |0> (x) |u>
    b.x(signal, backend::controlsFor(all, 0));
    b.call(uniform, {}, low);
  };
  s.gate = backend::defineProjectedQsvt(cx.program, cx.fresh(name),
                                        "state: QSVT of " + map.poly.formula + " (degree " +
                                            std::to_string(map.poly.degree) +
                                            ") on the success amplitude",
                                        in->gate, width, map.poly.phases, markIn, markOut);
  s.gate.ancillas += in->gate.ancillas;
  return s;
}

} // namespace

StageP amplifyFixedPoint(StateContext &cx, const StageP &in) {
  const double low = in->amplitudeLow;
  if (!(low > 0))
    throw Error("state mode: the success amplitude of this " + in->info.kind +
                " stage has no positive lower bound from the data's declared norms, so no "
                "amplification can normalise it");
  // p ~ S sign within eta on [low, 1] (S = 1 - the engine's headroom): the
  // good amplitude is S |psi> within eta, S a known scale (amplitudeNorm).
  // The flags keep sqrt(1 - S^2) ~ 0.06: not clean, so a stage that reuses
  // them first marks them (square, mix).
  AmplitudeMap map;
  std::tie(map.polynomial, map.eps) = cx.nextPolynomial();
  map.low = std::min(low, 0.9);
  map.poly = cx.polynomials == Polynomials::Estimate
                 ? gridSign(map.low, map.eps)
                 : approximateOdd(approx::makeCatalogFunction("sign", {{"delta", map.low}}),
                                  map.eps, PolyMargin, cx.polynomials);
  const double scale = map.poly.scale;
  map.target = [scale](double) { return scale; };
  map.overAmplitude = scale / map.low;
  if (map.poly.degree > 2 * MaxIterates)
    throw Error("state mode: fixed-point amplification from amplitude " + std::to_string(low) +
                " needs degree " + std::to_string(map.poly.degree));
  Stage s = transformAmplitude(cx, in, map, /*meanFree=*/false, "st_fixedpoint");
  s.info.kind = "amplify";
  s.info.detail =
      "fixed-point amplitude amplification (sign polynomial, amplitude >= " + ir::formatFloat(low) +
      ")";
  s.info.rounds = (map.poly.degree - 1) / 2;
  if (!s.known())
    s.info.amplitude = low;
  s.clean = false;
  s.amplitudeNorm = scale;
  s.amplitudeLow = scale - map.eps;
  s.alpha = s.known() ? in->alpha * goodPart(in->ideal, in->length, false).norm() / scale
                      : std::numeric_limits<double>::quiet_NaN();
  s.valueHigh = in->valueHigh;
  s.entryHigh = in->entryHigh;
  return record(std::move(s), cx);
}

StageP normalise(StateContext &cx, const StageP &in) {
  return in->known() && !cx.boundsOnly ? amplify(cx, in) : amplifyFixedPoint(cx, in);
}

StageP normByAmplitude(StateContext &cx, const StageP &in, bool meanFree, double gamma, double eps,
                       double spreadLow) {
  const double length = in->length, alpha = std::fabs(in->alpha);
  const double kappa = std::sqrt(length * eps) / alpha;
  if (!(kappa > 0))
    throw Error("state mode: a norm with epsilon " + ir::formatFloat(eps) +
                " needs a lower bound on the row's spread (there is no gap below it)");
  AmplitudeMap map;
  std::tie(map.polynomial, map.eps) = cx.nextPolynomial();
  map.low = std::min(spreadLow / alpha, 0.9);
  approx::TargetFunction f;
  f.name = "norm-amplitude";
  f.formula = "x/sqrt(x^2+" + ir::formatFloat(kappa * kappa) + ")";
  f.parity = approx::Parity::Odd;
  f.evalDouble = [kappa](double x) { return x / std::sqrt(x * x + kappa * kappa); };
  f.evalMpfr = [kappa](const numeric::Mpfr &x) {
    return numeric::Mpfr(x / sqrt(x * x + numeric::Mpfr(kappa) * kappa));
  };
  f.steepness = 1 / kappa;
  // A gap [low, 1] pays only where the spread's bound is above kappa.
  if (map.low > 2 * kappa) {
    f.domain = approx::Domain({{-1, -map.low}, {map.low, 1}});
    f.smoothExtension = [f](double) {
      approx::TargetFunction g = f;
      g.domain = approx::Domain({{-1, 1}});
      return g;
    };
  } else {
    map.low = 0;
    f.domain = approx::Domain({{-1, 1}});
  }
  map.poly = cx.polynomials == Polynomials::Estimate && map.low > 0
                 ? gridSign(map.low, map.eps)
                 : approximateOdd(f, map.eps, PolyMargin, cx.polynomials);
  const double sc = map.poly.scale, k2 = kappa * kappa, l2 = map.low * map.low;
  map.target = [sc, kappa](double u) { return sc * u / std::sqrt(u * u + kappa * kappa); };
  map.lipschitz = sc * k2 / std::pow(l2 + k2, 1.5);
  map.overAmplitude = sc / std::sqrt(l2 + k2);
  Stage s = transformAmplitude(cx, in, map, meanFree, "st_norm");
  s.info.kind = "norm";
  s.info.detail = std::string(meanFree ? "layer" : "RMS") + " norm: " + map.poly.formula +
                  " on the " + (meanFree ? "mean-free " : "") + "success amplitude";
  s.alpha = gamma * std::sqrt(length) / sc;
  s.valueHigh = s.entryHigh = std::fabs(gamma) * std::sqrt(length);
  s.amplitudeLow = map.low > 0 ? map.target(map.low) - map.eps : 0;
  return record(std::move(s), cx);
}

StageP projectRange(StateContext &cx, const StageP &in, int64_t offset, int64_t width) {
  if (offset < 0 || width < 1 || offset + width > in->length)
    throw InternalError("projectRange: entries [" + std::to_string(offset) + ", " +
                        std::to_string(offset + width) + ") of a row of " +
                        std::to_string(in->length));
  Stage s = after(in);
  s.info = {"project",
            "entries [" + std::to_string(offset) + ", " + std::to_string(offset + width) + ")"};
  s.valueHigh = in->valueHigh;
  s.entryHigh = in->entryHigh;
  const int flag = placeFlags(s, in, 1);
  if (in->known()) {
    s.ideal = VectorXd::Zero(dim(cx));
    s.lowered = VectorXd::Zero(dim(cx));
    s.ideal.segment(offset, width) = in->ideal.segment(offset, width);
    s.lowered.segment(offset, width) = in->lowered.segment(offset, width);
  }
  const int n = cx.dataQubits, w = static_cast<int>(ir::qubitsFor(width));
  if (!cx.buildGates)
    return record(std::move(s), cx);
  GateDef def{cx.fresh("st_project"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  b.call(in->gate.gate, {}, qubitRange(0, n + in->gate.ancillas));
  const int target = n + flag;
  b.x(target);
  if (isPowerOfTwo(width) && offset % width == 0) {
    // The flag is |1> unless the high data qubits spell offset / width.
    b.x(target, backend::controlsFor(qubitRange(w, n - w), static_cast<uint64_t>(offset >> w)));
  } else {
    // 1 ^ [x >= offset] ^ [x >= offset + width]: |0> exactly inside.
    backend::flagIndexAtLeast(b, qubitRange(0, n), static_cast<uint64_t>(offset), target);
    backend::flagIndexAtLeast(b, qubitRange(0, n), static_cast<uint64_t>(offset + width), target);
  }
  return finish(std::move(s), std::move(def), cx);
}

StageP concatenateRows(StateContext &cx, const std::vector<StageP> &terms, int64_t width) {
  const int64_t count = static_cast<int64_t>(terms.size());
  const int64_t length = terms.at(0)->length;
  if (width < 1 || count * width > length)
    throw InternalError("concatenateRows: " + std::to_string(count) + " slots of width " +
                        std::to_string(width) + " in a row of " + std::to_string(length));
  const int n = cx.dataQubits, w = static_cast<int>(ir::qubitsFor(width));
  const int select = static_cast<int>(ir::qubitsFor(count));
  Stage s;
  s.info = {"concat", std::to_string(count) + " rows side by side (heads), " +
                          std::to_string(width) + " entries each"};
  s.length = static_cast<int>(length);
  int shared = 0;
  bool known = true;
  double norm2 = 0, high2 = 0;
  for (const StageP &t : terms) {
    if (t->length != length || !std::isfinite(t->alpha))
      throw InternalError("concatenateRows: rows of different lengths or unknown alpha");
    shared = std::max(shared, t->gate.ancillas);
    norm2 += t->alpha * t->alpha;
    high2 += t->valueHigh * t->valueHigh;
    s.entryHigh = std::max(s.entryHigh, t->entryHigh);
    known = known && t->known();
  }
  // Amplitude c_h = alpha_h / alpha on term h: sum_h c_h (v_h / alpha_h) = v / alpha.
  s.alpha = std::sqrt(norm2);
  s.valueHigh = std::sqrt(high2); // the slots are orthogonal
  std::vector<double> c(std::size_t{1} << select, 0.0);
  double error2 = 0, phase2 = 0;
  for (int64_t h = 0; h < count; ++h) {
    const StageP &t = terms[static_cast<std::size_t>(h)];
    c[static_cast<std::size_t>(h)] = t->alpha / s.alpha;
    error2 += c[h] * c[h] * t->errorPerEta * t->errorPerEta;
    phase2 += c[h] * c[h] * t->phasePerEta * t->phasePerEta;
    addScaled(s.calls, t->calls, 1);
  }
  s.errorPerEta = std::sqrt(error2); // slot h carries only term h's error
  s.phasePerEta = std::sqrt(phase2);
  // The gradient of that root sum of squares (it is 1-homogeneous: the
  // gains still sum to errorPerEta).
  for (int64_t h = 0; h < count && s.errorPerEta > 0; ++h) {
    const StageP &t = terms[static_cast<std::size_t>(h)];
    addScaled(s.gains, t->gains, c[h] * c[h] * t->errorPerEta / s.errorPerEta);
  }
  if (known) {
    s.ideal = VectorXd::Zero(dim(cx));
    s.lowered = VectorXd::Zero(dim(cx));
    for (int64_t h = 0; h < count; ++h) {
      const StageP &t = terms[static_cast<std::size_t>(h)];
      s.ideal.segment(h * width, width) = c[h] * t->ideal.segment(h * width, width);
      s.lowered.segment(h * width, width) = c[h] * t->lowered.segment(h * width, width);
    }
  }
  s.gate.ancillas = shared + select;
  if (!cx.buildGates)
    return record(std::move(s), cx);
  GateDef def{cx.fresh("st_concat"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  const std::vector<int> sel = qubitRange(n + shared, select);
  backend::prepareRealState(b, c, sel);
  for (int64_t h = 0; h < count; ++h) {
    const StageP &t = terms[static_cast<std::size_t>(h)];
    b.call(t->gate.gate, {}, qubitRange(0, n + t->gate.ancillas),
           backend::controlsFor(sel, static_cast<uint64_t>(h)));
  }
  // sel ^= the data's slot: |0> exactly on slot h of term h.
  if (isPowerOfTwo(width)) { // the slot is the data's high bits
    for (int k = 0; k < select; ++k)
      if (w + k < n)
        b.cx(w + k, sel[static_cast<std::size_t>(k)]);
  } else { // slot(x) = XOR over h <= slot of h ^ (h - 1): one comparison per bit of it
    for (int64_t h = 1; h < count; ++h)
      for (int k = 0; k < select; ++k)
        if (((h ^ (h - 1)) >> k) & 1)
          backend::flagIndexAtLeast(b, qubitRange(0, n), static_cast<uint64_t>(h * width),
                                    sel[static_cast<std::size_t>(k)]);
  }
  return finish(std::move(s), std::move(def), cx);
}

Oracle defineRowLoader(StateContext &cx, const std::string &source, const Eigen::MatrixXd &m) {
  Oracle o;
  o.source = source;
  o.matrix = m;
  o.rows = m.rows();
  o.cols = m.cols();
  o.dataQubits = static_cast<int>(ir::qubitsFor(std::max(o.rows, o.cols)));
  o.rowNorm = o.norm = o.colNorm = m.rowwise().norm().maxCoeff();
  const int q = o.dataQubits;
  // Row k on target + flag: h_k / r on flag |0>, the rest of the norm on |1>.
  std::vector<std::vector<double>> states(std::size_t{1} << q,
                                          std::vector<double>(std::size_t{2} << q, 0.0));
  for (Eigen::Index k = 0; k < m.rows(); ++k) {
    std::vector<double> &v = states[static_cast<std::size_t>(k)];
    for (Eigen::Index i = 0; i < m.cols(); ++i)
      v[static_cast<std::size_t>(i)] = m(k, i) / o.rowNorm;
    const double n2 = m.row(k).squaredNorm() / (o.rowNorm * o.rowNorm);
    v[std::size_t{1} << q] = std::sqrt(std::max(0.0, 1 - n2));
  }
  for (std::size_t k = static_cast<std::size_t>(m.rows()); k < states.size(); ++k)
    states[k][0] = 1; // rows past the matrix: |0>, never used
  GateDef def{cx.fresh("loader_" + source),
              2 * q + 1,
              "row loader of " + source + ": |k>|0> -> |k> (h_k / " + ir::formatFloat(o.rowNorm) +
                  ") on flag |0>",
              {}};
  GateBuilder b(def.body);
  std::vector<int> target = qubitRange(q, q);
  target.push_back(2 * q);
  backend::prepareRealStatesMultiplexed(b, states, qubitRange(0, q), target);
  o.gate = backend::defineBlock(cx.program, std::move(def), o.rowNorm, 1);
  return o;
}

namespace {

/// Calls a row loader with its index register on `index`, its target on
/// `target` (both loader.dataQubits wide, low qubits) and its flags from
/// `flags` on.
void callLoader(GateBuilder &b, const Oracle &loader, const std::vector<int> &index,
                const std::vector<int> &target, int flags) {
  std::vector<int> on(index.begin(), index.begin() + loader.dataQubits);
  on.insert(on.end(), target.begin(), target.begin() + loader.dataQubits);
  for (int k = 0; k < loader.gate.ancillas; ++k)
    on.push_back(flags + k);
  b.call(loader.gate.gate, {}, on);
}

} // namespace

StageP loadRow(StateContext &cx, int64_t j, const Oracle &loader) {
  const int n = cx.dataQubits;
  Stage s;
  s.info = {"row", "row " + std::to_string(j) + " of " + loader.source + " (row loader)"};
  s.length = static_cast<int>(loader.cols);
  s.alpha = loader.gate.alpha;
  s.valueHigh = s.entryHigh = loader.rowNorm;
  s.calls[loader.source] = 1;
  if (loader.matrix.size() > 0) {
    s.ideal = VectorXd::Zero(dim(cx));
    s.ideal.head(loader.cols) = loader.matrix.row(j).transpose() / loader.gate.alpha;
    s.lowered = s.ideal;
  }
  // The index register (the data) spells j, the loader writes row j into a
  // second register, X gates return the index to |0> and a swap puts the
  // row on the data: the second register is a flag register.
  s.gate.ancillas = n + loader.gate.ancillas;
  if (!cx.buildGates)
    return record(std::move(s), cx);
  GateDef def{cx.fresh("st_loadrow"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  const std::vector<int> data = qubitRange(0, n), second = qubitRange(n, n);
  for (int q = 0; q < n; ++q)
    if ((j >> q) & 1)
      b.x(q);
  callLoader(b, loader, data, second, 2 * n);
  for (int q = 0; q < n; ++q)
    if ((j >> q) & 1)
      b.x(q);
  for (int q = 0; q < n; ++q)
    b.call("swap", {}, {q, n + q});
  return finish(std::move(s), std::move(def), cx);
}

StageP mixRows(StateContext &cx, const StageP &a, const Oracle &loader) {
  if (a->length != loader.rows)
    throw InternalError("mixRows: a weighs " + std::to_string(a->length) + " rows of " +
                        std::to_string(loader.rows));
  const int n = cx.dataQubits;
  Stage s;
  s.info = {"mix", "sum_k a_k^2 (row k of " + loader.source + "): rows weighed by a o a"};
  s.length = static_cast<int>(loader.cols);
  if (!(a->amplitudeNorm > 0))
    throw InternalError("mixRows needs an amplified state");
  s.alpha = loader.gate.alpha / (a->amplitudeNorm * a->amplitudeNorm); // a = S sqrt(p)
  s.valueHigh = s.entryHigh = loader.rowNorm; // sum_k p_k ||h_k|| with sum_k p_k <= 1
  if (a->known() && loader.matrix.size() > 0) {
    s.ideal = VectorXd::Zero(dim(cx));
    s.lowered = VectorXd::Zero(dim(cx));
    const Eigen::MatrixXd h = loader.matrix.transpose() / s.alpha;
    s.ideal.head(loader.cols) = h * a->ideal.head(loader.rows).cwiseAbs2();
    s.lowered.head(loader.cols) = h * a->lowered.head(loader.rows).cwiseAbs2();
  }
  // sum_k |a_k^2 - b_k^2| <= ||a - b|| ||a + b|| <= 2 ||a - b||, plus, for
  // exact amplification's clean flags, its residual met by a^dagger (a
  // fixed-point amplification's flags are marked first).
  const double reused = a->clean ? a->phasePerEta : 0;
  s.errorPerEta = 2 * a->errorPerEta + reused;
  s.phasePerEta = 2 * a->phasePerEta + reused;
  addScaled(s.gains, a->gains, 2);
  addScaled(s.calls, a->calls, 2);
  s.calls[loader.source] += 1;
  // data: a's index; then a's flags, the second register, the loader's
  // flags, the marker (unclean a).
  const int second = n + a->gate.ancillas;
  const int marker = a->clean ? 0 : 1;
  s.gate.ancillas = a->gate.ancillas + n + loader.gate.ancillas + marker;
  if (!cx.buildGates)
    return record(std::move(s), cx);
  GateDef def{cx.fresh("st_mix"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  const std::vector<int> withFlags = qubitRange(0, n + a->gate.ancillas);
  const std::vector<int> data = qubitRange(0, n), target = qubitRange(second, n);
  b.call(a->gate.gate, {}, withFlags);
  if (marker)
    markFlags(b, qubitRange(n, a->gate.ancillas), n + s.gate.ancillas - 1);
  callLoader(b, loader, data, target, second + n);
  b.call(a->gate.gate, {}, withFlags, {}, /*inverse=*/true); // <a| on the index
  for (int q = 0; q < n; ++q)
    b.call("swap", {}, {q, second + q});
  return finish(std::move(s), std::move(def), cx);
}

} // namespace qsvtc::state
