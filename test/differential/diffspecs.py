#!/usr/bin/python3
"""Differential test of qsvtc: random specs (specgen.py) compiled to
OpenQASM 3, every circuit simulated by qsvt-verify against an independent
numpy forward pass (oracle.py); failures shrunk to small reproducers.

    /usr/bin/python3 test/differential/diffspecs.py --bin build/bin --seed 1 --count 300
    /usr/bin/python3 test/differential/diffspecs.py --bin build/bin --selftest

Prints one line per failing spec, then one minimal reproducer per distinct
failure kind, then the counts and `diffspecs: N passed, M failed`; exits 1
if anything failed. Refusals count as expected only when docs/dsl.md's
`## Not supported` section documents them (or the spec is invalid on
purpose and exit 1 refuses it).
"""

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True      # no __pycache__ in the source tree

import check      # noqa: E402
import shrink     # noqa: E402
import specgen    # noqa: E402

DEFAULT_DSL = os.path.join(HERE, "..", "..", "docs", "dsl.md")

_checker = None     # one per worker process
_keep = None


def _init(bindir, dsl, max_cost, compile_timeout, keep, compositional):
    global _checker, _keep
    _checker = check.Checker(bindir, check.documented_refusals(dsl), max_cost,
                             compile_timeout, compositional)
    _keep = keep


def judge_seed(task):
    """Worker: generate, compile and judge one seed."""
    seed, deadline = task
    if deadline and time.time() > deadline:
        return dict(seed=seed, status="skipped")
    start = time.time()
    try:
        spec, _ = specgen.generate(seed)
    except Exception as e:      # a tester bug: visible, never taken for the compiler's
        return dict(seed=seed, status="fail", kind="tester error", kinds=["tester error"],
                    message=repr(e), ops=[], size=0, seconds=0.0)
    if _keep:
        folder = os.path.join(_keep, "seed-%d" % seed)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
    else:
        folder = tempfile.mkdtemp(prefix="diffspecs-")
    try:
        outcome = _checker.check(spec, folder)
    finally:
        if not _keep:
            shutil.rmtree(folder, ignore_errors=True)
    return dict(seed=seed, status=outcome.status, kind=outcome.kind, kinds=outcome.kinds,
                message=outcome.message, ops=sorted(spec.ops()), size=shrink.size(spec),
                seconds=time.time() - start)


def shrink_seed(task):
    """Worker: shrink one failing seed to a small spec of the same kind."""
    seed, kind, message, seconds = task
    spec, _ = specgen.generate(seed)
    small, outcome, tries = shrink.shrink(spec, kind, _checker, seconds=seconds)
    if _keep:
        small.write(os.path.join(_keep, "seed-%d-min" % seed))
    return dict(seed=seed, kind=kind, text=shrink.reproducer(small), ops=sorted(small.ops()),
                message=outcome.message if outcome else message, tries=tries)


def run_batch(args):
    start = time.time()
    deadline = start + args.time_budget if args.time_budget else None
    counts = dict.fromkeys(["pass", "fail", "refused", "expected_refusal", "too_big",
                            "skipped", "invalid"], 0)
    results, failures, refusals = [], [], {}
    initargs = (args.bin, args.dsl, args.max_sim_cost, args.compile_timeout, args.keep,
                args.compositional)
    with multiprocessing.Pool(args.jobs, _init, initargs) as pool:
        tasks = [(s, deadline) for s in range(args.seed, args.seed + args.count)]
        for k, r in enumerate(pool.imap_unordered(judge_seed, tasks), 1):
            counts[r["status"]] += 1
            results.append(r)
            if r["status"] == "fail":
                failures.append(r)
                print("FAIL seed %d: %s -- %s" % (r["seed"], r["kind"], one_line(r["message"])),
                      flush=True)
            elif r["status"] == "refused":
                refusals[r["kind"]] = refusals.get(r["kind"], 0) + 1
            if k % 10 == 0 or k == len(tasks):
                print("diffspecs: %d/%d specs, %d failed, %.0f s" % (
                    k, len(tasks), counts["fail"], time.time() - start), file=sys.stderr,
                    flush=True)
        checked = time.time() - start
        kinds = [] if args.no_shrink else shrink_failures(pool, failures, deadline, args)
    elapsed = time.time() - start
    print("diffspecs: checking took %.1f s, shrinking %.1f s" % (checked, elapsed - checked))
    report(results, kinds, counts, refusals, elapsed, args)
    return 1 if counts["fail"] else 0


