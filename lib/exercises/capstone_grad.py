"""Checks for lessons/09_build_it_yourself: the learner's finite differences and gradient check.

``my_numerical_gradient(loss_fn, params, eps)`` nudges every entry of every array in
``params`` in place (loss_fn() reads them) and returns centred differences, one array per
parameter. ``my_gradient_check(analytic, numeric)`` returns (error, word) with the core's
per-entry formula, floor and thresholds (backprop.gradcheck, lesson 03).
"""
import numpy as np

from ..gradcheck import EXCELLENT, FINE_WITH_KINKS, FLOOR, WRONG
from .capstone_base import arrays, call, differs, same, verdict

__all__ = ["check_numerical_gradient", "check_gradient_check", "numerical_gradient", "gradient_check_of"]


# ---- finite differences -------------------------------------------------------------------
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


def check_numerical_gradient(fn):
    """Check fn(loss_fn, params, eps) → [∂C/∂p for p in params] by centred differences, params restored."""
    for seed, eps in enumerate(_EPS):
        params, loss_fn = _loss_problem(seed)
        before = [p.copy() for p in params]
        out, problem = call(fn, (loss_fn, params, eps), "For each array p and each i in np.ndindex(p.shape): "
                            "nudge p[i] up by eps, call loss_fn(), nudge it down, call it again, put it back.")
        if problem:
            return verdict("check_numerical_gradient", problem)
        if not all(np.allclose(p, q, rtol=0, atol=1e-12) for p, q in zip(params, before)):
            return verdict("check_numerical_gradient", "a parameter was left nudged: after its two losses, put "
                           "the entry back (p[i] = original), or every later difference is taken at the wrong "
                           "point — and the network keeps the nudge.", "left_nudged")
        given, problem = arrays(out, len(params), "your result")
        if problem:
            return verdict("check_numerical_gradient", problem, "shape")
        named = _name_difference(given, before, loss_fn, params, eps)
        if named:
            return verdict("check_numerical_gradient", *named)
    return verdict("check_numerical_gradient", "")


def _name_difference(given, before, loss_fn, params, eps):
    """(hint, code) for the first wrong answer, or None when it is right."""
    right = numerical_gradient(loss_fn, params, eps)
    if all(same(g, r) for g, r in zip(given, right)):
        return None
    for g, r in zip(given, right):
        if g.shape != r.shape:
            return f"each gradient needs its parameter's shape {r.shape}; one has {g.shape}.", "shape"
    hints = [("one_sided", ("forward", "backward"), "those are one-sided differences; use the centred one, "
              "(C(p + eps) − C(p − eps)) / (2·eps): its error shrinks like eps², not like eps."),
             ("no_half", ("no_half",), "the centred difference spans 2·eps: divide by 2·eps, not eps.")]
    for code, kinds, hint in hints:
        if any(all(same(g, w) for g, w in zip(given, numerical_gradient(loss_fn, params, eps, k))) for k in kinds):
            return hint, code
    for fixed in (1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10):
        wrong = numerical_gradient(loss_fn, params, fixed)
        if fixed != eps and all(np.allclose(g, w, rtol=1e-5, atol=1e-6) for g, w in zip(given, wrong)):
            return (f"your differences do not depend on the eps passed in (they match eps = {fixed:g}); use the "
                    "argument eps, so that the caller chooses the nudge."), "eps_ignored"
    if all(np.all(g == 0) for g in given):
        return ("every difference is 0: the nudges never reached loss_fn. Change the arrays in params "
                "themselves (p[i] += eps), since loss_fn reads them."), "no_effect"
    first = next(i for i, (g, r) in enumerate(zip(given, right)) if not same(g, r))
    return differs(f"the gradient of params[{first}]", right[first], given[first]), ""


# ---- the gradient check -------------------------------------------------------------------
def gradient_check_of(analytic, numeric):
    """The reference: (largest |a − n| / max(|a|, |n|, FLOOR) over entries not both below FLOOR, its word)."""
    worst = 0.0
    for a, n in zip(analytic, numeric):
        a, n = np.asarray(a, dtype=float), np.asarray(n, dtype=float)
        largest = np.maximum(np.abs(a), np.abs(n))
        trusted = largest >= FLOOR
        if trusted.any():
            worst = max(worst, float(np.max(np.abs(a - n)[trusted] / largest[trusted])))
    return worst, word_for(worst)


def word_for(error):
    """The core's rules of thumb (backprop.gradcheck): wrong, suspect, fine only near a kink, excellent."""
    if error > WRONG:
        return "wrong"
    if error < EXCELLENT:
        return "excellent"
    return "fine only near a kink" if error < FINE_WITH_KINKS else "suspect"


