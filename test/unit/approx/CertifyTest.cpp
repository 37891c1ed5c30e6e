//===- CertifyTest.cpp - The measured error of a polynomial ---------------===//
//
// Certify against cases whose answer is known without it: Chebyshev
// polynomials (|T_k| <= 1 with equality at the ends), differences of
// polynomials whose true maximum is found from the roots of the derivative
// (and which the grid may underestimate only by the Ehlich-Zeller factor
// 1/cos(d pi / (2 (N-1))) for N Chebyshev points), an exact match (the
// error must be at rounding level), a narrow bump only an extra point can
// see, and targets that are NaN (never a pass).
//
//===----------------------------------------------------------------------===//
#include "ApproxTestSupport.h"

#include "qsvtc/approx/Catalog.h"
#include "qsvtc/approx/Certify.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

using namespace qsvtc::approx;
using namespace qsvtc::approx::testsupport;
using qsvtc::numeric::Mpfr;
using qsvtc::numeric::PrecisionGuard;

namespace {

std::vector<Mpfr> mp(const std::vector<double> &c) { return std::vector<Mpfr>(c.begin(), c.end()); }

/// Random coefficients k / 999983 (doubles), decaying like 0.9^k.
std::vector<double> randomCoefficients(std::size_t len, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<long> num(-999983, 999983);
  std::vector<double> c(len);
  double scale = 1;
  for (double &x : c) {
    x = scale * (static_cast<double>(num(rng)) / 999983);
    scale *= 0.9;
  }
  return c;
}

/// Exact decimal strings of doubles (glibc prints every digit asked for,
/// and these doubles need < 120 significant digits), so the target parses
/// exactly the values p holds, at any precision.
std::vector<std::string> text(const std::vector<double> &c) {
  std::vector<std::string> out;
  for (double x : c) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.120e", x);
    out.push_back(buf);
  }
  return out;
}

/// T_k(x) = cos(k acos x), in double.
double chebT(int k, double x) { return std::cos(k * std::acos(x)); }

CertifyOptions options(unsigned bits = 128) {
  CertifyOptions o;
  o.precisionBits = bits;
  return o;
}

} // namespace

// p = T_3, f = T_3 + 1e-5 T_7: |p - f| = 1e-5 |T_7|, max 1e-5 at the
// extrema of T_7 (x = 1 is on every grid). Both p and f are odd, so this is
// the half-grid path; the mixed version (adding 1/2 T_0 to both) is the
// full one. The certificate rounds up, so it lies in [1e-5, 1e-5(1+1e-12)].
TEST(Certify, KnownMaxDifference) {
  const TargetFunction odd = makeChebyshevFunction({"0", "0", "0", "1", "0", "0", "0", "1e-5"});
  const TargetFunction mixed = makeChebyshevFunction({"0.5", "0", "0", "1", "0", "0", "0", "1e-5"});
  ASSERT_EQ(odd.parity, Parity::Odd);
  ASSERT_EQ(mixed.parity, Parity::None);
  const std::vector<Mpfr> pOdd = mp({0, 0, 0, 1});
  const std::vector<Mpfr> pMixed = mp({0.5, 0, 0, 1});
  for (const auto &[f, p] : {std::pair{&odd, &pOdd}, std::pair{&mixed, &pMixed}}) {
    const Certificate c = certify(*p, *f, options());
    EXPECT_GE(c.maxError, 1e-5);
    EXPECT_LE(c.maxError, 1e-5 * (1 + 1e-12));
    // Reached at an extremum of T_7 (to the grid's resolution).
    EXPECT_GT(std::abs(chebT(7, c.maxErrorAt)), 1 - 1e-4) << c.maxErrorAt;
    // max |p| = max |T_3 (+ 1/2)| = 1 (or 1.5), at x = 1.
    const double wantAbs = p == &pOdd ? 1.0 : 1.5;
    EXPECT_GE(c.maxAbs, wantAbs);
    EXPECT_LE(c.maxAbs, wantAbs * (1 + 1e-15));
    EXPECT_EQ(c.precisionBits, 128u);
    // At least minPointsPerInterval points (the domain is [-1, 1]: one grid
    // serves both maxima).
    EXPECT_GE(c.gridPoints, CertifyOptions().minPointsPerInterval);
  }
}

