//===- PolyTarget.cpp - What a qsvt.poly op asks the approximator ---------===//
#include "PolyTarget.h"

#include "qsvtc/approx/Activations.h"
#include "qsvtc/approx/Catalog.h"
#include "qsvtc/interp/Reference.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/support/Error.h"

#include <cmath>
#include <limits>

namespace qsvtc::passes {

namespace {

constexpr double Unknown = -std::numeric_limits<double>::infinity();

bool isUniform(const ir::Value *v) {
  const ir::Operation *def = v->definingOp;
  return def && ops::is<ops::Lcu>(*def) && ops::lcuKind(*def) == ops::LcuKind::Uniform;
}

double maxAbsOnDomain(const approx::TargetFunction &f) {
  double m = 0;
  for (const approx::Interval &iv : f.domain.parts())
    for (int i = 0; i <= 4000; ++i)
      m = std::max(m, std::fabs(f.evalDouble(iv.lo + (iv.hi - iv.lo) * i / 4000.0)));
  return m;
}

[[noreturn]] void fail(const ir::Operation &op, const std::string &message) {
  throw ir::locatedError(op.location,
                         "'" + ops::PolyAttrs(op).fn() + "' (" + op.getName() + "): " + message);
}

/// Entries (or eigenvalues) reach alpha: e^{+-2 alpha} must stay inside
/// double (the softmax's smallest weights, the polynomial's range).
void requireExpRange(const ir::Operation &poly, double alpha) {
  if (!(alpha < 350))
    fail(poly, "its operand's entries are only bounded by alpha = " + ir::formatFloat(alpha) +
                   ", and e^(2 alpha) overflows: smaller norms on the inputs and weights "
                   "(or explicit data) must bound the scores");
}

/// g(alpha u) = factor f(u) for the functions of one entry on a diagonal
/// (approx/Activations.cpp); false for other names. A non-smooth one (ReLU)
/// is its smoothing's (softplus) g(k a) / k.
bool entryTarget(PolyTarget &t, const std::string &fn, double alpha, double entryEps) {
  const approx::Activation *a = approx::findActivation(fn);
  using L = approx::ActivationLowering;
  if (!a || (a->lowering != L::OnDiagonal && a->lowering != L::Gated))
    return false;
  if (!a->smoothedBy.empty()) {
    // within log(2) / k of f: k spends half of entryEps on the smoothing
    const approx::Activation &smooth = *approx::findActivation(a->smoothedBy);
    double k = 2 * std::log(2.0) / entryEps;
    t.f = approx::makeCatalogFunction(smooth.name, {{smooth.scaleParam, k * alpha}});
    t.factor = 1 / k;
    t.smoothingError = std::log(2.0) / k;
  } else {
    t.f = approx::makeCatalogFunction(a->name, {{a->scaleParam, alpha}});
  }
  t.lipschitz = a->lipschitz;
  return true;
}

/// A lower bound on the values f takes on its operand's entries (for QSVT
/// on a diagonal: the new diagonal), less the polynomial's error.
double valueLowerBound(const ir::Operation &poly) {
  const ops::PolyAttrs p(poly);
  const std::string &fn = p.fn();
  double alpha = poly.operands[0]->type.alpha;
  double err = p.maxError().value_or(0.0);
  if (fn == "softmax-exp")
    return std::exp(-2 * alpha) - err;
  if (fn == "exp" && p.elementwise())
    return std::exp(-alpha - p.expShift()) - err;
  return Unknown;
}

} // namespace

double frobeniusFactor(const ir::Type &operand, bool elementwise) {
  return std::sqrt(elementwise ? operand.elementCount()
                               : static_cast<double>(std::min(operand.shape[0], operand.shape[1])));
}

double entryLowerBound(const ir::Value *value) {
  const ir::Operation *op = value->definingOp;
  if (!op)
    return Unknown;
  if (ops::is<ops::Lcu>(*op))
    return ops::lcuKind(*op) == ops::LcuKind::Uniform ? 1.0 : Unknown;
  if (ops::is<ops::Hadamard>(*op))
    return op->operands[0] == op->operands[1] ? 0.0 : Unknown; // squares
  if (ops::is<ops::Poly>(*op))
    return ops::PolyAttrs(*op).elementwise() ? valueLowerBound(*op)
                                             : Unknown; // QSVT: off-diagonals
  if (ops::is<ops::Unvec>(*op))
    return entryLowerBound(op->operands[0]);
  if (ops::is<ops::Mul>(*op) && isUniform(op->operands[1])) {
    const ir::Operation *left = op->operands[0]->definingOp;
    if (left && ops::is<ops::Poly>(*left) && !ops::PolyAttrs(*left).elementwise())
      return valueLowerBound(*left); // f(D) 1: the diagonal f(d_k)
    double lb = entryLowerBound(op->operands[0]);
    return lb >= 0 ? static_cast<double>(op->operands[0]->type.shape[1]) * lb : Unknown;
  }
  if (ops::is<ops::Add>(*op)) {
    std::vector<double> c = ops::addCoefficients(*op);
    double sum = 0;
    for (std::size_t i = 0; i < c.size(); ++i) {
      double lb = entryLowerBound(op->operands[i]);
      if (c[i] < 0 || lb < 0)
        return Unknown;
      sum += c[i] * lb;
    }
    return sum;
  }
  return Unknown;
}

double spectralGap(const ir::Operation &poly, const DataFacts &facts) {
  const ops::PolyAttrs p(poly);
  const std::string &fn = p.fn();
  if (p.elementwise() || (fn != "inverse" && fn != "invsqrt" && fn != "sign"))
    return 0;
  const std::optional<double> given = p.gap();
  double gap = given.value_or(0.0);
  const ir::Operation *def = poly.operands[0]->definingOp;
  bool ofEntries = !given && def && ops::is<ops::DiagFromState>(*def);
  if (ofEntries)
    gap = entryLowerBound(def->operands[0]);
  // With data, the measured gap (half the smallest singular value)
  // also overrides a kappa-derived alpha / kappa above the spectrum's
  // edge: alpha can exceed |A| (Pauli sums), so kappa >= cond(A), as
  // checked (CheckData.cpp), does not make alpha / kappa a gap.
  const double measured = facts.gapBound(poly.operands[0]);
  gap = measured > 0 && gap > 2 * measured ? measured : std::max(gap, measured);
  if (!(gap > 0) && ofEntries && gap > Unknown && fn == "inverse")
    fail(poly, "the entries it inverts (softmax's row sums) are bounded below only by " +
                   ir::formatFloat(gap) +
                   ": e^{-2 a} per entry, with a the scores' bound, is lost in the "
                   "exponentials' approximation error. Smaller norms on the inputs and "
                   "weights, or layer norm's gamma = 1/sqrt(d) as in seed 000, bound the "
                   "scores");
  if (!(gap > 0))
    fail(poly, "cannot bound the spectrum of its operand away from 0, so no polynomial "
               "approximates it; give kappa (matrix functions) or a positive epsilon "
               "(norms)");
  return gap;
}

PolyTarget polyTarget(const ir::Operation &poly, double epsilon, const DataFacts &facts) {
  const ir::Type &in = poly.operands[0]->type;
  double alpha = in.alpha;
  const ops::PolyAttrs p(poly);
  const std::string &fn = p.fn();
  bool elementwise = p.elementwise();
  PolyTarget t;
  // Errors are Frobenius norms (AllocateError.cpp): a sup error on p costs
  // up to frobenius times it.
  const double frobenius = frobeniusFactor(in, elementwise);
  t.errorGain = frobenius; // applied below with factor / s
  auto catalog = [&](const char *name, std::map<std::string, double> params) {
    t.f = approx::makeCatalogFunction(name, params);
  };
  if (elementwise) {
    if (fn == "exp" || fn == "softmax-exp") {
      requireExpRange(poly, alpha);
      double shift = fn == "softmax-exp" ? alpha : p.expShift();
      catalog("exp", {{"beta", alpha}});
      t.factor = std::exp(-shift);
      t.lipschitz = std::exp(alpha - shift);
    } else if (!entryTarget(t, fn, alpha, epsilon / frobenius)) {
      fail(poly, "no element-wise lowering for this function");
    }
    t.smoothingError *= frobenius;
  } else if (fn == "amplify") {
    // Uniform singular value amplification (GSLW arXiv 1806.01838 Thm 17):
    // B's norm is at most `param` = a but its alpha may be far larger; the
    // result encodes B itself with alpha_out = (1 + margin) a, so p must
    // be (alpha_in / alpha_out) u on |u| <= w = a / alpha_in and bounded
    // beyond: an erf window of half-width w (1 + margin / 2) does that.
    // No `param`: no structural bound (the operand's alpha, known only once
    // the polynomials below are), only the data's.
    double bound = facts.normBound(poly.operands[0]);
    if (std::optional<double> given = p.normBound())
      bound = std::min(bound, *given);
    // Already tight, or B = 0 on this data (w1 - w1): p(u) = u.
    if (!(bound > 0) || alpha <= (1 + AmplifyMargin) * bound) {
      t.identity = true;
      t.factor = alpha;
      t.lipschitz = 1;
      catalog("sin", {{"tau", 1.0}}); // unused: identity ops are not approximated
      return t;
    }
    double alphaOut = (1 + AmplifyMargin) * bound;
    double gain = alpha / alphaOut, w = bound / alpha;
    double edge = w * AmplifyMargin / 2;
    double k = std::sqrt(std::log(1 / std::min(epsilon, 0.5))) / edge * 1.5;
    catalog("amplify", {{"gain", gain}, {"w", w * (1 + AmplifyMargin / 2)}, {"k", k}});
    t.steepness = k;
    t.factor = alphaOut;
    t.lipschitz = 1;
  } else if (interp::isEntryFunction(fn)) {
    // On a diagonal encoding of the entries: the QSVT half of the budget
    // (Approximate.cpp) leaves eps/2, the smoothing takes half of that.
    entryTarget(t, fn, alpha, epsilon / 2 / frobenius);
    t.smoothingError *= frobenius;
  } else {
    const double gap = t.gap = spectralGap(poly, facts);
    double delta = std::min(gap / alpha, 0.5);
    if (gap > 0)
      t.steepness = 1 / delta;
    if (fn == "exp" || fn == "softmax-exp") {
      requireExpRange(poly, alpha);
      catalog("exp", {{"beta", alpha}});
      // softmax-exp on a diagonal: e^{x - alpha} <= 1, as element-wise.
      t.factor = fn == "exp" ? 1.0 : std::exp(-alpha);
      t.lipschitz = fn == "exp" ? std::exp(alpha) : 1.0;
    } else if (fn == "inverse") {
      catalog("inverse", {{"delta", delta}});
      t.factor = 1 / alpha;
      t.lipschitz = 1 / (gap * gap);
    } else if (fn == "invsqrt") {
      catalog("invsqrt", {{"delta", delta}});
      t.factor = 1 / std::sqrt(alpha);
      t.lipschitz = 0.5 / (gap * std::sqrt(gap));
    } else if (fn == "sign") {
      catalog("sign", {{"delta", delta}});
      // The polar factor moves by at most 2 |dA| / (sigma_min(A) +
      // sigma_min(A + dA)) <= 2 |dA| / gap (R.-C. Li, 1995): an error in
      // the operand is amplified, it was budgeted as if by 1.
      t.lipschitz = 2 / gap;
    } else {
      fail(poly, "no QSVT lowering for this function");
    }
  }
  double maxAbs = maxAbsOnDomain(t.f);
  t.scale = maxAbs > 1 - PolyEta ? (1 - PolyEta) / maxAbs : 1.0;
  t.errorGain *= t.factor / t.scale;
  return t;
}

} // namespace qsvtc::passes
