//===- RemezTest.cpp - Minimax polynomials against closed forms -----------===//
//
// The Remez exchange is checked where the minimax error E_n is known in
// closed form, in double and in Mpfr:
//  - 1/x on [-1,-a] U [a,1], odd degree 2n-1 (Privalov 2007; arXiv
//    2507.15537, Thm 1): E = (1-a)^n / (a (1+a)^(n-1));
//  - x^(n+1) by degree n: x^(n+1) - 2^-n T_(n+1) is the best, E = 2^-n
//    (Chebyshev), also with lower-degree terms added (no parity);
//  - 1/(x-a), a > 1, degree n: E = (a - sqrt(a^2-1))^n / (a^2-1)
//    (Chebyshev; Achieser, Theory of Approximation, sec. 2.11);
//  - |x| by degree 2: x^2 + 1/8, E = 1/8; degree 0: E = 1/2.
// and, where no closed form is known, by de la Vallee Poussin's theorem:
// lowerBound <= E_n <= the error of the returned polynomial, measured
// independently by Certify at higher precision.
//
//===----------------------------------------------------------------------===//
#include "ApproxTestSupport.h"

#include "qsvtc/approx/Catalog.h"
#include "qsvtc/approx/Certify.h"
#include "qsvtc/approx/Remez.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace qsvtc::approx;
using qsvtc::Error;
using qsvtc::numeric::Mpfr;
using qsvtc::numeric::PrecisionGuard;

namespace {

/// Privalov's closed form for 1/x on [-1,-a] U [a,1], degree 2n-1, in Mpfr
/// at 256 bits (a is the double the domain holds).
double inverseMinimaxError(double a, int n) {
  PrecisionGuard guard(256);
  const Mpfr A(a);
  return static_cast<double>(Mpfr(pow(1 - A, n) / (A * pow(1 + A, n - 1))));
}

/// Chebyshev's closed form for 1/(x - a), a > 1, degree n.
Mpfr poleMinimaxError(const Mpfr &a, int n) {
  return pow(Mpfr(a - sqrt(a * a - 1)), n) / (a * a - 1);
}

/// Exact decimal text of an Mpfr (80 digits: dyadic rationals of the
/// tests need at most ~45).
std::string exactText(const Mpfr &v) {
  char *buf = nullptr;
  mpfr_asprintf(&buf, "%.80Re", v.backend().data());
  std::string s(buf);
  mpfr_free_str(buf);
  return s;
}

/// Chebyshev coefficients of sum a_k x^k, as exact decimal strings.
std::vector<std::string> monomialText(const std::vector<int> &a) {
  PrecisionGuard guard(512);
  std::vector<Mpfr> m(a.begin(), a.end());
  std::vector<std::string> out;
  for (const Mpfr &c : qsvtc::numeric::monomialToChebyshev(m))
    out.push_back(exactText(c));
  return out;
}

/// x^m as exact Chebyshev strings; checks the leading coefficient 2^(1-m).
std::vector<std::string> powerText(int m) {
  std::vector<int> a(m + 1, 0);
  a[m] = 1;
  std::vector<std::string> c = monomialText(a);
  EXPECT_EQ(std::stod(c.back()), std::ldexp(1.0, 1 - m)) << "x^" << m;
  return c;
}

TargetFunction absoluteValue() {
  TargetFunction f;
  f.name = "abs";
  f.formula = "|x|";
  f.parity = Parity::Even;
  f.evalDouble = [](double x) { return std::abs(x); };
  f.evalMpfr = [](const Mpfr &x) { return Mpfr(abs(x)); };
  return f;
}

/// 1/(x - a) for a > 1 given as decimal text (so Mpfr gets all its digits).
TargetFunction pole(const std::string &a) {
  TargetFunction f;
  f.name = "pole";
  f.formula = "1/(x-" + a + ")";
  const double ad = std::stod(a);
  f.evalDouble = [ad](double x) { return 1 / (x - ad); };
  f.evalMpfr = [a](const Mpfr &x) { return Mpfr(1 / (x - Mpfr(a))); };
  return f;
}

template <class T> double toD(const T &v) { return static_cast<double>(v); }

/// The three checks every closed-form case gets: the bracket
/// lowerBound <= E <= maxError (with a relative slack `slack` for rounding
/// in the working precision) and the levelled error within relTol of E.
template <class T>
void expectMinimax(const RemezResult<T> &r, double E, double relTol, double slack,
                   const std::string &what) {
  EXPECT_TRUE(r.converged) << what;
  EXPECT_LE(toD(r.lowerBound), E * (1 + slack)) << what;
  EXPECT_GE(toD(r.maxError), E * (1 - slack)) << what;
  EXPECT_LT(std::abs(toD(r.levelledError) / E - 1), relTol)
      << what << ": levelled " << toD(r.levelledError) << " closed form " << E;
}

} // namespace

