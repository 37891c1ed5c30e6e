//===- DenseLu.cpp - Dense LU of a large double matrix --------------------===//
//
// The one file compiled for this machine's CPU (-march=native, see
// CMakeLists.txt). Eigen's templates are instantiated here under another
// namespace name: every other file instantiates the same templates
// (general_matrix_matrix_product<...>::run and the like) for the portable
// target, and with equal names the linker would keep one copy of each for
// the whole program, the fast one or the portable one, at random. Renamed,
// this file's copies are its own.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/DenseLu.h"

#define Eigen QsvtcNativeEigen
#include <Eigen/Dense>

namespace qsvtc::numeric {

using MatrixRef = QsvtcNativeEigen::Ref<QsvtcNativeEigen::MatrixXd>;

struct DenseLu::Factors {
  QsvtcNativeEigen::Map<QsvtcNativeEigen::MatrixXd> matrix;
  QsvtcNativeEigen::PartialPivLU<MatrixRef> lu;
  Factors(double *a, std::size_t n)
      : matrix(a, static_cast<long>(n), static_cast<long>(n)), lu(matrix) {}
};

DenseLu::DenseLu(double *a, std::size_t n) : n(n), factors(std::make_unique<Factors>(a, n)) {}

DenseLu::~DenseLu() = default;

void DenseLu::solve(const double *b, double *x) const {
  using Vector = QsvtcNativeEigen::VectorXd;
  const Vector rhs = QsvtcNativeEigen::Map<const Vector>(b, static_cast<long>(n));
  QsvtcNativeEigen::Map<Vector>(x, static_cast<long>(n)) = factors->lu.solve(rhs);
}

} // namespace qsvtc::numeric
