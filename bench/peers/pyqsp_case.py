#!/usr/bin/env python3
"""pyqsp peer driver for bench/run-qsp-bench.sh.

    pyqsp_case.py POLY.json OUT.json

Reads the Chebyshev coefficients qsp-case solved (its --dump-poly file),
runs pyqsp's symmetric-QSP Newton solver (pyqsp.sym_qsp_opt.newton_solver,
what QuantumSignalProcessingPhases(..., method="sym_qsp",
chebyshev_basis=True) calls) on them, timing only that call, and writes
pyqsp's full phases, untouched, to OUT.json:

    {"peer": "pyqsp", "method": "sym_qsp", "convention": "pyqsp-sym",
     "phases": [...], "seconds": t, "iterations": k,
     "solver_residual": r, "peak_rss_mb": m}

Those phases make Im<0|U|0> = p (pyqsp's convention, see
include/qsvtc/qsp/Conventions.h); bench/qsp_convert converts them to ours
and qsp-phases --check certifies them.

pyqsp is read from $PYQSP_DIR (a checkout: $PYQSP_DIR/pyqsp/sym_qsp_opt.py).
The module is loaded by file path: importing the pyqsp package would run
pyqsp/__init__.py, which imports matplotlib (pyqsp.poly), not needed by the
solver and not installed here. pyqsp itself is not modified.
"""
import importlib.util
import json
import os
import resource
import sys
import time


def main():
    if len(sys.argv) != 3:
        print("usage: pyqsp_case.py POLY.json OUT.json", file=sys.stderr)
        return 2
    root = os.environ.get("PYQSP_DIR", "")
    path = os.path.join(root, "pyqsp", "sym_qsp_opt.py")
    if not root or not os.path.isfile(path):
        print(f"pyqsp_case: error: no {path} (set PYQSP_DIR)", file=sys.stderr)
        return 2
    spec = importlib.util.spec_from_file_location("pyqsp_sym_qsp_opt", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)

    import numpy as np

    with open(sys.argv[1]) as f:
        poly = json.load(f)
    coef = np.array([float(c) for c in poly["coef"]])
    d = len(coef) - 1
    parity = d % 2
    reduced = coef[parity::2]

    # newton_solver prints one line per iteration; keep stdout for nothing.
    real_stdout = sys.stdout
    sys.stdout = open(os.devnull, "w")
    try:
        start = time.perf_counter()
        reduced_phases, err, iters, proto = mod.newton_solver(
            reduced, parity, crit=1e-12)
        seconds = time.perf_counter() - start
    finally:
        sys.stdout.close()
        sys.stdout = real_stdout

    out = {
        "peer": "pyqsp",
        "method": "sym_qsp",
        "convention": "pyqsp-sym",
        "degree": int(proto.poly_deg),
        "phases": [float(v) for v in proto.full_phases],
        "seconds": seconds,
        "iterations": int(iters),
        "solver_residual": float(err),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
    }
    with open(sys.argv[2], "w") as f:
        json.dump(out, f)  # json writes shortest round-trip reprs
    return 0


if __name__ == "__main__":
    sys.exit(main())
