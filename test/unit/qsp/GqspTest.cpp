//===- GqspTest.cpp - Generalized QSP: completion, angles, certificate ----===//
//
// Everything against the definition (Motlagh, Wiebe, arXiv 2308.01501,
// Thm 3) evaluated directly: Horner for P and Q at random points of the
// unit circle, and the 2x2 product R_d A R_{d-1} ... A R_0 written out
// with std::complex, no FFT and no code shared with the solver.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/Gqsp.h"
#include "qsvtc/numeric/Mpfr.h"
#include "qsvtc/qsp/GqspHamiltonian.h"
#include "qsvtc/qsp/GqspJson.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <complex>
#include <random>

using namespace qsvtc;
using qsp::GqspComplex;
using C = std::complex<double>;
using Mat = std::array<std::array<C, 2>, 2>;

namespace {

const double kPi = 3.14159265358979323846;

C horner(const std::vector<C> &p, C z) {
  C v = 0;
  for (std::size_t k = p.size(); k-- > 0;)
    v = v * z + p[k];
  return v;
}

double maxOnCircle(const std::vector<C> &p, std::size_t points) {
  double m = 0;
  for (std::size_t j = 0; j < points; ++j)
    m = std::max(m, std::abs(horner(p, std::polar(1.0, 2 * kPi * j / points))));
  return m;
}

/// Random complex coefficients scaled to max |P| = peak on a fine grid.
std::vector<C> randomP(std::size_t d, double peak, std::mt19937_64 &rng) {
  std::normal_distribution<double> n(0, 1);
  std::vector<C> p(d + 1);
  for (C &c : p)
    c = C(n(rng), n(rng));
  const double m = maxOnCircle(p, 16 * (d + 1));
  for (C &c : p)
    c *= peak / m;
  return p;
}

Mat mul(const Mat &a, const Mat &b) {
  Mat r{};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j];
  return r;
}

Mat rotation(double theta, double phi, double lambda) {
  const C i(0, 1);
  return {{{std::exp(i * (lambda + phi)) * std::cos(theta), std::exp(i * phi) * std::sin(theta)},
           {std::exp(i * lambda) * std::sin(theta), -std::cos(theta)}}};
}

/// The circuit's unitary at signal z: R_0 first, then A = diag(z, 1) and
/// R_j for j = 1..d.
Mat circuit(const qsp::GqspPhases &ph, C z) {
  Mat u = rotation(ph.theta[0], ph.phi[0], ph.lambda);
  const Mat a = {{{z, 0}, {0, 1}}};
  for (std::size_t j = 1; j < ph.theta.size(); ++j)
    u = mul(rotation(ph.theta[j], ph.phi[j], 0), mul(a, u));
  return u;
}

/// max over random points of |circuit top-left - P| and |bottom-left - Q|.
std::pair<double, double> circuitError(const qsp::GqspPhases &ph, const std::vector<C> &p,
                                       const std::vector<C> &q, std::mt19937_64 &rng,
                                       int points = 200) {
  std::uniform_real_distribution<double> t(0, 2 * kPi);
  double ep = 0, eq = 0;
  for (int k = 0; k < points; ++k) {
    const C z = std::polar(1.0, t(rng));
    const Mat u = circuit(ph, z);
    ep = std::max(ep, std::abs(u[0][0] - horner(p, z)));
    eq = std::max(eq, std::abs(u[1][0] - horner(q, z)));
  }
  return {ep, eq};
}

} // namespace

TEST(Gqsp, ComplementCompletesToOneAndIsOuter) {
  std::mt19937_64 rng(11);
  for (std::size_t d : {0u, 1u, 7u, 60u, 301u}) {
    const std::vector<C> p = randomP(d, 0.95, rng);
    const std::vector<C> q = qsp::gqspComplement(p);
    ASSERT_EQ(q.size(), d + 1);
    std::uniform_real_distribution<double> t(0, 2 * kPi);
    for (int k = 0; k < 100; ++k) {
      const C z = std::polar(1.0, t(rng));
      EXPECT_NEAR(std::norm(horner(p, z)) + std::norm(horner(q, z)), 1.0, 1e-13) << "d=" << d;
    }
    // Jensen: log|Q(0)| equals the mean of log|Q| on the circle exactly
    // when Q has no zeros in the open disc (it is smaller otherwise). The
    // mean is computed from 1 - |P|^2 alone, by the trapezoid rule, which
    // is exact to rounding here (smooth periodic integrand, 64(d+1) points).
    const std::size_t n = 64 * (d + 1);
    double mean = 0;
    for (std::size_t j = 0; j < n; ++j)
      mean += 0.5 * std::log1p(-std::norm(horner(p, std::polar(1.0, 2 * kPi * j / n))));
    EXPECT_NEAR(std::log(std::abs(q[0])), mean / n, 1e-12) << "d=" << d;
  }
}

