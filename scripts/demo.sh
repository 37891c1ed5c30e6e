#!/usr/bin/env bash
# `make demo`: the most complete thing qsvtc does today, end to end.
# The frontend (DSL -> checked qt IR) and the approximation and phase
# engines work; lowering to circuits, QASM and the verifier are not built
# yet. This compiles the example transformer block to IR, then finds, for
# each nonlinear function the block needs, the smallest-degree polynomial
# QSVT can apply, with its certified error, then QSP phase factors for one
# of them, and writes everything to demo-out/.
set -euo pipefail
BUILD=${1:-build}
BIN="$BUILD/bin"
OUT=demo-out
mkdir -p "$OUT"

run() {
  local name=$1; shift
  local start ms
  start=$(date +%s%N)
  "$BIN/qsvt-approx" "$@" -o "$OUT/$name.json" 2>&1 | sed 's/^/   /'
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  printf '   -> %s/%s.json (%d ms wall)\n' "$OUT" "$name" "$ms"
}

echo "qsvtc demo: a transformer block's IR, polynomial approximations and QSP phases"
echo "(lowering to circuits, the QASM backend and the verifier are not built yet: see README)"
echo
echo "0. frontend: examples/tiny_transformer_block.qtf -> checked qt IR"
start=$(date +%s%N)
"$BIN/qsvtc" examples/tiny_transformer_block.qtf --emit=qt -o "$OUT/tiny_transformer_block.qt.mlir"
printf '   %d ops -> %s/tiny_transformer_block.qt.mlir (%d ms wall)\n' \
  "$(grep -c ' = qt\.\| qt\.output' "$OUT/tiny_transformer_block.qt.mlir")" "$OUT" \
  $(( ($(date +%s%N) - start) / 1000000 ))
echo "1. softmax: exp(-beta(x+1)) with beta = 4, eps 1e-6"
run softmax-exp --function exp-decay --param beta=4 --epsilon 1e-6
echo "2. feed-forward: GELU, eps 1e-6"
run gelu --function gelu --epsilon 1e-6
echo "3. layer norm: 1/sqrt(|x|) on [-1,-0.05] U [0.05,1], eps 1e-6"
run invsqrt --function invsqrt --param delta=0.05 --epsilon 1e-6
echo "4. matrix inversion: 1/x with delta = 0.01, eps 1e-6 (minimax vs truncation)"
run inverse-remez --function inverse --param delta=0.01 --epsilon 1e-6
run inverse-chebyshev --function inverse --param delta=0.01 --epsilon 1e-6 --method chebyshev
echo "5. high precision: exp(x) to 1e-30 in 256-bit MPFR"
run exp-mpfr --function exp --epsilon 1e-30 --precision-bits 256
echo "6. QSP phase factors for the softmax polynomial (even and odd parts)"
start=$(date +%s%N)
"$BIN/qsp-phases" --function exp-decay --param beta=4 --epsilon 1e-10 -o "$OUT/softmax-exp.phases.json" 2>&1 | sed 's/^/   /'
printf '   -> %s/softmax-exp.phases.json (%d ms wall)\n' "$OUT" $(( ($(date +%s%N) - start) / 1000000 ))
echo
echo "Every error above was measured on a dense grid in higher precision"
echo "(double-double or MPFR), not taken from the solver."
