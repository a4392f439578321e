"""Lesson 07's checks (backprop.exercises.sgd): averaging nudges and one epoch of mini-batch SGD."""
import numpy as np

from backprop import minibatches
from backprop.exercises.sgd import check_average_nudge, check_sgd_epoch

from ._sweep import Case, sweep


def average_nudge(net, X, labels):
    total = 0.0
    for x, label in zip(X, labels):
        grads = net.backward(net.forward(x), [label])
        total = total - grads.weights[-1]
    return total / len(X)


def _per_example(net, X, labels):
    return [net.backward(net.forward(x), [label]).weights[-1] for x, label in zip(X, labels)]


def sgd_epoch(net, X, labels, batch_size, lr, rng):
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        idx = order[start:start + batch_size]
        net.step(net.backward(net.forward(X[idx]), labels[idx]), lr)
    return net


def _step_with(net, grads, lr, sign=-1.0, factor=1.0):
    for p, g in zip(net.parameters(), [g for pair in zip(grads.weights, grads.biases) for g in pair]):
        p += sign * lr * factor * g


def epoch_sum(net, X, labels, bs, lr, rng):
    for idx in minibatches(len(X), bs, rng):
        _step_with(net, net.backward(net.forward(X[idx]), labels[idx]), lr, factor=len(idx))
    return net


def epoch_no_shuffle(net, X, labels, bs, lr, rng):
    for start in range(0, len(X), bs):
        idx = np.arange(start, min(start + bs, len(X)))
        net.step(net.backward(net.forward(X[idx]), labels[idx]), lr)
    return net


def epoch_uphill(net, X, labels, bs, lr, rng):
    for idx in minibatches(len(X), bs, rng):
        _step_with(net, net.backward(net.forward(X[idx]), labels[idx]), lr, sign=+1.0)
    return net


def epoch_drop_last(net, X, labels, bs, lr, rng):
    order = rng.permutation(len(X))
    for start in range(0, len(X) - bs + 1, bs):
        idx = order[start:start + bs]
        net.step(net.backward(net.forward(X[idx]), labels[idx]), lr)
    return net


def epoch_then_shift(net, *rest):
    """A right epoch, then every parameter moved by 0.123: wrong in a way no hint names."""
    sgd_epoch(net, *rest)
    for p in net.parameters():
        p += 0.123
    return net


CASES = {
    "average_nudge": Case(check_average_nudge, average_nudge, {
        "sign": lambda net, X, l: sum(_per_example(net, X, l)) / len(X),
        "sum": lambda net, X, l: -sum(_per_example(net, X, l)),
        "one_example": lambda net, X, l: -_per_example(net, X, l)[0],
        "divided_twice": lambda net, X, l: -net.backward(net.forward(X), l).weights[-1] / len(X)}),
    "sgd_epoch": Case(check_sgd_epoch, sgd_epoch, {
        "no_step": lambda net, *rest: net, "sign": epoch_uphill, "no_shuffle": epoch_no_shuffle,
        "sum": epoch_sum, "drop_last": epoch_drop_last},
        unrecognised=epoch_then_shift),
}

TestSweep = sweep(CASES)
