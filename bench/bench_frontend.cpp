//===- bench_frontend.cpp - Frontend and IR round-trip speed --------------===//
//
// Targets (issue: frontend/IR): parse + check + print a 96-layer spec with
// GPT-3-like symbolic dims (d = 12288, 96 heads) in < 100 ms; IR round trip
// (parse the printed IR, verify, print) of that module in < 100 ms.
//   build/bin/bench-frontend [--benchmark_repetitions=5]
//
//===----------------------------------------------------------------------===//
#include "qsvtc/frontend/Sema.h"
#include "qsvtc/ir/Parser.h"
#include "qsvtc/ir/Printer.h"
#include "qsvtc/ir/Verifier.h"
#include "qsvtc/support/FileIO.h"

#include <benchmark/benchmark.h>

namespace {

const std::string SpecPath = QSVTC_BENCH_INPUTS "/gpt3_96.qtf";

void BM_ParseCheckPrintGpt3(benchmark::State &state) {
  std::string text = qsvtc::readFile(SpecPath);
  std::size_t ops = 0;
  for (auto _ : state) {
    auto module = qsvtc::frontend::compileModel(qsvtc::SourceFile(SpecPath, text));
    qsvtc::ir::verify(*module);
    std::string printed = qsvtc::ir::print(*module);
    benchmark::DoNotOptimize(printed);
    ops = module->operations.size();
  }
  state.counters["ops"] = static_cast<double>(ops);
}
BENCHMARK(BM_ParseCheckPrintGpt3)->Unit(benchmark::kMillisecond);

void BM_IrRoundTripGpt3(benchmark::State &state) {
  std::string text = qsvtc::readFile(SpecPath);
  std::string printed =
      qsvtc::ir::print(*qsvtc::frontend::compileModel(qsvtc::SourceFile(SpecPath, text)), {true});
  for (auto _ : state) {
    auto module = qsvtc::ir::parseModule(printed, "gpt3.mlir");
    qsvtc::ir::verify(*module);
    std::string again = qsvtc::ir::print(*module, {true});
    benchmark::DoNotOptimize(again);
  }
  state.counters["bytes"] = static_cast<double>(printed.size());
}
BENCHMARK(BM_IrRoundTripGpt3)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
