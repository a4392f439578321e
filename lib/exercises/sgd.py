"""Checks for lessons/07_sgd_minibatches: averaging nudges, and one epoch of mini-batch SGD.

Each check builds a small seeded network and data set, runs the learner's function
on it and compares with the core: the batch gradient of ``Network.backward`` and
one epoch of ``Network.fit`` with the same seed.
"""
import numpy as np

from ..network import Network
from ..training import minibatches
from ._verdict import check_function

__all__ = ["check_average_nudge", "check_sgd_epoch"]


def _problem(seed, n=11):
    """A seeded [3, 4, 2] sigmoid network and n labelled examples: (net, X (n, 3), labels (n,))."""
    rng = np.random.default_rng(seed)
    X, labels = rng.normal(size=(n, 3)), rng.integers(0, 2, size=n)
    return Network([3, 4, 2], activation="sigmoid", seed=seed), X, labels


def _parameters(net):
    return np.concatenate([p.ravel() for p in net.parameters()])


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


def check_average_nudge(fn):
    """Check fn(net, X, labels) → the mean over examples of −∂C/∂W for the output layer's weights."""
    return check_function("check_average_nudge", _nudge_of(fn), [(0,), (1,), (2,)], _nudge_of(_batch_nudge),
                          mistakes=[
        ("sign", "you averaged the gradients, not the nudges: a nudge points downhill, −∂C/∂W. "
                 "Flip the sign.", _nudge_of(lambda *p: -_loop_nudges(*p).mean(axis=0))),
        ("sum", "you added the nudges up; divide by the number of examples (take the mean), "
                "or the step grows with the size of the data set.",
         _nudge_of(lambda *p: _loop_nudges(*p).sum(axis=0))),
        ("one_example", "that is the nudge of the first example only; average over all of them.",
         _nudge_of(lambda *p: _loop_nudges(*p)[0])),
        ("divided_twice", "n times too small: net.backward already averages over the rows it is given, "
                          "so a gradient of the whole batch needs no second division by n.",
         _nudge_of(lambda *p: _batch_nudge(*p) / len(p[1]))),
    ])


# ---- one epoch of mini-batch SGD -----------------------------------------
def _epoch_of(fn):
    """fn(net, X, labels, batch_size, lr, rng) as a function of (batch_size, lr, seed) → parameters."""
    def run(batch_size, lr, seed):
        net, X, labels = _problem(seed)
        out = fn(net, X, labels, batch_size, lr, np.random.default_rng(seed))
        return None if out is None else _parameters(net)
    return run


def _core_epoch(batch_size, lr, seed):
    net, X, labels = _problem(seed)
    net.fit(X, labels, epochs=1, batch_size=batch_size, lr=lr, seed=seed)
    return _parameters(net)


def _wrong_epoch(order="shuffle", scale="mean", sign=-1.0, drop_last=False):
    """A mistaken epoch: no shuffle, summed gradients, a step uphill or the last short batch lost."""
    def epoch(net, X, labels, batch_size, lr, rng):
        n = len(X)
        batches = (minibatches(n, batch_size, rng) if order == "shuffle"
                   else [np.arange(n)[i:i + batch_size] for i in range(0, n, batch_size)])
        for idx in batches:
            if drop_last and len(idx) < batch_size:
                continue
            grads = net.backward(net.forward(X[idx]), labels[idx])
            factor = len(idx) if scale == "sum" else 1.0
            for p, g in zip(net.parameters(), grads.parameters()):
                p += sign * lr * factor * g
        return net
    return _epoch_of(epoch)


_EPOCH_CASES = [(4, 0.5, 0), (3, 1.0, 1), (11, 0.5, 2), (5, 0.2, 3)]


def check_sgd_epoch(fn):
    """Check fn(net, X, labels, batch_size, lr, rng) → net after one epoch, against Network.fit."""
    return check_function("check_sgd_epoch", _epoch_of(fn), _EPOCH_CASES, _core_epoch, mistakes=[
        ("no_step", "the network did not change: after each batch's backward pass, call net.step(grads, lr).",
         lambda bs, lr, seed: _parameters(_problem(seed)[0])),
        ("sign", "the loss goes up: you stepped up the gradient. Subtract lr·gradient (net.step does).",
         _wrong_epoch(sign=+1.0)),
        ("no_shuffle", "the batches were taken in the data's own order; shuffle first with "
                       "order = rng.permutation(len(X)) and slice that order.", _wrong_epoch(order="fixed")),
        ("sum", "each step is batch_size times too big: you summed the examples' gradients. "
                "Use their mean (net.backward already averages).", _wrong_epoch(scale="sum")),
        ("drop_last", "the last, shorter batch was skipped: when len(X) is not a multiple of "
                      "batch_size, the leftover examples form one more batch.", _wrong_epoch(drop_last=True)),
    ], note=" (The cases use batch sizes 4, 3, 11 and 5 on 11 examples, checked against Network.fit.)")
