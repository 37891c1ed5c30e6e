//===- EstimateDegreeTest.cpp - Estimated degrees vs found polynomials ----===//
//
// estimateDegree (for resources of symbolic models) against the degree of
// the polynomial the approximation engine finds and certifies by Chebyshev
// truncation, the same quantity found the other way: within a few percent
// where double resolves eps, and on the high side, within 40%, where the
// estimate extrapolates (eps 1e-25 and 1e-20: the engine works in MPFR).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/EstimateDegree.h"
#include "qsvtc/approx/Approximate.h"
#include "qsvtc/approx/Catalog.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

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
      {"exp", {{"beta", 5.0}}, 1e-10},
      {"sigmoid", {{"scale", 8.0}}, 1e-8},
      {"normcdf", {{"scale", 30.0}}, 1e-9},
      {"erf", {{"k", 10.0}}, 1e-10},
      {"inverse", {{"delta", 0.05}}, 1e-6},
      {"invsqrt", {{"delta", 0.05}}, 1e-6},
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

// Past the sampled steepness (1/delta or amplify's slope above 1024) the
// degree is extrapolated from two sampled steepnesses: compare it with the
// estimate sampled directly at the real steepness (2^17-2^20 points):
// within 1% low (the directly sampled degree is itself a truncation
// estimate) to 5% high.
TEST(EstimateDegree, ExtrapolatesInSteepness) {
  const std::vector<Case> cases = {
      {"inverse", {{"delta", 1.0 / 8192}}, 1e-10},
      {"invsqrt", {{"delta", 1.0 / 8192}}, 1e-10},
      {"sign", {{"delta", 1.0 / 8192}}, 1e-10},
      {"amplify", {{"gain", 400.0}, {"w", 0.002}, {"k", 16000.0}}, 1e-10},
  };
  for (const Case &c : cases) {
    TargetFunction f = makeCatalogFunction(c.name, c.params);
    ASSERT_TRUE(f.atSteepness) << c.name;
    DegreeEstimate e = estimateDegree(f, c.eps);
    EXPECT_TRUE(e.extrapolated) << c.name;
    TargetFunction direct = f;
    direct.atSteepness = nullptr;
    DegreeEstimate d = estimateDegree(direct, c.eps);
    ASSERT_FALSE(d.extrapolated) << c.name;
    EXPECT_GE(e.degree, 0.99 * d.degree) << c.name;
    EXPECT_LE(e.degree, 1.05 * d.degree) << c.name;
  }
}

TEST(EstimateDegree, RefusesDegreesPastTheCount) {
  TargetFunction f = makeCatalogFunction("inverse", {{"delta", 1e-18}}); // degree ~4e19
  EXPECT_THROW(estimateDegree(f, 1e-10), qsvtc::Error);
}

// The lower bound is certain: it never exceeds the minimal degree, which
// Remez finds and proves (its own lower bound, de la Vallee Poussin). Random
// catalog functions, parameters and eps; the bound must also be useful on
// the oscillating and steep ones (cos(tau x) needs about tau).
TEST(DegreeLowerBound, NeverAboveTheMinimaxDegree) {
  std::mt19937 rng(20261207);
  std::uniform_real_distribution<double> unit(0, 1);
  const std::vector<std::pair<const char *, const char *>> families = {
      {"cos", "tau"},  {"sin", "tau"},    {"tanh", "scale"},    {"sigmoid", "scale"}, {"erf", "k"},
      {"exp", "beta"}, {"gelu", "scale"}, {"inverse", "delta"}, {"sign", "delta"}};
  for (int trial = 0; trial < 40; ++trial) {
    const auto &[name, param] = families[trial % families.size()];
    const bool gap = std::string(param) == "delta";
    const double value = gap ? 0.05 + 0.3 * unit(rng) : 1 + 60 * unit(rng);
    const double eps = std::pow(10.0, -3 - 7 * unit(rng));
    const TargetFunction f = makeCatalogFunction(name, {{param, value}});
    ApproxOptions opts;
    opts.epsilon = eps;
    const Approximation a = approximate(f, opts); // Remez: the minimal degree
    const DegreeLowerBound lb = degreeLowerBound(a.target, eps, 1 << 16);
    EXPECT_LE(lb.degree, a.degree) << name << " " << param << "=" << value << " eps " << eps;
    // Stopping early at `enough` proves more than it, and no more than all.
    const int64_t enough = lb.degree / 2;
    const DegreeLowerBound early = degreeLowerBound(a.target, eps, 1 << 16, enough);
    EXPECT_GT(early.degree, enough);
    EXPECT_LE(early.degree, lb.degree);
    if (std::string(name) == "cos" || std::string(name) == "sin") {
      EXPECT_GE(static_cast<double>(lb.degree), 0.5 * value * a.scale) << name << "=" << value;
    }
  }
}

// A degree far above the cap is refused at once, with the reason, where
// resolving the series up to 4x the cap would take minutes.
TEST(DegreeLowerBound, RefusesAboveTheCapBeforeTheWork) {
  ApproxOptions opts;
  opts.maxDegree = 1000;
  const TargetFunction f = makeCatalogFunction("cos", {{"tau", 1e8}});
  try {
    approximate(f, opts);
    FAIL() << "cos(1e8 x) at degree <= 1000 accepted";
  } catch (const qsvtc::Error &e) {
    EXPECT_NE(std::string(e.what()).find("Bernstein"), std::string::npos) << e.what();
  }
  opts.maxDegree = MaxDegreeLimit + 1;
  EXPECT_THROW(approximate(makeCatalogFunction("exp", {}), opts), qsvtc::Error);
}
