"""An independent numpy forward pass of a spec tree, written from
docs/dsl.md (and the defaults docs/lowering.md states). It also says which
specs the compiler must refuse (a matrix exp of a non-symmetric matrix, a
kappa below the operand's condition number) and raises Undefined for specs
whose meaning the docs leave open or that sit too close to a limit to judge
(the generator and the shrinker drop those).
"""

import math

import numpy as np

import spec as S

DEFAULT_EPS = 1e-5      # layernorm / rmsnorm, docs/lowering.md
SYM_TOL = 1e-12         # relative asymmetry that still counts as symmetric
ASYM_CLEAR = 1e-3       # ... and above which non-symmetry is unambiguous
KAPPA_MARGIN = 0.02     # kappa within 2% of the condition number: too close to call
SINGULAR = 1e-9         # sigma_min / sigma_max below this: singular


class Undefined(Exception):
    """The docs give this spec no definite meaning (or it is too close to a
    documented limit to say whether it must be refused)."""


_erf = np.vectorize(math.erf, otypes=[float])


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


ELEMENTWISE = {
    "gelu": lambda x: 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0))),
    "relu": lambda x: np.maximum(x, 0.0),
    "sigmoid": _sigmoid,
    "tanh": np.tanh,
    "silu": lambda x: x * _sigmoid(x),
    "exp": np.exp,
    "erf": _erf,
    "softplus": lambda x: np.logaddexp(0.0, x),
    "mish": lambda x: x * np.tanh(np.logaddexp(0.0, x)),
}