// (a) Privalov's 1/x, double. Remez run to 1e-10 so the levelled error is
// pinned down as far as double allows; the closed form is checked to 1e-6.
// The bracket gets a slack of 1e-7: p - f is formed from values up to
// |f| = 1/a = 20 with ~1e-15 relative rounding, amplified by the
// barycentric/QR steps (~1e2), against E as small as 8.7e-6 (a = 0.1,
// n = 70): ~2e-8 relative, observed 1.4e-8.
TEST(Remez, InverseMatchesPrivalovDouble) {
  RemezOptions o;
  o.tolerance = 1e-10;
  for (double a : {0.1, 0.05})
    for (int n : {5, 20, 70}) {
      const TargetFunction f = makeCatalogFunction("inverse", {{"delta", a}});
      const RemezResult<double> r = remez<double>(f, 2 * n - 1, o);
      const double E = inverseMinimaxError(a, n);
      expectMinimax(r, E, 1e-6, 1e-7, "a=" + std::to_string(a) + " n=" + std::to_string(n));
      // Odd: only odd coefficients.
      ASSERT_EQ(r.coef.size(), static_cast<std::size_t>(2 * n));
      for (int k = 0; k < 2 * n; k += 2)
        EXPECT_EQ(r.coef[k], 0.0);
    }
}

// Same in Mpfr at 128 bits. The closed form is checked to 1e-10: what the
// solver's extremum search resolves (see MpfrBoundsHoldToWorkingPrecision
// for the stricter promise of Remez.h).
TEST(Remez, InverseMatchesPrivalovMpfr) {
  PrecisionGuard guard(128);
  RemezOptions o;
  o.tolerance = 1e-20;
  for (double a : {0.1, 0.05})
    for (int n : {5, 20}) {
      const TargetFunction f = makeCatalogFunction("inverse", {{"delta", a}});
      const RemezResult<Mpfr> r = remez<Mpfr>(f, 2 * n - 1, o);
      const Mpfr A(a);
      const Mpfr E = pow(1 - A, n) / (A * pow(1 + A, n - 1));
      const std::string what = "a=" + std::to_string(a) + " n=" + std::to_string(n);
      EXPECT_TRUE(r.converged) << what;
      EXPECT_LE(r.lowerBound, E * (1 + Mpfr("1e-30"))) << what;
      EXPECT_LT(toD(abs(Mpfr(r.levelledError / E - 1))), 1e-10) << what;
      EXPECT_LT(toD(abs(Mpfr(r.maxError / E - 1))), 1e-10) << what;
    }
}

// Remez.h promises lowerBound <= E_n <= maxError, and convergence means
// maxError - lowerBound <= tolerance * maxError. At 128 bits (rounding
// ~3e-39) with tolerance 1e-20 both must hold to ~1e-30 against the closed
// form: a maxError below E_n means an extremum of p - f was located too
// coarsely, and "converged" then claims more than was reached.
TEST(Remez, MpfrBoundsHoldToWorkingPrecision) {
  PrecisionGuard guard(128);
  RemezOptions o;
  o.tolerance = 1e-20;
  const double a = 0.1;
  const int n = 5;
  const TargetFunction f = makeCatalogFunction("inverse", {{"delta", a}});
  const RemezResult<Mpfr> r = remez<Mpfr>(f, 2 * n - 1, o);
  const Mpfr A(a);
  const Mpfr E = pow(1 - A, n) / (A * pow(1 + A, n - 1));
  ASSERT_TRUE(r.converged);
  EXPECT_LE(r.lowerBound, E * (1 + Mpfr("1e-30")));
  EXPECT_GE(r.maxError, E * (1 - Mpfr("1e-30")))
      << "maxError/E - 1 = " << toD(Mpfr(r.maxError / E - 1));
  EXPECT_LT(toD(abs(Mpfr(r.levelledError / E - 1))), 1e-18);
}

