"""poly_to_angles from Python at degree 10^4, beside qsp-phases on the same
coefficients (issue 22's target: < 0.2 s with certified error <= 1e-13,
Python overhead included). Prints one JSON line per run and a summary.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_phases.py build/bin
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import qsvtc

bin_dir = sys.argv[1] if len(sys.argv) > 1 else "build/bin"
runs = int(os.environ.get("RUNS", "5"))
def random_degree_10k():
    """Random odd Chebyshev coefficients of degree 10001, decaying, max|p| ~ 0.5."""
    rng = np.random.default_rng(1)
    c = np.zeros(10002)
    c[1::2] = rng.standard_normal(5001) * np.exp(-np.arange(5001) / 1500)
    x = np.cos(np.linspace(0, np.pi, 40000))
    return c * (0.5 / np.max(np.abs(np.polynomial.chebyshev.chebval(x, c))))


cases = [("cos(2000 x)", lambda: qsvtc.approximate("cos", epsilon=1e-12, method="chebyshev",
                                                   tau=2000.0)["coef"]),
         ("random, degree 10001", random_degree_10k)]
for name, make in cases:
    c = np.array([float(x) for x in make()])
    py, errors = [], []
    for _ in range(runs):
        start = time.perf_counter()
        r = qsvtc.poly_to_angles(c, epsilon=1e-13)
        py.append(time.perf_counter() - start)
        errors.append(r["error"])
    with tempfile.TemporaryDirectory() as tmp:
        poly = os.path.join(tmp, "p.json")
        with open(poly, "w") as f:
            json.dump({"basis": "chebyshev", "coef": c.tolist()}, f)
        cli = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([os.path.join(bin_dir, "qsp-phases"), poly, "-e", "1e-13", "-q",
                            "-o", os.path.join(tmp, "phases.json")], check=True)
            cli.append(time.perf_counter() - start)
    print(json.dumps({"polynomial": name, "degree": r["degree"],
                      "certified_error": max(errors), "python_median_s": statistics.median(py),
                      "python_max_s": max(py), "cli_process_median_s": statistics.median(cli)}))
