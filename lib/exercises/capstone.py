"""Checks for lessons/09_build_it_yourself, and here: the learner's backward pass for any depth.

``my_backward(weights, z, a, y)`` → (grad_weights, grad_biases): sigmoid on every layer, half
squared error, batch means, one array per layer of its parameter's shape. The check tries
depths 1–4, widths 1–5 and batches of 1 and 7 (equal widths first, where a transposed weight
still runs and can be named), and names a mistake at the layer nearest the output whose
gradient is wrong, by rebuilding that layer from the right delta above it (capstone_layers).
The other checks live in capstone_forward, capstone_numeric, capstone_gradcheck,
capstone_sgd, capstone_softmax and capstone_value; lesson 09 imports them all from backprop.exercises.
"""
import numpy as np

from .capstone_base import arrays, changed_lists, layers, learner_call, ready
from .capstone_forward import check_forward
from .capstone_gradcheck import check_gradient_check
from .capstone_layers import DELTA_SLIPS, name_layer
from .capstone_numeric import check_numerical_gradient
from .capstone_ref import backward, cases, copies, deltas, forward
from .capstone_sgd import check_sgd
from .capstone_softmax import check_softmax_delta
from .capstone_value import check_value
from .toolkit import Mistake, same, table, verdict

__all__ = ["check_forward", "check_backward", "check_numerical_gradient", "check_gradient_check",
           "check_sgd", "check_softmax_delta", "check_value", "ready"]


_NEW_DELTA = ("Make delta a new array, delta = (a[-1] - y) * sigmoid_prime(z[-1]), never a[-1] -= y or delta *= … "
              "on an array you were given: lesson 09 calls my_backward twice on the same z and a.")


@table(
    Mistake("changed_input", "an array passed in (weights, z, a or y) was changed in place."),
    Mistake("shape", "a gradient or the pair returned has the wrong shape (the hint says which)."),
    Mistake("off_by_one", "the lists are shifted or reversed, or a[L] is used where a[L-1] belongs."),
    Mistake("wrong_axis", "the bias gradient is averaged over the wrong axis."),
    Mistake("delta_out", "the parameter delta_out is ignored or missing."),
    *DELTA_SLIPS,
    Mistake("sum", "the 1/n is missing: a sum over the examples instead of their mean."),
    Mistake("sign", "the sign is flipped: y − a_out where a_out − y belongs."),
)
def check_backward(fn):
    """Check fn(weights, z, a, y) → (grad_weights, grad_biases) on depths 1–4, widths 1–5, batches 1 and 7."""
    for weights, biases, X, y in cases():
        z, a = forward(weights, biases, X)
        given = dict(weights=copies(weights), z=copies(z), a=copies(a), y=y.copy())
        out, problem = learner_call(fn, tuple(given.values()),
                                    "Start from delta = (a[-1] - y) * sigmoid_prime(z[-1]) and walk L from the last "
                                    "layer down to 1: section 2's five lines.", shapes=_SHAPES)
        code = ""
        if not problem:
            problem, code = changed_lists(given, dict(weights=weights, z=z, a=a, y=y), _NEW_DELTA), "changed_input"
        if not problem:
            problem, code = _backward_problem(out, weights, z, a, y)
        if problem:
            return verdict("check_backward", problem, code)
    return verdict("check_backward", *_delta_out_problem(fn))


def _delta_out_problem(fn):
    """("", "") when fn(…, delta_out=D) starts the recursion from D (section 7's softmax swap needs it)."""
    weights, biases, X, y = cases()[0]
    z, a = forward(weights, biases, X)
    given = np.random.default_rng(9).normal(size=a[-1].shape)
    out, problem = learner_call(lambda: fn(copies(weights), copies(z), copies(a), y.copy(), delta_out=given.copy()),
                                ())
    keep = ("keep the parameter delta_out=None: when it is given, use it as the output layer's delta instead of "
            "(a_out - y) * σ'(z_out) (section 7 passes the softmax one).")
    if problem:
        return f"{keep} Called with delta_out, {problem}", "delta_out"
    right_w, right_b = backward(weights, z, a, y, delta_out=given)
    if not _same_gradients(out, right_w, right_b):
        return f"every test passed without delta_out, but with delta_out given the gradients differ: {keep}", \
            "delta_out"
    return "", ""