// Coefficients that are exact doubles go through double-double; others
// through MPFR. Perturbing c_3 by 2^-70 (invisible in double) moves the
// error by at most 2^-70 |T_3| ~ 8.5e-22: both paths must agree to that.
TEST(Certify, DoubleDoubleAndMpfrPathsAgree) {
  const TargetFunction f = makeChebyshevFunction({"0.5", "0", "0", "1", "0", "0", "0", "1e-5"});
  PrecisionGuard guard(256);
  const std::vector<Mpfr> exact = mp({0.5, 0, 0, 1});
  std::vector<Mpfr> wide = exact;
  wide[3] += ldexp(Mpfr(1), -70);
  ASSERT_NE(Mpfr(static_cast<double>(wide[3])), wide[3]);
  const Certificate a = certify(exact, f, options(256));
  const Certificate b = certify(wide, f, options(256));
  // 8.5e-22 plus the one-ulp rounding up of each (ulp(1e-5) = 1.7e-21).
  EXPECT_NEAR(a.maxError, b.maxError, 4.5e-21);
  EXPECT_NEAR(a.maxAbs, b.maxAbs, 4.5e-16); // ulp(1.5) = 2.2e-16
  // Against a transcendental target too: random p vs exp.
  const TargetFunction e = makeCatalogFunction("exp", {});
  std::vector<Mpfr> pr = mp(randomCoefficients(25, 3));
  const Certificate c = certify(pr, e, options(256));
  for (Mpfr &x : pr)
    x += ldexp(Mpfr(1), -90);
  const Certificate d = certify(pr, e, options(256));
  // sum_k 2^-90 |T_k| <= 25 * 2^-90 ~ 2e-26.
  EXPECT_NEAR(c.maxError, d.maxError, 3e-26);
  EXPECT_NEAR(c.maxAbs, d.maxAbs, 3e-26);
}

// p exactly equal to f: the measured error is the arithmetic's rounding,
// far below any eps a solver reaches (double-double: ~d 2^-104 sum|c_k|;
// MPFR at 256 bits: ~d 2^-256 sum|c_k|).
TEST(Certify, ExactMatchIsAtRoundingLevel) {
  const std::vector<double> c = randomCoefficients(60, 5);
  const TargetFunction f = makeChebyshevFunction(text(c));
  const Certificate dd = certify(mp(c), f, options(128));
  // d^2 2^-104 sum|c_k| ~ 3600 * 5e-32 * 10 ~ 2e-27 (Clenshaw's error can
  // grow like d^2 near the ends).
  EXPECT_LE(dd.maxError, 1e-26);
  PrecisionGuard guard(256);
  std::vector<Mpfr> wide = mp(c);
  wide[1] += ldexp(Mpfr(1), -200); // forces the MPFR path
  const Certificate m = certify(wide, f, options(256));
  EXPECT_LE(m.maxError, 1e-59); // 2^-200 = 6e-61, plus rounding ~1e-75
  EXPECT_GT(m.maxError, 0);
}

// Differences of polynomials: the true max of |p - f| is computable
// exactly (roots of the derivative of p - f). The certificate may not
// exceed it (it evaluates at real points; up-rounding aside), and may
// fall short of it only by the Ehlich-Zeller factor of its grid.
TEST(Certify, GridMaxWithinEhlichZellerBound) {
  PrecisionGuard guard(128);
  for (int degree : {30, 200}) {
    const std::vector<double> cf = randomCoefficients(degree + 1, degree);
    std::vector<double> cp(cf.begin(), cf.begin() + degree - 3);
    const TargetFunction f = makeChebyshevFunction(text(cf));
    const std::vector<Mpfr> p = mp(cp);
    const Certificate cert = certify(p, f, options(128));
    std::vector<Mpfr> diff = mp(cf);
    for (std::size_t k = 0; k < cp.size(); ++k)
      diff[k] -= p[k];
    const double trueErr = static_cast<double>(trueMaxAbs(diff, 8000));
    const double trueAbs = static_cast<double>(trueMaxAbs(p, 8000));
    // N Chebyshev points on [-1, 1] (no parity: the full grid).
    const std::size_t n = std::max<std::size_t>(2000, 10 * cp.size());
    const double ez = std::cos(degree * M_PI / (2.0 * (n - 1)));
    EXPECT_LE(cert.maxError, trueErr * (1 + 1e-14)) << degree;
    EXPECT_GE(cert.maxError, trueErr * ez) << degree;
    EXPECT_LE(cert.maxAbs, trueAbs * (1 + 1e-14)) << degree;
    EXPECT_GE(cert.maxAbs, trueAbs * ez) << degree;
    EXPECT_GE(cert.gridPoints, n) << degree; // one grid for both maxima
  }
}

