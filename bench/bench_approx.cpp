//===- bench_approx.cpp - Timing targets of the approximation engine ------===//
//
// The timing targets, one benchmark each: 1/x with delta = 0.01 at
// eps 1e-6 (< 1 s), MPFR 256-bit Remez for exp at eps 1e-30 (< 10 s), and
// the whole pipeline for a few transformer functions.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/Approximate.h"
#include "qsvtc/approx/Catalog.h"

#include <benchmark/benchmark.h>

using namespace qsvtc::approx;

namespace {

void runCase(benchmark::State &state, const char *name, std::map<std::string, double> params,
             double eps, unsigned bits = 0, Method method = Method::Remez) {
  const TargetFunction f = makeCatalogFunction(name, params);
  ApproxOptions opts;
  opts.epsilon = eps;
  opts.precisionBits = bits;
  opts.method = method;
  int degree = 0;
  for (auto _ : state) {
    Approximation a = approximate(f, opts);
    degree = a.degree;
    benchmark::DoNotOptimize(a.coef.data());
  }
  state.counters["degree"] = degree;
}

void BM_InverseDelta001Eps1e6(benchmark::State &s) {
  runCase(s, "inverse", {{"delta", 0.01}}, 1e-6);
}
void BM_InverseDelta001Eps1e6Chebyshev(benchmark::State &s) {
  runCase(s, "inverse", {{"delta", 0.01}}, 1e-6, 0, Method::Chebyshev);
}
void BM_ExpMpfr256Eps1e30(benchmark::State &s) { runCase(s, "exp", {{"beta", 1}}, 1e-30, 256); }
void BM_GeluEps1e6(benchmark::State &s) { runCase(s, "gelu", {}, 1e-6); }
void BM_SoftmaxExpEps1e10(benchmark::State &s) { runCase(s, "exp-decay", {{"beta", 4}}, 1e-10); }
void BM_SignDelta001Eps1e6(benchmark::State &s) { runCase(s, "sign", {{"delta", 0.01}}, 1e-6); }

} // namespace

BENCHMARK(BM_InverseDelta001Eps1e6)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InverseDelta001Eps1e6Chebyshev)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExpMpfr256Eps1e30)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GeluEps1e6)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SoftmaxExpEps1e10)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SignDelta001Eps1e6)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
