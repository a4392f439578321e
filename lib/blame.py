"""Blame revealed one layer at a time, from the output back.

Introduced in lessons/04_hidden_layer_blame: backward computes delta[L] for the
output layer first, then for each layer before it. These helpers say what is
known after a number of backward steps, for a view that reveals it step by step.
"""
from .network import Gradients


def revealed_layers(depth, steps):
    """Layers L (1-based, output first) whose blame delta[L] is known after ``steps`` backward steps."""
    return list(range(depth, max(depth - int(steps), 0), -1))


def reveal_blame(grads, steps):
    """A copy of ``grads`` keeping only what ``steps`` backward steps know; the rest is None."""
    known = revealed_layers(len(grads.weights), steps)
    keep = [l + 1 in known for l in range(len(grads.weights))]
    return Gradients([g if k else None for g, k in zip(grads.weights, keep)],
                     [g if k else None for g, k in zip(grads.biases, keep)],
                     [None] + [d if k else None for d, k in zip(grads.delta[1:], keep)])


def passed_back(weights, deltas):
    """The blame w·δ each weight passes back, and what each neuron of the layer before receives.

    Lesson 04 (04_hidden_layer_blame): neuron j of layer l+1 sends weights[l][j, k] * delta[l+1][j]
    back along its edge to neuron k of layer l, and neuron k receives the sum over its edges,
    Σ_j w_jk·δ_j = ∂C/∂a_k (what backward multiplies by σ'(z) to get delta[l]).

    ``weights``: weights[l] (n_{l+1}, n_l) for l = 0 .. depth-1; ``deltas``: delta[l+1] of one example,
    shape (n_{l+1},), or None where the backward pass has not reached it (see reveal_blame).
    Returns (passed, received): passed[l] (n_{l+1}, n_l) and received[l] (n_l,), None where delta[l+1] is.
    """
    passed = [None if d is None else W * d[:, None] for W, d in zip(weights, deltas)]
    return passed, [None if p is None else p.sum(axis=0) for p in passed]
