"""How lessons/09_build_it_yourself's check_sgd names a mini-batch slip: it runs the learner's my_sgd with
the reference's forward and backward passed in (forward=, backward=), which note every batch's rows of X
and of y, and compares those batches with the ones the reference draws from ``seed``.

Then a slip is named by what the learner's code did (X and y shuffled differently, the short last batch
dropped, padded or rescaled, a shuffle not drawn from ``seed``), never by blaming my_forward or my_backward,
and a difference that only the learner's own passes make is said to come from them.
"""
import numpy as np

from .capstone_base import learner_call
from .capstone_ref import backward, forward, schedule, sgd
from .toolkit import Mistake, listed, passed_in_this_kernel

XY_MISMATCH = Mistake("xy_mismatch", "X and y were shuffled differently: a row of X met the target of another "
                      "example. Draw one order = rng.permutation(len(X)) per epoch and index both with it, "
                      "X[batch] and y[batch].")
LAST_DROPPED = Mistake("last_dropped", "the short last batch was dropped: with {n} examples and batches of {size}, "
                       "each epoch ends with a batch of {rest}. Slice order[start:start + batch_size] for start in "
                       "range(0, len(X), batch_size), so that every example is used once per epoch.")
PADDED = Mistake("padded", "the short last batch was padded up to batch_size: with {n} examples and batches of "
                 "{size}, each epoch's last batch holds the {rest} examples left, and no others. "
                 "order[start:start + batch_size] stops at the end by itself.")
RESCALED = Mistake("rescaled", "the step of the short last batch was rescaled: the backward pass already takes "
                   "the mean over the rows it is given, so every batch, the short one too, steps p -= lr * g.")
GLOBAL_STATE = Mistake("global_state", "two runs with the same seed drew different batches: the shuffle comes from "
                       "numpy's global random state (np.random.shuffle, np.random.permutation), not from seed. Make "
                       "rng = np.random.default_rng(seed) once and draw order = rng.permutation(len(X)) each epoch.")
OTHER_ORDER = Mistake("other_order", "the batches are not the ones the seed gives: make rng = "
                      "np.random.default_rng(seed) once, before the epochs (not np.random.seed, nor a generator "
                      "per epoch), and slice order = rng.permutation(len(X)) into consecutive batches.")
OWN_PASSES = Mistake("own_passes", "with the reference's forward and backward passed in (forward=, backward=), your "
                     "my_sgd trains exactly like the reference; with your my_forward and my_backward it does not, "
                     "so the difference comes from them: {what}")
WHOLE_DATA = Mistake("whole_data", "every step used the whole data set: run forward and backward on the batch's "
                     "rows only, X[batch] and y[batch], so that an epoch takes len(X) / batch_size steps.")
ONE_BY_ONE = Mistake("one_by_one", "every step used one example, whatever batch_size is: slice batch_size rows at "
                     "a time, order[start:start + batch_size], and step once per batch.")
TABLE = (XY_MISMATCH, LAST_DROPPED, PADDED, RESCALED, GLOBAL_STATE, OTHER_ORDER, WHOLE_DATA, ONE_BY_ONE, OWN_PASSES)


class _Spy:
    """The reference's forward and backward, noting which rows of X and y each step used (-1: none of them)."""

    def __init__(self, X, y):
        self._x, self._y = _rows(X), _rows(y)
        self.steps, self._pending = [], []

    def forward(self, weights, biases, X_batch):
        self._pending = [self._x.get(np.asarray(r, dtype=float).tobytes(), -1) for r in X_batch]
        return forward(weights, biases, X_batch)

    def backward(self, weights, z, a, y_batch):
        self.steps.append((self._pending, [self._y.get(np.asarray(r, dtype=float).tobytes(), -1) for r in y_batch]))
        return backward(weights, z, a, y_batch)


def _rows(A):
    return {np.asarray(row, dtype=float).tobytes(): i for i, row in enumerate(A)}


