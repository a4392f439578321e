"""Checks for lessons/06_gradient_descent: the first-order change of the loss, and the largest stable rate.

One step against the gradient changes the loss by about −lr·‖∇C‖² (the sum of the
squares of every weight's and bias's gradient).

The rate exercise uses one linear neuron ŷ = w·x + b with ½ squared error on five
points: its loss surface over (w, b) is a bowl, and full-batch descent on it
converges exactly when lr < 2 / λ_max, λ_max the largest curvature of the bowl.
"""
import numpy as np

from ..network import Network
from .compare import check_function
from .toolkit import Mistake, finish, table

__all__ = ["check_first_order_change", "check_largest_rate", "rate_exercise_data", "rate_exercise_network"]

ACCEPT_FROM = 0.95          # an answer in [0.95·limit, limit) counts as "the largest"


# ---- the first-order change of the loss ----------------------------------
def _gradients(seed):
    """Gradients of a seeded network on a few examples: note 003's 2-2-1 (seed 0) or a [3, 4, 2] net."""
    if seed == 0:
        net = Network.from_parameters([[[0.4, 0.3], [0.6, 0.9]], [[0.5, 0.7]]], [[0.1, 0.2], [0.3]])
        return net.backward(net.forward([0.5, 0.1]), [0.6])
    rng = np.random.default_rng(seed)
    net = Network([3, 4, 2], activation="tanh", output_activation="identity", seed=seed)
    return net.backward(net.forward(rng.normal(size=(5, 3))), rng.normal(size=(5, 2)))


def _change_of(fn):
    """fn(grads, lr) as a function of (seed, lr), so the verdict prints the seed and lr only."""
    return lambda seed, lr: fn(_gradients(seed), lr)


def _squares(grads, arrays="all"):
    chosen = grads.weights if arrays == "weights" else grads.parameters()
    return sum(float(np.sum(g ** 2)) for g in chosen)


def _norm(grads):
    return np.sqrt(_squares(grads))


_CHANGE_CASES = [(0, 0.1), (1, 0.5), (2, 0.05)]


@table(
    Mistake("sign", "the loss goes *down* after a step against the gradient: the change is −lr·‖∇C‖², "
                    "a negative number.", _change_of(lambda g, lr: lr * _squares(g))),
    Mistake("not_squared", "that is −lr·‖∇C‖, the length of the gradient; the change needs its square, "
                           "the sum of the squares of every entry (no square root).",
            _change_of(lambda g, lr: -lr * _norm(g))),
    Mistake("no_biases", "the biases are missing: ‖∇C‖² adds up the squares of every weight's *and every "
                         "bias's* gradient (grads.biases too).",
            _change_of(lambda g, lr: -lr * _squares(g, "weights"))),
    Mistake("no_lr", "the learning rate is missing: the step is −lr·∇C, so the change is −lr·‖∇C‖².",
            _change_of(lambda g, lr: -_squares(g))),
    Mistake("mean", "you took the mean of the squares; ‖∇C‖² is their sum over every parameter.",
            _change_of(lambda g, lr: -lr * _squares(g) / sum(p.size for p in g.parameters()))),
)
def check_first_order_change(fn):
    """Check fn(grads, lr) → −lr·‖∇C‖², the first-order change of the loss after one step (a float)."""
    return check_function("check_first_order_change", _change_of(fn), _CHANGE_CASES,
                          _change_of(lambda g, lr: -lr * _squares(g)), mistakes=check_first_order_change.mistakes)


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


@table(
    Mistake("not_positive", "a learning rate is a number greater than 0."),
    Mistake("diverges", "that rate diverges: the steps overshoot further each time."),
    Mistake("too_small", "that rate converges, but larger rates still converge too."),
)
def check_largest_rate(fn):
    """Check fn() → the largest learning rate the learner found that still converges on the bowl."""
    name = "check_largest_rate"
    if not callable(fn):
        return finish(name, False, "pass your function itself (no brackets), e.g. check_largest_rate(largest_rate)")
    try:
        rate = fn()
    except Exception as exc:           # the learner's code may raise anything: report it
        return finish(name, False, f"your function raised {type(exc).__name__}: {exc}. Fix it and run again.")
    if rate is None:
        return finish(name, False, "your function returns None — run the experiment and return the rate you found.")
    try:
        rate = float(rate)
    except (TypeError, ValueError):
        return finish(name, False, f"return one number (a learning rate); got {type(rate).__name__}.")
    limit = stability_limit()
    if not np.isfinite(rate) or rate <= 0:
        return finish(name, False, f"a learning rate is a number greater than 0; got {rate!r}.", "not_positive")
    if rate >= limit:
        return finish(name, False, f"with lr = {rate:.3f} the steps overshoot further each time and the loss "
                       "grows without end: that rate diverges. Try smaller rates.", "diverges")
    if rate < ACCEPT_FROM * limit:
        return finish(name, False, f"lr = {rate:.3f} does converge, but larger rates still converge too. "
                       "Keep raising it until the loss stops settling down.", "too_small")
    return finish(name, True, f"lr = {rate:.3f} converges, and rates from {limit:.3f} up diverge.")
