"""qsvtc from Python: certified QSP phase factors and polynomial approximations.

    import qsvtc
    r = qsvtc.poly_to_angles([0.0, 0.5, 0.0, -0.25])     # Chebyshev coefficients
    r["phases"], r["error"]                                # numpy array, certified bound
    c = qsvtc.compile("examples/tiny_attention.qtf", emit="qasm")
    qsvtc.verify(c)["pass"]                                # simulated against the spec

The engines are the ones the command-line tools run (qsp-phases, qsvt-approx,
qsvtc, qsvt-verify):
the same input gives the same phases, bit for bit. Bad input raises
qsvtc.Error (a ValueError) with the tools' message.
"""
from decimal import Decimal
import json
import math
import os
import warnings

import numpy as np

from . import _core
from ._core import Error, InternalError

__all__ = ["poly_to_angles", "transform_angles", "gqsp_hamiltonian", "approximate", "catalog",
           "compile", "verify", "Error", "InternalError", "CONVENTIONS"]

# Our phases are Wx-symmetric: <0|U|0> = P(x) with Re P = p for
# U = e^{i phi_0 Z} prod_j W(x) e^{i phi_j Z}, W(x) = [[x, i s], [i s, x]].
# "reflection" (alias "qsvt"): the same <0|U|0> with R(x) = [[x, s], [s, -x]]
# (PennyLane's "QSVT" routine); "pyqsp": pyqsp's sym_qsp full phases
# (Im<0|U|0> = p); "qsppack": QSPPACK's full phases (ours).
# include/qsvtc/qsp/Conventions.h derives each map.
CONVENTIONS = ("wx", "reflection", "qsvt", "pyqsp", "qsppack")
_ALIASES = {"wx": "wx", "reflection": "reflection", "qsvt": "reflection", "pyqsp": "pyqsp",
            "qsppack": "qsppack"}


def _convention(name, allow_gqsp=False):
    if not isinstance(name, str):
        raise Error(f"a convention is a name, got {type(name).__name__}")
    key = name.lower()
    if key == "gqsp":
        if allow_gqsp:
            return key
        raise Error("GQSP angles (theta, phi, lambda) are not phases of a QSP convention; "
                    "there is nothing to convert them to or from")
    if key not in _ALIASES:
        raise Error(f"unknown convention '{name}': one of {', '.join(CONVENTIONS)}, gqsp")
    return _ALIASES[key]


def _gqsp_angles(coeffs, basis, solver, precision_bits, epsilon):
    if basis != "monomial":
        raise Error('GQSP takes basis="monomial": P(z) = sum_k coeffs[k] z^k on |z| = 1')
    if solver != "auto" or precision_bits is not None:
        raise Error("GQSP has one solver, in double precision (no solver or precision_bits)")
    if isinstance(coeffs, (str, bytes)):
        raise Error("coeffs must be a sequence of numbers, not a string")
    c = _number_array(coeffs, "coeffs", complex_ok=True)
    r = _core.solve_gqsp(c.real.tolist(), c.imag.tolist(), True)
    if epsilon is not None and not r["max_error"] <= float(epsilon):
        raise Error(f"the certified error {r['max_error']:.3g} exceeds epsilon = {epsilon}")
    return _gqsp_dict(r)


def _complex_array(pairs):
    return np.array([complex(x, y) for x, y in pairs])


def _gqsp_dict(r):
    return {"theta": np.array(r["theta"]), "phi": np.array(r["phi"]), "lambda": r["lambda"],
            "complement": _complex_array(r["complement"]),
            "degree": r["degree"], "error": r["max_error"], "certificate": r["certificate"],
            "completion": r["completion"]}


def gqsp_hamiltonian(tau, epsilon=1e-12):
    """GQSP angles for exp(-i tau cos theta) (Motlagh-Wiebe Sec. 5): the
    Jacobi-Anger series truncated at order K, times z^K and a scale s < 1.
    Run the GQSP circuit of the returned angles on U = sum e^{i theta}|.><.|,
    then U^dagger `shift` times: the top-left block is within `error` of
    exp(-i tau cos theta) at every eigenphase. Returns the poly_to_angles
    GQSP dict plus shift, scale, truncation_bound, phase_error and coef."""
    for name, v in (("tau", tau), ("epsilon", epsilon)):
        if isinstance(v, bool) or not isinstance(v, (int, float, np.floating, np.integer)):
            raise Error(f"{name} must be a number, got {type(v).__name__}")
    r = _core.gqsp_hamiltonian(float(tau), float(epsilon))
    d = _gqsp_dict(r)
    d.update({k: r[k] for k in ("shift", "scale", "truncation_bound", "phase_error", "tau")})
    d["coef"] = _complex_array(r["coef"])
    return d


