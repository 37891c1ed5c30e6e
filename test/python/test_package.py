"""The Python package against independent references: each convention's
defining product evaluated with numpy, the command-line tools' output, and
closed forms. Run by ctest (python.package) with PYTHONPATH=build/python and
QSVTC_BIN=build/bin."""
import json
import math
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

import qsvtc

BIN = os.environ.get("QSVTC_BIN", "")
RNG = np.random.default_rng(20261207)


def chebyshev(c, x):
    return np.polynomial.chebyshev.chebval(x, c)


def random_polynomial(degree, parity, peak=0.8):
    """Random Chebyshev coefficients of one parity, scaled so max |p| <= peak
    on a grid fine enough that the true maximum stays below 1."""
    c = np.zeros(degree + 1)
    c[parity::2] = RNG.standard_normal(len(c[parity::2])) / np.arange(1, len(c[parity::2]) + 1)
    grid = np.cos(np.linspace(0, np.pi, 40 * (degree + 1)))
    return c * (peak / np.max(np.abs(chebyshev(c, grid))))


def product(phases, x, signal):
    """e^{i phi_0 Z} prod_j S(x) e^{i phi_j Z}, the product every convention
    defines with its own signal operator S."""
    u = np.diag([np.exp(1j * phases[0]), np.exp(-1j * phases[0])])
    for phi in phases[1:]:
        u = u @ signal(x) @ np.diag([np.exp(1j * phi), np.exp(-1j * phi)])
    return u


def wx(x):
    s = math.sqrt(1 - x * x)
    return np.array([[x, 1j * s], [1j * s, x]])


def reflection(x):
    s = math.sqrt(1 - x * x)
    return np.array([[x, s], [s, -x]])


# The quantity each convention makes equal to p (include/qsvtc/qsp/Conventions.h).
DEFINING = {
    "wx": lambda phases, x: product(phases, x, wx)[0, 0].real,
    "qsppack": lambda phases, x: product(phases, x, wx)[0, 0].real,
    "reflection": lambda phases, x: product(phases, x, reflection)[0, 0].real,
    "qsvt": lambda phases, x: product(phases, x, reflection)[0, 0].real,
    "pyqsp": lambda phases, x: product(phases, x, wx)[0, 0].imag,
}


@pytest.mark.parametrize("convention", sorted(DEFINING))
@pytest.mark.parametrize("degree", [1, 2, 7, 30, 101])
def test_each_convention_computes_p_by_its_defining_product(convention, degree):
    c = random_polynomial(degree, degree % 2)
    r = qsvtc.poly_to_angles(c, convention=convention)
    assert r["degree"] == degree and r["parity"] == degree % 2
    assert r["error"] <= 1e-12
    # The certificate bounds the exact product; numpy's product of d 2x2
    # matrices in double adds about d * 1e-16.
    tolerance = r["error"] + 1e-13 * (degree + 1)
    for x in RNG.uniform(-1, 1, 25):
        assert abs(DEFINING[convention](r["phases"], x) - chebyshev(c, x)) <= tolerance


def test_monomial_basis_is_the_same_polynomial():
    m = [0.0, -0.3, 0.0, 0.5]  # p(x) = 0.5 x^3 - 0.3 x
    r = qsvtc.poly_to_angles(m, basis="monomial", convention="reflection")
    for x in np.linspace(-1, 1, 21):
        p = np.polynomial.polynomial.polyval(x, m)
        assert abs(DEFINING["reflection"](r["phases"], x) - p) <= 1e-12


@pytest.mark.skipif(not BIN, reason="QSVTC_BIN not set")
@pytest.mark.parametrize("degree", [5, 40, 1001])
def test_phases_agree_with_the_cli_bit_for_bit(tmp_path, degree):
    c = random_polynomial(degree, degree % 2)
    poly = tmp_path / "p.json"
    poly.write_text(json.dumps({"basis": "chebyshev", "coef": c.tolist()}))
    out = tmp_path / "phases.json"
    subprocess.run([os.path.join(BIN, "qsp-phases"), str(poly), "-o", str(out), "-q"],
                   check=True)
    cli = json.loads(out.read_text())
    r = qsvtc.poly_to_angles(c)
    assert r["phases"].tolist() == cli["phases"]
    assert r["error"] == cli["max_error"]


def test_reduced_phases_rebuild_the_full_ones():
    for degree in (6, 9):
        c = random_polynomial(degree, degree % 2)
        r = qsvtc.poly_to_angles(c, convention="pyqsp")
        full, reduced = r["phases"], r["reduced_phases"]
        # pyqsp's full from reduced: odd d: reverse(r) ++ r; even d:
        # reverse(r[1:]) ++ [2 r_0] ++ r[1:].
        if degree % 2:
            rebuilt = np.concatenate([reduced[::-1], reduced])
        else:
            rebuilt = np.concatenate([reduced[:0:-1], [2 * reduced[0]], reduced[1:]])
        assert np.array_equal(rebuilt, full)
        assert qsvtc.poly_to_angles(c, convention="reflection")["reduced_phases"] is None


def test_transform_angles_round_trips_and_matches_direct_solves():
    c = random_polynomial(12, 0)
    ours = qsvtc.poly_to_angles(c)["phases"]
    for convention in ("reflection", "pyqsp", "qsppack"):
        direct = qsvtc.poly_to_angles(c, convention=convention)["phases"]
        moved = qsvtc.transform_angles(ours, "wx", convention)
        assert np.array_equal(moved, direct)
        back = qsvtc.transform_angles(moved, convention, "wx")
        assert np.max(np.abs(back - ours)) <= 4 * np.finfo(float).eps * np.max(np.abs(ours) + 1)


