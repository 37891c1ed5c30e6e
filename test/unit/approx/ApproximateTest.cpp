//===- ApproximateTest.cpp - The approximation engine end to end ----------===//
//
// approximate() on every catalog function, with each promise re-checked by
// a computation that shares nothing with the engine's certificate:
//  - |p - s f| <= eps: the coefficients summed by numeric::clenshaw in Mpfr
//    at 256 bits against target.evalMpfr at 2000 random points (fixed seed);
//  - |p| <= 1 - eta on [-1, 1]: the true maximum, from the roots of p';
//  - the degree is minimal: an independent Remez run one degree step below
//    proves E > eps, and for 1/x the degree equals Privalov's closed form;
//  - Remez never needs more degree than Chebyshev truncation.
//
//===----------------------------------------------------------------------===//
#include "ApproxTestSupport.h"

#include "qsvtc/approx/Approximate.h"
#include "qsvtc/approx/Catalog.h"
#include "qsvtc/approx/Remez.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace qsvtc::approx;
using namespace qsvtc::approx::testsupport;
using qsvtc::Error;
using qsvtc::numeric::Mpfr;
using qsvtc::numeric::PrecisionGuard;

namespace {

constexpr int kRandomPoints = 2000;
constexpr unsigned kSeed = 20240601;

ApproxOptions withEps(double eps, Method m = Method::Remez) {
  ApproxOptions o;
  o.epsilon = eps;
  o.method = m;
  return o;
}

int step(Parity p) { return p == Parity::None ? 1 : 2; }

/// Max |p - target| at 2000 random points of the target's domain, at 256
/// bits (the coefficients keep their own precision; f at 256 bits).
double randomMaxError(const Approximation &a) {
  PrecisionGuard guard(256);
  return maxErrorAt(a.coef, a.target, randomOn(a.target.domain, kRandomPoints, kSeed));
}

/// The checks every approximation gets; `what` names it in failures.
void checkApproximation(const TargetFunction &f, const Approximation &a, const ApproxOptions &o,
                        const std::string &what) {
  const double eps = o.epsilon;
  // The certificate meets the request.
  EXPECT_LE(a.certificate.maxError, eps) << what;
  EXPECT_LE(a.certificate.maxAbs, 1 - o.eta) << what;
  EXPECT_GT(a.certificate.maxAbs, 0) << what;
  // Shape: degree+1 coefficients, of the function's parity.
  ASSERT_EQ(a.coef.size(), static_cast<std::size_t>(a.degree + 1)) << what;
  EXPECT_EQ(a.parity, f.parity) << what;
  if (f.parity != Parity::None) {
    EXPECT_EQ(a.degree % 2, parityIndex(f.parity)) << what;
    for (int k = 1 - parityIndex(f.parity); k <= a.degree; k += 2)
      EXPECT_EQ(a.coef[k], 0) << what << " c_" << k;
  }
  // The target is s f, 0 < s <= 1 (checked at a few points in Mpfr).
  EXPECT_GT(a.scale, 0) << what;
  EXPECT_LE(a.scale, 1) << what;
  {
    PrecisionGuard guard(128);
    for (double x : gridOn(f.domain, 5)) {
      const Mpfr X(x);
      EXPECT_EQ(a.target.evalMpfr(X), Mpfr(f.evalMpfr(X) * a.scale)) << what << " at " << x;
    }
  }
  // Independent re-check of the error at random points. For Remez the
  // certificate's grid holds the final reference (the error's extrema,
  // located by Brent to ~1e-14 relative), so no random point may beat it
  // by more than that: 1e-6 is ample. The absolute 1e-60 covers rounding
  // at 256 bits (~1e-77 |f|). A truncated series has no such points on the grid, so
  // there only the promise (<= eps) is checked.
  const double r = randomMaxError(a);
  EXPECT_LE(r, eps) << what;
  if (a.method == Method::Remez) {
    EXPECT_LE(r, a.certificate.maxError * (1 + 1e-6) + 1e-60)
        << what << ": random " << r << " certified " << a.certificate.maxError;
  }
  // ... and not vacuous: the random max is within a few percent of it.
  EXPECT_GE(r, 0.5 * a.certificate.maxError) << what;
}

double peakOnDomain(const TargetFunction &f) {
  double peak = 0;
  for (double x : gridOn(f.domain, 4001))
    peak = std::max(peak, std::abs(f.evalDouble(x)));
  return peak;
}

} // namespace