def _coefficients(coeffs, what="coeffs"):
    """A 1-D array of finite floats, or a list of decimal strings."""
    if isinstance(coeffs, (str, bytes)):
        raise Error(f"{what} must be a sequence of numbers, not a string")
    if isinstance(coeffs, (list, tuple)) and any(isinstance(c, str) for c in coeffs):
        for k, c in enumerate(coeffs):
            if not isinstance(c, (str, int, float)) or isinstance(c, bool):
                raise Error(f"{what}[{k}] is a {type(c).__name__}, not a number")
        return [c if isinstance(c, str) else str(Decimal(float(c))) for c in coeffs]
    return _number_array(coeffs, what)


def _number_array(values, what, complex_ok=False):
    """A 1-D float64 (or, with complex_ok, complex128) array of finite values."""
    try:
        a = np.asarray(values)
    except ValueError as e:  # ragged nested sequences
        raise Error(f"{what} is not a flat sequence of numbers ({e})") from None
    kinds, kind_name = ("biufc", "real or complex") if complex_ok else ("biuf", "real")
    if a.dtype == object or a.dtype.kind not in kinds:
        raise Error(f"{what} must hold {kind_name} numbers, got dtype {a.dtype}")
    if a.ndim != 1:
        raise Error(f"{what} must be one-dimensional, got shape {a.shape}")
    if a.size == 0:
        raise Error(f"{what} is empty")
    a = a.astype(np.complex128 if complex_ok else np.float64)
    bad = np.flatnonzero(~np.isfinite(a))
    if bad.size:
        raise Error(f"{what}[{bad[0]}] = {a[bad[0]]} is not finite")
    return a


def _chebyshev_from_monomial(m):
    """Chebyshev coefficients of sum_j m_j x^j, exactly in rationals, rounded once."""
    from fractions import Fraction
    n = len(m)
    cheb = [Fraction(0)] * n
    # x^j = 2^{1-j} sum_k binom(j, k) T_{|j - 2k|} (with T_0 counted once).
    for j, mj in enumerate(m):
        if mj == 0:
            continue
        mj = Fraction(mj)
        for k in range(j + 1):
            cheb[abs(j - 2 * k)] += mj * math.comb(j, k) / Fraction(2) ** j
    return np.array([float(c) for c in cheb])