def _pair(a, n):
    return [np.array(a, dtype=float)], [np.array(n, dtype=float)]


# one case per word, a flat entry (both below FLOOR), an exact zero pair, and two arrays
_GRAD_CASES = [
    ([np.array([[0.5, -0.2], [0.0, 1.0]]), np.array([0.3, 1e-9])],
     [np.array([[0.5 + 2e-9, -0.2], [0.0, 1.0]]), np.array([0.3, -4e-9])]),
    _pair([1.0, -2.0, 4e-7], [1.0 + 3e-6, -2.0, -3e-7]),
    _pair([0.01, 0.5], [0.0104, 0.5]),
    _pair([2.0, -1.0, 0.0], [2.0, 1.0, 0.0]),
    _pair([3.0, 0.1], [3.0 + 6e-4, 0.1]),
]


def check_gradient_check(fn):
    """Check fn(analytic, numeric) → (error, word) as backprop.gradcheck judges one entry at a time."""
    for analytic, numeric in _GRAD_CASES:
        out, problem = call(fn, ([a.copy() for a in analytic], [n.copy() for n in numeric]),
                            "For each pair of arrays: |a - n| / max(|a|, |n|) per entry, kept where "
                            "max(|a|, |n|) >= FLOOR; the error is the largest, then its word.")
        if problem:
            return verdict("check_gradient_check", problem)
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            return verdict("check_gradient_check", "return two things: `return error, word`.", "shape")
        error, word = out
        right_error, right_word = gradient_check_of(analytic, numeric)
        try:
            error = float(error)
        except (TypeError, ValueError):
            return verdict("check_gradient_check", f"the error should be a number; it is a {type(error).__name__}.")
        if not np.isclose(error, right_error, rtol=1e-6, atol=1e-12):
            return verdict("check_gradient_check", *_name_error(error, right_error, analytic, numeric))
        if word != right_word:
            return verdict("check_gradient_check", f"the error {error:.1e} is right, but its word should be "
                           f"{right_word!r}, not {word!r}: above WRONG ({WRONG:g}) 'wrong', below EXCELLENT "
                           f"({EXCELLENT:g}) 'excellent', below FINE_WITH_KINKS ({FINE_WITH_KINKS:g}) "
                           "'fine only near a kink', else 'suspect'.", "thresholds")
    return verdict("check_gradient_check", "")


def _entries(analytic, numeric):
    a = np.concatenate([np.ravel(x) for x in analytic])
    return a, np.concatenate([np.ravel(x) for x in numeric])


def _name_error(error, right, analytic, numeric):
    a, n = _entries(analytic, numeric)
    with np.errstate(all="ignore"):
        flat = np.maximum(np.abs(a), np.abs(n)) < FLOOR
        guesses = [
            ("no_floor", [np.nanmax(np.abs(a - n) / np.maximum(np.abs(a), np.abs(n)))],
             f"entries where both gradients are ~0 must be skipped (both below FLOOR = {FLOOR:g}): there the "
             "relative error divides rounding noise by almost nothing."),
            ("flat_kept", [np.max(np.abs(a - n) / np.maximum(np.maximum(np.abs(a), np.abs(n)), FLOOR))],
             f"skip the entries where both |a| and |n| are below FLOOR = {FLOOR:g}: a relative error means "
             "nothing there (the core names them 'flat')."),
            ("sum_denominator", [np.max((np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), FLOOR))[~flat])],
             "divide by the larger of |a| and |n|, max(|a|, |n|), not by their sum."),
            ("norm_formula", [max(np.linalg.norm(x - y) / max(np.linalg.norm(x) + np.linalg.norm(y), FLOOR)
                                  for x, y in zip(analytic, numeric))],
             "that is lesson 03's number per array, ‖a − n‖ / (‖a‖ + ‖n‖); the rules of thumb are for each "
             "entry: |a − n| / max(|a|, |n|), the largest over the entries."),
            ("mean_not_max", [np.mean((np.abs(a - n) / np.maximum(np.abs(a), np.abs(n)))[~flat])],
             "report the worst entry (the largest relative error), not the average: one wrong entry is a bug."),
        ]
    for code, values, hint in guesses:
        if any(np.isclose(error, v, rtol=1e-6, atol=1e-12) or (np.isnan(error) and np.isnan(v)) for v in values):
            return hint, code
    if not np.isfinite(error):
        return guesses[0][2], "no_floor"
    return (f"the relative error differs from the reference:\n    expected: {right:.6e}\n    yours:    {error:.6e}",
            "")
