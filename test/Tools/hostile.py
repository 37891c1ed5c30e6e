#!/usr/bin/python3
"""Hostile inputs for every tool: no input may abort a tool.

    python3 -B hostile.py --bin build/bin [--seed 1] [--count 300]

Runs qsvtc, qsvt-opt, qsvt-approx, qsp-phases and qsvt-verify on
malformed inputs: .npy headers with 20-digit or negative shapes, truncated
or lying data, non-UTF-8 file names, JSON of the wrong types, random bytes,
and byte-level mutations of valid specs, IR, polynomials, circuits and
manifests. Each run must end with exit code 0 or a documented user-error
code (1 bad input, 2 for qsvt-verify, 3 not supported), never a signal,
a timeout, exit 4 (internal error) or an empty diagnostic on failure, and a
failed run must leave no output file. Prints one line per failure and
'hostile: N runs, M failed'; exit 1 on any failure.
"""
import argparse
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

SPEC = """model m {
  dim d = 2;
  input x[d, d] = npy("w.npy");
  weight W[d, d] = csv("w.csv");
  output gelu(x @ W) epsilon 1e-2;
}
"""


def npy(shape_text, payload, descr="'<f8'", fortran="False", magic=b"\x93NUMPY", version=b"\x01\x00",
        header_len=None):
    header = "{'descr': %s, 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape_text)
    header = header.encode("latin-1")
    header += b" " * ((64 - (len(magic) + 4 + len(header) + 1) % 64) % 64) + b"\n"
    n = len(header) if header_len is None else header_len
    return magic + version + struct.pack("<H", n & 0xFFFF) + header + payload


def doubles(n):
    return struct.pack("<%dd" % n, *[0.1 * (i + 1) for i in range(n)])


NPY_CASES = [
    npy("(2, 2)", doubles(4)),                                   # valid: control case
    npy("(123456789012345678901, 2)", doubles(4)),               # 21-digit shape
    npy("(99999999999999999999, 99999999999999999999)", doubles(4)),
    npy("(18446744073709551616,)", doubles(4)),                  # 2^64
    npy("(4294967296, 4294967296)", doubles(4)),                 # product overflows 2^64
    npy("(-2, 2)", doubles(4)),
    npy("(2, 2)", doubles(3)),                                   # truncated data
    npy("(2, 2)", doubles(4), descr="'<i8'"),
    npy("(2, 2)", doubles(4), descr="'|O'"),
    npy("(2, 2)", doubles(4), fortran="True"),
    npy("(2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)", doubles(4)),
    npy("(2 2)", doubles(4)),
    npy("(2, 2", doubles(4)),
    npy("()", doubles(1)),
    npy("(0, 2)", b""),
    npy("(2, 2)", doubles(4), header_len=65535),
    npy("(2, 2)", doubles(4), header_len=0),
    npy("(2, 2)", doubles(4), version=b"\x09\x00"),
    npy("(2, 2)", struct.pack("<4d", float("nan"), 1, 2, 3)),
    npy("(2, 2)", struct.pack("<4d", float("inf"), 1, 2, 3)),
    b"\x93NUMPY",
    b"",
]

CSV_CASES = ["0.1,0.2\n0.3,0.4\n", "0.1,0.2\n0.3\n", "1e999,0\n0,0\n", "0x10,0\n0,0\n",
             "\xff\xfe,1\n1,1\n", "", "," * 10000, "1," * 5000 + "1\n"]


