//===- PyqspConventionTest.cpp - pyqsp's phase conventions ----------------===//
//
// The pyqsp converters (Conventions.h) checked by evaluating both sides at
// random points, each by its own definition: our side is the Wx product
// Re<0|U_Phi|0>; pyqsp's side is written here the way pyqsp computes it
// (SymmetricQSPProtocol.gen_unitary for sym_qsp, whose target is
// Im U[0,0]; ComputeQSPResponse for the "laurent" models, whose target is
// <+|U|+> for Wx or <0|H U H|0> with Hadamard-framed operators for Wz),
// as plain 2x2 complex matrix products. The reference phases were printed
// by pyqsp itself (commit 065492b6, sym_qsp_opt.newton_solver, crit 1e-14).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/Conventions.h"
#include "qsvtc/qsp/Newton.h"

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <complex>
#include <random>

using namespace qsvtc;
using C = std::complex<double>;
using M2 = Eigen::Matrix2cd;

namespace {

// ---- pyqsp's side, as pyqsp writes it ---------------------------------------

/// SymmetricQSPProtocol.signal(a) / ComputeQSPResponse's Wx sig_op.
M2 pyqspSignal(double a) {
  const double s = std::sqrt(1 - a * a);
  M2 m;
  m << a, C(0, s), C(0, s), a;
  return m;
}

/// SymmetricQSPProtocol.phase(phi) / ComputeQSPResponse's Wx qsp_op.
M2 pyqspPhase(double phi) {
  M2 m = M2::Zero();
  m(0, 0) = std::exp(C(0, phi));
  m(1, 1) = std::exp(C(0, -phi));
  return m;
}

M2 hadamard() {
  M2 h;
  h << 1, 1, 1, -1;
  return h / std::sqrt(2.0);
}

/// gen_unitary: U = phase(phi_0); for phi in phases[1:]: U = U @ W @ phase.
M2 pyqspUnitary(const std::vector<double> &phases, double a, bool wz = false) {
  const M2 h = hadamard();
  auto sig = [&](double x) { return wz ? M2(h * pyqspSignal(x) * h) : pyqspSignal(x); };
  auto ph = [&](double p) { return wz ? M2(h * pyqspPhase(p) * h) : pyqspPhase(p); };
  M2 u = ph(phases[0]);
  for (std::size_t j = 1; j < phases.size(); ++j)
    u = u * sig(a) * ph(phases[j]);
  return u;
}

/// sym_qsp's target: gen_response_im = Im U[0, 0].
double pyqspSymResponse(const std::vector<double> &psi, double a) {
  return pyqspUnitary(psi, a)(0, 0).imag();
}

/// ComputeQSPResponse(..., "Wx", measurement "x"): <+|U|+>; with "Wz",
/// measurement "z": <0|U_Wz|0>.
C pyqspLaurentResponse(const std::vector<double> &phases, double a, bool wz) {
  const M2 u = pyqspUnitary(phases, a, wz);
  if (wz)
    return u(0, 0);
  Eigen::Vector2cd plus(1 / std::sqrt(2.0), 1 / std::sqrt(2.0));
  return plus.dot(u * plus); // conj(plus)^T U plus (plus is real)
}

// ---- our side ---------------------------------------------------------------

/// Re<0|e^{i phi_0 Z} prod W(x) e^{i phi_j Z}|0>, W = exp(i arccos(x) X)
/// built from its exponential, not from pyqsp's matrix.
double oursResponse(const std::vector<double> &phi, double x) {
  const double t = std::acos(x);
  M2 w;
  w << std::cos(t), C(0, std::sin(t)), C(0, std::sin(t)), std::cos(t);
  M2 u = M2::Identity();
  u(0, 0) = std::polar(1.0, phi[0]);
  u(1, 1) = std::polar(1.0, -phi[0]);
  for (std::size_t j = 1; j < phi.size(); ++j) {
    M2 z = M2::Zero();
    z(0, 0) = std::polar(1.0, phi[j]);
    z(1, 1) = std::polar(1.0, -phi[j]);
    u = u * w * z;
  }
  return u(0, 0).real();
}

std::vector<double> randomSymmetric(std::mt19937 &rng, int d) {
  std::uniform_real_distribution<double> u(-M_PI, M_PI);
  std::vector<double> p(d + 1);
  for (int j = 0; j <= d / 2; ++j)
    p[j] = p[d - j] = u(rng);
  return p;
}

double chebyshev(const std::vector<double> &c, double x) {
  double sum = 0;
  for (std::size_t k = 0; k < c.size(); ++k)
    sum += c[k] * std::cos(k * std::acos(x));
  return sum;
}

} // namespace

