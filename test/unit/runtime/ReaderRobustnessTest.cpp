//===- ReaderRobustnessTest.cpp - Hostile and mangled QASM input ----------===//
//
// Bad input never crashes (design.md): deep nesting, huge expressions and
// runaway loops are located errors, and QSVTC_FUZZ_CASES (default 100000)
// random mutations of valid programs (../FuzzMutator.h, fixed seed) either
// read and simulate or throw DiagnosticError.
//
//===----------------------------------------------------------------------===//
#include "RuntimeTestSupport.h"

#include "../FuzzMutator.h"

#include <gtest/gtest.h>

#include <random>

using namespace qsvtc::runtime;
using namespace qsvtc::runtime::test;
using qsvtc::test::fuzzCaseCount;
using qsvtc::test::mutate;

namespace {

std::string errorOf(const std::string &body) {
  try {
    qasm(body);
  } catch (const DiagnosticError &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(RuntimeReaderRobustness, LimitsAreErrors) {
  EXPECT_NE(
      errorOf("qubit q; rz(" + std::string(100000, '(') + "1" + std::string(100000, ')') + ") q;")
          .find("nesting too deep"),
      std::string::npos);
  EXPECT_NE(errorOf("qubit q; rz(" + std::string(100000, '-') + "1) q;").find("nesting too deep"),
            std::string::npos);
  std::string sum = "1";
  for (int i = 0; i < 20000; ++i)
    sum += "+1";
  EXPECT_NE(errorOf("qubit q; rz(" + sum + ") q;").find("expression too long"), std::string::npos);
  std::string loops;
  for (int i = 0; i < 300; ++i)
    loops += "for uint i" + std::to_string(i) + " in [0:0] ";
  EXPECT_NE(errorOf("qubit q; " + loops + "h q;").find("nesting too deep"), std::string::npos);
  EXPECT_NE(errorOf("qubit q; for uint i in [0:1000000000] { }").find("too many loop iterations"),
            std::string::npos);
  EXPECT_NE(errorOf("qubit q; pow(1000000000) @ h q;").find("too large"), std::string::npos);
  EXPECT_NE(errorOf("qubit[40] q; qubit[40] r;").find("too many qubits"), std::string::npos);
}

TEST(RuntimeReaderRobustness, RandomMutationsNeverCrash) {
  const std::vector<std::string> seeds = {
      "qubit[3] q;\nqubit anc;\ngate g(a, b) x, y { rz(a*b) x; cx x, y; "
      "ctrl @ gphase(-a/2) y; }\nfor uint i in [0:1] { h q[i]; g(pi/4, "
      "2**-1) q[i], q[i+1]; }\ninv @ pow(0.5) @ g(0.1, tau) q[0], anc;\n",
      "const float t = 0.3;\nqreg r[2];\nnegctrl(1) @ ctrl @ x r[0], r[1], "
      "anc;\nbit[2] c;\nc = measure r; // end\n/* block */ barrier r;\n",
      "gate w(θ) s { rx(-2 * arccos(θ)) s; }\nqubit s;\nfor int k in "
      "[3:-1:0] { w(0.5) s; rz(k * π / 8) s; }\nu3(1, 2, 3) s; U(0.1, 0.2, "
      "0.3) s;\n"};
  const std::vector<std::string> fragments = {"q",      "x",       "h",
                                              "[",      "]",       "(",
                                              ")",      "{",       "}",
                                              ";",      ",",       ":",
                                              "@",      "+",       "-",
                                              "*",      "/",       "^",
                                              " ",      "0",       "9",
                                              ".",      "\"",      "π",
                                              "θ",      "\n",      "/*",
                                              "//",     "ctrl @ ", "inv @ ",
                                              "pow(",   "gate ",   "for uint i in ",
                                              "qubit[", "1e308",   "99999999999999999999",
                                              "\xff"};
  std::mt19937_64 rng(8);
  int read = 0, rejected = 0;
  const std::size_t cases = fuzzCaseCount(100000);
  for (std::size_t trial = 0; trial < cases; ++trial) {
    const std::string text = mutate(seeds[rng() % seeds.size()], rng, seeds, fragments);
    try {
      const Circuit c = readQasm("OPENQASM 3;\ninclude \"stdgates.inc\";\n"
                                 "qubit anc;\n" +
                                     text,
                                 "fuzz.qasm");
      ++read;
      if (c.numQubits <= 8) {
        StateVector sv(c.numQubits);
        sv.run(c);
        EXPECT_NEAR(sv.amplitudes().norm(), 1.0, 1e-9) << text;
      }
    } catch (const DiagnosticError &e) {
      ++rejected;
      const std::string what = e.what();
      EXPECT_EQ(what.rfind("fuzz.qasm:", 0), 0u) << what;
      EXPECT_NE(what.find(": error: "), std::string::npos) << what;
    }
  }
  EXPECT_GT(read, 0);
  EXPECT_GT(rejected, 0);
}

} // namespace
