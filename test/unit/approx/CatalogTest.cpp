//===- CatalogTest.cpp - The catalog of target functions ------------------===//
//
// Every catalog entry: its double evaluator against its Mpfr one (two
// implementations of the formula in different arithmetic), its declared
// parity, spot values against closed forms or published constants, the
// errors it must raise, and the smooth extensions of the functions with a
// gap (measured against the function in Mpfr). makeChebyshevFunction is
// compared with numeric::clenshaw.
//
//===----------------------------------------------------------------------===//
#include "ApproxTestSupport.h"

#include "qsvtc/approx/Catalog.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

using namespace qsvtc::approx;
using qsvtc::Error;
using qsvtc::approx::testsupport::gridOn;
using qsvtc::numeric::Mpfr;
using qsvtc::numeric::PrecisionGuard;

namespace {

TargetFunction make(const std::string &name, const std::map<std::string, double> &params = {}) {
  return makeCatalogFunction(name, params);
}

/// f(x) in Mpfr at the current precision.
Mpfr at(const TargetFunction &f, const std::string &x) { return f.evalMpfr(Mpfr(x)); }

double relDiff(const Mpfr &got, const Mpfr &want) {
  return static_cast<double>(abs(Mpfr(got - want)) / std::max(abs(want), Mpfr("1e-300")));
}

} // namespace

TEST(Catalog, EntriesAreComplete) {
  // Sorted: the activations' entries come from approx/Activations.cpp.
  const std::vector<std::string> want = {
      "amplify", "cos",     "erf",  "erf-gate",  "exp",           "exp-decay", "gelu",
      "inverse", "invsqrt", "mish", "mish-gate", "normcdf",       "sigmoid",   "sigmoid-gate",
      "sign",    "silu",    "sin",  "softplus",  "softplus-gate", "tanh",      "tanh-gate"};
  std::vector<std::string> got;
  for (const CatalogEntry &e : catalogEntries()) {
    got.push_back(e.name);
    // The entry's declared parity and default domain are what the built
    // function carries.
    const TargetFunction f = make(e.name);
    EXPECT_EQ(f.parity, e.parity) << e.name;
    // The entry's domain text names delta for the gap functions.
    const Domain want = e.params.count("delta") ? Domain::symmetricGap(e.params.at("delta"))
                                                : Domain::parse(e.domain);
    EXPECT_EQ(f.domain.str(), want.str()) << e.name;
    EXPECT_EQ(f.name, e.name);
    EXPECT_FALSE(f.formula.empty()) << e.name;
    if (f.parity != Parity::None) {
      EXPECT_TRUE(f.domain.isSymmetric()) << e.name;
    }
  }
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, want);
}

TEST(Catalog, DoubleAndMpfrEvaluatorsAgree) {
  PrecisionGuard guard(128);
  for (const CatalogEntry &e : catalogEntries()) {
    const TargetFunction f = make(e.name);
    for (double x : gridOn(f.domain, 25)) {
      const double d = f.evalDouble(x);
      const Mpfr m = f.evalMpfr(Mpfr(x));
      // libm's functions are within ~1 ulp and each formula adds a few
      // roundings of 2^-53 = 1.1e-16; 1e-15 leaves room for ~8 of them.
      // Exception: amplify's far tail erfc(z), z = k(|x| - w) up to ~50,
      // has condition number ~2 z^2 (a rounding of z costs 2 z^2 ulps):
      // 1e-12 there, where |f| < 1e-10.
      double tol = e.name == "amplify" && std::fabs(d) < 1e-10 ? 1e-12 : 1e-15;
      EXPECT_LE(relDiff(Mpfr(d), m), tol)
          << e.name << " at " << x << ": " << d << " vs " << static_cast<double>(m);
    }
  }
}

