//===- BackendTest.cpp - Emitted gates simulate to what they encode -------===//
//
// Every construction of the backend is printed to OpenQASM, read back by
// the runtime's own reader (which shares no code with the backend) and
// simulated; the block it encodes is compared with the matrix computed
// directly with Eigen. Tolerance 1e-12: the circuits have at most a few
// thousand gates on <= 10 qubits, each adding ~1e-16 of rounding.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/backend/BlockEncodings.h"
#include "qsvtc/backend/QsvtSequence.h"
#include "qsvtc/backend/StatePrep.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/Mpfr.h"
#include "qsvtc/qsp/Solve.h"
#include "qsvtc/runtime/BlockExtraction.h"
#include "qsvtc/runtime/Elaborator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace qsvtc;
using namespace qsvtc::backend;
using Eigen::MatrixXd;

namespace {

/// Calls `gate` on all qubits of one register q and returns the block on
/// its first `data` qubits (the rest are ancillas in |0>).
Eigen::MatrixXcd simulateBlock(Program program, const std::string &gate, int arity, int data) {
  program.registers = {{"q", arity}};
  std::vector<int> all;
  for (int i = 0; i < arity; ++i)
    all.push_back(i);
  program.body.clear();
  GateBuilder(program.body).call(gate, {}, all);
  runtime::Circuit circuit = runtime::readQasm(printQasm(program), "test.qasm");
  runtime::QubitPartition partition;
  for (int i = 0; i < arity; ++i)
    if (i < data)
      partition.data.push_back(i);
    else
      partition.ancillas.push_back({i, 0});
  return runtime::extractBlock(circuit, partition);
}

MatrixXd randomMatrix(std::mt19937_64 &rng, int rows, int cols) {
  std::normal_distribution<double> normal;
  MatrixXd m(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j)
      m(i, j) = normal(rng);
  return m;
}

std::vector<double> rowMajor(const MatrixXd &m) {
  std::vector<double> v;
  for (int i = 0; i < m.rows(); ++i)
    for (int j = 0; j < m.cols(); ++j)
      v.push_back(m(i, j));
  return v;
}

MatrixXd padded(const MatrixXd &m, int qubits) {
  MatrixXd p = MatrixXd::Zero(1 << qubits, 1 << qubits);
  p.topLeftCorner(m.rows(), m.cols()) = m;
  return p;
}

} // namespace

TEST(BackendStatePrep, RealStatesWithSignsAndZeros) {
  std::mt19937_64 rng(7);
  for (int m = 1; m <= 4; ++m) {
    MatrixXd v = randomMatrix(rng, 1 << m, 1);
    v(1, 0) = 0; // a zero amplitude
    if (m >= 2)
      v(2, 0) = v(3, 0) = 0; // a whole zero subtree
    v /= v.norm();
    Program program;
    GateDef def{"prep", m, "", {}};
    GateBuilder b(def.body);
    std::vector<int> qubits;
    for (int i = 0; i < m; ++i)
      qubits.push_back(i);
    prepareRealState(b, rowMajor(v), qubits);
    program.define(std::move(def));
    // Column 0 of the unitary (no ancillas) is the prepared state.
    Eigen::MatrixXcd u = simulateBlock(program, "prep", m, m);
    EXPECT_LT((u.col(0) - v.cast<std::complex<double>>()).norm(), 1e-12) << "m = " << m;
  }
}

TEST(BackendStatePrep, MultiplexedRotationIsBlockDiagonal) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> angle(-M_PI, M_PI);
  for (int k = 1; k <= 3; ++k) {
    std::vector<double> angles;
    for (int j = 0; j < (1 << k); ++j)
      angles.push_back(angle(rng));
    Program program;
    GateDef def{"mux", k + 1, "", {}};
    GateBuilder b(def.body);
    std::vector<int> controls;
    for (int i = 1; i <= k; ++i)
      controls.push_back(i);
    multiplexedRotation(b, "ry", angles, controls, 0);
    program.define(std::move(def));
    Eigen::MatrixXcd u = simulateBlock(program, "mux", k + 1, k + 1);
    // Target = qubit 0 (bit 0), control value j = the higher bits.
    Eigen::MatrixXcd expected = Eigen::MatrixXcd::Zero(2 << k, 2 << k);
    for (int j = 0; j < (1 << k); ++j) {
      double c = std::cos(angles[j] / 2), s = std::sin(angles[j] / 2);
      expected(2 * j, 2 * j) = c;
      expected(2 * j, 2 * j + 1) = -s;
      expected(2 * j + 1, 2 * j) = s;
      expected(2 * j + 1, 2 * j + 1) = c;
    }
    EXPECT_LT((u - expected).norm(), 1e-12) << "k = " << k;
  }
}

