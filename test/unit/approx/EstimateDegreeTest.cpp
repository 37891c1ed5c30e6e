//===- EstimateDegreeTest.cpp - Estimated degrees vs found polynomials ----===//
//
// estimateDegree (for resources of symbolic models) against the degree of
// the polynomial the approximation engine finds and certifies by Chebyshev
// truncation, the same quantity found the other way: within a few percent
// where double resolves eps, and on the high side, within 40%, where the
// estimate extrapolates (eps 1e-25 and 1e-20: the engine works in MPFR).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/Approximate.h"
#include "qsvtc/approx/Catalog.h"
#include "qsvtc/approx/EstimateDegree.h"

#include <gtest/gtest.h>

using namespace qsvtc::approx;

namespace {

struct Case {
  const char *name;
  std::map<std::string, double> params;
  double eps;
};

int certifiedDegree(const TargetFunction &f, double eps) {
  ApproxOptions opts;
  opts.epsilon = eps;
  opts.method = Method::Chebyshev;
  opts.eta = 1e-3;
  return approximate(f, opts).degree;
}

} // namespace

TEST(EstimateDegree, MatchesTruncationWhereDoubleResolves) {
  const std::vector<Case> cases = {
      {"exp", {{"beta", 5.0}}, 1e-10},        {"sigmoid", {{"scale", 8.0}}, 1e-8},
      {"normcdf", {{"scale", 30.0}}, 1e-9},   {"erf", {{"k", 10.0}}, 1e-10},
      {"inverse", {{"delta", 0.05}}, 1e-6},   {"invsqrt", {{"delta", 0.05}}, 1e-6},
      {"amplify", {{"gain", 2.5}, {"w", 0.3}, {"k", 60.0}}, 1e-8},
  };
  for (const Case &c : cases) {
    TargetFunction f = makeCatalogFunction(c.name, c.params);
    // The engine approximates s f with s <= 1 - eta when max|f| exceeds it.
    ApproxOptions probe;
    probe.epsilon = c.eps;
    probe.method = Method::Chebyshev;
    Approximation a = approximate(f, probe);
    DegreeEstimate e = estimateDegree(f, c.eps / a.scale);
    EXPECT_FALSE(e.extrapolated) << c.name;
    EXPECT_NEAR(e.degree, a.degree, 0.06 * a.degree + 2) << c.name;
    EXPECT_EQ(e.coef.size(), static_cast<std::size_t>(e.degree + 1)) << c.name;
  }
}

TEST(EstimateDegree, ExtrapolatesOnTheHighSide) {
  const std::vector<Case> cases = {
      {"exp", {{"beta", 5.0}}, 1e-25},
      {"sigmoid", {{"scale", 4.0}}, 1e-25},
      {"inverse", {{"delta", 0.1}}, 1e-20},
  };
  for (const Case &c : cases) {
    TargetFunction f = makeCatalogFunction(c.name, c.params);
    DegreeEstimate e = estimateDegree(f, c.eps);
    EXPECT_TRUE(e.extrapolated) << c.name;
    int found = certifiedDegree(f, c.eps);
    EXPECT_GE(e.degree, found) << c.name;
    EXPECT_LE(e.degree, 1.4 * found) << c.name;
  }
}