TEST(Catalog, DeclaredParityHoldsInMpfr) {
  PrecisionGuard guard(128);
  for (const CatalogEntry &e : catalogEntries()) {
    if (e.parity == Parity::None)
      continue;
    const TargetFunction f = make(e.name);
    const double sign = e.parity == Parity::Even ? 1.0 : -1.0;
    for (double x : gridOn(f.domain, 20)) {
      const Mpfr fx = f.evalMpfr(Mpfr(x)), fmx = f.evalMpfr(Mpfr(-x));
      // MPFR's functions are correctly rounded and odd/even themselves, so
      // the symmetry is exact up to one rounding at 128 bits (~3e-39).
      EXPECT_LE(static_cast<double>(abs(Mpfr(fmx - sign * fx))),
                1e-36 * std::max(1.0, static_cast<double>(abs(fx))))
          << e.name << " at " << x;
    }
  }
  // The functions declared None really are not even or odd (else the
  // solver would waste half its unknowns): gelu(0.5) vs gelu(-0.5).
  const TargetFunction g = make("gelu");
  EXPECT_GT(std::abs(g.evalDouble(0.5) - g.evalDouble(-0.5)), 0.1);
  EXPECT_GT(std::abs(g.evalDouble(0.5) + g.evalDouble(-0.5)), 0.1);
}

TEST(Catalog, ClosedFormSpotValues) {
  PrecisionGuard guard(128);
  // Published constants to 40 digits (Phi(1), erf(2), log 2, ...) or the
  // formulas written out with MPFR's own functions; 1e-35 relative is what
  // 128 bits (about 38 digits) leaves after a few operations.
  struct Spot {
    std::string name;
    std::map<std::string, double> params;
    std::string x;
    Mpfr want;
  };
  const Mpfr one(1), half("0.5");
  const std::vector<Spot> spots = {
      // gelu(1) = Phi(1) = 0.841344746068542948585232545632...
      {"gelu", {}, "1", Mpfr("0.8413447460685429485852325456320379224779")},
      {"normcdf", {{"scale", 2.0}}, "0.5", Mpfr("0.8413447460685429485852325456320379224779")},
      {"normcdf", {}, "-1", Mpfr("0.1586552539314570514147674543679620775221")},
      // erf(k x) with k = 4 at x = 0.5: erf(2).
      {"erf", {{"k", 4.0}}, "0.5", Mpfr("0.9953222650189527341620692563672529286109")},
      {"sigmoid", {}, "0", half},
      // The state-mode gates at their removable singularity and at 1:
      // tanh(1) = 0.7615941559557648881194582826047935904128 (Python Decimal).
      {"tanh-gate", {}, "0", one},
      {"tanh-gate", {{"scale", 2.0}}, "0.5", Mpfr("0.7615941559557648881194582826047935904128")},
      {"sigmoid-gate", {}, "0", Mpfr("0.25")},
      // (sigmoid(2) - 1/2) / 2 = tanh(1) / 4.
      {"sigmoid-gate", {}, "2", Mpfr("0.1903985389889412220298645706511983976032")},
      {"softplus", {}, "0", Mpfr("0.6931471805599453094172321214581765680755")},
      {"tanh", {}, "1", Mpfr("0.7615941559557648881194582826047935904128")},
      {"exp", {{"beta", 2.0}}, "0.5", exp(one)},
      {"exp-decay", {{"beta", 3.0}}, "-1", one},
      {"exp-decay", {{"beta", 1.0}}, "1", exp(Mpfr(-2))},
      {"silu", {}, "1", Mpfr(one / (1 + exp(-one)))},
      {"silu", {{"scale", 2.0}}, "0.5", Mpfr(one / (1 + exp(-one)))},
      {"sigmoid", {{"scale", 2.0}}, "0.5", Mpfr(one / (1 + exp(-one)))},
      {"softplus", {{"scale", 4.0}}, "-0.25", Mpfr(log(1 + exp(-one)))},
      {"inverse", {}, "0.5", Mpfr(2)},
      {"inverse", {}, "-0.25", Mpfr(-4)},
      {"invsqrt", {}, "-0.25", Mpfr(2)},
      {"sign", {}, "-0.5", Mpfr(-1)},
      {"sign", {}, "0.2", Mpfr(1)},
      {"cos", {{"tau", 2.0}}, "0.5", cos(one)},
      {"sin", {{"tau", 3.0}}, "0.5", sin(Mpfr("1.5"))},
      {"tanh", {{"scale", 0.5}}, "-1", Mpfr(-tanh(half))},
  };
  for (const Spot &s : spots) {
    const TargetFunction f = make(s.name, s.params);
    EXPECT_LE(relDiff(at(f, s.x), s.want), 1e-35) << s.name << "(" << s.x << ")";
    EXPECT_NEAR(f.evalDouble(std::stod(s.x)), static_cast<double>(s.want),
                1e-15 * std::abs(static_cast<double>(s.want)))
        << s.name << "(" << s.x << ") in double";
  }
  // The 15-digit value quoted in the brief (Hendrycks & Gimpel's GELU).
  EXPECT_NEAR(make("gelu").evalDouble(1.0), 0.841344746068543, 1e-15);
}

