"""The spec tree: a model (dims, params, tensors with data, assignments,
outputs) and its expressions as small node classes, printed to `.qtf` text
with the data files written beside it.

Shapes are tuples of dim *names*, so shrinking a dim changes every tensor
that uses it consistently; tensor data are held at full precision and
sliced to the current dim values.
"""

import copy
import os

import numpy as np

import mt64

ELEMENTWISE = ("gelu", "relu", "sigmoid", "tanh", "silu", "exp", "erf", "softplus", "mish")


# ---------------------------------------------------------------- scalars

class Num:
    def __init__(self, value):
        self.value = value

    def text(self, spec):
        return fmt_number(self.value)


class ParamRef:
    def __init__(self, name):
        self.name = name

    def text(self, spec):
        return self.name


class SqrtDim:
    """sqrt(d) of a dim: the attention-style scale of the DSL examples."""

    def __init__(self, dim):
        self.dim = dim

    def text(self, spec):
        return "sqrt(%s)" % self.dim


def scalar_value(s, spec):
    if isinstance(s, Num):
        return s.value
    if isinstance(s, ParamRef):
        return spec.params[s.name]
    return float(np.sqrt(spec.dims[s.dim]))


# ------------------------------------------------------------ expressions
# Each node lists its tensor operands in `args` so that generic walks
# (shrinking, op sets) need no per-class code.

class Expr:
    args = ()
    prec = 5  # 1: + -, 2: @ * /, 3: unary -, 4: postfix ^T, 5: primary

    def op(self):
        return type(self).__name__.lower()

    def replace_args(self, args):
        new = copy.copy(self)
        new.args = tuple(args)
        return new


class Ref(Expr):
    def __init__(self, name):
        self.name = name

    def text(self, spec):
        return self.name

    def op(self):
        return None


class MatMul(Expr):
    prec = 2

    def __init__(self, a, b):
        self.args = (a, b)

    def text(self, spec):
        return "%s @ %s" % (wrap(self.args[0], 2, spec), wrap(self.args[1], 3, spec))


class Scale(Expr):
    """`s * A` (form pre), `A * s` (post) or `A / s` (div)."""
    prec = 2

    def __init__(self, scalar, a, form):
        self.scalar, self.args, self.form = scalar, (a,), form

    def factor(self, spec):
        s = scalar_value(self.scalar, spec)
        return 1.0 / s if self.form == "div" else s

    def text(self, spec):
        s = self.scalar.text(spec)
        if self.form == "pre":
            return "%s * %s" % (s, wrap(self.args[0], 3, spec))
        op = "*" if self.form == "post" else "/"
        return "%s %s %s" % (wrap(self.args[0], 2, spec), op, s)

    def op(self):
        return "div" if self.form == "div" else "scale"


class Neg(Expr):
    prec = 3

    def __init__(self, a):
        self.args = (a,)

    def text(self, spec):
        return "-" + wrap(self.args[0], 3, spec)


class Add(Expr):
    prec = 1

    def __init__(self, a, b, minus=False):
        self.args, self.minus = (a, b), minus

    def text(self, spec):
        return "%s %s %s" % (wrap(self.args[0], 1, spec), "-" if self.minus else "+",
                             wrap(self.args[1], 2, spec))

    def op(self):
        return "sub" if self.minus else "add"


class Transpose(Expr):
    def __init__(self, a, call=False):
        self.args, self.call = (a,), call
        self.prec = 5 if call else 4

    def text(self, spec):
        if self.call:
            return "transpose(%s)" % self.args[0].text(spec)
        return wrap(self.args[0], 4, spec) + "^T"


class Elementwise(Expr):
    def __init__(self, fn, a):
        self.fn, self.args = fn, (a,)

    def text(self, spec):
        return "%s(%s)" % (self.fn, self.args[0].text(spec))

    def op(self):
        return self.fn


class Norm(Expr):
    """softmax / layernorm / rmsnorm; None options are left out of the text
    (the documented defaults apply)."""

    def __init__(self, fn, a, axis=None, gamma=None, beta=None, eps=None):
        self.fn, self.args = fn, (a,)
        self.axis, self.gamma, self.beta, self.eps = axis, gamma, beta, eps

    def text(self, spec):
        parts = [self.args[0].text(spec)]
        for key, val in (("axis", self.axis), ("gamma", self.gamma),
                         ("beta", self.beta), ("epsilon", self.eps)):
            if val is not None:
                parts.append("%s = %s" % (key, fmt_number(val)))
        return "%s(%s)" % (self.fn, ", ".join(parts))

    def op(self):
        return self.fn


