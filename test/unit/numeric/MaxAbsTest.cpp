//===- MaxAbsTest.cpp - max |p| against closed forms and dense sampling ---===//
#include "qsvtc/numeric/MaxAbs.h"
#include "qsvtc/numeric/Chebyshev.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace qsvtc::numeric;

namespace {

/// Chebyshev coefficients of A T_m(alpha x + beta), by interpolation at
/// m + 1 points (exact for a degree-m polynomial, to rounding). For
/// |beta| + |alpha| <= 1 with the range holding an extremum of T_m, its
/// max on [-1, 1] is exactly |A|, at an x that is no grid point.
std::vector<double> shiftedChebyshev(double a, int m, double alpha, double beta) {
  const std::vector<double> x = chebyshevPoints<double>(m);
  std::vector<double> v(x.size());
  for (std::size_t j = 0; j < x.size(); ++j)
    v[j] = a * std::cos(m * std::acos(alpha * x[j] + beta));
  return chebyshevCoefficients(v);
}

/// max |p| by brute force: long-double Clenshaw at `perDegree` (d + 1)
/// equispaced angles, then golden-section search around the best one.
/// Independent of the DCTs and Taylor models under test.
double bruteMax(const std::vector<double> &c, int perDegree) {
  const std::vector<long double> cl(c.begin(), c.end());
  auto f = [&](long double t) {
    return std::abs(clenshaw(cl, static_cast<long double>(std::cos(t))));
  };
  const long double n = perDegree * static_cast<long double>(c.size());
  long double best = 0, at = 0;
  for (long double j = 0; j <= n; ++j)
    if (const long double v = f(M_PI * j / n); v > best)
      best = v, at = M_PI * j / n;
  long double lo = std::max<long double>(0, at - M_PI / n),
              hi = std::min<long double>(M_PI, at + M_PI / n);
  const long double g = (std::sqrt(5.0L) - 1) / 2;
  for (int it = 0; it < 200; ++it) {
    const long double m1 = hi - g * (hi - lo), m2 = lo + g * (hi - lo);
    if (f(m1) > f(m2))
      hi = m2;
    else
      lo = m1;
  }
  return static_cast<double>(std::max(best, f((lo + hi) / 2)));
}

} // namespace

TEST(MaxAbs, ClosedFormPeaksBetweenGridPoints) {
  // The case: true max 1 + 3e-6 at degree 1000, which a grid of
  // 8 (d + 1) points misses (it read below 1).
  for (double a : {1 + 3e-6, 1 - 1e-6, 1 - 1e-9, 0.5}) {
    const std::vector<double> c = shiftedChebyshev(a, 1000, 0.93, 0.031);
    const MaxAbs m = maxAbsChebyshev(c);
    const double tol = std::max(1e-12, 0.05 * std::abs(1 - a)) + 1e-13; // the contract
    EXPECT_NEAR(m.value, a, tol) << a;
    EXPECT_GE(m.upper, a - 1e-12) << a;
    // The gap closes to tol or to the rounding bound (8 d eps sum|c_k| for
    // Clenshaw sums, ~4e-11 here), whichever is larger.
    EXPECT_LE(m.upper - m.value, std::max(tol, 1e-10)) << a;
    EXPECT_EQ(m.value >= 1, a >= 1) << a;
    EXPECT_EQ(m.upper < 1, a < 1) << a;
    // The location: |p(at)| is the value.
    EXPECT_NEAR(std::abs(clenshaw(c, m.at)), m.value, 1e-13);
  }
}

TEST(MaxAbs, RandomPolynomialsAgreeWithBruteForce) {
  std::mt19937 rng(7);
  std::normal_distribution<double> g;
  for (int trial = 0; trial < 60; ++trial) {
    const int d = 1 + trial * 3;
    std::vector<double> c(d + 1);
    for (int k = 0; k <= d; ++k)
      c[k] = g(rng) / (1 + 0.1 * k);
    if (trial % 3 == 0) // definite parity, as QSP targets are
      for (int k = 0; k <= d; ++k)
        if (k % 2 != d % 2)
          c[k] = 0;
    // Scaled to 1 - eta, eta from 1e-2 to 1e-9: the decision must hold.
    const double eta = std::pow(10.0, -2 - trial % 8);
    const double scale = (1 - eta) / bruteMax(c, 400);
    for (double &v : c)
      v *= scale;
    const double brute = bruteMax(c, 400);
    const MaxAbs m = maxAbsChebyshev(c);
    // value is attained: at most the true max (brute is within ~1e-18 of it
    // after the golden section); upper bounds it; below 1; both are close.
    EXPECT_LE(m.value, brute * (1 + 1e-14)) << "trial " << trial;
    EXPECT_GE(m.upper, brute * (1 - 1e-14)) << "trial " << trial;
    EXPECT_LT(m.upper, 1.0) << "trial " << trial;
    EXPECT_NEAR(m.value, brute, 0.05 * eta + 1e-13) << "trial " << trial;
  }
}

TEST(MaxAbs, ConstantsAndNonFinite) {
  EXPECT_EQ(maxAbsChebyshev({-0.25}).value, 0.25);
  const MaxAbs t = maxAbsChebyshev({0, 0, 0, -0.75}); // -0.75 T_3: max at x = +-1, cos(pi/3), ...
  EXPECT_NEAR(t.value, 0.75, 1e-15);
  EXPECT_TRUE(std::isnan(maxAbsChebyshev({0.1, NAN}).upper));
  EXPECT_TRUE(std::isnan(maxAbsChebyshev({0.1, INFINITY}).value));
}
