//===- bench_simulator.cpp - Statevector simulator throughput -------------===//
//
// A 20-qubit state through 10^4 random gates: 1-qubit gates (h, x, sx, t,
// rx, ry, rz, u3) and 2-qubit gates (cx, cz, cp, crx, swap) on random
// qubits with random angles, fixed seed. Argument: number of threads.
// Target (issue 8): under 5 s for the whole circuit.
//
//   /usr/bin/time -v build/bin/bench-simulator
//       --benchmark_filter=Random20Qubits10kGates/2   (one command line)
//
// BM_Random26Qubits200Gates checks the largest size (26 qubits, 1 GiB).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/runtime/Gates.h"
#include "qsvtc/runtime/Simulator.h"

#include <benchmark/benchmark.h>

#include <random>

using namespace qsvtc::runtime;

namespace {

Circuit randomCircuit(int numQubits, int numGates, unsigned seed) {
  static const char *const oneQubit[] = {"h", "x", "sx", "t", "rx", "ry", "rz", "u3"};
  static const char *const twoQubit[] = {"cx", "cz", "cp", "crx", "swap"};
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> angle(-3.14, 3.14);
  std::uniform_int_distribution<int> qubit(0, numQubits - 1);
  Circuit c;
  c.numQubits = numQubits;
  c.registers.push_back({"q", 0, numQubits});
  for (int g = 0; g < numGates; ++g) {
    const bool two = rng() % 3 == 0;
    const StdGate *gate = findStdGate(two ? twoQubit[rng() % 5] : oneQubit[rng() % 8]);
    std::vector<double> params(gate->numParams);
    for (double &p : params)
      p = angle(rng);
    std::vector<int> qubits;
    while (static_cast<int>(qubits.size()) < gate->numQubits()) {
      const int q = qubit(rng);
      if (std::find(qubits.begin(), qubits.end(), q) == qubits.end())
        qubits.push_back(q);
    }
    Operation op;
    op.name = gate->name;
    for (int i = 0; i < gate->numControls; ++i)
      op.controls.push_back({qubits[i], true});
    op.targets.assign(qubits.begin() + gate->numControls, qubits.end());
    op.matrix = gate->matrix(params);
    c.ops.push_back(std::move(op));
  }
  return c;
}

void BM_Random20Qubits10kGates(benchmark::State &state) {
  const Circuit c = randomCircuit(20, 10000, 2024);
  StateVector sv(20, static_cast<unsigned>(state.range(0)));
  for (auto _ : state) {
    sv.setBasisState(0);
    sv.run(c);
    benchmark::DoNotOptimize(sv.amplitudes().data());
  }
  state.counters["gates/s"] =
      benchmark::Counter(10000.0 * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Random20Qubits10kGates)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The largest size the brief asks for: 26 qubits (1 GiB of amplitudes),
/// 200 random gates, two threads.
void BM_Random26Qubits200Gates(benchmark::State &state) {
  const Circuit c = randomCircuit(26, 200, 2025);
  StateVector sv(26, 2);
  for (auto _ : state) {
    sv.setBasisState(0);
    sv.run(c);
    benchmark::DoNotOptimize(sv.amplitudes().data());
  }
}
BENCHMARK(BM_Random26Qubits200Gates)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

} // namespace

BENCHMARK_MAIN();
