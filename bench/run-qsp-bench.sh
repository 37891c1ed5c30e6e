#!/usr/bin/env bash
# Phase-factor benchmark table (issue: phase engine). For each degree and
# target family, one process per case (so peak memory is per case):
#   qsvtc     bench/qsp-case: qsp::solvePhases, certification included
#             (solve[s] is the time without it);
#   peers     on the SAME Chebyshev coefficients (qsp-case --dump-poly):
#     qsppack-infft   QSPPACK QSP_solver, opts.method 'INFFT' (Weiss +
#                     inverse nonlinear FFT), in GNU Octave
#     qsppack-newton  QSPPACK QSP_solver, opts.method 'Newton', in Octave
#     pyqsp-sym       pyqsp sym_qsp_opt.newton_solver (method "sym_qsp")
#   timing only the peer's solve call (bench/peers/*).
# Every row's cert.err comes from the same independent checker on the same
# polynomial: the phases (peers' converted by bench/qsp-convert, i.e.
# Conventions.h) re-certified by `qsp-phases --check` (dense grid in
# double-double up to degree $GRID_MAX, the NLFFT l1 bound above).
# t/ours is the peer's time over ours (total / solve-only).
#
# Usage: bash bench/run-qsp-bench.sh [build-dir] [max-degree] [peer-max-degree]
# Environment:
#   QSPPACK_DIR   a QSPPACK checkout (github.com/qsppack/QSPPACK); needs octave-cli
#   PYQSP_DIR     a pyqsp checkout (github.com/ichuang/pyqsp); needs numpy
#   PYTHON        interpreter with numpy for pyqsp (default /usr/bin/python3)
#   PEER_TIMEOUT  seconds per peer run (default 600); after a timeout at
#                 degree D a peer is skipped at degrees >= D (any target:
#                 the Newton solvers' cost does not depend on the target)
#   PEERS         subset of "qsppack-infft qsppack-newton pyqsp-sym"
#   TARGETS, DEGREES  subsets of "cos exp erf inv", "100 1000 ... 1000000"
#   GRID_MAX      largest degree re-checked on the grid (default 10000)
#   NEAR_ONE_DEGREES  degrees of the max|f| = 1 - 1e-9 rows at the end
#                 (default 10000; empty: none)
#   NEAR_ONE_6_DEGREES  degrees of the max|f| = 1 - 1e-6 rows after them
#                 (default "100000 1000000"; empty: none)
# DEGREES= PEERS= (empty) skip the main table and the peers.
set -uo pipefail
BUILD=${1:-build}
BIN=$BUILD/bin
MAX=${2:-1000000}
PEER_MAX=${3:-$MAX}
PY=${PYTHON:-/usr/bin/python3}
PEER_TIMEOUT=${PEER_TIMEOUT:-600}
GRID_MAX=${GRID_MAX:-10000}
NEAR_ONE_DEGREES=${NEAR_ONE_DEGREES-10000}
NEAR_ONE_6_DEGREES=${NEAR_ONE_6_DEGREES-100000 1000000}
TARGETS=${TARGETS:-cos exp erf inv}
DEGREES=${DEGREES-100 1000 10000 100000 1000000}
PEERS=${PEERS-qsppack-infft qsppack-newton pyqsp-sym}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# ---- which peers can run (say plainly why not) ------------------------------
declare -A SKIP TIMED_OUT
for p in $PEERS; do
  case $p in
  qsppack-*)
    if ! command -v octave-cli >/dev/null; then
      SKIP[$p]="octave-cli not found (Debian: apt-get install octave)"
    elif [ -z "${QSPPACK_DIR:-}" ]; then
      SKIP[$p]="QSPPACK_DIR is not set"
    elif [ ! -f "$QSPPACK_DIR/Solvers/Optimization/QSP_solver.m" ]; then
      SKIP[$p]="no QSP_solver.m under QSPPACK_DIR=$QSPPACK_DIR"
    fi ;;
  pyqsp-sym)
    if [ -z "${PYQSP_DIR:-}" ]; then
      SKIP[$p]="PYQSP_DIR is not set"
    elif [ ! -f "$PYQSP_DIR/pyqsp/sym_qsp_opt.py" ]; then
      SKIP[$p]="no pyqsp/sym_qsp_opt.py under PYQSP_DIR=$PYQSP_DIR"
    elif ! "$PY" -c 'import numpy' 2>/dev/null; then
      SKIP[$p]="$PY has no numpy (set PYTHON)"
    fi ;;
  *) SKIP[$p]="unknown peer" ;;
  esac
  if [ -n "${SKIP[$p]:-}" ]; then
    echo "# peer $p: skipped: ${SKIP[$p]}"
  fi
