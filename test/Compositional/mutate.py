#!/usr/bin/env python3
"""Mutation test for qsvt-verify --compositional (issue: compositional
verification): single random corruptions of emitted circuits and manifests,
each of which the verifier must reject (non-zero exit).

  mutate.py --verify BIN --seed S --out DIR MODEL.qasm:COUNT[:SIM] [...]

SIM, if given, is passed as --simulate-up-to (0 composes every definition
that calls others, so that small models exercise the composition rule
rather than whole simulation and the manifest's gate counts).

Each MODEL.qasm must pass as emitted (MODEL.manifest.json beside it). The
corruptions, drawn uniformly from those that apply:
  angle     a gate parameter moved by +-[0.05, 3] rad
  drop      a statement of a gate body deleted
  duplicate a statement of a gate body written twice
  swap      a control qubit exchanged with a target (not for gates that
            are symmetric in them: z, cz, cp, swap with positive controls)
  polarity  one ctrl turned into negctrl or back (cx counts as ctrl @ x)
  register  one qubit of a call of a gate definition replaced by another
            qubit of the body that the call does not use
  alpha     a definition's claimed alpha, or the top-level alpha, scaled by
            1 +- [1e-3, 0.5] (claims of a zero value excepted: any alpha is
            right for them)
A mutant that verifies is an escape, unless the model is small enough to
simulate whole (SIM given) and whole simulation finds its block unchanged:
then it is an equivalent mutant (set aside and replaced), not an escape.
Prints one line per escape and a summary; exit 1 on any escape.
"""
import argparse
import concurrent.futures
import json
import os
import random
import re
import subprocess
import sys

CALL = re.compile(r"^  ((?:(?:inv|ctrl(?:\(\d+\))?|negctrl(?:\(\d+\))?) @ )*)(\w+)(\(([^)]*)\))?(.*);$")
SYMMETRIC = {"z", "cz", "cp", "swap"}


def parse(lines):
    """Body statements: (line index, definition) and the definitions' arity."""
    body, arity, defs = [], {}, set()
    current = None
    for i, line in enumerate(lines):
        m = re.match(r"^gate (\w+) (.*) \{$", line)
        if m:
            current = m.group(1)
            arity[current] = len(m.group(2).split(","))
            defs.add(current)
        elif line == "}":
            current = None
        elif current and line.startswith("  "):
            body.append((i, current))
    return body, arity, defs


def split_call(line):
    m = CALL.match(line)
    if not m:
        return None
    mods = re.findall(r"(inv|ctrl(?:\((\d+)\))?|negctrl(?:\((\d+)\))?) @ ", m.group(1))
    operands = [q.strip() for q in m.group(5).split(",") if q.strip()]
    controls = 0
    for mod in mods:
        if mod[0].startswith("ctrl") or mod[0].startswith("negctrl"):
            controls += int(mod[1] or mod[2] or 1)
    return {"mods": m.group(1), "gate": m.group(2), "params": m.group(4),
            "operands": operands, "controls": controls}


def join_call(c):
    params = "" if c["params"] is None else "(" + c["params"] + ")"
    return "  " + c["mods"] + c["gate"] + params + " " + ", ".join(c["operands"]) + ";"


def mutate_line(kind, line, definition, arity, defs, rng):
    """The corrupted line, or None when `kind` does not apply to it."""
    c = split_call(line)
    if c is None:
        return None
    if kind == "angle":
        if not c["params"]:
            return None
        params = [p.strip() for p in c["params"].split(",")]
        k = rng.randrange(len(params))
        params[k] = repr(float(params[k]) + rng.choice([-1, 1]) * rng.uniform(0.05, 3))
        c["params"] = ", ".join(params)
        return join_call(c)
    if kind == "drop":
        return ""
    if kind == "duplicate":
        return line + "\n" + line
    positive = "negctrl" not in c["mods"]
    if kind == "swap":
        nc = c["controls"] + (1 if c["gate"] in ("cx", "cz", "crz", "cry", "crx", "cp", "ccx") else 0)
        if nc == 0 or nc >= len(c["operands"]):
            return None
        base = c["gate"]
        if (base in SYMMETRIC and positive) or base == "swap":
            return None
        i, j = rng.randrange(nc), rng.randrange(nc, len(c["operands"]))
        c["operands"][i], c["operands"][j] = c["operands"][j], c["operands"][i]
        return join_call(c)
    if kind == "polarity":
        mods = c["mods"]
        if c["gate"] == "cx":
            c["mods"] = mods + "negctrl @ "
            c["gate"] = "x"
            return join_call(c)
        spots = [m.start() for m in re.finditer(r"(?<!neg)ctrl|negctrl", mods)]
        if not spots:
            return None
        s = rng.choice(spots)
        if mods.startswith("negctrl", s):
            c["mods"] = mods[:s] + mods[s + 3:]
        else:
            c["mods"] = mods[:s] + "neg" + mods[s:]
        # ctrl(k) -> negctrl(k) flips all k: still one corruption of one modifier
        return join_call(c)
    if kind == "register":
        if c["gate"] not in defs:
            return None
        unused = ["a%d" % q for q in range(arity[definition]) if "a%d" % q not in c["operands"]]
        if not unused:
            return None
        k = rng.randrange(len(c["operands"]))
        c["operands"][k] = rng.choice(unused)
        return join_call(c)
    raise ValueError(kind)


