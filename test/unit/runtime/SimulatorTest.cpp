//===- SimulatorTest.cpp - The statevector simulator vs dense unitaries ---===//
//
// Random circuits (fixed seeds) of stdgates, random dense 1-3 qubit
// unitaries, controls of both polarities and global phases, on 1-6 qubits:
// the simulator's state must equal the Kronecker-product unitary times the
// same random input to 1e-12. Larger states check the cache-blocked run()
// and the two-thread split against gate-by-gate apply().
//
//===----------------------------------------------------------------------===//
#include "DenseReference.h"
#include "RuntimeTestSupport.h"

#include "qsvtc/runtime/Gates.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>

#include <random>

using namespace qsvtc::runtime;
using namespace qsvtc::runtime::test;

namespace {

Eigen::MatrixXcd randomUnitary(int dim, std::mt19937_64 &rng) {
  std::normal_distribution<double> g;
  Eigen::MatrixXcd a(dim, dim);
  for (int i = 0; i < dim; ++i)
    for (int j = 0; j < dim; ++j)
      a(i, j) = {g(rng), g(rng)};
  Eigen::HouseholderQR<Eigen::MatrixXcd> qr(a);
  return qr.householderQ();
}

Eigen::VectorXcd randomState(int n, std::mt19937_64 &rng) {
  std::normal_distribution<double> g;
  Eigen::VectorXcd v(Eigen::Index(1) << n);
  for (Eigen::Index i = 0; i < v.size(); ++i)
    v(i) = {g(rng), g(rng)};
  return v / v.norm();
}

std::vector<int> distinctQubits(int count, int n, std::mt19937_64 &rng) {
  std::vector<int> all(n);
  for (int i = 0; i < n; ++i)
    all[i] = i;
  std::shuffle(all.begin(), all.end(), rng);
  all.resize(count);
  return all;
}

/// A random operation: a standard gate, a dense unitary on 1-3 targets or
/// a global phase, with 0-2 random controls.
Operation randomOperation(int n, std::mt19937_64 &rng) {
  std::uniform_real_distribution<double> angle(-3.2, 3.2);
  Operation op;
  const int kind = int(rng() % 4);
  int targets;
  if (kind == 0) {
    op.name = "gphase";
    op.matrix = Eigen::MatrixXcd::Constant(1, 1, std::polar(1.0, angle(rng)));
    targets = 0;
  } else if (kind == 1) {
    targets = 1 + int(rng() % std::min(3, n));
    op.name = "dense";
    op.matrix = randomUnitary(1 << targets, rng);
  } else {
    const StdGate &g = stdGates()[rng() % stdGates().size()];
    if (g.numQubits() > n)
      return randomOperation(n, rng);
    std::vector<double> p(std::size_t(g.numParams));
    for (double &x : p)
      x = angle(rng);
    op.name = g.name;
    op.matrix = g.matrix(p);
    targets = g.numTargets;
    std::vector<int> q = distinctQubits(g.numQubits(), n, rng);
    for (int i = 0; i < g.numControls; ++i)
      op.controls.push_back({q[i], true});
    op.targets.assign(q.begin() + g.numControls, q.end());
    const int extra = int(rng() % 3);
    for (int i = 0, q2 = 0; i < extra && q2 < n; ++q2) {
      if (std::find(q.begin(), q.end(), q2) != q.end() || rng() % 2)
        continue;
      op.controls.push_back({q2, rng() % 2 == 0});
      ++i;
    }
    return op;
  }
  const int numControls = int(rng() % std::min(3, n - targets + 1));
  std::vector<int> q = distinctQubits(targets + numControls, n, rng);
  op.targets.assign(q.begin(), q.begin() + targets);
  for (int i = targets; i < targets + numControls; ++i)
    op.controls.push_back({q[i], rng() % 2 == 0});
  return op;
}

Circuit randomCircuit(int n, int gates, std::mt19937_64 &rng) {
  Circuit c;
  c.numQubits = n;
  c.registers.push_back({"q", 0, n});
  for (int i = 0; i < gates; ++i)
    c.ops.push_back(randomOperation(n, rng));
  return c;
}

TEST(RuntimeSimulator, RandomCircuitsMatchKroneckerProducts) {
  std::mt19937_64 rng(20261123);
  for (int n = 1; n <= 6; ++n) {
    for (int trial = 0; trial < 6; ++trial) {
      const Circuit c = randomCircuit(n, 30, rng);
      const Eigen::VectorXcd in = randomState(n, rng);
      StateVector sv(n);
      sv.amplitudes() = in;
      sv.run(c);
      const Eigen::VectorXcd expected = denseCircuit(c) * in;
      EXPECT_LT((sv.amplitudes() - expected).norm(), kTol) << "n = " << n << ", trial " << trial;
    }
  }
}

TEST(RuntimeSimulator, EachOperationMatchesItsDenseMatrix) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 300; ++i) {
    const int n = 1 + int(rng() % 5);
    const Operation op = randomOperation(n, rng);
    const Eigen::VectorXcd in = randomState(n, rng);
    StateVector sv(n);
    sv.amplitudes() = in;
    sv.apply(op);
    EXPECT_LT((sv.amplitudes() - denseOperation(op, n) * in).norm(), kTol) << op.name;
  }
}

