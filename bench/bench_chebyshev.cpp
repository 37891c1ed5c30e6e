//===- bench_chebyshev.cpp - Chebyshev interpolation timings --------------===//
//
// Times degree-n Chebyshev interpolation of a cheap function (points, n+1
// evaluations and the DCT) on both paths: double through FFTW up to degree
// 1e6, and Mpfr at 256 bits through our FFT up to 1e4. Plans are cached by
// the library, so the steady state after the first iteration is what a
// Remez loop or an adaptive degree search sees.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/MaxAbs.h"

#include <benchmark/benchmark.h>

#include <cmath>

using namespace qsvtc::numeric;

static void bmInterpolateDouble(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    std::vector<double> c = chebyshevInterpolate<double>([](double x) { return std::exp(x); }, n);
    benchmark::DoNotOptimize(c.data());
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(bmInterpolateDouble)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);

static void bmInterpolateMpfr256(benchmark::State &state) {
  PrecisionGuard guard(256);
  const auto n = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    // x * x + x: cheap in Mpfr, so the transform dominates.
    std::vector<Mpfr> c =
        chebyshevInterpolate<Mpfr>([](const Mpfr &x) { return Mpfr(x * x + x); }, n);
    benchmark::DoNotOptimize(c.data());
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(bmInterpolateMpfr256)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// The Mpfr transform alone, without the points (MPFR sin per point).
static void bmCoefficientsMpfr256(benchmark::State &state) {
  PrecisionGuard guard(256);
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<Mpfr> v(n + 1);
  for (std::size_t j = 0; j <= n; ++j)
    v[j] = Mpfr(1) / (j + 3);
  for (auto _ : state) {
    std::vector<Mpfr> c = chebyshevCoefficients(v);
    benchmark::DoNotOptimize(c.data());
  }
}
BENCHMARK(bmCoefficientsMpfr256)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// max|p| located and bounded (MaxAbs.h) for an odd target near 1:
// sin(0.7 n x) truncated at degree n, whose peaks are many and nearly equal
// (the refinement's hard case), scaled to max|p| = 1 - 1e-9.
static void bmMaxAbsNearOne(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<double> c = chebyshevInterpolate<double>(
      [&](double x) { return std::sin(0.7 * static_cast<double>(n) * x); }, n);
  for (std::size_t k = 0; k < c.size(); k += 2)
    c[k] = 0;
  // Deciding against a first estimate makes the second one tight.
  const double peak = maxAbsChebyshev(c, maxAbsChebyshev(c).value).value;
  for (double &v : c)
    v *= (1 - 1e-9) / peak;
  for (auto _ : state) {
    MaxAbs m = maxAbsChebyshev(c);
    benchmark::DoNotOptimize(m.upper);
    state.counters["cells"] = m.refinedCells;
    state.counters["complete"] = m.complete;
  }
}
BENCHMARK(bmMaxAbsNearOne)
    ->Arg(27)
    ->Arg(101)
    ->Arg(1001)
    ->Arg(10001)
    ->Arg(100001) // past degree 8192: the one-grid estimate
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