// (b) x^(n+1) by degree n: E = 2^-n. A parity target (x^(n+1) alone, whose
// best polynomial of degree n has degree n-1 and the parity of n+1) and a
// mixed one (x^(n+1) + x^n/2 + x/4: the lower terms are reproduced
// exactly, so E is unchanged). Coefficients are exact decimal strings.
TEST(Remez, MonomialMatchesChebyshevDouble) {
  RemezOptions o;
  o.tolerance = 1e-10;
  for (int n : {4, 10, 21}) {
    const double E = std::ldexp(1.0, -n);
    // f up to 1, E >= 2^-21 = 4.8e-7: double rounding ~1e-16/E <= 1e-9.
    const TargetFunction pure = makeChebyshevFunction(powerText(n + 1));
    expectMinimax(remez<double>(pure, n - 1, o), E, 1e-6, 1e-8, "x^" + std::to_string(n + 1));
    std::vector<int> a(n + 2, 0);
    a[n + 1] = 4, a[n] = 2, a[1] = 1; // 4 (x^(n+1) + x^n/2 + x/4)
    const TargetFunction mixed = makeChebyshevFunction(monomialText(a));
    ASSERT_EQ(mixed.parity, Parity::None);
    expectMinimax(remez<double>(mixed, n, o), 4 * E, 1e-6, 1e-8, "mixed n=" + std::to_string(n));
  }
}

TEST(Remez, MonomialMatchesChebyshevMpfr) {
  PrecisionGuard guard(128);
  RemezOptions o;
  o.tolerance = 1e-20;
  for (int n : {10, 40}) {
    const Mpfr E = ldexp(Mpfr(1), -n);
    const TargetFunction pure = makeChebyshevFunction(powerText(n + 1));
    const RemezResult<Mpfr> r = remez<Mpfr>(pure, n - 1, o);
    EXPECT_TRUE(r.converged);
    // 1e-18 relative: E >= 2^-40 ~ 1e-12 against 128-bit rounding ~1e-38.
    EXPECT_LT(toD(abs(Mpfr(r.levelledError / E - 1))), 1e-18) << n;
    EXPECT_LE(r.lowerBound, E * (1 + Mpfr("1e-25"))) << n;
    // The polynomial itself: x^(n+1) - 2^-n T_(n+1), so its coefficients
    // are x^(n+1)'s except the last, which is dropped.
    const std::vector<std::string> want = powerText(n + 1);
    ASSERT_EQ(r.coef.size(), static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k)
      EXPECT_LT(toD(abs(Mpfr(r.coef[k] - Mpfr(want[k])))), 1e-25) << "n=" << n << " c_" << k;
  }
}

// (c) 1/(x-a), a > 1: no parity, whole interval; E_n = c^n/(a^2-1).
TEST(Remez, PoleMatchesChebyshevDouble) {
  RemezOptions o;
  o.tolerance = 1e-10;
  const TargetFunction f = pole("2");
  for (int n : {0, 1, 3, 10}) {
    PrecisionGuard guard(128);
    const double E = toD(poleMinimaxError(Mpfr(2), n));
    // E >= 6e-7, |f| <= 1: rounding ~1e-16/E < 1e-9.
    expectMinimax(remez<double>(f, n, o), E, 1e-6, 1e-8, "pole n=" + std::to_string(n));
  }
}