TEST(Catalog, ParametersOverrideDefaults) {
  const TargetFunction f = make("exp", {{"beta", 3.0}});
  EXPECT_EQ(f.params.at("beta"), 3.0);
  EXPECT_NEAR(f.evalDouble(0.5), std::exp(1.5), 1e-15 * std::exp(1.5));
  const TargetFunction g = make("inverse", {{"delta", 0.25}});
  EXPECT_EQ(g.domain.str(), Domain::symmetricGap(0.25).str());
  // Defaults reported by the entry are the ones used.
  EXPECT_EQ(make("sign").params.at("delta"), 0.1);
}

TEST(Catalog, RejectsBadInput) {
  EXPECT_THROW(make("relu"), Error);
  EXPECT_THROW(make(""), Error);
  EXPECT_THROW(make("exp", {{"scale", 1.0}}), Error); // exp has beta
  EXPECT_THROW(make("gelu", {{"beta", 1.0}}), Error); // gelu has scale
  EXPECT_THROW(make("exp", {{"beta", NAN}}), Error);
  EXPECT_THROW(make("exp", {{"beta", INFINITY}}), Error);
  for (const char *name : {"inverse", "invsqrt", "sign"})
    for (double delta : {0.0, 1.0, -0.1, 1.5, 2.0})
      EXPECT_THROW(make(name, {{"delta", delta}}), Error) << name << " delta " << delta;
  // A domain containing the singular point 0.
  for (const char *name : {"inverse", "invsqrt", "sign"}) {
    EXPECT_THROW(makeCatalogFunction(name, {}, Domain::parse("-1,1")), Error) << name;
    EXPECT_THROW(makeCatalogFunction(name, {}, Domain::parse("0,1")), Error) << name;
    EXPECT_THROW(makeCatalogFunction(name, {}, Domain::parse("-0.5,0.5")), Error) << name;
    EXPECT_NO_THROW(makeCatalogFunction(name, {}, Domain::parse("0.2,0.9"))) << name;
  }
}

TEST(Catalog, ErrorMessagesNameTheProblem) {
  try {
    make("relu");
    FAIL() << "no error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("relu"), std::string::npos);
  }
  try {
    make("exp", {{"gamma", 1.0}});
    FAIL() << "no error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("gamma"), std::string::npos);
  }
}

TEST(Catalog, DomainOverrideIsSymmetrizedForParityFunctions) {
  const TargetFunction t = makeCatalogFunction("tanh", {}, Domain::parse("0.2,0.5"));
  EXPECT_EQ(t.domain.str(), Domain::parse("-0.5,-0.2,0.2,0.5").str());
  const TargetFunction e = makeCatalogFunction("exp", {}, Domain::parse("0.2,0.5"));
  EXPECT_EQ(e.domain.str(), Domain::parse("0.2,0.5").str());
  const TargetFunction inv = makeCatalogFunction("inverse", {}, Domain::parse("0.3,1"));
  EXPECT_EQ(inv.domain.str(), Domain::symmetricGap(0.3).str());
}

