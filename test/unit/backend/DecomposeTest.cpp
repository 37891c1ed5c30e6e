//===- DecomposeTest.cpp - --decompose keeps the unitary ------------------===//
//
// The decomposed program is read back by the runtime (which knows the
// modifiers and shares no code with the backend) and simulated: its block
// on <0|work|0> must equal the original's whole unitary. Tolerance 1e-12:
// at most a few hundred gates on <= 12 qubits, each ~1e-16 of rounding.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/backend/Decompose.h"
#include "qsvtc/runtime/BlockExtraction.h"
#include "qsvtc/runtime/Elaborator.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>

#include <random>

using namespace qsvtc;
using namespace qsvtc::backend;

namespace {

/// The unitary on the registers of `original`; registers the
/// decomposition added are ancillas in |0>.
Eigen::MatrixXcd unitaryOn(const Program &program, int originalQubits) {
  runtime::Circuit circuit = runtime::readQasm(printQasm(program), "test.qasm");
  runtime::QubitPartition partition;
  for (int q = 0; q < program.numQubits(); ++q)
    if (q < originalQubits)
      partition.data.push_back(q);
    else
      partition.ancillas.push_back({q, 0});
  return runtime::extractBlock(circuit, partition);
}

void expectSameUnitary(const Program &original) {
  Program decomposed = decomposeModifiers(original);
  std::string text = printQasm(decomposed);
  EXPECT_EQ(text.find('@'), std::string::npos) << text;
  Eigen::MatrixXcd u = unitaryOn(original, original.numQubits());
  Eigen::MatrixXcd d = unitaryOn(decomposed, original.numQubits());
  EXPECT_LT((u - d).cwiseAbs().maxCoeff(), 1e-12) << text;
}

struct StdGate {
  const char *name;
  int params, qubits;
};

const StdGate kGates[] = {
    {"x", 0, 1},  {"y", 0, 1},   {"z", 0, 1},   {"h", 0, 1},    {"s", 0, 1},   {"sdg", 0, 1},
    {"t", 0, 1},  {"tdg", 0, 1}, {"rx", 1, 1},  {"ry", 1, 1},   {"rz", 1, 1},  {"p", 1, 1},
    {"cx", 0, 2}, {"cz", 0, 2},  {"crz", 1, 2}, {"swap", 0, 2}, {"ccx", 0, 3}, {"gphase", 1, 0}};

} // namespace

TEST(Decompose, EveryStandardGateUnderControlsAndInverse) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> angle(-M_PI, M_PI);
  const int qubits = 7;
  for (const StdGate &g : kGates)
    for (int k = 0; k <= 4; ++k)
      for (bool inverse : {false, true}) {
        std::vector<int> order(qubits);
        for (int q = 0; q < qubits; ++q)
          order[q] = q;
        std::shuffle(order.begin(), order.end(), rng);
        std::vector<double> params;
        for (int i = 0; i < g.params; ++i)
          params.push_back(angle(rng));
        std::vector<int> targets(order.begin(), order.begin() + g.qubits);
        std::vector<Control> controls;
        for (int i = 0; i < k; ++i)
          controls.push_back({order[g.qubits + i], rng() % 2 == 0});
        Program p;
        p.registers = {{"q", qubits}};
        GateBuilder(p.body).call(g.name, params, targets, controls, inverse);
        SCOPED_TRACE(std::string(g.name) + " with " + std::to_string(k) + " controls" +
                     (inverse ? ", inverted" : ""));
        expectSameUnitary(p);
      }
}

TEST(Decompose, NestedDefinitionsUnderModifiers) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> angle(-M_PI, M_PI);
  Program p;
  // inner: 3 qubits, every kind of call, some with their own controls.
  GateDef inner{"inner", 3, "inner", {}};
  GateBuilder b(inner.body);
  b.h(0);
  b.ry(angle(rng), 1);
  b.call("crz", {angle(rng)}, {0, 2});
  b.x(2, {{0, false}, {1, true}});
  b.call("rz", {angle(rng)}, {1}, {{2, false}});
  b.swap(0, 2);
  b.gphase(angle(rng));
  b.call("t", {}, {2});
  p.define(std::move(inner));
  // outer: 5 qubits, calls inner controlled, negated and inverted.
  GateDef outer{"outer", 5, "outer", {}};
  GateBuilder o(outer.body);
  o.call("inner", {}, {0, 1, 2});
  o.call("inner", {}, {2, 3, 4}, {{0, true}, {1, false}});
  o.call("inner", {}, {4, 0, 1}, {{3, true}}, /*inverse=*/true);
  o.call("s", {}, {3}, {{4, true}});
  p.define(std::move(outer));
  p.registers = {{"q", 4}, {"anc", 3}};
  GateBuilder top(p.body);
  top.call("outer", {}, {0, 1, 2, 3, 4});
  top.call("outer", {}, {6, 5, 4, 3, 2}, {{0, false}, {1, true}}, /*inverse=*/true);
  top.gphase(angle(rng));
  expectSameUnitary(p);
}

TEST(Decompose, OpaqueOraclesStayOpaque) {
  Program p;
  GateDef oracle{"oracle", 2, "an oracle", {}};
  oracle.opaque = true;
  p.define(std::move(oracle));
  p.registers = {{"q", 3}};
  GateBuilder(p.body).call("oracle", {}, {1, 2}, {{0, true}}, /*inverse=*/true);
  Program d = decomposeModifiers(p);
  std::string text = printQasm(d);
  EXPECT_NE(text.find("defcal oracle_inv_c1 a0, a1, a2 {}"), std::string::npos) << text;
  EXPECT_NE(text.find("oracle_inv_c1 q[0], q[1], q[2];"), std::string::npos) << text;
  EXPECT_EQ(text.find('@'), std::string::npos) << text;
}

// Controls nest: level k calls level k-1 under two more controls, so the
// innermost gates sit under 8. Two or more controls are ANDed into one work
// qubit before a definition is called, so each definition has at most a
// plain and a _c1 version (per direction), not one per control count; the
// unitary is the original's. Past the call limit: a clear error.
TEST(Decompose, NestedControlsNeedOneControlledVersionEach) {
  Program p;
  GateDef leaf{"level0", 2, "leaf", {}};
  GateBuilder(leaf.body).call("ry", {0.3}, {0});
  GateBuilder(leaf.body).cx(0, 1);
  p.define(std::move(leaf));
  for (int k = 1; k <= 4; ++k) {
    const int arity = 2 + 2 * k;
    GateDef def{"level" + std::to_string(k), arity, "level", {}};
    GateBuilder b(def.body);
    b.h(arity - 1);
    b.call("level" + std::to_string(k - 1), {}, qubitRange(0, arity - 2),
           {{arity - 2, true}, {arity - 1, k % 2 == 0}});
    p.define(std::move(def));
  }
  p.registers = {{"q", 10}};
  GateBuilder(p.body).call("level4", {}, qubitRange(0, 10));
  expectSameUnitary(p);
  const Program d = decomposeModifiers(p);
  EXPECT_LE(d.definitions.size(), 2 * p.definitions.size()) << printQasm(d);
  for (const GateDef &def : d.definitions) {
    const std::size_t c = def.name.rfind("_c");
    EXPECT_TRUE(c == std::string::npos || def.name.substr(c) == "_c1") << def.name;
  }
  EXPECT_THROW(decomposeModifiers(p, 5), Error);
}
