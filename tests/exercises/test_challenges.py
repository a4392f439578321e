"""Lesson 08's checks (backprop.exercises.challenges): gradient norm per layer, weight decay, dropout."""
import numpy as np

from backprop import Network
from backprop.exercises.challenges import (_core_dropout, check_dropout, check_layer_gradient_norms,
                                           check_weight_decay_step)

from ._sweep import Case, sweep


def layer_norms(net, X, labels):
    grads = net.backward(net.forward(X), labels)
    return [np.sqrt((g * g).sum()) for g in grads.weights]


def dropout(a, rate, rng):
    keep = rng.random(a.shape) >= rate
    return np.where(keep, a / (1 - rate), 0.0)


CASES = {
    "layer_gradient_norms": Case(check_layer_gradient_norms, layer_norms, {
        "weights": lambda net, X, l: [np.linalg.norm(W) for W in net.weights],
        "reversed": lambda net, X, l: layer_norms(net, X, l)[::-1],
        "squared": lambda net, X, l: np.square(layer_norms(net, X, l)),
        "delta": lambda net, X, l: [np.linalg.norm(d) for d in net.backward(net.forward(X), l).delta[1:]],
        "biases": lambda net, X, l: [np.sqrt((b * b).sum()) for b in net.backward(net.forward(X), l).biases]}),
    "weight_decay_step": Case(check_weight_decay_step, lambda W, g, lr, wd: (1 - lr * wd) * W - lr * g, {
        "no_decay": lambda W, g, lr, wd: W - lr * g,
        "decay_sign": lambda W, g, lr, wd: W - lr * g + lr * wd * W,
        "decay_no_lr": lambda W, g, lr, wd: W - lr * g - wd * W,
        "half": lambda W, g, lr, wd: W - lr * g - lr * wd * W / 2}),
    "dropout": Case(check_dropout, dropout, {
        "no_rescale": lambda a, r, rng: np.where(rng.random(a.shape) >= r, a, 0.0),
        "swapped": lambda a, r, rng: np.where(rng.random(a.shape) < r, a / (1 - r), 0.0),
        "multiply": lambda a, r, rng: np.where(rng.random(a.shape) >= r, a * (1 - r), 0.0)}),
}

TestSweep = sweep(CASES)


def test_dropout_reference_matches_the_core_forward():
    """The dropout check's reference draws the same mask as Network.forward(dropout=…)."""
    X = np.linspace(0.1, 1.2, 12).reshape(3, 4)
    net = Network.from_parameters([np.eye(4), np.ones((1, 4))], [np.zeros(4), [0.0]], activation="identity")
    trace = net.forward(X, dropout=0.25, rng=np.random.default_rng(5))
    assert np.allclose(trace.sent(1), _core_dropout(X, 0.25, np.random.default_rng(5)))
