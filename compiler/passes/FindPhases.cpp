//===- FindPhases.cpp - QSP phase factors for every QSVT polynomial -------===//
//
// Each QSVT qsvt.poly (not the element-wise ones, which are LCUs of
// Hadamard powers and need no phases) becomes a qsvt.phases op carrying
// certified Wx-symmetric phases (docs/phases.md) for the half of its error
// budget the approximation left: a polynomial of definite parity gets one
// phase list; a mixed one is run as an LCU of its even part (`phases`) and
// odd part (`phases_odd`), each within a quarter of the budget. Identical
// polynomials (the same op in every layer) are solved once.
//
//===----------------------------------------------------------------------===//
#include "PolyTarget.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/passes/Passes.h"

#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/Mpfr.h"
#include "qsvtc/qsp/Solve.h"
#include "qsvtc/support/Error.h"

#include <cmath>
#include <map>

namespace qsvtc::passes {

namespace {

std::vector<double> solveCached(const std::vector<double> &coef, double eps,
                                const ir::Operation &op) {
  static std::map<std::pair<std::vector<double>, double>, std::vector<double>> cache;
  auto key = std::make_pair(coef, eps);
  auto it = cache.find(key);
  if (it != cache.end())
    return it->second;
  std::vector<numeric::Mpfr> c(coef.begin(), coef.end());
  qsp::PhaseOptions opts;
  opts.epsilon = eps;
  qsp::PhaseResult r;
  try {
    r = qsp::solvePhases(std::move(c), opts);
  } catch (const Error &e) {
    throw ir::locatedError(op.location, "phases for '" + ops::PolyAttrs(op).fn() + "' (degree " +
                                            std::to_string(coef.size() - 1) + "): " + e.what());
  }
  std::vector<double> phases;
  for (const numeric::Mpfr &p : r.phases)
    phases.push_back(p.convert_to<double>());
  return cache.emplace(key, std::move(phases)).first->second;
}

bool findPhases(ir::Module &module) {
  bool changed = false;
  for (auto &opPtr : module.operations) {
    ir::Operation &op = *opPtr;
    if (!ops::is<ops::Poly>(op) || ops::PolyAttrs(op).elementwise())
      continue;
    const ops::PolyAttrs p(op);
    const std::optional<std::vector<double>> coef = p.coef();
    if (!coef || p.estimated())
      throw ir::locatedError(op.location,
                             "'" + p.fn() +
                                 "' has no polynomial yet: run approximate before find-phases");
    // The approximation used half of epsilon; M = (factor / s) p, its error
    // a Frobenius norm (PolyTarget.h).
    double gain = p.factor() / p.scale() * frobeniusFactor(op.operands[0]->type, false);
    double eps = p.epsilon() / 2 / gain;
    ir::AttrDict attrs;
    if (p.parity()) {
      attrs = ops::phasesAttributes(op, solveCached(*coef, eps, op), std::nullopt);
    } else { // the even part first, then the odd
      std::vector<double> even = solveCached(numeric::parityPart(*coef, 0), eps / 2, op);
      attrs = ops::phasesAttributes(op, std::move(even),
                                    solveCached(numeric::parityPart(*coef, 1), eps / 2, op));
    }
    auto phases =
        std::make_unique<ir::Operation>(ops::Phases::name, op.operands, op.getResult()->type,
                                        std::move(attrs), op.location, op.getResult()->name);
    module.replaceAllUses(op.getResult(), phases->getResult());
    opPtr = std::move(phases);
    changed = true;
  }
  return changed;
}

} // namespace

PassInfo createFindPhasesPass() {
  return {"find-phases",
          "certified QSP phases for every QSVT polynomial (poly -> phases op, cached)", findPhases};
}

} // namespace qsvtc::passes
