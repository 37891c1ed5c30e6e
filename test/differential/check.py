"""Judges one spec: compiles it with qsvtc (matrix mode; diffstate.py checks
state mode) and sorts the result into
pass / fail / refused (documented) / expected refusal / too big, checking
every emitted circuit against the oracle with qsvt-verify.

The checks per output (docs/manifest.md): (a) the manifest's own reference
equals the oracle (an interpreter bug otherwise), (b) the circuit verifies
against a copy of the manifest whose reference is the oracle's (the real
check: the simulator shares no code with the compiler), (c) the circuit
verifies against its own manifest.
"""

import json
import math
import os
import re
import subprocess

import numpy as np

import oracle
import spec as S

# Sanitizer builds run 10-50x slower: ctest sets QSVTC_TEST_TIMEOUT_SCALE
# there (test/CMakeLists.txt), and every timeout below is scaled by it.
TIMEOUT_SCALE = float(os.environ.get("QSVTC_TEST_TIMEOUT_SCALE", "1"))
VERIFY_TIMEOUT = 60 * TIMEOUT_SCALE
# Block extraction holds 24 qubits, the simulator 30, the reader 2e7
# operations (docs/runtime.md); past those qsvt-verify only refuses.
MAX_BLOCK_QUBITS, MAX_STATE_QUBITS, MAX_OPERATIONS = 24, 30, 2 * 10 ** 7
TOO_BIG = re.compile(r"too many qubits|at most \d+ qubits|circuit too large|"
                     r"beyond the simulator")


class Outcome:
    """status: pass | fail | refused | expected_refusal | too_big | invalid.
    kinds: what went wrong, one entry per distinct failure (a shrunk spec
    must still show the kind it is shrunk for); message: the details."""

    def __init__(self, status, kinds=(), message=""):
        self.status, self.kinds, self.message = status, list(kinds), message

    @property
    def kind(self):
        return " | ".join(self.kinds)

    def __repr__(self):
        return "%s: %s (%s)" % (self.status, self.kind, self.message)


def documented_refusals(dsl_md):
    """The backquoted regular expressions of the bullets under
    `## Not supported` in docs/dsl.md (none while the section is absent)."""
    patterns, inside = [], False
    with open(dsl_md) as f:
        for line in f:
            if line.startswith("## "):
                inside = line.strip().lower() == "## not supported"
                continue
            m = re.match(r"\s*[-*]\s.*?`([^`]+)`", line) if inside else None
            if m:
                patterns.append(re.compile(m.group(1)))
    return patterns


def run(cmd, cwd, timeout):
    """(exit status or None on timeout, stdout, stderr)."""
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                           errors="replace")
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return None, "", ""


def normalize(text, spec):
    """The first error line with what varies between specs taken out:
    positions, numbers, the spec's own names."""
    line = re.sub(r"\S+\.(qtf|qasm|json):\d+:\d+:\s*", "", first_error(text))
    names = set(spec.tensors) | {n for n, _ in spec.assigns}
    line = re.sub(r"'([A-Za-z_][A-Za-z_0-9.]*)'",
                  lambda m: "'NAME'" if m.group(1) in names or
                  re.fullmatch(r"output\d*", m.group(1)) else m.group(0), line)
    line = re.sub(r"\b[xwhvt]\d+\b", "NAME", line)     # names the generator makes
    line = re.sub(r"[-+]?\d+(\.\d*)?([eE][-+]?\d+)?", "#", line)
    return line.strip()[:160]