TEST(BackendEncodings, PauliAndDenseEncodeRandomMatrices) {
  std::mt19937_64 rng(11);
  struct Shape {
    int rows, cols, qubits;
  };
  for (Shape s : {Shape{2, 2, 1}, Shape{4, 4, 2}, Shape{4, 3, 2}, Shape{3, 5, 3}, Shape{8, 8, 3}}) {
    MatrixXd a = randomMatrix(rng, s.rows, s.cols);
    for (bool pauli : {true, false}) {
      Program program;
      Encoded e =
          pauli ? definePauliEncoding(program, "be", "", rowMajor(a), s.rows, s.cols, s.qubits)
                : defineDenseEncoding(program, "be", "", rowMajor(a), s.rows, s.cols, s.qubits);
      Eigen::MatrixXcd block = simulateBlock(program, e.gate, s.qubits + e.ancillas, s.qubits);
      double err = (e.alpha * block - padded(a, s.qubits).cast<std::complex<double>>()).norm();
      EXPECT_LT(err, 1e-12 * e.alpha) << (pauli ? "pauli " : "dense ") << s.rows << "x" << s.cols;
      if (!pauli) { // the state-preparation encoding's alpha is ||A||_F
        EXPECT_NEAR(e.alpha, a.norm(), 1e-12 * a.norm());
      }
    }
  }
}

namespace {

/// p(A / alpha) for Chebyshev coefficients c, by eigendecomposition.
MatrixXd chebyshevOf(const MatrixXd &a, double alpha, const std::vector<double> &c) {
  Eigen::SelfAdjointEigenSolver<MatrixXd> es(a / alpha);
  Eigen::VectorXd values = es.eigenvalues().unaryExpr([&](double x) {
    double sum = 0;
    for (std::size_t k = 0; k < c.size(); ++k)
      sum += c[k] * std::cos(static_cast<double>(k) * std::acos(std::clamp(x, -1.0, 1.0)));
    return sum;
  });
  return es.eigenvectors() * values.asDiagonal() * es.eigenvectors().transpose();
}

std::vector<double> phasesFor(const std::vector<double> &coef) {
  std::vector<numeric::Mpfr> c(coef.begin(), coef.end());
  qsp::PhaseOptions options;
  options.epsilon = 1e-13;
  std::vector<double> phases;
  for (const numeric::Mpfr &p : qsp::solvePhases(std::move(c), options).phases)
    phases.push_back(p.convert_to<double>());
  return phases;
}

std::vector<double> part(const std::vector<double> &c, int parity) {
  std::vector<double> p = numeric::parityProject(c, parity);
  while (p.size() > 1 && p.back() == 0)
    p.pop_back();
  return p;
}

} // namespace

// QSVT of a random symmetric matrix (Pauli LCU, 4 x 4): definite parity
// polynomials and a mixed one (an LCU of its parts, block = p / 2), with
// phases from the solver, against p evaluated on the eigenvalues.
TEST(BackendQsvt, SequencesApplyThePolynomialToEigenvalues) {
  std::mt19937_64 rng(5);
  MatrixXd a = randomMatrix(rng, 4, 4);
  a = (a + a.transpose()).eval() / 2;
  const std::vector<std::vector<double>> polynomials = {
      {0.0, 0.6, 0.0, -0.2},                    // odd, degree 3
      {0.3, 0.0, 0.4, 0.0, 0.1},                // even, degree 4
      {0.2, 0.3, -0.25, 0.1, 0.05},             // mixed, degrees 4 and 3
      {0.1, 0.2, 0.0, 0.3, 0.0, 0.0, 0.0, 0.1}, // mixed, degrees 0 and 7
  };
  for (const std::vector<double> &coef : polynomials) {
    Program program;
    Encoded h = definePauliEncoding(program, "h", "", rowMajor(a), 4, 4, 2);
    std::vector<double> even = part(coef, 0), odd = part(coef, 1);
    bool mixed = std::any_of(even.begin(), even.end(), [](double v) { return v != 0; }) &&
                 std::any_of(odd.begin(), odd.end(), [](double v) { return v != 0; });
    std::vector<double> phases = phasesFor(mixed ? even : coef), phasesOdd;
    if (mixed)
      phasesOdd = phasesFor(odd);
    Encoded q = defineQsvt(program, "qsvt", "", h, 2, phases, phasesOdd);
    EXPECT_EQ(q.ancillas, h.ancillas + (mixed ? 3 : 2));
    Eigen::MatrixXcd block = simulateBlock(program, q.gate, 2 + q.ancillas, 2);
    MatrixXd expected = chebyshevOf(a, h.alpha, coef) / (mixed ? 2.0 : 1.0);
    EXPECT_LT((block - expected.cast<std::complex<double>>()).norm(), 1e-11)
        << "degree " << coef.size() - 1;
  }
}

