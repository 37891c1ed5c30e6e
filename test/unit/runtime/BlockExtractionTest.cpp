//===- BlockExtractionTest.cpp - Blocks of known block encodings ----------===//
//
// Known answers: an LCU of two Pauli strings with a hand-written PREPARE /
// SELECT has the block (a·P1 + b·P2)/(a + b); a single-qubit QSP sequence
// of rz / rx has <0|U|0> equal to the 2x2 product in the Wx convention
// (design.md), computed here independently; a state-preparation circuit's
// projected output is known in closed form.
//
//===----------------------------------------------------------------------===//
#include "DenseReference.h"
#include "RuntimeTestSupport.h"

#include "qsvtc/runtime/BlockExtraction.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>

#include <random>

using namespace qsvtc::runtime;
using namespace qsvtc::runtime::test;
using M = Eigen::MatrixXcd;
using C = std::complex<double>;

namespace {

std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

M pauli(char p) {
  M m(2, 2);
  switch (p) {
  case 'X':
    m << 0, 1, 1, 0;
    break;
  case 'Y':
    m << 0, C(0, -1), C(0, 1), 0;
    break;
  case 'Z':
    m << 1, 0, 0, -1;
    break;
  default:
    m = M::Identity(2, 2);
  }
  return m;
}

/// (a·(Z_q1 X_q0) + b·Y_q1) / (a + b) as LCU: PREPARE = ry on the ancilla,
/// SELECT = negctrl/ctrl Paulis. The ancilla is declared first so that its
/// global index (0) differs from the data qubits'.
std::string lcuGates(double a, double b) {
  const double theta = 2 * std::acos(std::sqrt(a / (a + b)));
  return "ry(" + num(theta) +
         ") anc;\n"
         "negctrl @ z anc, q[1];\nnegctrl @ x anc, q[0];\n"
         "ctrl @ y anc, q[1];\n"
         "ry(" +
         num(-theta) + ") anc;\n";
}

const char *kLcuQubits = "qubit anc;\nqubit[2] q;\n";

std::string lcuCircuit(double a, double b) { return kLcuQubits + lcuGates(a, b); }

TEST(RuntimeBlockExtraction, LcuOfTwoPaulis) {
  const double a = 0.7, b = 1.9;
  const Circuit c = qasm(lcuCircuit(a, b));
  QubitPartition p;
  p.data = {1, 2}; // q[0] least significant
  p.ancillas = {{0, 0}};
  const M block = extractBlock(c, p);
  // Data index bit 0 = q[0], bit 1 = q[1]: kron(op on q1, op on q0).
  const M expected =
      (a * kron(pauli('Z'), pauli('X')) + b * kron(pauli('Y'), pauli('I'))) / (a + b);
  EXPECT_LT((block - expected).norm(), kTol) << block;

  // Data order reversed: q[1] is now the least significant bit.
  p.data = {2, 1};
  const M swapped = (a * kron(pauli('X'), pauli('Z')) + b * kron(pauli('I'), pauli('Y'))) / (a + b);
  EXPECT_LT((extractBlock(c, p) - swapped).norm(), kTol);
}

TEST(RuntimeBlockExtraction, AncillaProjectedOnOne) {
  const double a = 0.4, b = 0.6;
  // x on the ancilla before and after: from |1> the LCU sees |0>.
  const Circuit wrapped = qasm(std::string(kLcuQubits) + "x anc;\n" + lcuGates(a, b) + "x anc;\n");
  QubitPartition p;
  p.data = {1, 2};
  p.ancillas = {{0, 1}};
  const M expected =
      (a * kron(pauli('Z'), pauli('X')) + b * kron(pauli('Y'), pauli('I'))) / (a + b);
  EXPECT_LT((extractBlock(wrapped, p) - expected).norm(), kTol);
}

TEST(RuntimeBlockExtraction, MatchesTheDenseUnitarysBlock) {
  // A random circuit on 2 data + 2 ancilla qubits: the block is the
  // submatrix of the Kronecker-product unitary.
  const Circuit c = qasm("qubit[2] d; qubit[2] a;\n"
                         "h a; cx a[0], d[1]; crz(0.3) a[1], d[0];\n"
                         "u3(0.1, 0.2, 0.3) d[0]; ccx a[0], a[1], d[0];\n"
                         "ch d[1], a[0]; rx(1.1) a[1]; cswap a[0], d[0], d[1];");
  QubitPartition p;
  p.data = {0, 1};
  p.ancillas = {{2, 0}, {3, 1}};
  const M u = denseCircuit(c);
  M expected(4, 4);
  for (int r = 0; r < 4; ++r)
    for (int col = 0; col < 4; ++col)
      expected(r, col) = u(r | 8, col | 8); // a[1] = bit 3 set, a[0] = 0
  EXPECT_LT((extractBlock(c, p) - expected).norm(), kTol);
}

TEST(RuntimeBlockExtraction, QspIdentity) {
  // U_Φ(x) = e^{iφ0 Z} Π_j W(x) e^{iφj Z}, W(x) = exp(i arccos(x) X):
  // e^{iφZ} is rz(-2φ), W(x) is rx(-2 arccos x); the rightmost factor is
  // the first gate.
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> phase(-1.5, 1.5), point(-1, 1);
  for (int d : {1, 2, 5, 12}) {
    std::vector<double> phi(std::size_t(d) + 1);
    for (double &f : phi)
      f = phase(rng);
    const double x = point(rng), theta = std::acos(x);
    std::string body = "qubit s;\n";
    for (int j = d; j >= 0; --j) {
      body += "rz(" + num(-2 * phi[std::size_t(j)]) + ") s;\n";
      if (j > 0)
        body += "rx(" + num(-2 * theta) + ") s;\n";
    }
    const double s = std::sqrt(1 - x * x);
    Eigen::Matrix2cd w, product = Eigen::Matrix2cd::Identity();
    w << x, C(0, s), C(0, s), x;
    auto zPhase = [](double f) {
      Eigen::Matrix2cd m = Eigen::Matrix2cd::Zero();
      m(0, 0) = std::polar(1.0, f);
      m(1, 1) = std::polar(1.0, -f);
      return m;
    };
    product = zPhase(phi[0]);
    for (int j = 1; j <= d; ++j)
      product = product * w * zPhase(phi[std::size_t(j)]);
    const Circuit c = qasm(body);
    EXPECT_LT((simulatedUnitary(c) - M(product)).norm(), kTol) << "d = " << d;
    QubitPartition p;
    p.ancillas = {{0, 0}}; // no data qubits: the 1x1 block <0|U|0>
    const M block = extractBlock(c, p);
    ASSERT_EQ(block.rows(), 1);
    EXPECT_LT(std::abs(block(0, 0) - product(0, 0)), kTol);
  }
}

TEST(RuntimeBlockExtraction, OutputState) {
  const double theta = 0.8;
  const Circuit c = qasm("qubit a; qubit d;\nry(" + num(theta) + ") a;\nctrl @ h a, d;\n");
  QubitPartition p;
  p.data = {1};
  p.ancillas = {{0, 0}};
  OutputState s = extractState(c, p);
  EXPECT_NEAR(std::abs(s.data(0) - std::cos(theta / 2)), 0, kTol);
  EXPECT_NEAR(std::abs(s.data(1)), 0, kTol);
  EXPECT_NEAR(s.successProbability, std::pow(std::cos(theta / 2), 2), kTol);
  p.ancillas = {{0, 1}};
  s = extractState(c, p);
  const double amp = std::sin(theta / 2) / std::sqrt(2.0);
  EXPECT_NEAR(std::abs(s.data(0) - amp), 0, kTol);
  EXPECT_NEAR(std::abs(s.data(1) - amp), 0, kTol);
}

TEST(RuntimeBlockExtraction, RejectsBadPartitions) {
  const Circuit c = qasm("qubit[3] q;");
  QubitPartition p;
  p.data = {0, 1};
  EXPECT_THROW(extractBlock(c, p), qsvtc::runtime::Error); // q[2] unassigned
  p.ancillas = {{1, 0}};
  EXPECT_THROW(extractBlock(c, p), qsvtc::runtime::Error); // q[1] twice
  p.ancillas = {{2, 2}};
  EXPECT_THROW(extractBlock(c, p), qsvtc::runtime::Error); // state 2
  p.ancillas = {{3, 0}};
  EXPECT_THROW(extractBlock(c, p), qsvtc::runtime::Error); // out of range
}

} // namespace