// Every catalog function at eps = 1e-6, Remez and Chebyshev truncation.
TEST(Approximate, EveryCatalogFunctionAt1e6) {
  for (const CatalogEntry &e : catalogEntries()) {
    const TargetFunction f = makeCatalogFunction(e.name, {});
    const ApproxOptions ro = withEps(1e-6);
    const Approximation r = approximate(f, ro);
    checkApproximation(f, r, ro, e.name + " remez");
    EXPECT_EQ(r.method, Method::Remez);
    EXPECT_EQ(r.precisionBits, 53u) << e.name;
    EXPECT_TRUE(r.degreeProvenMinimal) << e.name;
    EXPECT_GT(r.lowerBoundBelow, ro.epsilon) << e.name;
    EXPECT_LE(r.lowerBound, r.certificate.maxError * (1 + 1e-9)) << e.name;
    // Scale 1 exactly when f fits under 1 - eta with room for eps.
    const double peak = peakOnDomain(f);
    if (peak < 1 - ro.eta - 2 * ro.epsilon) {
      EXPECT_EQ(r.scale, 1.0) << e.name;
    } else {
      EXPECT_LE(r.scale * peak, 1 - ro.eta) << e.name;
    }

    const ApproxOptions co = withEps(1e-6, Method::Chebyshev);
    const Approximation c = approximate(f, co);
    checkApproximation(f, c, co, e.name + " chebyshev");
    // The minimax degree never exceeds the truncation's; with a gap (where
    // the series is the smooth extension's) it is far smaller.
    EXPECT_LE(r.degree, c.degree) << e.name;
    if (e.name == "inverse" || e.name == "sign" || e.name == "invsqrt") {
      EXPECT_LT(r.degree, c.degree) << e.name;
    }
  }
}

// QSP's requirement, checked on all of [-1, 1] rather than on the
// certificate's grid: the true max of |p| (roots of p') is <= 1 - eta.
// The certificate's value may sit below the truth by the grid's resolution
// but never above it (it is rounded up from grid values, which are |p| at
// real points): cert <= true * (1 + 1e-15).
TEST(Approximate, MaxAbsHoldsOnWholeInterval) {
  for (const CatalogEntry &e : catalogEntries())
    for (Method m : {Method::Remez, Method::Chebyshev}) {
      const TargetFunction f = makeCatalogFunction(e.name, {});
      const ApproxOptions o = withEps(1e-6, m);
      const Approximation a = approximate(f, o);
      PrecisionGuard guard(128);
      const double trueMax = static_cast<double>(trueMaxAbs(a.coef, 5000));
      const std::string what = e.name + " " + methodName(m);
      EXPECT_LE(a.certificate.maxAbs, trueMax * (1 + 1e-15)) << what;
      EXPECT_LE(trueMax, 1 - o.eta)
          << what << ": max|p| on [-1,1] is " << trueMax << " (certificate says "
          << a.certificate.maxAbs << " at " << a.certificate.maxAbsAt << "), degree " << a.degree;
    }
}