TEST(Gqsp, ComplementOfAClosedForm) {
  // P = 0.6 z^2: 1 - |P|^2 = 0.64, so Q = 0.8 (outer, constant).
  const std::vector<C> q = qsp::gqspComplement({0, 0, C(0, 0.6)});
  EXPECT_NEAR(std::abs(q[0] - 0.8), 0, 1e-15);
  EXPECT_NEAR(std::abs(q[1]), 0, 1e-15);
  EXPECT_NEAR(std::abs(q[2]), 0, 1e-15);
}

TEST(Gqsp, AnglesReproducePAndQInTheCircuit) {
  std::mt19937_64 rng(12);
  for (std::size_t d : {0u, 1u, 2u, 5u, 64u, 65u, 200u, 777u}) {
    const std::vector<C> p = randomP(d, 0.9, rng);
    const std::vector<C> q = qsp::gqspComplement(p);
    const qsp::GqspPhases ph = qsp::gqspAngles(p, q);
    ASSERT_EQ(ph.theta.size(), d + 1);
    const auto [ep, eq] = circuitError(ph, p, q, rng);
    // Stripping loses ~d u per layer in the worst case; observed ~1e-14.
    EXPECT_LT(ep, 1e-12) << "d=" << d;
    EXPECT_LT(eq, 1e-12) << "d=" << d;
  }
}

TEST(Gqsp, FastStrippingAgreesWithTheLayerByLayerReference) {
  std::mt19937_64 rng(13);
  for (std::size_t d : {63u, 64u, 129u, 1000u}) {
    const std::vector<C> p = randomP(d, 0.8, rng);
    const std::vector<C> q = qsp::gqspComplement(p);
    const qsp::GqspPhases fast = qsp::gqspAngles(p, q);
    const qsp::GqspPhases slow = qsp::gqspAnglesLayerStripping(p, q);
    for (std::size_t j = 0; j <= d; ++j) {
      EXPECT_NEAR(fast.theta[j], slow.theta[j], 1e-10) << "d=" << d << " j=" << j;
      // phi is an angle: compare on the circle.
      EXPECT_NEAR(std::abs(std::polar(1.0, fast.phi[j]) - std::polar(1.0, slow.phi[j])), 0, 1e-10)
          << "d=" << d << " j=" << j;
    }
    EXPECT_NEAR(std::abs(std::polar(1.0, fast.lambda) - std::polar(1.0, slow.lambda)), 0, 1e-10);
  }
}

TEST(Gqsp, CertificateBoundsTheCircuitsErrorAndCatchesCorruption) {
  std::mt19937_64 rng(14);
  const std::size_t d = 300;
  const std::vector<C> p = randomP(d, 0.9, rng);
  qsp::GqspResult r = qsp::solveGqsp(p);
  ASSERT_TRUE(r.certified);
  EXPECT_LT(r.certificate.bound, 1e-12);
  EXPECT_GE(r.certificate.bound, circuitError(r.phases, p, r.complement, rng).first);
  // The forward product alone, against the direct circuit.
  const qsp::GqspPair back = qsp::gqspPolynomials(r.phases);
  const C z = std::polar(1.0, 0.7);
  C pz = 0;
  for (std::size_t k = back.p.size(); k-- > 0;)
    pz = pz * z + C(double(back.p[k].real()), double(back.p[k].imag()));
  EXPECT_NEAR(std::abs(pz - circuit(r.phases, z)[0][0]), 0, 1e-13);
  // One angle off by 1e-6 moves P by ~1e-6 somewhere on the circle.
  qsp::GqspPhases bad = r.phases;
  bad.theta[d / 2] += 1e-6;
  const qsp::GqspCertificate c = qsp::certifyGqsp(bad, p, r.complement);
  const double seen = circuitError(bad, p, r.complement, rng, 400).first;
  EXPECT_GT(seen, 1e-7);
  EXPECT_GE(c.bound, seen);
}

TEST(Gqsp, RoundingBoundIsSmallAndGrows) {
  EXPECT_LT(qsp::gqspRoundingBound(1000), 1e-13);
  EXPECT_LT(qsp::gqspRoundingBound(100000), 1e-10);
  EXPECT_LT(qsp::gqspRoundingBound(1000), qsp::gqspRoundingBound(100000));
  EXPECT_GT(qsp::gqspRoundingBound(1), 0);
}

