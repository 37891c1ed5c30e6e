//===- DenseLu.h - Dense LU of a large double matrix -----------*- C++ -*-===//
//
// LU with partial pivoting of an n x n double matrix, in place, and solves
// with it: Newton's Jacobian for QSP phases (n = 5000 at degree 1e4, where
// the factorization is most of the solver's time). The implementation is
// Eigen's, compiled for this machine's vector units when the build allows
// (QSVTC_NATIVE in CMakeLists.txt): about twice as fast with AVX2 as with
// the portable SSE2. No Eigen type crosses this header, so the rest of the
// code keeps its portable build.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_NUMERIC_DENSELU_H
#define QSVTC_NUMERIC_DENSELU_H

#include <cstddef>
#include <memory>

namespace qsvtc::numeric {

class DenseLu {
public:
  /// Factorizes the column-major n x n matrix at a in place: a holds the
  /// factors afterwards and must outlive this object.
  DenseLu(double *a, std::size_t n);
  ~DenseLu();
  DenseLu(const DenseLu &) = delete;
  DenseLu &operator=(const DenseLu &) = delete;

  /// x = A^{-1} b for the factorized A (b and x of length n; may alias).
  void solve(const double *b, double *x) const;

private:
  struct Factors;
  std::size_t n;
  std::unique_ptr<Factors> factors;
};

} // namespace qsvtc::numeric

#endif // QSVTC_NUMERIC_DENSELU_H
