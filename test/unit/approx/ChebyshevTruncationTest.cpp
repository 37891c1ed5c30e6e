//===- ChebyshevTruncationTest.cpp - The shortest truncation is shortest --===//
//
// shortestTruncation measures its candidates on a grid: on all of [-1, 1]
// through one DCT per degree, elsewhere by Clenshaw. Checked independently
// here: at the returned degree d, Clenshaw in 128-bit MPFR on a different,
// denser grid (uniform, 40 points per degree) stays within eps (up to the
// grid's resolution, 1%), and at d - step it exceeds eps.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/ChebyshevTruncation.h"
#include "qsvtc/approx/Catalog.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/Mpfr.h"

#include <gtest/gtest.h>

using namespace qsvtc;
using namespace qsvtc::approx;
using numeric::Mpfr;

namespace {

/// max |sum_{k <= d} c_k T_k(x) - f(x)| over a uniform grid of [lo, hi].
double truncationError(const std::vector<double> &c, int d, const TargetFunction &f, double lo,
                       double hi) {
  numeric::PrecisionGuard guard(128);
  std::vector<Mpfr> head(c.begin(), c.begin() + d + 1);
  const int points = 40 * (d + 1);
  double worst = 0;
  for (int i = 0; i <= points; ++i) {
    const Mpfr x = Mpfr(lo) + (Mpfr(hi) - Mpfr(lo)) * i / points;
    const Mpfr e = numeric::clenshaw(head, x) - f.evalMpfr(x);
    worst = std::max(worst, static_cast<double>(abs(e)));
  }
  return worst;
}

} // namespace

TEST(ChebyshevTruncation, ShortestOnTheWholeIntervalAndOnAGap) {
  struct Case {
    std::string fn;
    std::map<std::string, double> params;
    std::optional<Domain> domain;
    double eps;
  };
  const std::vector<Case> cases = {
      {"exp", {}, std::nullopt, 1e-9},
      {"amplify", {{"gain", 4.0}, {"w", 0.2}, {"k", 60.0}}, std::nullopt, 1e-6},
      {"erf", {{"k", 20.0}}, std::nullopt, 1e-8},
      {"cos", {{"tau", 30.0}}, std::nullopt, 1e-10},
      {"exp", {}, Domain::parse("-1,-0.2,0.3,1"), 1e-9},
  };
  for (const Case &c : cases) {
    const TargetFunction f = makeCatalogFunction(c.fn, c.params, c.domain);
    SCOPED_TRACE(f.formula + " on " + f.domain.str());
    const std::vector<double> series = resolveChebyshevSeries<double>(f, c.eps / 64, 1 << 16);
    ASSERT_FALSE(series.empty());
    const Truncation t = shortestTruncation(series, f, c.eps);
    const int step = f.parity == Parity::None ? 1 : 2;
    double at = 0, below = 0;
    for (const Interval &iv : f.domain.parts()) {
      at = std::max(at, truncationError(series, t.degree, f, iv.lo, iv.hi));
      below = std::max(below, truncationError(series, t.degree - step, f, iv.lo, iv.hi));
    }
    EXPECT_LE(at, c.eps * 1.01) << "degree " << t.degree;
    EXPECT_GT(below, c.eps) << "degree " << t.degree - step;
    EXPECT_NEAR(t.estimatedError, at, 0.01 * at);
  }
}
