#!/usr/bin/env python3
"""State mode, differentially: random attention-shaped specs, one random
token each, compiled with `qsvtc --mode=state`, and checked against a numpy
forward pass written here from docs/dsl.md (no compiler code):

  (a) the manifest's reference equals numpy's row within 1e-9 (relative),
      and its alpha equals the row's norm;
  (b) the circuit verifies (qsvt-verify) against a copy of the manifest
      holding numpy's row: the circuit computes the spec, within its bound.

Specs: X[seq, d] (random), Wq, Wk, Wv[d, d] (random or explicit), scores
scaled by a random factor, softmax along rows, optionally a residual X + AV,
then layernorm, rmsnorm or nothing; or (30%) a feed-forward block
norm(X + f(X W1) W2) with f a random activation (gelu, silu, sigmoid, tanh,
erf, softplus, mish). A refusal must match docs/dsl.md's
"Not supported" list (as in diffspecs.py). Exit 1 on any failure.

  /usr/bin/python3 test/differential/diffstate.py --bin build/bin --seed 1 --count 20
  (ctest's differential.state runs 30 seeds with --max-width 2)
"""
import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mt64 import random_matrix  # noqa: E402
from check import TIMEOUT_SCALE  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DSL = os.path.join(HERE, "..", "..", "docs", "dsl.md")


def refusal_patterns():
    text = open(DSL, encoding="utf-8").read()
    section = text.split("## Not supported", 1)[1].split("\n## ", 1)[0]
    return [re.compile(p) for p in re.findall(r"`([^`]+)`", section)]


_erf = np.vectorize(math.erf, otypes=[float])
# The activations state mode builds (offset + x gate(x)), from their
# definitions in docs/dsl.md.
ACTIVATIONS = {
    "gelu": lambda v: 0.5 * v * (1 + _erf(v / math.sqrt(2))),
    "silu": lambda v: v / (1 + np.exp(-v)),
    "sigmoid": lambda v: 1 / (1 + np.exp(-v)),
    "tanh": np.tanh,
    "erf": _erf,
    "softplus": lambda v: np.logaddexp(0.0, v),
    "mish": lambda v: v * np.tanh(np.logaddexp(0.0, v)),
}


def make_ffn(rng, widths):
    """A feed-forward block: norm(X + f(X W1) W2) (seed 000 Thm 10), f one of
    the activations above."""
    act = rng.choice(sorted(ACTIVATIONS))
    seq, d = rng.choice(widths), rng.choice(widths)
    ff = 2 * d
    seeds = [rng.randrange(1, 10 ** 6) for _ in range(3)]
    norms = [round(rng.uniform(0.3, 2.0), 3) for _ in range(3)]
    norm = rng.choice(["layernorm", "rmsnorm"])
    affine, gamma, beta = norm_affine(rng, norm)
    x = random_matrix(seeds[0], norms[0], seq, d)
    w1 = random_matrix(seeds[1], norms[1], d, ff)
    w2 = random_matrix(seeds[2], norms[2], ff, d)
    text = (f"model diffffn {{\n  dim seq = {seq};\n  dim d = {d};\n  dim ff = {ff};\n"
            f"  input X[seq, d] = random(seed = {seeds[0]}, norm = {norms[0]});\n"
            f"  weight W1[d, ff] = random(seed = {seeds[1]}, norm = {norms[1]});\n"
            f"  weight W2[ff, d] = random(seed = {seeds[2]}, norm = {norms[2]});\n"
            f"  output {norm}(X + {act}(X @ W1) @ W2{affine}) epsilon 1e-3;\n}}\n")
    y = x + ACTIVATIONS[act](x @ w1) @ w2
    if norm == "layernorm":
        y = y - y.mean(axis=1, keepdims=True)
    y = gamma * y / np.sqrt((y ** 2).mean(axis=1, keepdims=True) + 1e-5) + beta
    return text, y, seq


def norm_affine(rng, norm):
    """gamma and beta of a layer norm (half the time beta = 0), as DSL
    arguments and numbers; an RMS norm has neither."""
    if norm != "layernorm":
        return "", 1.0, 0.0
    gamma = round(rng.uniform(0.5, 2.0) * rng.choice([1, -1]), 3)
    beta = round(rng.uniform(-0.5, 0.5), 3) if rng.random() < 0.5 else 0.0
    return f", gamma = {gamma}, beta = {beta}", gamma, beta


