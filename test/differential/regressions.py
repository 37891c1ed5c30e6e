#!/usr/bin/python3
"""Regression specs: each bug the differential tests (or a hostile user)
found in qsvtc's circuits, as the smallest spec that showed it. Each is
compiled, simulated (qsvt-verify) and compared with the numpy forward pass
(oracle.py), or must be refused, exactly as diffspecs.py judges random ones.

    /usr/bin/python3 -B regressions.py --bin build/bin

Prints one line per case and 'regressions: N passed, M failed'; exit 1 on
any failure.
"""
import argparse
import os
import shutil
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check  # noqa: E402
import spec as S  # noqa: E402


def weight(name, values, kind="weight"):
    values = np.array(values, dtype=float)
    shape = tuple("d%d" % n for n in values.shape)  # dims named by their size
    matrix = values.reshape(-1, 1) if values.ndim == 1 else values
    return S.Tensor(name, kind, shape, S.Data("inline", values=matrix), literal_shape=True)


def model(name, tensors, outputs):
    sp = S.Spec(name)
    for t in tensors:
        sp.tensors[t.name] = t
        sp.dims.update({d: int(d[1:]) for d in t.shape})
    sp.outputs = [S.Output(e, eps) for e, eps in outputs]
    return sp


X22 = [[0.6, -0.3], [0.2, 0.5]]
A_NONSYM = [[0.6, 0.3], [-0.1, 0.5]]