class Evaluator:
    def __init__(self, spec):
        self.spec = spec
        self.must_refuse = []   # why the compiler must refuse this spec
        self._names = {}

    # A vector is 1-D throughout; numpy's @ then gives exactly the DSL's
    # "a vector operand acts as a column or row".
    def value(self, e):
        spec = self.spec
        if isinstance(e, S.Ref):
            if e.name not in self._names:
                if e.name in spec.tensors:
                    self._names[e.name] = spec.tensors[e.name].value(spec)
                else:
                    sub = spec.assigned(e.name)
                    if sub is None:
                        raise Undefined("unknown name " + e.name)
                    self._names[e.name] = self.value(sub)
            return self._names[e.name]
        args = [self.value(a) for a in e.args]
        method = getattr(self, "_" + type(e).__name__.lower())
        return method(e, *args)

    def _matmul(self, e, a, b):
        if a.ndim == 1 and b.ndim == 1:
            raise Undefined("vector @ vector")
        if a.shape[-1] != b.shape[0]:
            raise Undefined("matmul shapes %s @ %s" % (a.shape, b.shape))
        return a @ b

    def _scale(self, e, a):
        return e.factor(self.spec) * a

    def _neg(self, e, a):
        return -a

    def _add(self, e, a, b):
        if a.shape != b.shape:
            raise Undefined("add shapes %s, %s" % (a.shape, b.shape))
        return a - b if e.minus else a + b

    def _transpose(self, e, a):
        if a.ndim != 2:
            raise Undefined("transpose of a vector")
        return a.T

    def _elementwise(self, e, a):
        return ELEMENTWISE[e.fn](a)

    def _norm(self, e, x):
        axis = x.ndim - 1 if e.axis is None else e.axis
        if axis >= x.ndim:
            raise Undefined("axis %d of a rank-%d tensor" % (axis, x.ndim))
        if e.fn == "softmax":
            z = np.exp(x - x.max(axis=axis, keepdims=True))
            return z / z.sum(axis=axis, keepdims=True)
        eps = DEFAULT_EPS if e.eps is None else e.eps
        gamma = 1.0 if e.gamma is None else e.gamma
        if e.fn == "rmsnorm":
            return x / np.sqrt((x * x).mean(axis=axis, keepdims=True) + eps) * gamma
        beta = 0.0 if e.beta is None else e.beta
        c = x - x.mean(axis=axis, keepdims=True)
        var = (c * c).mean(axis=axis, keepdims=True)    # population variance
        return c / np.sqrt(var + eps) * gamma + beta

    def _attention(self, e, q, k, v):
        h = e.heads
        if q.ndim != 2 or k.ndim != 2 or v.ndim != 2:
            raise Undefined("attention of a vector")
        d, dv = q.shape[1], v.shape[1]
        if k.shape[1] != d or k.shape[0] != v.shape[0] or d % h or dv % h:
            raise Undefined("attention shapes")
        dh, vh = d // h, dv // h
        heads = []
        for i in range(h):
            qi, ki = q[:, i * dh:(i + 1) * dh], k[:, i * dh:(i + 1) * dh]
            s = qi @ ki.T / math.sqrt(dh)
            z = np.exp(s - s.max(axis=1, keepdims=True))
            heads.append((z / z.sum(axis=1, keepdims=True)) @ v[:, i * vh:(i + 1) * vh])
        return np.hstack(heads)

    def _matfn(self, e, a):
        if a.ndim != 2:
            raise Undefined("matrix function of a vector")
        if e.fn == "exp":
            if not self._symmetric(a, "matrix exp"):
                self.must_refuse.append("matrix exp of a non-symmetric matrix")
                return expm_general(a)
            w, vecs = np.linalg.eigh(a)
            return (vecs * np.exp(w)) @ vecs.T
        if e.fn == "invsqrt":
            if not self._symmetric(a, "matrix invsqrt"):
                raise Undefined("matrix invsqrt of a non-symmetric matrix")
            w, vecs = np.linalg.eigh(a)
            mags = np.abs(w)
            self._check_kappa(e, mags.max(), mags.min())
            return (vecs / np.sqrt(np.maximum(mags, 1e-300))) @ vecs.T
        u, s, vt = np.linalg.svd(a, full_matrices=False)
        self._check_kappa(e, s.max(), s.min())
        if e.fn == "inverse":
            return (vt.T / np.maximum(s, 1e-300)) @ u.T      # Moore-Penrose, n x m
        if e.fn == "sign":
            return u @ vt                                    # polar factor
        raise Undefined("matrix " + e.fn)

    def _symmetric(self, a, what):
        if a.shape[0] != a.shape[1]:
            raise Undefined(what + " of a non-square matrix")
        asym = np.abs(a - a.T).max() / max(np.abs(a).max(), 1e-300)
        if SYM_TOL < asym < ASYM_CLEAR:
            raise Undefined(what + ": nearly symmetric operand")
        return asym <= SYM_TOL

    def _check_kappa(self, e, top, bottom):
        if e.kappa is None:
            raise Undefined("matrix %s without kappa" % e.fn)
        if bottom <= SINGULAR * top:
            raise Undefined("matrix %s of a singular operand" % e.fn)
        cond = top / bottom
        if abs(e.kappa / cond - 1.0) < KAPPA_MARGIN:
            raise Undefined("kappa within 2% of the condition number")
        if e.kappa < cond:
            self.must_refuse.append("matrix %s: kappa %g below the condition number %g"
                                    % (e.fn, e.kappa, cond))


def expm_general(a):
    """e^A of any square A: scaling and squaring with a Taylor series (only
    the non-symmetric case, which the compiler must refuse, needs it)."""
    norm = np.abs(a).sum(axis=1).max()
    k = max(0, int(math.ceil(math.log2(norm))) + 1) if norm > 0 else 0
    b = a / 2.0 ** k
    term, out = np.eye(len(a)), np.eye(len(a))
    for j in range(1, 25):
        term = term @ b / j
        out = out + term
    for _ in range(k):
        out = out @ out
    return out


def as_matrix(x):
    """A vector is an R x 1 column, as in the manifest."""
    return x.reshape(-1, 1) if x.ndim == 1 else x


def evaluate(spec):
    """(list of output values as 2-D arrays, list of must-refuse reasons)."""
    ev = Evaluator(spec)
    values = [as_matrix(ev.value(o.expr)) for o in spec.outputs]
    for o in spec.outputs:
        if not 0 < o.eps < 1:
            raise Undefined("epsilon outside (0, 1)")
    for v in values:
        if not np.all(np.isfinite(v)):
            raise Undefined("non-finite output")
    return values, ev.must_refuse