TEST(Gqsp, BadInputIsRefusedWithAReason) {
  auto message = [](auto &&f) {
    try {
      f();
    } catch (const Error &e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message([] {
              qsp::gqspComplement({0, 0, 1.0});
            }).find("max |P| < 1"),
            std::string::npos);
  EXPECT_NE(message([] {
              qsp::gqspComplement({0.5, 0.7});
            }).find("max |P| < 1"),
            std::string::npos); // |P(1)| = 1.2
  EXPECT_NE(message([] { qsp::gqspComplement({C(NAN, 0)}); }).find("not finite"),
            std::string::npos);
  EXPECT_NE(message([] { qsp::gqspComplement({}); }).find("no coefficients"), std::string::npos);
  EXPECT_NE(message([] {
              qsp::gqspAngles({0.5}, {0.5, 0.1});
            }).find("same number"),
            std::string::npos);
  EXPECT_NE(message([] {
              qsp::parseGqspPolyJson(R"({"basis":"monomial","coef":[0.1,[0.2]]})", "p.json");
            }).find("p.json: error: coef[1] is not a number or a pair"),
            std::string::npos);
  EXPECT_NE(message([] { qsp::parseGqspPolyJson(R"({"coef":[0.1]})", "p.json"); }).find("monomial"),
            std::string::npos);
  EXPECT_NE(message([] { qsp::parseGqspPolyJson("{\"basis\":\n[", "p.json"); }).find("p.json:2:"),
            std::string::npos);
}

TEST(Gqsp, PhasesFileRoundTrips) {
  std::mt19937_64 rng(15);
  const std::vector<C> p = randomP(40, 0.7, rng);
  const qsp::GqspResult r = qsp::solveGqsp(p);
  const qsp::GqspPhases back = qsp::parseGqspPhasesJson(qsp::toJson(r).dump(), "ph.json");
  EXPECT_EQ(back.theta, r.phases.theta);
  EXPECT_EQ(back.phi, r.phases.phi);
  EXPECT_EQ(back.lambda, r.phases.lambda);
}

TEST(GqspHamiltonian, BesselValuesAgreeWithMpfr) {
  // MPFR's jn at 128 bits is the reference (a different algorithm).
  numeric::PrecisionGuard guard(128);
  for (double x : {0.1, 1.0, 10.0, 77.7, 500.0, -3.0}) {
    const int n = static_cast<int>(std::abs(x)) + 60;
    const std::vector<long double> j = qsp::besselJ(n, x);
    for (int k = 0; k <= n; ++k) {
      numeric::Mpfr ref;
      mpfr_jn(ref.backend().data(), k, numeric::Mpfr(x).backend().data(), MPFR_RNDN);
      const double want = static_cast<double>(ref);
      EXPECT_NEAR(static_cast<double>(j[k]), want, 1e-16) << "x=" << x << " k=" << k;
      if (std::abs(want) > 1e-250) {
        EXPECT_NEAR(static_cast<double>(j[k]) / want, 1.0, 1e-12) << "x=" << x << " k=" << k;
      }
    }
  }
}

TEST(GqspHamiltonian, CircuitThenShiftGivesTheEvolutionWithinItsBound) {
  std::mt19937_64 rng(16);
  std::uniform_real_distribution<double> t(0, 2 * kPi);
  for (double tau : {0.5, 5.0, 40.0, -13.0})
    for (double eps : {1e-6, 1e-10}) {
      const qsp::GqspHamiltonianResult r = qsp::gqspHamiltonian(tau, eps);
      EXPECT_LE(r.totalError, eps);
      ASSERT_EQ(r.solve.phases.theta.size(), std::size_t(2 * r.shift + 1));
      double worst = 0;
      for (int i = 0; i < 100; ++i) {
        const double theta = t(rng);
        const C block = circuit(r.solve.phases, std::polar(1.0, theta))[0][0] *
                        std::polar(1.0, -r.shift * theta); // then U^dagger K times
        worst = std::max(worst, std::abs(block - std::polar(1.0, -tau * std::cos(theta))));
      }
      EXPECT_LE(worst, r.totalError) << "tau=" << tau << " eps=" << eps;
      // Not trivially loose: the scale's margin alone is eps / 4.
      EXPECT_GT(worst, eps / 100) << "tau=" << tau << " eps=" << eps;
    }
}

TEST(GqspHamiltonian, BadParametersAreRefused) {
  EXPECT_THROW(qsp::gqspHamiltonian(1.0, 0.0), Error);
  EXPECT_THROW(qsp::gqspHamiltonian(1.0, 0.7), Error);
  EXPECT_THROW(qsp::gqspHamiltonian(NAN, 1e-6), Error);
  EXPECT_THROW(qsp::gqspHamiltonian(2e6, 1e-6), Error);
}
