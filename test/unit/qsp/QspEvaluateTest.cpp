//===- QspEvaluateTest.cpp - The QSP product and conventions --------------===//
//
// The recurrence in Evaluate.h against the definition: dense 2x2 complex
// matrix products of e^{i phi Z} and W(x) = exp(i arccos(x) X), at random
// phases and points. The converters are checked the same way, each side
// evaluated by its own definition.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/DoubleDouble.h"
#include "qsvtc/qsp/Conventions.h"
#include "qsvtc/qsp/Evaluate.h"
#include "qsvtc/qsp/Newton.h"

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <complex>
#include <random>

using namespace qsvtc;
using qsp::Complex;
using C = std::complex<double>;
using M2 = Eigen::Matrix2cd;

namespace {

M2 zPhase(double phi) {
  M2 m = M2::Zero();
  m(0, 0) = std::exp(C(0, phi));
  m(1, 1) = std::exp(C(0, -phi));
  return m;
}

/// exp(i theta X) with theta = arccos(x): [[x, i s], [i s, x]].
M2 signalW(double x) {
  const double s = std::sqrt(1 - x * x);
  M2 m;
  m << x, C(0, s), C(0, s), x;
  return m;
}

M2 reflection(double x) {
  const double s = std::sqrt(1 - x * x);
  M2 m;
  m << x, s, s, -x;
  return m;
}

M2 product(const std::vector<double> &phases, double x, M2 (*signal)(double)) {
  M2 u = zPhase(phases[0]);
  for (std::size_t j = 1; j < phases.size(); ++j)
    u = u * signal(x) * zPhase(phases[j]);
  return u;
}

std::vector<double> randomPhases(std::mt19937 &rng, int d) {
  std::uniform_real_distribution<double> u(-M_PI, M_PI);
  std::vector<double> p(d + 1);
  for (double &v : p)
    v = u(rng);
  return p;
}

/// evaluate(x) against the dense product's <0|U|0> at 20 random x. Both
/// are products of d unitaries in double: rounding ~ d eps.
template <class F>
void expectMatchesDenseProduct(const std::vector<double> &phases, std::mt19937 &rng, F evaluate) {
  std::uniform_real_distribution<double> ux(-1, 1);
  const int d = static_cast<int>(phases.size()) - 1;
  for (int t = 0; t < 20; ++t) {
    const double x = ux(rng);
    const C dense = product(phases, x, signalW)(0, 0);
    const Complex<double> fast = evaluate(x);
    EXPECT_NEAR(fast.re, dense.real(), 1e-13 * (d + 1)) << "d=" << d << " x=" << x;
    EXPECT_NEAR(fast.im, dense.imag(), 1e-13 * (d + 1)) << "d=" << d << " x=" << x;
  }
}

} // namespace

TEST(QspEvaluate, RecurrenceMatchesDenseProduct) {
  std::mt19937 rng(7);
  for (int d : {0, 1, 2, 5, 30, 101}) {
    const std::vector<double> phases = randomPhases(rng, d);
    const auto table = qsp::phaseTableDouble(phases);
    expectMatchesDenseProduct(phases, rng, [&](double x) { return qsp::qspTopLeft(table, x); });
  }
}

// The half-product form for symmetric phases against the dense product of
// all d + 1 factors (complex matrices, no shared code), both parities.
TEST(QspEvaluate, SymmetricHalfProductMatchesDenseProduct) {
  std::mt19937 rng(5);
  for (int d : {0, 1, 2, 3, 4, 7, 30, 101, 200}) {
    std::vector<double> phases = randomPhases(rng, d);
    for (int j = 0; j <= d / 2; ++j)
      phases[d - j] = phases[j];
    const auto table = qsp::phaseTableDouble(phases);
    ASSERT_TRUE(qsp::isSymmetric(table)) << "d=" << d;
    expectMatchesDenseProduct(phases, rng,
                              [&](double x) { return qsp::qspTopLeftSymmetric(table, x); });
  }
  // One phase off its mirror: not symmetric (the certificate then runs the
  // whole product).
  std::vector<double> phases = randomPhases(rng, 10);
  for (int j = 0; j <= 5; ++j)
    phases[10 - j] = phases[j];
  phases[9] = std::nextafter(phases[9], 10.0);
  EXPECT_FALSE(qsp::isSymmetric(qsp::phaseTableDouble(phases)));
}

TEST(QspEvaluate, DoubleDoubleAgreesWithDouble) {
  std::mt19937 rng(11);
  const std::vector<double> phases = randomPhases(rng, 200);
  std::vector<numeric::Mpfr> mp(phases.begin(), phases.end());
  const auto dd = qsp::phaseTable<numeric::DoubleDouble>(mp, 160);
  const auto db = qsp::phaseTableDouble(phases);
  for (double x : {-0.9, -0.3, 0.0, 0.41, 0.999}) {
    const double a = numeric::toDouble(qsp::qspTopLeft(dd, x).re);
    const double b = qsp::qspTopLeft(db, x).re;
    EXPECT_NEAR(a, b, 1e-12); // double's own drift over 200 factors
  }
}

TEST(QspConventions, ReflectionGivesTheSameTopLeftEntry) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> ux(-1, 1);
  for (int d : {0, 1, 2, 3, 8, 25}) {
    const std::vector<double> phi = randomPhases(rng, d);
    const std::vector<double> psi = qsp::wxToReflection(phi);
    for (int t = 0; t < 10; ++t) {
      const double x = ux(rng);
      const C wx = product(phi, x, signalW)(0, 0);
      const C refl = product(psi, x, reflection)(0, 0);
      EXPECT_NEAR(std::abs(wx - refl), 0.0, 1e-13) << "d=" << d;
    }
    const std::vector<double> back = qsp::reflectionToWx(psi);
    // Adding and removing up to (2d-1) pi/4 costs an ulp of that sum.
    for (std::size_t j = 0; j < phi.size(); ++j)
      EXPECT_NEAR(back[j], phi[j], 4e-16 * (2 * d + 4));
  }
}

TEST(QspConventions, QsppackReducedRoundTrips) {
  std::mt19937 rng(5);
  for (int d : {0, 1, 2, 7, 8}) {
    std::vector<double> phi = randomPhases(rng, d);
    for (int j = 0; j <= d; ++j) // symmetric phases only
      phi[d - j] = phi[j];
    const std::vector<double> back = qsp::fullFromReduced(qsp::wxToQsppackReduced(phi), d % 2);
    ASSERT_EQ(back.size(), phi.size());
    for (int j = 0; j <= d; ++j)
      EXPECT_NEAR(back[j], phi[j], 1e-15) << "d=" << d << " j=" << j;
  }
}
