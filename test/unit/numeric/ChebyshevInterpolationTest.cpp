//===- ChebyshevInterpolationTest.cpp - Points and interpolation ----------===//
//
// Interpolation is checked against closed-form Chebyshev series (exp via
// modified Bessel I, cos(20x) via Jacobi-Anger and Bessel J, Runge's
// function via its geometric series) folded by the exact aliasing map, so
// every degree is checked to full precision: 1e-15 for the FFTW double path,
// 1e-70 at 256 bits for our FFT. Values of the interpolants are also checked
// against direct evaluation of the functions, and the two paths and the two
// directions against each other.
//
//===----------------------------------------------------------------------===//
#include "ChebyshevReference.h"
#include "MpfrPrinting.h"

#include "qsvtc/numeric/Chebyshev.h"

#include <boost/math/constants/constants.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>

using namespace qsvtc::numeric;
using testref::aliased;
using testref::maxAbsDiff;

namespace {

/// A test function in both precisions plus its closed-form series.
struct Case {
  const char *name;
  std::function<double(double)> fd;
  std::function<Mpfr(const Mpfr &)> fm;
  std::function<std::vector<Mpfr>()> series; // at the current precision
  // The double samples themselves are only accurate to about
  // eps * max |x f'(x)| (cos(20 x) rounds 20 x first): allow for it.
  double doubleTol;
};

std::vector<Case> cases() {
  return {
      {"exp", [](double x) { return std::exp(x); }, [](const Mpfr &x) { return Mpfr(exp(x)); },
       [] { return testref::expSeries<Mpfr>(100); }, 1e-15},
      {"cos20x", [](double x) { return std::cos(20 * x); },
       [](const Mpfr &x) { return Mpfr(cos(20 * x)); },
       [] { return testref::cosSeries<Mpfr>(20, 220); }, 5e-15},
      {"runge", [](double x) { return 1 / (1 + 25 * x * x); },
       [](const Mpfr &x) { return Mpfr(1 / (1 + 25 * x * x)); },
       [] { return testref::rungeSeries<Mpfr>(5, 1200); }, 1e-15},
  };
}

std::vector<double> toDouble(const std::vector<Mpfr> &v) {
  std::vector<double> d(v.size());
  for (std::size_t i = 0; i < v.size(); ++i)
    d[i] = static_cast<double>(v[i]);
  return d;
}

} // namespace

TEST(Chebyshev, PointsAreChebyshevExtrema) {
  PrecisionGuard guard(256);
  const Mpfr pi = boost::math::constants::pi<Mpfr>();
  for (std::size_t n : {1, 2, 3, 10, 101}) {
    const std::vector<Mpfr> x = chebyshevPoints<Mpfr>(n);
    const std::vector<double> xd = chebyshevPoints<double>(n);
    ASSERT_EQ(x.size(), n + 1);
    ASSERT_EQ(xd.size(), n + 1);
    EXPECT_EQ(x.front(), 1);
    EXPECT_EQ(x.back(), -1);
    for (std::size_t j = 0; j <= n; ++j) {
      const Mpfr want = cos(pi * j / n);
      EXPECT_LT(abs(x[j] - want), Mpfr("1e-75")) << n << " " << j;
      EXPECT_NEAR(xd[j], static_cast<double>(want), 1.2e-16) << n << " " << j;
      EXPECT_EQ(x[j], -x[n - j]); // exact antisymmetry
      EXPECT_EQ(xd[j], -xd[n - j]);
      if (j > 0) {
        EXPECT_LT(x[j], x[j - 1]);
      }
    }
  }
  // The middle point of an even degree is +0, not -0 (sign-sensitive f).
  EXPECT_FALSE(std::signbit(chebyshevPoints<double>(4)[2]));
  EXPECT_EQ(mpfr_signbit(chebyshevPoints<Mpfr>(4)[2].backend().data()), 0);
  EXPECT_EQ(chebyshevPoints<double>(0), std::vector<double>{0.0});
}

TEST(Chebyshev, MpfrCoefficientsMatchClosedForms) {
  PrecisionGuard guard(256);
  for (const Case &c : cases()) {
    const std::vector<Mpfr> series = c.series();
    for (std::size_t n : {0, 1, 4, 17, 60, 150}) {
      const std::vector<Mpfr> got = chebyshevInterpolate<Mpfr>(c.fm, n);
      EXPECT_LT(maxAbsDiff(got, aliased(series, n)), Mpfr("1e-70")) << c.name << " degree " << n;
    }
  }
}

TEST(Chebyshev, DoubleCoefficientsMatchClosedForms) {
  PrecisionGuard guard(256);
  for (const Case &c : cases()) {
    const std::vector<Mpfr> series = c.series();
    for (std::size_t n : {0, 1, 4, 17, 60, 150, 1000}) {
      const std::vector<double> got = chebyshevInterpolate<double>(c.fd, n);
      const std::vector<double> want = toDouble(aliased(series, n));
      EXPECT_LT(maxAbsDiff(got, want), c.doubleTol) << c.name << " degree " << n;
    }
  }
}