// The degree search's minimality claim, re-proved independently for the
// functions whose scale is 1 (so the engine's target is f itself): Remez
// one degree step below has a de la Vallee Poussin bound above eps, and
// Remez at the returned degree meets eps.
TEST(Approximate, DegreeIsMinimalIndependently) {
  struct Case {
    std::string name;
    std::map<std::string, double> params;
  };
  const std::vector<Case> cases = {{"gelu", {}}, {"tanh", {}},          {"sigmoid", {}},
                                   {"silu", {}}, {"erf", {{"k", 1.0}}}, {"sin", {{"tau", 1.0}}}};
  for (double eps : {1e-6, 1e-9})
    for (const Case &c : cases) {
      const TargetFunction f = makeCatalogFunction(c.name, c.params);
      const Approximation a = approximate(f, withEps(eps));
      ASSERT_EQ(a.scale, 1.0) << c.name;
      EXPECT_TRUE(a.degreeProvenMinimal) << c.name << " eps " << eps;
      RemezOptions o;
      o.tolerance = 1e-9;
      const int below = a.degree - step(f.parity);
      ASSERT_GE(below, 0) << c.name;
      const RemezResult<double> lower = remez<double>(f, below, o);
      EXPECT_GT(lower.lowerBound, eps) << c.name << " degree " << below;
      // The engine's bound below is a valid lower bound on that E.
      EXPECT_LE(a.lowerBoundBelow, lower.maxError * (1 + 1e-9)) << c.name;
      const RemezResult<double> at = remez<double>(f, a.degree, o);
      EXPECT_LE(at.maxError, eps) << c.name << " degree " << a.degree;
    }
}

// 1/x on [-1,-0.1] U [0.1,1]: the engine approximates s/x, s chosen as in
// Approximate.cpp (chooseScale: ((1-eta)(1-1e-12) - eps) / max|1/x|, and
// max|1/x| = 1/0.1 = 10 at the domain's edge, a grid point), possibly
// shrunk afterwards (which changes neither p's degree nor optimality).
// Privalov: the smallest odd degree 2n-1 with s E_{2n-1} <= eps.
TEST(Approximate, InverseDegreeMatchesPrivalov) {
  const double delta = 0.1;
  const TargetFunction f = makeCatalogFunction("inverse", {{"delta", delta}});
  for (double eps : {1e-3, 1e-4, 1e-6, 1e-8}) {
    const ApproxOptions o = withEps(eps);
    const double s0 = ((1 - o.eta) * (1 - 1e-12) - eps) / (1 / delta);
    PrecisionGuard guard(256);
    const Mpfr A(delta);
    auto E = [&](int n) { // s0 * E_{2n-1}
      return static_cast<double>(Mpfr(s0 * pow(1 - A, n) / (A * pow(1 + A, n - 1))));
    };
    int n = 1;
    while (E(n) > eps)
      ++n;
    // Not a tie within what the solver can resolve.
    ASSERT_GT(std::abs(E(n) / eps - 1), 1e-6) << eps;
    ASSERT_GT(std::abs(E(n - 1) / eps - 1), 1e-6) << eps;
    const Approximation a = approximate(f, o);
    EXPECT_EQ(a.degree, 2 * n - 1) << "eps " << eps;
    EXPECT_LE(a.scale, s0) << eps;
    EXPECT_TRUE(a.degreeProvenMinimal) << eps;
    // The engine's bound at the degree below is a true lower bound on
    // s0 E_{2n-3} (rounding slack 1e-9) and proves it above eps.
    EXPECT_LE(a.lowerBoundBelow, E(n - 1) * (1 + 1e-9)) << eps;
    EXPECT_GT(a.lowerBoundBelow, eps) << eps;
    // The final p is the (possibly shrunk) minimax one: its levelled error
    // is (scale/s0) s0 E_{2n-1}, to Remez's tolerance 1e-6.
    EXPECT_NEAR(a.levelledError, a.scale / s0 * E(n), 2e-6 * E(n)) << eps;
  }
}

