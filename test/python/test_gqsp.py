"""GQSP from Python (qsvtc.poly_to_angles(..., convention="gqsp")) against the
definition (Motlagh, Wiebe, arXiv 2308.01501, Thm 3) written out with numpy:
R(theta_d, phi_d, 0) A ... R(theta_1, phi_1, 0) A R(theta_0, phi_0, lambda),
A = diag(z, 1), at random points of the unit circle; and against the
command-line tool's output, bit for bit."""
import json
import os
import subprocess

import numpy as np
import pytest

import qsvtc

BIN = os.environ.get("QSVTC_BIN", "")
RNG = np.random.default_rng(22)


def rotation(theta, phi, lam):
    return np.array([[np.exp(1j * (lam + phi)) * np.cos(theta), np.exp(1j * phi) * np.sin(theta)],
                     [np.exp(1j * lam) * np.sin(theta), -np.cos(theta)]])


def circuit(r, z):
    u = rotation(r["theta"][0], r["phi"][0], r["lambda"])
    for theta, phi in zip(r["theta"][1:], r["phi"][1:]):
        u = rotation(theta, phi, 0) @ np.diag([z, 1]) @ u
    return u


def random_p(degree, peak):
    c = RNG.standard_normal(degree + 1) + 1j * RNG.standard_normal(degree + 1)
    grid = np.exp(2j * np.pi * np.arange(16 * (degree + 1)) / (16 * (degree + 1)))
    return c * (peak / np.max(np.abs(np.polyval(c[::-1], grid))))


@pytest.mark.parametrize("degree", [0, 1, 9, 150])
def test_angles_give_p_in_the_circuit(degree):
    p = random_p(degree, 0.9)
    r = qsvtc.poly_to_angles(p, basis="monomial", convention="gqsp")
    assert r["degree"] == degree and len(r["theta"]) == degree + 1
    assert r["error"] < 1e-12
    for z in np.exp(2j * np.pi * RNG.random(30)):
        u = circuit(r, z)
        assert abs(u[0, 0] - np.polyval(p[::-1], z)) <= max(r["error"], 1e-13)
        assert abs(u[1, 0] - np.polyval(r["complement"][::-1], z)) < 1e-12
        # The complement completes P: the circuit is unitary and |P|^2 + |Q|^2 = 1.
        assert abs(abs(u[0, 0]) ** 2 + abs(u[1, 0]) ** 2 - 1) < 1e-12


def test_real_coefficients_are_taken_as_complex():
    r = qsvtc.poly_to_angles([0.3, 0.0, -0.4], basis="monomial", convention="gqsp")
    z = np.exp(0.4j)
    assert abs(circuit(r, z)[0, 0] - (0.3 - 0.4 * z * z)) < 1e-14


def test_bad_input_raises():
    cases = [([0.8, 0.8], "max |P| < 1"), ([], "empty"), ([np.inf], "not finite"),
             (["0.1"], "real or complex"), ([[0.1, 0.2]], "one-dimensional")]
    for coeffs, message in cases:
        with pytest.raises(qsvtc.Error, match=message.replace("|", r"\|")):
            qsvtc.poly_to_angles(coeffs, basis="monomial", convention="gqsp")
    with pytest.raises(qsvtc.Error, match="monomial"):
        qsvtc.poly_to_angles([0.1], convention="gqsp")
    with pytest.raises(qsvtc.Error, match="exceeds epsilon"):
        qsvtc.poly_to_angles(random_p(40, 0.9), basis="monomial", convention="gqsp",
                             epsilon=1e-30)
    with pytest.raises(qsvtc.Error, match="nothing to convert"):
        qsvtc.transform_angles([0.1, 0.2], "gqsp", "wx")


@pytest.mark.skipif(not BIN, reason="QSVTC_BIN is not set")
def test_same_angles_as_the_cli(tmp_path):
    p = random_p(64, 0.8)
    poly = tmp_path / "p.json"
    poly.write_text(json.dumps({"basis": "monomial", "coef": [[c.real, c.imag] for c in p]}))
    out = tmp_path / "ph.json"
    subprocess.run([os.path.join(BIN, "qsp-phases"), "--gqsp", str(poly), "-o", str(out), "-q"],
                   check=True)
    cli = json.loads(out.read_text())
    r = qsvtc.poly_to_angles(p, basis="monomial", convention="gqsp")
    assert cli["theta"] == r["theta"].tolist() and cli["phi"] == r["phi"].tolist()
    assert cli["lambda"] == r["lambda"] and cli["max_error"] == r["error"]


@pytest.mark.parametrize("tau", [3.0, -25.5, 120.0])
def test_hamiltonian_evolution_within_its_bound(tau):
    """The circuit, then U^dagger `shift` times, against exp(-i tau cos theta)
    itself (a closed form, not the truncated series)."""
    r = qsvtc.gqsp_hamiltonian(tau, 1e-10)
    assert r["error"] <= 1e-10 and r["degree"] == 2 * r["shift"]
    worst = 0.0
    for theta in 2 * np.pi * RNG.random(40):
        block = circuit(r, np.exp(1j * theta))[0, 0] * np.exp(-1j * r["shift"] * theta)
        worst = max(worst, abs(block - np.exp(-1j * tau * np.cos(theta))))
    assert worst <= r["error"]
    assert worst > 1e-13  # the scale's margin (epsilon / 4) shows: not vacuous


def test_hamiltonian_bad_parameters_raise():
    with pytest.raises(qsvtc.Error, match="epsilon must lie"):
        qsvtc.gqsp_hamiltonian(1.0, 0.0)
    with pytest.raises(qsvtc.Error, match="tau must be finite"):
        qsvtc.gqsp_hamiltonian(float("nan"))
    with pytest.raises(qsvtc.Error, match="tau must be a number"):
        qsvtc.gqsp_hamiltonian("3")
