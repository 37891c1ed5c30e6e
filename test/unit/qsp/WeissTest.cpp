//===- WeissTest.cpp - Fast symmetric QSP phases (Weiss + inverse NLFFT) --===//
//
// Known answers: QSPPACK's phases (test/data/qsp-reference), which the
// Weiss completion + inverse NLFFT must reproduce (it reaches the same
// "maximal" solution as Newton: its a is outer), and Newton's own phases.
// At degree 1e4 (0.5 cos(tau x) by Jacobi-Anger, Boost's Bessel J) the
// double-double NLFT certificate must be <= 1e-12, and an independent MPFR
// QSP product at 20 points must agree with the target within it. Edge
// degrees 0..3, bad targets, and the refinement step are covered too.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/Weiss.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/Mpfr.h"
#include "qsvtc/qsp/CertifyPhases.h"
#include "qsvtc/qsp/Evaluate.h"
#include "qsvtc/qsp/Newton.h"
#include "qsvtc/qsp/NlftCertify.h"
#include "qsvtc/support/Error.h"

#include <boost/math/special_functions/bessel.hpp>
#include <gtest/gtest.h>

#include "MpfrSpotCheck.h"
#include "QspReference.h"
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

using namespace qsvtc;
using numeric::Mpfr;

namespace {

using Reference = testref::QspReference;
Reference load(const std::string &name) { return testref::loadQspReference(name); }

double maxDifference(const std::vector<double> &a, const std::vector<double> &b) {
  EXPECT_EQ(a.size(), b.size());
  double m = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
    m = std::max(m, std::abs(a[i] - b[i]));
  return m;
}

/// 0.5 cos(tau x) = sum_k c_k T_k(x): c_0 = J_0(tau)/2, c_{2k} = (-1)^k
/// J_{2k}(tau) (Jacobi-Anger), truncated at degree d.
std::vector<double> halfCosine(double tau, int d) {
  std::vector<double> c(d + 1, 0.0);
  for (int k = 0; k <= d; k += 2) {
    const double j = boost::math::cyl_bessel_j(k, tau);
    c[k] = k == 0 ? 0.5 * j : ((k / 2) % 2 ? -j : j);
  }
  return c;
}

/// max over [-1, 1] of |Re<0|U|0> - p| on a grid, in double (O(d) per
/// point; for small degrees only).
double gridError(const std::vector<double> &phases, const std::vector<double> &coef,
                 int points = 801) {
  const qsp::PhaseTable<double> table = qsp::phaseTableDouble(phases);
  double worst = 0;
  for (int i = 0; i < points; ++i) {
    const double x = std::cos(M_PI * i / (points - 1));
    worst = std::max(worst, std::abs(qsp::qspTopLeft(table, x).re - numeric::clenshaw(coef, x)));
  }
  return worst;
}

} // namespace

class WeissReference : public ::testing::TestWithParam<const char *> {};

TEST_P(WeissReference, ReproducesQsppackAndNewton) {
  const Reference ref = load(GetParam());
  qsp::WeissStats stats;
  const std::vector<double> phases = qsp::weissPhases(ref.coef, ref.parity, {}, &stats);
  ASSERT_EQ(phases.size(), ref.phases.size());
  // The exp_* references stop at QSPPACK's first iterate under 1e-12
  // (README: 1e-13 accurate); the others are good to ~1e-15.
  const bool loose = std::string(GetParam()).rfind("exp", 0) == 0;
  EXPECT_LT(maxDifference(phases, ref.phases), loose ? 1e-12 : 1e-13);
  const auto newton = qsp::newtonPhases(ref.coef, ref.parity);
  ASSERT_TRUE(newton.converged);
  EXPECT_LT(maxDifference(phases, newton.phases), 1e-13);
  // The built-in certificate, and the one computed on its own.
  ASSERT_TRUE(stats.certified);
  EXPECT_LT(stats.certificate.bound, 1e-13);
  EXPECT_EQ(stats.refinementSteps, 0);
  const qsp::NlftCertificate cert = qsp::certifyPhasesNlft(phases, ref.coef);
  EXPECT_EQ(cert.bound, stats.certificate.bound);
  // The independent dense-grid certificate (double-double 2x2 products,
  // CertifyPhases.h) measures the error; the NLFT bound must cover it.
  const std::vector<Mpfr> phasesMp(phases.begin(), phases.end()),
      coefMp(ref.coef.begin(), ref.coef.end());
  const double measured = qsp::certifyPhases(phasesMp, 53, coefMp).maxError;
  EXPECT_LE(measured, cert.bound * (1 + 1e-9) + 1e-25);
  EXPECT_GT(stats.grid, std::size_t(2 * stats.degree));
  EXPECT_LT(stats.tail, 1e-28);
  EXPECT_GT(stats.maxAbs, 0.0);
  EXPECT_LT(stats.maxAbs, 1.0);
}

