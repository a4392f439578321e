"""Checks for lessons/06_gradient_descent: the update step and the largest stable rate.

The rate exercise uses one linear neuron ŷ = w·x + b with ½ squared error on five
points: its loss surface over (w, b) is a bowl, and full-batch descent on it
converges exactly when lr < 2 / λ_max, λ_max the largest curvature of the bowl.
"""
import numpy as np

from ..network import Network
from ._verdict import _finish, check_function

__all__ = ["check_update_step", "check_largest_rate", "rate_exercise_data", "rate_exercise_network"]

_W = [(np.array([0.5, -1.0, 2.0]), np.array([0.2, 0.4, -0.6]), 0.1),
      (np.array([[0.4, 0.3], [0.6, 0.9]]), np.array([[0.01, -0.02], [0.03, 0.5]]), 0.5),
      (np.array([1.5]), np.array([-2.0]), 0.25)]

ACCEPT_FROM = 0.95          # an answer in [0.95·limit, limit) counts as "the largest"


def check_update_step(fn):
    """Check a learner's gradient step fn(weights, gradient, lr) → new weights (same shape)."""
    return check_function("check_update_step", fn, _W, lambda w, g, lr: w - lr * g, mistakes=[
        ("sign", "you stepped *up* the gradient (w + lr·gradient): the gradient points uphill, "
                 "so subtract it: w − lr·gradient.", lambda w, g, lr: w + lr * g),
        ("no_lr", "the learning rate is missing: scale the gradient by lr before subtracting it.",
         lambda w, g, lr: w - g),
        ("divide_lr", "you divided by the learning rate; multiply instead: w − lr·gradient.",
         lambda w, g, lr: w - g / lr),
        ("change_only", "you returned only the change (−lr·gradient); add it to the old weights.",
         lambda w, g, lr: -lr * g),
    ])


def rate_exercise_data():
    """The five points of the rate exercise: X (5, 1), y (5, 1)."""
    X = np.array([[0.0], [0.5], [1.0], [1.5], [2.0]])
    return X, np.array([[-0.9], [0.1], [0.9], [2.1], [2.9]])


def rate_exercise_network():
    """A fresh linear neuron (w = b = 0) with ½ squared error, the start of every experiment."""
    return Network([1, 1], activation="identity", loss="half_squared_error", init=0.0)


def stability_limit():
    """2 / λ_max of the bowl's curvature matrix mean([x, 1]ᵀ[x, 1]): the first rate that fails."""
    X, _ = rate_exercise_data()
    design = np.hstack([X, np.ones_like(X)])
    curvature = design.T @ design / len(X)
    return 2.0 / np.linalg.eigvalsh(curvature).max()


def check_largest_rate(fn):
    """Check fn() → the largest learning rate the learner found that still converges on the bowl."""
    name = "check_largest_rate"
    if not callable(fn):
        return _finish(name, False, "pass your function itself (no brackets), e.g. check_largest_rate(largest_rate)")
    try:
        rate = fn()
    except Exception as exc:           # the learner's code may raise anything: report it
        return _finish(name, False, f"your function raised {type(exc).__name__}: {exc}. Fix it and run again.")
    if rate is None:
        return _finish(name, False, "your function returns None — run the experiment and return the rate you found.")
    try:
        rate = float(rate)
    except (TypeError, ValueError):
        return _finish(name, False, f"return one number (a learning rate); got {type(rate).__name__}.")
    limit = stability_limit()
    if not np.isfinite(rate) or rate <= 0:
        return _finish(name, False, f"a learning rate is a number greater than 0; got {rate!r}.", "not_positive")
    if rate >= limit:
        return _finish(name, False, f"with lr = {rate:.3f} the steps overshoot further each time and the loss "
                       "grows without end: that rate diverges. Try smaller rates.", "diverges")
    if rate < ACCEPT_FROM * limit:
        return _finish(name, False, f"lr = {rate:.3f} does converge, but larger rates still converge too. "
                       "Keep raising it until the loss stops settling down.", "too_small")
    return _finish(name, True, f"lr = {rate:.3f} converges, and rates from {limit:.3f} up diverge.")