TEST(Remez, PoleMatchesChebyshevMpfr) {
  PrecisionGuard guard(128);
  RemezOptions o;
  o.tolerance = 1e-20;
  for (const char *text : {"2", "1.25"})
    for (int n : {10, 40}) {
      const std::string a = text;
      const TargetFunction f = pole(a);
      const RemezResult<Mpfr> r = remez<Mpfr>(f, n, o);
      const Mpfr E = poleMinimaxError(Mpfr(a), n);
      EXPECT_TRUE(r.converged) << a << " " << n;
      // 1e-10: the extremum search's resolution (see
      // MpfrBoundsHoldToWorkingPrecision); 128-bit rounding against
      // E >= 1e-24, |f| <= 4 alone would allow 1e-13.
      EXPECT_LT(toD(abs(Mpfr(r.levelledError / E - 1))), 1e-10) << a << " n=" << n;
      EXPECT_LE(r.lowerBound, E * (1 + Mpfr("1e-13"))) << a << " " << n;
    }
}

// |x|: E_0 = 1/2 (the constant 1/2), E_2 = 1/8 (x^2 + 1/8 = T_2/2 + 5/8).
// A kink at 0, which the parity solver sees as the endpoint u = 0.
TEST(Remez, AbsoluteValueLowDegrees) {
  const TargetFunction f = absoluteValue();
  RemezOptions o;
  o.tolerance = 1e-12;
  const RemezResult<double> r0 = remez<double>(f, 0, o);
  expectMinimax(r0, 0.5, 1e-9, 1e-12, "|x| degree 0");
  ASSERT_EQ(r0.coef.size(), 1u);
  EXPECT_NEAR(r0.coef[0], 0.5, 1e-12);
  const RemezResult<double> r2 = remez<double>(f, 2, o);
  expectMinimax(r2, 0.125, 1e-9, 1e-12, "|x| degree 2");
  ASSERT_EQ(r2.coef.size(), 3u);
  // 1e-12: the coefficients of a converged (to 1e-12) minimax quadratic.
  EXPECT_NEAR(r2.coef[0], 0.625, 1e-12);
  EXPECT_NEAR(r2.coef[1], 0.0, 1e-12);
  EXPECT_NEAR(r2.coef[2], 0.5, 1e-12);
}

// (d) de la Vallee Poussin where E_n has no closed form: the returned lower
// bound must not exceed the error of the returned polynomial measured
// independently (Certify in Mpfr at 256 bits, with the reference points),
// and the error at the returned reference must alternate in sign with
// |e| >= lowerBound's own level (that is what makes it a proof).
TEST(Remez, ValleePoussinBracketsCertifiedError) {
  struct Case {
    std::string name;
    std::map<std::string, double> params;
    int degree;
  };
  const std::vector<Case> cases = {{"exp", {}, 7},
                                   {"gelu", {}, 9},
                                   {"tanh", {{"scale", 4.0}}, 21},
                                   {"cos", {{"tau", 10.0}}, 16},
                                   {"sign", {}, 61},
                                   {"invsqrt", {}, 40},
                                   {"inverse", {}, 59},
                                   {"sigmoid", {}, 6}};
  for (const Case &c : cases) {
    const TargetFunction f = makeCatalogFunction(c.name, c.params);
    RemezOptions o;
    o.tolerance = 1e-8;
    const RemezResult<double> r = remez<double>(f, c.degree, o);
    EXPECT_TRUE(r.converged) << c.name;
    CertifyOptions co;
    co.precisionBits = 256;
    co.extraPoints = r.reference;
    const std::vector<Mpfr> coef(r.coef.begin(), r.coef.end());
    const Certificate cert = certify(coef, f, co);
    // The lower bound is proven, so it cannot exceed the achieved error
    // (slack: rounding of f and p in double, ~1e-15 absolute).
    EXPECT_LE(r.lowerBound, cert.maxError * (1 + 1e-12) + 1e-15) << c.name;
    // Remez's own max is honest: within the convergence tolerance of the
    // certified one (the certificate grid holds the reference extrema).
    EXPECT_NEAR(r.maxError, cert.maxError, 1e-6 * cert.maxError + 1e-15) << c.name;
    // The reference: degree/2+2 (parity) or degree+2 points in the domain,
    // increasing, where p - f alternates in sign, each |e| >= lowerBound
    // of this last exchange (the min over it is a lower bound on E_n).
    PrecisionGuard guard(256);
    const std::size_t m = f.parity == Parity::None ? c.degree + 2 : c.degree / 2 + 2;
    ASSERT_EQ(r.reference.size(), m) << c.name;
    double minRef = INFINITY;
    for (std::size_t i = 0; i < m; ++i) {
      const double x = r.reference[i];
      EXPECT_TRUE(f.domain.contains(x)) << c.name << " ref " << x;
      if (i > 0) {
        EXPECT_LT(r.reference[i - 1], x) << c.name;
      }
      const Mpfr X(x);
      const Mpfr e = qsvtc::numeric::clenshaw(coef, X) - f.evalMpfr(X);
      const Mpfr X0(r.reference[0]);
      const Mpfr e0 = qsvtc::numeric::clenshaw(coef, X0) - f.evalMpfr(X0);
      EXPECT_EQ((e > 0) == (e0 > 0), i % 2 == 0) << c.name << " ref " << i;
      minRef = std::min(minRef, toD(abs(e)));
    }
    // That independent bound agrees with the solver's within convergence
    // (both are min |e| over an alternating set, ~1e-8 apart at most).
    EXPECT_LE(minRef, cert.maxError) << c.name;
    EXPECT_GE(minRef, r.lowerBound * (1 - 1e-6)) << c.name;
  }
}

