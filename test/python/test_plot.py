"""qsvtc.plot and the tools' --plot: each kind of picture is drawn, is a PNG
of the promised 800x600 pixels with something on it, and bad input leaves
no file. The response panel's Wx product is checked against numpy's
Chebyshev evaluation of the polynomial the phases were solved for."""
import json
import os
import struct
import subprocess
import zlib

import numpy as np
import pytest

import qsvtc
from qsvtc import plot

BIN = os.environ.get("QSVTC_BIN", "")
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples")


def png_size(path):
    """(width, height) from the IHDR chunk, after checking the signature."""
    with open(path, "rb") as f:
        head = f.read(33)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert head[12:16] == b"IHDR"
    assert zlib.crc32(head[12:29]) == struct.unpack(">I", head[29:33])[0]
    return struct.unpack(">II", head[16:24])


def distinct_colours(path):
    """How many different pixels the picture holds: a blank one has one."""
    import matplotlib.image
    img = matplotlib.image.imread(path)
    return len(np.unique(img.reshape(-1, img.shape[-1]), axis=0))


def tool(name, *args, env=None):
    return subprocess.run([os.path.join(BIN, name), *map(str, args)], capture_output=True,
                          text=True, env=env)


def check_picture(path):
    assert png_size(path) == (800, 600)
    assert os.path.getsize(path) > 10000
    assert distinct_colours(path) > 20


def test_approx_plot_from_the_tool(tmp_path):
    r = tool("qsvt-approx", "-f", "inverse", "-p", "delta=0.2", "-e", "1e-3", "-q",
             "-o", tmp_path / "inv.json", "--plot", tmp_path / "inv.png")
    assert r.returncode == 0, r.stderr
    check_picture(tmp_path / "inv.png")
    assert json.loads((tmp_path / "inv.json").read_text())["function"] == "inverse"


def test_phases_plot_from_the_tool_for_a_mixed_parity_function(tmp_path):
    r = tool("qsp-phases", "-f", "gelu", "-e", "1e-6", "-q", "-o", tmp_path / "g.json",
             "--plot", tmp_path / "g.png")
    assert r.returncode == 0, r.stderr
    check_picture(tmp_path / "g.png")


@pytest.mark.parametrize("mode", ["matrix", "state"])
def test_resources_plot(tmp_path, mode):
    spec = os.path.join(EXAMPLES, "tiny_transformer_block.qtf")
    (tmp_path / "r.json").write_text(json.dumps(
        qsvtc.compile(spec, emit="resources", mode=mode)))
    assert plot.main(["resources", str(tmp_path / "r.json"), "-o",
                      str(tmp_path / "r.png")]) == 0
    check_picture(tmp_path / "r.png")


def test_the_response_drawn_is_the_polynomial_solved_for():
    rng = np.random.default_rng(5)
    c = np.zeros(32)
    c[1::2] = rng.standard_normal(16) / np.arange(1, 17) ** 2
    x = np.cos(np.linspace(0, np.pi, 500))
    c *= 0.9 / np.abs(np.polynomial.chebyshev.chebval(x, c)).max()
    phases = qsvtc.poly_to_angles(c)["phases"]
    assert np.abs(plot.response(phases, x) - np.polynomial.chebyshev.chebval(x, c)).max() < 1e-12


@pytest.mark.parametrize("kind, content, message", [
    ("approx", None, "No such file"),
    ("approx", "{\n  \"coef\": [1,\n}", r"p.json:3:1: error"),
    ("approx", "[1, 2]", "not an approx file"),
    ("phases", json.dumps({"degree": 3}), "no \"phases\""),
    ("phases", json.dumps({"phases": [0.1, "x"]}), "must be a list of numbers"),
    ("resources", json.dumps({"outputs": [{"name": "y", "polynomials": [{}]}]}),
     "not a resources file"),
])
def test_bad_input_is_refused_without_a_file(tmp_path, capsys, kind, content, message):
    src = tmp_path / "p.json"
    if content is not None:
        src.write_text(content)
    assert plot.main([kind, str(src), "-o", str(tmp_path / "out.png")]) == 2
    assert __import__("re").search(message, capsys.readouterr().err)
    assert os.listdir(tmp_path) == (["p.json"] if content is not None else [])


def test_tools_say_plainly_when_python_cannot_plot(tmp_path):
    env = dict(os.environ, QSVTC_PYTHON=str(tmp_path / "no-python"))
    r = tool("qsvt-approx", "-f", "gelu", "-e", "1e-4", "-o", tmp_path / "g.json",
             "--plot", tmp_path / "g.png", env=env)
    assert r.returncode == 1
    assert "--plot needs Python 3 with python3-matplotlib" in r.stderr
    assert os.listdir(tmp_path) == []          # refused before any work: no output
    r = tool("qsp-phases", "--check", "a.json", "b.json", "--plot", tmp_path / "x.png")
    assert r.returncode == 1 and "does not apply to --check" in r.stderr
