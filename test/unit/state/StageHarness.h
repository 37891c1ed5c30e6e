//===- StageHarness.h - Run state-mode stages in the simulator --*- C++ -*-===//
//
// Shared by the state-mode construction tests: random 4 x 4 data, oracles
// built by the backend, and a stage's gate printed to OpenQASM, read back
// by the runtime's reader and simulated from |0...0>, its flags projected
// on |0>.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_TEST_STATE_STAGEHARNESS_H
#define QSVTC_TEST_STATE_STAGEHARNESS_H

#include "qsvtc/state/Stages.h"

#include "qsvtc/runtime/BlockExtraction.h"
#include "qsvtc/runtime/Elaborator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace qsvtc::state::testing {

using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr int N = 2; // data qubits: rows of length 4

/// The stage's gate run on |0> with every flag projected on |0>.
inline VectorXd simulate(const StateContext &cx, const StageP &s) {
  backend::Program p = cx.program;
  const int width = cx.dataQubits + s->gate.ancillas;
  p.registers = {{"q", width}};
  p.body.clear();
  backend::GateBuilder(p.body).call(s->gate.gate, {}, backend::qubitRange(0, width));
  runtime::Circuit circuit = runtime::readQasm(backend::printQasm(p), "test.qasm");
  runtime::QubitPartition partition;
  for (int q = 0; q < width; ++q)
    if (q < cx.dataQubits)
      partition.data.push_back(q);
    else
      partition.ancillas.push_back({q, 0});
  Eigen::VectorXcd v = runtime::extractState(circuit, partition).data;
  EXPECT_LT(v.imag().norm(), 1e-10) << "a real construction produced imaginary amplitudes";
  return v.real();
}

inline MatrixXd randomMatrix(std::mt19937_64 &rng, double scale = 1, int rows = 1 << N,
                             int cols = 1 << N) {
  std::normal_distribution<double> normal(0, scale);
  MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      m(i, j) = normal(rng);
  return m;
}

/// A block encoding of m on `dataQubits` (N unless the test widens the
/// context).
inline Oracle makeOracle(StateContext &cx, const std::string &name, const MatrixXd &m, bool pauli,
                         int dataQubits = N) {
  Oracle o;
  o.source = name;
  o.matrix = m;
  o.dataQubits = dataQubits;
  o.rows = m.rows();
  o.cols = m.cols();
  std::vector<double> entries;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      entries.push_back(m(i, j));
  o.gate = pauli ? backend::definePauliEncoding(cx.program, "be_" + name, "", entries, m.rows(),
                                                m.cols(), dataQubits)
                 : backend::defineDenseEncoding(cx.program, "be_" + name, "", entries, m.rows(),
                                                m.cols(), dataQubits);
  o.norm = Eigen::JacobiSVD<MatrixXd>(m).singularValues()(0);
  o.rowNorm = m.rowwise().norm().maxCoeff();
  o.colNorm = m.colwise().norm().maxCoeff();
  return o;
}

/// GELU in its erf form, entry by entry: the exact reference.
inline VectorXd gelu(const VectorXd &v) {
  return v.unaryExpr([](double x) { return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0))); });
}

inline StateContext context(double eta = 1e-9) {
  StateContext cx;
  cx.dataQubits = N;
  cx.eta = eta;
  return cx;
}

} // namespace qsvtc::state::testing

#endif // QSVTC_TEST_STATE_STAGEHARNESS_H