// (d) with a closed form: lowerBound <= E_n <= certified error.
TEST(Remez, ValleePoussinBracketsClosedForm) {
  for (int n : {10, 40}) {
    RemezOptions o;
    o.tolerance = 1e-3; // a loose run: the bracket must hold all the same
    const TargetFunction f = makeCatalogFunction("inverse", {});
    const RemezResult<double> r = remez<double>(f, 2 * n - 1, o);
    const double E = inverseMinimaxError(0.1, n);
    CertifyOptions co;
    co.precisionBits = 256;
    co.extraPoints = r.reference;
    const Certificate cert = certify(std::vector<Mpfr>(r.coef.begin(), r.coef.end()), f, co);
    // 1e-9 relative: rounding of f (<= 10) in double against E >= 1e-4.
    EXPECT_LE(r.lowerBound, E * (1 + 1e-9)) << n;
    EXPECT_LE(E, cert.maxError * (1 + 1e-9)) << n;
    EXPECT_LE(r.maxError - r.lowerBound, 1e-3 * r.maxError) << n;
  }
}

// Minimax errors with no closed form, from an independent Remez exchange
// (mpmath at 40 digits: a dense 4001-point Chebyshev grid, golden-section
// refinement of each extremum, dense linear solve in the monomial-free
// T_k basis; converged to 1e-32 relative):
//   E_7(exp x)   = 1.9982527697547408962e-7
//   E_8(exp x)   = 1.1064289311752762097e-8
//   E_12(exp 3x) = 7.4175869134500501556e-8
// Double is held to 1e-13 max|f| / E (rounding 1.1e-16 of values up to
// max|f|, amplified ~1e3 by the reference's Lebesgue constant), Mpfr at
// 128 bits to 1e-10 (the extremum search's resolution).
TEST(Remez, MatchesIndependentMinimax) {
  struct Case {
    double beta;
    int degree;
    double E;
  };
  const std::vector<Case> cases = {{1.0, 7, 1.9982527697547408962e-7},
                                   {1.0, 8, 1.1064289311752762097e-8},
                                   {3.0, 12, 7.4175869134500501556e-8}};
  for (const Case &c : cases) {
    const TargetFunction f = makeCatalogFunction("exp", {{"beta", c.beta}});
    const std::string what =
        "exp(" + std::to_string(c.beta) + "x) degree " + std::to_string(c.degree);
    RemezOptions o;
    o.tolerance = 1e-9;
    const RemezResult<double> r = remez<double>(f, c.degree, o);
    const double tol = 1e-13 * std::exp(c.beta) / c.E;
    EXPECT_LT(std::abs(r.levelledError / c.E - 1), tol) << what << ": levelled " << r.levelledError;
    EXPECT_LE(r.lowerBound, c.E * (1 + tol)) << what;
    EXPECT_GE(r.maxError, c.E * (1 - tol)) << what << ": maxError " << r.maxError << " below E_n";
    PrecisionGuard guard(128);
    const RemezResult<Mpfr> m = remez<Mpfr>(f, c.degree, o);
    EXPECT_LT(std::abs(toD(m.levelledError) / c.E - 1), 1e-10)
        << what << " (Mpfr): levelled " << toD(m.levelledError);
    EXPECT_GE(toD(m.maxError), c.E * (1 - 1e-10)) << what << " (Mpfr)";
  }
}