// Smaller eps in double (auto precision stays 53 bits above 1e-12).
TEST(Approximate, SeveralFunctionsAt1e10) {
  struct Case {
    std::string name;
    std::map<std::string, double> params;
  };
  const std::vector<Case> cases = {{"gelu", {}},
                                   {"sign", {}},
                                   {"inverse", {}},
                                   {"cos", {{"tau", 10.0}}},
                                   {"exp-decay", {{"beta", 4.0}}}};
  for (const Case &c : cases) {
    const TargetFunction f = makeCatalogFunction(c.name, c.params);
    const ApproxOptions o = withEps(1e-10);
    const Approximation a = approximate(f, o);
    EXPECT_EQ(a.precisionBits, 53u);
    checkApproximation(f, a, o, c.name + " 1e-10");
    EXPECT_TRUE(a.degreeProvenMinimal) << c.name;
  }
}

// The MPFR path: eps far below double's reach.
TEST(Approximate, MpfrPathExpAt1e30) {
  const TargetFunction f = makeCatalogFunction("exp", {{"beta", 1.0}});
  ApproxOptions o = withEps(1e-30);
  o.precisionBits = 256;
  const Approximation a = approximate(f, o);
  EXPECT_EQ(a.precisionBits, 256u);
  EXPECT_GE(a.certificate.precisionBits, 256u);
  checkApproximation(f, a, o, "exp 1e-30");
  EXPECT_TRUE(a.degreeProvenMinimal);
  // Coefficients carry more than double's digits: at least one differs
  // from its double rounding by more than 1e-30 relative.
  bool wide = false;
  for (const Mpfr &c : a.coef)
    wide = wide || abs(Mpfr(c - Mpfr(static_cast<double>(c)))) > abs(c) * Mpfr("1e-30");
  EXPECT_TRUE(wide);
}

// Auto precision: eps < 1e-12 picks ceil(-log2 eps) + 40 bits.
TEST(Approximate, AutoPrecisionBelowDouble) {
  const TargetFunction f = makeCatalogFunction("sin", {{"tau", 1.0}});
  const ApproxOptions o = withEps(1e-20);
  const Approximation a = approximate(f, o);
  EXPECT_EQ(a.precisionBits, 67u + 40u); // -log2(1e-20) = 66.4
  checkApproximation(f, a, o, "sin 1e-20");
}

TEST(Approximate, FixedDegree) {
  const TargetFunction f = makeCatalogFunction("exp", {});
  ApproxOptions o = withEps(1e-6);
  o.degree = 9;
  const Approximation a = approximate(f, o);
  EXPECT_EQ(a.degree, 9);
  checkApproximation(f, a, o, "exp degree 9");
  // Its error is E_9 of the scaled target (an independent Remez run).
  RemezOptions ro;
  ro.tolerance = 1e-9;
  const RemezResult<double> r = remez<double>(a.target, 9, ro);
  EXPECT_NEAR(a.certificate.maxError, r.maxError, 1e-5 * r.maxError);
  // Too low a degree for eps cannot be certified: an error, not a result.
  o.degree = 4;
  EXPECT_THROW(approximate(f, o), Error);
  // --degree is Remez only.
  o.degree = 9;
  o.method = Method::Chebyshev;
  EXPECT_THROW(approximate(f, o), Error);
}

