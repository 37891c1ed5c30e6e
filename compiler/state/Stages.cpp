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
#include <functional>
#include <limits>

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
  return s;
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

/// The stage with its gate defined: its summary filled in and recorded.
StageP record(Stage s, StateContext &cx) {
  s.info.ancillas = s.gate.ancillas;
  for (const auto &[source, n] : s.calls)
    s.info.calls += n;
  s.info.errorBound = s.errorPerEta * cx.eta;
  s.gate.alpha = s.alpha;
  cx.stages.push_back(s.info);
  return std::make_shared<const Stage>(std::move(s));
}

StageP finish(Stage s, GateDef def, StateContext &cx) {
  s.gate.gate = cx.program.define(std::move(def));
  return record(std::move(s), cx);
}

bool isPowerOfTwo(int64_t n) { return n > 0 && (n & (n - 1)) == 0; }

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

/// A definite-parity part of f approximated within eps (Chebyshev
/// coefficients) and its QSVT phases, solved to PhaseShare of eps.
struct Part {
  std::vector<double> coef, phases;
};

Part approximatePart(const approx::TargetFunction &f, approx::Parity parity, double eps) {
  const approx::TargetFunction g = approx::parityPart(f, parity);
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
  qsp::PhaseOptions phaseOpts;
  phaseOpts.epsilon = PhaseShare * eps;
  for (const numeric::Mpfr &p : qsp::solvePhases(a.coef, phaseOpts).phases)
    part.phases.push_back(p.convert_to<double>());
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

MixedPolynomial approximateMixed(const approx::TargetFunction &f, double eta) {
  const double m = 1 - 2 * PolyMargin;
  double maxEven = 0, maxOdd = 0; // on a grid with both ends (parts are smooth)
  for (int i = 0; i <= 4096; ++i) {
    const double x = std::cos(M_PI * i / 4096), a = f(x), b = f(-x);
    maxEven = std::max(maxEven, std::fabs(a + b) / 2);
    maxOdd = std::max(maxOdd, std::fabs(a - b) / 2);
  }
  if (!(maxEven > 1e-12) || !(maxOdd > 1e-12))
    throw InternalError("approximateMixed: " + f.formula + " has a definite parity");
  MixedPolynomial p;
  const double se = m / maxEven, so = m / maxOdd;
  p.oddWeight = se / (se + so);
  p.scale = m / (maxEven + maxOdd);
  p.even = approximatePart(approx::scaled(f, se), approx::Parity::Even, eta);
  p.odd = approximatePart(approx::scaled(f, so), approx::Parity::Odd, eta);
  p.coef.assign(std::max(p.even.coef.size(), p.odd.coef.size()), 0.0);
  for (std::size_t k = 0; k < p.even.coef.size(); ++k)
    p.coef[k] += (1 - p.oddWeight) * p.even.coef[k];
  for (std::size_t k = 0; k < p.odd.coef.size(); ++k)
    p.coef[k] += p.oddWeight * p.odd.coef[k];
  p.degree = static_cast<int>(p.coef.size()) - 1;
  p.formula = ir::formatFloat(p.scale) + "*" + f.formula;
  return p;
}

/// The QSVT of `poly` on the diagonal encoding of `in`'s amplitudes: its
/// gate acts on the data, in's flags, a fresh copy register and the QSVT's
/// three qubits.
Encoded diagonalQsvt(StateContext &cx, const StageP &in, const MixedPolynomial &poly) {
  Encoded diag =
      backend::defineDiagonal(cx.program, cx.fresh("st_diag"), "state: diagonal of the amplitudes",
                              in->gate, cx.dataQubits);
  return backend::defineQsvt(cx.program, cx.fresh("st_qsvt"),
                             "state: QSVT of " + poly.formula + " (degree " +
                                 std::to_string(poly.degree) + ") on that diagonal",
                             diag, cx.dataQubits, poly.even.phases, poly.odd.phases,
                             poly.oddWeight);
}

/// Each of a QSVT's max(d_even, d_odd) steps calls the input once.
std::map<std::string, double> qsvtCalls(const StageP &in, const MixedPolynomial &poly) {
  const double steps =
      static_cast<double>(std::max(poly.even.phases.size(), poly.odd.phases.size())) - 1;
  std::map<std::string, double> calls;
  for (const auto &[source, n] : in->calls)
    calls[source] = n * steps;
  return calls;
}

} // namespace