// ---- Whole modules: the emitted circuit against the lowered-IR interpreter

#include "qsvtc/backend/Emitter.h"
#include "qsvtc/interp/Lowered.h"
#include "qsvtc/ir/Parser.h"
#include "qsvtc/ir/Verifier.h"
#include "qsvtc/passes/PassManager.h"

#include <sstream>

namespace {

/// Approximates and phases `text` (qsvt IR), emits it, simulates it, and
/// returns max |alpha B - M| over the output's R x C entries (column 0 only
/// for a column), M from the interpreter with the certified polynomials.
double emittedError(const std::string &text, int *qubits = nullptr) {
  std::unique_ptr<ir::Module> module = ir::parseModule(text, "test.mlir");
  // Derived ops' types are written as placeholders: approximate infers them.
  passes::PassManager pm;
  pm.addPipeline("approximate,find-phases");
  std::ostringstream log;
  pm.run(*module, log);
  EmittedCircuit c = emitQasm(*module).at(0);
  std::vector<Eigen::MatrixXd> expected =
      interp::loweredOutputs(*module, interp::Semantics::Polynomial);
  c.program.registers.clear();
  runtime::Circuit circuit = runtime::readQasm(
      [&] {
        Program p = c.program;
        p.registers = {{"q", c.dataQubits}};
        if (c.ancillas)
          p.registers.push_back({"anc", c.ancillas});
        return printQasm(p);
      }(),
      "test.qasm");
  runtime::QubitPartition partition;
  for (int i = 0; i < c.dataQubits + c.ancillas; ++i)
    if (i < c.dataQubits)
      partition.data.push_back(i);
    else
      partition.ancillas.push_back({i, 0});
  if (qubits)
    *qubits = c.dataQubits + c.ancillas;
  Eigen::MatrixXcd block = runtime::extractBlock(circuit, partition);
  const Eigen::MatrixXd &m = expected[0];
  return (c.alpha * block.topLeftCorner(m.rows(), m.cols()) - m.cast<std::complex<double>>())
      .cwiseAbs()
      .maxCoeff();
}

const char *const Data = R"(
  %A = qsvt.lcu {init = "inline", kind = "dense", source = "A", values = [0.3, -0.2, 0.1, 0.4]} : !qsvt.block<2x2, alpha = 0.5477225575051661, anc = 1>
  %B = qsvt.lcu {init = "inline", kind = "pauli", source = "B", values = [0.5, 0.1, 0.1, -0.3]} : !qsvt.block<2x2, alpha = 0.6, anc = 2>
  %v = qsvt.lcu {init = "inline", kind = "amplitude", source = "v", values = [0.6, -0.8]} : !qsvt.block<2x1, alpha = 1.0, anc = 0>
)";

/// A 2 x 4 dense weight, for products across register widths.
const std::string Wide = R"(
  %W = qsvt.lcu {init = "inline", kind = "dense", source = "W", values = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]} : !qsvt.block<2x4, alpha = 1.4282856857085702, anc = 2>)";

std::string moduleWith(const std::string &body) {
  return "module @m {" + std::string(Data) + body + "}\n";
}

} // namespace