TEST(Approximate, RejectsBadInput) {
  const TargetFunction f = makeCatalogFunction("gelu", {});
  for (double eps : {0.0, -1e-6, 1.0, 2.0, std::nan("")}) {
    ApproxOptions o = withEps(eps);
    EXPECT_THROW(approximate(f, o), Error) << eps;
  }
  {
    ApproxOptions o = withEps(1e-6);
    o.maxDegree = 10; // inverse needs 139
    EXPECT_THROW(approximate(makeCatalogFunction("inverse", {}), o), Error);
    o.method = Method::Chebyshev;
    EXPECT_THROW(approximate(makeCatalogFunction("inverse", {}), o), Error);
  }
  {
    ApproxOptions o = withEps(1e-6);
    o.precisionBits = 32;
    EXPECT_THROW(approximate(f, o), Error);
  }
  {
    ApproxOptions o = withEps(1e-14);
    o.precisionBits = 53;
    EXPECT_THROW(approximate(f, o), Error);
  }
  for (double eta : {-0.1, 1.0, 1.5}) {
    ApproxOptions o = withEps(1e-6);
    o.eta = eta;
    EXPECT_THROW(approximate(f, o), Error) << "eta " << eta;
  }
  {
    ApproxOptions o = withEps(1e-6);
    o.degree = 20;
    o.maxDegree = 10;
    EXPECT_THROW(approximate(f, o), Error);
    o.degree = -1;
    EXPECT_THROW(approximate(f, o), Error);
  }
  // A parity function on an asymmetric domain (built by hand: the catalog
  // always symmetrises).
  TargetFunction bad = makeCatalogFunction("tanh", {});
  bad.domain = Domain::parse("0,1");
  EXPECT_THROW(approximate(bad, withEps(1e-6)), Error);
  // f not finite on its domain.
  TargetFunction nan = makeCatalogFunction("exp", {});
  nan.evalDouble = [](double x) { return x > 0.5 ? NAN : x; };
  EXPECT_THROW(approximate(nan, withEps(1e-6)), Error);
}

// Mixed parity: the even and odd parts QSVT implements separately.
TEST(Approximate, SplitParity) {
  for (const char *name : {"gelu", "exp", "softplus"}) {
    const TargetFunction f = makeCatalogFunction(name, {});
    const ApproxOptions o = withEps(1e-6);
    const Approximation a = approximate(f, o);
    const auto [even, odd] = splitParity(a);
    EXPECT_EQ(even.parity, Parity::Even) << name;
    EXPECT_EQ(odd.parity, Parity::Odd) << name;
    // The parts add up to the whole, coefficient by coefficient, exactly.
    for (int k = 0; k <= a.degree; ++k) {
      const Mpfr e = k < static_cast<int>(even.coef.size()) ? even.coef[k] : Mpfr(0);
      const Mpfr d = k < static_cast<int>(odd.coef.size()) ? odd.coef[k] : Mpfr(0);
      EXPECT_EQ(Mpfr(e + d), a.coef[k]) << name << " c_" << k;
      EXPECT_TRUE(k % 2 == 0 ? d == 0 : e == 0) << name << " c_" << k;
    }
    EXPECT_EQ(even.degree + 1, static_cast<int>(even.coef.size()));
    EXPECT_EQ(odd.degree % 2, 1) << name;
    // Each part is within eps of its part of the target (their errors are
    // averages of p - s f at x and -x). Certified, and re-checked at
    // random points against (g(x) +- g(-x))/2 computed here.
    EXPECT_LE(even.certificate.maxError, o.epsilon) << name;
    EXPECT_LE(odd.certificate.maxError, o.epsilon) << name;
    PrecisionGuard guard(256);
    const std::vector<Mpfr> ce(even.coef.begin(), even.coef.end());
    const std::vector<Mpfr> cd(odd.coef.begin(), odd.coef.end());
    double worstE = 0, worstO = 0;
    for (double x : randomOn(a.target.domain, 500, kSeed)) {
      const Mpfr X(x), gx = a.target.evalMpfr(X), gm = a.target.evalMpfr(Mpfr(-x));
      const Mpfr wantE = (gx + gm) / 2, wantO = (gx - gm) / 2;
      worstE =
          std::max(worstE, static_cast<double>(abs(Mpfr(qsvtc::numeric::clenshaw(ce, X) - wantE))));
      worstO =
          std::max(worstO, static_cast<double>(abs(Mpfr(qsvtc::numeric::clenshaw(cd, X) - wantO))));
    }
    EXPECT_LE(worstE, o.epsilon) << name;
    EXPECT_LE(worstO, o.epsilon) << name;
    // And the parts' certificates are consistent with the measurement: the
    // random max is not above the certificate by more than the grid can
    // miss (Ehlich-Zeller: a factor 1/cos(pi/20) ~ 1.0125 at 10 points
    // per degree).
    EXPECT_LE(worstE, even.certificate.maxError * 1.0125 + 1e-60) << name;
    EXPECT_LE(worstO, odd.certificate.maxError * 1.0125 + 1e-60) << name;
  }
  // A parity polynomial does not split.
  const Approximation t = approximate(makeCatalogFunction("tanh", {}), withEps(1e-6));
  EXPECT_THROW(splitParity(t), Error);
  // Nor does one on an asymmetric domain.
  const Approximation h =
      approximate(makeCatalogFunction("exp", {}, Domain::parse("0,1")), withEps(1e-6));
  EXPECT_THROW(splitParity(h), Error);
}

