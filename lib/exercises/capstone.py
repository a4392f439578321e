"""Checks for lessons/09_build_it_yourself: the learner's own forward and backward passes.

``my_forward(weights, biases, X)`` → (z, a) with z[0] None and a[0] X; ``my_backward(weights,
z, a, y)`` → (grad_weights, grad_biases), sigmoid on every layer, half squared error, batch
mean, any depth. The checks try depths 1–4, widths 1–5 and batches of 1 and 7 (networks
with equal widths first, where a transposed weight still runs and can be named), and
name a mistake at the layer nearest the output where the learner's answer goes wrong.
The other checks of the lesson live in capstone_grad, capstone_sgd and capstone_value.
"""
import numpy as np

from .capstone_ref import slope, backward, deltas, forward, problem
from .capstone_base import arrays, call, differs, ready, same, verdict
from .capstone_grad import check_gradient_check, check_numerical_gradient
from .capstone_sgd import check_sgd, check_softmax_delta
from .capstone_value import check_value

__all__ = ["check_forward", "check_backward", "check_numerical_gradient", "check_gradient_check",
           "check_sgd", "check_softmax_delta", "check_value", "ready"]

# equal widths first (a transposed square matrix still runs), then every shape: depths 1–4, widths 1–5
SIZES = [([3, 3, 3, 3], 7), ([4, 4, 4, 4, 4], 7), ([2, 2], 1), ([5, 5, 5], 1),
         ([5, 4, 3, 2, 1], 7), ([1, 3, 2], 1), ([2, 5, 1], 7), ([4, 1, 3], 7), ([3, 2], 7)]


def _maybe(compute):
    """compute(), or None where its shapes do not fit (a mistake that could not have run here)."""
    try:
        return compute()
    except ValueError:
        return None


def _cases():
    return [problem(sizes, n, seed) for seed, (sizes, n) in enumerate(SIZES)]


def _copy(items):
    return [None if x is None else np.array(x, dtype=float) for x in items]


# ---- forward ----------------------------------------------------------------------------
def check_forward(fn):
    """Check fn(weights, biases, X) → (z, a): lists of depth + 1 arrays (n, n_L), z[0] None, a[0] X."""
    for weights, biases, X, _ in _cases():
        out, problem_ = call(fn, (_copy(weights), _copy(biases), X.copy()), "Start with z, a = [None], [X]; for "
                             "each W, b append a[-1] @ W.T + b to z, then its sigmoid to a.")
        if not problem_:
            problem_, code = _forward_problem(out, weights, biases, X)
        if problem_:
            return verdict("check_forward", problem_, code if out is not None else "")
    return verdict("check_forward", "")


def _forward_problem(out, weights, biases, X):
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        return "return two lists, z and a: `return z, a`.", "shape"
    depth = len(weights)
    if isinstance(out[0], (list, tuple)) and len(out[0]) == depth and len(out[1]) == depth:
        return ("z and a have one entry per layer of weights but should have one more: z[0] is None and "
                "a[0] is X, so that z[L], a[L] are layer L's, as in the lesson's maths.", "off_by_one")
    (z, msg_z), (a, msg_a) = arrays(out[0], depth + 1, "z"), arrays(out[1], depth + 1, "a")
    if msg_z or msg_a:
        return msg_z or msg_a, "shape"
    ref_z, ref_a = forward(weights, biases, X)
    if z[0] is not None or not same(a[0], X):
        return "start the lists with z[0] = None (the input has no weighted input) and a[0] = X.", "off_by_one"
    for L in range(1, depth + 1):
        if same(z[L], ref_z[L]) and same(a[L], ref_a[L]):
            continue
        W, b, before = weights[L - 1], biases[L - 1], ref_a[L - 1]
        if z[L].shape != ref_z[L].shape:
            return (f"z[{L}] has shape {z[L].shape} but should have {ref_z[L].shape} (one row per example): "
                    "compute a[L-1] @ weights[L-1].T + biases[L-1].", "shape")
        if not same(z[L], ref_z[L]):
            for code, z_wrong, hint in [
                    ("no_bias", before @ W.T, "the bias is missing: z = a_before @ weights.T + biases."),
                    ("transposed", _maybe(lambda: before @ W + b), "the weights are transposed: weights[L-1] "
                     "has shape (n_L, n_{L-1}), one row per neuron, so z = a[L-1] @ weights[L-1].T + biases[L-1]."),
                    ("z_is_a", ref_a[L], f"z[{L}] holds σ(z): keep the weighted input, before the sigmoid, in z.")]:
                if z_wrong is not None and same(z[L], z_wrong):
                    return f"layer {L}: {hint}", code
            return differs(f"z[{L}]", ref_z[L], z[L]), ""
        if same(a[L], ref_z[L]):
            return f"layer {L}: a = z, the activation is missing: a[L] = σ(z[L]) = 1 / (1 + e^(−z)).", "no_sigmoid"
        return differs(f"a[{L}]", ref_a[L], a[L]), ""
    return "", ""