class Attention(Expr):
    def __init__(self, q, k, v, heads):
        self.args, self.heads = (q, k, v), heads

    def text(self, spec):
        q, k, v = (a.text(spec) for a in self.args)
        return "attention(%s, %s, %s, heads = %d)" % (q, k, v, self.heads)


class MatFn(Expr):
    def __init__(self, fn, a, kappa=None):
        self.fn, self.args, self.kappa = fn, (a,), kappa

    def text(self, spec):
        kappa = "" if self.kappa is None else ", kappa = %s" % fmt_number(self.kappa)
        return "matrix %s(%s%s)" % (self.fn, self.args[0].text(spec), kappa)

    def op(self):
        return "matrix " + self.fn


def wrap(e, min_prec, spec):
    t = e.text(spec)
    return t if e.prec >= min_prec else "(%s)" % t


def walk(e):
    yield e
    for a in e.args:
        yield from walk(a)


# ------------------------------------------------------------------- data

class Data:
    """Tensor entries. kind: inline | csv | npy | random. `values` is the
    full-size matrix (vectors are n x 1) except for random, whose entries
    follow from seed, norm and the current shape."""

    def __init__(self, kind, values=None, seed=None, norm=None, layout=None):
        self.kind, self.values, self.seed, self.norm, self.layout = \
            kind, values, seed, norm, layout

    def matrix(self, rows, cols):
        if self.kind == "random":
            return mt64.random_matrix(self.seed, 1.0 if self.norm is None else self.norm,
                                      rows, cols)
        return np.array(self.values[:rows, :cols], dtype=float)


class Tensor:
    def __init__(self, name, kind, shape, data, literal_shape=False):
        self.name, self.kind, self.shape, self.data = name, kind, tuple(shape), data
        self.literal_shape = literal_shape

    def dims(self, spec):
        return tuple(spec.dims[d] for d in self.shape)

    def value(self, spec):
        """numpy value: 1-D for a vector, 2-D for a matrix."""
        dims = self.dims(spec)
        m = self.data.matrix(dims[0], dims[1] if len(dims) == 2 else 1)
        return m[:, 0] if len(dims) == 1 else m


# ------------------------------------------------------------------ model

class Output:
    def __init__(self, expr, eps):
        self.expr, self.eps = expr, eps


