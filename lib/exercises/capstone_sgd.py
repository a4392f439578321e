"""Check for lessons/09_build_it_yourself: the learner's mini-batch SGD.

``my_sgd(weights, biases, X, y, lr, batch_size, epochs, seed)`` trains in place with the
learner's own forward and backward: one generator ``np.random.default_rng(seed)``, a fresh
``rng.permutation(len(X))`` each epoch, consecutive slices of ``batch_size`` (the last may
be shorter), p ← p − lr · gradient. How a slip in the batches is named: capstone_batches.
"""
import numpy as np

from .capstone_base import arrays, learner_call
from .capstone_batches import TABLE as _BATCH_SLIPS, batch_slip, unchecked_passes
from .toolkit import Mistake, as_numbers, changed_argument, differs, first_named, listed, same, table, verdict
from .capstone_ref import problem, sgd, softmax_backward, softmax_forward

__all__ = ["check_sgd"]

# (sizes, n examples, batch_size, lr, epochs, seed): short last batches, one batch of 1, two or more epochs
_SGD_CASES = [([3, 4, 2], 11, 4, 0.5, 2, 0), ([2, 3, 3, 1], 7, 3, 1.0, 2, 1), ([3, 3], 5, 1, 0.3, 2, 3),
              ([4, 2, 3], 9, 9, 0.5, 3, 2)]

_SGD_HINTS = [
    Mistake("no_shuffle", "the batches were taken in the data's own order: shuffle each epoch with order = "
            "rng.permutation(len(X)) and slice that order.", dict(order="fixed")),
    Mistake("reseeded", "every epoch used the same shuffle: make the generator once, rng = "
            "np.random.default_rng(seed), before the epochs, and draw a new permutation each epoch.",
            dict(order="reseeded")),
    Mistake("updated_weights", "each step must use the gradients of the weights as they were when the batch came "
            "in: a layer was updated before the blame passed back through its weights, so the hidden deltas came "
            "from the new weights. Compute every gradient first (my_backward), then step.", dict(stale=True)),
    Mistake("sign", "the loss goes up: you stepped along the gradient. Subtract: p -= lr * grad.", dict(sign=+1.0)),
]


_SHUFFLE_ORDER = ("my_sgd shuffles an order of indices, order = rng.permutation(len(X)), and reads X[batch] and "
                  "y[batch]; the data stays as it was.")


@table(
    Mistake("replaced", "the lists weights or biases, or an array in them, were replaced, not updated in place."),
    Mistake("changed_data", "X or y, the data passed in, was changed (shuffled in place)."),
    Mistake("not_in_place", "the weights returned are right, but the arrays passed in did not change."),
    Mistake("no_step", "the weights did not change."),
    *_BATCH_SLIPS, *_SGD_HINTS,
    Mistake("one_epoch", "one epoch was trained instead of `epochs`."),
    Mistake("passes", "the parameters forward= and backward= are ignored or missing."),
)
def check_sgd(fn):
    """Check fn(weights, biases, X, y, lr, batch_size, epochs, seed): trained in place like the reference."""
    for sizes, n, batch_size, lr, epochs, seed in _SGD_CASES:
        weights, biases, X, y = problem(sizes, n, seed + 20)
        mine_w, mine_b = [W.copy() for W in weights], [b.copy() for b in biases]
        data = X.copy(), y.copy()
        out, problem_ = learner_call(fn, (mine_w, mine_b, *data, lr, batch_size, epochs, seed),
                                     "Make rng = np.random.default_rng(seed) once; each epoch slice "
                                     "rng.permutation(len(X)) into batches: forward, backward, then p -= lr * g.")
        if problem_:
            return verdict("check_sgd", problem_)
        broken = _kept_arrays(mine_w, mine_b, weights, biases)
        if broken:
            return verdict("check_sgd", broken, "replaced")
        changed = changed_argument(data, (X, y), ("X", "y"), "my_sgd", _SHUFFLE_ORDER)
        if changed:
            return verdict("check_sgd", changed, "changed_data")
        named = _sgd_problem(fn, out, mine_w, mine_b, (weights, biases, X, y, lr, batch_size, epochs, seed))
        if named:
            return verdict("check_sgd", *named)
    return verdict("check_sgd", *_passes_problem(fn))


