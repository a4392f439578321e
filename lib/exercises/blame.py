"""Checks for lessons/04_hidden_layer_blame: a hidden neuron's delta (its blame).

δ_hidden = (Σ over outputs j of δ_out_j · w_jk) · σ'(z_hidden_k).
"""
import numpy as np

from ..activations import get_activation, sigmoid, sigmoid_prime
from ._verdict import check_function

__all__ = ["check_hidden_blame", "check_hidden_delta"]

_SIGMOID = get_activation("sigmoid")

# one path: delta_out, w, z_hidden are arrays of one shape; each position is one separate path
_ONE_PATH = [(np.array([0.1, -0.3, 0.05, 0.2]), np.array([0.5, 0.0, -1.2, 2.0]),
              np.array([0.33, -1.0, 2.0, 0.0])),
             (np.array([0.0267]), np.array([0.7]), np.array([0.59]))]

# a layer: delta_out (n, n_out), weights (n_out, n_hidden), z_hidden (n, n_hidden); square weights
# so that a transposed matrix still runs (and can be named), and n ≠ n_hidden
_LAYER = [(np.array([[0.1, -0.2], [0.05, 0.3], [-0.4, 0.0]]), np.array([[0.5, -1.0], [0.7, 0.2]]),
           np.array([[0.3, -0.1], [1.5, 0.0], [-2.0, 0.4]])),
          (np.array([[0.2, 0.1, -0.1]]), np.array([[1.0, 0.0, -0.5], [0.3, 0.8, 0.2], [-0.6, 0.4, 0.9]]),
           np.array([[0.0, 0.5, -0.5]]))]

_NO_SLOPE = ("no_sigma_prime", "σ'(z) is missing: the blame that reaches a hidden neuron is scaled by "
             "how sensitive it was, σ'(z_hidden) = σ(z)(1 − σ(z)).")
_SIGMA_ONLY = ("sigma_not_slope", "you multiplied by σ(z_hidden), the neuron's output; the sensitivity is "
               "its slope σ'(z) = σ(z)(1 − σ(z)).")


def _one_path(delta_out, w, z_hidden):
    """δ_hidden = δ_out · w · σ'(z_hidden), elementwise."""
    return _SIGMOID.backward(z_hidden, sigmoid(z_hidden), delta_out * w)


def check_hidden_blame(fn):
    """Check fn(delta_out, w, z_hidden) → the blame of a hidden neuron with one outgoing weight."""
    return check_function("check_hidden_blame", fn, _ONE_PATH, _one_path, mistakes=[
        (_NO_SLOPE[0], _NO_SLOPE[1], lambda d, w, z: d * w),
        (_SIGMA_ONLY[0], _SIGMA_ONLY[1], lambda d, w, z: d * w * sigmoid(z)),
        ("sign", "the sign is flipped: the blame passes back as δ_out · w · σ'(z), with no minus.",
         lambda d, w, z: -d * w * sigmoid_prime(z)),
        ("no_weight", "the weight is missing: blame flows back along the connection, in proportion to its "
         "weight (a zero weight passes back zero blame).", lambda d, w, z: d * sigmoid_prime(z)),
    ])


def _layer(delta_out, weights, z_hidden):
    """δ_hidden (n, n_hidden) = (δ_out @ weights) ⊙ σ'(z_hidden)."""
    return _SIGMOID.backward(z_hidden, sigmoid(z_hidden), delta_out @ weights)


def check_hidden_delta(fn):
    """Check fn(delta_out, weights, z_hidden) → δ_hidden of shape (n, n_hidden)."""
    return check_function("check_hidden_delta", fn, _LAYER, _layer, mistakes=[
        ("transposed", "the weights are transposed: weights[j, k] joins hidden neuron k to output j, so "
         "hidden neuron k collects Σ_j δ_out[j]·weights[j, k] — that is delta_out @ weights (no .T).",
         lambda d, W, z: (d @ W.T) * sigmoid_prime(z)),
        (_NO_SLOPE[0], _NO_SLOPE[1], lambda d, W, z: d @ W),
        (_SIGMA_ONLY[0], _SIGMA_ONLY[1], lambda d, W, z: (d @ W) * sigmoid(z)),
        ("one_path", "only the first output's blame arrived: a hidden neuron feeds every output, so add "
         "the blame over all the paths (delta_out @ weights sums them).",
         lambda d, W, z: (d[:, :1] * W[:1]) * sigmoid_prime(z)),
        ("sign", "the sign is flipped: δ_hidden = (δ_out @ weights) · σ'(z), with no minus.",
         lambda d, W, z: -(d @ W) * sigmoid_prime(z)),
    ])