class Checker:
    def __init__(self, bindir, refusals, max_cost, compile_timeout=20.0, compositional=False):
        """refusals: documented_refusals(); max_cost: simulate only below
        this work; compile_timeout: tiny specs compile in about a second;
        compositional: verify circuits too big to simulate with qsvt-verify
        --compositional instead of counting them as too big."""
        self.qsvtc = os.path.join(bindir, "qsvtc")
        self.verify = os.path.join(bindir, "qsvt-verify")
        self.refusals, self.max_cost = refusals, max_cost
        self.compile_timeout = compile_timeout * TIMEOUT_SCALE
        self.compositional = compositional

    def check(self, spec, folder):
        """Writes spec into the (empty) folder and judges it."""
        try:
            values, must_refuse = oracle.evaluate(spec)
        except oracle.Undefined as e:
            return Outcome("invalid", ["undefined"], str(e))
        spec.write(folder)
        rc, _, err = run([self.qsvtc, "spec.qtf", "--mode=matrix", "--emit=qasm", "-o", "out.qasm"],
                         folder, self.compile_timeout)
        err = err.strip()
        if rc is None:
            return Outcome("fail", ["qsvtc timeout"],
                           "no answer in %g s" % self.compile_timeout)
        if rc < 0 or rc >= 128:
            sig = -rc if rc < 0 else rc - 128
            return Outcome("fail", ["qsvtc crash (signal %d)" % sig], err[-300:])
        if "internal error" in err:
            return Outcome("fail", ["internal error: " + normalize(err, spec)], err)
        if must_refuse:
            reason = re.sub(r"[-+]?\d[\d.e+-]*", "#", must_refuse[0])
            if rc == 0:
                return Outcome("fail", ["accepted, must refuse: " + reason],
                               "; ".join(must_refuse))
            if rc == 1 and "error:" in err:
                return Outcome("expected_refusal", [reason], err)
            return Outcome("fail", ["must refuse with exit 1, exit %d" % rc], err)
        if rc != 0:
            if any(p.search(err) for p in self.refusals):
                return Outcome("refused", [normalize(err, spec)], err)
            return Outcome("fail", ["undocumented refusal (exit %d): %s"
                                    % (rc, normalize(err, spec))], err)
        return self.check_outputs(spec, values, folder)

    def check_outputs(self, spec, values, folder):
        stems = ["out"] + ["out." + n for n in S.output_names(spec)[1:]]
        found = sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".qasm"))
        if sorted(stems) != found:
            return Outcome("fail", ["emitted files are not one per output"],
                           "expected %s, found %s" % (sorted(stems), found))
        kinds, details, big = [], [], []
        for stem, value, out in zip(stems, values, spec.outputs):
            status, kind, msg = self.check_output(folder, stem, value, out.eps)
            if status == "fail":
                kinds.append(kind)
                details.append("%s: %s" % (stem, msg))
            elif status == "too_big":
                big.append("%s: %s" % (stem, msg))
        if kinds:
            return Outcome("fail", dict.fromkeys(kinds), "; ".join(details))
        if big:
            return Outcome("too_big", ["too big"], "; ".join(big))
        return Outcome("pass")

    def check_output(self, folder, stem, value, eps):
        qasm, manifest_path = stem + ".qasm", os.path.join(folder, stem + ".manifest.json")
        try:
            with open(manifest_path) as f:
                manifest = json.load(f)
            kind, bound = manifest["kind"], float(manifest["error_bound"])
            ref = reference_array(manifest["reference"], kind)
        except (OSError, ValueError, KeyError, TypeError) as e:
            return "fail", "manifest unreadable: " + normalize(str(e), S.Spec()), str(e)
        rows, cols = value.shape
        want_kind = "state" if cols == 1 else "block"
        if kind != want_kind and (rows, cols) != (1, 1):
            return "fail", "manifest kind", "%s for a %dx%d output" % (kind, rows, cols)
        d = max(0, math.ceil(math.log2(max(rows, cols if kind == "block" else 1))))
        size = (2 ** d, 2 ** d) if kind == "block" else (2 ** d,)
        if ref.shape != size:
            return "fail", "manifest size", "reference %s for a %dx%d output" % (
                ref.shape, rows, cols)
        if bound > eps * (1 + 1e-12):
            return "fail", "error_bound above epsilon", "%g > %g" % (bound, eps)
        padded = np.zeros(size)
        if kind == "block":
            padded[:rows, :cols] = value
        else:
            padded[:rows] = value[:, 0]
        norm = manifest.get("error_norm", "spectral")
        diff, tol = error(ref - padded, norm, kind), bound * 1e-3 + 1e-9
        wrong = []          # (check, detail)
        if diff > tol:
            wrong.append(("manifest reference != oracle",
                          "%s error %.3g > %.3g" % (norm, diff, tol)))
        big = self.too_big(folder, qasm, manifest, kind, d)
        # Too big to simulate whole: verified compositionally instead, from
        # the manifest's per-definition claims (docs/verification.md).
        mode = ["--compositional"] if big and self.compositional and manifest.get("definitions") else []
        if not big or mode:
            big = ""
            copy = dict(manifest, reference=padded.tolist())
            with open(os.path.join(folder, stem + ".oracle.json"), "w") as f:
                json.dump(copy, f)
            for label, args in (("circuit != oracle", ["--manifest", stem + ".oracle.json"]),
                                ("circuit != own manifest", [])):
                status, msg = self.run_verify(folder, qasm, args + mode)
                if status == "too_big":
                    big = msg
                    break
                if status == "fail":
                    wrong.append((label, msg))
                elif status != "pass":      # the verifier could not read or run it
                    wrong.append(("qsvt-verify %s: %s" % (status, normalize(msg, S.Spec())),
                                  msg))
        if wrong:
            kinds = dict.fromkeys(k for k, _ in wrong)
            return "fail", " + ".join(kinds), "; ".join(dict.fromkeys(m for _, m in wrong))
        return ("too_big", "", big) if big else ("pass", "", "")

    def too_big(self, folder, qasm, manifest, kind, d):
        """Why simulating would exceed the simulator or the time budget
        (work ~ operations x 2^qubits x columns), or ''."""
        qubits = 0
        with open(os.path.join(folder, qasm)) as f:
            for line in f:      # top-level registers start their line
                m = re.match(r"(?:qubit\[(\d+)\]|qubit)\s+\w+\s*;|qreg\s+\w+\[(\d+)\]", line)
                if m:
                    qubits += int(m.group(1) or m.group(2) or 1)
        ops = (manifest.get("circuit") or {}).get("total", 0)
        limit = MAX_BLOCK_QUBITS if kind == "block" else MAX_STATE_QUBITS
        work = ops * 2.0 ** min(qubits, 200) * (2 ** d if kind == "block" else 1)
        if qubits > limit or ops > MAX_OPERATIONS or work > self.max_cost:
            return "%d qubits, %d operations (work %.2g)" % (qubits, ops, work)
        return ""

    def run_verify(self, folder, qasm, args):
        rc, out, err = run([self.verify, qasm, "--json"] + args, folder, VERIFY_TIMEOUT)
        if rc is None:
            return "too_big", "qsvt-verify: no answer in %g s" % VERIFY_TIMEOUT
        err = first_error(err)
        if rc == 2 and TOO_BIG.search(err):
            return "too_big", err
        if rc == 0:
            return "pass", ""
        if rc == 1:
            try:
                r = json.loads(out)
                if r.get("mode") == "compositional":
                    refused = [d["name"] for d in r["definitions"] if d["verdict"] == "refused"]
                    if refused or r["top_level"] == "refused":
                        return "too_big", "compositional: refused %s" % (refused or "top level")
                    failed = [d["name"] for d in r["definitions"] if not d["pass"]]
                    if failed:
                        return "fail", "compositional: claims of %s fail" % failed
                    r = r["result"]
                return "fail", "%s error %.3g > bound %.3g" % (r["error_norm"], r["error"],
                                                              r["error_bound"])
            except (ValueError, KeyError):
                return "fail", err
        if rc < 0 or rc >= 128:
            return "crash", err
        return "exit %d" % rc, err


def first_error(text):
    lines = [l for l in text.splitlines() if "error" in l] or text.splitlines() or [""]
    return lines[0].strip()


def reference_array(ref, kind):
    """A manifest reference: numbers or [re, im] pairs, rows for a block."""
    def entry(x):
        return complex(x[0], x[1]) if isinstance(x, list) else complex(x)
    if kind == "block":
        arr = np.array([[entry(x) for x in row] for row in ref]).reshape(len(ref), -1)
    else:
        arr = np.array([entry(x) for x in ref])
    return arr.real if np.all(arr.imag == 0) else arr


def error(e, norm, kind):
    if norm == "max_abs":
        return float(np.abs(e).max()) if e.size else 0.0
    if norm == "frobenius" or kind == "state":
        return float(np.linalg.norm(e))
    return float(np.linalg.norm(e, 2))
