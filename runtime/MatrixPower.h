//===- MatrixPower.h - Unitaries of operation lists and their powers ------===//
//
// What pow(k) @ needs for a non-integer k: the unitary of the inner gate's
// operations on the qubits they touch, and its principal power. Private to
// runtime/.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_MATRIXPOWER_H
#define QSVTC_RUNTIME_MATRIXPOWER_H

#include "qsvtc/runtime/Circuit.h"

#include <vector>

namespace qsvtc::runtime {

/// The unitary of `ops` on the qubits they touch; `qubits` receives those
/// qubits in ascending order (matrix bit j = qubits[j]).
Eigen::MatrixXcd denseOf(const std::vector<Operation> &ops, std::vector<int> &qubits);

/// U^k on the principal branch (eigenphases in (-π, π]).
Eigen::MatrixXcd principalPower(const Eigen::MatrixXcd &u, double k);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_MATRIXPOWER_H