def poly_to_angles(coeffs, basis="chebyshev", convention="wx", solver="auto",
                   precision_bits=None, epsilon=None):
    """Certified phase factors for a real polynomial of definite parity.

    coeffs: Chebyshev (basis="chebyshev") or monomial (basis="monomial")
    coefficients, lowest degree first; numbers, or decimal strings for exact
    high-precision input. |p| must stay below 1 on [-1, 1].
    convention: "wx" (ours, symmetric), "reflection"/"qsvt" (PennyLane's QSVT
    routine), "pyqsp" (sym_qsp), "qsppack".
    solver: "auto", "newton", "fast" or "mpfr". epsilon: the certified bound on
    max |Re P - p| over [-1, 1] (default 1e-12). precision_bits: phases at
    that precision (mpmath values, or strings without mpmath), by the MPFR
    solver when solver is "auto".

    Returns a dict: phases, reduced_phases (QSPPACK's or pyqsp's reduced form;
    None for the reflection convention), parity, degree, error (the
    certified bound), solver, certificate.

    convention="gqsp" (generalized QSP, Motlagh-Wiebe 2308.01501) takes
    basis="monomial" and complex coeffs, P(z) = sum_k coeffs[k] z^k with
    |P| < 1 on |z| = 1, and returns theta, phi (d + 1 each), lambda, the
    outer complement Q's coefficients, degree, error (certified sup over the
    circle of |P_angles - P|), certificate and completion (grid, max |P|).
    The circuit is R(theta_d, phi_d, 0) A ... R(theta_1, phi_1, 0) A
    R(theta_0, phi_0, lambda) with A = |0><0| (x) U + |1><1| (x) I and
    R = [[e^{i(lambda+phi)} cos, e^{i phi} sin], [e^{i lambda} sin, -cos]].
    """
    conv = _convention(convention, allow_gqsp=True)
    if conv == "gqsp":
        return _gqsp_angles(coeffs, basis, solver, precision_bits, epsilon)
    if basis not in ("chebyshev", "monomial"):
        raise Error(f"unknown basis '{basis}' (chebyshev or monomial)")
    c = _coefficients(coeffs)
    if basis == "monomial":
        if not isinstance(c, np.ndarray):
            raise Error("decimal-string coefficients are taken in the Chebyshev basis only")
        c = _chebyshev_from_monomial(c.tolist())
    eps = 1e-12 if epsilon is None else float(epsilon)
    if not (eps > 0 and math.isfinite(eps)):
        raise Error(f"epsilon must be a positive number, got {epsilon}")
    bits = 0 if precision_bits is None else int(precision_bits)
    if bits < 0:
        raise Error(f"precision_bits must be positive, got {precision_bits}")
    if bits > 53 and solver == "auto":
        solver = "mpfr"  # the one solver that works above double precision
    if isinstance(c, np.ndarray):
        r = _core.solve_phases(c.tolist(), solver, eps, bits)
    else:
        r = _core.solve_phases_decimal(c, solver, eps, bits)
    parity = r["parity"]
    if r["precision_bits"] > 53:
        # Conventions differ by multiples of pi/4 at the ends and signs: the
        # exact phases in another convention need the same arithmetic in
        # high precision; only ours (and QSPPACK's, the same) are offered.
        if conv not in ("wx", "qsppack"):
            raise Error("phases above double precision are given in the wx (qsppack) "
                        "convention only")
        phases = _high_precision(r["phases"], r["precision_bits"])
        reduced = None
    else:
        wx = [float(p) for p in r["phases"]]
        phases = np.array(_core.from_wx(wx, conv))
        reduced = _reduced(wx, phases, parity, conv)
    return {"phases": phases, "reduced_phases": reduced, "parity": parity,
            "degree": r["degree"], "error": r["max_error"], "solver": r["solver"],
            "certificate": r["certificate"], "iterations": r["iterations"]}


