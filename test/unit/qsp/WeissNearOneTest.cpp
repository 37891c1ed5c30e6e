//===- WeissNearOneTest.cpp - The outer completion near max|p| = 1 --------===//
//
// weissCompletionNearOne (adaptive quadrature + NUFFTs) against the uniform
// Weiss grid where both work, against |a|^2 + |b|^2 = 1 evaluated directly
// where only it works, and the phases it leads to against an independent
// 128-bit MPFR QSP product. Targets: peak cos(tau x) (peak dips all over
// [-1, 1]), and peak erf(k x) (|p| flat near the peak on most of it).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/qsp/Weiss.h"

#include "MpfrSpotCheck.h"

#include <boost/math/special_functions/bessel.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <random>

using namespace qsvtc;

namespace {

/// peak cos(tau x) by Jacobi-Anger, degree d (even), tau = 0.8 d: the
/// truncation is far below double, so max|p| = peak at x = 0.
std::vector<double> peakCosine(double peak, int d) {
  std::vector<double> c(d + 1, 0.0);
  for (int k = 0; k <= d; k += 2) {
    const double j = boost::math::cyl_bessel_j(k, 0.8 * d);
    c[k] = peak * (k == 0 ? j : 2 * ((k / 2) % 2 ? -j : j));
  }
  return c;
}

/// Chebyshev interpolant of peak erf(k x) / erf(k), degree d (odd).
std::vector<double> peakErf(double peak, double k, int d) {
  std::vector<double> c = numeric::chebyshevInterpolate<double>(
      [&](double x) { return peak * std::erf(k * x) / std::erf(k); }, d);
  for (int j = 0; j <= d; j += 2)
    c[j] = 0;
  return c;
}

/// max over random points of the circle of | |a|^2 + |b|^2 - 1 |, by
/// Horner sums in long double.
double complementError(const std::vector<double> &a, const std::vector<double> &b) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> angle(0, 2 * M_PI);
  double worst = 0;
  for (int i = 0; i < 300; ++i) {
    const std::complex<long double> z = std::polar<long double>(1, angle(rng));
    std::complex<long double> av = 0, bv = 0;
    for (std::size_t k = a.size(); k-- > 0;)
      av = av * z + static_cast<long double>(a[k]);
    for (std::size_t k = b.size(); k-- > 0;)
      bv = bv * z + static_cast<long double>(b[k]);
    worst = std::max(worst, static_cast<double>(std::abs(std::norm(av) + std::norm(bv) - 1.0L)));
  }
  return worst;
}

} // namespace

TEST(WeissNearOne, AgreesWithTheUniformGridWhereBothWork) {
  for (double peak : {0.5, 1 - 1e-3}) {
    const int d = 400;
    const std::vector<double> b = qsp::nlftTargetFromChebyshev(peakCosine(peak, d), d);
    qsp::WeissOptions uniform;
    uniform.nearOneAbove = 1e300; // never
    const std::vector<double> a0 = qsp::weissCompletion(b, uniform);
    qsp::WeissStats stats;
    const std::vector<double> a1 = qsp::weissCompletionNearOne(b, &stats);
    ASSERT_EQ(a0.size(), a1.size());
    double diff = 0;
    for (std::size_t k = 0; k < a0.size(); ++k)
      diff = std::max(diff, std::abs(a0[k] - a1[k]));
    EXPECT_LT(diff, 1e-13) << "peak " << peak;
    EXPECT_GT(stats.nearOneNodes, 0u);
    EXPECT_EQ(stats.nearOneUnresolved, 0u);
  }
}

TEST(WeissNearOne, ComplementsBWhereTheUniformGridCannot) {
  // 1 - max|p| = 1e-9: a uniform grid would need ~d / 1e-9 points.
  const int d = 2000;
  const std::vector<double> b = qsp::nlftTargetFromChebyshev(peakCosine(1 - 1e-9, d), d);
  qsp::WeissStats stats;
  const std::vector<double> a = qsp::weissCompletionNearOne(b, &stats);
  EXPECT_GT(a[0], 0);
  EXPECT_LT(complementError(a, b), 1e-12);
  EXPECT_GT(stats.nearOneLevels, 5); // the dips were refined
  // And the default completion picks it by itself.
  qsp::WeissStats chosen;
  const std::vector<double> again = qsp::weissCompletion(b, {}, &chosen);
  EXPECT_GT(chosen.nearOneNodes, 0u);
  EXPECT_EQ(again, a);
}

TEST(WeissNearOne, PhasesAreCertifiedAndSpotChecked) {
  struct Case {
    const char *name;
    std::vector<double> coef;
    int parity;
  };
  const Case cases[] = {{"cos, 1 - 1e-9", peakCosine(1 - 1e-9, 3000), 0},
                        {"erf, 1 - 1e-6", peakErf(1 - 1e-6, 60, 1501), 1},
                        {"x, 1 - 1e-12", {0.0, 1 - 1e-12}, 1}};
  for (const Case &c : cases) {
    qsp::WeissStats stats;
    const std::vector<double> phases = qsp::weissPhases(c.coef, c.parity, {}, &stats);
    ASSERT_TRUE(stats.certified) << c.name;
    EXPECT_GT(stats.nearOneNodes, 0u) << c.name;
    EXPECT_LE(stats.certificate.bound, 1e-12) << c.name;
    const double spot = testref::mpfrSpotCheck(phases, c.coef);
    EXPECT_LE(spot, stats.certificate.bound) << c.name;
  }
}
