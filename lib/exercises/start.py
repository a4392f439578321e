"""Checks for lessons/00_start_here: the error of a prediction and one update step.

The error is note 000's true − predicted, per output (n, n_out); the update is
weights − lr · grad, done by the core's step.
"""
import numpy as np

from ..network import Gradients, Network
from ._verdict import check_function
from .loss import _CASES

__all__ = ["check_error", "check_update"]


def _error(y_hat, y):
    """Note 000's error: true − predicted, per output (n, n_out)."""
    return y - y_hat


def check_error(fn):
    """Check fn(y_hat, y) → the error y − ŷ (true − predicted), same shape as y."""
    return check_function("check_error", fn, _CASES, _error, mistakes=[
        ("sign", "the sign is flipped: the error here is true − predicted, y − ŷ "
         "(positive when the prediction is too low).", lambda y_hat, y: y_hat - y),
        ("absolute", "keep the sign: the error tells the direction of the miss, so no abs().",
         lambda y_hat, y: np.abs(y - y_hat)),
        ("mean", "return one error per output, not their mean: the shape should be the shape of y.",
         lambda y_hat, y: np.mean(y - y_hat)),
    ])


_UPDATE_CASES = [(np.array([[0.5, 0.7]]), np.array([[0.0157, 0.0173]]), 0.1),
                 (np.array([[0.4, 0.3], [0.6, 0.9]]), np.array([[-0.2, 0.1], [0.0, 0.5]]), 0.5)]


def _update(weights, grad, lr):
    """weights − lr·grad, done by the core's step."""
    net = Network.from_parameters([weights], [np.zeros(len(weights))])
    net.step(Gradients([grad], [np.zeros(len(weights))], None), lr)
    return net.weights[0]


def check_update(fn):
    """Check fn(weights, grad, lr) → the weights after one gradient-descent step."""
    return check_function("check_update", fn, _UPDATE_CASES, _update, mistakes=[
        ("sign", "you stepped uphill: move against the gradient, weights − lr·grad.",
         lambda W, g, lr: W + lr * g),
        ("no_lr", "the learning rate is missing: the step is lr·grad, not the whole gradient.",
         lambda W, g, lr: W - g),
        ("grad_only", "you returned the step, not the new weights: weights − lr·grad.",
         lambda W, g, lr: -lr * g),
    ])
