"""Checks for lessons/07_sgd_minibatches: averaging nudges, and how far a mini-batch gradient strays.

Each check builds a small seeded network and data set, runs the learner's function
on it and compares with the core: the batch gradient of ``Network.backward``, and the
mean distance ‖g_batch − g_full‖ between random mini-batch gradients and the full one.
"""
import numpy as np

from ..network import Network
from .compare import check_function
from .toolkit import Mistake, table

__all__ = ["check_average_nudge", "check_batch_gradient_spread"]


def _problem(seed, n=11):
    """A seeded [3, 4, 2] sigmoid network and n labelled examples: (net, X (n, 3), labels (n,))."""
    rng = np.random.default_rng(seed)
    X, labels = rng.normal(size=(n, 3)), rng.integers(0, 2, size=n)
    return Network([3, 4, 2], activation="sigmoid", seed=seed), X, labels


# ---- averaging the nudges -------------------------------------------------
def _nudge_of(fn):
    """fn(net, X, labels) as a function of a seed, so the verdict prints the seed only."""
    return lambda seed: fn(*_problem(seed))


def _batch_nudge(net, X, labels):
    return -net.backward(net.forward(X), labels).weights[-1]


def _loop_nudges(net, X, labels):
    """Each example's nudge −∂C/∂W for the output weights: (n, n_out, n_hidden)."""
    return np.array([-net.backward(net.forward(X[i:i + 1]), labels[i:i + 1]).weights[-1]
                     for i in range(len(X))])


@table(
    Mistake("sign", "you averaged the gradients, not the nudges: a nudge points downhill, −∂C/∂W. "
                    "Flip the sign.", _nudge_of(lambda *p: -_loop_nudges(*p).mean(axis=0))),
    Mistake("sum", "you added the nudges up; divide by the number of examples (take the mean), "
                   "or the step grows with the size of the data set.",
            _nudge_of(lambda *p: _loop_nudges(*p).sum(axis=0))),
    Mistake("one_example", "that is the nudge of the first example only; average over all of them.",
            _nudge_of(lambda *p: _loop_nudges(*p)[0])),
    Mistake("divided_twice", "n times too small: net.backward already averages over the rows it is given, "
                             "so a gradient of the whole batch needs no second division by n.",
            _nudge_of(lambda *p: _batch_nudge(*p) / len(p[1]))),
)
def check_average_nudge(fn):
    """Check fn(net, X, labels) → the mean over examples of −∂C/∂W for the output layer's weights."""
    return check_function("check_average_nudge", _nudge_of(fn), [(0,), (1,), (2,)], _nudge_of(_batch_nudge),
                          mistakes=check_average_nudge.mistakes)


# ---- how far a mini-batch gradient strays from the full one ------------------------------
def _flat_gradient(net, X, labels):
    """The batch-mean gradient of every parameter, as one flat vector."""
    return np.concatenate([g.ravel() for g in net.backward(net.forward(X), labels).parameters()])


def _spread_of(fn):
    """fn(net, X, labels, m, rng, trials) as a function of (m, trials, seed), so the verdict prints those only."""
    def run(m, trials, seed):
        net, X, labels = _problem(seed, n=_SPREAD_N)
        return fn(net, X, labels, m, np.random.default_rng(seed), trials)
    return run


def _spread(net, X, labels, m, rng, trials, draw="choice", scale="mean", same_batch=False, difference=True):
    """The mean over trials of ‖g_batch − g_full‖, or one of the slips the check names."""
    full = _flat_gradient(net, X, labels)
    n, fixed = len(X), None
    if same_batch == "drawn_once":
        fixed = rng.choice(n, size=m, replace=False)
    elif same_batch == "first":
        fixed = np.arange(m)
    distances = []
    for _ in range(trials):
        if fixed is not None:
            idx = fixed
        elif draw == "choice":
            idx = rng.choice(n, size=m, replace=False)
        elif draw == "replace":
            idx = rng.choice(n, size=m)
        elif draw == "permutation":
            idx = rng.permutation(n)[:m]
        else:                                             # "full": the whole set every trial
            idx = np.arange(n)
        g = _flat_gradient(net, X[idx], labels[idx]) * (len(idx) if scale == "sum" else 1)
        distances.append(np.linalg.norm(g - full) if difference else np.linalg.norm(g))
    return float(np.mean(distances))


def _spread_variant(**variant):
    return _spread_of(lambda net, X, labels, m, rng, trials: _spread(net, X, labels, m, rng, trials, **variant))


_SPREAD_N = 40
_SPREAD_CASES = [(1, 5, 0), (4, 6, 1), (10, 3, 2), (25, 4, 3)]


@table(
    Mistake("with_replacement", "the batches were drawn with replacement, so an example can appear twice in one "
            "batch: rng.choice(len(X), size=m) replaces by default; pass replace=False.",
            _spread_variant(draw="replace")),
    Mistake("full_batch", "your spread is 0: each trial used the whole data set, so its gradient is the full one. "
                          "Draw m examples per trial: idx = rng.choice(len(X), size=m, replace=False).",
            _spread_variant(draw="full")),
    Mistake("same_batch", "every trial used the same batch, so the mean is one batch's distance, not an average "
                          "over random batches: draw a new idx = rng.choice(len(X), size=m, replace=False) "
                          "inside the loop, from the rng you are given.", _spread_variant(same_batch="drawn_once")),
    Mistake("same_batch", "every trial used the first m examples: there is no randomness, so the mean is one "
                          "batch's distance. Draw idx = rng.choice(len(X), size=m, replace=False) inside the loop.",
            _spread_variant(same_batch="first")),
    Mistake("sum", "your batch gradient is m times too big: you summed the examples' gradients. Use their mean "
                   "(net.backward already averages over the rows it is given), as the full gradient does.",
            _spread_variant(scale="sum")),
    Mistake("batch_norm", "that is the size of the batch gradient, ‖g_batch‖: measure how far it is from the "
                          "full one, ‖g_batch − g_full‖ (np.linalg.norm of the difference).",
            _spread_variant(difference=False)),
)
def check_batch_gradient_spread(fn):
    """Check fn(net, X, labels, m, rng, trials) → the mean over trials of ‖g_batch − g_full‖.

    g_full is the gradient of every parameter over all of X (net.backward averages), g_batch the same
    over m examples drawn without replacement: rng.choice(len(X), size=m, replace=False), or equally
    rng.permutation(len(X))[:m]; a fresh batch each trial.
    """
    if callable(fn):               # the other way of drawing the same random batch counts as right too
        alternative = _spread_variant(draw="permutation")
        given = [_quiet_call(_spread_of(fn), args) for args in _SPREAD_CASES]
        if all(g is not None and np.allclose(g, alternative(*args), rtol=1e-6, atol=1e-9)
               for g, args in zip(given, _SPREAD_CASES)):
            return check_function("check_batch_gradient_spread", alternative, _SPREAD_CASES, alternative,
                                  note=_SPREAD_NOTE)
    return check_function("check_batch_gradient_spread", _spread_of(fn), _SPREAD_CASES, _spread_variant(),
                          mistakes=check_batch_gradient_spread.mistakes, note=_SPREAD_NOTE)


_SPREAD_NOTE = (f" (The cases draw batches of 1, 4, 10 and 25 from {_SPREAD_N} examples of a seeded "
                "3-4-2 network, checked against the core's backward pass.)")


def _quiet_call(fn, args):
    try:
        with np.errstate(all="ignore"):
            out = fn(*args)
        return None if out is None else np.asarray(out, dtype=float)
    except Exception:               # the learner's code may raise: the main check reports it
        return None
