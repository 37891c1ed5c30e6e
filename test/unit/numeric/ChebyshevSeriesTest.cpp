//===- ChebyshevSeriesTest.cpp - Operations on Chebyshev series -----------===//
//
// Clenshaw evaluation, differentiation, parity projection and the monomial
// conversions, each compared with an independent computation: the
// trigonometric definition T_k(x) = cos(k acos x), hand-derived identities,
// finite differences, closed-form series of derivatives, and Horner
// evaluation of the monomial form.
//
//===----------------------------------------------------------------------===//
#include "ChebyshevReference.h"
#include "MpfrPrinting.h"

#include "qsvtc/numeric/Chebyshev.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace qsvtc::numeric;
using testref::maxAbsDiff;

namespace {

std::vector<Mpfr> randomSeries(std::size_t len, std::mt19937_64 &rng) {
  std::uniform_int_distribution<long> num(-1000000, 1000000);
  std::vector<Mpfr> c(len);
  for (Mpfr &x : c)
    x = Mpfr(num(rng)) / 999983;
  return c;
}

template <class T> T horner(const std::vector<T> &a, const T &x) {
  T p = 0;
  for (std::size_t k = a.size(); k-- > 0;)
    p = p * x + a[k];
  return p;
}

} // namespace

TEST(Chebyshev, ClenshawMatchesCosineForm) {
  PrecisionGuard guard(256);
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(-1, 1);
  for (std::size_t len : {0, 1, 2, 3, 10, 51}) {
    const std::vector<Mpfr> c = randomSeries(len, rng);
    for (int t = 0; t < 20; ++t) {
      // Random points plus both endpoints, where acos is least forgiving.
      const Mpfr x = t == 0 ? Mpfr(1) : t == 1 ? Mpfr(-1) : Mpfr(u(rng)) / 3;
      const Mpfr theta = acos(x);
      Mpfr want = 0;
      for (std::size_t k = 0; k < len; ++k)
        want += c[k] * cos(k * theta);
      EXPECT_LT(abs(clenshaw(c, x) - want), Mpfr("1e-70"))
          << "len " << len << " x " << testref::describe(x);
    }
  }
  // double agrees too.
  const std::vector<double> cd = {0.5, -0.25, 0.125, 1.0};
  for (double x : {-1.0, -0.3, 0.0, 0.7, 1.0}) {
    double want = 0;
    for (std::size_t k = 0; k < cd.size(); ++k)
      want += cd[k] * std::cos(k * std::acos(x));
    EXPECT_NEAR(clenshaw(cd, x), want, 1e-15);
  }
}

TEST(Chebyshev, ClenshawManyIsClenshawPointByPoint) {
  // The batched form runs the same operations per point in the same order,
  // so it must agree bit for bit (the certificates do not change with it),
  // for every parity and for point counts that are not a multiple of the
  // lanes.
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> u(-1, 1);
  for (std::size_t len : {0, 1, 2, 7, 40}) {
    std::vector<double> c(len);
    for (double &v : c)
      v = u(rng);
    for (std::size_t n : {1, 15, 16, 17, 53}) {
      std::vector<double> x(n), got(n);
      for (double &v : x)
        v = u(rng);
      for (int parity : {-1, 0, 1}) {
        clenshawMany(c, parity, x.data(), got.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
          double want = parity < 0 ? clenshaw(c, x[i]) : clenshawHalf(c, parity, x[i]);
          EXPECT_EQ(got[i], want) << "len " << len << " n " << n << " parity " << parity;
        }
      }
    }
  }
}

TEST(Chebyshev, DerivativeOfT5) {
  // T_5' = 5 U_4 = 5 (2 T_4 + 2 T_2 + T_0).
  const std::vector<double> t5 = {0, 0, 0, 0, 0, 1};
  EXPECT_EQ(chebyshevDerivative(t5), (std::vector<double>{5, 0, 10, 0, 10}));
  // T_1' = 1, constants differentiate to {0}.
  EXPECT_EQ(chebyshevDerivative(std::vector<double>{3, 1}), std::vector<double>{1});
  EXPECT_EQ(chebyshevDerivative(std::vector<double>{3}), std::vector<double>{0});
  EXPECT_EQ(chebyshevDerivative(std::vector<double>{}), std::vector<double>{0});
}

TEST(Chebyshev, DerivativeMatchesAnalyticSeries) {
  PrecisionGuard guard(256);
  // (exp)' = exp: the derivative of exp's series is exp's series.
  const std::vector<Mpfr> e = testref::expSeries<Mpfr>(90);
  std::vector<Mpfr> de = chebyshevDerivative(e);
  std::vector<Mpfr> eTrunc(e.begin(), e.begin() + 89);
  EXPECT_LT(maxAbsDiff(de, eTrunc), Mpfr("1e-70"));
  // (cos 20x)' = -20 sin(20x): compare values with the closed form.
  const std::vector<Mpfr> c = testref::cosSeries<Mpfr>(20, 200);
  const std::vector<Mpfr> dc = chebyshevDerivative(c);
  for (const char *xs : {"-0.9", "-0.31", "0", "0.5", "0.999"}) {
    const Mpfr x(xs);
    EXPECT_LT(abs(clenshaw(dc, x) + 20 * sin(20 * x)), Mpfr("1e-68")) << xs;
  }
}

