"""How lessons/09_build_it_yourself's check_backward names a wrong layer: it rebuilds that layer's delta
from the right delta above it with each slip (a wrong delta), then forms its gradients from the right
delta with each slip (a wrong gradient rule), and names the first that gives the learner's numbers.
"""
from dataclasses import replace

from ..activations import sigmoid_prime
from .capstone_ref import maybe
from .toolkit import Mistake, differs, first_named, same

__all__ = ["DELTA_SLIPS", "name_layer"]

# the slips a wrong delta makes, recognised by rebuilding layer L's delta from the right one above it
_NO_OUTPUT_SLOPE = Mistake("no_output_slope", "σ'(z) of the output layer is forgotten: "
                           "delta_out = (a_out − y) ⊙ σ'(z_out).")
_FACTOR_2 = Mistake("factor_2", "a factor 2: the loss here is ½(ŷ − y)², whose derivative is ŷ − y, not 2(ŷ − y).")
_TRANSPOSED = Mistake("transposed", "the weight in the delta recursion is transposed: weights[L][j, k] joins neuron "
                      "k of this layer to neuron j of the next, so delta[L] = (delta[L+1] @ weights[L]) ⊙ σ'(z[L]) "
                      "— no .T.")
_OFF_BY_ONE = Mistake("off_by_one", "layers off by one: the blame of layer L comes back through the weights of layer "
                      "L+1, which are weights[L] (weights count from 0), not weights[L-1].")
_NO_HIDDEN_SLOPE = Mistake("no_hidden_slope", "σ'(z) is missing in the recursion: "
                           "delta[L] = (delta[L+1] @ weights[L]) ⊙ σ'(z[L]).")
_SLOPE_AT_A = Mistake("slope_at_a", "σ' is taken at a instead of z: σ'(z) = σ(z)(1 − σ(z)), which is a(1 − a) — "
                      "not σ'(a).")
_A1A_OF_Z = Mistake("a1a_of_z", "a(1 − a) was applied to z: the slope is σ(z)(1 − σ(z)) = a(1 − a) with a = σ(z), "
                    "not z(1 − z).")
DELTA_SLIPS = (_NO_OUTPUT_SLOPE, _FACTOR_2, _TRANSPOSED, _OFF_BY_ONE, _NO_HIDDEN_SLOPE, _SLOPE_AT_A, _A1A_OF_Z)


def _delta_guesses(L, weights, z, a, y, delta):
    """[Mistake whose ``wrong`` is the delta of layer L that the slip makes from the right delta above]."""
    if L == len(weights):
        upstream = a[L] - y
        guesses = [replace(_NO_OUTPUT_SLOPE, wrong=upstream), replace(_FACTOR_2, wrong=2 * delta[L])]
    else:
        upstream, above, W_next, W_own = delta[L + 1] @ weights[L], delta[L + 1], weights[L], weights[L - 1]
        guesses = [replace(_TRANSPOSED, wrong=maybe(lambda: (above @ W_next.T) * sigmoid_prime(z[L]))),
                   replace(_OFF_BY_ONE, wrong=maybe(lambda: (above @ W_own) * sigmoid_prime(z[L]))),
                   replace(_NO_HIDDEN_SLOPE, wrong=upstream)]
    return guesses + [replace(_SLOPE_AT_A, wrong=upstream * sigmoid_prime(a[L])),
                      replace(_A1A_OF_Z, wrong=upstream * z[L] * (1 - z[L]))]


def name_layer(L, gw, gb, weights, z, a, y, delta):
    """(hint, code) for layer L's wrong gradient: a wrong delta, a wrong gradient rule, or 'differs'."""
    n, where = len(y), "the output layer" if L == len(weights) else f"layer {L}"
    grads = lambda d: (d.T @ a[L - 1] / n, d.mean(axis=0))           # noqa: E731 — the right rule on any delta
    named = first_named(_delta_guesses(L, weights, z, a, y, delta), lambda d: d.shape == delta[L].shape and (
        same(gw, grads(d)[0]) or same(gb, grads(d)[1])))
    named = (named.hint, named.code) if named else _gradient_rule(gw, gb, grads(delta[L]), delta[L], a[L - 1],
                                                                  a[L], n)
    if named:
        return f"{where}: {named[0]}", named[1]
    return differs(f"the gradient of {where}'s weights", grads(delta[L])[0], gw), ""


def _gradient_rule(gw, gb, right, delta, a_before, a_own, n):
    """(hint, code) when the delta is right but the gradients are formed wrongly from it, else None."""
    right_w, right_b = right
    if n > 1 and (same(gw, right_w * n) or same(gb, right_b * n)):
        return (f"your gradient is {n} times too large for a batch of {n}: the 1/n is missing "
                "(a sum over the examples instead of their mean)."), "sum"
    if gb.shape == (delta.shape[1],) and n == delta.shape[1] and same(gb, delta.mean(axis=1)):
        return "the mean is over the wrong axis — average over the examples, axis=0.", "wrong_axis"
    if a_own.shape == a_before.shape and same(gw, delta.T @ a_own / n):
        return ("layers off by one: ∂C/∂weights[L-1] = delta[L].T @ a[L-1] / n uses the activation "
                "of the layer before, a[L-1], not a[L]."), "off_by_one"
    if same(gw, right_w.T):
        return ("your weight gradient is transposed: ∂C/∂weights[L-1] = delta[L].T @ a[L-1] / n has "
                "the weights' shape, (n_L, n_{L-1})."), "shape"
    if same(gw, -right_w) and same(gb, -right_b):
        return "the sign is flipped: delta_out = (a_out − y) ⊙ σ'(z_out), not (y − a_out).", "sign"
    return None