INSTANTIATE_TEST_SUITE_P(All, WeissReference,
                         ::testing::Values("cos_tau10", "cos_tau100", "cos_d500", "exp_b10_even",
                                           "exp_b10_odd", "exp_b100_even", "exp_b100_odd",
                                           "erf_k20"));

TEST(WeissPhases, CosineAtDegree10000IsCertifiedAndSpotChecked) {
  // tau = 9600: |J_k(tau)| < 1e-30 beyond k = 10000, so the truncation is
  // exact in double; the certificate is against these coefficients anyway.
  const int d = 10000;
  const std::vector<double> coef = halfCosine(9600, d);
  qsp::WeissStats stats;
  const std::vector<double> phases = qsp::weissPhases(coef, 0, {}, &stats);
  ASSERT_EQ(phases.size(), std::size_t(d + 1));
  ASSERT_TRUE(stats.certified);
  EXPECT_LE(stats.certificate.bound, 1e-12);
  EXPECT_EQ(stats.degree, d);
  // Independent spot check: the QSP product and the Chebyshev sum in MPFR
  // (128 bits) at 20 points, which must agree within the certificate.
  const double worst = testref::mpfrSpotCheck(phases, coef);
  EXPECT_LE(worst, stats.certificate.bound);
  EXPECT_LT(worst, 1e-13);
}

TEST(WeissPhases, RefinementLowersTheCertifiedError) {
  // Force refinement where double rounding is still mild (d = 2000: l1
  // ~1.4e-14, vs ~6e-16 after one step): the step must run, move the
  // phases only at rounding level, and lower the bound several-fold.
  const std::vector<double> coef = halfCosine(1800, 2000);
  qsp::WeissOptions plain;
  plain.certify = true;
  plain.maxRefinementSteps = 0;
  qsp::WeissStats before;
  const std::vector<double> p0 = qsp::weissPhases(coef, 0, plain, &before);
  qsp::WeissOptions refine;
  refine.refineAbove = 0;
  refine.maxRefinementSteps = 1;
  qsp::WeissStats after;
  const std::vector<double> p1 = qsp::weissPhases(coef, 0, refine, &after);
  EXPECT_EQ(before.refinementSteps, 0);
  EXPECT_EQ(after.refinementSteps, 1);
  EXPECT_LT(after.certificate.bound, 0.25 * before.certificate.bound);
  EXPECT_EQ(after.unrefinedError, before.certificate.bound);
  EXPECT_LT(maxDifference(p0, p1), 1e-14);
  EXPECT_LT(after.certificate.bound, 1e-13);
}