class Spec:
    def __init__(self, name="m"):
        self.name = name
        self.dims = {}      # name -> int
        self.params = {}    # name -> float
        self.tensors = {}   # name -> Tensor
        self.assigns = []   # (name, Expr), in order
        self.outputs = []   # Output

    def clone(self):
        return copy.deepcopy(self)

    def assigned(self, name):
        for n, e in self.assigns:
            if n == name:
                return e
        return None

    def shape(self, e):
        """The shape of an expression as dim names (None where it does not
        typecheck), so that generated names are reused consistently."""
        if isinstance(e, Ref):
            if e.name in self.tensors:
                return self.tensors[e.name].shape
            sub = self.assigned(e.name)
            return None if sub is None else self.shape(sub)
        a = [self.shape(x) for x in e.args]
        if any(x is None for x in a):
            return None
        if isinstance(e, MatMul):
            (l, r) = a
            if len(l) == 1 and len(r) == 1 or l[-1] != r[0]:
                return None
            return l[:-1] + r[1:]
        if isinstance(e, Transpose) or isinstance(e, MatFn) and e.fn == "inverse":
            return a[0][::-1] if len(a[0]) == 2 else None
        if isinstance(e, Attention):
            return (a[0][0], a[2][1])
        if isinstance(e, Add) and a[0] != a[1]:
            return None
        return a[0]

    def ops(self):
        """The set of operations the outputs use (after inlining names):
        the signature that tells failure kinds apart."""
        seen, out = set(), set()

        def visit(e):
            for node in walk(e):
                if isinstance(node, Ref):
                    sub = self.assigned(node.name)
                    if sub is not None and node.name not in seen:
                        seen.add(node.name)
                        visit(sub)
                elif node.op():
                    out.add(node.op())
        for o in self.outputs:
            visit(o.expr)
        return out

    def gc(self):
        """Drop declarations no output needs (the DSL does not require it,
        but smaller reproducers are the point of shrinking)."""
        used_names, used_dims, used_params = set(), set(), set()

        def visit(e):
            for node in walk(e):
                if isinstance(node, Ref) and node.name not in used_names:
                    used_names.add(node.name)
                    sub = self.assigned(node.name)
                    if sub is not None:
                        visit(sub)
                scalar = getattr(node, "scalar", None)
                if isinstance(scalar, ParamRef):
                    used_params.add(scalar.name)
                elif isinstance(scalar, SqrtDim):
                    used_dims.add(scalar.dim)
        for o in self.outputs:
            visit(o.expr)
        self.assigns = [(n, e) for n, e in self.assigns if n in used_names]
        self.tensors = {n: t for n, t in self.tensors.items() if n in used_names}
        for t in self.tensors.values():
            used_dims.update(t.shape)
        self.dims = {n: v for n, v in self.dims.items() if n in used_dims}
        self.params = {n: v for n, v in self.params.items() if n in used_params}

    # ------------------------------------------------------------ printing

    def text(self):
        lines = ["model %s {" % self.name]
        for n, v in self.dims.items():
            lines.append("  dim %s = %d;" % (n, v))
        for n, v in self.params.items():
            lines.append("  param %s = %s;" % (n, fmt_number(v)))
        for t in self.tensors.values():
            dims = t.dims(self)
            shape = ", ".join(str(v) if t.literal_shape else d for d, v in zip(t.shape, dims))
            lines.append("  %s %s[%s] = %s;" % (t.kind, t.name, shape, self._data_text(t)))
        for n, e in self.assigns:
            lines.append("  %s = %s;" % (n, e.text(self)))
        for o in self.outputs:
            lines.append("  output %s epsilon %s;" % (o.expr.text(self), fmt_number(o.eps)))
        lines.append("}")
        return "\n".join(lines) + "\n"

    def _data_text(self, t):
        d = t.data
        if d.kind == "random":
            norm = "" if d.norm is None else ", norm = %s" % fmt_number(d.norm)
            return "random(seed = %d%s)" % (d.seed, norm)
        if d.kind in ("csv", "npy"):
            return '%s("%s.%s")' % (d.kind, t.name, d.kind)
        m = t.value(self)
        if m.ndim == 1:
            return "[%s]" % ", ".join(fmt_number(x) for x in m)
        rows = ("[%s]" % ", ".join(fmt_number(x) for x in r) for r in m)
        return "[%s]" % ", ".join(rows)

    def write(self, folder, filename="spec.qtf"):
        """Writes the .qtf and its data files; returns the .qtf path."""
        os.makedirs(folder, exist_ok=True)
        for t in self.tensors.values():
            if t.data.kind in ("csv", "npy"):
                write_data_file(os.path.join(folder, "%s.%s" % (t.name, t.data.kind)),
                                t.value(self), t.data)
        path = os.path.join(folder, filename)
        with open(path, "w") as f:
            f.write(self.text())
        return path


def output_names(spec):
    """Each output's name (docs/backend.md): a bare name is its own,
    others are output, output2, output3, ... by position."""
    return [o.expr.name if isinstance(o.expr, Ref) else
            "output" if i == 0 else "output%d" % (i + 1)
            for i, o in enumerate(spec.outputs)]


def write_data_file(path, m, data):
    """layout: for a vector 'row' or 'column' (both documented); for npy
    also 'fortran' (column-major storage)."""
    if m.ndim == 1 and data.layout == "column":
        m = m.reshape(-1, 1)
    elif m.ndim == 1 and data.layout == "row" and data.kind == "csv":
        m = m.reshape(1, -1)
    if data.kind == "npy":
        arr = np.asfortranarray(m) if data.layout == "fortran" else np.ascontiguousarray(m)
        np.save(path, arr.astype(np.float64))
        return
    with open(path, "w") as f:
        f.write("# written by test/differential\n")
        for row in np.atleast_2d(m):
            f.write(",".join(repr(float(x)) for x in row) + "\n")


def fmt_number(x):
    """Shortest text that reads back as the same double."""
    if float(x) == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))
