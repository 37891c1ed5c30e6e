//===- qsp_small.cpp - Latency of phase solves at small degree ------------===//
//
// qsp-small [COUNT] [MAX_DEGREE] [SEED]
// Solves COUNT random polynomials (default 1000) of degrees 1..MAX_DEGREE
// (default 100) in this one process with qsp::solvePhases (auto solver,
// certified to 1e-12) and prints one JSON line: median, p99 and max
// microseconds per polynomial, certificate included, and the worst
// certified error. The polynomials: random parity, Chebyshev coefficients
// N(0, 1) / (k + 1), scaled so that the sum of their magnitudes (a bound on
// max|p|) is 0.9. Issue 27's target: < 1 ms per polynomial.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/Solve.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

using namespace qsvtc;

int main(int argc, char **argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int maxDegree = argc > 2 ? std::atoi(argv[2]) : 100;
  std::mt19937_64 rng(argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 27);
  std::normal_distribution<double> normal;
  std::vector<double> micros;
  double worst = 0;
  qsp::PhaseOptions options;
  options.epsilon = 1e-12;
  for (int i = 0; i < count; ++i) {
    const int degree = 1 + static_cast<int>(rng() % static_cast<uint64_t>(maxDegree));
    std::vector<double> c(degree + 1, 0.0);
    double sum = 0;
    for (int k = degree % 2; k <= degree; k += 2) {
      c[k] = normal(rng) / (k + 1);
      sum += std::fabs(c[k]);
    }
    std::vector<numeric::Mpfr> coef;
    for (double v : c)
      coef.emplace_back(0.9 * v / sum);
    const auto start = std::chrono::steady_clock::now();
    const qsp::PhaseResult r = qsp::solvePhases(std::move(coef), options);
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
    worst = std::max(worst, r.certificate.maxError);
  }
  std::sort(micros.begin(), micros.end());
  std::printf("{\"count\": %d, \"max_degree\": %d, \"median_us\": %.1f, \"p99_us\": %.1f, "
              "\"max_us\": %.1f, \"worst_certified_error\": %.3g}\n",
              count, maxDegree, micros[micros.size() / 2], micros[micros.size() * 99 / 100],
              micros.back(), worst);
  return worst <= options.epsilon ? 0 : 1;
}