def group_key(kind, ops):
    """Failures that are likely one bug: the same message (refusals, reader
    errors: their kind quotes it), or for wrong results, whose kind names
    only the check, the same kind on the same operations."""
    return (kind,) if ":" in kind else (kind, tuple(ops))


def covers(known, key):
    return group_key(known["kind"], known["ops"])[0] == key[0] and (
        len(key) == 1 or set(known["ops"]) <= set(key[1]))


def shrink_failures(pool, failures, deadline, args):
    """Shrinks the smallest failure of each group, a few at a time; a group
    that an already shrunk failure covers (same kind, its operations a
    subset) is counted with it instead of being shrunk again. Past the
    shrinking budget, and for timeouts (each try would take the timeout),
    the smallest failing spec is reported as it is."""
    groups = {}
    for f in sorted(failures, key=lambda f: f["size"]):
        for kind in f["kinds"]:
            if kind != "tester error":
                groups.setdefault(group_key(kind, f["ops"]), []).append(f)
    stop = time.time() + args.shrink_budget
    stop = min(stop, deadline) if deadline else stop
    # Wrong results first: they are the failures that most need a small case.
    pending = sorted(groups.items(), key=lambda kv: (len(kv[0]) == 1, kv[1][0]["size"]))
    kinds = []
    while pending:
        wave, rest = [], []
        for key, members in pending:
            known = next((k for k in kinds if covers(k, key)), None)
            if known:
                known["seeds"] |= {m["seed"] for m in members}
            elif time.time() >= stop or "timeout" in key[0]:
                kinds.append(unshrunk(key[0], members))
            elif len(wave) < args.jobs:
                wave.append((key, members))
            else:
                rest.append((key, members))
        pending = rest
        seconds = max(1.0, min(args.shrink_seconds, stop - time.time()))
        tasks = [(m[0]["seed"], key[0], m[0]["message"], seconds) for key, m in wave]
        for (key, members), r in zip(wave, pool.map(shrink_seed, tasks)):
            print("diffspecs: shrunk seed %d in %d compiles: %s" % (
                r["seed"], r["tries"], one_line(r["kind"], 100)), file=sys.stderr, flush=True)
            seeds = {m["seed"] for m in members}
            known = next((k for k in kinds if covers(k, group_key(r["kind"], r["ops"]))
                          and k["ops"] == r["ops"]), None)
            if known:
                known["seeds"] |= seeds
            else:
                kinds.append(dict(r, seeds=seeds))
    return kinds


def unshrunk(kind, members):
    first = members[0]
    spec, _ = specgen.generate(first["seed"])
    return dict(seed=first["seed"], kind=kind, text=shrink.reproducer(spec), ops=first["ops"],
                message=first["message"], tries=0, seeds={m["seed"] for m in members})


def one_line(text, limit=300):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + " ..."


