"""Blame revealed one layer at a time, from the output back.

Introduced in lessons/04_hidden_layer_blame: backward computes delta[L] for the
output layer first, then for each layer before it. These helpers say what is
known after a number of backward steps, for a view that reveals it step by step.
"""
import numpy as np

from .graph_rules import fmt
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


_NAMES = {"sigmoid": "σ"}
_SUP, _SUB = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"), str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _named(letter, layer, *index):
    """'δ⁽²⁾₁', 'a⁽¹⁾₂', or 'x₁' for layer 0's activations: the lessons' names, counted from 1."""
    tail = "".join(str(i + 1).translate(_SUB) for i in index)
    return f"x{tail}" if letter == "a" and layer == 0 else f"{letter}⁽{str(layer).translate(_SUP)}⁾{tail}"


def why_parameter(net, trace, grads, y, key):
    """(gradient, blame): a parameter's ∂C/∂p for one example as δ · a with its numbers, and that δ as the sum
    over the paths it collects blame from, times the slope f′(z) — lessons/04_hidden_layer_blame's rules.

    ``trace``, ``grads``: the core's forward and backward pass of one example (row 0); ``y`` (1, n_out);
    ``key``: ('weights', l, j, k) or ('biases', l, j)."""
    l, j = key[1], key[2]
    delta = grads.delta[l + 1][0]
    d = _named("δ", l + 1, j)
    if key[0] == "weights":
        a, k = trace.a[l][0], key[3]
        gradient = (f"∂C/∂{_named('w', l + 1, j, k)} = {d} · {_named('a', l, k)} = {fmt(delta[j])} × {fmt(a[k])} "
                    f"= {fmt(delta[j] * a[k])}")
    else:
        gradient = f"∂C/∂{_named('b', l + 1, j)} = {d} · 1 = {fmt(delta[j])}"
    return gradient, _why_delta(net, trace, grads, y, l + 1, j)


def _why_delta(net, trace, grads, y, L, j):
    """δ⁽ᴸ⁾ⱼ in words: f′(z) times ∂C/∂a, which is the loss's slope at the output, else Σ over the next layer."""
    f, d, depth = net.activations[L - 1], grads.delta[L][0], len(net.sizes) - 1
    slope_name = _NAMES.get(f.name, f.name) + "′(z)"
    z, a = trace.z[L][:1], trace.a[L][:1]
    if not f.elementwise:
        return f"{_named('δ', L, j)} = {fmt(d[j])}, from the output layer's {f.name} and its loss together"
    slope = f.backward(z, a, np.ones_like(z))[0, j]
    if L == depth:
        dC_da = net.loss_function.grad(trace.y_hat[:1], np.asarray(y, float)[:1])[0, j]
        return (f"{_named('δ', L, j)} = ∂C/∂ŷ · {slope_name} = {fmt(dC_da)} × {fmt(slope)} = {fmt(d[j])} "
                "(an output neuron: its blame comes from the loss)")
    W, after = trace.parameters[2 * L], grads.delta[L + 1][0]
    terms = " + ".join(f"{fmt(W[i, j])} × {fmt(after[i])}" for i in range(len(after)))
    paths = f"the {len(after)} neurons it feeds" if len(after) > 1 else "the one neuron it feeds"
    return (f"{_named('δ', L, j)} = {slope_name} · Σ w·δ over {paths} = {fmt(slope)} × ({terms}) "
            f"= {fmt(slope)} × {fmt(W[:, j] @ after)} = {fmt(d[j])}")
