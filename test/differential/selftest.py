"""`diffspecs.py --selftest`: the tester tested. The oracle against closed
forms, the random data against the C++ standard's mt19937_64 value, the
refusal list reader, the shrinker on a made-up failure, and the circuit
check on real compiles: a right reference must pass, a wrong one (scaled
by 1.1, transposed) must fail, so that the differential test can fail.
"""

import os
import shutil
import tempfile

import numpy as np

import check
import mt64
import oracle
import shrink
import spec as S
import specgen


def small_specs():
    """Two specs whose circuits are exact or nearly so: a block (a
    product of two explicit 2x2 matrices, non-symmetric) and a state."""
    block = S.Spec("selftest_block")
    block.dims = {"n": 2}
    block.tensors["W"] = S.Tensor("W", "weight", ("n", "n"), S.Data(
        "inline", values=np.array([[0.9, 0.3], [-0.2, 0.5]])))
    block.tensors["X"] = S.Tensor("X", "input", ("n", "n"), S.Data("random", seed=3, norm=1.0))
    block.outputs.append(S.Output(S.MatMul(S.Ref("W"), S.Ref("X")), 1e-3))
    state = S.Spec("selftest_state")
    state.dims = {"n": 2}
    state.tensors["W"] = block.tensors["W"]
    state.tensors["x"] = S.Tensor("x", "input", ("n",), S.Data(
        "inline", values=np.array([[0.6], [-0.8]])))
    state.outputs.append(S.Output(S.Elementwise("sigmoid", S.MatMul(S.Ref("W"), S.Ref("x"))),
                                  1e-3))
    return block, state


def check_circuits(bindir):
    checker = check.Checker(bindir, [], 1e9)
    for sp in small_specs():
        folder = tempfile.mkdtemp(prefix="diffspecs-selftest-")
        try:
            outcome = checker.check(sp, folder)
            assert outcome.status == "pass", (sp.name, outcome)
            values, _ = oracle.evaluate(sp)
            wrong = checker.check_outputs(sp, [1.1 * values[0]], folder)
            assert wrong.status == "fail" and "circuit != oracle" in wrong.kind, wrong
            assert "manifest reference != oracle" in wrong.kind, wrong
            if values[0].shape[1] > 1:
                wrong = checker.check_outputs(sp, [values[0].T], folder)
                assert wrong.status == "fail" and "circuit != oracle" in wrong.kind, wrong
            tiny = check.Checker(bindir, [], 1.0).check_outputs(sp, values, folder)
            assert tiny.status == "too_big", tiny
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def check_refusal_list():
    folder = tempfile.mkdtemp(prefix="diffspecs-selftest-")
    try:
        path = os.path.join(folder, "dsl.md")
        with open(path, "w") as f:
            f.write("# DSL\n## Not supported\n\n- `row sums are bounded` — why\n"
                    "* `kappa = \\d+` — why\n\n## Later\n- `not this one`\n")
        pats = check.documented_refusals(path)
        assert [p.pattern for p in pats] == ["row sums are bounded", "kappa = \\d+"], pats
        with open(path, "w") as f:
            f.write("# DSL\n- `no section`\n")
        assert check.documented_refusals(path) == []
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class FakeChecker:
    """Fails every spec that still applies gelu to something."""

    def check(self, spec, folder):
        spec.write(folder)
        if "gelu" in spec.ops():
            return check.Outcome("fail", ["fake"], "gelu")
        return check.Outcome("pass")


def check_shrinker():
    for seed in range(1, 400):
        sp, refuse = specgen.generate(seed)
        if "gelu" in sp.ops() and len(sp.ops()) >= 3 and not refuse:
            break
    small, outcome, _ = shrink.shrink(sp, "fake", FakeChecker(), seconds=60)
    assert outcome is not None and small.ops() == {"gelu"}, small.text()
    assert len(small.tensors) == 1 and len(small.outputs) == 1, small.text()


def check_generator():
    """Every construction the brief lists shows up over a few hundred seeds."""
    ops, refused, forms = set(), 0, set()
    for seed in range(1, 300):
        sp, refuse = specgen.generate(seed)
        ops |= sp.ops()
        refused += bool(refuse)
        forms |= {t.data.kind for t in sp.tensors.values()}
    want = {"matmul", "scale", "div", "neg", "add", "sub", "transpose", "softmax",
            "layernorm", "rmsnorm", "attention", "matrix exp", "matrix inverse",
            "matrix invsqrt", "matrix sign"} | set(S.ELEMENTWISE)
    assert want <= ops, want - ops
    assert forms == {"inline", "csv", "npy", "random"}, forms
    assert refused > 0


def main(bindir):
    mt64.selftest()
    oracle.selftest()
    check_refusal_list()
    check_generator()
    check_shrinker()
    check_circuits(bindir)
    print("diffspecs: selftest passed")
    return 0