done
echo "# $(date -u +%FT%TZ)  $(nproc) cores  peer timeout ${PEER_TIMEOUT}s  grid check up to degree $GRID_MAX"
printf '%-6s %8s %-15s %9s %9s %5s %10s %-5s %9s %13s\n' \
  target degree solver 'time[s]' 'solve[s]' iters cert.err check 'peak[MB]' 't/ours'

# certify PHASES POLY DEGREE -> "err method" (the same checker for every row)
certify() {
  local method=grid
  [ "$3" -le "$GRID_MAX" ] || method=nlft
  local out
  out=$("$BIN/qsp-phases" --check "$1" "$2" --check-method "$method" \
        --epsilon 0.5 2>&1)
  local err
  err=$(sed -n 's/.*certified max error \([^ ]*\).*/\1/p' <<<"$out" | head -1)
  if [ -n "$err" ]; then
    echo "$err $method"
  else
    echo "error: $(tail -1 <<<"$out")"
  fi
}

# row NAME TARGET DEGREE JSON|@FILE CHECK OURS_SECONDS OURS_SOLVE: one line
row() {
  "$PY" - "$@" <<'PY'
import json, sys
name, target, degree, line, check, ours, ours_solve = sys.argv[1:8]
r = json.load(open(line[1:])) if line.startswith("@") else json.loads(line)
parts = check.split()
try:
    err, method = f"{float(parts[0]):10.2e}", parts[1]
except (ValueError, IndexError):
    err, method = "   " + check[:60], ""
t = r["seconds"]
solve = t - r.get("certify_seconds", 0.0)
ratio = ""
if name == "qsvtc":
    name = "qsvtc-" + r["solver"]
if ours and not name.startswith("qsvtc"):
    ratio = f"{t / float(ours):.1f}/{t / float(ours_solve):.1f}"
print(f"{target:<6} {int(degree):>8} {name:<15} {t:>9.3f} {solve:>9.3f} "
      f"{r['iterations']:>5} {err} {method:<5} {r['peak_rss_mb']:>9.1f} {ratio:>13}")
PY
}

# ours TARGET DEGREE [qsp-case options]: our row; sets poly, deg, ours_t,
# ours_solve for the peers' rows
ours() {
  local t=$1 d=$2
  shift 2
  poly=$WORK/$t-$d.poly.json
  local phases=$WORK/$t-$d.ours.json line rc
  line=$(timeout 900 "$BIN/qsp-case" "$t" "$d" --dump-poly "$poly" \
         --dump-phases "$phases" "$@" 2>&1)
  rc=$?
  deg=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["degree"])' "$poly" 2>/dev/null || echo "$d")
  ours_t="" ours_solve=""
  if [ $rc -eq 124 ]; then
    printf '%-6s %8s %-15s timeout (900 s)\n' "$t" "$deg" qsvtc
  elif ! "$PY" -c 'import json,sys; r=json.loads(sys.argv[1]); sys.exit("error" in r)' "$line" 2>/dev/null; then
    printf '%-6s %8s %-15s refused/failed: %s\n' "$t" "$deg" qsvtc "${line:0:120}"
  else
    read -r ours_t ours_solve < <("$PY" -c 'import json,sys; r=json.loads(sys.argv[1]); print(r["seconds"], r["seconds"]-r["certify_seconds"])' "$line")
    row qsvtc "$t" "$deg" "$line" "$(certify "$phases" "$poly" "$deg")" "$ours_t" "$ours_solve"
  fi
}

