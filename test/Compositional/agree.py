#!/usr/bin/env python3
"""Runs qsvt-verify plain and --compositional --simulate-up-to 0 on each
circuit, once as emitted and once with entry (0, 0) of its reference moved
by 3 times its error bound (so that both must fail: the error is then at
least twice the bound); prints one line per disagreement (verdict, or errors
apart by more than 1e-9 relative) and a summary."""
import json
import subprocess
import sys


def verdict(verify, qasm, manifest, compositional):
    args = [verify, qasm, "--manifest", manifest, "--json"]
    if compositional:
        args += ["--compositional", "--simulate-up-to", "0"]
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit("%s: exit %d: %s" % (qasm, r.returncode, r.stderr.strip()))
    report = json.loads(r.stdout)
    top = report["result"] if compositional else report
    return r.returncode, top["error"]


def main():
    verify, circuits = sys.argv[1], sys.argv[2:]
    comparisons = disagreements = moved_failing = 0
    for qasm in circuits:
        manifest = qasm[: -len(".qasm")] + ".manifest.json"
        m = json.load(open(manifest))
        ref = m["reference"]
        move = 3 * m["error_bound"]
        if isinstance(ref[0], list):
            ref[0][0] = (ref[0][0][0] if isinstance(ref[0][0], list) else ref[0][0]) + move
        else:
            ref[0] = (ref[0][0] if isinstance(ref[0], list) else ref[0]) + move
        moved = manifest + ".moved.json"
        json.dump(m, open(moved, "w"))
        for man in (manifest, moved):
            plain = verdict(verify, qasm, man, False)
            composed = verdict(verify, qasm, man, True)
            comparisons += 1
            moved_failing += man == moved and plain[0] == 1 and composed[0] == 1
            if plain[0] != composed[0] or abs(plain[1] - composed[1]) > 1e-9 * max(1.0, plain[1]):
                disagreements += 1
                print("DISAGREE %s (%s): plain exit %d error %.17g, composed exit %d error %.17g"
                      % (qasm, man, plain[0], plain[1], composed[0], composed[1]))
    print("agree: %d comparisons, %d disagreements; %d of %d moved references fail both"
          % (comparisons, disagreements, moved_failing, len(circuits)))


if __name__ == "__main__":
    main()