TEST(Chebyshev, InterpolantValuesMatchFunction) {
  PrecisionGuard guard(256);
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(-1, 1);
  // Degrees at which the truncation error is below the tolerance.
  const std::size_t mpDegree[] = {70, 150, 1100};
  const std::size_t dDegree[] = {20, 60, 200};
  const std::vector<Case> cs = cases();
  for (std::size_t i = 0; i < cs.size(); ++i) {
    const std::vector<Mpfr> cm = chebyshevInterpolate<Mpfr>(cs[i].fm, mpDegree[i]);
    const std::vector<double> cd = chebyshevInterpolate<double>(cs[i].fd, dDegree[i]);
    for (int t = 0; t < 50; ++t) {
      const double x = u(rng);
      const Mpfr xm = Mpfr(x) / 3 * 3; // a full-precision point near x
      EXPECT_LT(abs(clenshaw(cm, xm) - cs[i].fm(xm)), Mpfr("1e-70")) << cs[i].name << " at " << x;
      EXPECT_NEAR(clenshaw(cd, x), cs[i].fd(x), 2 * cs[i].doubleTol) << cs[i].name;
    }
  }
}

TEST(Chebyshev, FftwAndMpfrPathsAgree) {
  PrecisionGuard guard(256);
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-1, 1);
  for (std::size_t n : {1, 2, 3, 7, 64, 97, 1000, 1024, 2047, 4001}) {
    std::vector<double> vd(n + 1);
    for (double &v : vd)
      v = u(rng);
    const std::vector<Mpfr> vm(vd.begin(), vd.end()); // the same inputs
    const std::vector<double> cd = chebyshevCoefficients(vd);
    const std::vector<double> cm = toDouble(chebyshevCoefficients(vm));
    EXPECT_LT(maxAbsDiff(cd, cm), 1e-15) << "degree " << n;
    const std::vector<double> wd = chebyshevValues(vd);
    const std::vector<double> wm = toDouble(chebyshevValues(vm));
    EXPECT_LT(maxAbsDiff(wd, wm), 1e-15 * std::sqrt(double(n))) << "degree " << n;
  }
}

TEST(Chebyshev, ValuesInvertCoefficients) {
  PrecisionGuard guard(256);
  std::mt19937_64 rng(6);
  std::uniform_real_distribution<double> u(-1, 1);
  for (std::size_t size : {1, 2, 3, 17, 256, 1001, 100001}) {
    std::vector<double> vd(size);
    for (double &v : vd)
      v = u(rng);
    EXPECT_LT(maxAbsDiff(chebyshevValues(chebyshevCoefficients(vd)), vd), 1e-14) << size;
    if (size > 1001)
      continue;
    std::vector<Mpfr> vm(size);
    for (Mpfr &v : vm)
      v = Mpfr(u(rng)) / 7;
    EXPECT_LT(maxAbsDiff(chebyshevValues(chebyshevCoefficients(vm)), vm), Mpfr("1e-72")) << size;
    EXPECT_LT(maxAbsDiff(chebyshevCoefficients(chebyshevValues(vm)), vm), Mpfr("1e-72")) << size;
  }
}

TEST(Chebyshev, ValuesAreTheInterpolantAtThePoints) {
  PrecisionGuard guard(256);
  std::vector<Mpfr> c(40);
  for (std::size_t k = 0; k < c.size(); ++k)
    c[k] = Mpfr(1) / (k + 1);
  const std::vector<Mpfr> v = chebyshevValues(c);
  const std::vector<Mpfr> x = chebyshevPoints<Mpfr>(c.size() - 1);
  for (std::size_t j = 0; j < x.size(); ++j)
    EXPECT_LT(abs(v[j] - clenshaw(c, x[j])), Mpfr("1e-72")) << j;
}

TEST(Chebyshev, DegenerateSizes) {
  EXPECT_TRUE(chebyshevCoefficients(std::vector<double>{}).empty());
  EXPECT_TRUE(chebyshevValues(std::vector<double>{}).empty());
  EXPECT_EQ(chebyshevCoefficients(std::vector<double>{2.5}), std::vector<double>{2.5});
  EXPECT_EQ(chebyshevValues(std::vector<double>{2.5}), std::vector<double>{2.5});
  // Degree 0 interpolates at the midpoint.
  const auto c0 = chebyshevInterpolate<double>([](double x) { return 3 + x; }, 0);
  EXPECT_EQ(c0, std::vector<double>{3.0});
  // Degree 1 through (1, a) and (-1, b): (a+b)/2 + (a-b)/2 x.
  const auto c1 = chebyshevCoefficients(std::vector<double>{5.0, 1.0});
  ASSERT_EQ(c1.size(), 2u);
  EXPECT_DOUBLE_EQ(c1[0], 3.0);
  EXPECT_DOUBLE_EQ(c1[1], 2.0);
  PrecisionGuard guard(128);
  const auto m1 = chebyshevCoefficients(std::vector<Mpfr>{5, 1});
  ASSERT_EQ(m1.size(), 2u);
  EXPECT_EQ(m1[0], 3);
  EXPECT_EQ(m1[1], 2);
}
