//===- bench_qsp_fast.cpp - The fast QSP solver at degree 1e3..1e6 --------===//
//
// Wall time of weissPhases (Weiss completion + inverse NLFFT, Ni, Sarkar,
// Ying, Lin, arXiv 2505.12615; QSPPACK QSP_Weiss_INFFT.m), which includes
// its double-double NLFT certificate and, when that exceeds 1e-12, one
// refinement step, on two families:
//   cos: 0.5 cos(tau x) by Jacobi-Anger, tau = d - 8 (d/2)^{1/3} - 10 (so
//        the series is exhausted at degree d);
//   exp: the even part of 0.5 exp(-beta (x + 1)), beta = d^2 / 80 (the
//        Chebyshev coefficients e^{-beta} I_k(beta) fall below 1e-17 at d).
// Both coefficient sets come from Miller's backward recurrence (O(d),
// normalised by the generating-function sum), outside the timed loop.
// Counters: the certified bound and the error before refinement, the
// parts' times, the Weiss grid per degree, and the run's peak RSS
// (getrusage, after resetting the high-water mark through
// /proc/self/clear_refs so that each run reports its own peak).
// BM_Certify times certifyPhasesNlft alone on phases solved beforehand.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/NlftCertify.h"
#include "qsvtc/qsp/Weiss.h"

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cmath>
#include <fstream>
#include <vector>

using namespace qsvtc;

namespace {

/// 0.5 cos(tau x) = sum_k c_k T_k(x), c_0 = J_0/2, c_2k = (-1)^k J_2k.
std::vector<double> halfCosine(int d) {
  const double tau = d - 8 * std::cbrt(d / 2.0) - 10;
  // J_k(tau), k <= K, backward from K well above tau (where it is
  // negligible), rescaled against overflow; J_0 + 2 sum J_2k = 1.
  const int top = d + static_cast<int>(tau) + 200;
  std::vector<double> j(top + 2, 0.0);
  j[top] = 1e-300;
  for (int k = top; k >= 1; --k) {
    j[k - 1] = 2.0 * k / tau * j[k] - j[k + 1];
    if (std::abs(j[k - 1]) > 1e250)
      for (int i = k - 1; i <= top; ++i)
        j[i] *= 1e-250;
  }
  double norm = j[0];
  for (int k = 2; k <= top; k += 2)
    norm += 2 * j[k];
  std::vector<double> c(d + 1, 0.0);
  for (int k = 0; k <= d; k += 2)
    c[k] = k == 0 ? 0.5 * j[0] / norm : ((k / 2) % 2 ? -1 : 1) * j[k] / norm;
  return c;
}

/// Even part of 0.5 exp(-beta (x + 1)): c_0 = e^{-b} I_0(b) / 2,
/// c_2k = e^{-b} I_2k(b), with e^{-b} (I_0 + 2 sum I_k) = 1.
std::vector<double> expEvenPart(int d) {
  const double beta = double(d) * d / 80;
  const int top = d + d / 2 + 50;
  std::vector<double> in(top + 2, 0.0);
  in[top] = 1e-300;
  for (int k = top; k >= 1; --k) {
    in[k - 1] = in[k + 1] + 2.0 * k / beta * in[k];
    if (in[k - 1] > 1e250)
      for (int i = k - 1; i <= top; ++i)
        in[i] *= 1e-250;
  }
  double norm = in[0];
  for (int k = 1; k <= top; ++k)
    norm += 2 * in[k];
  std::vector<double> c(d + 1, 0.0);
  for (int k = 0; k <= d; k += 2)
    c[k] = (k == 0 ? 0.5 : 1.0) * in[k] / norm;
  return c;
}

void resetPeakRss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5"; // Linux >= 4.0: reset the peak RSS to the current RSS
}

double peakRssMb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

void runWeiss(benchmark::State &state, const std::vector<double> &coef) {
  resetPeakRss();
  qsp::WeissStats stats;
  double weiss = 0, inverse = 0, certify = 0;
  for (auto _ : state) {
    std::vector<double> phases = qsp::weissPhases(coef, 0, {}, &stats);
    benchmark::DoNotOptimize(phases.data());
    weiss += stats.weissSeconds;
    inverse += stats.inverseSeconds;
    certify += stats.certifySeconds;
  }
  using benchmark::Counter;
  state.counters["bound"] = stats.certificate.bound;
  state.counters["unrefined"] = stats.unrefinedError;
  state.counters["refine_steps"] = stats.refinementSteps;
  state.counters["grid_per_d"] = double(stats.grid) / stats.degree;
  state.counters["weiss_s"] = Counter(weiss, Counter::kAvgIterations);
  state.counters["inverse_s"] = Counter(inverse, Counter::kAvgIterations);
  state.counters["certify_s"] = Counter(certify, Counter::kAvgIterations);
  state.counters["peak_rss_MB"] = peakRssMb();
}

void BM_WeissCos(benchmark::State &state) {
  runWeiss(state, halfCosine(static_cast<int>(state.range(0))));
}

void BM_WeissExp(benchmark::State &state) {
  runWeiss(state, expEvenPart(static_cast<int>(state.range(0))));
}

void BM_Certify(benchmark::State &state) {
  const std::vector<double> coef = halfCosine(static_cast<int>(state.range(0)));
  qsp::WeissOptions solveOnly;
  solveOnly.certify = false;
  const std::vector<double> phases = qsp::weissPhases(coef, 0, solveOnly);
  resetPeakRss();
  qsp::NlftCertificate cert;
  for (auto _ : state) {
    cert = qsp::certifyPhasesNlft(phases, coef);
    // Not DoNotOptimize(cert.bound): on a non-const double lvalue GCC
    // miscompiles its "+m,r" asm (GCC PR 92597, google/benchmark#903).
    benchmark::DoNotOptimize(&cert);
    benchmark::ClobberMemory();
  }
  state.counters["bound"] = cert.bound;
  // (log10: Google Benchmark prints no SI prefix below 1e-24)
  state.counters["rounding_bound_log10"] = std::log10(cert.roundingBound);
  state.counters["peak_rss_MB"] = peakRssMb();
}

} // namespace

BENCHMARK(BM_WeissCos)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_WeissExp)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Certify)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK_MAIN();
