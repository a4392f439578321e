"""Check for lessons/09_build_it_yourself: the learner's finite differences.

``my_numerical_gradient(loss_fn, params, eps)`` nudges every entry of every array in
``params`` in place (loss_fn() reads them), takes centred differences
(C(p + eps) − C(p − eps)) / (2 eps), puts each entry back, and returns one array per parameter.
"""
import numpy as np

from .capstone_base import arrays, learner_call
from .toolkit import Mistake, differs, first_named, listed, same, table, verdict

__all__ = ["check_numerical_gradient", "numerical_gradient"]


def _loss_problem(seed):
    """(params [A (2, 3), b (3,)], loss_fn): a loss curved enough that eps shows in the differences."""
    rng = np.random.default_rng(seed)
    A, b = rng.normal(0, 1, (2, 3)), rng.normal(0, 1, 3)
    return [A, b], lambda: float(np.sum(np.exp(A) * (1 + b)) + np.sum(b ** 3) + np.sum(A[0] ** 4))


def numerical_gradient(loss_fn, params, eps, kind="centred"):
    """The reference: (C(p + eps) − C(p − eps)) / (2 eps) per entry, each entry restored afterwards."""
    grads = []
    for p in params:
        g = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            original = p[i]
            p[i] = original + eps
            up = loss_fn()
            p[i] = original - eps
            down = loss_fn()
            p[i] = original
            g[i] = {"centred": (up - down) / (2 * eps), "forward": (up - loss_fn()) / eps,
                    "backward": (loss_fn() - down) / eps, "no_half": (up - down) / eps}[kind]
        grads.append(g)
    return grads


_EPS = (0.1, 0.3, 1e-3)
# each ``wrong`` lists the kinds of difference (numerical_gradient's ``kind``) that make the slip
_ONE_SIDED_OR_NO_HALF = (
    Mistake("one_sided", "those are one-sided differences; use the centred one, (C(p + eps) − C(p − eps)) / "
            "(2·eps): its error shrinks like eps², not like eps.", ("forward", "backward")),
    Mistake("no_half", "the centred difference spans 2·eps: divide by 2·eps, not eps.", ("no_half",)))


@table(
    Mistake("replaced", "an array of params was replaced, or the list changed, instead of its entries."),
    Mistake("left_nudged", "an entry was left nudged after its two losses."),
    Mistake("shape", "the result is not one array per parameter, of its shape."),
    *_ONE_SIDED_OR_NO_HALF,
    Mistake("no_effect", "every difference is 0: the nudges never reached loss_fn."),
    Mistake("eps_ignored", "the differences do not depend on the eps passed in."),
)
def check_numerical_gradient(fn):
    """Check fn(loss_fn, params, eps) → [∂C/∂p for p in params] by centred differences, params restored."""
    for seed, eps in enumerate(_EPS):
        params, loss_fn = _loss_problem(seed)
        before, originals = [p.copy() for p in params], list(params)
        out, problem = learner_call(fn, (loss_fn, params, eps), "For each array p and each i in np.ndindex(p.shape): "
                                    "nudge p[i] up by eps, call loss_fn(), nudge it down, call it again, put it back.")
        if problem:
            return verdict("check_numerical_gradient", problem)
        replaced = [i for i, (p, q) in enumerate(zip(params, originals)) if p is not q]
        if replaced or len(params) != len(before):
            where = f"params[{replaced[0]}] is no longer the array it was" if replaced else "params changed length"
            return verdict("check_numerical_gradient", f"{where}: change the entries of each array in place "
                           "(p[i] = original + eps, then p[i] = original), never the list itself — loss_fn reads "
                           "those arrays.", "replaced")
        if not all(np.allclose(p, q, rtol=0, atol=1e-12) for p, q in zip(params, before)):
            return verdict("check_numerical_gradient", "a parameter was left nudged: after its two losses, put "
                           "the entry back (p[i] = original), or every later difference is taken at the wrong "
                           "point — and the network keeps the nudge.", "left_nudged")
        given, problem = arrays(out, len(params), "result", _not_filled)
        if problem:
            return verdict("check_numerical_gradient", problem, "shape")
        again = lambda other: learner_call(fn, (loss_fn, params, other))[0]  # noqa: E731 — the same problem, another eps
        named = _name_difference(given, before, loss_fn, params, eps, again)
        if named:
            return verdict("check_numerical_gradient", *named)
    return verdict("check_numerical_gradient", "")


def _not_filled(indices):
    """Why result[i], the gradient of params[i], was left None."""
    return (f"the gradient of {listed([f'params[{i}]' for i in indices])} was never filled — return one array "
            "per parameter: for each p in params, g = np.zeros_like(p), fill g[i] for every i in "
            "np.ndindex(p.shape), and append g to the list.")


def _name_difference(given, before, loss_fn, params, eps, again):
    """(hint, code) for the first wrong answer, or None when it is right."""
    right = numerical_gradient(loss_fn, params, eps)
    if all(same(g, r) for g, r in zip(given, right)):
        return None
    for g, r in zip(given, right):
        if g.shape != r.shape:
            return f"each gradient needs its parameter's shape {r.shape}; one has {g.shape}.", "shape"
    named = first_named(_ONE_SIDED_OR_NO_HALF, lambda kinds: any(all(same(g, w) for g, w in zip(
        given, numerical_gradient(loss_fn, params, eps, k))) for k in kinds))
    if named:
        return named.hint, named.code
    if all(np.all(g == 0) for g in given):
        return ("every difference is 0: the nudges never reached loss_fn. Change the arrays in params "
                "themselves (p[i] += eps), since loss_fn reads them."), "no_effect"
    ignored = _eps_ignored(given, loss_fn, params, eps, again)
    if ignored:
        return ignored, "eps_ignored"
    first = next(i for i, (g, r) in enumerate(zip(given, right)) if not same(g, r))
    return differs(f"the gradient of params[{first}]", right[first], given[first]), ""


def _eps_ignored(given, loss_fn, params, eps, again):
    """The hint when fn's answer does not change with eps (while the right one does), else ""."""
    other = eps * 3 if eps < 0.2 else eps / 3
    answer, _ = arrays(again(other), len(params), "")
    right_other = numerical_gradient(loss_fn, params, other)
    if answer is None or not all(same(g, a) for g, a in zip(given, answer)) or \
            all(same(r, a) for r, a in zip(right_other, answer)):
        return ""
    used = [fixed for fixed in (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8)
            if all(same(g, w) for g, w in zip(given, numerical_gradient(loss_fn, params, fixed)))]
    which = f" (they match eps = {used[0]:g} exactly)" if len(used) == 1 else ""
    return (f"your differences do not depend on the eps passed in: with eps = {eps:g} and eps = {other:g} they "
            f"are the same{which}. Use the argument eps, so that the caller chooses the nudge.")