class Runner:
    def __init__(self, bindir, timeout):
        self.bin = bindir
        self.timeout = timeout
        self.runs = 0
        self.failures = []

    def run(self, tool, args, cwd, outputs=(), ok_codes=(0, 1, 3), label=""):
        """True if the run passed. qsvt-verify's exit 1 (a circuit that fails
        verification) is an answer, and its report is written."""
        self.runs += 1
        for o in outputs:
            if os.path.exists(o):
                os.remove(o)
        try:
            p = subprocess.run([os.path.join(self.bin, tool)] + args, cwd=cwd, capture_output=True,
                               timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self.failures.append("%s %s: timeout (%s s)" % (tool, label, self.timeout))
            return
        err = p.stderr.decode("utf-8", "replace")
        why = None
        if p.returncode < 0:
            why = "killed by signal %d" % -p.returncode
        elif p.returncode not in ok_codes:
            why = "exit %d" % p.returncode
        elif "internal error" in err:
            why = "internal error"
        elif any(k in err for k in ("AddressSanitizer", "LeakSanitizer", "runtime error:")):
            why = "sanitizer report"  # ASan exits 1, like bad input: read stderr
        elif p.returncode != 0 and not err.strip():
            why = "failed without a diagnostic"
        elif p.returncode != 0 and any(os.path.exists(o) for o in outputs) and not (
                tool == "qsvt-verify" and p.returncode == 1):
            why = "failed but left an output file"
        if why:
            self.failures.append("%s %s: %s: %s" % (tool, label, why, err.strip()[-300:]))
        return why is None


def mutate(rng, data):
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        kind = rng.randrange(5)
        i = rng.randrange(len(data) + 1)
        if kind == 0 and data:
            del data[i % len(data)]
        elif kind == 1:
            data[i:i] = bytes([rng.randrange(256)])
        elif kind == 2 and data:
            data[i % len(data)] = rng.randrange(256)
        elif kind == 3:
            data = data[:i]
        else:
            data[i:i] = rng.choice([b"{", b"}", b"[", b"]", b'"', b",", b"1e308", b"-",
                                    b"99999999999999999999", b"\xff", b"\x00", b"nan"])
    return bytes(data)


def valid_inputs(bindir, work):
    """A spec, its IR, a polynomial, a circuit and its manifest, from the tools."""
    spec = os.path.join(work, "ok.qtf")
    with open(spec, "w") as f:
        f.write("model ok {\n  dim d = 2;\n  input x[d, d] = [[0.5, -0.2], [0.1, 0.3]];\n"
                "  weight W[d, d] = [[0.6, 0.1], [-0.3, 0.4]];\n"
                "  output sigmoid(x @ W) epsilon 1e-2;\n}\n")
    subprocess.run([os.path.join(bindir, "qsvtc"), spec, "--emit=qsvt", "-o", "ok.mlir"], cwd=work,
                   check=True, capture_output=True)
    subprocess.run([os.path.join(bindir, "qsvtc"), spec, "--emit=qasm", "-o", "ok.qasm"], cwd=work,
                   check=True, capture_output=True)
    subprocess.run([os.path.join(bindir, "qsvt-approx"), "-f", "tanh", "-e", "1e-4", "-q", "-o",
                    "poly.json"], cwd=work, check=True, capture_output=True)
    out = {}
    for name in ("ok.qtf", "ok.mlir", "ok.qasm", "ok.manifest.json", "poly.json"):
        with open(os.path.join(work, name), "rb") as f:
            out[name] = f.read()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=60, help="mutations per valid input")
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()
    bindir = os.path.abspath(args.bin)
    rng = random.Random(args.seed)
    r = Runner(bindir, args.timeout)
    work = tempfile.mkdtemp(prefix="hostile-")
    try:
        good = valid_inputs(bindir, work)
        qasm_out = [os.path.join(work, "out.qasm"), os.path.join(work, "out.manifest.json")]

        # Weight readers: each .npy beside a valid CSV, and each CSV beside a valid .npy.
        for i, blob in enumerate(NPY_CASES):
            with open(os.path.join(work, "w.npy"), "wb") as f:
                f.write(blob)
            with open(os.path.join(work, "w.csv"), "w") as f:
                f.write(CSV_CASES[0])
            with open(os.path.join(work, "m.qtf"), "w") as f:
                f.write(SPEC)
            r.run("qsvtc", ["m.qtf", "--emit=qasm", "-o", "out.qasm"], work, qasm_out,
                  label="npy case %d" % i)
        with open(os.path.join(work, "w.npy"), "wb") as f:
            f.write(NPY_CASES[0])
        for i, text in enumerate(CSV_CASES):
            with open(os.path.join(work, "w.csv"), "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(text)
            r.run("qsvtc", ["m.qtf", "--emit=qt", "-o", "out.qt"], work,
                  [os.path.join(work, "out.qt")], label="csv case %d" % i)

        # Non-UTF-8 file names: in the spec's csv("...") and on the command line.
        weird = b"w\xff\xfe.csv"
        with open(os.path.join(work.encode(), weird), "w") as f:
            f.write(CSV_CASES[0])
        spec = SPEC.replace('npy("w.npy")', '[[0.5, 0.1], [0.2, 0.3]]').encode()
        for name in (weird, b"missing\xc3\x28.csv"):
            with open(os.path.join(work, "u.qtf"), "wb") as f:
                f.write(spec.replace(b"w.csv", name))
            r.run("qsvtc", ["u.qtf", "--emit=qt", "-o", "out.qt"], work,
                  [os.path.join(work, "out.qt")], label="non-UTF-8 weight path %r" % name)
        r.run("qsvtc", [os.fsdecode(b"no\xffsuch.qtf")], work, label="non-UTF-8 input path")
        r.run("qsvt-verify", [os.fsdecode(b"no\xffsuch.qasm")], work, ok_codes=(2,),
              label="non-UTF-8 qasm path")

        # Hostile command lines: a malformed one is bad input (exit 1), as
        # any other (tools/common/Main.h maps CLI11's parse errors to it).
        cli = (0, 1, 3)
        for argv in (["-f", "tanh", "-p", "scale=abc"], ["-f", "tanh", "-p", "="],
                     ["-f", "tanh", "-e", "nan"], ["-f", "tanh", "-e", "1e-400"],
                     ["-f", "tanh", "--domain", "a,b"], ["-f", "tanh", "--domain", "1,-1"],
                     ["-f", "sign", "-p", "delta=0"], ["-f", "tanh", "--max-degree", "-5"],
                     ["-f", "tanh", "--degree", "99999999999999999999"],
                     ["-f", "tanh", "-p", "scale=1e308"], ["-f", "amplify", "-p", "gain=1e308"],
                     ["-f", "tanh", "-e", "0.5", "--precision-bits", "99999999"],
                     ["-f", "no-such-function"]):
            for tool in ("qsvt-approx", "qsp-phases"):
                r.run(tool, argv + ["-q", "-o", "out.json"], work, [os.path.join(work, "out.json")],
                      ok_codes=cli, label="args %s" % " ".join(argv))
        for argv in (["ok.qtf", "--emit=nonsense"], ["ok.qtf", "--emit=qasm", "-o", "-"],
                     ["ok.qtf", "--decompose"], ["ok.qtf", "-x", "ir"], ["/dev/null"],
                     ["ok.qtf", "--print-after", "no-such-pass"], [work]):
            r.run("qsvtc", argv, work, ok_codes=cli, label="args %s" % " ".join(argv))

        # JSON of the wrong shape where the tools read JSON.
        wrong_json = [b"[]", b"null", b"1", b'"x"', b'{"coef": "abc"}', b'{"coef": [1, "x"]}',
                      b'{"coef": [[1]]}', b'{"coef": [], "parity": 7}', b'{"coef": [1e400]}',
                      b'{"outputs": 5}', b'{"data": {"a": 1}}', b'{' * 100000]
        for i, blob in enumerate(wrong_json):
            with open(os.path.join(work, "bad.json"), "wb") as f:
                f.write(blob)
            r.run("qsp-phases", ["bad.json", "-q", "-o", "out.json"], work,
                  [os.path.join(work, "out.json")], label="json case %d" % i)
            r.run("qsvt-approx", ["--coefficients", "bad.json", "-e", "1e-3", "-q", "-o", "out.json"],
                  work, [os.path.join(work, "out.json")], label="json case %d" % i)
            shutil.copy(os.path.join(work, "ok.qasm"), os.path.join(work, "v.qasm"))
            shutil.copy(os.path.join(work, "bad.json"), os.path.join(work, "v.manifest.json"))
            r.run("qsvt-verify", ["v.qasm", "-o", "report.json"], work,
                  [os.path.join(work, "report.json")], ok_codes=(1, 2), label="manifest case %d" % i)

        # Mutations of each valid input, fed to the tool that reads it.
        for _ in range(args.count):
            cases = [
                ("ok.qtf", "m.qtf", "qsvtc", ["m.qtf", "--emit=qasm", "-o", "out.qasm"], qasm_out,
                 (0, 1, 3)),
                ("ok.mlir", "m.mlir", "qsvt-opt", ["m.mlir", "-o", "out.mlir"],
                 [os.path.join(work, "out.mlir")], (0, 1, 3)),
                ("ok.mlir", "m.mlir", "qsvtc", ["m.mlir", "--emit=qasm", "-o", "out.qasm"],
                 qasm_out, (0, 1, 3)),
                ("poly.json", "p.json", "qsp-phases", ["p.json", "-q", "-o", "out.json"],
                 [os.path.join(work, "out.json")], (0, 1)),
                ("ok.qasm", "v.qasm", "qsvt-verify", ["v.qasm", "-o", "report.json"],
                 [os.path.join(work, "report.json")], (0, 1, 2)),
                ("ok.manifest.json", "v.manifest.json", "qsvt-verify",
                 ["v.qasm", "-o", "report.json"], [os.path.join(work, "report.json")], (0, 1, 2)),
            ]
            source, target, tool, argv, outputs, codes = rng.choice(cases)
            shutil.copy(os.path.join(work, "ok.qasm"), os.path.join(work, "v.qasm"))
            shutil.copy(os.path.join(work, "ok.manifest.json"), os.path.join(work, "v.manifest.json"))
            blob = mutate(rng, good[source])
            with open(os.path.join(work, target), "wb") as f:
                f.write(blob)
            if not r.run(tool, argv, work, outputs, ok_codes=codes,
                         label="mutated %s (%d bytes, seed %d)" % (source, len(blob), args.seed)):
                keep = os.path.join(tempfile.gettempdir(), "hostile-failure-%d-%s" % (r.runs, target))
                shutil.copy(os.path.join(work, target), keep)
                r.failures[-1] += " (input kept in %s)" % keep
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in r.failures:
        print("FAIL " + f)
    print("hostile: %d runs, %d failed" % (r.runs, len(r.failures)))
    return 1 if r.failures else 0


if __name__ == "__main__":
    sys.exit(main())