// The extensions that let Chebyshev interpolation handle a gap: within eps
// of f on the domain (the whole point), finite and of the same parity on
// all of [-1, 1], including x = 0 itself.
static void checkSmoothExtension(const std::string &name, const std::optional<Domain> &domain) {
  PrecisionGuard guard(128);
  const TargetFunction f = makeCatalogFunction(name, {}, domain);
  ASSERT_TRUE(static_cast<bool>(f.smoothExtension)) << name;
  for (double eps : {1e-3, 1e-6, 1e-10}) {
    const TargetFunction ext = f.smoothExtension(eps);
    EXPECT_EQ(ext.parity, f.parity) << name;
    // 200 points per interval include the interval ends, where the
    // extensions' errors peak (at the edge of the gap).
    double worst = 0;
    for (double x : gridOn(f.domain, 200)) {
      const Mpfr X(x);
      worst = std::max(worst, static_cast<double>(abs(Mpfr(ext.evalMpfr(X) - f.evalMpfr(X)))));
    }
    EXPECT_LE(worst, eps) << name << " on " << f.domain.str() << " eps " << eps;
    // Not trivially tight either: the extension is tuned to eps, so at the
    // gap's edge its error is within a factor ~1e4 of eps (sign's is
    // erfc(k delta) = eps exactly; inverse's and invsqrt's round b up).
    EXPECT_GE(worst, eps * 1e-4) << name << " eps " << eps;
    for (double x : gridOn(Domain(), 401)) {
      const double d = ext.evalDouble(x);
      const Mpfr m = ext.evalMpfr(Mpfr(x));
      EXPECT_TRUE(std::isfinite(d)) << name << " at " << x;
      EXPECT_TRUE(isfinite(m)) << name << " at " << x;
    }
    for (double x : {0.0, 1e-300, -1e-300, 1e-12}) {
      EXPECT_TRUE(std::isfinite(ext.evalDouble(x))) << name << " at " << x;
      EXPECT_TRUE(isfinite(ext.evalMpfr(Mpfr(x)))) << name << " at " << x;
    }
  }
}

TEST(Catalog, SmoothExtensionsAreWithinEpsAndFinite) {
  checkSmoothExtension("inverse", {});
  checkSmoothExtension("inverse", Domain::parse("0.3,0.9"));
  checkSmoothExtension("sign", {});
  checkSmoothExtension("sign", Domain::parse("0.2,1"));
  // Functions without a gap have none.
  EXPECT_FALSE(static_cast<bool>(make("exp").smoothExtension));
  EXPECT_FALSE(static_cast<bool>(make("erf").smoothExtension));
}

// Separate from the others: evaluating this extension in Mpfr goes through
// Boost.Math's ibeta, whose Bernoulli-number cache for Mpfr is reported
// as leaked by LeakSanitizer (see the report); a sanitizer failure here
// names that cause.
TEST(Catalog, InvsqrtSmoothExtensionIsWithinEpsAndFinite) {
  checkSmoothExtension("invsqrt", {});
  checkSmoothExtension("invsqrt", Domain::parse("0.05,1"));
}

// The inverse's extension is (1 - (1-x^2)^b)/x: at x = 0 its limit is 0,
// and near 0 it behaves like b x (continuity at the removable point).
TEST(Catalog, InverseExtensionIsContinuousAtZero) {
  PrecisionGuard guard(128);
  const TargetFunction ext = make("inverse").smoothExtension(1e-6);
  EXPECT_EQ(ext.evalDouble(0.0), 0.0);
  // b = ceil(log(eps delta) / log(1 - delta^2)) for delta = 0.1: 1604.
  const double b = std::ceil(std::log(1e-6 * 0.1) / std::log1p(-0.1 * 0.1));
  const double x = 1e-9;
  EXPECT_NEAR(ext.evalDouble(x) / x, b, 1e-6 * b);
}

