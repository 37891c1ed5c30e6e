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
#include "qsvtc/ir/Attribute.h"
#include "qsvtc/ir/Type.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/qsp/Solve.h"
#include "qsvtc/state/Amplify.h"
#include "qsvtc/support/Error.h"

#include <cmath>

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

void requirePowerOfTwo(int64_t length, const std::string &what) {
  if (!isPowerOfTwo(length))
    throw NotSupportedError("state mode: " + what + " of a row of length " +
                            std::to_string(length) +
                            " (only powers of two have a uniform readout yet)");
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
  const Eigen::MatrixXd &m = oracle.matrix;
  if (in->length != (transpose ? m.rows() : m.cols()))
    throw InternalError("state mode: " + oracle.source + " applied to a row of length " +
                        std::to_string(in->length));
  Stage s = after(in);
  s.info = {"apply", (transpose ? oracle.source + "^T" : oracle.source)};
  s.length = static_cast<int>(transpose ? m.cols() : m.rows());
  s.alpha *= oracle.gate.alpha;
  s.calls[oracle.source] += 1;
  const int offset = placeFlags(s, in, oracle.gate.ancillas);
  s.clean = in->clean && oracle.gate.ancillas == 0;
  Eigen::MatrixXd padded = Eigen::MatrixXd::Zero(dim(cx), dim(cx));
  padded.topLeftCorner(m.rows(), m.cols()) = m;
  if (transpose)
    padded.transposeInPlace();
  padded /= oracle.gate.alpha;
  s.ideal = padded * in->ideal;
  s.lowered = padded * in->lowered;
  // ||op(M)|| / alpha <= 1 scales the error of the input.
  const double gain = padded.operatorNorm();
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
  requirePowerOfTwo(in->length, "the exponential's readout");
  const double c = in->alpha / 2;
  if (!(std::fabs(c) > 1e-12))
    throw Error("state mode: exp on amplitudes of a zero row");
  const double m = 1 - 2 * PolyMargin; // MixedPolynomial's
  const int l = static_cast<int>(ir::qubitsFor(in->length));
  const double readout = 1 / std::sqrt(static_cast<double>(in->length));
  // Refuse before approximating when the readout is hopeless.
  const double ideal = expReadoutAmplitude(in->ideal.head(in->length), c);
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
  s.ideal = VectorXd::Zero(dim(cx));
  s.lowered = VectorXd::Zero(dim(cx));
  for (int k = 0; k < in->length; ++k) {
    s.ideal(k) = readout * poly.scale * std::exp(c * in->ideal(k));
    s.lowered(k) = readout * numeric::clenshaw(coef, in->lowered(k));
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
  GateDef def{cx.fresh("st_exp"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  for (int q = 0; q < l; ++q)
    b.h(q);
  b.call(qsvt.gate, {}, qubitRange(0, n + qsvt.ancillas));
  return finish(std::move(s), std::move(def), cx);
}

StageP gatedActivation(StateContext &cx, const StageP &in, const std::string &name) {
  const approx::Activation *act = approx::findActivation(name);
  if (!act || act->lowering != approx::ActivationLowering::Gated)
    throw InternalError("gatedActivation: '" + name + "' has no gate");
  if (!in->clean)
    throw InternalError("gatedActivation needs an amplified state (its flags reused)");
  const approx::Activation *gate = approx::findActivation(act->gate);
  const MixedPolynomial poly = approximateMixed(
      approx::makeCatalogFunction(act->gate, {{gate->scaleParam, in->alpha}}), cx.eta);
  Stage s;
  s.info = {"activation", name + " by importance weighting: x * " + poly.formula};
  s.info.degree = poly.degree;
  s.length = in->length;
  s.alpha = in->alpha / poly.scale;
  s.ideal = VectorXd::Zero(dim(cx));
  s.lowered = VectorXd::Zero(dim(cx));
  for (int k = 0; k < in->length; ++k) {
    const double x = in->ideal(k), xl = in->lowered(k);
    s.ideal(k) = poly.scale * act->evalDouble(in->alpha * x) / in->alpha;
    s.lowered(k) = xl * numeric::clenshaw(poly.coef, xl);
  }
  // x_l p(x_l) - h(x_i), h(x) = S f(alpha x) / alpha: |x_l| eta (1 + phases)
  // in l2 (||x|| <= 1), plus |h'| <= S sup|f'| times the input's error; and
  // the first call's residual met again on the shared flags.
  s.errorPerEta =
      (1 + PhaseShare) + poly.scale * act->lipschitz * in->errorPerEta + in->phasePerEta;
  s.phasePerEta = PhaseShare + poly.scale * act->lipschitz * in->phasePerEta + in->phasePerEta;
  s.calls = qsvtCalls(in, poly);
  for (const auto &[source, k] : in->calls)
    s.calls[source] += k;
  const int n = cx.dataQubits;
  Encoded qsvt = diagonalQsvt(cx, in, poly);
  s.gate.ancillas = qsvt.ancillas; // in's flags (shared), copy register, QSVT's three
  GateDef def{cx.fresh("st_activation"), n + s.gate.ancillas, "state: " + s.info.detail, {}};
  GateBuilder b(def.body);
  b.call(in->gate.gate, {}, qubitRange(0, n + in->gate.ancillas));
  b.call(qsvt.gate, {}, qubitRange(0, n + qsvt.ancillas));
  return finish(std::move(s), std::move(def), cx);
}

StageP amplify(StateContext &cx, const StageP &in, bool meanFree) {
  if (meanFree)
    requirePowerOfTwo(in->length, "mean subtraction");
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
  s.ideal = a->ideal.cwiseProduct(a->ideal);
  s.lowered = a->lowered.cwiseProduct(a->lowered);
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

StageP addValues(StateContext &cx, const std::vector<StageP> &terms) {
  if (terms.size() < 2)
    throw InternalError("addValues needs two terms or more");
  const int n = cx.dataQubits;
  Stage s;
  s.info = {"lcu", std::to_string(terms.size()) + " terms (residual sum)"};
  s.length = terms[0]->length;
  int shared = 0;
  double total = 0;
  std::vector<double> weights;
  for (const StageP &t : terms) {
    if (t->length != s.length)
      throw InternalError("addValues: rows of different lengths");
    shared = std::max(shared, t->gate.ancillas);
    weights.push_back(t->alpha);
    total += std::fabs(t->alpha);
  }
  s.alpha = total;
  s.ideal = VectorXd::Zero(dim(cx));
  s.lowered = VectorXd::Zero(dim(cx));
  for (std::size_t i = 0; i < terms.size(); ++i) {
    s.ideal += weights[i] / total * terms[i]->ideal;
    s.lowered += weights[i] / total * terms[i]->lowered;
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

} // namespace qsvtc::state
