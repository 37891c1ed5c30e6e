"""Two state-mode resource reports (--format=json) describe the same circuit
structure: the same stages in the same order, each with the same live
ancillas, and the same data sources queried. Only the classical constants
chosen from the data's norms (polynomial degrees, amplification lengths,
and so the query counts) may differ. Exit 1 with the first difference."""
import json
import sys


def skeleton(path):
    with open(path) as f:
        report = json.load(f)
    stages = [(s["kind"], s["ancillas"]) for s in report["stages"]]
    return stages, sorted(report["oracle_queries_by_source"]), report["qubits"]


def main():
    a, b = skeleton(sys.argv[1]), skeleton(sys.argv[2])
    if len(a[0]) != len(b[0]):
        sys.exit("different stage counts: %d and %d" % (len(a[0]), len(b[0])))
    for i, (x, y) in enumerate(zip(a[0], b[0])):
        if x != y:
            sys.exit("stage %d differs: %s and %s" % (i, x, y))
    if a[1] != b[1]:
        sys.exit("different sources: %s and %s" % (a[1], b[1]))
    if a[2] != b[2]:
        sys.exit("different peak qubits: %d and %d" % (a[2], b[2]))
    print("same structure: %d stages, sources %s, %d qubits" % (len(a[0]), " ".join(a[1]), a[2]))


main()