// |T_5| <= 1 with equality at x = +-1 and the interior extrema.
TEST(Certify, MaxAbsOfChebyshevPolynomial) {
  const TargetFunction f = makeCatalogFunction("tanh", {});
  const Certificate c = certify(mp({0, 0, 0, 0, 0, 1}), f, options());
  EXPECT_GE(c.maxAbs, 1.0);
  EXPECT_LE(c.maxAbs, 1.0 + 5e-16); // rounding, then one ulp up
  EXPECT_GT(std::abs(chebT(5, c.maxAbsAt)), 1 - 1e-4);
  // Mixed parity (half of T_0 + T_5 against an odd f): full grid, max 1.5
  // where T_5 = 1 (x = 1 is on the grid).
  const Certificate m = certify(mp({0.5, 0, 0, 0, 0, 1}), f, options());
  EXPECT_GE(m.maxAbs, 1.5);
  EXPECT_LE(m.maxAbs, 1.5 * (1 + 5e-16));
  EXPECT_GT(chebT(5, m.maxAbsAt), 1 - 1e-4);
}

// A p whose parity differs from f's is checked on the whole domain: with
// p = x - 1e-3 against tanh, the worst point is x = -1, which a half grid
// (x >= 0) would never see.
TEST(Certify, ParityMismatchUsesWholeDomain) {
  const TargetFunction f = makeCatalogFunction("tanh", {});
  const Certificate c = certify(mp({-1e-3, 1}), f, options());
  EXPECT_EQ(c.maxErrorAt, -1.0);
  const double want = 1.001 - std::tanh(1.0);
  EXPECT_NEAR(c.maxError, want, 1e-15);
  EXPECT_GE(c.maxError, want - 1e-16);
}

// A bump 1e-7 wide between grid points: invisible to the grid, found when
// given as an extra point; ignored when the extra point is outside the
// domain.
TEST(Certify, ExtraPointsAreChecked) {
  const double x0 = 0.123456789;
  TargetFunction f;
  f.name = "bump";
  f.formula = "T_3 + 1e-5 bump";
  auto bump = [x0](const auto &x) {
    using std::exp;
    using T = std::decay_t<decltype(x)>;
    const T t = (x - x0) / 1e-7;
    return T(4 * x * x * x - 3 * x + 1e-5 * exp(-t * t));
  };
  f.evalDouble = [bump](double x) { return bump(x); };
  f.evalMpfr = [bump](const Mpfr &x) { return bump(x); };
  const std::vector<Mpfr> p = mp({0, 0, 0, 1});
  CertifyOptions o = options();
  const Certificate without = certify(p, f, o);
  EXPECT_LT(without.maxError, 1e-10);
  o.extraPoints = {x0};
  const Certificate with = certify(p, f, o);
  EXPECT_NEAR(with.maxError, 1e-5, 1e-5 * 1e-12);
  EXPECT_EQ(with.maxErrorAt, x0);
  f.domain = Domain::parse("-1,0");
  const Certificate outside = certify(p, f, o);
  EXPECT_LT(outside.maxError, 1e-10);
}

// NaN must never pass: a target that is NaN somewhere gives an infinite
// error, on both arithmetic paths; so does a NaN coefficient.
TEST(Certify, NanIsNeverAPass) {
  TargetFunction f;
  f.name = "sqrt";
  f.formula = "sqrt(0.5 - x)";
  f.evalDouble = [](double x) { return std::sqrt(0.5 - x); };
  f.evalMpfr = [](const Mpfr &x) { return Mpfr(sqrt(Mpfr(0.5 - x))); };
  const Certificate a = certify(mp({0.5, -0.5}), f, options());
  EXPECT_TRUE(std::isinf(a.maxError)) << a.maxError;
  PrecisionGuard guard(128);
  std::vector<Mpfr> wide = mp({0.5, -0.5});
  wide[0] += ldexp(Mpfr(1), -100);
  const Certificate b = certify(wide, f, options());
  EXPECT_TRUE(std::isinf(b.maxError)) << b.maxError;
  // NaN only at a single extra point (the grid alone is fine).
  TargetFunction g = makeCatalogFunction("exp", {});
  g.evalMpfr = [](const Mpfr &x) { return x == Mpfr(0.3) ? Mpfr(NAN) : Mpfr(exp(x)); };
  CertifyOptions o = options();
  o.extraPoints = {0.3};
  EXPECT_TRUE(std::isinf(certify(mp({1, 1}), g, o).maxError));
  // A NaN coefficient.
  std::vector<Mpfr> bad = mp({1, 1});
  bad[1] = Mpfr(NAN);
  const Certificate c = certify(bad, makeCatalogFunction("exp", {}), options());
  EXPECT_TRUE(std::isinf(c.maxError));
  EXPECT_TRUE(std::isinf(c.maxAbs));
}