TEST(BackendModules, LinearAlgebra) {
  // A B^T - 0.5 A + (A o B) + centering + column selector products.
  std::string text = moduleWith(R"(
  %Bt = qsvt.adjoint %B : !qsvt.block<2x2, alpha = 1.0, anc = 2>
  %P = qsvt.mul %A, %Bt : !qsvt.block<2x2, alpha = 1.0, anc = 3>
  %S = qsvt.add %P, %A {coeffs = [1.0, -0.5]} : !qsvt.block<2x2, alpha = 1.0, anc = 4>
  %H = qsvt.hadamard %A, %B : !qsvt.block<2x2, alpha = 1.0, anc = 4>
  %C = qsvt.lcu {kind = "centering", source = ""} : !qsvt.block<2x2, alpha = 1.0, anc = 1>
  %T = qsvt.mul %H, %C : !qsvt.block<2x2, alpha = 1.0, anc = 5>
  %U = qsvt.add %S, %T {coeffs = [1.0, 2.0]} : !qsvt.block<2x2, alpha = 1.0, anc = 6>
  qsvt.output %U {epsilon = 0.01}
)");
  EXPECT_LT(emittedError(text), 1e-12);
}

TEST(BackendModules, ColumnsDiagonalAndSelectors) {
  std::string text = moduleWith(R"(
  %u = qsvt.lcu {kind = "uniform", source = ""} : !qsvt.block<2x1, alpha = 1.4142135623730951, anc = 0>
  %Au = qsvt.mul %A, %u : !qsvt.block<2x1, alpha = 1.0, anc = 1>
  %w = qsvt.add %Au, %v {coeffs = [1.0, 0.25]} : !qsvt.block<2x1, alpha = 1.0, anc = 2>
  %D = qsvt.diag_from_state %w : !qsvt.block<2x2, alpha = 1.0, anc = 3>
  %E = qsvt.mul %D, %B : !qsvt.block<2x2, alpha = 1.0, anc = 5>
  qsvt.output %E {epsilon = 0.01}
)");
  EXPECT_LT(emittedError(text), 1e-12);
  std::string selector = moduleWith(R"(
  %W = qsvt.lcu {init = "inline", kind = "dense", source = "W", values = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6]} : !qsvt.block<4x4, alpha = 3.867815921162743, anc = 2>
  %S = qsvt.lcu {kind = "columns", offset = 2, source = ""} : !qsvt.block<4x2, alpha = 1.0, anc = 1>
  %WS = qsvt.mul %W, %S : !qsvt.block<4x2, alpha = 1.0, anc = 3>
  qsvt.output %WS {epsilon = 0.01}
)");
  EXPECT_LT(emittedError(selector), 1e-12);
}

// Polynomials: an element-wise one (LCU of Hadamard powers, seed 000 Thm 5)
// and QSVT ones (inverse on a diagonal, amplification), within the phase
// factors' share of epsilon (the interpreter applies the exact polynomial).
TEST(BackendModules, ElementwiseAndQsvtPolynomials) {
  std::string elementwise = moduleWith(R"(
  %E = qsvt.poly %A {domain = [-1.0, 1.0], elementwise = true, epsilon = 1.0, fn = "sigmoid"} : !qsvt.block<2x2, alpha = 1.0, anc = 2>
  qsvt.output %E {epsilon = 0.01}
)");
  int qubits = 0;
  EXPECT_LT(emittedError(elementwise, &qubits), 0.01);
  EXPECT_LE(qubits, 24);
  std::string inverse = moduleWith(R"(
  %u = qsvt.lcu {kind = "uniform", source = ""} : !qsvt.block<2x1, alpha = 1.4142135623730951, anc = 0>
  %w = qsvt.add %u, %v {coeffs = [1.0, 0.5]} : !qsvt.block<2x1, alpha = 1.0, anc = 1>
  %D = qsvt.diag_from_state %w : !qsvt.block<2x2, alpha = 1.0, anc = 2>
  %I = qsvt.poly %D {domain = [-1.0, 1.0], epsilon = 1.0, fn = "inverse"} : !qsvt.block<2x2, alpha = 1.0, anc = 3>
  %Y = qsvt.mul %I, %A : !qsvt.block<2x2, alpha = 1.0, anc = 4>
  %Z = qsvt.poly %Y {domain = [-1.0, 1.0], epsilon = 1.0, fn = "amplify", param = 0.8} : !qsvt.block<2x2, alpha = 1.0, anc = 5>
  qsvt.output %Z {epsilon = 0.001}
)");
  EXPECT_LT(emittedError(inverse), 0.001);
}