def report(results, kinds, counts, refusals, elapsed, args):
    if kinds:
        print("\n%d distinct failure kinds:" % len(kinds))
    for k, r in enumerate(kinds, 1):
        seeds = sorted(r["seeds"])
        how = "shrunk in %d compiles" % r["tries"] if r["tries"] else "not shrunk"
        print("\n[%d] %s\n    operations: %s\n    seeds (%d): %s\n    %s: %s"
              % (k, r["kind"], ", ".join(r["ops"]) or "-", len(seeds),
                 " ".join(map(str, seeds[:12])) + (" ..." if len(seeds) > 12 else ""),
                 how, one_line(r["message"], 400)))
        print("    " + r["text"].rstrip().replace("\n", "\n    "))
    verified = {}
    for r in results:
        for op in r.get("ops", []) if r["status"] == "pass" else []:
            verified[op] = verified.get(op, 0) + 1
    slow = sorted((r for r in results if "seconds" in r), key=lambda r: -r["seconds"])[:3]
    print("slowest specs: " + ", ".join("seed %d %.1f s" % (r["seed"], r["seconds"])
                                        for r in slow))
    print("verified specs per operation: " + ", ".join(
        "%s %d" % kv for kv in sorted(verified.items(), key=lambda kv: -kv[1])))
    for kind, n in sorted(refusals.items(), key=lambda kv: -kv[1]):
        print("refused as documented (%d): %s" % (n, kind))
    print("diffspecs: %d specs in %.1f s (%d jobs): %d verified, %d refused as required "
          "(invalid on purpose), %d refused as documented, %d too big to simulate, "
          "%d skipped (time budget)" % (
              sum(counts.values()), elapsed, args.jobs, counts["pass"],
              counts["expected_refusal"], counts["refused"], counts["too_big"],
              counts["skipped"]))
    print("diffspecs: %d passed, %d failed" % (counts["pass"] + counts["expected_refusal"],
                                               counts["fail"]))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bin", default=os.path.join(HERE, "..", "..", "build", "bin"),
                   help="folder with qsvtc and qsvt-verify")
    p.add_argument("--seed", type=int, default=1, help="first seed")
    p.add_argument("--count", type=int, default=100, help="number of specs")
    p.add_argument("--jobs", type=int, default=2, help="worker processes")
    p.add_argument("--keep", help="keep every spec's folder (and shrunk ones) under DIR")
    p.add_argument("--no-shrink", action="store_true", help="report failures unshrunk")
    p.add_argument("--time-budget", type=float,
                   help="wall-clock seconds: later specs are skipped, shrinking stops")
    p.add_argument("--shrink-seconds", type=float, default=20.0,
                   help="time for shrinking one failure (default 20)")
    p.add_argument("--shrink-budget", type=float, default=45.0,
                   help="time for all shrinking (default 45); later failures are shown"
                        " unshrunk")
    p.add_argument("--compile-timeout", type=float, default=60.0,
                   help="seconds before a qsvtc run counts as a timeout (default 60: ReLU at degree 2e4 takes ~25 s)")
    p.add_argument("--compositional", action="store_true",
                   help="verify circuits too big to simulate with qsvt-verify --compositional "
                        "(off in make check: it finds softmax-after-polynomial specs that miss "
                        "their epsilon, seeds 124 and 186, not fixed yet)")
    p.add_argument("--max-sim-cost", type=float, default=2e9,
                   help="simulate only circuits of at most this many operations x 2^qubits"
                        " (x columns for a block); larger ones count as too big")
    p.add_argument("--dsl", default=DEFAULT_DSL, help="docs/dsl.md (its ## Not supported)")
    p.add_argument("--selftest", action="store_true",
                   help="check the oracle and that a wrong circuit is caught, then exit")
    args = p.parse_args()
    args.bin, args.dsl = os.path.abspath(args.bin), os.path.abspath(args.dsl)
    for tool in ("qsvtc", "qsvt-verify"):
        if not os.access(os.path.join(args.bin, tool), os.X_OK):
            p.error("no %s in %s (--bin)" % (tool, args.bin))
    if args.keep:
        args.keep = os.path.abspath(args.keep)
        os.makedirs(args.keep, exist_ok=True)
    if args.selftest:
        import selftest
        return selftest.main(args.bin)
    return run_batch(args)


if __name__ == "__main__":
    sys.exit(main())
