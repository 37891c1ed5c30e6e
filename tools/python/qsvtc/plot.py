"""Pictures of what the tools write, to look at before trusting it.

    python3 -m qsvtc.plot approx gelu.json -o gelu.png        # qsvt-approx's JSON
    python3 -m qsvtc.plot phases phases.json -o phases.png    # qsp-phases' JSON
    python3 -m qsvtc.plot resources r.json -o r.png          # qsvtc --emit=resources --format=json

approx: the target s*f and the polynomial p on [-1, 1], and |p - s f| on the
approximation domain against the certified bound and epsilon. phases: the
phases, and the response Re<0|U(x)|0> they give, computed here from the
phases by the Wx product. resources: where the cost goes, by op and source
line (T-count) and by data source (oracle queries), like a profile.

Every picture is 800x600 pixels. Needs python3-matplotlib (Debian).
"""
import argparse
import json
import math
import os
import sys
import tempfile

import numpy as np

WIDTH, HEIGHT, DPI = 8, 6, 100  # inches and dots per inch: 800x600 pixels
KINDS = ("approx", "phases", "resources")


class PlotError(Exception):
    """Bad input: the message says what and where."""


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise PlotError("matplotlib is not installed (Debian: apt-get install "
                        "python3-matplotlib)") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def _floats(values, what, path):
    try:
        a = np.array([float(v) for v in values])
    except (TypeError, ValueError):
        raise PlotError(f"{path}: \"{what}\" must be a list of numbers") from None
    if a.size == 0 or not np.all(np.isfinite(a)):
        raise PlotError(f"{path}: \"{what}\" must be non-empty and finite")
    return a


def _need(data, keys, path, kind):
    missing = [k for k in keys if k not in data]
    if missing:
        raise PlotError(f"{path}: not {_article(kind)} file (no \"{missing[0]}\"; "
                        f"{_hint(kind)})")


def _article(kind):
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _hint(kind):
    return {"approx": "qsvt-approx -o FILE writes one",
            "phases": "qsp-phases -o FILE writes one",
            "resources": "qsvtc --emit=resources --format=json writes one"}[kind]


def approx(fig, data, path):
    """Target and polynomial, then the error curve with its bounds."""
    _need(data, ("coef", "max_error", "epsilon"), path, "approx")
    coef = _floats(data["coef"], "coef", path)
    x = np.cos(np.linspace(0, math.pi, 4001))[::-1]
    p = np.polynomial.chebyshev.chebval(x, coef)
    intervals = data.get("approximation_domain") or [[-1.0, 1.0]]
    if intervals and not isinstance(intervals[0], list):
        intervals = [intervals]
    inside = np.zeros_like(x, dtype=bool)
    for a, b in intervals:
        inside |= (x >= a) & (x <= b)
    target = None
    name = data.get("function")
    if name and name != "chebyshev":
        from . import _core
        target = float(data.get("scale", 1.0)) * np.array(
            _core.evaluate_function(name, {k: float(v) for k, v in
                                           (data.get("params") or {}).items()}, x.tolist()))
    top, bottom = fig.subplots(2, 1, sharex=True)
    label = data.get("formula", name or "f")
    for a, b in intervals:
        top.axvspan(a, b, color="0.93", zorder=0)
    if target is not None:
        top.plot(x, np.where(inside, target, np.nan), color="C0", lw=3, alpha=0.5,
                 label=f"target {label}")
    top.plot(x, p, color="C1", lw=1.2, label=f"p, degree {data.get('degree', len(coef) - 1)}")
    top.axhline(1, color="0.5", lw=0.6, ls=":")
    top.axhline(-1, color="0.5", lw=0.6, ls=":")
    top.set_ylabel("value")
    top.legend(loc="best", fontsize=8)
    top.set_title(f"{label}: certified max error {float(data['max_error']):.3g} "
                  f"(epsilon {float(data['epsilon']):.3g})", fontsize=10)
    if target is not None:
        err = np.abs(p - target)
        err[~inside] = np.nan
        bottom.semilogy(x, np.maximum(err, 1e-300), color="C3", lw=0.8,
                        label="|p - s f| (sampled)")
    bottom.axhline(float(data["max_error"]), color="C2", ls="--",
                   label="certified max error")
    bottom.axhline(float(data["epsilon"]), color="k", ls=":", label="epsilon")
    bottom.set_xlabel("x")
    bottom.set_ylabel("error")
    bottom.set_xlim(-1, 1)
    bottom.legend(loc="best", fontsize=8)


