"""Checks for lessons/00_start_here: one round of the learning cycle, and one update step.

The round is the core's own: forward, loss, backward, step; the update is weights − lr · grad,
done by the core's step. (The error's sign convention is drilled in lesson 02, not here.)
"""
import numpy as np

from ..data import worked_example
from ..network import Gradients, Network
from .compare import check_function
from .toolkit import Mistake, table

__all__ = ["check_cycle", "check_update"]

# x (n, n_in), y (n, n_out), lr: note 003's network for two inputs, a seeded 3-2-2 one for three
_CYCLE_CASES = [(np.array([[0.5, 0.1]]), np.array([[0.6]]), 0.1),
                (np.array([[1.0, -0.5, 0.2], [0.3, 0.8, -1.0]]), np.array([[0.0, 1.0], [1.0, 0.0]]), 0.5)]


def _network_for(x):
    """A fresh network for the case: note 003's 2-2-1 for two inputs, else Network([3, 2, 2], seed=1)."""
    return worked_example()[0] if x.shape[1] == 2 else Network([3, 2, 2], seed=1)


def _round_of(fn):
    """fn(net, x, y, lr) run on a fresh network → [the loss it returned, every parameter after] (or its answer)."""
    def run(x, y, lr):
        net = _network_for(x)
        loss = fn(net, x, y, lr)
        if loss is None:
            return None
        if np.size(loss) != 1:
            raise ValueError(f"it returned {np.size(loss)} numbers; return the loss as one number")
        return np.concatenate([[float(np.asarray(loss, dtype=float).ravel()[0])],
                               *[p.ravel() for p in net.parameters()]])
    return run


def _cycle(net, x, y, lr):
    """One round: forward, loss (returned), backward, update in place — the core's four calls."""
    trace = net.forward(x)
    loss = net.loss_of(trace, y)
    net.step(net.backward(trace, y), lr)
    return loss


def _loss_after(net, x, y, lr):
    _cycle(net, x, y, lr)
    return net.loss(x, y)


def _no_step(net, x, y, lr):
    return net.loss(x, y)


def _fixed_rate(net, x, y, lr):
    return _cycle(net, x, y, 1.0)


def _two_steps(net, x, y, lr):
    loss = _cycle(net, x, y, lr)
    net.step(net.backward(net.forward(x), y), lr)
    return loss


@table(
    Mistake("loss_after", "you returned the loss after the update: return the loss the forward pass measured, "
            "before the step (the cycle scores the prediction it just made).", _round_of(_loss_after)),
    Mistake("no_step", "the weights did not change: finish the round with net.step(grads, lr).", _round_of(_no_step)),
    Mistake("fixed_rate", "the step used a learning rate of 1: pass lr, the argument, to net.step.",
            _round_of(_fixed_rate)),
    Mistake("two_steps", "the weights moved twice: one round is one forward, one backward and one step.",
            _round_of(_two_steps)),
)
def check_cycle(fn):
    """Check fn(net, x, y, lr): one round of the cycle on net (in place), returning the loss before the update."""
    return check_function("check_cycle", _round_of(fn), _CYCLE_CASES, _round_of(_cycle),
                          mistakes=check_cycle.mistakes,
                          note=" Your round ran forward, loss, backward and update, as the core does.")


_UPDATE_CASES = [(np.array([[0.5, 0.7]]), np.array([[0.0157, 0.0173]]), 0.1),
                 (np.array([[0.4, 0.3], [0.6, 0.9]]), np.array([[-0.2, 0.1], [0.0, 0.5]]), 0.5)]


def _update(weights, grad, lr):
    """weights − lr·grad, done by the core's step."""
    net = Network.from_parameters([weights], [np.zeros(len(weights))])
    net.step(Gradients([grad], [np.zeros(len(weights))], None), lr)
    return net.weights[0]


@table(
    Mistake("sign", "you stepped uphill: move against the gradient, weights − lr·grad.",
            lambda W, g, lr: W + lr * g),
    Mistake("no_lr", "the learning rate is missing: the step is lr·grad, not the whole gradient.",
            lambda W, g, lr: W - g),
    Mistake("grad_only", "you returned the step, not the new weights: weights − lr·grad.",
            lambda W, g, lr: -lr * g),
)
def check_update(fn):
    """Check fn(weights, grad, lr) → the weights after one gradient-descent step."""
    return check_function("check_update", fn, _UPDATE_CASES, _update, mistakes=check_update.mistakes)
