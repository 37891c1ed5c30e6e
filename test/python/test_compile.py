"""qsvtc.compile and qsvtc.verify against independent references: random
specs (test/differential/specgen.py) whose circuits are checked against the
numpy forward pass (oracle.py), the command-line tools' own output, and
circuits corrupted on purpose. Run by ctest (python.package)."""
import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest

import qsvtc

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "differential"))
import check  # noqa: E402  (the differential test's reference helpers)
import mt64  # noqa: E402
import oracle  # noqa: E402
import specgen  # noqa: E402

BIN = os.environ.get("QSVTC_BIN", "")
EXAMPLES = os.path.join(HERE, "..", "..", "examples")
REFUSALS = check.documented_refusals(os.path.join(HERE, "..", "..", "docs", "dsl.md"))


def cli(*args, cwd=None):
    return subprocess.run([os.path.join(BIN, "qsvtc"), *map(str, args)], cwd=cwd,
                          check=True, capture_output=True, text=True).stdout


def padded(value, kind):
    """The oracle's output in the manifest's power-of-two shape."""
    rows, cols = value.shape
    d = max(0, int(np.ceil(np.log2(max(rows, cols if kind == "block" else 1)))))
    if kind == "block":
        out = np.zeros((2 ** d, 2 ** d))
        out[:rows, :cols] = value
    else:
        out = np.zeros(2 ** d)
        out[:rows] = value[:, 0]
    return out


def small_enough(circuit):
    """Simulating it whole takes well under a second."""
    qubits = sum(int(n or 1) for n in re.findall(r"^qubit(?:\[(\d+)\])?\s+\w+\s*;",
                                                 circuit["qasm"], re.M))
    ops = (circuit["manifest"].get("circuit") or {}).get("total", 0)
    return qubits <= 14 and ops <= 200000


def check_random_spec(folder, seed):
    """How many of the seed's outputs were simulated; asserts on a wrong one."""
    spec, must_refuse = specgen.generate(seed)
    values, _ = oracle.evaluate(spec)
    spec.write(str(folder))
    try:
        c = qsvtc.compile(folder / "spec.qtf", emit="qasm", mode="matrix")
    except qsvtc.Error as e:
        assert must_refuse or any(p.search(str(e)) for p in REFUSALS), (seed, str(e))
        return 0
    assert not must_refuse, (seed, f"accepted, must refuse: {must_refuse}")
    assert len(c["outputs"]) == len(values)
    simulated = 0
    for out, value, declared in zip(c["outputs"], values, spec.outputs):
        m = out["manifest"]
        ref = check.reference_array(m["reference"], m["kind"])
        exact = padded(value, m["kind"])
        # the manifest's reference is the spec's meaning: the forward pass's
        assert check.error(ref - exact, m.get("error_norm", "spectral"), m["kind"]) \
            <= m["error_bound"] * 1e-3 + 1e-9, seed
        assert m["error_bound"] <= declared.eps * (1 + 1e-12), seed
        if small_enough(out):
            r = qsvtc.verify(out, manifest=dict(m, reference=exact.tolist()))
            assert r["pass"], (seed, r["summary"])
            simulated += 1
    return simulated


def test_random_specs_compile_to_circuits_that_compute_the_numpy_forward_pass(tmp_path):
    simulated = 0
    for seed in range(1, 25):
        (tmp_path / str(seed)).mkdir()
        simulated += check_random_spec(tmp_path / str(seed), seed)
    assert simulated >= 8, f"only {simulated} circuits were small enough to simulate"


def test_qasm_and_manifest_are_the_clis_byte_for_byte(tmp_path):
    spec = os.path.join(EXAMPLES, "tiny_mlp.qtf")
    cli(spec, "--emit=qasm", "-o", tmp_path / "tiny_mlp.qasm")
    c = qsvtc.compile(spec, emit="qasm")
    assert c["name"] == "tiny_mlp.qasm"
    assert c["qasm"] == (tmp_path / "tiny_mlp.qasm").read_text()
    assert c["manifest"] == json.loads((tmp_path / "tiny_mlp.manifest.json").read_text())