def make_spec(rng, widths):
    if rng.random() < 0.3:
        return make_ffn(rng, widths)
    seq, d = rng.choice(widths), rng.choice(widths)
    seeds = [rng.randrange(1, 10 ** 6) for _ in range(4)]
    norms = [round(rng.uniform(0.3, 1.5), 3) for _ in range(4)]
    scale = round(rng.uniform(0.2, 1.5), 3)
    residual = rng.random() < 0.7
    norm = rng.choice(["layernorm", "rmsnorm", "none"])
    mats = {
        "X": random_matrix(seeds[0], norms[0], seq, d),
        "Wq": random_matrix(seeds[1], norms[1], d, d),
        "Wk": random_matrix(seeds[2], norms[2], d, d),
        "Wv": random_matrix(seeds[3], norms[3], d, d),
    }
    head = "AV" if not residual else "X + AV"
    affine, gamma, beta = norm_affine(rng, norm)
    out = {"layernorm": f"layernorm({head}{affine})", "rmsnorm": f"rmsnorm({head})",
           "none": head}[norm]
    text = (f"model diffstate {{\n  dim seq = {seq};\n  dim d = {d};\n"
            f"  input X[seq, d] = random(seed = {seeds[0]}, norm = {norms[0]});\n"
            f"  weight Wq[d, d] = random(seed = {seeds[1]}, norm = {norms[1]});\n"
            f"  weight Wk[d, d] = random(seed = {seeds[2]}, norm = {norms[2]});\n"
            f"  weight Wv[d, d] = random(seed = {seeds[3]}, norm = {norms[3]});\n"
            f"  A = softmax((X @ Wq) @ (X @ Wk)^T * {scale}, axis = 1);\n"
            f"  AV = A @ (X @ Wv);\n"
            f"  output {out} epsilon 1e-3;\n}}\n")
    # numpy forward pass (docs/dsl.md): softmax rows, layer norm with
    # epsilon 1e-5, gamma and beta; rms norm without the mean (gamma 1).
    x = mats["X"]
    s = (x @ mats["Wq"]) @ (x @ mats["Wk"]).T * scale
    a = np.exp(s - s.max(axis=1, keepdims=True))
    a /= a.sum(axis=1, keepdims=True)
    y = a @ (x @ mats["Wv"])
    if residual:
        y = x + y
    if norm == "layernorm":
        c = y - y.mean(axis=1, keepdims=True)
        y = gamma * c / np.sqrt((c ** 2).mean(axis=1, keepdims=True) + 1e-5) + beta
    elif norm == "rmsnorm":
        y = y / np.sqrt((y ** 2).mean(axis=1, keepdims=True) + 1e-5)
    return text, y, seq


def check(bindir, seed, workdir, patterns, widths):
    rng = random.Random(seed)
    text, y, seq = make_spec(rng, widths)
    token = rng.randrange(seq)
    spec = os.path.join(workdir, f"s{seed}.qtf")
    with open(spec, "w") as f:
        f.write(text)
    qasm = os.path.join(workdir, f"s{seed}.qasm")
    run = subprocess.run([os.path.join(bindir, "qsvtc"), spec, "--mode=state",
                          f"--token={token}", "--emit=qasm", "-o", qasm],
                         capture_output=True, text=True, timeout=300 * TIMEOUT_SCALE)
    if run.returncode != 0:
        if run.returncode in (1, 3) and any(p.search(run.stderr) for p in patterns):
            return "refused", run.stderr.strip().splitlines()[0]
        return "FAIL", f"exit {run.returncode}: {run.stderr.strip()}"
    manifest = qasm[:-5] + ".manifest.json"
    m = json.load(open(manifest))
    row = y[token]
    ref = np.array(m["reference"], dtype=float)[: len(row)]
    if np.linalg.norm(ref - row) > 1e-9 * max(1, np.linalg.norm(row)):
        return "FAIL", f"reference differs from numpy by {np.linalg.norm(ref - row):.3g}"
    if abs(m["alpha"] - np.linalg.norm(row)) > 1e-6 * np.linalg.norm(row) + m["error_bound"]:
        return "FAIL", f"alpha {m['alpha']} but ||row|| = {np.linalg.norm(row)}"
    m["reference"] = list(np.pad(row, (0, len(m["reference"]) - len(row))))
    oracle = os.path.join(workdir, f"s{seed}.oracle.json")
    json.dump(m, open(oracle, "w"))
    ver = subprocess.run([os.path.join(bindir, "qsvt-verify"), qasm, "-m", oracle, "--json"],
                         capture_output=True, text=True, timeout=600 * TIMEOUT_SCALE)
    if ver.returncode != 0:
        return "FAIL", f"qsvt-verify exit {ver.returncode}: {ver.stdout[-300:]} {ver.stderr}"
    report = json.loads(ver.stdout)
    return "pass", f"token {token}, {report['qubits']} qubits, error {report['error']:.2g}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True, help="folder with qsvtc and qsvt-verify")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--max-width", type=int, default=4, choices=[2, 4],
                    help="largest seq and d (2: every circuit simulates in about a second)")
    args = ap.parse_args()
    patterns = refusal_patterns()
    counts = {"pass": 0, "refused": 0, "FAIL": 0}
    with tempfile.TemporaryDirectory() as work:
        for seed in range(args.seed, args.seed + args.count):
            widths = [2, 4] if args.max_width == 4 else [2]
            kind, what = check(args.bin, seed, work, patterns, widths)
            counts[kind] += 1
            print(f"seed {seed}: {kind}: {what}", flush=True)
    print(f"diffstate: {counts['pass']} passed, {counts['refused']} refused (documented), "
          f"{counts['FAIL']} failed")
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