TEST(WeissPhases, LowDegrees) {
  // d = 0..3, both parities, checked against the QSP product directly.
  const std::vector<std::vector<double>> cases = {
      {0.3}, {-0.7}, {0.0, 0.5}, {0.0, -0.9}, {0.2, 0.0, 0.3}, {0.0, 0.4, 0.0, -0.3}};
  for (const std::vector<double> &coef : cases) {
    const int parity = static_cast<int>(coef.size() - 1) % 2;
    qsp::WeissStats stats;
    const std::vector<double> phases = qsp::weissPhases(coef, parity, {}, &stats);
    ASSERT_EQ(phases.size(), coef.size());
    EXPECT_LT(gridError(phases, coef), 1e-15) << "degree " << coef.size() - 1;
    EXPECT_LT(stats.certificate.bound, 1e-15);
  }
}

TEST(WeissPhases, DegreeFollowsTheParity) {
  // A trailing zero of the other parity lowers the degree; small
  // wrong-parity noise is ignored.
  const std::vector<double> phases = qsp::weissPhases({0.0, 0.5, 1e-17}, 1);
  EXPECT_EQ(phases.size(), 2u);
  EXPECT_LT(gridError(phases, {0.0, 0.5}), 1e-15);
}

TEST(WeissPhases, RefusesBadTargets) {
  EXPECT_THROW(qsp::weissPhases({0.1, 0.3, 0.2}, 0), Error); // mixed parity
  EXPECT_THROW(qsp::weissPhases({0.0, 1.0}, 1), Error);      // max|p| = 1
  EXPECT_THROW(qsp::weissPhases({0.0, 1.5}, 1), Error);      // max|p| > 1
  EXPECT_THROW(qsp::weissPhases({0.5}, 1), Error);           // no odd part
  EXPECT_THROW(qsp::weissPhases({0.5}, 2), Error);           // bad parity
  EXPECT_THROW(qsp::weissPhases({0.5, NAN}, 1), Error);
  // A grid cap that the target needs to exceed.
  qsp::WeissOptions capped;
  capped.maxGrid = 256;
  EXPECT_THROW(qsp::weissPhases(halfCosine(180, 200), 0, capped), Error);
  try {
    qsp::weissPhases(halfCosine(180, 200), 0, capped);
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("grid"), std::string::npos);
  }
}

TEST(WeissCompletion, IsOuterAndComplementsB) {
  // |a|^2 + |b|^2 = 1 on the circle and a^*(0) > 0, checked by evaluating
  // both polynomials (a^* truncated at degree d: its tail is ~1e-17).
  const Reference ref = load("cos_tau100");
  const int d = static_cast<int>(ref.coef.size()) - 1;
  const std::vector<double> b = qsp::nlftTargetFromChebyshev(ref.coef, d);
  ASSERT_EQ(b.size(), std::size_t(d + 1));
  EXPECT_EQ(b[d / 2], -ref.coef[0]);
  EXPECT_EQ(b[0], -ref.coef[d] / 2);
  const std::vector<double> a = qsp::weissCompletion(b);
  EXPECT_GT(a[0], 0);
  for (int j = 0; j < 50; ++j) {
    const std::complex<double> z = std::polar(1.0, 0.123 * j);
    std::complex<double> av = 0, bv = 0;
    for (int k = d; k >= 0; --k) {
      av = av * z + a[k];
      bv = bv * z + b[k];
    }
    EXPECT_NEAR(std::norm(av) + std::norm(bv), 1.0, 1e-13);
  }
}

TEST(WeissPhases, PhasesFromGammaAddsQuarterPiAtTheEnds) {
  const std::vector<double> phi = qsp::phasesFromGamma({0.5, -0.25}, 3);
  ASSERT_EQ(phi.size(), 4u);
  EXPECT_DOUBLE_EQ(phi[0], std::atan(0.5) + M_PI / 4);
  EXPECT_DOUBLE_EQ(phi[3], phi[0]);
  EXPECT_DOUBLE_EQ(phi[1], std::atan(-0.25));
  EXPECT_DOUBLE_EQ(phi[2], phi[1]);
  const std::vector<double> zero = qsp::phasesFromGamma({0.0}, 0);
  EXPECT_DOUBLE_EQ(zero[0], M_PI / 2);
}
