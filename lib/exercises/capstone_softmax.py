"""Check for lessons/09_build_it_yourself: the learner's softmax output delta.

``my_softmax_delta(z_out, y)`` computes ŷ = softmax(z_out) stably (each row's max subtracted before
np.exp) and returns δ⁽ᵒᵘᵗ⁾ = ŷ − y.
"""
import numpy as np

from ..activations import softmax
from .compare import check_function
from .toolkit import Mistake, as_numbers, call, finish, table

__all__ = ["check_softmax_delta"]


def _softmax_case(seed, n=4, k=3, shift=0.0):
    rng = np.random.default_rng(seed)
    return rng.normal(0, 1.5, (n, k)) + shift, np.eye(k)[rng.integers(0, k, n)]


# the last case's z are near 800: np.exp overflows there unless each row's max is subtracted first
_SOFTMAX_CASES = [_softmax_case(0), _softmax_case(1, n=1, k=4), _softmax_case(2, n=5, k=10),
                  _softmax_case(3, n=3, k=4, shift=800.0)]


def _right_delta(z_out, y):
    return softmax(z_out) - y


@table(
    Mistake("sign", "the sign is flipped: δ = ŷ − y, the blame points from the target to the prediction.",
            lambda z, y: y - softmax(z)),
    Mistake("slope", "no σ′ factor: the softmax's slope and cross-entropy's −y/ŷ cancel, leaving δ = ŷ − y.",
            lambda z, y: (softmax(z) - y) * softmax(z) * (1 - softmax(z))),
    Mistake("wrong_axis", "the softmax ran over the wrong axis: each example's ten outputs (a row) must add up "
                          "to 1, so take the max and the sum over axis=1 (with keepdims=True), not axis=0.",
            lambda z, y: softmax(z.T).T - y),
    Mistake("mean_here", "no mean here: δ has one row per example; my_backward takes the mean over the batch "
            "when it forms the gradients.", lambda z, y: (softmax(z) - y) / len(y)),
    Mistake("no_softmax", "ŷ is softmax(z_out), not z_out itself: exponentiate (after subtracting each row's max) "
                          "and divide by the row's sum, then subtract y.", lambda z, y: z - y),
    Mistake("keepdims", "the row maxima or sums lost their column shape (keepdims=True is missing)."),
    Mistake("no_max", "np.exp overflows for large z: each row's max is not subtracted first."),
)
def check_softmax_delta(fn):
    """Check fn(z_out, y) → δ⁽ᵒᵘᵗ⁾ = softmax(z_out) − y (n, n_out): a stable softmax with cross-entropy, one-hot y."""
    if callable(fn):
        for z, y in _SOFTMAX_CASES:
            out = _answer(fn, (z, y))
            if isinstance(out, str) and "broadcast" in out:
                return finish("check_softmax_delta", False, (
                    "numpy could not line up z_out with its row maxima (a broadcasting error): z_out.max(axis=1) "
                    "has one number per row, shape (n,); keep it as a column, z_out.max(axis=1, keepdims=True), shape "
                    "(n, 1), so it lines up with each row (and the same for the sum)."), "keepdims")
            if not isinstance(out, str) and out.shape == y.shape and not np.all(np.isfinite(out)):
                return finish("check_softmax_delta", False, (
                    f"your δ holds inf or nan for large z (these rows are near {z.max():.0f}): np.exp(800) "
                    "overflows. Subtract each row's max first, z_out - z_out.max(axis=1, keepdims=True): "
                    "the softmax does not change, and the largest exponent becomes e⁰ = 1."), "no_max")
    return check_function("check_softmax_delta", fn, _SOFTMAX_CASES, _right_delta, start=(
        "Start with shifted = z_out - z_out.max(axis=1, keepdims=True); ŷ = np.exp(shifted) divided by its "
        "row sums (axis=1, keepdims=True); return ŷ - y."), mistakes=check_softmax_delta.mistakes)


def _answer(fn, args):
    """fn(*args) as a float array, or a string saying why there is none."""
    out, problem = call(fn, [a.copy() for a in args])
    if problem:
        return problem
    numbers, problem = as_numbers(out, "your result")
    return problem or numbers
