//===- EigenMpfrTest.cpp - Eigen's dense solvers on Mpfr ------------------===//
//
// The NumTraits specialisation in EigenMpfr.h is what lets Eigen's dense
// decompositions run at 256 bits. These tests run the decompositions qsvtc
// relies on and compare with answers computed another way: a closed-form
// spectrum, and residuals recomputed in Mpfr.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/EigenMpfr.h"
#include "MpfrPrinting.h"

#include <Eigen/Dense>
#include <boost/math/constants/constants.hpp>
#include <gtest/gtest.h>

#include <random>

using qsvtc::numeric::Mpfr;
using qsvtc::numeric::PrecisionGuard;
using MatrixMp = Eigen::Matrix<Mpfr, Eigen::Dynamic, Eigen::Dynamic>;
using VectorMp = Eigen::Matrix<Mpfr, Eigen::Dynamic, 1>;

namespace {

const Mpfr &tol70() {
  static const Mpfr t = [] {
    PrecisionGuard guard(256);
    return Mpfr("1e-70");
  }();
  return t;
}

/// A random well-scaled dense system with entries using all 256 bits.
void randomSystem(int n, MatrixMp &a, VectorMp &b) {
  std::mt19937_64 rng(4242);
  std::uniform_int_distribution<long> num(-1000000, 1000000);
  auto draw = [&] { return Mpfr(num(rng)) / 999983; };
  a.resize(n, n);
  b.resize(n);
  for (int i = 0; i < n; ++i) {
    b(i) = draw();
    for (int j = 0; j < n; ++j)
      a(i, j) = draw();
  }
}

Mpfr residual(const MatrixMp &a, const VectorMp &x, const VectorMp &b) {
  const VectorMp r = a * x - b;
  return r.cwiseAbs().maxCoeff();
}

} // namespace

TEST(EigenMpfr, TridiagonalToeplitzEigenvalues) {
  PrecisionGuard guard(256);
  const int n = 64;
  MatrixMp a = MatrixMp::Zero(n, n);
  for (int i = 0; i < n; ++i) {
    a(i, i) = 2;
    if (i + 1 < n)
      a(i, i + 1) = a(i + 1, i) = -1;
  }
  Eigen::SelfAdjointEigenSolver<MatrixMp> solver(a);
  ASSERT_EQ(solver.info(), Eigen::Success);
  const Mpfr pi = boost::math::constants::pi<Mpfr>();
  for (int k = 1; k <= n; ++k) {
    // Eigenvalues come sorted ascending, and 2 - 2 cos(k pi / 65) increases.
    const Mpfr want = 2 - 2 * cos(k * pi / (n + 1));
    EXPECT_LT(abs(solver.eigenvalues()(k - 1) - want), tol70()) << "k = " << k;
  }
  // Eigenvectors: A V = V diag(lambda), orthonormal.
  const MatrixMp &v = solver.eigenvectors();
  const MatrixMp av = a * v - v * solver.eigenvalues().asDiagonal();
  EXPECT_LT(av.cwiseAbs().maxCoeff(), tol70());
  const MatrixMp vtv = v.transpose() * v - MatrixMp::Identity(n, n);
  EXPECT_LT(vtv.cwiseAbs().maxCoeff(), tol70());
}

TEST(EigenMpfr, PartialPivLuSolvesRandomSystem) {
  PrecisionGuard guard(256);
  MatrixMp a;
  VectorMp b;
  randomSystem(40, a, b);
  const VectorMp x = a.partialPivLu().solve(b);
  EXPECT_LT(residual(a, x, b), tol70());
  // Not trivially small: the solution is O(1), so a residual test means
  // something (a zero x would fail it).
  EXPECT_GT(x.cwiseAbs().maxCoeff(), Mpfr("1e-3"));
}

TEST(EigenMpfr, HouseholderQrSolvesRandomSystem) {
  PrecisionGuard guard(256);
  MatrixMp a;
  VectorMp b;
  randomSystem(40, a, b);
  const VectorMp x = a.householderQr().solve(b);
  EXPECT_LT(residual(a, x, b), tol70());
  const VectorMp xLu = a.partialPivLu().solve(b);
  EXPECT_LT((x - xLu).cwiseAbs().maxCoeff(), Mpfr("1e-65"));
}

TEST(EigenMpfr, ColPivHouseholderQrSolvesRandomSystem) {
  PrecisionGuard guard(256);
  MatrixMp a;
  VectorMp b;
  randomSystem(40, a, b);
  Eigen::ColPivHouseholderQR<MatrixMp> qr(a);
  EXPECT_EQ(qr.rank(), 40);
  const VectorMp x = qr.solve(b);
  EXPECT_LT(residual(a, x, b), tol70());
}

TEST(EigenMpfr, TraitsFollowCurrentPrecision) {
  using Traits = Eigen::NumTraits<Mpfr>;
  Mpfr eps256, eps512;
  {
    PrecisionGuard guard(256);
    eps256 = Traits::epsilon();
    const Mpfr one = 1;
    EXPECT_NE(one + eps256, one);
    EXPECT_EQ(one + eps256 / 4, one);
    EXPECT_GE(Traits::digits(), 256);
    EXPECT_GE(Traits::digits10(), 76);
    EXPECT_GT(Traits::dummy_precision(), eps256);
    EXPECT_LT(Traits::dummy_precision(), Mpfr("1e-60"));
  }
  {
    PrecisionGuard guard(512);
    eps512 = Traits::epsilon();
    EXPECT_GE(Traits::digits(), 512);
  }
  EXPECT_LT(eps512, eps256 * eps256 * 1e10);
}

TEST(EigenMpfr, TraitsSpecialValues) {
  PrecisionGuard guard(256);
  using Traits = Eigen::NumTraits<Mpfr>;
  EXPECT_TRUE(isinf(Traits::infinity()));
  EXPECT_GT(Traits::infinity(), 0);
  EXPECT_TRUE(isnan(Traits::quiet_NaN()));
  EXPECT_TRUE(isfinite(Traits::highest()));
  EXPECT_TRUE(isinf(Traits::highest() * 2));
  EXPECT_EQ(Traits::lowest(), -Traits::highest());
  EXPECT_LT(Traits::min_exponent(), -1000);
  EXPECT_GT(Traits::max_exponent(), 1000);
}
