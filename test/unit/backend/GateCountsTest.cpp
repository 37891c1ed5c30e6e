//===- GateCountsTest.cpp - Counted without expanding = counted in the file ===//
//
// backend::countGates summarises each gate definition once (latency
// matrices, chains under controls); the runtime counts the same program
// after printing it, reading it back and expanding every definition into
// one flat list (runtime/CircuitStats.h), sharing no code with the backend.
// Both must agree exactly: on random programs with nested definitions,
// ctrl / negctrl / inv modifiers and gphase, and on compiled models.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/backend/GateCounts.h"
#include "qsvtc/backend/Emitter.h"
#include "qsvtc/runtime/CircuitStats.h"
#include "qsvtc/runtime/Elaborator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

using namespace qsvtc;
using namespace qsvtc::backend;

namespace {

runtime::CircuitStats statsOfFile(const Program &program) {
  return runtime::circuitStats(runtime::readQasm(printQasm(program), "counted.qasm"));
}

void expectSameCounts(const Program &program) {
  const GateCounts counted = countGates(program);
  const runtime::CircuitStats file = statsOfFile(program);
  EXPECT_EQ(counted.gates, file.gates);
  EXPECT_EQ(counted.total(), file.total());
  if (counted.depthExact)
    EXPECT_EQ(counted.depth, file.depth);
  else
    EXPECT_GE(counted.depth, file.depth);
}

/// `k` distinct qubits out of 0..n-1.
std::vector<int> pick(std::mt19937_64 &rng, int n, int k) {
  std::vector<int> all(n);
  std::iota(all.begin(), all.end(), 0);
  std::shuffle(all.begin(), all.end(), rng);
  all.resize(k);
  return all;
}

/// A call of a stdgate or of an earlier definition (which fits in `width`
/// qubits), with random controls and inversion.
GateCall randomCall(std::mt19937_64 &rng, const Program &program, int width) {
  struct Std {
    const char *name;
    int params, qubits;
  };
  static const Std gates[] = {{"x", 0, 1},  {"h", 0, 1},     {"s", 0, 1},    {"rz", 1, 1},
                              {"cx", 0, 2}, {"ccx", 0, 3},   {"swap", 0, 2}, {"crz", 1, 2},
                              {"ry", 1, 1}, {"gphase", 1, 0}};
  std::uniform_int_distribution<int> coin(0, 3);
  GateCall call;
  int arity = 0;
  std::vector<const GateDef *> fitting;
  for (const GateDef &d : program.definitions)
    if (d.arity <= width)
      fitting.push_back(&d);
  if (!fitting.empty() && coin(rng) == 0) {
    const GateDef *d = fitting[rng() % fitting.size()];
    call.gate = d->name;
    arity = d->arity;
  } else {
    const Std &g = gates[rng() % std::size(gates)];
    if (g.qubits > width)
      return randomCall(rng, program, width);
    call.gate = g.name;
    arity = g.qubits;
    for (int p = 0; p < g.params; ++p)
      call.params.push_back(0.1 * static_cast<double>(rng() % 60));
  }
  const int controls = std::min(width - arity, coin(rng) == 0 ? 1 + coin(rng) % 2 : 0);
  std::vector<int> qubits = pick(rng, width, arity + controls);
  for (int c = 0; c < controls; ++c)
    call.controls.push_back({qubits[arity + c], coin(rng) != 0});
  qubits.resize(arity);
  call.qubits = qubits;
  call.inverse = coin(rng) == 0;
  return call;
}

Program randomProgram(std::mt19937_64 &rng, int qubits) {
  Program program;
  const int defs = 1 + static_cast<int>(rng() % 5);
  for (int k = 0; k < defs; ++k) {
    GateDef def;
    def.name = "g" + std::to_string(k);
    def.arity = 1 + static_cast<int>(rng() % 5);
    const int length = 1 + static_cast<int>(rng() % 8);
    for (int i = 0; i < length; ++i)
      def.body.push_back(randomCall(rng, program, def.arity));
    program.define(def);
  }
  program.registers = {{"q", qubits}};
  for (int i = 0; i < 12; ++i)
    program.body.push_back(randomCall(rng, program, qubits));
  return program;
}

} // namespace

TEST(GateCounts, RandomProgramsMatchTheExpandedFile) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    Program program = randomProgram(rng, 3 + trial % 6);
    expectSameCounts(program);
    EXPECT_TRUE(countGates(program).depthExact);
  }
}

TEST(GateCounts, ParallelGatesInsideADefinitionOverlapTheirNeighbours) {
  // g = (x a0)(x a1 ... five times): depth 5 on a1, 1 on a0. Called after
  // five gates on q0, the expanded circuit has depth 6, not 10 (a block).
  Program program;
  GateDef g{"g", 2, "", {}};
  GateBuilder b(g.body);
  b.x(0);
  for (int i = 0; i < 5; ++i)
    b.x(1);
  program.define(g);
  program.registers = {{"q", 2}};
  GateBuilder top(program.body);
  for (int i = 0; i < 5; ++i)
    top.x(0);
  top.call("g", {}, {0, 1});
  const GateCounts counted = countGates(program);
  EXPECT_EQ(counted.depth, 6);
  EXPECT_EQ(counted.gates.at("x"), 11);
  expectSameCounts(program);
  // Under a control every gate shares it: depth 5 + 6.
  program.registers = {{"q", 3}};
  program.body.back().controls = {{2, false}};
  EXPECT_EQ(countGates(program).depth, 11);
  EXPECT_EQ(countGates(program).gates.at("ctrl(1)@x"), 6);
  expectSameCounts(program);
}

TEST(GateCounts, WideDefinitionsAreBoundedAbove) {
  // A definition on more than kExactArity qubits is a block: x on its
  // first qubit and a chain of two on the last two: depth 2. After three
  // gates on qubit 0, a block gives 3 + 2; the expanded circuit 4.
  const int n = kExactArity + 2;
  Program program;
  GateDef wide{"wide", n, "", {}};
  GateBuilder b(wide.body);
  b.x(0);
  b.cx(n - 2, n - 1);
  b.cx(n - 2, n - 1);
  program.define(wide);
  program.registers = {{"q", n}};
  GateBuilder top(program.body);
  for (int i = 0; i < 3; ++i)
    top.x(0);
  std::vector<int> all(n);
  std::iota(all.begin(), all.end(), 0);
  top.call("wide", {}, all);
  const GateCounts counted = countGates(program);
  EXPECT_FALSE(counted.depthExact);
  EXPECT_EQ(counted.depth, 5);
  EXPECT_EQ(statsOfFile(program).depth, 4);
  expectSameCounts(program);
}