def selftest():
    """Closed forms the forward pass must meet."""
    rng = np.random.default_rng(1)
    x = rng.normal(size=(3, 4))
    sp = S.Spec()
    sp.dims = {"r": 3, "c": 4}
    sp.tensors["X"] = S.Tensor("X", "input", ("r", "c"), S.Data("inline", values=x))
    ev = Evaluator(sp)
    X = S.Ref("X")
    assert np.allclose(ev.value(S.Norm("softmax", X, axis=1)).sum(axis=1), 1)
    assert np.allclose(ev.value(S.Norm("softmax", X, axis=0)).sum(axis=0), 1)
    assert np.allclose(ev.value(S.Norm("softmax", X)).sum(axis=1), 1)
    ln = ev.value(S.Norm("layernorm", X, axis=1, eps=1e-12))
    assert np.allclose(ln.mean(axis=1), 0) and np.allclose(ln.std(axis=1), 1)
    ln0 = ev.value(S.Norm("layernorm", X, axis=0, gamma=2.0, beta=0.5, eps=1e-12))
    assert np.allclose(ln0.mean(axis=0), 0.5) and np.allclose(ln0.std(axis=0), 2)
    rms = ev.value(S.Norm("rmsnorm", X, axis=1, eps=1e-12))
    assert np.allclose((rms ** 2).mean(axis=1), 1)
    # The Moore-Penrose inverse of a full-column-rank 4 x 3 is a left inverse.
    pinv = ev.value(S.MatFn("inverse", S.Transpose(X), kappa=1e6))
    assert pinv.shape == (3, 4) and np.allclose(pinv @ x.T, np.eye(3))
    sign = ev.value(S.MatFn("sign", X, kappa=1e6))
    assert np.allclose(sign @ sign.T, np.eye(3))
    sym = x[:, :3] + x[:, :3].T
    assert np.allclose(expm_general(sym), _eigh_exp(sym))
    rot = np.array([[0.0, -1.0], [1.0, 0.0]])      # e^{tJ} is a rotation
    assert np.allclose(expm_general(0.7 * rot), [[math.cos(0.7), -math.sin(0.7)],
                                                   [math.sin(0.7), math.cos(0.7)]])
    assert abs(ELEMENTWISE["gelu"](np.array([1.0]))[0] - 0.8413447460685429) < 1e-15
    assert abs(ELEMENTWISE["softplus"](np.array([0.0]))[0] - math.log(2)) < 1e-15
    # mish(1) = tanh(log(1 + e)) = (e^2 + 2e) / (e^2 + 2e + 2), by decimal at 40 digits
    assert abs(ELEMENTWISE["mish"](np.array([1.0]))[0] - 0.8650983882673103) < 1e-15
    # Attention with one head and identical keys averages V's rows.
    sp.dims["two"] = 2
    v = rng.normal(size=(3, 2))
    sp.tensors["V"] = S.Tensor("V", "weight", ("r", "two"), S.Data("inline", values=v))
    sp.tensors["K"] = S.Tensor("K", "weight", ("r", "c"), S.Data("inline",
                                                                 values=np.ones((3, 4))))
    ev = Evaluator(sp)
    att = ev.value(S.Attention(X, S.Ref("K"), S.Ref("V"), heads=1))
    assert np.allclose(att, np.tile(v.mean(axis=0), (3, 1)))
    # Two heads: each head's scores use its own columns and sqrt(d / h).
    att2 = ev.value(S.Attention(X, X, S.Ref("V"), heads=2))
    for i in range(2):
        q = x[:, 2 * i:2 * i + 2]
        s = np.exp(q @ q.T / math.sqrt(2))
        assert np.allclose(att2[:, i], (s / s.sum(axis=1, keepdims=True)) @ v[:, i])
    # kappa below the condition number must be refused.
    ev.value(S.MatFn("inverse", X, kappa=1.0))
    assert ev.must_refuse


def _eigh_exp(a):
    w, v = np.linalg.eigh(a)
    return (v * np.exp(w)) @ v.T