def mutate_manifest(manifest, rng):
    m = json.loads(manifest)
    claims = [(name, d) for name, d in m.get("definitions", {}).items()
              if "alpha" in d and any(any(x != 0 for x in row) for row in d["value"])]
    factor = 1 + rng.choice([-1, 1]) * rng.uniform(1e-3, 0.5)
    if claims and rng.random() < 0.8:
        name, d = rng.choice(claims)
        d["alpha"] *= factor
        what = "alpha of %s x %.4f" % (name, factor)
    else:
        m["alpha"] *= factor
        what = "top-level alpha x %.4f" % factor
    return json.dumps(m), what


def plain_errors(verify, qasm, manifest_text, scratch):
    """The whole-simulation errors of `qasm` against the manifest (its gate
    counts dropped, so that a mutant's other counts are no error)."""
    m = json.loads(manifest_text)
    m.pop("circuit", None)
    m.pop("definitions", None)
    open(scratch, "w").write(json.dumps(m))
    r = subprocess.run([verify, qasm, "--manifest", scratch, "--json"], capture_output=True, text=True)
    if r.returncode not in (0, 1):
        return None
    j = json.loads(r.stdout)
    return (j["max_abs_error"], j["frobenius_error"], j["spectral_error"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--verify", required=True, help="the qsvt-verify binary")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="a directory for the mutants")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("models", nargs="+", help="MODEL.qasm:COUNT[:SIM]")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    log = open(os.path.join(args.out, "mutants.log"), "w")
    escapes = failures = caught = equivalent = 0
    pool = concurrent.futures.ThreadPoolExecutor(args.jobs)

    for spec in args.models:
        path, count, *simulate = spec.split(":")
        extra = ["--simulate-up-to", simulate[0]] if simulate else []
        manifest_path = path[: -len(".qasm")] + ".manifest.json"
        text = open(path).read()
        manifest = open(manifest_path).read()
        lines = text.split("\n")
        body, arity, defs = parse(lines)
        stem = os.path.basename(path)[: -len(".qasm")]
        r = subprocess.run([args.verify, "--compositional", path] + extra, capture_output=True, text=True)
        if r.returncode != 0:
            failures += 1
            print("FAIL: %s does not verify: %s" % (path, (r.stderr or r.stdout).strip()[:500]))
            continue
        # Small models can be simulated whole: a mutant that verifies is
        # then checked against the original's errors, and one that leaves
        # them unchanged (a CNOT duplicated where the state is invariant
        # under it, say) is an equivalent mutant, not an escape.
        original = plain_errors(args.verify, path, manifest, os.path.join(args.out, stem + ".plain.json")) \
            if simulate else None

        def make(serial):
            while True:
                kind = rng.choice(["angle", "drop", "duplicate", "swap", "polarity", "register", "alpha"])
                name = os.path.join(args.out, "%s.%d" % (stem, serial))
                if kind == "alpha":
                    mutated, what = mutate_manifest(manifest, rng)
                    open(name + ".manifest.json", "w").write(mutated)
                    return path, name + ".manifest.json", what, False
                i, definition = rng.choice(body)
                new = mutate_line(kind, lines[i], definition, arity, defs, rng)
                if new is None:
                    continue
                what = "%s at line %d of %s: %r -> %r" % (kind, i + 1, definition, lines[i][:80], new[:80])
                out = lines[:i] + ([new] if new else []) + lines[i + 1:]
                open(name + ".qasm", "w").write("\n".join(out))
                open(name + ".manifest.json", "w").write(manifest)
                return name + ".qasm", name + ".manifest.json", what, True

        def run(mutant):
            qasm, man, what, circuit_changed = mutant
            r = subprocess.run([args.verify, "--compositional", qasm, "--manifest", man] + extra,
                               capture_output=True, text=True)
            same = None
            if r.returncode == 0 and circuit_changed and original is not None:
                errors = plain_errors(args.verify, qasm, manifest, qasm + ".plain.json")
                same = errors is not None and all(abs(a - b) <= 1e-13 for a, b in zip(errors, original))
            if circuit_changed and r.returncode != 0:
                os.remove(qasm)  # caught: the large mutants need not stay
            return mutant, r, same

        judged = serial = 0
        while judged < int(count):
            batch = [make(serial + k) for k in range(min(args.jobs, int(count) - judged))]
            serial += len(batch)
            for (qasm, man, what, _), r, same in pool.map(run, batch):
                first = ((r.stderr or "").strip().split("\n") or [""])[0]
                log.write("exit %d: %s\n    %s\n" % (r.returncode, what, first[:300]))
                if r.returncode == 0 and same:
                    equivalent += 1
                    log.write("    equivalent: the whole circuit's block is unchanged\n")
                    continue
                judged += 1
                if r.returncode == 0:
                    escapes += 1
                    print("ESCAPE: %s (%s): %s" % (qasm, what, r.stdout.strip()[:300]))
                elif r.returncode in (1, 2):
                    caught += 1
                else:
                    failures += 1
                    print("CRASH (exit %d): %s (%s)" % (r.returncode, qasm, what))
    pool.shutdown()
    print("mutants: %d caught, %d escaped (%d equivalent ones set aside); originals failing: %d"
          % (caught, escapes, equivalent, failures))
    return 1 if escapes or failures else 0


if __name__ == "__main__":
    sys.exit(main())