TEST(RuntimeSimulator, BlockedRunAndThreadsMatchGateByGate) {
  // kBlockQubits + 2 qubits: above 2^(kBlockQubits+1) amplitudes, so run()
  // blocks, and above the threading threshold, so two threads split each
  // gate.
  std::mt19937_64 rng(11);
  const int n = StateVector::kBlockQubits + 2;
  const Circuit c = randomCircuit(n, 120, rng);
  const Eigen::VectorXcd in = randomState(n, rng);
  StateVector byGate(n, 1);
  byGate.amplitudes() = in;
  for (const Operation &op : c.ops)
    byGate.apply(op);
  for (unsigned threads : {1u, 2u}) {
    StateVector blocked(n, threads);
    blocked.amplitudes() = in;
    blocked.run(c);
    EXPECT_LT((blocked.amplitudes() - byGate.amplitudes()).norm(), kTol) << threads << " threads";
    StateVector split(n, threads);
    split.amplitudes() = in;
    for (const Operation &op : c.ops)
      split.apply(op);
    EXPECT_LT((split.amplitudes() - byGate.amplitudes()).norm(), kTol);
  }
  EXPECT_NEAR(byGate.amplitudes().norm(), 1.0, 1e-12);
}

TEST(RuntimeSimulator, FusedSingleQubitChainsMatchDense) {
  // run() merges one-qubit chains (also across gates on other qubits);
  // interleave chains with controlled gates that must cut them.
  const Circuit c = qasm("qubit[3] q;\n"
                         "h q[0]; t q[0]; rx(0.3) q[1]; sx q[0];\n"
                         "cx q[1], q[2]; ry(0.2) q[1]; s q[2];\n"
                         "ctrl @ rz(0.5) q[0], q[1]; u3(0.1, 0.2, 0.3) q[0];\n"
                         "gphase(0.25); y q[2]; negctrl @ h q[2], q[0]; t q[0];");
  std::mt19937_64 rng(5);
  const Eigen::VectorXcd in = randomState(3, rng);
  StateVector sv(3);
  sv.amplitudes() = in;
  sv.run(c);
  EXPECT_LT((sv.amplitudes() - denseCircuit(c) * in).norm(), kTol);
}

TEST(RuntimeSimulator, RejectsBadOperations) {
  StateVector sv(3);
  Operation op;
  op.name = "x";
  op.matrix = Eigen::MatrixXcd::Identity(2, 2);
  op.targets = {3};
  EXPECT_THROW(sv.apply(op), qsvtc::runtime::Error);
  op.targets = {1};
  op.controls = {{1, true}};
  EXPECT_THROW(sv.apply(op), qsvtc::runtime::Error);
  op.controls.clear();
  op.matrix = Eigen::MatrixXcd::Identity(4, 4);
  EXPECT_THROW(sv.apply(op), qsvtc::runtime::Error);
  EXPECT_THROW(StateVector(StateVector::kMaxQubits + 1), qsvtc::runtime::Error);
}

} // namespace