TEST(PyqspConventions, SymQspImaginaryPartIsOurRealPart) {
  std::mt19937 rng(17);
  std::uniform_real_distribution<double> ux(-1, 1);
  for (int d : {0, 1, 2, 3, 8, 25, 100}) {
    const std::vector<double> phi = randomSymmetric(rng, d);
    const std::vector<double> psi = qsp::wxToPyqsp(phi);
    ASSERT_EQ(psi.size(), phi.size());
    for (int j = 0; j <= d; ++j) // still symmetric, bit for bit
      EXPECT_EQ(psi[j], psi[d - j]);
    for (int t = 0; t < 20; ++t) {
      const double x = ux(rng);
      EXPECT_NEAR(pyqspSymResponse(psi, x), oursResponse(phi, x), 1e-14 * (d + 1))
          << "d=" << d << " x=" << x;
    }
    const std::vector<double> back = qsp::pyqspToWx(psi);
    for (int j = 0; j <= d; ++j)
      EXPECT_NEAR(back[j], phi[j], 1e-15) << "d=" << d << " j=" << j;
  }
}

TEST(PyqspConventions, ReducedPhasesExpandLikeSymmetricQspProtocol) {
  // odd: [r2, r1, r0, r0, r1, r2]; even: [r2, r1, 2 r0, r1, r2]
  EXPECT_EQ(qsp::pyqspFullFromReduced({0.1, 0.2, 0.3}, 1),
            (std::vector<double>{0.3, 0.2, 0.1, 0.1, 0.2, 0.3}));
  EXPECT_EQ(qsp::pyqspFullFromReduced({0.1, 0.2, 0.3}, 0),
            (std::vector<double>{0.3, 0.2, 0.2, 0.2, 0.3}));
  EXPECT_EQ(qsp::pyqspFullFromReduced({0.25}, 0), (std::vector<double>{0.5}));
  EXPECT_EQ(qsp::pyqspFullFromReduced({0.25}, 1), (std::vector<double>{0.25, 0.25}));
}

// pyqsp's own output for two small polynomials: our Newton's phases,
// converted, are pyqsp's phases (the same solution branch, not merely
// another phase list for the same polynomial), and they evaluate to p.
TEST(PyqspConventions, OurNewtonPhasesConvertToWhatPyqspReturns) {
  struct Case {
    std::vector<double> coef;
    std::vector<double> pyqspReduced;
  };
  const std::vector<Case> cases = {
      {{0, 0.4, 0, -0.2, 0, 0.1}, {0.20524430381010075, -0.10575097887466503, 0.05285300207226309}},
      {{0.3, 0, -0.25, 0, 0.1, 0, 0.05},
       {0.16020701720670114, -0.13746345526984188, 0.05100774018920263, 0.026927658269103483}},
  };
  std::mt19937 rng(23);
  std::uniform_real_distribution<double> ux(-1, 1);
  for (const Case &c : cases) {
    const int d = static_cast<int>(c.coef.size()) - 1;
    const auto ours = qsp::newtonPhases(c.coef, d % 2);
    ASSERT_TRUE(ours.converged);
    const std::vector<double> psi = qsp::wxToPyqsp(ours.phases);
    const std::vector<double> theirs = qsp::pyqspFullFromReduced(c.pyqspReduced, d % 2);
    ASSERT_EQ(psi.size(), theirs.size());
    for (int j = 0; j <= d; ++j)
      EXPECT_NEAR(psi[j], theirs[j], 1e-13) << "d=" << d << " j=" << j;
    const std::vector<double> phi = qsp::pyqspToWx(theirs);
    for (int t = 0; t < 20; ++t) {
      const double x = ux(rng);
      EXPECT_NEAR(pyqspSymResponse(theirs, x), chebyshev(c.coef, x), 1e-14);
      EXPECT_NEAR(oursResponse(phi, x), chebyshev(c.coef, x), 1e-14);
    }
  }
}

// pyqsp's default "laurent" phases need no conversion: for ANY phase list
// (symmetric or not) Re of what pyqsp fits equals our Re<0|U|0>.
TEST(PyqspConventions, LaurentModelsFitOurRealPart) {
  std::mt19937 rng(29);
  std::uniform_real_distribution<double> u(-M_PI, M_PI), ux(-1, 1);
  for (int d : {0, 1, 2, 5, 16, 41}) {
    std::vector<double> phases(d + 1);
    for (double &p : phases)
      p = u(rng);
    for (int t = 0; t < 20; ++t) {
      const double x = ux(rng);
      const double ours = oursResponse(phases, x);
      EXPECT_NEAR(pyqspLaurentResponse(phases, x, false).real(), ours, 1e-14 * (d + 1))
          << "Wx, d=" << d;
      EXPECT_NEAR(pyqspLaurentResponse(phases, x, true).real(), ours, 1e-14 * (d + 1))
          << "Wz, d=" << d;
    }
  }
}
