//===- bench_emit.cpp - OpenQASM emission of long QSVT sequences ----------===//
//
// Issue target: a QSVT sequence of degree 1e4 emitted in < 1 s, file size
// linear in degree. The operand is the Pauli LCU of a 4x4 symmetric matrix
// (2 data qubits, 3 ancillas), the phases random (emission does not look
// at their values); each run defines the sequence and prints the program.
// Counters: bytes of QASM text and bytes per degree.
//
//   build/bin/bench-emit --benchmark_counters_tabular=true
//
//===----------------------------------------------------------------------===//
#include "qsvtc/backend/BlockEncodings.h"
#include "qsvtc/backend/QsvtSequence.h"

#include <benchmark/benchmark.h>

#include <random>

using namespace qsvtc::backend;

static void EmitQsvtSequence(benchmark::State &state) {
  const int degree = static_cast<int>(state.range(0));
  const bool mixed = state.range(1) != 0;
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> angle(-1, 1);
  std::vector<double> phases(static_cast<std::size_t>(degree) + 1), odd;
  for (double &p : phases)
    p = angle(rng);
  if (mixed) {
    odd.resize(static_cast<std::size_t>(degree));
    for (double &p : odd)
      p = angle(rng);
  }
  const std::vector<double> h = {0.5, 0.1, 0.0, 0.0, 0.1, -0.2, 0.1, 0.0,
                                 0.0, 0.1, 0.3, 0.1, 0.0, 0.0,  0.1, -0.4};
  std::size_t bytes = 0;
  for (auto _ : state) {
    Program program;
    Encoded u = definePauliEncoding(program, "h", "", h, 4, 4, 2);
    Encoded q = defineQsvt(program, "qsvt", "", u, 2, phases, odd);
    program.registers = {{"q", 2}, {"anc", q.ancillas}};
    std::vector<int> all;
    for (int i = 0; i < 2 + q.ancillas; ++i)
      all.push_back(i);
    GateBuilder(program.body).call(q.gate, {}, all);
    std::string text = printQasm(program);
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  state.counters["bytes_per_degree"] = static_cast<double>(bytes) / degree;
}
BENCHMARK(EmitQsvtSequence)
    ->ArgsProduct({{100, 1000, 10000, 100000}, {0, 1}})
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
