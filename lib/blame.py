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