def response(phases, x):
    """Re<0|U(x)|0> of Wx-symmetric phases: e^{i phi_0 Z} prod W(x) e^{i phi_j Z}."""
    s = np.sqrt(1 - x * x)
    # rows of U applied to <0|: track the first row (u0, u1) for every x at once
    u0 = np.exp(1j * phases[0]) * np.ones_like(x, dtype=complex)
    u1 = np.zeros_like(x, dtype=complex)
    for phi in phases[1:]:
        u0, u1 = u0 * x + u1 * 1j * s, u0 * 1j * s + u1 * x
        u0, u1 = u0 * np.exp(1j * phi), u1 * np.exp(-1j * phi)
    return u0.real


MAX_RESPONSE_DEGREE = 20000  # the response panel costs degree x points


def phases(fig, data, path):
    """The phases, and the response they give. A mixed-parity function's
    phases come in "parts" (even, odd): each is drawn."""
    parts = data.get("parts") if "phases" not in data else None
    if isinstance(parts, dict) and parts:
        sets = [(name, part) for name, part in parts.items()]
    else:
        _need(data, ("phases",), path, "phases")
        sets = [("", data)]
    top, bottom = fig.subplots(2, 1)
    conv = data.get("convention", "wx-symmetric")
    x = np.cos(np.linspace(0, math.pi, 2001))[::-1]
    titles, drawn = [], False
    for i, (name, part) in enumerate(sets):
        what = f"phases.{name}" if name else "phases"
        phi = _floats(part.get("phases", []), what, path)
        k = np.arange(len(phi))
        label = f"{name} part" if name else None
        if len(phi) <= 400 and len(sets) == 1:
            top.stem(k, phi, basefmt=" ")
        else:
            top.plot(k, phi, lw=0.8, marker="." if len(phi) <= 400 else None, label=label,
                     color=f"C{i}")
        titles.append(f"{name + ': ' if name else ''}degree {len(phi) - 1}, certified error "
                      f"{float(part.get('max_error', float('nan'))):.3g}")
        if conv == "wx-symmetric" and len(phi) - 1 <= MAX_RESPONSE_DEGREE:
            bottom.plot(x, response(phi, x), color=f"C{i if len(sets) > 1 else 1}", label=label)
            drawn = True
    top.set_xlabel("index j")
    top.set_ylabel("phi_j (rad)")
    top.set_title(f"{conv} phases; " + "; ".join(titles), fontsize=9)
    if len(sets) > 1:
        top.legend(fontsize=8)
    if not drawn:
        bottom.text(0.5, 0.5, "response not drawn (wx-symmetric phases of degree <= "
                    f"{MAX_RESPONSE_DEGREE} only)", ha="center", va="center")
        bottom.set_axis_off()
        return
    bottom.axhline(1, color="0.5", lw=0.6, ls=":")
    bottom.axhline(-1, color="0.5", lw=0.6, ls=":")
    bottom.set_xlabel("x")
    bottom.set_ylabel("Re <0|U(x)|0>")
    bottom.set_xlim(-1, 1)
    if len(sets) > 1:
        bottom.legend(fontsize=8)


def _bars(ax, items, xlabel, title, limit=14):
    """Horizontal log-scale bars, largest on top (a profile's view)."""
    items = sorted(((v, k) for k, v in items if v > 0), reverse=True)
    if len(items) > limit:
        rest = sum(v for v, _ in items[limit - 1:])
        items = items[:limit - 1] + [(rest, f"({len(items) - limit + 1} more)")]
    if not items:
        ax.text(0.5, 0.5, "nothing to show", ha="center", va="center")
        ax.set_axis_off()
        return
    values = [v for v, _ in items][::-1]
    labels = [k for _, k in items][::-1]
    ax.barh(range(len(values)), values, color="C0")
    ax.set_yticks(range(len(values)))
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_title(title, fontsize=10)


