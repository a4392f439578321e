"""Check for lessons/09_build_it_yourself: the learner's forward pass, ``my_forward(weights, biases, X)``.

It returns (z, a): lists of depth + 1 entries, z[0] None and a[0] X, then z[L] = a[L-1] @
weights[L-1].T + biases[L-1] and a[L] = σ(z[L]), each (n, n_L). A mistake is named at the
first layer where the learner's z or a goes wrong, from the right a of the layer before.
"""
from dataclasses import replace

from .capstone_base import arrays, changed_lists, layers, learner_call
from .capstone_ref import cases, copies, forward, maybe
from .toolkit import Mistake, differs, first_named, same, table, verdict

__all__ = ["check_forward"]


_NO_BIAS = Mistake("no_bias", "the bias is missing: z = a_before @ weights.T + biases.")
_TRANSPOSED = Mistake("transposed", "the weights are transposed: weights[L-1] has shape (n_L, n_{L-1}), one row per "
                      "neuron, so z = a[L-1] @ weights[L-1].T + biases[L-1].")
_NEW_ARRAYS = ("Compute each z and a into a new array (z = a[-1] @ W.T + b; a = sigmoid(z)): lesson 09 passes "
               "the weights of its own network, which must stay as they were.")


@table(
    Mistake("changed_input", "an array passed in (weights, biases or X) was changed in place."),
    Mistake("shape", "z, a or one of their entries has the wrong shape or is missing (the hint says which)."),
    Mistake("off_by_one", "z and a do not start with None and X, so z[L], a[L] are not layer L's."),
    _NO_BIAS, _TRANSPOSED,
    Mistake("z_is_a", "z[L] holds σ(z), not the weighted input."),
    Mistake("no_sigmoid", "a = z: the activation is missing."),
)
def check_forward(fn):
    """Check fn(weights, biases, X) → (z, a): lists of depth + 1 arrays (n, n_L), z[0] None, a[0] X."""
    for weights, biases, X, _ in cases():
        given = dict(weights=copies(weights), biases=copies(biases), X=X.copy())
        out, problem = learner_call(fn, tuple(given.values()), "Start with z, a = [None], [X]; for each W, b append "
                                    "a[-1] @ W.T + b to z, then its sigmoid to a.", shapes=_SHAPES)
        code = ""
        if not problem:
            problem, code = changed_lists(given, dict(weights=weights, biases=biases, X=X), _NEW_ARRAYS), \
                "changed_input"
        if not problem:
            problem, code = _layout_problem(out, len(weights), X)
        if not problem:
            problem, code = _layer_problem(out, weights, biases, X)
        if problem:
            return verdict("check_forward", problem, code)
    return verdict("check_forward", "")


_SHAPES = ("The shapes of a product do not fit. X is (n, n_in) — one row per example — and each W is "
           "(n_out, n_in), one row per neuron: so z = X @ W.T + b, (n, n_out); in general z[L] = a[L-1] @ "
           "weights[L-1].T + biases[L-1].")


def _not_reached(indices):
    """Why z[L] or a[L] was left None: the loop stopped before layer L."""
    return (f"{layers(indices)} {'were' if len(indices) > 1 else 'was'} never computed — loop over every layer, "
            "for W, b in zip(weights, biases), computing z = a[-1] @ W.T + b and a = sigmoid(z) each time.")


def _layout_problem(out, depth, X):
    """(hint, code) when the answer is not two lists of depth + 1 arrays starting with None and X."""
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        return "return two lists, z and a: `return z, a`.", "shape"
    if all(isinstance(v, (list, tuple)) and len(v) == depth for v in out):
        return ("z and a have one entry per layer of weights but should have one more: z[0] is None and "
                "a[0] is X, so that z[L], a[L] are layer L's, as in the lesson's maths.", "off_by_one")
    (z, msg_z), (a, msg_a) = (arrays(out[0], depth + 1, "z", _not_reached, none_ok=(0,)),
                              arrays(out[1], depth + 1, "a", _not_reached, none_ok=(0,)))
    if msg_z or msg_a:
        return msg_z or msg_a, "shape"
    if z[0] is not None or not same(a[0], X):
        return "start the lists with z[0] = None (the input has no weighted input) and a[0] = X.", "off_by_one"
    return "", ""


def _layer_problem(out, weights, biases, X):
    """(hint, code) for the first layer whose z or a differs from the reference ("", "" when none does)."""
    (z, _), (a, _) = (arrays(out[0], len(weights) + 1, "z", none_ok=(0,)),
                      arrays(out[1], len(weights) + 1, "a", none_ok=(0,)))
    ref_z, ref_a = forward(weights, biases, X)
    for L in range(1, len(weights) + 1):
        W, b, before = weights[L - 1], biases[L - 1], ref_a[L - 1]
        if z[L].shape != ref_z[L].shape:
            return (f"z[{L}] has shape {z[L].shape} but should have {ref_z[L].shape} (one row per example): "
                    "compute a[L-1] @ weights[L-1].T + biases[L-1].", "shape")
        if not same(z[L], ref_z[L]):
            named = first_named([replace(_NO_BIAS, wrong=before @ W.T),
                                 replace(_TRANSPOSED, wrong=maybe(lambda: before @ W + b)),
                                 Mistake("z_is_a", f"z[{L}] holds σ(z): keep the weighted input, before the sigmoid, "
                                         "in z.", ref_a[L])], lambda z_wrong: same(z[L], z_wrong))
            if named:
                return f"layer {L}: {named.hint}", named.code
            return differs(f"z[{L}]", ref_z[L], z[L]), ""
        if same(a[L], ref_z[L]):
            return f"layer {L}: a = z, the activation is missing: a[L] = σ(z[L]) = 1 / (1 + e^(−z)).", "no_sigmoid"
        if not same(a[L], ref_a[L]):
            return differs(f"a[{L}]", ref_a[L], a[L]), ""
    return "", ""