def test_high_precision_phases_round_to_the_double_ones():
    import mpmath
    c = random_polynomial(9, 1)
    lo = qsvtc.poly_to_angles(c)["phases"]
    hi = qsvtc.poly_to_angles(c, solver="mpfr", precision_bits=200, epsilon=1e-40)
    assert hi["error"] <= 1e-40
    assert all(isinstance(p, mpmath.mpf) for p in hi["phases"])
    # Both solve the same problem; the double solve is certified to 1e-12.
    assert max(abs(float(a) - b) for a, b in zip(hi["phases"], lo)) <= 1e-9
    # precision_bits alone picks the MPFR solver.
    auto = qsvtc.poly_to_angles(c, precision_bits=128, epsilon=1e-30)
    assert auto["solver"] == "mpfr" and isinstance(auto["phases"][0], mpmath.mpf)


def test_decimal_strings_are_read_exactly():
    r = qsvtc.poly_to_angles(["0", "0.6", "0", "-0.2"])
    for x in (-0.9, 0.1, 0.7):
        assert abs(DEFINING["wx"](r["phases"], x) - chebyshev([0, 0.6, 0, -0.2], x)) <= 1e-12


@pytest.mark.skipif(not BIN, reason="QSVTC_BIN not set")
def test_approximate_matches_qsvt_approx(tmp_path):
    out = tmp_path / "a.json"
    subprocess.run([os.path.join(BIN, "qsvt-approx"), "--function", "sin", "--param", "tau=3",
                    "--epsilon", "1e-9", "-o", str(out), "-q"], check=True)
    cli = json.loads(out.read_text())
    r = qsvtc.approximate("sin", epsilon=1e-9, tau=3.0)
    assert r["coef"].tolist() == cli["coef"]
    assert r["degree"] == cli["degree"]
    x = np.linspace(-1, 1, 101)
    assert np.max(np.abs(chebyshev(r["coef"], x) - r["scale"] * np.sin(3 * x))) <= 1e-9


def test_catalog_lists_the_functions():
    names = {e["name"] for e in qsvtc.catalog()}
    assert {"gelu", "inverse", "sin", "sign"} <= names
    sign = next(e for e in qsvtc.catalog() if e["name"] == "sign")
    assert sign["parity"] == 1 and "delta" in sign["params"]


@pytest.mark.parametrize("bad, message", [
    ([0.1, float("nan")], "not finite"),
    ([[0.1, 0.2], [0.3]], "flat sequence"),
    (np.zeros((2, 2)), "one-dimensional"),
    (np.array(["a", "b"]), "real numbers"),
    ([], "empty"),
    ("0.1, 0.2", "not a string"),
    ([0.5, 0.5], "parity"),          # mixed parity: the engine's message
    ([0.0, 1.5], "max|p|"),          # |p| above 1
    (["0", "zero"], "decimal"),
])
def test_bad_input_raises_with_a_message(bad, message):
    with pytest.raises(qsvtc.Error, match=message.replace("|", r"\|")):
        qsvtc.poly_to_angles(bad)


def test_bad_options_raise():
    with pytest.raises(qsvtc.Error, match="unknown convention"):
        qsvtc.poly_to_angles([0, 0.5], convention="rx")
    with pytest.raises(qsvtc.Error, match="GQSP takes basis=.monomial"):
        qsvtc.poly_to_angles([0, 0.5], convention="gqsp")  # test_gqsp.py has the rest
    with pytest.raises(qsvtc.Error, match="epsilon"):
        qsvtc.poly_to_angles([0, 0.5], epsilon=0)
    with pytest.raises(qsvtc.Error):
        qsvtc.poly_to_angles([0, 0.5], solver="magic")
    with pytest.raises(qsvtc.Error):
        qsvtc.approximate("nonesuch")
    with pytest.raises(qsvtc.Error):
        qsvtc.approximate("sin", epsilon=1e-300, tau=1e6)
    assert issubclass(qsvtc.Error, ValueError)


@pytest.mark.skipif(not os.environ.get("PYQSP_DIR"),
                    reason="PYQSP_DIR not set: pyqsp is not in Debian; set it to a pyqsp "
                           "checkout to compare with its sym_qsp solver")
def test_pyqsp_sym_qsp_gives_our_pyqsp_phases():
    sys.path.insert(0, os.environ["PYQSP_DIR"])
    from pyqsp.angle_sequence import QuantumSignalProcessingPhases
    c = random_polynomial(11, 1, peak=0.5)
    full, _, _ = QuantumSignalProcessingPhases(c, method="sym_qsp", chebyshev_basis=True)
    ours = qsvtc.poly_to_angles(c, convention="pyqsp")["phases"]
    assert np.max(np.abs(np.asarray(full) - ours)) <= 1e-8


INTERRUPTED = """
import signal, sys, time, qsvtc
signal.signal(signal.SIGINT, signal.default_int_handler)  # not inherited as ignored
print("solving", flush=True)
start = time.time()
try:
    qsvtc.approximate("cos", epsilon=1e-12, tau=5000.0, method="chebyshev")  # minutes
except KeyboardInterrupt:
    print("interrupted after %.2f s" % (time.time() - start), flush=True)
    sys.exit(7)
sys.exit(0)
"""


def test_ctrl_c_interrupts_a_long_call():
    child = subprocess.Popen([sys.executable, "-c", INTERRUPTED], stdout=subprocess.PIPE,
                             text=True, env=dict(os.environ))
    try:
        assert child.stdout.readline().strip() == "solving"
        time.sleep(1.0)
        child.send_signal(signal.SIGINT)
        # The call returns at its next 50 ms wake-up, not at the solve's end.
        assert child.wait(timeout=30) == 7
        assert child.stdout.readline().startswith("interrupted after")
    finally:
        child.kill()