def _short(location):
    return os.path.basename(location) if location else "?"


def resources(fig, data, path):
    left, right = fig.subplots(1, 2)
    if data.get("mode") == "state":
        _need(data, ("stages",), path, "resources")
        stages = [(f"{s['kind']}: {s['detail']}"[:40], float(s.get("queries", 0)))
                  for s in data["stages"]]
        merged = {}
        for k, v in stages:
            merged[k] = merged.get(k, 0) + v
        _bars(left, merged.items(), "oracle queries",
              f"state mode, token {data.get('token', 0)}: queries by stage")
        _bars(right, (data.get("oracle_queries_by_source") or {}).items(), "oracle queries",
              f"by data source ({data.get('qubits', '?')} qubits)")
        return
    _need(data, ("outputs",), path, "resources")
    by_op, by_source = {}, {}
    for out in data["outputs"]:
        rotations = sum(float(p.get("rotations", 0)) for p in out.get("polynomials", []))
        t_per_rotation = float(out.get("t_count", 0)) / rotations if rotations else 0
        prefix = f"{out['name']}: " if len(data["outputs"]) > 1 and out.get("name") else ""
        for p in out.get("polynomials", []):
            key = f"{prefix}{p['fn']} @ {_short(p.get('location'))}"
            by_op[key] = by_op.get(key, 0) + float(p.get("rotations", 0)) * t_per_rotation
        for source, q in (out.get("queries") or {}).items():
            by_source[source] = by_source.get(source, 0) + float(q)
    total = sum(float(o.get("t_count", 0)) for o in data["outputs"])
    _bars(left, by_op.items(), "T gates (its rotations x T per rotation)",
          f"matrix mode: T-count {total:.3g} by op and line")
    _bars(right, by_source.items(), "oracle queries", "queries by data source")


DRAW = {"approx": approx, "phases": phases, "resources": resources}


def plot(kind, json_path, png_path):
    """Draws json_path's picture into png_path (written whole, or not at all)."""
    if kind not in DRAW:
        raise PlotError(f"unknown kind '{kind}' (one of {', '.join(KINDS)})")
    try:
        with open(json_path, encoding="utf-8") as f:
            data = json.load(f)
    except OSError as e:
        raise PlotError(f"{json_path}: {e.strerror}") from None
    except json.JSONDecodeError as e:
        raise PlotError(f"{json_path}:{e.lineno}:{e.colno}: error: {e.msg}") from None
    if not isinstance(data, dict):
        raise PlotError(f"{json_path}: not {_article(kind)} file (a JSON object expected; "
                        f"{_hint(kind)})")
    plt = _pyplot()
    fig = plt.figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    try:
        try:
            DRAW[kind](fig, data, json_path)
        except (KeyError, TypeError, ValueError) as e:
            raise PlotError(f"{json_path}: not {_article(kind)} file ({type(e).__name__}: {e}; "
                            f"{_hint(kind)})") from None
        fig.tight_layout()
        folder = os.path.dirname(os.path.abspath(png_path))
        fd, tmp = tempfile.mkstemp(suffix=".png", dir=folder)
        os.close(fd)
        try:
            fig.savefig(tmp, dpi=DPI, format="png")
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp's file is private
            os.replace(tmp, png_path)
        except BaseException:
            os.unlink(tmp)
            raise
    finally:
        plt.close(fig)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--check"]:  # the tools' --plot asks first (tools/common/Plot.h)
        try:
            _pyplot()
        except PlotError as e:
            print(f"qsvtc.plot: {e}", file=sys.stderr)
            return 2
        return 0
    parser = argparse.ArgumentParser(
        prog="python3 -m qsvtc.plot", description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=KINDS, help="what the JSON file holds")
    parser.add_argument("json", help="the tool's JSON output")
    parser.add_argument("-o", "--output", help="the PNG to write (default: the JSON's "
                        "name with .png)")
    args = parser.parse_args(argv)
    out = args.output or os.path.splitext(args.json)[0] + ".png"
    try:
        plot(args.kind, args.json, out)
    except PlotError as e:
        print(f"qsvtc.plot: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