// A feasible degree must not be rejected. E_8(exp x) = 1.1064289311752762e-8
// (independent Remez, see RemezTest.MatchesIndependentMinimax) and
// E_7 = 1.998e-7; the engine's scale for exp is
// ((1-eta)(1-1e-12) - eps)/e (max|exp| = e at x = 1, a grid point). With
// eps = 4.07e-9, s E_8 = 4.066e-9 <= eps < s E_7: degree 8 is the answer,
// and its minimax polynomial meets eps.
TEST(Approximate, FeasibleMinimaxDegreeIsNotRejected) {
  const TargetFunction f = makeCatalogFunction("exp", {});
  const ApproxOptions o = withEps(4.07e-9);
  const double s = ((1 - o.eta) * (1 - 1e-12) - o.epsilon) / std::exp(1.0);
  ASSERT_LT(s * 1.1064289311752762e-8, o.epsilon);
  ASSERT_GT(s * 1.9982527697547409e-7, o.epsilon);
  try {
    const Approximation a = approximate(f, o);
    EXPECT_EQ(a.degree, 8);
    checkApproximation(f, a, o, "exp eps 4.07e-9");
  } catch (const Error &e) {
    ADD_FAILURE() << "degree 8 meets eps (s E_8 = " << s * 1.1064289311752762e-8
                  << ") but: " << e.what();
  }
}

// An oscillating target: E_n(cos(tau x)) is near 1 for n < tau, so any
// degree below ~tau is wrong. The search starts above the degrees the
// Chebyshev coefficients rule out (|c_k| <= 2 E_{k-1}); before that, Remez
// on a coarse start levelled an aliased error at degree 182 for tau = 300
// and the certificate refused it.
TEST(Approximate, OscillatingTargetStartsAboveTheSeriesBound) {
  const TargetFunction f = makeCatalogFunction("cos", {{"tau", 300.0}});
  const ApproxOptions o = withEps(1e-12);
  const Approximation a = approximate(f, o);
  EXPECT_GE(a.degree, 300);
  checkApproximation(f, a, o, "cos(300x) eps 1e-12");
  // The truncation meets eps too, at a degree Remez never exceeds.
  const Approximation t = approximate(f, withEps(1e-12, Method::Chebyshev));
  EXPECT_LE(a.degree, t.degree);
}

// Remez in double at degree ~700 on cos(600 x) to 1e-12 breaks down; the
// truncation is taken instead, certified, and the result says so.
TEST(Approximate, UncertifiedRemezFallsBackToTheTruncation) {
  const TargetFunction f = makeCatalogFunction("cos", {{"tau", 600.0}});
  const ApproxOptions o = withEps(1e-12);
  const Approximation a = approximate(f, o);
  EXPECT_GE(a.degree, 600);
  if (a.method == Method::Chebyshev)
    EXPECT_NE(a.note.find("Chebyshev truncation was taken"), std::string::npos) << a.note;
  else
    EXPECT_TRUE(a.note.empty());
  checkApproximation(f, a, o, "cos(600x) eps 1e-12");
}
