#!/usr/bin/env bash
# Approximation-engine benchmarks (issue: foundation). Prints the degree
# table and the timing targets; run from the repository root after a build:
#   bash bench/run-approx-bench.sh [build-dir]
set -euo pipefail
BIN=${1:-build}/bin
echo "== Chebyshev interpolation (double: FFTW DCT-I; Mpfr: own FFT) =="
"$BIN/bench-chebyshev" --benchmark_min_time=0.2
echo
echo "== Approximation timings =="
"$BIN/bench-approx"
echo
echo "== Degrees: Remez (minimax) vs Chebyshev truncation; 'proven' = the"
echo "   lower bound at the next smaller degree exceeds eps, so the Remez"
echo "   degree IS the minimax degree; 'optimal' = Privalov closed form =="
"$BIN/approx-degrees"
