#!/usr/bin/env bash
# Phase-factor benchmark table (issue: phase engine): for each target family
# and degree, one process (so peak memory is per case) running
# qsp::solvePhases with certification. Usage:
#   bash bench/run-qsp-bench.sh [build-dir] [max-degree]
# Peers (QSPPACK in Octave, pyqsp) are not run by this script yet.
set -uo pipefail
BIN=${1:-build}/bin
MAX=${2:-1000000}
printf '%-6s %8s %-7s %9s %6s %11s %9s\n' target degree solver time[s] iters cert.err peak[MB]
for t in cos exp erf inv; do
  for d in 100 1000 10000 100000 1000000; do
    [ "$d" -le "$MAX" ] || continue
    line=$(timeout 900 "$BIN/qsp-case" "$t" "$d" 2>&1) || true
    /usr/bin/python3 - "$line" <<'PY'
import json, sys
try:
    r = json.loads(sys.argv[1])
except Exception:
    print("      ", sys.argv[1][:100]); sys.exit()
if "error" in r:
    print(f"{r['target']:<6} {r['degree']:>8} refused: {r['error'][:90]}")
else:
    print(f"{r['target']:<6} {r['degree']:>8} {r['solver']:<7} {r['seconds']:>9.3f} "
          f"{r['iterations']:>6} {r['certified_error']:>11.2e} {r['peak_rss_mb']:>9.1f}")
PY
  done
done
