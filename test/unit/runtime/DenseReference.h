//===- DenseReference.h - Full unitaries by Kronecker products -*- C++ -*-===//
//
// The tests' independent reference for the simulator: an Operation as a
// 2^n x 2^n matrix built from Kronecker products of 2x2 factors, never from
// the simulator's index arithmetic. A k-target matrix M is expanded as
// Σ_{r,c} M(r,c) ⊗_j |r_j><c_j| (bit j of r, c on target j); controls give
// C = (I − P) + P·(M on the targets), P the projector on the control values.
// Qubit q is bit q of the basis index, so the Kronecker product runs from
// qubit n−1 (leftmost factor) down to qubit 0.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_TEST_RUNTIME_DENSEREFERENCE_H
#define QSVTC_TEST_RUNTIME_DENSEREFERENCE_H

#include "qsvtc/runtime/Circuit.h"

#include <Eigen/Dense>

#include <map>

namespace qsvtc::runtime::test {

inline Eigen::MatrixXcd kron(const Eigen::MatrixXcd &a, const Eigen::MatrixXcd &b) {
  Eigen::MatrixXcd out(a.rows() * b.rows(), a.cols() * b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j)
      out.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
  return out;
}

/// ⊗ over qubits n−1..0 of factor(q).
template <typename Factor> Eigen::MatrixXcd kronOverQubits(int n, Factor factor) {
  Eigen::MatrixXcd out = Eigen::MatrixXcd::Identity(1, 1);
  for (int q = n - 1; q >= 0; --q)
    out = kron(out, factor(q));
  return out;
}

/// |r><c| on one qubit.
inline Eigen::MatrixXcd unitOp(int r, int c) {
  Eigen::MatrixXcd m = Eigen::MatrixXcd::Zero(2, 2);
  m(r, c) = 1;
  return m;
}

inline Eigen::MatrixXcd denseOperation(const Operation &op, int n) {
  const Eigen::Index dim = Eigen::Index(1) << n;
  std::map<int, int> controlValue, targetIndex;
  for (const Control &c : op.controls)
    controlValue[c.qubit] = c.positive ? 1 : 0;
  for (std::size_t j = 0; j < op.targets.size(); ++j)
    targetIndex[op.targets[j]] = static_cast<int>(j);
  auto projector = [&](int q) -> Eigen::MatrixXcd {
    auto it = controlValue.find(q);
    if (it == controlValue.end())
      return Eigen::MatrixXcd::Identity(2, 2);
    return unitOp(it->second, it->second);
  };
  const Eigen::MatrixXcd p = kronOverQubits(n, projector);
  Eigen::MatrixXcd active = Eigen::MatrixXcd::Zero(dim, dim);
  for (Eigen::Index r = 0; r < op.matrix.rows(); ++r)
    for (Eigen::Index c = 0; c < op.matrix.cols(); ++c) {
      if (op.matrix(r, c) == std::complex<double>(0))
        continue;
      active += op.matrix(r, c) * kronOverQubits(n, [&](int q) {
                  auto t = targetIndex.find(q);
                  if (t != targetIndex.end())
                    return unitOp(int(r >> t->second & 1), int(c >> t->second & 1));
                  return Eigen::MatrixXcd(projector(q));
                });
    }
  return Eigen::MatrixXcd::Identity(dim, dim) - p + active;
}

/// The circuit's unitary: the product of its operations, last on the left.
inline Eigen::MatrixXcd denseCircuit(const Circuit &c) {
  const Eigen::Index dim = Eigen::Index(1) << c.numQubits;
  Eigen::MatrixXcd u = Eigen::MatrixXcd::Identity(dim, dim);
  for (const Operation &op : c.ops)
    u = denseOperation(op, c.numQubits) * u;
  return u;
}

} // namespace qsvtc::runtime::test

#endif // QSVTC_TEST_RUNTIME_DENSEREFERENCE_H