def _backward_problem(out, weights, z, a, y):
    depth, n = len(weights), len(y)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        return "return two lists: `return grad_weights, grad_biases`.", "shape"
    if all(isinstance(g, (list, tuple)) and len(g) == depth + 1 and g[0] is None for g in out):
        return ("your lists start with None, like z and a: but weights[0] is layer 1's, so grad_weights[0] "
                "must be its gradient — the lists have one entry per layer of weights.", "off_by_one")
    (gw, msg_w), (gb, msg_b) = (arrays(out[0], depth, "grad_weights", _not_reached),
                                arrays(out[1], depth, "grad_biases", _not_reached))
    if msg_w or msg_b:
        return msg_w or msg_b, "shape"
    ref_w, ref_b = backward(weights, z, a, y)
    shape = _shape_problem(gw, gb, ref_w, ref_b, n)
    if shape[0]:
        return shape
    if depth > 1 and all(same(g, r) for g, r in zip(gw[::-1] + gb[::-1], ref_w + ref_b)):
        return ("your lists run from the output back to the input: grad_weights[l] must be the gradient of "
                "weights[l], so grad_weights[0] is layer 1's — reverse them before returning."), "off_by_one"
    delta = deltas(weights, z, a, y)
    for L in range(depth, 0, -1):               # the layer nearest the output that is wrong
        if not (same(gw[L - 1], ref_w[L - 1]) and same(gb[L - 1], ref_b[L - 1])):
            return name_layer(L, gw[L - 1], gb[L - 1], weights, z, a, y, delta)
    return "", ""


_SHAPES = ("The shapes of a product do not fit. delta[L] is (n, n_L), a[L-1] is (n, n_{L-1}) and weights[L-1] "
           "is (n_L, n_{L-1}): grad_weights[L-1] = delta.T @ a[L-1] / n, and the delta of the layer below is "
           "(delta @ weights[L-1]) * sigmoid_prime(z[L-1]).")


def _not_reached(indices):
    """Why grad_weights[i] (layer i + 1) was left None: the loop stopped before that layer."""
    return (f"the loop did not reach {layers([i + 1 for i in indices])} — walk L from len(weights) down to 1 "
            "(for L in range(len(weights), 0, -1)): fill grad_weights[L-1] and grad_biases[L-1], then pass the "
            "blame down, delta = (delta @ weights[L-1]) * sigmoid_prime(z[L-1]).")


def _same_gradients(out, right_w, right_b):
    """True when out is (grad_weights, grad_biases) equal to the right ones."""
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        return False
    (gw, msg_w), (gb, msg_b) = arrays(out[0], len(right_w), "grad_weights"), arrays(out[1], len(right_b), "")
    return not (msg_w or msg_b) and all(same(g, r) for g, r in zip(gw + gb, right_w + right_b))


def _shape_problem(gw, gb, ref_w, ref_b, n):
    for l, (g, r) in enumerate(zip(gw, ref_w)):
        if g.shape != r.shape:
            hint = " — it looks transposed: delta.T @ a[L-1]" if g.shape == r.shape[::-1] else ""
            return f"grad_weights[{l}] has shape {g.shape} but weights[{l}] has {r.shape}{hint}.", "shape"
    for l, (g, r) in enumerate(zip(gb, ref_b)):
        if g.shape == (n,) and g.shape != r.shape:
            return (f"grad_biases[{l}] has shape {g.shape}, one number per example: you averaged over the "
                    "wrong axis. Average over the examples (the rows): delta.mean(axis=0)."), "wrong_axis"
        if g.shape != r.shape:
            return f"grad_biases[{l}] has shape {g.shape} but biases[{l}] has {r.shape}.", "shape"
    return "", ""