// Factors on fewer data qubits than the product (2x2 times 2x4, 4x2 times
// 2x2) act on the low qubits; the R x C part stays exact.
TEST(BackendModules, ProductsAcrossRegisterWidths) {
  std::string text = moduleWith(Wide + R"(
  %AW = qsvt.mul %A, %W : !qsvt.block<2x4, alpha = 1.0, anc = 3>
  %Wt = qsvt.adjoint %W : !qsvt.block<4x2, alpha = 1.0, anc = 2>
  %P = qsvt.mul %Wt, %B : !qsvt.block<4x2, alpha = 1.0, anc = 4>
  %Q = qsvt.mul %P, %AW : !qsvt.block<4x4, alpha = 1.0, anc = 7>
  qsvt.output %Q {epsilon = 0.01}
)");
  EXPECT_LT(emittedError(text), 1e-12);
}

// vec and unvec are reshapes: a 2x4 matrix's entries as a column of 8, that
// column as a 4x2 matrix (not the transpose), and back through products.
TEST(BackendModules, VecAndUnvec) {
  std::string reshapes = moduleWith(Wide + R"(
  %V = qsvt.vec %W : !qsvt.block<8x1, alpha = 1.0, anc = 1>
  %M = qsvt.unvec %V {cols = 2, rows = 4} : !qsvt.block<4x2, alpha = 1.0, anc = 1>
  %N = qsvt.mul %M, %A : !qsvt.block<4x2, alpha = 1.0, anc = 1>
  %Wt = qsvt.adjoint %W : !qsvt.block<4x2, alpha = 1.0, anc = 2>
  %U = qsvt.vec %Wt : !qsvt.block<8x1, alpha = 1.0, anc = 1>
  %R = qsvt.unvec %U {cols = 4, rows = 2} : !qsvt.block<2x4, alpha = 1.0, anc = 1>
  %Q = qsvt.mul %N, %R : !qsvt.block<4x4, alpha = 1.0, anc = 1>
  qsvt.output %Q {epsilon = 0.01}
)");
  EXPECT_LT(emittedError(reshapes), 1e-12);
  std::string column = moduleWith(Wide + R"(
  %AW = qsvt.mul %A, %W : !qsvt.block<2x4, alpha = 1.0, anc = 3>
  %V = qsvt.vec %AW : !qsvt.block<8x1, alpha = 1.0, anc = 1>
  qsvt.output %V {epsilon = 0.01}
)");
  EXPECT_LT(emittedError(column), 1e-12);
}

// GELU as lowering emits it: x normcdf(x) on the diagonal of vec(W), within
// the polynomial's share of epsilon.
TEST(BackendModules, ElementwiseOnADiagonal) {
  std::string gelu = moduleWith(Wide + R"(
  %V = qsvt.vec %W : !qsvt.block<8x1, alpha = 1.0, anc = 1>
  %D = qsvt.diag_from_state %V : !qsvt.block<8x8, alpha = 1.0, anc = 1>
  %G = qsvt.poly %D {domain = [-1.0, 1.0], epsilon = 0.001, fn = "normcdf"} : !qsvt.block<8x8, alpha = 1.0, anc = 1>
  %P = qsvt.mul %G, %V : !qsvt.block<8x1, alpha = 1.0, anc = 1>
  %F = qsvt.unvec %P {cols = 4, rows = 2} : !qsvt.block<2x4, alpha = 1.0, anc = 1>
  qsvt.output %F {epsilon = 0.01}
)");
  int qubits = 0;
  EXPECT_LT(emittedError(gelu, &qubits), 0.01);
  EXPECT_LE(qubits, 24);
  // Shapes that are not powers of 2: 3 x 2 (6 entries) and 2 x 3 (columns
  // padded to 4, so vec has 8 entries, two of them zero).
  for (const char *shape : {"3x2", "2x3"}) {
    bool tall = std::string(shape) == "3x2";
    std::string entries = tall ? "6x1" : "8x1", square = tall ? "6x6" : "8x8";
    std::string text = moduleWith(std::string(R"(
  %N = qsvt.lcu {init = "inline", kind = "dense", source = "N", values = [0.5, -0.3, 0.2, 0.4, -0.6, 0.1]} : !qsvt.block<)") +
                                  shape + R"(, alpha = 0.9539392014169456, anc = 2>
  %V = qsvt.vec %N : !qsvt.block<)" +
                                  entries + R"(, alpha = 1.0, anc = 1>
  %D = qsvt.diag_from_state %V : !qsvt.block<)" +
                                  square + R"(, alpha = 1.0, anc = 1>
  %G = qsvt.poly %D {domain = [-1.0, 1.0], epsilon = 0.001, fn = "normcdf"} : !qsvt.block<)" +
                                  square + R"(, alpha = 1.0, anc = 1>
  %P = qsvt.mul %G, %V : !qsvt.block<)" +
                                  entries + R"(, alpha = 1.0, anc = 1>
  %F = qsvt.unvec %P {cols = )" + (tall ? "2" : "3") +
                                  ", rows = " + (tall ? "3" : "2") + R"(} : !qsvt.block<)" + shape +
                                  R"(, alpha = 1.0, anc = 1>
  qsvt.output %F {epsilon = 0.01}
)");
    EXPECT_LT(emittedError(text), 0.01) << shape;
  }
}