# (issue 26 item or finder, spec, expected outcome: "pass" = verified,
# "refuse" = invalid on purpose, "documented" = a docs/dsl.md refusal)
CASES = [
    ("1: layernorm beta J was H^T H = I",
     model("beta", [weight("X", X22, "input")],
           [(S.Norm("layernorm", S.Ref("X"), gamma=0.5, beta=0.3,
                    eps=0.1), 1e-2)]), "pass"),
    ("2: matrix inverse of a non-symmetric A was pinv(A)^T",
     model("inv", [weight("A", A_NONSYM)], [(S.MatFn("inverse", S.Ref("A"), 10), 1e-3)]),
     "pass"),
    ("2: pseudo-inverse of a 2 x 3 matrix (3 x 2 output, padded)",
     model("pinv", [weight("A", [[0.9, 0.2, -0.1], [0.1, 0.3, 0.4]])],
           [(S.MatFn("inverse", S.Ref("A"), 10), 1e-3)]), "pass"),
    ("3: matrix exp of a non-symmetric A was accepted",
     model("expns", [weight("A", A_NONSYM)], [(S.MatFn("exp", S.Ref("A")), 1e-3)]),
     "refuse"),
    ("4: kappa below the condition number (18) was accepted",
     model("kappa", [weight("A", [[0.9, 0.0], [0.0, 0.05]])],
           [(S.MatFn("inverse", S.Ref("A"), 2), 1e-3)]), "refuse"),
    ("4: kappa just above cond(A) = 18, Pauli alpha above |A| (the gap is measured)",
     model("kappa18", [weight("A", [[0.9, 0.0], [0.0, 0.05]])],
           [(S.MatFn("inverse", S.Ref("A"), 18.5), 1e-3)]), "pass"),
    ("5: x @ W (row vector times matrix) overflowed the reference",
     model("rowvec", [weight("x", [0.6, -0.8], "input"),
                      weight("W", [[0.9, 0.3], [0.3, -0.5]])],
           [(S.MatMul(S.Ref("x"), S.Ref("W")), 1e-3)]), "pass"),
    ("6: layernorm of a 1 x 2 matrix (hadamard ancillas)",
     model("ln12", [weight("X", [[0.6, -0.3]], "input")],
           [(S.Norm("layernorm", S.Ref("X"), eps=0.1), 1e-2)]), "pass"),
    ("7: relu with epsilon 1e-2 failed in approximate",
     model("relu", [weight("X", X22, "input"), weight("W", [[0.9, 0.3], [0.3, -0.5]])],
           [(S.Elementwise("relu", S.MatMul(S.Ref("X"), S.Ref("W"))), 1e-2)]), "pass"),
    ("8: a 3 x 3 matrix exp output (padding zero)",
     model("exp33", [weight("H", [[0.5, 0.1, 0.0], [0.1, -0.2, 0.1], [0.0, 0.1, 0.3]])],
           [(S.MatFn("exp", S.Scale(S.Num(-0.5), S.Ref("H"), "pre")), 1e-3)]), "pass"),
    ("8: silu of a 2 x 4 matrix",
     model("silu24", [weight("X", [[0.6, -0.3, 0.1, 0.2], [0.2, 0.5, -0.4, 0.1]], "input")],
           [(S.Elementwise("silu", S.Ref("X")), 1e-3)]), "pass"),
    ("8: a 3-entry output beside a 2-entry one",
     model("two", [weight("x", [0.6, -0.8], "input"), weight("y", [0.6, 0.0, -0.8], "input"),
                   weight("W", [[0.9, 0.3], [0.3, -0.5]])],
           [(S.Elementwise("sigmoid", S.MatMul(S.Ref("W"), S.Ref("x"))), 1e-3),
            (S.Ref("y"), 1e-3)]), "pass"),
    ("diffspecs: a 1 x 1 factor's sign was lost",
     model("sign11", [weight("x2", [[-0.7], [0.7]]), weight("w1", [[-0.8]])],
           [(S.MatMul(S.Ref("x2"), S.Ref("w1")), 1e-2)]), "pass"),
    ("diffspecs: a 1 x 1 output had an empty register",
     model("dot", [weight("x1", [[0.6, 0.8]], "input"), weight("v1", [[0.6], [0.8]])],
           [(S.MatMul(S.Ref("x1"), S.Ref("v1")), 1e-2)]), "pass"),
    ("diffspecs: matrix inverse of a 2 x 1 product (a column state's columns)",
     model("inv21", [weight("x2", [[0.4, -0.4], [0.0, 0.3]]), weight("w1", [[0.8], [0.0]])],
           [(S.MatFn("inverse", S.MatMul(S.Ref("x2"), S.Ref("w1")), 1.51), 1e-2)]), "pass"),
    ("diffspecs: relu of a 3-vector (Hadamard powers' alpha was inf)",
     model("relu3", [weight("x1", [0.8, 0.3, -0.6])],
           [(S.Elementwise("relu", S.Ref("x1")), 2e-3)]), "pass"),
    ("diffspecs: tanh of a block that is 0 on the data",
     model("zero", [weight("w1", [-1.0])],
           [(S.Elementwise("tanh", S.Add(S.Ref("w1"), S.Ref("w1"), minus=True)), 5e-3)]),
     "pass"),
    ("diffspecs: layernorm of a 1-entry vector crashed (centering of one entry)",
     model("ln1", [weight("x1", [0.4], "input")],
           [(S.Norm("layernorm", S.Ref("x1"), axis=0, gamma=-1, beta=-0.25,
                    eps=0.1), 1e-2)]), "pass"),
    ("diffspecs: pseudo-inverse of a 4 x 3 matrix (no measured gap for non-square)",
     model("inv43", [weight("w2", [[-0.2, -0.2, -0.6], [-0.3, -0.4, 0.2], [0.6, 0.0, 0.1],
                                   [-0.3, 0.6, -0.2]])],
           [(S.MatFn("inverse", S.Ref("w2"), 1.89), 1e-2)]), "pass"),
    ("diffspecs: matrix sign of an approximated operand (its error was not amplified)",
     model("signerf", [weight("x1", [[0.4, -0.1], [0.2, 0.2]])],
           [(S.MatFn("sign", S.Elementwise("erf", S.Ref("x1")), 4.62), 1e-2)]), "pass"),
    ("diffspecs: matrix sign of exp (as above, error 0.096 > 0.01)",
     model("signexp", [weight("x2", [[-0.9, 0.3], [-0.2, -0.4]])],
           [(S.MatFn("sign", S.Elementwise("exp", S.Ref("x2")), 5.58), 1e-2)]), "pass"),
    ("diffspecs: relu whose truncation met eps on its grid but not on the certificate's",
     model("relucert", [weight("x1", [-0.4, 0.0, -0.1, 0.7], "input"),
                        weight("x2", [-0.231, -0.477, -1.089, 0.051], "input")],
           [(S.Add(S.Elementwise("tanh", S.Ref("x1")), S.Elementwise("relu", S.Ref("x2"))),
             5e-3)]), "pass"),
    ("diffspecs: a constant (degree 0) exp of a 1 x 1 block had 3 ancillas in the IR, 1 emitted",
     model("exp0", [weight("x2", [[-0.1]]), weight("w2", [1.3]), weight("x3", [[-0.5]]),
                    weight("w3", [[-0.068]])],
           [(S.MatMul(S.Add(S.Ref("w2"), S.Ref("w2"), minus=True),
                      S.Attention(S.Ref("x3"), S.Ref("x2"), S.Ref("w3"), 1)), 5e-3)]), "pass"),
    ("diffspecs: 1/x of nearly vanishing softmax row sums searched for minutes, now refused "
     "at once (a coefficient above 4 eps beyond the cap)",
     model("slowcap", [weight("w1", [[-0.049, -0.132, -0.232], [-0.086, 0.122, -0.153],
                                     [-0.083, 0.265, -0.165], [0.068, -0.007, 0.147]])],
           [(S.Norm("softmax", S.Elementwise("tanh", S.Ref("w1")), axis=1), 1e-3)]),
     "documented"),
    ("issue 18: mish, the activation added as one registry entry",
     model("mish", [weight("X", X22, "input"), weight("W", [[0.9, 0.3], [0.3, -0.5]])],
           [(S.Elementwise("mish", S.MatMul(S.Ref("X"), S.Ref("W"))), 1e-3)]), "pass"),
    ("diffspecs --compositional: softmax after a polynomial missed epsilon (1/Z's gap came "
     "from the exponentials' shift before the polynomial's alpha was known)",
     model("smmish", [weight("x1", [-1.0])],
           [(S.Norm("softmax", S.Elementwise("mish", S.Ref("x1")), axis=0), 1e-3)]), "pass"),
    ("as above, over a 3-vector of SiLU",
     model("smsilu", [weight("x3", [-0.5, 0.2, 0.7])],
           [(S.Norm("softmax", S.Elementwise("silu", S.Ref("x3")), axis=0), 1e-3)]), "pass"),
    ("diffspecs --compositional: vec of an element-wise result read its padded column "
     "(ReLU's f(0) ~ 2e-4), so vec's claim (padding zero) did not hold",
     model("vecpad", [weight("w1", [[-0.443, -0.111, -0.072]])],
           [(S.Elementwise("sigmoid", S.Elementwise("relu", S.Ref("w1"))), 1e-2)]), "pass"),
    ("diffspecs --compositional: an LCU of 23 Hadamard powers was refused (a sign on the "
     "select register between two branches counted as changing it; every branch took its "
     "own dilation qubit, 30 > 24)",
     model("powlcu", [weight("x1", [[0.262, 0.022, -0.553, -0.263], [0.007, -0.788, -0.056, 0.299],
                                    [-0.536, 0.24, 0.093, 0.504]], "input"),
                      weight("w1", [[0.464], [-0.666], [0.213], [0.691]])],
           [(S.MatMul(S.Elementwise("exp", S.Elementwise("mish", S.Ref("x1"))),
                      S.Elementwise("mish", S.Ref("w1"))), 1e-3)]), "pass"),
]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bin", default=os.path.join(HERE, "..", "..", "build", "bin"))
    p.add_argument("--dsl", default=os.path.join(HERE, "..", "..", "docs", "dsl.md"))
    args = p.parse_args()
    checker = check.Checker(os.path.abspath(args.bin), check.documented_refusals(args.dsl),
                            5e10, 120.0, compositional=True)
    passed = failed = 0
    for title, sp, expected in CASES:
        folder = tempfile.mkdtemp(prefix="regression-")
        try:
            outcome = checker.check(sp, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        want = {"pass": "pass", "refuse": "expected_refusal", "documented": "refused"}[expected]
        ok = outcome.status == want
        passed, failed = passed + ok, failed + (not ok)
        print("%s %s%s" % ("ok  " if ok else "FAIL", title,
                           "" if ok else ": %s %s %s" % (outcome.status, outcome.kind,
                                                          outcome.message[:300])))
    print("regressions: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
