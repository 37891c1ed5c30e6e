"""Random specs for the differential test: `generate(seed)` returns a spec
tree (spec.py) and why the compiler must refuse it (usually nothing).

Sizes stay tiny (every dim <= 4) and epsilons loose so that a compile and a
simulation take well under a second; data entries stay around 1 so that
exponentials stay tame. The mix is weighted towards constructions whose
circuits the simulator can hold: normalisations and attention compile to
circuits far too large to simulate, so they are rarer (their manifest
reference is still checked against the oracle).

    /usr/bin/python3 -B specgen.py SEED [DIR]   # print one spec (and write it)
"""

import math
import random
import sys

import numpy as np

import oracle
import spec as S

DIM_SIZES = [(1, 0.05), (2, 0.45), (3, 0.22), (4, 0.28)]
EPSILONS = [(1e-2, 0.6), (5e-3, 0.2), (2e-3, 0.1), (1e-3, 0.1)]
MAX_ENTRY = 30.0        # outputs larger than this are regenerated (exp blow-up)
MAX_COND = 6.0          # matrix-function operands stay well conditioned (low degree)


def pick(rng, weighted):
    """weighted: [(value, weight)]."""
    total = sum(w for _, w in weighted)
    r = rng.random() * total
    for value, w in weighted:
        r -= w
        if r <= 0:
            return value
    return weighted[-1][0]