# ---- backward ---------------------------------------------------------------------------
def check_backward(fn):
    """Check fn(weights, z, a, y) → (grad_weights, grad_biases) on depths 1–4, widths 1–5, batches 1 and 7."""
    for weights, biases, X, y in _cases():
        z, a = forward(weights, biases, X)
        out, problem_ = call(fn, (_copy(weights), _copy(z), _copy(a), y.copy()), "Start from delta = (a[-1] - y) "
                             "* sigmoid_prime(z[-1]) and walk L from the last layer down to 1: section 2's five lines.")
        code = ""
        if not problem_:
            problem_, code = _backward_problem(out, weights, z, a, y)
        if problem_:
            return verdict("check_backward", problem_, code)
    return verdict("check_backward", "")


def _backward_problem(out, weights, z, a, y):
    depth, n = len(weights), len(y)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        return "return two lists: `return grad_weights, grad_biases`.", "shape"
    if all(isinstance(g, (list, tuple)) and len(g) == depth + 1 and g[0] is None for g in out):
        return ("your lists start with None, like z and a: but weights[0] is layer 1's, so grad_weights[0] "
                "must be its gradient — the lists have one entry per layer of weights.", "off_by_one")
    (gw, msg_w), (gb, msg_b) = arrays(out[0], depth, "grad_weights"), arrays(out[1], depth, "grad_biases")
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
        if same(gw[L - 1], ref_w[L - 1]) and same(gb[L - 1], ref_b[L - 1]):
            continue
        return _name_layer(L, gw[L - 1], gb[L - 1], weights, z, a, y, delta)
    return "", ""


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


def _name_layer(L, gw, gb, weights, z, a, y, delta):
    """The mistake that turns the right delta above layer L into this layer's answer, or 'differs'."""
    n, depth = len(y), len(weights)
    grads = lambda d: (d.T @ a[L - 1] / n, d.mean(axis=0))           # noqa: E731 — the right rule on any delta
    if L == depth:
        upstream, where = a[L] - y, "the output layer"
        guesses = [("no_output_slope", upstream, "σ'(z) of the output layer is forgotten: "
                    "delta_out = (a_out − y) ⊙ σ'(z_out).")]
    else:
        upstream, where = delta[L + 1] @ weights[L], f"layer {L}"
        W_next, W_own = weights[L], weights[L - 1]
        guesses = [("transposed", _maybe(lambda: (delta[L + 1] @ W_next.T) * slope(z[L])), "the weight in the delta recursion is transposed: weights[L][j, k] joins neuron k "
                    "of this layer to neuron j of the next, so delta[L] = (delta[L+1] @ weights[L]) ⊙ σ'(z[L]) "
                    "— no .T."),
                   ("off_by_one", _maybe(lambda: (delta[L + 1] @ W_own) * slope(z[L])), "layers off by one: the blame of layer L comes back "
                    "through the weights of layer L+1, which are weights[L] (weights count from 0), "
                    "not weights[L-1]."),
                   ("no_hidden_slope", upstream, "σ'(z) is missing in the recursion: "
                    "delta[L] = (delta[L+1] @ weights[L]) ⊙ σ'(z[L]).")]
    guesses += [("slope_at_a", upstream * slope(a[L]), "σ' is taken at a instead of z: σ'(z) = σ(z)(1 − σ(z)), "
                 "which is a(1 − a) — not σ'(a)."),
                ("a1a_of_z", upstream * z[L] * (1 - z[L]), "a(1 − a) was applied to z: the slope is "
                 "σ(z)(1 − σ(z)) = a(1 − a) with a = σ(z), not z(1 − z).")]
    if L == depth:
        guesses.append(("factor_2", 2 * delta[L], "a factor 2: the loss here is ½(ŷ − y)², whose derivative "
                        "is ŷ − y, not 2(ŷ − y)."))
    for code, d, hint in guesses:
        if d is not None and d.shape == delta[L].shape and (same(gw, grads(d)[0]) or same(gb, grads(d)[1])):
            return f"{where}: {hint}", code
    right_w, right_b = grads(delta[L])
    if n > 1 and (same(gw, right_w * n) or same(gb, right_b * n)):
        return (f"{where}: your gradient is {n} times too large for a batch of {n}: the 1/n is missing "
                "(a sum over the examples instead of their mean)."), "sum"
    if gb.shape == (delta[L].shape[1],) and n == delta[L].shape[1] and same(gb, delta[L].mean(axis=1)):
        return f"{where}: the mean is over the wrong axis — average over the examples, axis=0.", "wrong_axis"
    if a[L].shape == a[L - 1].shape and same(gw, delta[L].T @ a[L] / n):
        return (f"{where}: layers off by one: ∂C/∂weights[L-1] = delta[L].T @ a[L-1] / n uses the activation "
                "of the layer before, a[L-1], not a[L]."), "off_by_one"
    if same(gw, right_w.T):
        return (f"{where}: your weight gradient is transposed: ∂C/∂weights[L-1] = delta[L].T @ a[L-1] / n has "
                "the weights' shape, (n_L, n_{L-1})."), "shape"
    if same(gw, -right_w) and same(gb, -right_b):
        return f"{where}: the sign is flipped: delta_out = (a_out − y) ⊙ σ'(z_out), not (y − a_out).", "sign"
    return differs(f"the gradient of {where}'s weights", right_w, gw), ""
