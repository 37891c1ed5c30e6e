#!/usr/bin/env bash
# Compositional verification (issue 20): qsvt-verify --compositional on the
# whole-matrix circuits of tiny_attention (542 qubits, 46 MB) and
# tiny_transformer_block (about 4.5k qubits, 210 MB), wall time and peak
# memory of the verification alone (the compile is not timed). Targets:
# < 20 s and < 60 s, each < 2 GB. Plain simulation cannot run them (more
# than 30 qubits). Run from the repository root after a build:
#   bash bench/run-verify-bench.sh [build-dir]
set -uo pipefail
BIN=${1:-build}/bin
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
if [ ! -x /usr/bin/time ]; then
  echo "error: /usr/bin/time is missing (Debian package 'time')" >&2
  exit 1
fi
printf "%-34s %8s %8s %10s %10s  %s\n" "circuit" "qubits" "file" "time" "peak" "verdict"
for model in tiny_attention tiny_transformer_block; do
  "$BIN/qsvtc" "examples/$model.qtf" --mode=matrix --emit=qasm -o "$OUT/$model.qasm" 2>/dev/null ||
    { echo "$model: compile failed"; continue; }
  qubits=$(grep -E '^qubit\[' "$OUT/$model.qasm" | sed -E 's/qubit\[([0-9]+)\].*/\1/' | paste -sd+ | bc)
  size=$(( $(stat -c %s "$OUT/$model.qasm") / 1000000 ))
  /usr/bin/time -f "%e %M" -o "$OUT/time" "$BIN/qsvt-verify" --compositional "$OUT/$model.qasm" \
    >"$OUT/report" 2>"$OUT/err"
  status=$?
  read -r secs kb <"$OUT/time"
  verdict=$(cut -c14-90 "$OUT/report")
  [ $status -ne 0 ] && verdict="exit $status: $(head -1 "$OUT/err" | cut -c1-80)"
  printf "%-34s %8s %6s MB %8s s %7s MB  %s\n" "$model (matrix)" "$qubits" "$size" "$secs" \
    "$(( kb / 1024 ))" "$verdict"
  rm -f "$OUT/$model.qasm" "$OUT/$model.manifest.json"
done