class Generator:
    def __init__(self, seed, attempt=0):
        self.rng = random.Random(seed * 1000 + attempt)
        self.nrng = np.random.default_rng(seed * 1000 + attempt)
        self.spec = S.Spec("seed%d" % seed)
        self.refuse_on_purpose = False

    # ------------------------------------------------------------- names

    def dim(self, value=None):
        if value is None:
            value = pick(self.rng, DIM_SIZES)
        same = [n for n, v in self.spec.dims.items() if v == value]
        if same and self.rng.random() < 0.7:
            return self.rng.choice(same)
        name = "d%d" % (len(self.spec.dims) + 1)
        self.spec.dims[name] = value
        return name

    def values(self, shape):
        return tuple(self.spec.dims[d] for d in shape)

    def fresh(self, prefix):
        taken = set(self.spec.tensors) | {n for n, _ in self.spec.assigns} | set(self.spec.params)
        k = 1
        while "%s%d" % (prefix, k) in taken:
            k += 1
        return "%s%d" % (prefix, k)

    # -------------------------------------------------------------- data

    def matrix_values(self, rows, cols, norm):
        m = self.nrng.normal(size=(rows, cols))
        return m * (norm / max(np.linalg.norm(m, 2), 1e-12))

    def data(self, shape, values=None):
        """Data for a tensor of `shape`; values given: explicit data only."""
        dims = self.values(shape)
        rows, cols = dims[0], dims[1] if len(dims) == 2 else 1
        kinds = [("inline", 4), ("csv", 1.5), ("npy", 1.5)] + ([] if values is not None
                                                               else [("random", 3)])
        kind = pick(self.rng, kinds)
        if kind == "random":
            norm = self.rng.choice([None, 0.5, 0.8, 1.0, 1.2])
            return S.Data("random", seed=self.rng.randrange(1000), norm=norm)
        if values is None:
            values = self.matrix_values(rows, cols, self.rng.uniform(0.4, 1.3))
        values = np.round(values, 3)
        layout = None
        if len(dims) == 1:
            layout = self.rng.choice(["row", "column"])
        elif kind == "npy" and self.rng.random() < 0.3:
            layout = "fortran"
        return S.Data(kind, values=values, layout=layout)

    def leaf(self, shape, values=None, reuse=True):
        if reuse and values is None and self.rng.random() < 0.3:
            same = [n for n, t in self.spec.tensors.items() if t.shape == shape]
            same += [n for n, e in self.spec.assigns if self.spec.shape(e) == shape]
            if same:
                return S.Ref(self.rng.choice(same))
        kind = self.rng.choice(["input", "weight"])
        name = self.fresh("x" if kind == "input" else "w")
        self.spec.tensors[name] = S.Tensor(name, kind, shape, self.data(shape, values),
                                           literal_shape=self.rng.random() < 0.2)
        return S.Ref(name)

    # ----------------------------------------------------------- scalars

    def scalar(self, form):
        r = self.rng.random()
        if form == "div" and r < 0.15:
            return S.SqrtDim(self.dim())
        if r < 0.3:
            name = self.fresh("t")
            self.spec.params[name] = self.rng.choice([0.5, 0.25, 1.5, 2.0])
            return S.ParamRef(name)
        if form == "pre":
            return S.Num(self.rng.choice([2, 0.5, 1.5, -1, -0.5, 3, 0.25]))
        return S.Num(self.rng.choice([2, 3, 1.5, 4, 0.5]))

    # ------------------------------------------------------- expressions

    def expr(self, shape, depth):
        if depth <= 0:
            return self.leaf(shape)
        matrix = len(shape) == 2
        square = matrix and shape[0] == shape[1]
        ops = [("leaf", 1.5), ("matmul", 3), ("scale", 1.5), ("neg", 0.4), ("add", 1.5),
               ("elementwise", 3), ("softmax", 0.25), ("layernorm", 0.25),
               ("rmsnorm", 0.25)]
        if matrix:
            ops += [("transpose", 1), ("attention", 0.15), ("inverse", 1.2), ("sign", 0.8)]
        if square:
            ops += [("mexp", 1.5), ("invsqrt", 1)]
        op = pick(self.rng, ops)
        return getattr(self, "op_" + op)(shape, depth)

    def op_leaf(self, shape, depth):
        return self.leaf(shape)

    def op_matmul(self, shape, depth):
        k = self.dim()
        if len(shape) == 2:
            return S.MatMul(self.expr((shape[0], k), depth - 1),
                            self.expr((k, shape[1]), depth - 1))
        if self.rng.random() < 0.6:     # W @ x: the vector as a column
            return S.MatMul(self.expr((shape[0], k), depth - 1), self.expr((k,), depth - 1))
        return S.MatMul(self.expr((k,), depth - 1), self.expr((k, shape[0]), depth - 1))

    def op_scale(self, shape, depth):
        form = self.rng.choice(["pre", "post", "div"])
        return S.Scale(self.scalar(form), self.expr(shape, depth - 1), form)

    def op_neg(self, shape, depth):
        return S.Neg(self.expr(shape, depth - 1))

    def op_add(self, shape, depth):
        return S.Add(self.expr(shape, depth - 1), self.expr(shape, depth - 1),
                     minus=self.rng.random() < 0.4)

    def op_transpose(self, shape, depth):
        return S.Transpose(self.expr((shape[1], shape[0]), depth - 1),
                           call=self.rng.random() < 0.3)

    def op_elementwise(self, shape, depth):
        return S.Elementwise(self.rng.choice(S.ELEMENTWISE), self.expr(shape, depth - 1))

    # Normalisations compile to large circuits: their operands stay shallow.
    def op_softmax(self, shape, depth):
        return self.norm("softmax", shape, depth)

    def op_layernorm(self, shape, depth):
        return self.norm("layernorm", shape, depth, gamma=self.gamma(),
                         beta=self.rng.choice([None, 0, 0.5, -0.25]), eps=self.norm_eps())

    def op_rmsnorm(self, shape, depth):
        return self.norm("rmsnorm", shape, depth, gamma=self.gamma(), eps=self.norm_eps())

    def norm(self, fn, shape, depth, **options):
        axis = self.rng.choice([None, 0] if len(shape) == 1 else [None, 0, 1])
        return S.Norm(fn, self.expr(shape, min(depth - 1, 1)), axis=axis, **options)

    def gamma(self):
        return self.rng.choice([None, 1, 0.5, 2, -1])

    def norm_eps(self):
        """The normalisation's own epsilon: a large one keeps the 1/sqrt
        polynomial short enough for the circuit to be simulated."""
        return pick(self.rng, [(None, 0.5), (1e-3, 0.5), (1e-2, 1), (0.05, 1.5), (0.1, 2.5)])

    def op_attention(self, shape, depth):
        s, e = shape
        d, t = self.dim(), self.dim()
        heads = [h for h in (1, 2, 4)
                 if self.spec.dims[d] % h == 0 and self.spec.dims[e] % h == 0]
        q = self.expr((s, d), min(depth - 1, 1))
        return S.Attention(q, self.leaf((t, d)), self.leaf((t, e)), self.rng.choice(heads))

    # ---------------------------------------------------- matrix functions

    def value(self, e):
        return oracle.Evaluator(self.spec).value(e)

    def op_mexp(self, shape, depth):
        n = self.spec.dims[shape[0]]
        if n > 1 and self.rng.random() < 0.12:     # must be refused: acts on eigenvalues
            self.refuse_on_purpose = True
            values = self.matrix_values(n, n, 1.0)
            values[0, -1] += 0.5
            operand = self.leaf(shape, values=values)
        else:
            operand = self.symmetric(shape, positive=False)
        scalar = self.scalar("pre")
        if isinstance(scalar, S.SqrtDim) or abs(S.scalar_value(scalar, self.spec)) > 2:
            scalar = S.Num(-0.5)
        return S.MatFn("exp", S.Scale(scalar, operand, "pre"))

    def symmetric(self, shape, positive):
        """A symmetric operand: explicit symmetric data, B + B^T or B B^T."""
        n = self.spec.dims[shape[0]]
        r = self.rng.random()
        if r < 0.25 and not positive:
            b = self.leaf(shape)
            return S.Scale(S.Num(0.5), S.Add(b, S.Transpose(b)), "pre")
        if r < 0.45:
            k = self.dim(n if positive else None)
            b = self.leaf((shape[0], k))
            return S.MatMul(b, S.Transpose(b))
        q, _ = np.linalg.qr(self.nrng.normal(size=(n, n)))
        lam = self.nrng.uniform(0.3, 1.0, size=n)
        if not positive:
            lam *= self.nrng.choice([-1.0, 1.0], size=n)
        m = (q * lam) @ q.T
        return self.leaf(shape, values=np.round((m + m.T) / 2, 3))

    def op_invsqrt(self, shape, depth):
        operand = self.symmetric(shape, positive=self.rng.random() < 0.6)
        lam = np.abs(np.linalg.eigvalsh(self.value(operand)))
        if not lam.min() * MAX_COND >= lam.max() > 0:
            operand = self.conditioned_leaf(shape, symmetric=True)
            lam = np.abs(np.linalg.eigvalsh(self.value(operand)))
        return S.MatFn("invsqrt", operand, self.kappa(lam.max() / lam.min()))

    def op_inverse(self, shape, depth):
        return self._svd_fn("inverse", (shape[1], shape[0]), depth)

    def op_sign(self, shape, depth):
        return self._svd_fn("sign", shape, depth)

    def _svd_fn(self, fn, operand_shape, depth):
        operand = self.expr(operand_shape, min(depth - 1, 1))
        s = np.linalg.svd(np.atleast_2d(self.value(operand)), compute_uv=False)
        if not s.min() * MAX_COND >= s.max() > 0:
            operand = self.conditioned_leaf(operand_shape)
            s = np.linalg.svd(self.value(operand), compute_uv=False)
        return S.MatFn(fn, operand, self.kappa(s.max() / s.min()))

    def conditioned_leaf(self, shape, symmetric=False):
        rows, cols = self.values(shape)
        k = min(rows, cols)
        sv = self.nrng.uniform(0.45, 1.0, size=k)
        u, _ = np.linalg.qr(self.nrng.normal(size=(rows, rows)))
        v, _ = np.linalg.qr(self.nrng.normal(size=(cols, cols)))
        if symmetric:
            m = (u * (sv * self.nrng.choice([-1.0, 1.0], size=k))) @ u.T
            m = (m + m.T) / 2
        else:
            m = (u[:, :k] * sv) @ v[:, :k].T
        return self.leaf(shape, values=m, reuse=False)

    def kappa(self, cond):
        """Usually comfortably above the condition number; sometimes below it
        on purpose (the compiler must then refuse)."""
        if cond > 1.6 and self.rng.random() < 0.12:
            self.refuse_on_purpose = True
            return max(1.0, math.floor(cond * self.rng.uniform(0.3, 0.75) * 100) / 100)
        return math.ceil(cond * self.rng.uniform(1.1, 2.0) * 100) / 100

    # ------------------------------------------------------------ outputs

    def output_shape(self):
        r = self.rng.random()
        if r < 0.35:                          # 2^n x 2^n: a block
            n = pick(self.rng, [(2, 0.7), (4, 0.25), (1, 0.05)])
            a = self.dim(n)
            return (a, a) if self.rng.random() < 0.7 else (a, self.dim(n))
        if r < 0.7:                           # a vector or 2^n x 1: a state
            n = pick(self.rng, [(2, 0.6), (4, 0.35), (1, 0.05)])
            return (self.dim(n),) if self.rng.random() < 0.8 else (self.dim(n), self.dim(1))
        while True:                           # anything else (not 2^n-shaped)
            shape = (self.dim(),) if self.rng.random() < 0.3 else (self.dim(), self.dim())
            vals = self.values(shape)
            pow2 = all(v & (v - 1) == 0 for v in vals)
            if not (pow2 and (len(vals) == 1 or vals[1] == 1 or vals[0] == vals[1])):
                return shape

    def hoist(self, e, top):
        """Names some subexpressions (assignments), children first, so that
        they are declared before use and later outputs can share them."""
        if isinstance(e, S.Ref):
            return e
        e = e.replace_args([self.hoist(a, False) for a in e.args])
        if self.rng.random() < (0.15 if top else 0.25):
            name = self.fresh("h")
            self.spec.assigns.append((name, e))
            return S.Ref(name)
        return e

    def build(self):
        for _ in range(pick(self.rng, [(1, 0.7), (2, 0.25), (3, 0.05)])):
            shape = self.output_shape()
            depth = pick(self.rng, [(1, 0.35), (2, 0.45), (3, 0.2)])
            e = self.expr(shape, depth)
            self.spec.outputs.append(S.Output(self.hoist(e, True), pick(self.rng, EPSILONS)))
        self.spec.gc()
        return self.spec


def generate(seed):
    """(spec, must_refuse reasons). Deterministic in seed; attempts whose
    meaning is undefined or whose values blow up are redrawn."""
    for attempt in range(50):
        g = Generator(seed, attempt)
        spec = g.build()
        if len(set(S.output_names(spec))) < len(spec.outputs):
            continue            # two outputs would write one file
        try:
            values, must_refuse = oracle.evaluate(spec)
        except oracle.Undefined:
            continue
        if max(np.abs(v).max() for v in values) > MAX_ENTRY:
            continue
        assert bool(must_refuse) == g.refuse_on_purpose, (seed, must_refuse)
        return spec, must_refuse
    raise RuntimeError("seed %d: no valid spec in 50 attempts" % seed)


if __name__ == "__main__":
    sp, refuse = generate(int(sys.argv[1]))
    print(sp.text(), end="")
    if refuse:
        print("// must be refused: " + "; ".join(refuse))
    if len(sys.argv) > 2:
        print(sp.write(sys.argv[2]))
