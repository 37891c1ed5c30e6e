#!/usr/bin/env bash
# Whole-pipeline timings (issues 6 and 7): qsvtc on the examples, one row
# per run with wall time and peak memory. Targets: the tiny transformer
# block through --emit=phases in < 5 s (issue 6) and emitted in < 2 s
# (issue 7: the backend's share of --emit=qasm, from --time-passes, below
# the table); the symbolic 12-layer GPT-2 through --emit=resources in
# < 2 s; state mode (issue 19): one GPT-2 layer's token, the 12-layer
# GPT-2 and the 32-layer LLaMA-like through --emit=resources in < 5 s
# each, with the GPT-2 layer's queries beside seed 000's Thm 11. Run from the
# repository root after a build:
#   bash bench/run-pipeline-bench.sh [build-dir]
set -uo pipefail
BIN=${1:-build}/bin
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
  echo "note: /usr/bin/time is missing (Debian package 'time'): no peak memory column"
  TIME=""
fi

run() { # label, then the qsvtc arguments
  local label=$1
  shift
  local start end status
  start=$(date +%s.%N)
  if [ -n "$TIME" ]; then
    "$TIME" -f "%M" -o "$OUT/rss" "$BIN/qsvtc" "$@" >/dev/null 2>"$OUT/err"
  else
    "$BIN/qsvtc" "$@" >/dev/null 2>"$OUT/err"
  fi
  status=$?
  end=$(date +%s.%N)
  local rss="-"
  [ -n "$TIME" ] && rss="$(( $(tail -1 "$OUT/rss") / 1024 )) MB"
  local result="ok"
  [ $status -ne 0 ] && result="exit $status: $(grep -m1 error "$OUT/err" | cut -c1-90)"
  printf "%-46s %8.2f s  %8s  %s\n" "$label" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$rss" "$result"
}

printf "%-46s %10s  %8s  %s\n" "run" "wall" "peak RSS" "result"
run "tiny_transformer_block --emit=phases" examples/tiny_transformer_block.qtf --emit=phases -o "$OUT/tb.mlir"
run "tiny_transformer_block --emit=qasm" examples/tiny_transformer_block.qtf --mode=matrix --emit=qasm -o "$OUT/tb.qasm" --time-passes
grep '^   backend:' "$OUT/err" | sed 's/^   /    of which /' > "$OUT/backend"
run "tiny_attention --emit=qasm" examples/tiny_attention.qtf --mode=matrix --emit=qasm -o "$OUT/ta.qasm"
sed 's/repeat 12;/repeat 1;/' examples/gpt2_small.qtf > "$OUT/gpt2_1layer.qtf"
run "gpt2_small, 1 layer --emit=resources" "$OUT/gpt2_1layer.qtf" --mode=matrix --emit=resources
run "gpt2_small, 12 layers --emit=resources" examples/gpt2_small.qtf --mode=matrix --emit=resources
run "llama7b_like, 32 layers --emit=resources" examples/llama7b_like.qtf --mode=matrix --emit=resources
S=(--mode=state --emit=resources)
run "state: gpt2_small, 1 layer, token 0" "$OUT/gpt2_1layer.qtf" "${S[@]}"
run "state: gpt2_small, 12 layers, token 0" examples/gpt2_small.qtf "${S[@]}"
run "state: llama7b_like, 32 layers, token 0" examples/llama7b_like.qtf "${S[@]}"
run "state: tiny_transformer_block, token 0" examples/tiny_transformer_block.qtf "${S[@]}"
echo
echo "tiny_transformer_block --emit=qasm, the backend's share (--time-passes):"
cat "$OUT/backend"
echo
echo "state mode, one GPT-2 layer, token 0: compiled queries beside seed 000's bound"
"$BIN/qsvtc" "$OUT/gpt2_1layer.qtf" "${S[@]}" | sed -n '/oracle queries/{s/  W.*//;p};/seed 000 bound/,/compiled ell/p'
echo "state mode, totals with every layer read out:"
for m in gpt2_small llama7b_like; do
  printf "  %-14s " "$m"
  "$BIN/qsvtc" "examples/$m.qtf" "${S[@]}" | grep 'total queries'
done
