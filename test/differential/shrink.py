"""Greedy shrinking of a failing spec: try smaller variants (fewer outputs,
inlined names, an operation replaced by its operand or by a tensor holding
its value, looser options, smaller dims, inline and rounder data) and keep
one whenever it still fails with the same kind, until nothing smaller
fails or the budget is spent.
"""

import shutil
import tempfile
import time

import numpy as np

import oracle
import spec as S


def positions(e, path=()):
    yield path, e
    for i, a in enumerate(e.args):
        yield from positions(a, path + (i,))


def replaced(e, path, new):
    if not path:
        return new
    args = list(e.args)
    args[path[0]] = replaced(args[path[0]], path[1:], new)
    return e.replace_args(args)


def roots(spec):
    """Every expression root of a spec as (get, set) on a clone."""
    out = []
    for i in range(len(spec.outputs)):
        out.append((lambda s, i=i: s.outputs[i].expr,
                    lambda s, e, i=i: setattr(s.outputs[i], "expr", e)))
    for j in range(len(spec.assigns)):
        out.append((lambda s, j=j: s.assigns[j][1],
                    lambda s, e, j=j: s.assigns.__setitem__(j, (s.assigns[j][0], e))))
    return out


def candidates(spec):
    """Smaller variants, biggest cuts first. Each is a fresh clone."""
    for i in range(len(spec.outputs)):
        if len(spec.outputs) > 1:
            c = spec.clone()
            del c.outputs[i]
            yield c
    for name, e in spec.assigns:
        yield inline_name(spec, name)
    for get, put in roots(spec):
        for path, node in positions(get(spec)):
            if isinstance(node, S.Ref):
                continue
            shape = spec.shape(node)
            for a in node.args:             # an operation -> its operand
                if shape is not None and spec.shape(a) == shape:
                    c = spec.clone()
                    put(c, replaced(get(c), path, a))
                    yield c
            for kind in ("weight", "input"):    # an operation -> its value
                c = as_tensor(spec, get, put, path, node, kind)
                if c is not None:
                    yield c
            yield from simpler_options(spec, get, put, path, node)
    for d, v in spec.dims.items():
        if v > 1:
            c = spec.clone()
            c.dims[d] = v - 1
            yield c
            yield refit_kappas(c)
    for name, t in spec.tensors.items():
        for c in simpler_data(spec, name, t):
            yield c
            yield refit_kappas(c)


def refit_kappas(spec):
    """New data change condition numbers: the same spec with every kappa
    raised to 1.5x its operand's, so that it stays valid (the plain
    variant, tried first, keeps failures that are about kappa)."""
    c = spec.clone()
    for get, put in roots(c):
        root = get(c)
        for path, node in list(positions(root)):
            if isinstance(node, S.MatFn) and node.kappa is not None:
                try:
                    a = oracle.Evaluator(c).value(node.args[0])
                    if node.fn == "invsqrt":
                        s = np.abs(np.linalg.eigvalsh(a))
                    else:
                        s = np.linalg.svd(np.atleast_2d(a), compute_uv=False)
                except (oracle.Undefined, np.linalg.LinAlgError):
                    continue
                if s.min() > 0:
                    new = node.replace_args(node.args)
                    new.kappa = float(np.ceil(1.5 * s.max() / s.min() * 100) / 100)
                    root = replaced(root, path, new)
        put(c, root)
    return c


def inline_name(spec, name):
    c = spec.clone()
    e = c.assigned(name)
    c.assigns = [(n, x) for n, x in c.assigns if n != name]
    for get, put in roots(c):
        root = get(c)
        for path, node in list(positions(root)):
            if isinstance(node, S.Ref) and node.name == name:
                root = replaced(root, path, e)
        put(c, root)
    return c


def as_tensor(spec, get, put, path, node, kind):
    shape = spec.shape(node)
    if shape is None or not node.args:
        return None
    try:
        value = oracle.Evaluator(spec).value(node)
    except oracle.Undefined:
        return None
    c = spec.clone()
    name = next("v%d" % k for k in range(1, 100) if "v%d" % k not in c.tensors)
    c.tensors[name] = S.Tensor(name, kind, shape,
                               S.Data("inline", values=np.round(oracle.as_matrix(value), 3)))
    put(c, replaced(get(c), path, S.Ref(name)))
    return c


def simpler_options(spec, get, put, path, node):
    """Defaults instead of explicit options, the plain spelling of a form."""
    changes = []
    if isinstance(node, S.Norm):
        changes += [(attr, None) for attr in ("axis", "gamma", "beta", "eps")
                    if getattr(node, attr) is not None]
    if isinstance(node, S.Transpose) and node.call:
        changes.append(("call", False))
    if isinstance(node, S.Scale) and not isinstance(node.scalar, S.Num):
        changes.append(("scalar", S.Num(S.scalar_value(node.scalar, spec))))
    if isinstance(node, S.Scale) and node.form != "pre":
        changes.append(("form", "pre"))
    for attr, value in changes:
        c = spec.clone()
        new = node.replace_args(node.args)
        if attr == "form":
            new.scalar = S.Num(node.factor(spec))
        setattr(new, attr, value)
        if attr == "call":
            new.prec = 4
        put(c, replaced(get(c), path, new))
        yield c


def simpler_data(spec, name, t):
    value = oracle.as_matrix(t.value(spec))
    for digits in (3, 1):
        rounded = np.round(value, digits)
        if t.data.kind != "inline" or not np.array_equal(rounded, t.data.values):
            c = spec.clone()
            c.tensors[name].data = S.Data("inline", values=rounded)
            yield c
    if t.kind == "input":
        c = spec.clone()
        c.tensors[name].kind = "weight"
        yield c


def shrink(spec, kind, checker, seconds=30.0, max_tries=200):
    """(smallest spec found that still fails with `kind` among its kinds,
    its outcome or None if nothing smaller failed so, compiles tried)."""
    deadline, tries = time.time() + seconds, 0
    best, best_outcome = spec, None
    progress = True
    while progress and tries < max_tries and time.time() < deadline:
        progress = False
        for cand in candidates(best):
            if tries >= max_tries or time.time() >= deadline:
                break
            cand.gc()
            if len(set(S.output_names(cand))) < len(cand.outputs):
                continue
            try:
                oracle.evaluate(cand)
            except oracle.Undefined:
                continue
            tries += 1
            outcome = judge(checker, cand)
            if outcome.status == "fail" and kind in outcome.kinds:
                best, best_outcome, progress = cand, outcome, True
                break
    return best, best_outcome, tries


def judge(checker, spec):
    folder = tempfile.mkdtemp(prefix="diffspecs-shrink-")
    try:
        return checker.check(spec, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def reproducer(spec):
    """The spec's text, with the values of any data file it still reads."""
    text = spec.text()
    for t in spec.tensors.values():
        if t.data.kind in ("csv", "npy"):
            text += "// %s.%s holds %s\n" % (t.name, t.data.kind,
                                             np.array2string(t.value(spec), separator=", "))
    return text


def size(spec):
    return len(spec.text()) + 40 * len(spec.outputs)

