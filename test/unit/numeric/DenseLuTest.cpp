//===- DenseLuTest.cpp - The CPU-specific dense LU ------------------------===//
//
// numeric::DenseLu is Eigen's partial-pivoting LU built with other compiler
// flags (and under another namespace name): its solutions must match those
// of the portable build's full-pivoting LU, a different algorithm, to what
// the conditioning allows, and the factors must stay in the caller's array.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/DenseLu.h"

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <random>

using qsvtc::numeric::DenseLu;

TEST(DenseLu, SolvesLikeAFullPivotingLu) {
  std::mt19937 rng(7);
  std::normal_distribution<double> g;
  // 1 and 5: the unblocked path; 300: Eigen's blocked one, with its matrix
  // products.
  for (const int n : {1, 5, 300}) {
    Eigen::MatrixXd a(n, n);
    Eigen::VectorXd b(n);
    for (int j = 0; j < n; ++j) {
      b(j) = g(rng);
      for (int i = 0; i < n; ++i)
        a(i, j) = g(rng);
    }
    Eigen::MatrixXd factors = a;
    const DenseLu lu(factors.data(), n);
    if (n > 1) {
      EXPECT_NE((factors - a).norm(), 0.0) << "factorized in place, n = " << n;
    }
    Eigen::VectorXd x(n);
    lu.solve(b.data(), x.data());
    const Eigen::FullPivLU<Eigen::MatrixXd> full(a);
    const Eigen::VectorXd reference = full.solve(b);
    // Both are backward stable: forward errors are within cond(A) u (in
    // the Frobenius norm, an upper bound on the spectral one).
    const double cond = a.norm() * full.inverse().norm();
    EXPECT_LE((x - reference).norm(), 100 * n * cond * 1.1e-16 * reference.norm()) << "n = " << n;
    EXPECT_LE((a * x - b).norm(), 100 * n * 1.1e-16 * a.norm() * x.norm()) << "n = " << n;
    // In place: b and x may be the same array.
    Eigen::VectorXd y = b;
    lu.solve(y.data(), y.data());
    EXPECT_EQ(y, x);
  }
}