StageP basisState(StateContext &cx, int64_t j, int length) {
  Stage s;
  s.info = {"row", "|" + std::to_string(j) + ">"};
  s.length = length;
  s.clean = true;
  s.amplitudeLow = 1;
  s.valueHigh = 1;
  s.ideal = VectorXd::Zero(dim(cx));
  s.ideal(j) = 1;
  s.lowered = s.ideal;
  GateDef def{cx.fresh("st_basis"), cx.dataQubits, "token |" + std::to_string(j) + ">", {}};
  GateBuilder b(def.body);
  for (int q = 0; q < cx.dataQubits; ++q)
    if ((j >> q) & 1)
      b.x(q);
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
  s.gate.alpha = s.alpha;
  return std::make_shared<const Stage>(std::move(s));
}

double expReadoutAmplitude(const VectorXd &x, double c) {
  // MixedPolynomial's block m e^{-|c|} e^{c x} for e^{c x}, times 1/sqrt(L).
  const double m = 1 - 2 * PolyMargin;
  return m * std::exp(-std::fabs(c)) / std::sqrt(static_cast<double>(x.size())) *
         (c * x.array()).exp().matrix().norm();
}

StageP expHalfAmplitudes(StateContext &cx, const StageP &in) {
  const double c = in->alpha / 2;
  if (!(std::fabs(c) > 1e-12))
    throw Error("state mode: exp on amplitudes of a zero row");
  const double m = 1 - 2 * PolyMargin; // MixedPolynomial's
  const double readout = 1 / std::sqrt(static_cast<double>(in->length));
  // Every entry of the amplitudes is at most h = ||value|| / alpha, so
  // e^{c x_k} >= e^{-|c| h}: the readout amplitude is at least m e^{-|c| (1 + h)}.
  const double h = std::min(1.0, in->valueHigh / std::fabs(in->alpha));
  const double low = m * std::exp(-std::fabs(c) * (1 + h));
  // Refuse before approximating when the readout is hopeless.
  const double ideal = in->known() && !cx.boundsOnly
                           ? expReadoutAmplitude(in->ideal.head(in->length), c)
                           : low;
  if (amplificationIterates(ideal) > MaxIterates)
    throw Error("state mode: exp on amplitudes read out with amplitude " + std::to_string(ideal) +
                " (scale c = " + std::to_string(c) + "): its normalisation would take more than " +
                std::to_string(MaxIterates) + " amplification iterates");
  const MixedPolynomial poly =
      approximateMixed(approx::makeCatalogFunction("exp", {{"beta", c}}), cx.eta);
  const std::vector<double> &coef = poly.coef;
  const int degree = poly.degree;

  Stage s;
  s.info = {"exp-amplitudes", poly.formula + " on the amplitudes, uniform readout"};
  s.info.degree = degree;
  cx.facts["ell"] = std::max(cx.facts["ell"], static_cast<double>(degree));
  s.length = in->length;
  s.amplitudeLow = low;
  if (in->known()) {
    s.ideal = VectorXd::Zero(dim(cx));
    s.lowered = VectorXd::Zero(dim(cx));
    for (int k = 0; k < in->length; ++k) {
      s.ideal(k) = readout * poly.scale * std::exp(c * in->ideal(k));
      s.lowered(k) = readout * numeric::clenshaw(coef, in->lowered(k));
    }
  }
  // |p(x_low) - f(x_ideal)| <= eta (1 + phases) + |c| m |x_low - x_ideal|
  // (each part within eta, weights summing to 1; f' <= |c| scale e^{|c|}),
  // in l2 over L entries times the readout 1/sqrt(L).
  const double lip = std::fabs(c) * m / std::sqrt(static_cast<double>(in->length));
  s.errorPerEta = (1 + PhaseShare) + lip * in->errorPerEta;
  s.phasePerEta = PhaseShare + lip * in->phasePerEta;
  s.calls = qsvtCalls(in, poly);
  s.alpha = in->alpha; // not a value of the model: only amplify() reads on
  const int n = cx.dataQubits;
  Encoded qsvt = diagonalQsvt(cx, in, poly);
  s.gate.ancillas = qsvt.ancillas;
  const std::string uniform = uniformGate(cx, in->length);
  GateDef def{cx.fresh("st_exp"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  b.call(uniform, {}, qubitRange(0, static_cast<int>(ir::qubitsFor(in->length))));
  b.call(qsvt.gate, {}, qubitRange(0, n + qsvt.ancillas));
  return finish(std::move(s), std::move(def), cx);
}

StageP gatedActivation(StateContext &cx, const StageP &in, const std::string &name) {
  const approx::Activation *act = approx::findActivation(name);
  if (!act || act->lowering != approx::ActivationLowering::Gated)
    throw InternalError("gatedActivation: '" + name + "' has no gate");
  const approx::Activation *gate = approx::findActivation(act->gate);
  const MixedPolynomial poly = approximateMixed(
      approx::makeCatalogFunction(act->gate, {{gate->scaleParam, in->alpha}}), cx.eta);
  Stage s;
  s.info = {"activation", name + " by importance weighting: x * " + poly.formula};
  s.info.degree = poly.degree;
  s.length = in->length;
  s.alpha = in->alpha / poly.scale;
  s.valueHigh = in->valueHigh; // |v g(v)| <= |v| for a gate g in [0, 1]
  if (in->known()) {
    s.ideal = VectorXd::Zero(dim(cx));
    s.lowered = VectorXd::Zero(dim(cx));
    for (int k = 0; k < in->length; ++k) {
      const double x = in->ideal(k), xl = in->lowered(k);
      s.ideal(k) = poly.scale * act->evalDouble(in->alpha * x) / in->alpha;
      s.lowered(k) = xl * numeric::clenshaw(poly.coef, xl);
    }
  }
  // x_l p(x_l) - h(x_i), h(x) = S f(alpha x) / alpha: |x_l| eta (1 + phases)
  // in l2 (||x|| <= 1), plus |h'| <= S sup|f'| times the input's error; and,
  // when the flags are shared, the first call's residual met again.
  const double reused = in->clean ? in->phasePerEta : 0;
  s.errorPerEta = (1 + PhaseShare) + poly.scale * act->lipschitz * in->errorPerEta + reused;
  s.phasePerEta = PhaseShare + poly.scale * act->lipschitz * in->phasePerEta + reused;
  s.calls = qsvtCalls(in, poly);
  for (const auto &[source, k] : in->calls)
    s.calls[source] += k;
  const int n = cx.dataQubits;
  Encoded qsvt = diagonalQsvt(cx, in, poly);
  // The QSVT's own copy of in's flags: in's (shared) when in returned them
  // to |0>, fresh ones after them otherwise.
  const int offset = in->clean ? 0 : in->gate.ancillas;
  s.gate.ancillas = offset + qsvt.ancillas; // copy register and the QSVT's three included
  GateDef def{cx.fresh("st_activation"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  b.call(in->gate.gate, {}, qubitRange(0, n + in->gate.ancillas));
  std::vector<int> on = qubitRange(0, n);
  for (int k = 0; k < qsvt.ancillas; ++k)
    on.push_back(n + offset + k);
  b.call(qsvt.gate, {}, on);
  return finish(std::move(s), std::move(def), cx);
}

StageP amplify(StateContext &cx, const StageP &in, bool meanFree) {
  if (!in->known())
    throw InternalError("exact amplification of a state whose amplitudes are unknown");
  auto good = [&](VectorXd v) { // the part amplification keeps
    if (meanFree)
      v.head(in->length).array() -= v.head(in->length).mean();
    return v;
  };
  const VectorXd ideal = good(in->ideal), lowered = good(in->lowered);
  const double a = lowered.norm(), u = ideal.norm();
  if (!(u > 0) || !(a > 0))
    throw Error("state mode: the row to normalise is zero (no amplitude to amplify)");
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
  s.amplitudeLow = 1;
  s.valueHigh = std::fabs(s.alpha);
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
  for (const auto &[source, n] : in->calls)
    s.calls[source] = n * calls;
  s.gate = defineAmplified(cx.program, cx.fresh("st_amplify"),
                           "state: amplified, " + std::to_string(schedule.iterates) +
                               " iterates (success amplitude " + std::to_string(a) + ")",
                           in->gate, cx.dataQubits, schedule, meanFree ? in->length : 0);
  return record(std::move(s), cx);
}

StageP squareAmplitudes(StateContext &cx, const StageP &a) {
  if (!a->clean)
    throw InternalError("squareAmplitudes needs an amplified state (its flags reused)");
  const int n = cx.dataQubits;
  Stage s;
  s.info = {"square", "diag(a) a: the amplitudes squared (importance weighting)"};
  s.length = a->length;
  s.alpha = 1;
  // ||a o a||_2 >= ||a||_2^2 / sqrt(L) (Cauchy-Schwarz); a softmax row has norm <= 1.
  s.amplitudeLow = a->amplitudeLow * a->amplitudeLow / std::sqrt(static_cast<double>(a->length));
  s.valueHigh = 1;
  if (a->known()) {
    s.ideal = a->ideal.cwiseProduct(a->ideal);
    s.lowered = a->lowered.cwiseProduct(a->lowered);
  }
  // ||a o a - b o b|| <= (||a||_inf + ||b||_inf) ||a - b|| <= 2 ||a - b||,
  // plus the first call's garbage met by the second on the shared flags.
  s.errorPerEta = 2 * a->errorPerEta + a->phasePerEta;
  s.phasePerEta = 3 * a->phasePerEta;
  for (const auto &[source, k] : a->calls)
    s.calls[source] = 2 * k;
  Encoded diag = backend::defineDiagonal(cx.program, cx.fresh("st_diag"),
                                         "state: diagonal of the amplified state", a->gate, n);
  s.gate.ancillas = diag.ancillas; // a's flags (shared) + the copy register
  GateDef def{cx.fresh("st_square"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  b.call(a->gate.gate, {}, qubitRange(0, n + a->gate.ancillas));
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
    for (const auto &[source, k] : terms[i]->calls)
      s.calls[source] += k;
  }
  const int select = static_cast<int>(ir::qubitsFor(static_cast<int64_t>(terms.size())));
  s.gate.ancillas = shared + select;
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

/// An odd target's approximation within eps on its domain with max |p| <= 1 - headroom on [-1, 1], and its phases solved
/// to PhaseShare eps. p ~ scale * f (the engine's rescaling).
struct OddPolynomial {
  std::vector<double> coef, phases;
  double scale = 1;
  int degree = 0;
  std::string formula;
};

OddPolynomial approximateOdd(const approx::TargetFunction &f, double eps, double headroom) {
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
  qsp::PhaseOptions phaseOpts;
  phaseOpts.epsilon = std::max(PhaseShare * eps, 1e-15); // doubles carry no more
  for (const numeric::Mpfr &v : qsp::solvePhases(a.coef, phaseOpts).phases)
    p.phases.push_back(v.convert_to<double>());
  p.scale = a.scale;
  p.degree = a.degree;
  p.formula = ir::formatFloat(a.scale) + "*" + f.formula;
  return p;
}

/// How an amplitude transform maps the success amplitude u of the good
/// part (in [low, 1]) and what its error rule needs.
struct AmplitudeMap {
  OddPolynomial poly;
  double eps = 0;           ///< |p - S f| on the domain
  double low = 0;           ///< the domain's lower end
  std::function<double(double)> target; ///< the ideal amplitude factor at u (S f(u), or 1)
  double lipschitz = 0;     ///< sup |target'| on [low, 1]
  double overAmplitude = 0; ///< sup target(u) / u on [low, 1]
  double garbage = 0;       ///< flags left not |0> on the good path (absolute)
};

/// The good part of amplitudes v (flags |0>): the row, minus its mean
/// when meanFree.
VectorXd goodPart(VectorXd v, int length, bool meanFree) {
  if (meanFree)
    v.head(length).array() -= v.head(length).mean();
  return v;
}

/// p(a) |psi> from `in` by QSVT of map.poly on its success amplitude
/// (backend::defineProjectedQsvt): input projector all qubits |0>, output
/// projector in's flags |0> (and, meanFree, data orthogonal to the
/// uniform row). Its own two qubits come after in's flags.
Stage transformAmplitude(StateContext &cx, const StageP &in, const AmplitudeMap &map,
                         bool meanFree, const std::string &name) {
  Stage s;
  s.length = in->length;
  s.info.degree = map.poly.degree;
  if (in->known()) {
    const VectorXd gi = goodPart(in->ideal, in->length, meanFree),
                   gl = goodPart(in->lowered, in->length, meanFree);
    const double u = gi.norm(), a = gl.norm();
    if (!(u > 0) || !(a > 0))
      throw Error("state mode: the row to normalise is zero (no amplitude to transform)");
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
  s.errorPerEta = map.eps / cx.eta * (1 + PhaseShare) + spread * in->errorPerEta +
                  map.garbage / cx.eta;
  s.phasePerEta =
      map.eps / cx.eta * PhaseShare + spread * in->phasePerEta + map.garbage / cx.eta;
  for (const auto &[source, k] : in->calls)
    s.calls[source] = k * calls;
  const int n = cx.dataQubits, width = n + in->gate.ancillas;
  const std::vector<int> all = qubitRange(0, width), flags = qubitRange(n, in->gate.ancillas);
  std::string uniform;
  std::vector<int> low;
  if (meanFree) {
    low = qubitRange(0, static_cast<int>(ir::qubitsFor(in->length)));
    uniform = uniformGate(cx, in->length);
  }
  auto markIn = [all](GateBuilder &b, int signal) {
    b.x(signal, backend::controlsFor(all, 0));
  };
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
  // sign within eps on [low, 1], |p| <= 1 - eps: the good amplitude p(a) >=
  // 1 - 3 eps leaves sqrt(1 - p^2) <= sqrt(6 eps) on the flags: eps = eta^2
  // / 8 keeps that below eta (down to eta ~ 3e-6; below, the garbage is
  // counted as it is).
  AmplitudeMap map;
  map.eps = std::max(cx.eta * cx.eta / 8, 1e-12);
  map.low = std::min(low, 0.9);
  map.poly = approximateOdd(approx::makeCatalogFunction("sign", {{"delta", map.low}}), map.eps,
                            map.eps);
  map.target = [](double) { return 1.0; };
  map.overAmplitude = 1 / map.low;
  map.garbage = std::sqrt(2 * (1 - map.poly.scale + map.eps));
  map.eps += 1 - map.poly.scale; // p ~ S sign, S < 1
  if (map.poly.degree > 2 * MaxIterates)
    throw Error("state mode: fixed-point amplification from amplitude " + std::to_string(low) +
                " needs degree " + std::to_string(map.poly.degree));
  Stage s = transformAmplitude(cx, in, map, /*meanFree=*/false, "st_fixedpoint");
  s.info.kind = "amplify";
  s.info.detail = "fixed-point amplitude amplification (sign polynomial, amplitude >= " +
                  ir::formatFloat(low) + ")";
  s.info.rounds = (map.poly.degree - 1) / 2;
  if (!s.known())
    s.info.amplitude = low;
  s.clean = true;
  s.amplitudeLow = 1 - map.garbage;
  s.alpha = s.known() ? in->alpha * goodPart(in->ideal, in->length, false).norm()
                      : std::numeric_limits<double>::quiet_NaN();
  s.valueHigh = in->valueHigh;
  return record(std::move(s), cx);
}

StageP normalise(StateContext &cx, const StageP &in) {
  return in->known() && !cx.boundsOnly ? amplify(cx, in) : amplifyFixedPoint(cx, in);
}

StageP normByAmplitude(StateContext &cx, const StageP &in, bool meanFree, double gamma,
                       double eps, double spreadLow) {
  const double length = in->length, alpha = std::fabs(in->alpha);
  const double kappa = std::sqrt(length * eps) / alpha;
  if (!(kappa > 0))
    throw Error("state mode: a norm with epsilon " + ir::formatFloat(eps) +
                " needs a lower bound on the row's spread (there is no gap below it)");
  AmplitudeMap map;
  map.eps = cx.eta;
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
  map.poly = approximateOdd(f, map.eps, PolyMargin);
  const double sc = map.poly.scale, k2 = kappa * kappa, l2 = map.low * map.low;
  map.target = [sc, kappa](double u) { return sc * u / std::sqrt(u * u + kappa * kappa); };
  map.lipschitz = sc * k2 / std::pow(l2 + k2, 1.5);
  map.overAmplitude = sc / std::sqrt(l2 + k2);
  Stage s = transformAmplitude(cx, in, map, meanFree, "st_norm");
  s.info.kind = "norm";
  s.info.detail = std::string(meanFree ? "layer" : "RMS") + " norm: " + map.poly.formula +
                  " on the " + (meanFree ? "mean-free " : "") + "success amplitude";
  s.alpha = gamma * std::sqrt(length) / sc;
  s.valueHigh = std::fabs(gamma) * std::sqrt(length);
  s.amplitudeLow = map.low > 0 ? map.target(map.low) - map.eps : 0;
  return record(std::move(s), cx);
}

StageP projectRange(StateContext &cx, const StageP &in, int64_t offset, int64_t width) {
  if (!isPowerOfTwo(width) || offset % width != 0 || offset + width > in->length)
    throw NotSupportedError("state mode: entries [" + std::to_string(offset) + ", " +
                            std::to_string(offset + width) + ") of a row of " +
                            std::to_string(in->length) +
                            " (heads must be a power of two wide, aligned)");
  Stage s = after(in);
  s.info = {"project", "entries [" + std::to_string(offset) + ", " +
                           std::to_string(offset + width) + ")"};
  s.valueHigh = in->valueHigh;
  const int flag = placeFlags(s, in, 1);
  if (in->known()) {
    s.ideal = VectorXd::Zero(dim(cx));
    s.lowered = VectorXd::Zero(dim(cx));
    s.ideal.segment(offset, width) = in->ideal.segment(offset, width);
    s.lowered.segment(offset, width) = in->lowered.segment(offset, width);
  }
  const int n = cx.dataQubits, w = static_cast<int>(ir::qubitsFor(width));
  GateDef def{cx.fresh("st_project"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  b.call(in->gate.gate, {}, qubitRange(0, n + in->gate.ancillas));
  // The flag is |1> unless the high data qubits spell offset / width.
  const int target = n + flag;
  b.x(target);
  b.x(target, backend::controlsFor(qubitRange(w, n - w), static_cast<uint64_t>(offset >> w)));
  return finish(std::move(s), std::move(def), cx);
}

StageP concatenateRows(StateContext &cx, const std::vector<StageP> &terms, int64_t width) {
  const int64_t count = static_cast<int64_t>(terms.size());
  const int64_t length = terms.at(0)->length;
  if (!isPowerOfTwo(width) || count * width > length)
    throw NotSupportedError("state mode: " + std::to_string(count) + " slots of width " +
                            std::to_string(width) + " in a row of " + std::to_string(length) +
                            " (slots must be a power of two wide)");
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
    for (const auto &[source, k] : t->calls)
      s.calls[source] += k;
  }
  s.errorPerEta = std::sqrt(error2); // slot h carries only term h's error
  s.phasePerEta = std::sqrt(phase2);
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
  GateDef def{cx.fresh("st_concat"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  const std::vector<int> sel = qubitRange(n + shared, select);
  backend::prepareRealState(b, c, sel);
  for (int64_t h = 0; h < count; ++h) {
    const StageP &t = terms[static_cast<std::size_t>(h)];
    b.call(t->gate.gate, {}, qubitRange(0, n + t->gate.ancillas),
           backend::controlsFor(sel, static_cast<uint64_t>(h)));
  }
  // sel ^= the data's slot bits: |0> exactly on slot h of term h.
  for (int k = 0; k < select; ++k)
    if (w + k < n)
      b.cx(w + k, sel[static_cast<std::size_t>(k)]);
  return finish(std::move(s), std::move(def), cx);
}

} // namespace qsvtc::state
