"""What BlameExplorer's diagram shows in each mode: its marks, title and text alternative, from state alone.

Used by widgets/blame.py (lessons/04_hidden_layer_blame, 05_worked_example). The forward pass shows
a and w, the blame δ and ∂C/∂w, and "passed" the blame w·δ each weight sends back to its upstream neuron.
"""
import numpy as np

from backprop.parameters import gradient_of


def diagram_marks(diagram, s):
    """(marks, title) of a NetworkFigure for the view's state ``s`` in its mode."""
    key, trace, depth = s["parameter"], s["trace"], len(s["trace"].z) - 1
    weights = trace.parameters[0::2]
    if s["mode"] == "forward":
        y_hat = ", ".join(f"{v:.4f}" for v in s["y_hat"])
        return (diagram.forward([a[0] for a in trace.a], weights, key),
                f"forward pass: ŷ = {y_hat}, C = {s['loss']:.5f}, η = {s['lr']:.2f}")
    back = f"{len(s['revealed'])} of {depth} layers back, C = {s['loss']:.5f}, η = {s['lr']:.2f}"
    if s["mode"] == "blame":
        deltas = [None if d is None else d[0] for d in s["shown"].delta[1:]]
        return diagram.blame(deltas, s["shown"].weights, key), f"blame δ and ∂C/∂w: {back}"
    return diagram.passed(s["received"], s["passed"], key), f"blame passed back w·δ, summed per neuron: {back}"


def describe(s, title):
    """The figure's text alternative: its title, then every number it shows, layer by layer."""
    trace = s["trace"]
    depth, sizes = len(trace.z) - 1, [a.shape[1] for a in trace.a]
    if s["mode"] == "forward":
        parts = [f"x = {words(s['x'], '.3f')}"] + [f"a[{L}] = {words(trace.a[L][0], '.3f')}"
                                                    for L in range(1, depth + 1)]
        parts += [f"weights[{l}] = {words(w, '+.2f')}" for l, w in enumerate(trace.parameters[0::2])]
    elif s["mode"] == "blame":
        shown = s["shown"]
        parts = [f"delta[{L}] = {words(shown.delta[L], '+.4f')}" for L in range(depth, 0, -1)]
        parts += [f"dC/dweights[{l}] = {words(shown.weights[l], '+.4f')}" for l in range(depth - 1, -1, -1)]
    else:
        parts = [f"delta[{depth}] = {words(s['received'][depth], '+.4f')}"]
        parts += [f"w·δ through weights[{l}] = {words(s['passed'][l], '+.4f')}, received by layer {l}: "
                  f"{words(s['received'][l], '+.4f')}" for l in range(depth - 1, -1, -1)]
    return f"Network {'-'.join(map(str, sizes))}, {title}: " + "; ".join(parts) + f"; {s['label']} highlighted."


def parameter_rows(s):
    """(label, value, ∂C/∂p or None) of every parameter, from the state's trace and gradients: the readout's
    table; a gradient is None in a layer the backward steps shown have not reached."""
    trace, grads = s["trace"], s["gradients"]
    known = range(1, len(trace.z)) if s["mode"] == "forward" else s["revealed"]
    values = {"weights": trace.parameters[0::2], "biases": trace.parameters[1::2]}
    return [(label, float(values[key[0]][key[1]][key[2:]]),
             gradient_of(grads, key) if key[1] + 1 in known else None) for label, key in s["keys"]]


def words(values, fmt):
    """Numbers for the text alternative: '(0.500, 0.100)', rows in brackets, or '?' when unknown (None)."""
    if values is None:
        return "?"
    values = np.asarray(values)
    if values.ndim > 1 and values.shape[0] > 1:
        return "[" + ", ".join(words(row, fmt) for row in values) + "]"
    return "(" + ", ".join(f"{v:{fmt}}" for v in values.ravel()) + ")"