def _spied(fn, args):
    """(the steps, the parameters after) of fn run with spying passes, or None when it raised or ran none."""
    weights, biases, X, y, *rest = args
    mine_w, mine_b = [W.copy() for W in weights], [b.copy() for b in biases]
    spy = _Spy(X, y)
    _, problem = learner_call(lambda: fn(mine_w, mine_b, X.copy(), y.copy(), *rest, forward=spy.forward,
                                         backward=spy.backward), ())
    return None if problem or not spy.steps else (spy.steps, mine_w + mine_b)


def batch_slip(fn, args, equal):
    """(hint, code) for a slip in how fn forms its batches, or None; ``equal(a, b)`` compares parameter lists."""
    weights, biases, X, y, lr, size, epochs, seed = args
    spied = _spied(fn, args)
    if spied is None:
        return None
    steps, params = spied
    right_w, right_b = sgd([W.copy() for W in weights], [b.copy() for b in biases], X, y, lr, size, epochs, seed)
    if equal(params, right_w + right_b):
        return _own_passes()
    n, rest = len(X), len(X) % size
    sizes = [len(x) for x, _ in steps]
    words = dict(n=n, size=size, rest=rest)
    if size < n and all(k == n for k in sizes):
        return WHOLE_DATA.hint, WHOLE_DATA.code
    if size > 1 and all(k == 1 for k in sizes):
        return ONE_BY_ONE.hint, ONE_BY_ONE.code
    if rest and sizes == [size] * (epochs * (n // size)):
        return LAST_DROPPED.hint.format(**words), LAST_DROPPED.code
    if rest and sizes == [size] * (epochs * -(-n // size)):
        return PADDED.hint.format(**words), PADDED.code
    if any(-1 in x or -1 in t for x, t in steps):
        return None                                   # rows that are not the data's: no batch slip to name
    if any(x != t for x, t in steps):
        return XY_MISMATCH.hint, XY_MISMATCH.code
    expected = schedule(n, size, epochs, seed)
    if len(steps) == len(expected) and all(list(x) == list(e) for (x, _), e in zip(steps, expected)):
        wrong_w, wrong_b = sgd([W.copy() for W in weights], [b.copy() for b in biases], X, y, lr, size, epochs,
                               seed, rescale=True)
        return (RESCALED.hint, RESCALED.code) if equal(params, wrong_w + wrong_b) else None
    return _order_slip(fn, args, steps, expected, n, epochs)


def _order_slip(fn, args, steps, expected, n, epochs):
    """(hint, code) when the batches are cut right but from another order than the seed's, else None."""
    if len(steps) != len(expected) or [len(x) for x, _ in steps] != [len(e) for e in expected]:
        return None
    flat = [i for x, _ in steps for i in x]
    orders = [flat[k * n:(k + 1) * n] for k in range(epochs)]
    if orders[0] == list(range(n)) or (epochs > 1 and all(o == orders[0] for o in orders)):
        return None                                   # no shuffle, or the same one each epoch: named by the sgd check
    again = _spied(fn, args)
    if again is not None and [list(x) for x, _ in again[0]] != [list(x) for x, _ in steps]:
        return GLOBAL_STATE.hint, GLOBAL_STATE.code
    return OTHER_ORDER.hint, OTHER_ORDER.code


def unchecked_passes():
    """The checks of my_forward and my_backward not yet passed in this kernel: the only ones a hint may blame."""
    passed = passed_in_this_kernel()
    return [name for name in ("check_forward", "check_backward") if not passed.get(name)]


def _own_passes():
    unchecked = unchecked_passes()
    what = (f"make {listed(unchecked)} pass first." if unchecked else "they have changed since their checks "
            "passed; run check_forward(my_forward) and check_backward(my_backward) again.")
    return OWN_PASSES.hint.format(what=what), OWN_PASSES.code

