//===- RuntimeTestSupport.h - Shared helpers of the runtime tests -*- C++ -*-===//
//
// The unitary a circuit implements according to the simulator (one
// simulation per basis column), and a reader shortcut for QASM snippets.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_TEST_RUNTIME_RUNTIMETESTSUPPORT_H
#define QSVTC_TEST_RUNTIME_RUNTIMETESTSUPPORT_H

#include "qsvtc/runtime/Elaborator.h"
#include "qsvtc/runtime/Simulator.h"

#include <string>

namespace qsvtc::runtime::test {

/// Agreement required between the simulator and dense references.
constexpr double kTol = 1e-12;

inline Eigen::MatrixXcd simulatedUnitary(const Circuit &c) {
  const Eigen::Index dim = Eigen::Index(1) << c.numQubits;
  Eigen::MatrixXcd u(dim, dim);
  StateVector sv(c.numQubits);
  for (Eigen::Index j = 0; j < dim; ++j) {
    sv.setBasisState(static_cast<std::uint64_t>(j));
    sv.run(c);
    u.col(j) = sv.amplitudes();
  }
  return u;
}

/// The circuit of a QASM 3 snippet (header added: OPENQASM 3.0 and
/// stdgates.inc).
inline Circuit qasm(const std::string &body) {
  return readQasm("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n" + body, "test.qasm");
}

/// The unitary of a snippet, by simulation.
inline Eigen::MatrixXcd unitaryOf(const std::string &body) { return simulatedUnitary(qasm(body)); }

} // namespace qsvtc::runtime::test

#endif // QSVTC_TEST_RUNTIME_RUNTIMETESTSUPPORT_H
