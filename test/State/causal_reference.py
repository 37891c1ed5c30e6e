"""Causal attention computed here in plain Python (no qsvtc code) for
Inputs/causal3.qtf's data, compared with a state-mode manifest's reference
row: token j's output is softmax(q_j k_i / sqrt(d), i <= j) @ v. Usage:
causal_reference.py TOKEN MANIFEST. Exit 1 on a difference above 1e-12."""
import json
import math
import sys

X = [[0.5, -0.2], [0.1, 0.4], [-0.3, 0.2]]
WQ = [[0.9, 0.1], [-0.2, 0.7]]
WK = [[0.3, -0.6], [0.5, 0.4]]
WV = [[0.6, 0.2], [-0.1, 0.5]]


def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))]
            for i in range(len(a))]


def main():
    j = int(sys.argv[1])
    q, k, v = matmul(X, WQ), matmul(X, WK), matmul(X, WV)
    scores = [sum(q[j][c] * k[i][c] for c in range(2)) / math.sqrt(2) for i in range(j + 1)]
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    row = [sum(weights[i] / total * v[i][c] for i in range(j + 1)) for c in range(2)]
    with open(sys.argv[2]) as f:
        reference = json.load(f)["reference"]
    got = [float(x) for x in reference][:2]
    diff = max(abs(a - b) for a, b in zip(row, got))
    if diff > 1e-12:
        sys.exit("token %d: reference %s, causal attention %s" % (j, got, row))
    print("token %d: reference is causal attention (%.1e)" % (j, diff))


main()