def _reduced(wx, phases, parity, conv):
    if conv in ("wx", "qsppack"):
        return np.array(_core.wx_to_qsppack_reduced(wx))
    if conv == "pyqsp":  # the second half, the middle one halved for even d
        d = len(phases) - 1
        half = phases[d // 2:].copy() if d % 2 == 0 else phases[(d + 1) // 2:].copy()
        if d % 2 == 0:
            half[0] /= 2
        return half
    return None


def _high_precision(values, bits):
    try:
        import mpmath
    except ImportError:
        return list(values)
    with mpmath.workprec(bits):
        return [mpmath.mpf(v) for v in values]


def transform_angles(phases, from_, to):
    """Phases of one convention in another (see poly_to_angles for the names)."""
    a = _coefficients(phases, "phases")
    if not isinstance(a, np.ndarray):
        raise Error("phases must be numbers")
    src, dst = _convention(from_), _convention(to)
    return np.array(_core.from_wx(_core.to_wx(a.tolist(), src), dst))


def approximate(function, epsilon=1e-6, domain=None, method="remez", **params):
    """A certified polynomial approximation of a catalog function.

    Returns the qsvt-approx JSON as a dict (coef, degree, parity, scale,
    certificate, ...), with "coef" as a numpy array at double precision.
    """
    if not isinstance(function, str):
        raise Error("function is a catalog name (see qsvtc.catalog())")
    eps = float(epsilon)
    for k, v in params.items():
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
            raise Error(f"parameter {k} = {v!r} is not a finite number")
    if domain is not None and not isinstance(domain, str):
        domain = ",".join(repr(float(x)) for x in np.asarray(domain, dtype=float).ravel())
    r = _core.approximate(function, eps, {k: float(v) for k, v in params.items()}, domain,
                          method)
    if all(isinstance(x, float) for x in r["coef"]):
        r["coef"] = np.array(r["coef"])
    return r


def catalog():
    """The functions approximate() knows, with their parameters and domains."""
    return _core.catalog()


def _text_or_file(source, what):
    """(text, name): a path's contents, or the text itself ("<string>")."""
    if isinstance(source, os.PathLike):
        source = os.fspath(source)
    if not isinstance(source, str):
        raise Error(f"{what} is a path or its text, got {type(source).__name__}")
    if "\n" not in source and os.path.isfile(source):
        with open(source, encoding="utf-8") as f:
            return f.read(), source
    if "\n" not in source and source.endswith((".qtf", ".mlir", ".qasm", ".json")):
        raise Error(f"{source}: no such file")
    return source, "<string>"


_EMITS = ("ast", "qt", "qsvt", "poly", "phases", "resources", "qasm")


def compile(spec, emit="qt", mode="auto", token=None, amplitudes="known", decompose=False,
            allow_opaque=False, locations=False, language=None):
    """Compiles a model spec (a .qtf path or its text; printed IR: a .mlir path
    or language="ir") as `qsvtc --emit=EMIT` does.

    Returns the IR text for emit="ast", "qt", "qsvt", "poly" or "phases"; a
    dict for emit="resources" (the --format=json report); and for
    emit="qasm" a dict {"qasm": text, "manifest": dict, "name": file name,
    "outputs": one such dict per output of the model}, ready for verify().
    mode, token, amplitudes, decompose and allow_opaque are qsvtc's flags.
    Notes (e.g. why auto mode chose matrix mode) come as warnings.
    """
    if emit not in _EMITS:
        raise Error(f"unknown emit '{emit}' (one of {', '.join(_EMITS)})")
    if amplitudes not in ("known", "bounded"):
        raise Error(f"unknown amplitudes '{amplitudes}' (known or bounded)")
    if language not in (None, "qtf", "ir"):
        raise Error(f"unknown language '{language}' (qtf or ir)")
    text, name = _text_or_file(spec, "spec")
    ir = language == "ir" or (language is None and name.endswith(".mlir"))
    if token is not None or amplitudes == "bounded":
        if mode == "matrix":
            raise Error("token and amplitudes are state-mode options")
        mode = "state"
    if (decompose or allow_opaque) and mode == "state":
        raise Error("decompose and allow_opaque are matrix-mode options")
    if (decompose or allow_opaque) and mode == "auto":
        mode = "matrix"
    if decompose and emit not in ("qasm", "resources"):
        raise Error("decompose applies to emit='qasm' and 'resources' only")
    if allow_opaque and emit != "qasm":
        raise Error("allow_opaque applies to emit='qasm' only")
    stem = os.path.splitext(os.path.basename(name))[0] if name != "<string>" else "model"
    r = _core.compile(text, name, stem + ".qasm", emit, ir, mode, int(token or 0),
                      amplitudes == "bounded", bool(decompose), bool(allow_opaque),
                      bool(locations))
    for line in r["log"].splitlines():
        if line.startswith("qsvtc: note:"):
            warnings.warn(line[len("qsvtc: note: "):], stacklevel=2)
    result = r["result"]
    if emit != "qasm":
        return result
    first = dict(result[0])
    first["outputs"] = result
    return first


def verify(circuit, manifest=None, compositional=False):
    """Simulates a circuit and checks it against its manifest, as qsvt-verify.

    circuit: compile(..., emit="qasm")'s result (manifest included), OpenQASM
    text, or a .qasm path (its manifest beside it by default). manifest: a
    dict, JSON text or a path. Returns the report dict; report["pass"] is the
    verdict and report["summary"] the tool's line. Bad input raises Error.
    """
    if isinstance(circuit, dict):
        if manifest is None:
            manifest = circuit.get("manifest")
        circuit = circuit.get("qasm")
        if circuit is None:
            raise Error("a circuit dict needs 'qasm' (compile(..., emit='qasm') gives one)")
    qasm, qasm_name = _text_or_file(circuit, "circuit")
    if manifest is None:
        if qasm_name == "<string>":
            raise Error("give the manifest of a circuit given as text")
        manifest = _core.manifest_path_for(qasm_name)
        if not os.path.isfile(manifest):
            raise Error(f"{manifest}: no such file (give manifest=...)")
    if isinstance(manifest, dict):
        manifest_text, manifest_name = json.dumps(manifest), "<manifest>"
    else:
        manifest_text, manifest_name = _text_or_file(manifest, "manifest")
    return _core.verify(qasm, qasm_name, manifest_text, manifest_name, bool(compositional))
