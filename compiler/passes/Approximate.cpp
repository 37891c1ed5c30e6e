//===- Approximate.cpp - A certified polynomial for every poly op ---------===//
//
// Walks the module in order: each qsvt.poly gets its target (PolyTarget.h)
// from the alphas known at that point, then a certified polynomial from the
// approximation engine for its share of the error budget, and its result
// type (alpha, ancillas); the types of the ops below are recomputed on the
// way. Because alphas change, the error budget is re-split afterwards and
// ops whose share shrank are approximated again (at most a few rounds).
// Identical requests (function, domain, epsilon) are served from a cache,
// so the layers of a deep model cost one approximation per distinct op.
//
// Result accounting (docs/lowering.md):
//   QSVT (definite parity):  alpha = factor / s, ancillas + 2 (the
//     projector-controlled phase qubit and the real-part qubit);
//   QSVT (mixed parity):     an LCU of the even and odd parts: alpha x 2,
//     one more ancilla;
//   element-wise, degree d:  Hadamard powers 0..d in an LCU (seed 000
//     Thm 5), alpha = factor / s (|m_0| sqrt(R C) + sum_{j>=1} |m_j|) with
//     m_j the monomial coefficients (the j = 0 term is the all-ones
//     matrix J, |J| = sqrt(R C)), ancillas d a + (d - 1) n + ceil(log2(d + 1)) + 1.
//
//===----------------------------------------------------------------------===//
#include "AllocateError.h"
#include "PolyTarget.h"
#include "Regions.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/passes/Passes.h"

#include "qsvtc/approx/Approximate.h"
#include "qsvtc/approx/EstimateDegree.h"
#include "qsvtc/ir/Verifier.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/Mpfr.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Stopwatch.h"

#include <cmath>
#include <ostream>
#include <set>