// Warm starts and early decisions change the work, not the answer
// (E_7(exp) from the table above; tolerance as there).
TEST(Remez, WarmStartAndDecide) {
  const TargetFunction f = makeCatalogFunction("exp", {});
  const double E = 1.9982527697547408962e-7;
  const double tol = 1e-13 * std::exp(1.0) / E;
  RemezOptions cold;
  cold.tolerance = 1e-9;
  const RemezResult<double> a = remez<double>(f, 7, cold);
  RemezOptions warm = cold;
  warm.warmReference = remez<double>(f, 9, cold).reference;
  const RemezResult<double> b = remez<double>(f, 7, warm);
  EXPECT_TRUE(b.converged);
  EXPECT_NEAR(a.levelledError, E, tol * E);
  EXPECT_NEAR(b.levelledError, E, tol * E);
  // decide just above E: stops once maxError <= decide is proven.
  RemezOptions d;
  d.decide = E * 1.05;
  const RemezResult<double> c = remez<double>(f, 7, d);
  EXPECT_LE(c.maxError, *d.decide);
  // decide below E: stops once lowerBound > decide is proven.
  d.decide = E * 0.95;
  const RemezResult<double> e = remez<double>(f, 7, d);
  EXPECT_GT(e.lowerBound, *d.decide);
  EXPECT_LE(e.lowerBound, E * (1 + tol));
  // Without coefficients, the bounds are still there.
  RemezOptions nc = cold;
  nc.wantCoefficients = false;
  const RemezResult<double> g = remez<double>(f, 7, nc);
  EXPECT_TRUE(g.coef.empty());
  EXPECT_NEAR(g.levelledError, E, tol * E);
}

// A polynomial target is reproduced exactly (E = 0).
TEST(Remez, PolynomialTargetIsReproduced) {
  const TargetFunction f = makeChebyshevFunction({"0.25", "0.5", "-0.125", "0.0625"});
  const RemezResult<double> r = remez<double>(f, 3);
  EXPECT_TRUE(r.converged);
  EXPECT_LE(r.maxError, 1e-14);
  ASSERT_EQ(r.coef.size(), 4u);
  // 1e-14: coefficients of size <= 0.5 recovered through a DCT in double.
  EXPECT_NEAR(r.coef[0], 0.25, 1e-14);
  EXPECT_NEAR(r.coef[1], 0.5, 1e-14);
  EXPECT_NEAR(r.coef[2], -0.125, 1e-14);
  EXPECT_NEAR(r.coef[3], 0.0625, 1e-14);
}

// (e) Bad input.
TEST(Remez, RejectsBadDegree) {
  const TargetFunction odd = makeCatalogFunction("tanh", {});
  const TargetFunction even = makeCatalogFunction("cos", {});
  const TargetFunction none = makeCatalogFunction("exp", {});
  EXPECT_THROW(remez<double>(odd, 4), Error);
  EXPECT_THROW(remez<double>(odd, 0), Error);
  EXPECT_THROW(remez<double>(even, 3), Error);
  EXPECT_THROW(remez<double>(none, -1), Error);
  EXPECT_THROW(remez<double>(odd, -1), Error);
  PrecisionGuard guard(128);
  EXPECT_THROW(remez<Mpfr>(odd, 6), Error);
  EXPECT_THROW(remez<Mpfr>(none, -2), Error);
  EXPECT_NO_THROW(remez<double>(odd, 5));
  EXPECT_NO_THROW(remez<double>(even, 4));
}