// An inner dimension wider than the result (2x4 times 4x2): the extra index
// qubit becomes an ancilla of the product.
TEST(BackendModules, ProductsWithAWiderInnerDimension) {
  std::string text = moduleWith(Wide + R"(
  %Wt = qsvt.adjoint %W : !qsvt.block<4x2, alpha = 1.0, anc = 2>
  %G = qsvt.mul %W, %Wt : !qsvt.block<2x2, alpha = 1.0, anc = 5>
  %S = qsvt.add %G, %A {coeffs = [1.0, -1.0]} : !qsvt.block<2x2, alpha = 1.0, anc = 6>
  qsvt.output %S {epsilon = 0.01}
)");
  EXPECT_LT(emittedError(text), 1e-12);
}

TEST(BackendModules, TensorProducts) {
  // A (x) (A (x) B) (2 x 2 factors, nested) and v (x) B (a column times a
  // square block): the right factor on the low data qubits, the left on the
  // high ones, no index map.
  std::string square = moduleWith(R"(
  %T = qsvt.tensor %A, %B : !qsvt.block<4x4, alpha = 1.0, anc = 3>
  %U = qsvt.tensor %A, %T : !qsvt.block<8x8, alpha = 1.0, anc = 4>
  qsvt.output %U {epsilon = 0.01}
)");
  EXPECT_LT(emittedError(square), 1e-12);
  std::string column = moduleWith(R"(
  %T = qsvt.tensor %v, %B : !qsvt.block<4x2, alpha = 1.0, anc = 2>
  qsvt.output %T {epsilon = 0.01}
)");
  EXPECT_LT(emittedError(column), 1e-12);
  // Right factors that are not 2^k x 2^k: the index maps i 2^k + j ->
  // i r + j around U_A (x) U_B. A column on the right; 3 x 3 (x) 3 x 3
  // (9 x 9 on 4 qubits); 5 x 5 (x) 3 x 3 (15 x 15: 3 + 2 qubits, one
  // becomes an ancilla); a 3-column times a 3 x 3.
  const std::string odd = R"(
  %C = qsvt.lcu {init = "inline", kind = "dense", source = "C", values = [0.3, -0.1, 0.2, 0.05, 0.4, -0.25, 0.1, 0.15, -0.35]} : !qsvt.block<3x3, alpha = 0.7211102550927979, anc = 2>
  %E = qsvt.lcu {init = "inline", kind = "dense", source = "E", values = [-0.25, 0.1, -0.1, 0.25, 0.05, -0.15, 0.2, 0.0, -0.2, 0.15, -0.05, -0.25, 0.1, -0.1, 0.25, 0.05, -0.15, 0.2, 0.0, -0.2, 0.15, -0.05, -0.25, 0.1, -0.1]} : !qsvt.block<5x5, alpha = 0.7952986860293434, anc = 3>
  %u = qsvt.lcu {init = "inline", kind = "amplitude", source = "u", values = [0.48, 0.6, 0.64]} : !qsvt.block<3x1, alpha = 1.0, anc = 0>)";
  for (const char *product : {"%B, %v : !qsvt.block<4x2, alpha = 1.0, anc = 2>",
                              "%C, %C : !qsvt.block<9x9, alpha = 1.0, anc = 4>",
                              "%E, %C : !qsvt.block<15x15, alpha = 1.0, anc = 6>",
                              "%u, %C : !qsvt.block<9x3, alpha = 1.0, anc = 2>"}) {
    SCOPED_TRACE(product);
    int qubits = 0;
    EXPECT_LT(emittedError(moduleWith(odd + "\n  %T = qsvt.tensor " + product +
                                      "\n  qsvt.output %T {epsilon = 0.01}\n"),
                           &qubits),
              1e-12);
    EXPECT_GT(qubits, 0);
  }
}
