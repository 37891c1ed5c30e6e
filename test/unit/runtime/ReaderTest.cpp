//===- ReaderTest.cpp - The OpenQASM 3 reader: features and modifiers -----===//
//
// Each feature is checked by comparing the unitary of a snippet with the
// unitary of an equivalent snippet written without it, or with a dense
// matrix computed here. Modifier semantics follow gates.rst: ctrl/negctrl
// prepend controls, inv reverses and inverts, pow(k) is a power.
//
//===----------------------------------------------------------------------===//
#include "DenseReference.h"
#include "RuntimeTestSupport.h"

#include "qsvtc/runtime/Gates.h"

#include <gtest/gtest.h>

#include <numbers>

using namespace qsvtc::runtime;
using namespace qsvtc::runtime::test;
using M = Eigen::MatrixXcd;

namespace {

std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

#define EXPECT_SAME_UNITARY(a, b)                                                                  \
  EXPECT_LT((unitaryOf(a) - unitaryOf(b)).norm(), kTol) << (a) << "\n  vs\n" << (b)

TEST(RuntimeReader, CtrlModifierMatchesControlledGates) {
  EXPECT_SAME_UNITARY("qubit[2] q; ctrl @ rx(0.3) q[0], q[1];", "qubit[2] q; crx(0.3) q[0], q[1];");
  EXPECT_SAME_UNITARY("qubit[3] q; ctrl @ ctrl @ x q[2], q[0], q[1];",
                      "qubit[3] q; ccx q[2], q[0], q[1];");
  EXPECT_SAME_UNITARY("qubit[3] q; ctrl(2) @ x q[0], q[1], q[2];",
                      "qubit[3] q; ccx q[0], q[1], q[2];");
  EXPECT_SAME_UNITARY("qubit[3] q; ctrl @ swap q[1], q[0], q[2];",
                      "qubit[3] q; cswap q[1], q[0], q[2];");
  // gates.rst: ctrl @ gphase(a) is U(0, 0, a).
  EXPECT_SAME_UNITARY("qubit q; ctrl @ gphase(0.7) q;", "qubit q; U(0, 0, 0.7) q;");
}

TEST(RuntimeReader, NegCtrlIsCtrlBetweenXs) {
  EXPECT_SAME_UNITARY("qubit[2] q; negctrl @ ry(0.9) q[1], q[0];",
                      "qubit[2] q; x q[1]; cry(0.9) q[1], q[0]; x q[1];");
  // The spec's example: negctrl(2) @ ctrl @ x on 4 qubits.
  EXPECT_SAME_UNITARY("qubit[4] q; negctrl(2) @ ctrl @ x q[0], q[1], q[2], q[3];",
                      "qubit[4] q; x q[0]; x q[1]; ctrl(3) @ x q[0], q[1], q[2], q[3]; "
                      "x q[0]; x q[1];");
}

TEST(RuntimeReader, CtrlMatchesDenseReference) {
  const Circuit c = qasm("qubit[3] q; negctrl @ ctrl @ h q[2], q[0], q[1];");
  Operation op;
  op.targets = {1};
  op.matrix = findStdGate("h")->matrix({});
  op.controls = {{2, false}, {0, true}};
  EXPECT_LT((simulatedUnitary(c) - denseOperation(op, 3)).norm(), kTol);
}

TEST(RuntimeReader, InvReversesAndInverts) {
  const M u = unitaryOf("qubit q; u3(0.3, -1.2, 2.2) q;");
  EXPECT_LT((unitaryOf("qubit q; inv @ u3(0.3, -1.2, 2.2) q;") - u.adjoint()).norm(), kTol);
  const std::string def = "gate g(a) x, y { h x; rz(a) y; cx x, y; t y; }\n"
                          "qubit[2] q;\n";
  const M g = unitaryOf(def + "g(0.4) q[0], q[1];");
  EXPECT_LT((unitaryOf(def + "inv @ g(0.4) q[0], q[1];") - g.adjoint()).norm(), kTol);
  EXPECT_SAME_UNITARY(def + "inv @ g(0.4) q[0], q[1];",
                      def + "tdg q[1]; cx q[0], q[1]; rz(-0.4) q[1]; h q[0];");
  EXPECT_SAME_UNITARY("qubit q; inv @ gphase(0.3);", "qubit q; gphase(-0.3);");
}

TEST(RuntimeReader, PowIntegerAndFractional) {
  EXPECT_SAME_UNITARY("qubit q; pow(2) @ sx q;", "qubit q; x q;");
  EXPECT_SAME_UNITARY("qubit q; pow(-1) @ t q;", "qubit q; tdg q;");
  EXPECT_SAME_UNITARY("qubit q; pow(3) @ t q;", "qubit q; t q; t q; t q;");
  EXPECT_SAME_UNITARY("qubit q; pow(0) @ h q;", "qubit q; id q;");
  EXPECT_SAME_UNITARY("qubit q; pow(0.5) @ x q;", "qubit q; sx q;");
  EXPECT_SAME_UNITARY("qubit q; pow(0.25) @ z q;", "qubit q; t q;");
  EXPECT_SAME_UNITARY("qubit q; pow(1/2) @ z q;", "qubit q; id q;"); // 1/2 == 0
  // A fractional power of a multi-gate definition, squared, is the gate.
  const std::string def = "gate g a, b { h a; cx a, b; ry(0.3) b; }\n"
                          "qubit[2] q;\n";
  EXPECT_SAME_UNITARY(def + "pow(0.5) @ g q[0], q[1]; pow(0.5) @ g q[0], q[1];",
                      def + "g q[0], q[1];");
  EXPECT_SAME_UNITARY("qubit[2] q; ctrl @ inv @ pow(2) @ s q[0], q[1];",
                      "qubit[2] q; cz q[0], q[1];");
}

TEST(RuntimeReader, GateDefinitionsWithParameters) {
  EXPECT_SAME_UNITARY("gate rot(θ, φ) a { rz(φ) a; ry(θ) a; }\n"
                      "gate pair(t) a, b { rot(t, 2*t) a; cx a, b; rot(-t, t/2) b; }\n"
                      "qubit[2] q; pair(0.3) q[1], q[0];",
                      "qubit[2] q; rz(0.6) q[1]; ry(0.3) q[1]; cx q[1], q[0]; rz(0.15) q[0]; "
                      "ry(-0.3) q[0];");
  EXPECT_SAME_UNITARY("gate nothing a { }\nqubit q; nothing q;", "qubit q;");
}

TEST(RuntimeReader, ForLoops) {
  EXPECT_SAME_UNITARY("qubit[4] q; for uint i in [0:3] { h q[i]; }",
                      "qubit[4] q; h q[0]; h q[1]; h q[2]; h q[3];");
  EXPECT_SAME_UNITARY("qubit[5] q; for int i in [0:2:4] rx(i * 0.1) q[i];",
                      "qubit[5] q; rx(0) q[0]; rx(0.2) q[2]; rx(0.4) q[4];");
  EXPECT_SAME_UNITARY("qubit[3] q; for uint i in [2:-1:1] { cx q[i], q[i-1]; }",
                      "qubit[3] q; cx q[2], q[1]; cx q[1], q[0];");
  EXPECT_SAME_UNITARY("gate ladder(t) a { for int k in [1:3] { rz(k * t) a; } }\n"
                      "qubit q; ladder(0.1) q;",
                      "qubit q; rz(0.6) q;");
  EXPECT_SAME_UNITARY("qubit[3] q; for uint i in [0:1] for uint j in [i+1:2] cz q[i], q[j];",
                      "qubit[3] q; cz q[0], q[1]; cz q[0], q[2]; cz q[1], q[2];");
}

TEST(RuntimeReader, ConstantsAndExpressions) {
  EXPECT_SAME_UNITARY("const float a = pi / 4; qubit q; rz(a * 2) q;",
                      "qubit q; rz(1.5707963267948966) q;");
  EXPECT_SAME_UNITARY("qubit q; rz(tau / 4 - π / 2 + τ - 2 * pi) q;", "qubit q; id q;");
  EXPECT_SAME_UNITARY("qubit q; rz(ln(euler) + ln(ℇ)) q;", "qubit q; rz(2) q;");
  EXPECT_SAME_UNITARY("qubit q; rz(-2**2) q;", "qubit q; rz(-4) q;");
  EXPECT_SAME_UNITARY("qubit q; rz(2 ** -1) q;", "qubit q; rz(0.5) q;");
  EXPECT_SAME_UNITARY("qubit q; rz(7 / 2 + 7 % 4) q;", "qubit q; rz(6) q;");
  EXPECT_SAME_UNITARY("qubit q; rz(5 ^ 3) q;", "qubit q; rz(6) q;");
  EXPECT_SAME_UNITARY(
      "qubit q; rx(sin(1) + cos(2) * tan(0.5) - exp(0.1) / sqrt(3)) q;",
      "qubit q; rx(" +
          num(std::sin(1) + std::cos(2) * std::tan(0.5) - std::exp(0.1) / std::sqrt(3)) + ") q;");
  EXPECT_SAME_UNITARY("qubit q; ry(arccos(0.2) + arcsin(0.3) + arctan(2)) q;",
                      "qubit q; ry(" + num(std::acos(0.2) + std::asin(0.3) + std::atan(2)) +
                          ") q;");
  EXPECT_SAME_UNITARY("const int n = 3; qubit[n + 1] q; x q[n];", "qubit[4] q; x q[3];");
  EXPECT_SAME_UNITARY("qubit q; rz(1.5e-1 + .25 + 1_000 * 0) q;", "qubit q; rz(0.4) q;");
}

TEST(RuntimeReader, RegistersBroadcastAndComments) {
  const Circuit c = qasm("qreg a[2];\nqubit b;\nqubit[3] c;\n");
  ASSERT_EQ(c.registers.size(), 3u);
  EXPECT_EQ(c.registers[1].offset, 2);
  EXPECT_EQ(c.registers[2].offset, 3);
  EXPECT_EQ(c.numQubits, 6);
  EXPECT_SAME_UNITARY("qubit[3] q; h q;", "qubit[3] q; h q[0]; h q[1]; h q[2];");
  EXPECT_SAME_UNITARY("qubit[2] a; qubit[2] b; cx a, b;",
                      "qubit[2] a; qubit[2] b; cx a[0], b[0]; cx a[1], b[1];");
  EXPECT_SAME_UNITARY("qubit c; qubit[2] t; cx c, t;",
                      "qubit c; qubit[2] t; cx c, t[0]; cx c, t[1];");
  EXPECT_SAME_UNITARY("qubit q; // h q;\n/* x q;\n y q; */ z q; /**/", "qubit q; z q;");
  EXPECT_SAME_UNITARY("qubit[2] q; bit[2] c; h q[0]; barrier q; "
                      "c[0] = measure q[0]; measure q[1] -> c[1];",
                      "qubit[2] q; h q[0];");
}

TEST(RuntimeReader, GlobalPhaseIsKept) {
  const M u = unitaryOf("qubit q; gphase(0.5); x q;");
  M expected(2, 2);
  expected << 0, 1, 1, 0;
  EXPECT_LT((u - std::polar(1.0, 0.5) * expected).norm(), kTol);
  EXPECT_SAME_UNITARY("qubit q; gphase -π/2;", "qubit q; gphase(-pi/2);");
}

/// The full diagnostic thrown for `body` (after the two header lines).
std::string errorOf(const std::string &body) {
  try {
    qasm(body);
  } catch (const DiagnosticError &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(RuntimeReader, DiagnosticsAreLocatedWithACaret) {
  EXPECT_EQ(errorOf("qubit q;\n  hh q;\n"),
            "test.qasm:4:3: error: unknown gate 'hh'\n  hh q;\n  ^");
  EXPECT_EQ(errorOf("qubit q;\nh q\n"),
            "test.qasm:5:1: error: expected ';' after the gate call, found end "
            "of file\n\n^");
  EXPECT_EQ(errorOf("qubit[2] q;\ncx q[0];\n"),
            "test.qasm:4:4: error: gate 'cx' takes 2 qubits, 1 given\n"
            "cx q[0];\n   ^");
  EXPECT_EQ(errorOf("qubit[2] q;\nrz(π, 1) q[0];\n"),
            "test.qasm:4:1: error: gate 'rz' takes 1 parameter, 2 given\n"
            "rz(π, 1) q[0];\n^");
  EXPECT_EQ(errorOf("qubit[2] q;\nh r[0];\n"),
            "test.qasm:4:3: error: undeclared qubit register 'r'\nh r[0];\n  ^");
  // The column counts characters: 'θ' is two bytes, one column.
  EXPECT_EQ(errorOf("qubit[2] q;\nrz(θ) q[2];\n"),
            "test.qasm:4:4: error: unknown identifier 'θ'\nrz(θ) q[2];\n   ^");
  EXPECT_EQ(errorOf("qubit[2] q;\nrz(1) q[2];\n"),
            "test.qasm:4:9: error: index 2 out of range for 'q' (qubit[2])\n"
            "rz(1) q[2];\n        ^");
  EXPECT_EQ(errorOf("qubit q;\nreset q;\n"),
            "test.qasm:4:1: error: unsupported statement 'reset' (the runtime "
            "simulates unitary circuits only)\nreset q;\n^");
}

TEST(RuntimeReader, MoreErrors) {
  auto has = [](const std::string &body, const std::string &part) {
    const std::string e = errorOf(body);
    EXPECT_NE(e.find(part), std::string::npos) << e;
  };
  has("qubit[2] q; cx q[0], q[0];", "error: gate 'cx' is given the same qubit twice");
  has("qubit q; h q; measure q; x q;", "after it was measured");
  has("gate g a { g a; }", "gate 'g' cannot call itself");
  has("gate g a { h b; }", "'b' is not a qubit argument of gate 'g'");
  has("gate h a { x a; }", "redefinition of built-in gate 'h'");
  has("qubit q; qubit q;", "redefinition of 'q'");
  has("qubit[0] q;", "register size must be positive");
  has("qubit[2] a; qubit[3] b; cx a, b;", "registers of different sizes");
  has("qubit q; rz(1 / 0) q;", "division by zero");
  has("qubit q; rz(foo(1)) q;", "unknown function 'foo'");
  has("qubit q; rz(1.5 ^ 2) q;", "'^' is bitwise XOR in OpenQASM 3");
  has("qubit q; h q[0.5];", "a qubit index must be an integer");
  has("qubit[2] q; h q[0:1];", "unsupported qubit slice");
  has("qubit q; if (1) h q;", "unsupported statement 'if'");
  has("qubit q; x q /* unterminated", "unterminated /* comment");
  has("qubit q; x q; $", "unexpected character '$'");
  has("include \"qelib1.inc\";", "only \"stdgates.inc\" is built in");
  has("qubit q; pow(0.5) @ ctrl(9) @ x q;", "takes 10 qubits, 1 given");
  has("qubit q; ctrl(0) @ x q;", "control count must be between 1 and 1048576, got 0");
  has("qubit q; int x = 3; x = 4;", "unsupported statement: assignment to 'x'");
  has("qubit q; for uint i in {1, 2} h q;", "unsupported loop range");
  has("qubit q; float f; ", "'f' needs an initialiser");
  EXPECT_NE(std::string::npos,
            [] {
              try {
                readQasm("OPENQASM 2.0;\nqreg q[1];\n", "old.qasm");
              } catch (const DiagnosticError &e) {
                return std::string(e.what());
              }
              return std::string();
            }()
                .find("old.qasm:1:10: error: unsupported OpenQASM version 2.0"));
  EXPECT_NE(std::string::npos,
            [] {
              try {
                readQasm("qubit q; h q;", "noinc.qasm");
              } catch (const DiagnosticError &e) {
                return std::string(e.what());
              }
              return std::string();
            }()
                .find("unknown gate 'h' (it is in stdgates.inc"));
}

} // namespace