TEST(Chebyshev, DerivativeMatchesFiniteDifference) {
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<double> c(25);
  for (std::size_t k = 0; k < c.size(); ++k)
    c[k] = u(rng) / double((k + 1) * (k + 1));
  const std::vector<double> d = chebyshevDerivative(c);
  const double h = 1e-5;
  for (double x : {-0.8, -0.2, 0.1, 0.6, 0.95}) {
    const double fd = (clenshaw(c, x + h) - clenshaw(c, x - h)) / (2 * h);
    EXPECT_NEAR(clenshaw(d, x), fd, 1e-6) << x;
  }
  // In Mpfr a tiny step balances truncation (h^2 |p'''|, |p'''| ~ 1e9
  // here) against rounding (eps / h): h = 1e-30 leaves ~1e-50.
  PrecisionGuard guard(256);
  std::mt19937_64 rng2(9);
  const std::vector<Mpfr> cm = randomSeries(30, rng2);
  const std::vector<Mpfr> dm = chebyshevDerivative(cm);
  const Mpfr hm("1e-30");
  for (const char *xs : {"-0.77", "0.123", "0.5"}) {
    const Mpfr x(xs);
    const Mpfr fd = (clenshaw(cm, x + hm) - clenshaw(cm, x - hm)) / (2 * hm);
    EXPECT_LT(abs(clenshaw(dm, x) - fd), Mpfr("1e-45")) << xs;
  }
}

TEST(Chebyshev, ParityProjectSplitsEvenAndOdd) {
  PrecisionGuard guard(256);
  const std::vector<Mpfr> e = testref::expSeries<Mpfr>(90);
  const std::vector<Mpfr> even = parityProject(e, 0);
  const std::vector<Mpfr> odd = parityProject(e, 1);
  ASSERT_EQ(even.size(), e.size());
  for (std::size_t k = 0; k < e.size(); ++k) {
    EXPECT_EQ(k % 2 == 0 ? even[k] : odd[k], e[k]);
    EXPECT_EQ(k % 2 == 0 ? odd[k] : even[k], 0);
  }
  // exp = cosh + sinh.
  for (const char *xs : {"-0.6", "0.25", "1"}) {
    const Mpfr x(xs);
    EXPECT_LT(abs(clenshaw(even, x) - cosh(x)), Mpfr("1e-70"));
    EXPECT_LT(abs(clenshaw(odd, x) - sinh(x)), Mpfr("1e-70"));
  }
}

TEST(Chebyshev, MonomialKnownCases) {
  // x^3 = (3 T_1 + T_3) / 4.
  EXPECT_EQ(monomialToChebyshev(std::vector<double>{0, 0, 0, 1}),
            (std::vector<double>{0, 0.75, 0, 0.25}));
  // x^2 = (T_0 + T_2) / 2.
  EXPECT_EQ(monomialToChebyshev(std::vector<double>{0, 0, 1}), (std::vector<double>{0.5, 0, 0.5}));
  // T_4 = 8 x^4 - 8 x^2 + 1, T_5 = 16 x^5 - 20 x^3 + 5 x.
  EXPECT_EQ(chebyshevToMonomial(std::vector<double>{0, 0, 0, 0, 1}),
            (std::vector<double>{1, 0, -8, 0, 8}));
  EXPECT_EQ(chebyshevToMonomial(std::vector<double>{0, 0, 0, 0, 0, 1}),
            (std::vector<double>{0, 5, 0, -20, 0, 16}));
  EXPECT_TRUE(monomialToChebyshev(std::vector<double>{}).empty());
  EXPECT_TRUE(chebyshevToMonomial(std::vector<double>{}).empty());
  EXPECT_EQ(chebyshevToMonomial(std::vector<double>{7}), std::vector<double>{7});
}

TEST(Chebyshev, MonomialRoundTrip) {
  PrecisionGuard guard(256);
  std::mt19937_64 rng(10);
  const std::vector<Mpfr> a = randomSeries(31, rng);
  const std::vector<Mpfr> c = monomialToChebyshev(a);
  ASSERT_EQ(c.size(), a.size());
  EXPECT_LT(maxAbsDiff(chebyshevToMonomial(c), a), Mpfr("1e-65"));
  // Both forms describe the same polynomial.
  for (const char *xs : {"-1", "-0.4", "0.3", "0.9"}) {
    const Mpfr x(xs);
    EXPECT_LT(abs(clenshaw(c, x) - horner(a, x)), Mpfr("1e-65")) << xs;
  }
  const std::vector<Mpfr> c2 = randomSeries(20, rng);
  EXPECT_LT(maxAbsDiff(monomialToChebyshev(chebyshevToMonomial(c2)), c2), Mpfr("1e-65"));
  // double, low degree.
  const std::vector<double> ad = {1, -2, 0.5, 3, -1, 0.25, 2, -0.75, 1, 0.5};
  EXPECT_LT(maxAbsDiff(chebyshevToMonomial(monomialToChebyshev(ad)), ad), 1e-12);
}
