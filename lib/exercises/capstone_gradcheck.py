"""Check for lessons/09_build_it_yourself: the learner's gradient check.

``my_gradient_check(analytic, numeric)`` → (error, word): the largest per-entry relative error
|g_bp − g_fd| / max(|g_bp|, |g_fd|, FLOOR) over the entries where |g_bp| or |g_fd| reaches FLOOR
(g_bp: backprop's value, g_fd: the finite difference), and the word
for it — with the core's own formula, floor and thresholds, imported from backprop.gradcheck
(lesson 03), never copied.
"""
import numpy as np

from ..gradcheck import EXCELLENT, FINE_WITH_KINKS, FLOOR, WRONG, entry_errors, verdict_word
from .capstone_base import learner_call
from .toolkit import Mistake, differs, first_named, table, verdict

__all__ = ["check_gradient_check", "gradient_check_of"]


def gradient_check_of(analytic, numeric):
    """The reference: (largest |g_bp − g_fd| / max(|g_bp|, |g_fd|, FLOOR) over entries not both below FLOOR,
    its word) — the core's per-entry formula and rules of thumb (backprop.gradcheck)."""
    worst = 0.0
    for g_bp, g_fd in zip(analytic, numeric):
        errors, flat = entry_errors(g_bp, g_fd)
        if not flat.all():
            worst = max(worst, float(np.max(errors[~flat])))
    return worst, verdict_word(worst)


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


_NO_FLOOR = (f"entries where both gradients are ~0 must be skipped (both below FLOOR = {FLOOR:g}): there the "
             "relative error divides rounding noise by almost nothing.")


@table(
    Mistake("shape", "the answer is not (error, word), or the error is not one number, or the word not a string."),
    Mistake("thresholds", "the error is right but its word is not the core's."),
    Mistake("no_floor", _NO_FLOOR),
    Mistake("flat_kept", "entries where both gradients are below FLOOR were kept."),
    Mistake("sum_denominator", "the relative error divides by the sum of |g_bp| and |g_fd|, not the larger."),
    Mistake("norm_formula", "lesson 03's norm summary per array instead of the per-entry error."),
    Mistake("mean_not_max", "the average of the entries' errors, not the largest."),
)
def check_gradient_check(fn):
    """Check fn(analytic, numeric) → (error, word) as backprop.gradcheck judges one entry at a time."""
    for analytic, numeric in _GRAD_CASES:
        out, problem = learner_call(fn, ([a.copy() for a in analytic], [n.copy() for n in numeric]),
                                    "For each pair of arrays g_bp, g_fd: |g_bp - g_fd| / max(|g_bp|, |g_fd|) per "
                                    "entry, kept where max(|g_bp|, |g_fd|) >= FLOOR; the error is the largest, then "
                                    "its word.")
        if problem:
            return verdict("check_gradient_check", problem)
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            return verdict("check_gradient_check", "return two things: `return error, word`.", "shape")
        error, word = out
        right_error, right_word = gradient_check_of(analytic, numeric)
        try:
            if isinstance(error, (str, bytes)) or error is None:
                raise TypeError
            error = float(error)
        except (TypeError, ValueError):
            kind = ("None" if error is None else f"an array of shape {np.shape(error)}" if np.ndim(error)
                    else f"a {type(error).__name__}")
            return verdict("check_gradient_check", f"the error should be one number (the largest relative error); "
                           f"it is {kind}.", "shape")
        if not np.isclose(error, right_error, rtol=1e-6, atol=1e-12):
            return verdict("check_gradient_check", *_name_error(error, right_error, analytic, numeric))
        if not isinstance(word, str):
            kind = "None" if word is None else f"a {type(word).__name__}"
            return verdict("check_gradient_check", f"the word should be a string such as 'excellent' or 'wrong'; "
                           f"it is {kind}. Return both: `return error, word`.", "shape")
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
        errors, flat = entry_errors(a, n)
        guesses = [
            Mistake("no_floor", _NO_FLOOR, [np.nanmax(np.abs(a - n) / np.maximum(np.abs(a), np.abs(n)))]),
            Mistake("flat_kept", f"skip the entries where both |g_bp| and |g_fd| are below FLOOR = {FLOOR:g}: a "
                    "relative error means nothing there (the core names them 'flat').", [np.max(errors)]),
            Mistake("sum_denominator", "divide by the larger of |g_bp| and |g_fd|, max(|g_bp|, |g_fd|), not by "
                    "their sum.", [np.max((np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), FLOOR))[~flat])]),
            Mistake("norm_formula", "that is lesson 03's norm summary per array, ‖g_bp − g_fd‖ / (‖g_bp‖ + ‖g_fd‖); "
                    "the rules of thumb are for each entry: |g_bp − g_fd| / max(|g_bp|, |g_fd|), the largest over "
                    "the entries.", [max(np.linalg.norm(x - y) / max(np.linalg.norm(x) + np.linalg.norm(y), FLOOR)
                                         for x, y in zip(analytic, numeric))]),
            Mistake("mean_not_max", "report the worst entry (the largest relative error), not the average: one "
                    "wrong entry is a bug.", [np.mean((np.abs(a - n) / np.maximum(np.abs(a), np.abs(n)))[~flat])]),
        ]
    named = first_named(guesses, lambda values: any(np.isclose(error, v, rtol=1e-6, atol=1e-12) or
                                                    (np.isnan(error) and np.isnan(v)) for v in values))
    if named:
        return named.hint, named.code
    if not np.isfinite(error):
        return _NO_FLOOR, "no_floor"
    return differs("the relative error", right, error), ""