namespace qsvtc::passes {

namespace {

/// Beyond this degree a polynomial op is refused with its numbers, rather
/// than spending minutes: it means the norms make epsilon unreachable.
constexpr int MaxPolyDegree = 20000;
/// Remez runs up to this estimated degree, truncation beyond (1/sqrt at
/// delta 2.3e-3, estimate 7800: degree 6264 in 7.4 s, half truncation's).
constexpr int RemezMaxDegree = 7500;
/// The first round's shares, as a fraction of the first split's.
constexpr double FirstRoundShare = 1.0 / 3;
/// The smallest sup-norm error asked of a polynomial (double precision).
constexpr double MinPolyError = 1e-14;

/// Approximations by request, for the lifetime of the process.
const approx::Approximation &cachedApproximation(const PolyTarget &t, double eps,
                                                 bool elementwise) {
  static std::map<std::string, approx::Approximation> cache;
  std::string key = t.f.formula + "|" + t.f.domain.str() + "|" + ir::formatFloat(eps) +
                    (elementwise ? "|elementwise" : "");
  auto it = cache.find(key);
  if (it != cache.end())
    return it->second;
  approx::ApproxOptions opts;
  opts.epsilon = eps;
  opts.eta = PolyEta;
  // Remez (minimax) for functions with a gap: it halves the degree of
  // Chebyshev truncation and was faster too (1/x, delta 0.01, eps 1e-8:
  // degree 1843 in 1.7 s vs 3571 in 6.2 s; 1/sqrt, delta 2.3e-3, eps 1e-7:
  // 5590 in 12 s vs 11594 in 47 s). Its cost grows as d^2 and it walks
  // up in degree, so when the degree estimate from the steepness exceeds
  // RemezMaxDegree, or when the exchange fails, truncation (which refuses
  // quickly above the cap) takes over. Without a gap (the domain is all of
  // [-1, 1]) the minimax degree is within a few percent of the
  // truncation's (amplify: 2847 vs 2931) at twice the time: truncation,
  // except for element-wise functions, whose degrees are small and whose
  // every unit of degree costs a Hadamard copy of the operand.
  bool gapFree = t.f.domain.isInterval(-1, 1);
  bool remez = t.steepness * std::log(1 / eps) <= RemezMaxDegree && (elementwise || !gapFree);
  approx::Approximation a;
  if (remez) {
    try {
      opts.method = approx::Method::Remez;
      opts.maxDegree = RemezMaxDegree;
      a = approx::approximate(t.f, opts);
    } catch (const Error &) {
      remez = false;
    }
  }
  if (!remez) {
    opts.method = approx::Method::Chebyshev;
    opts.maxDegree = MaxPolyDegree;
    a = approx::approximate(t.f, opts);
  }
  return cache.emplace(key, std::move(a)).first->second;
}

/// Recomputes a fitted polynomial's result type from its fit (its type
/// rule, ops::fittedType): the operand's ancillas may have changed.
void retype(ir::Operation &op) { op.getResult()->type = ops::fittedType(op); }

/// Writes a polynomial's attributes and its op's result type (the file
/// comment): `coef` are the Chebyshev coefficients of p ~ s f, stored
/// unless the degree is only an estimate of a QSVT (an element-wise alpha
/// needs them).
void recordPolynomial(ir::Operation &op, const PolyTarget &t, int64_t degree, bool mixed,
                      const std::vector<double> &coef, double scale, double maxError,
                      bool estimated) {
  const bool elementwise = ops::PolyAttrs(op).elementwise();
  ops::PolyFit fit;
  fit.degree = degree;
  if (!estimated || elementwise)
    fit.coef = coef;
  fit.estimated = estimated;
  fit.scale = scale;
  fit.factor = t.factor;
  fit.domain.emplace();
  for (const approx::Interval &iv : t.f.domain.parts()) {
    fit.domain->push_back(iv.lo);
    fit.domain->push_back(iv.hi);
  }
  fit.maxError = maxError + t.smoothingError;
  if (!mixed)
    fit.parity = approx::parityIndex(t.f.parity);
  ops::setFit(op, fit);
  retype(op);
}

/// `estimate`: degrees from approx/EstimateDegree.h instead of the engine
/// (resources of symbolic models: no circuit is built, eps may lie far
/// below what a circuit in double holds, degrees far above the cap).
/// Returns the spectral gap the target used (PolyTarget::gap).
double approximateOp(ir::Operation &op, const DataFacts &facts, bool estimate) {
  const ops::PolyAttrs p(op);
  double epsilon = p.epsilon();
  bool elementwise = p.elementwise();
  const ir::Type &in = op.operands[0]->type;
  PolyTarget t = polyTarget(op, epsilon, facts);
  ops::clearIdentity(op); // re-decided every round
  if (t.identity) {
    // M = alpha p(B / alpha) = B: p(u) = u, factor alpha, scale 1.
    ops::setFit(
        op, {1, std::vector<double>{0.0, 1.0}, false, 1.0, in.alpha, std::nullopt, 0.0, 1, true});
    retype(op);
    return t.gap;
  }
  // QSVT ops leave half their budget to the phase factors.
  double budget = epsilon * (elementwise ? 1.0 : 0.5) - t.smoothingError;
  double engineEps = std::min(budget / t.errorGain, 0.5);
  if (estimate) {
    if (!(engineEps > 0))
      throw ir::locatedError(
          op.location,
          "'" + ops::PolyAttrs(op).fn() + "': no error left for the polynomial (share " +
              ir::formatFloat(epsilon) + ", error gain " + ir::formatFloat(t.errorGain) + ", on " +
              t.f.formula + " of a block with alpha " + ir::formatFloat(in.alpha) + ")");
    approx::DegreeEstimate e;
    try {
      e = approx::estimateDegree(t.f, engineEps / t.scale);
    } catch (const Error &err) {
      throw ir::locatedError(op.location, "'" + ops::PolyAttrs(op).fn() + "' on " + t.f.formula +
                                              " to " + ir::formatFloat(engineEps / t.scale) + ": " +
                                              err.what());
    }
    for (double &c : e.coef)
      c *= t.scale;
    recordPolynomial(op, t, e.degree, t.f.parity == approx::Parity::None, e.coef, t.scale,
                     engineEps * t.errorGain, true);
    return t.gap;
  }
  // Below ~1e-14 a double-precision circuit cannot hold the polynomial and
  // the engine would work in MPFR for minutes: refuse at once.
  if (!(engineEps > MinPolyError))
    throw ir::locatedError(op.location,
                           "'" + ops::PolyAttrs(op).fn() + "' needs an approximation error below " +
                               ir::formatFloat(engineEps) + " (its share of the output epsilon, " +
                               ir::formatFloat(epsilon) + ", divided by its error gain " +
                               ir::formatFloat(t.errorGain) +
                               "): the requested epsilon is impossible for these norms");
  // Degree ~ log(1/eps) * steepness (1/delta for gaps: within 1.3x of the
  // minimax degree for 1/x and 1/sqrt(x)); far above the cap, the engine
  // would search for minutes before refusing.
  double degreeGuess = t.steepness * std::log(1 / engineEps);
  if (degreeGuess > 4.0 * MaxPolyDegree) {
    bool amplify = ops::PolyAttrs(op).fn() == "amplify";
    throw ir::locatedError(
        op.location, "'" + ops::PolyAttrs(op).fn() + "' on " + t.f.formula +
                         ": eps = " + ir::formatFloat(engineEps) + " needs degree about " +
                         ir::formatFloat(std::round(degreeGuess)) + " (log(1/eps) x " +
                         ir::formatFloat(t.steepness) + "), far above the cap " +
                         std::to_string(MaxPolyDegree) +
                         (amplify ? ": the operand's alpha (" + ir::formatFloat(in.alpha) +
                                        ") is too far above its norm for amplification"
                                  : ": the operand's spectrum comes too close to the function's "
                                    "singularity"));
  }
  const approx::Approximation *a;
  try {
    a = &cachedApproximation(t, engineEps, elementwise);
  } catch (const Error &e) {
    throw ir::locatedError(op.location,
                           "'" + ops::PolyAttrs(op).fn() + "' on " + t.f.formula + ": " + e.what());
  }
  double gain = t.errorGain * t.scale / a->scale; // the engine's s may differ slightly
  std::vector<double> coef;
  for (const numeric::Mpfr &c : a->coef)
    coef.push_back(c.convert_to<double>());
  recordPolynomial(op, t, a->degree, a->parity == approx::Parity::None, coef, a->scale,
                   a->certificate.maxError * gain, false);
  return t.gap;
}

/// One forward sweep: approximate the poly ops that need it, recompute the
/// other ops' types. Returns the number of ops approximated.
/// What a polynomial was last approximated for: its share and its
/// operand's type (alpha and ancillas fix the target and the result type).
struct Done {
  double epsilon;
  ir::Type operand;
  double gap; // spectralGap's, which alphas upstream move
};

int sweep(ir::Module &module, std::map<ir::Operation *, Done> &doneAt, DataFacts &facts,
          std::ostream *progress, bool estimate) {
  int count = 0;
  // Bounds memoised now stay valid through the sweep: an op's bounds
  // depend only on ops before it, whose types are final by then. The
  // data's facts are those of the alphas the last sweep left.
  facts.invalidate();
  facts.refresh(module);
  for (auto &opPtr : module.operations) {
    ir::Operation &op = *opPtr;
    if (ops::is<ops::Poly>(op)) {
      const ops::PolyAttrs p(op);
      double eps = p.epsilon();
      const ir::Type &operand = op.operands[0]->type;
      auto done = doneAt.find(&op);
      // The target depends on the operand's alpha and shape only; a
      // smaller share matters only if the polynomial no longer meets it.
      bool elementwise = p.elementwise();
      // A gap that shrank leaves spectrum outside the domain; one that
      // grew much costs degree.
      const double gap = done == doneAt.end() ? 0 : spectralGap(op, facts);
      bool redo =
          done == doneAt.end() || done->second.operand.alpha != operand.alpha ||
          done->second.operand.shape != operand.shape ||
          (eps < done->second.epsilon && p.maxError().value() > eps * (elementwise ? 1.0 : 0.5)) ||
          gap < done->second.gap || gap > 1.5 * done->second.gap;
      if (!redo) {
        retype(op); // the operand's ancillas may have changed
        done->second = {eps, operand, done->second.gap};
        continue;
      }
      const Stopwatch clock;
      const double gapUsed = approximateOp(op, facts, estimate);
      double seconds = clock.seconds();
      if (progress && seconds > 0.5) // the slow ones: say what is taking the time
        *progress << (estimate ? "estimate-degrees: '" : "approximate: '") << p.fn() << "' at "
                  << op.location.str() << ": degree " << p.degree().value() << " ("
                  << ir::formatFloat(std::round(seconds * 10) / 10) << " s)\n";
      doneAt[&op] = {eps, operand, gapUsed};
      ++count;
    } else if (op.hasResult()) {
      op.getResult()->type = *ir::inferResultType(op);
    }
  }
  return count;
}

/// Amplifications found unnecessary are their operand: they go, so later
/// stages never see them.
void removeIdentities(ir::Module &module) {
  auto isIdentity = [](const ir::Operation &op) {
    return ops::isPolynomial(op) && ops::PolyAttrs(op).identity();
  };
  // A region whose entry goes (an identity, or a padding projection, read
  // its input) ends as a region: a later allocation composes it op by op
  // (Regions.h). Entries are found before the rewiring below hides them.
  std::map<ir::Operation *, const ir::Operation *> entries;
  for (const auto &op : module.operations)
    if (const ir::Operation *entry = regionEntry(*op))
      entries[op.get()] = entry;
  // The padding projections made for a QSVT's operand (zeroPadded) go
  // with it: its users read the unprojected block, as before lowering.
  auto isSelector = [](const ir::Operation *op) {
    return op && ops::is<ops::Lcu>(*op) && ops::lcuKind(*op) == ops::LcuKind::Columns;
  };
  auto unpadded = [&](ir::Value *v) {
    while (v->definingOp && ops::is<ops::Mul>(*v->definingOp) &&
           ops::isZeroPadding(*v->definingOp)) {
      const ir::Operation &mul = *v->definingOp;
      const bool left = isSelector(mul.operands[0]->definingOp) &&
                        mul.operands[0]->type.shape[0] == mul.getResult()->type.shape[0];
      v = mul.operands[left ? 1 : 0];
    }
    return v;
  };
  for (const auto &op : module.operations)
    if (isIdentity(*op))
      module.replaceAllUses(op->getResult(), unpadded(op->operands[0]));
  module.eraseIf(isIdentity);
  auto deadPadding = [&](const ir::Operation &op) {
    const bool padding = (ops::is<ops::Mul>(op) && ops::isZeroPadding(op)) || isSelector(&op);
    return padding && op.hasResult() && module.useCount(op.getResult()) == 0;
  };
  for (bool more = true; more;) { // useCount must not run inside eraseIf
    std::set<const ir::Operation *> dead;
    for (const auto &op : module.operations)
      if (deadPadding(*op))
        dead.insert(op.get());
    more = !dead.empty();
    module.eraseIf([&](const ir::Operation &op) { return dead.count(&op) > 0; });
  }
  std::set<const ir::Operation *> kept;
  for (const auto &op : module.operations)
    kept.insert(op.get());
  for (const auto &[end, entry] : entries)
    if (kept.count(end) && !kept.count(entry))
      ops::clearRegionLipschitz(*end);
  // Without those projections, ancillas downstream shrink.
  for (auto &op : module.operations) {
    if (ops::is<ops::Poly>(*op))
      retype(*op);
    else if (op->hasResult())
      op->getResult()->type = *ir::inferResultType(*op);
  }
}

bool approximateAll(ir::Module &module, std::ostream *progress, bool estimate) {
  std::map<ir::Operation *, Done> doneAt;
  DataFacts facts(module); // refreshed each sweep: softmax's values depend on alphas
  // The first split sees the lowering's placeholder alphas; the real ones
  // (known after this round) make the sensitivities up to ~2x larger per
  // layer of the tiny transformer block. A third of the first shares
  // leaves room, so the next split rarely asks for a better polynomial
  // and round 2 re-runs (almost) nothing.
  for (auto &[op, share] : allocateErrors(module, facts))
    ops::setEpsilon(*op, share * FirstRoundShare);
  bool settled = false;
  for (int round = 0; round < 6 && !settled; ++round) {
    settled = sweep(module, doneAt, facts, progress, estimate) == 0;
    if (!settled)
      allocateErrors(module, facts); // alphas changed: re-split the budget
  }
  if (!settled)
    for (auto &[op, done] : doneAt)
      if (ops::epsilonOf(*op) < done.epsilon * 0.999)
        throw ir::locatedError(op->location, "the error budget did not settle after 6 "
                                             "rounds of approximation (alphas keep growing)");
  removeIdentities(module);
  return true;
}

} // namespace

PassInfo createApproximatePass() {
  return {"approximate", "a certified polynomial for every poly op within its error share (cached)",
          [](ir::Module &module) { return approximateAll(module, nullptr, false); },
          [](ir::Module &module, std::ostream &progress) {
            return approximateAll(module, &progress, false);
          }};
}

PassInfo createEstimateDegreesPass() {
  return {"estimate-degrees",
          "approximate's budget and types with estimated degrees, no polynomials (resources "
          "of symbolic models)",
          [](ir::Module &module) { return approximateAll(module, nullptr, true); },
          [](ir::Module &module, std::ostream &progress) {
            return approximateAll(module, &progress, true);
          }};
}

} // namespace qsvtc::passes