@pytest.mark.parametrize("emit", ["ast", "qt", "qsvt", "phases"])
def test_ir_stages_are_the_clis(emit):
    spec = os.path.join(EXAMPLES, "tiny_mlp.qtf")
    assert qsvtc.compile(spec, emit=emit) == cli(spec, f"--emit={emit}")


def test_resources_are_the_clis_json():
    spec = os.path.join(EXAMPLES, "gpt2_small.qtf")
    r = qsvtc.compile(spec, emit="resources")
    assert r == json.loads(cli(spec, "--emit=resources", "--format=json"))
    assert r["qubits"] > 0


TANH_SPEC = """model tanh_out {
  input X[2, 2] = random(seed = 1, norm = 1.0);
  weight W[2, 2] = random(seed = 2, norm = 1.0);
  output tanh(X @ W) epsilon 1e-3;
}
"""


@pytest.mark.parametrize("token", [0, 1])
def test_state_mode_circuit_verifies_and_a_corrupted_one_does_not(token):
    c = qsvtc.compile(TANH_SPEC, emit="qasm", token=token)
    assert c["name"] == "model.qasm" and c["manifest"]["kind"] == "state"
    # the row the circuit prepares, by numpy from the same random streams
    y = np.tanh(mt64.random_matrix(1, 1.0, 2, 2) @ mt64.random_matrix(2, 1.0, 2, 2))[token]
    assert np.allclose(c["manifest"]["reference"], y, rtol=0, atol=1e-12)
    r = qsvtc.verify(c)
    assert r["pass"] and r["error"] <= r["error_bound"]
    # Every rotation angle off by 0.05 rad: far outside a 1e-3 bound.
    bent = re.sub(r"\b(r[xyz]|p)\(([-+0-9.e]+)\)",
                  lambda m: f"{m.group(1)}({float(m.group(2)) + 0.05!r})", c["qasm"])
    assert bent != c["qasm"]
    r = qsvtc.verify(bent, c["manifest"])
    assert not r["pass"] and r["error"] > r["error_bound"]


def test_verify_reads_files_like_the_tool(tmp_path):
    spec = os.path.join(EXAMPLES, "tiny_mlp.qtf")
    cli(spec, "--emit=qasm", "-o", tmp_path / "m.qasm")
    r = qsvtc.verify(tmp_path / "m.qasm")          # manifest beside it
    tool = subprocess.run([os.path.join(BIN, "qsvt-verify"), tmp_path / "m.qasm", "--json"],
                          capture_output=True, text=True)
    assert tool.returncode == 0 and r["pass"]
    report = json.loads(tool.stdout)
    assert r["error"] == report["error"] and r["summary"].startswith("PASS")


def test_compile_text_reports_located_errors():
    with pytest.raises(qsvtc.Error, match=r"<string>:\d+:\d+: error"):
        qsvtc.compile("model m {\n  dim n = 4\n  input X : [n, n] random(seed=1\n}\n")


@pytest.mark.parametrize("call, message", [
    (lambda: qsvtc.compile("missing.qtf"), "missing.qtf: no such file"),
    (lambda: qsvtc.compile(os.path.join(EXAMPLES, "tiny_mlp.qtf"), emit="llvm"),
     "unknown emit 'llvm'"),
    (lambda: qsvtc.compile(os.path.join(EXAMPLES, "tiny_mlp.qtf"), mode="fast"),
     "unknown mode 'fast'"),
    (lambda: qsvtc.compile(os.path.join(EXAMPLES, "tiny_mlp.qtf"), emit="qt", decompose=True),
     "decompose applies to"),
    (lambda: qsvtc.compile(3), "spec is a path or its text"),
    (lambda: qsvtc.verify("OPENQASM 3.0;\nqubit q;\n"), "give the manifest"),
    (lambda: qsvtc.verify("OPENQASM 3.0;\nqubit q;\nfoo q;\n", {"format": "qsvtc-manifest"}),
     r"<string>:3:1: error"),
    (lambda: qsvtc.verify("OPENQASM 3.0;\nqubit q;\n", '{"kind": "block",,}'),
     r"<manifest>|<string>"),
])
def test_bad_input_raises_with_the_tools_message(call, message):
    with pytest.raises(qsvtc.Error, match=message):
        call()
