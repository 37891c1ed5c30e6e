//===- MatrixPower.cpp - Unitaries of operation lists and their powers ----===//
#include "MatrixPower.h"

#include "qsvtc/runtime/Simulator.h"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <map>
#include <numbers>
#include <set>

namespace qsvtc::runtime {

/// The unitary of `ops` on the qubits they touch (ascending), computed by
/// simulating each basis column on a small state.
Eigen::MatrixXcd denseOf(const std::vector<Operation> &ops, std::vector<int> &qubits) {
  std::set<int> touched;
  for (const Operation &op : ops) {
    touched.insert(op.targets.begin(), op.targets.end());
    for (const Control &c : op.controls)
      touched.insert(c.qubit);
  }
  qubits.assign(touched.begin(), touched.end());
  std::map<int, int> local;
  for (std::size_t i = 0; i < qubits.size(); ++i)
    local[qubits[i]] = static_cast<int>(i);
  const int m = static_cast<int>(qubits.size());
  Eigen::MatrixXcd u(Eigen::Index(1) << m, Eigen::Index(1) << m);
  StateVector sv(m, 1);
  for (Eigen::Index col = 0; col < u.cols(); ++col) {
    sv.setBasisState(static_cast<std::uint64_t>(col));
    for (Operation op : ops) {
      for (int &t : op.targets)
        t = local[t];
      for (Control &c : op.controls)
        c.qubit = local[c.qubit];
      sv.apply(op);
    }
    u.col(col) = sv.amplitudes();
  }
  return u;
}

/// Principal power of a unitary: U = Q diag(e^{iθ}) Q* (complex Schur form,
/// diagonal for a normal matrix), θ in (-π, π]; an eigenvalue within 1e-12
/// of -1 is taken as e^{+iπ}.
Eigen::MatrixXcd principalPower(const Eigen::MatrixXcd &u, double k) {
  Eigen::ComplexSchur<Eigen::MatrixXcd> schur(u);
  const Eigen::MatrixXcd &q = schur.matrixU();
  const Eigen::MatrixXcd &t = schur.matrixT();
  Eigen::VectorXcd d(t.rows());
  for (Eigen::Index i = 0; i < t.rows(); ++i) {
    double theta = std::arg(t(i, i));
    if (theta < -std::numbers::pi + 1e-12)
      theta = std::numbers::pi;
    d(i) = std::polar(std::pow(std::abs(t(i, i)), k), k * theta);
  }
  return q * d.asDiagonal() * q.adjoint();
}

} // namespace qsvtc::runtime