TEST(Catalog, ChebyshevFunctionDetectsParity) {
  EXPECT_EQ(makeChebyshevFunction({"0", "1", "0", "-0.5"}).parity, Parity::Odd);
  EXPECT_EQ(makeChebyshevFunction({"1", "0", "2"}).parity, Parity::Even);
  EXPECT_EQ(makeChebyshevFunction({"1", "1"}).parity, Parity::None);
  EXPECT_EQ(makeChebyshevFunction({"0", "0", "0", "1e-30"}).parity, Parity::Odd);
  EXPECT_EQ(makeChebyshevFunction({"0.0", "-0.0", "3"}).parity, Parity::Even);
  // A parity function's domain is symmetrized.
  EXPECT_EQ(makeChebyshevFunction({"0", "1"}, Domain::parse("0.5,1")).domain.str(),
            Domain::parse("-1,-0.5,0.5,1").str());
  EXPECT_EQ(makeChebyshevFunction({"1", "1"}, Domain::parse("0.5,1")).domain.str(),
            Domain::parse("0.5,1").str());
}

TEST(Catalog, ChebyshevFunctionEvaluatesLikeClenshaw) {
  const std::vector<std::string> text = {
      "0.1234567890123456789012345678901234567890", "-0.75", "0.5", "1e-3", "-2.5e-2",
      "0.3333333333333333333333333333333333333333"};
  const TargetFunction f = makeChebyshevFunction(text);
  std::vector<double> cd;
  for (const std::string &s : text)
    cd.push_back(std::stod(s));
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-1, 1);
  for (int i = 0; i < 100; ++i) {
    const double x = i == 0 ? 1.0 : i == 1 ? -1.0 : u(rng);
    EXPECT_EQ(f.evalDouble(x), qsvtc::numeric::clenshaw(cd, x)) << x;
  }
  // In Mpfr the 40-digit strings survive: compare at two precisions (the
  // evaluator re-parses when the precision changes).
  for (unsigned bits : {64u, 256u}) {
    PrecisionGuard guard(bits);
    const std::vector<Mpfr> cm(text.begin(), text.end());
    for (int i = 0; i < 50; ++i) {
      const Mpfr x(i == 0 ? 1.0 : u(rng));
      EXPECT_EQ(f.evalMpfr(x), qsvtc::numeric::clenshaw(cm, x))
          << bits << " bits at " << static_cast<double>(x);
    }
    // At x = 1 every T_k is 1: the sum of the decimal coefficients, exact
    // to the precision, which a double parse would miss by ~1e-17.
    const Mpfr want = cm[0] + cm[1] + cm[2] + cm[3] + cm[4] + cm[5];
    EXPECT_LE(static_cast<double>(abs(Mpfr(f.evalMpfr(Mpfr(1)) - want))),
              bits == 256 ? 1e-70 : 1e-18);
  }
}

TEST(Catalog, ChebyshevFunctionRejectsBadCoefficients) {
  EXPECT_THROW(makeChebyshevFunction({}), Error);
  EXPECT_THROW(makeChebyshevFunction({"abc"}), Error);
  EXPECT_THROW(makeChebyshevFunction({"1", "1.5x"}), Error);
  EXPECT_THROW(makeChebyshevFunction({"1", ""}), Error);
  EXPECT_THROW(makeChebyshevFunction({"nan"}), Error);
  EXPECT_THROW(makeChebyshevFunction({"0", "inf"}), Error);
  EXPECT_THROW(makeChebyshevFunction({"1e999"}), Error);
}

// Coefficients below double's range are finite numbers that Mpfr holds
// exactly (as the polynomial JSON's strings may carry them): not errors.
TEST(Catalog, ChebyshevFunctionAcceptsTinyCoefficients) {
  for (const char *tiny : {"1e-310", "1e-400"}) {
    EXPECT_NO_THROW(makeChebyshevFunction({"1", tiny})) << tiny;
  }
}