def _kept_arrays(mine_w, mine_b, weights, biases):
    """"" when the lists passed in still hold finite float arrays of the parameters' shapes, else the hint."""
    for name, given, right in (("weights", mine_w, weights), ("biases", mine_b, biases)):
        if len(given) != len(right):
            return (f"the list {name} has {len(given)} entries after training but had {len(right)}: update each "
                    "array in place (p -= lr * g), never the list itself.")
        for l, (g, r) in enumerate(zip(given, right)):
            if not isinstance(g, np.ndarray) or g.shape != r.shape:
                now = "None" if g is None else (f"shape {g.shape}" if isinstance(g, np.ndarray) else
                                                f"a {type(g).__name__}")
                return (f"after training, {name}[{l}] is {now}, no longer the {r.shape} array passed in: update "
                        f"each array in place, {name}[{l}] -= lr * grad" + (
                            " (your my_backward must return one gradient of the parameter's shape per layer)."
                            if "check_backward" in unchecked_passes() else "."))
            if not np.all(np.isfinite(g)):
                unchecked = unchecked_passes()
                return (f"after training, {name}[{l}] holds nan or inf: the gradients blew up — check "
                        + (f"that {listed(unchecked)} pass, and " if unchecked else "")
                        + "that the step is p -= lr * g.")
    return ""


def _passes_problem(fn):
    """("", "") when fn(…, forward=f, backward=b) trains with f and b (section 7 passes softmax versions)."""
    sizes, n, batch_size, lr, epochs, seed = _SGD_CASES[0]
    weights, biases, X, y = problem(sizes, n, seed + 20)
    mine_w, mine_b = [W.copy() for W in weights], [b.copy() for b in biases]
    keep = ("keep the parameters forward=None and backward=None: when they are given, run them instead of "
            "my_forward and my_backward (section 7 passes its softmax versions).")
    _, problem_ = learner_call(lambda: fn(mine_w, mine_b, X.copy(), y.copy(), lr, batch_size, epochs, seed,
                                  forward=softmax_forward, backward=softmax_backward), ())
    if problem_:
        return f"{keep} Called with them, {problem_}", "passes"
    broken = _kept_arrays(mine_w, mine_b, weights, biases)
    if broken:
        return f"{keep} Called with them: {broken}", "passes"
    right_w, right_b = _run((weights, biases, X, y, lr, batch_size, epochs, seed),
                            passes=(softmax_forward, softmax_backward))
    if not _equal(mine_w + mine_b, right_w + right_b):
        return f"every test passed, but given forward= and backward=, the weights differ: {keep}", "passes"
    return "", ""


def _run(args, **variant):
    weights, biases, X, y, *rest = args
    return sgd([W.copy() for W in weights], [b.copy() for b in biases], X, y, *rest, **variant)


def _sgd_problem(fn, out, mine_w, mine_b, args):
    """(hint, code) for what went wrong, or None when the parameters match the reference."""
    right_w, right_b = _run(args)
    if _equal(mine_w + mine_b, right_w + right_b):
        return None
    given = None
    if isinstance(out, (tuple, list)) and len(out) == 2:
        (gw, _), (gb, _) = arrays(out[0], len(mine_w), "weights"), arrays(out[1], len(mine_b), "biases")
        given = None if gw is None or gb is None else gw + gb
    if given is not None and _equal(given, right_w + right_b):
        return ("the weights you returned are right, but the arrays passed in did not change: update them in "
                "place (W -= lr * grad, not W = W - lr * grad), so a caller's network learns.", "not_in_place")
    original = args[0] + args[1]
    if _equal(mine_w + mine_b, original):
        return "the weights did not change: after each batch's backward pass, step every weight and bias.", "no_step"
    slip = batch_slip(fn, args, _equal)
    if slip:
        return slip
    def makes(variant):
        wrong_w, wrong_b = _run(args, **variant)
        return _equal(mine_w + mine_b, wrong_w + wrong_b)
    named = first_named(_SGD_HINTS, makes)
    if named:
        return named.hint, named.code
    one_w, one_b = _run(args[:6] + (1,) + args[7:])
    if args[6] > 1 and _equal(mine_w + mine_b, one_w + one_b):
        return f"you trained one epoch; train `epochs` of them ({args[6]} here).", "one_epoch"
    unchecked = unchecked_passes()
    blame = ("my_forward and my_backward: their checks must" if len(unchecked) == 2 else
             f"my_{unchecked[0][6:]}: {unchecked[0]} must" if unchecked else "")
    return differs("weights[0] after training", right_w[0], mine_w[0]) + (
        f"\n    (my_sgd runs your {blame} pass first.)" if blame else ""), ""


def _equal(given, expected):
    """True when given holds arrays of numbers equal to expected's; never raises on what a learner left there."""
    if len(given) != len(expected):
        return False
    arrays_ = [as_numbers(g, "") for g in given]
    return all(not problem and same(g, e) for (g, problem), e in zip(arrays_, expected))
