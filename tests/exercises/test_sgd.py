"""Lesson 07's checks (backprop.exercises.sgd): averaging nudges and the spread of mini-batch gradients."""
import numpy as np

from backprop.exercises.sgd import check_average_nudge, check_batch_gradient_spread

from ._sweep import Case, sweep


def average_nudge(net, X, labels):
    total = 0.0
    for x, label in zip(X, labels):
        grads = net.backward(net.forward(x), [label])
        total = total - grads.weights[-1]
    return total / len(X)


def _per_example(net, X, labels):
    return [net.backward(net.forward(x), [label]).weights[-1] for x, label in zip(X, labels)]


def _flat(net, X, labels):
    grads = net.backward(net.forward(X), labels)
    return np.concatenate([g.ravel() for pair in zip(grads.weights, grads.biases) for g in pair])


def spread(net, X, labels, m, rng, trials, pick=None, summed=False, minus_full=True):
    """The mean over trials of ‖g_batch − g_full‖; pick(rng, n, m) chooses each trial's batch."""
    pick = pick or (lambda rng, n, m: rng.choice(n, size=m, replace=False))
    full = _flat(net, X, labels)
    total = 0.0
    for _ in range(trials):
        idx = pick(rng, len(X), m)
        g = _flat(net, X[idx], labels[idx]) * (len(idx) if summed else 1)
        total += np.linalg.norm(g - full) if minus_full else np.linalg.norm(g)
    return total / trials


def spread_permutation(net, X, labels, m, rng, trials):
    return spread(net, X, labels, m, rng, trials, pick=lambda rng, n, m: rng.permutation(n)[:m])


def spread_drawn_once(net, X, labels, m, rng, trials):
    idx = rng.choice(len(X), size=m, replace=False)
    return spread(net, X, labels, m, rng, trials, pick=lambda rng, n, m: idx)


CASES = {
    "average_nudge": Case(check_average_nudge, average_nudge, {
        "sign": lambda net, X, l: sum(_per_example(net, X, l)) / len(X),
        "sum": lambda net, X, l: -sum(_per_example(net, X, l)),
        "one_example": lambda net, X, l: -_per_example(net, X, l)[0],
        "divided_twice": lambda net, X, l: -net.backward(net.forward(X), l).weights[-1] / len(X)}),
    "batch_gradient_spread": Case(check_batch_gradient_spread, spread, {
        "full_batch": lambda *args: spread(*args, pick=lambda rng, n, m: np.arange(n)),
        "same_batch": spread_drawn_once,
        "sum": lambda *args: spread(*args, summed=True),
        "batch_norm": lambda *args: spread(*args, minus_full=False)}),
}

TestSweep = sweep(CASES)


def test_drawing_the_batch_with_a_permutation_also_passes(capsys):
    assert check_batch_gradient_spread(spread_permutation).passed


def test_the_first_m_examples_every_trial_is_named_as_the_same_batch(capsys):
    verdict = check_batch_gradient_spread(lambda *args: spread(*args, pick=lambda rng, n, m: np.arange(m)))
    assert not verdict.passed and verdict.mistake == "same_batch" and "first m" in verdict.message