for d in $DEGREES; do
  [ "$d" -le "$MAX" ] || continue
  for t in $TARGETS; do
    ours "$t" "$d"
    [ -f "$poly" ] || continue
    for p in $PEERS; do
      [ -z "${SKIP[$p]:-}" ] || continue
      if [ "$d" -gt "$PEER_MAX" ]; then
        printf '%-6s %8s %-15s not run (above peer-max-degree %s)\n' "$t" "$deg" "$p" "$PEER_MAX"
        continue
      fi
      if [ -n "${TIMED_OUT[$p]:-}" ] && [ "$d" -ge "${TIMED_OUT[$p]%% *}" ]; then
        printf '%-6s %8s %-15s skipped: timed out at degree %s\n' "$t" "$deg" "$p" "${TIMED_OUT[$p]}"
        continue
      fi
      out=$WORK/$t-$d.$p.json
      case $p in
      qsppack-infft) cmd=(octave-cli -q "$HERE/peers/qsppack_case.m" "$poly" "$out" INFFT); conv=qsppack ;;
      qsppack-newton) cmd=(octave-cli -q "$HERE/peers/qsppack_case.m" "$poly" "$out" Newton); conv=qsppack ;;
      pyqsp-sym) cmd=("$PY" "$HERE/peers/pyqsp_case.py" "$poly" "$out"); conv=pyqsp ;;
      esac
      # in $WORK: nothing a peer leaves behind lands in the caller's directory
      (cd "$WORK" && timeout -k 10 "$PEER_TIMEOUT" "${cmd[@]}") >"$WORK/peer.log" 2>&1
      rc=$?
      if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
        printf '%-6s %8s %-15s timeout (%s s)\n' "$t" "$deg" "$p" "$PEER_TIMEOUT"
        TIMED_OUT[$p]="$d ($t)"
        continue
      fi
      if [ $rc -ne 0 ] || [ ! -s "$out" ]; then
        printf '%-6s %8s %-15s failed (exit %s): %s\n' "$t" "$deg" "$p" "$rc" \
          "$(grep -v 'ignoring const execution_exception' "$WORK/peer.log" | tail -1 | cut -c1-100)"
        continue
      fi
      if ! "$BIN/qsp-convert" --from "$conv" "$out" "$out.wx" 2>"$WORK/conv.log"; then
        printf '%-6s %8s %-15s conversion failed: %s\n' "$t" "$deg" "$p" "$(tail -1 "$WORK/conv.log")"
        continue
      fi
      row "$p" "$t" "$deg" "@$out" "$(certify "$out.wx" "$poly" "$deg")" "$ours_t" "$ours_solve"
    done
  done
done

# ---- near max|f| = 1 (issue 27: 1 - 1e-9 at 1e4 < 10 s; 1 - 1e-6 at 1e5
# < 60 s, at 1e6 < 10 min and 8 GiB) ------------------------------------------
# Ours only, solver auto: the fast solver's near-1 completion (adaptive
# quadrature; a uniform Weiss grid would need ~d / (1 - max|f|) points).
# The peers' INFFT has that uniform-grid limit and their Newton times out
# at degree 1e4 even far from 1.
if [ -n "$NEAR_ONE_DEGREES" ]; then
  echo "# max|f| = 1 - 1e-9 (qsp-case --peak 0.999999999), solver auto:"
  for d in $NEAR_ONE_DEGREES; do
    ours cos "$d" --peak 0.999999999
    ours erf "$((d + 1))" --peak 0.999999999 # odd family
  done
fi
if [ -n "$NEAR_ONE_6_DEGREES" ]; then
  echo "# max|f| = 1 - 1e-6 (qsp-case --peak 0.999999), solver auto:"
  for d in $NEAR_ONE_6_DEGREES; do
    ours cos "$d" --peak 0.999999
    ours erf "$((d + 1))" --peak 0.999999
  done
fi
