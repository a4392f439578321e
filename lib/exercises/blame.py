"""Checks for lessons/04_hidden_layer_blame: a hidden layer's blame δ, and a layer's weight gradients.

Two different quantities, one check each: the blame of a neuron,
δ_hidden = (Σ over outputs j of δ_out_j · w_jk) ⊙ σ'(z_hidden_k), and the gradient of a weight,
∂C/∂w_jk = mean over examples of δ_j · a_k (one example per row, as the core).
"""
import numpy as np

from ..activations import sigmoid, sigmoid_prime
from .compare import check_function
from .toolkit import Mistake, table

__all__ = ["check_hidden_delta", "check_weight_gradients"]

# a layer: delta_out (n, n_out), weights (n_out, n_hidden), z_hidden (n, n_hidden); square weights
# so that a transposed matrix still runs (and can be named), and n ≠ n_hidden
_LAYER = [(np.array([[0.1, -0.2], [0.05, 0.3], [-0.4, 0.0]]), np.array([[0.5, -1.0], [0.7, 0.2]]),
           np.array([[0.3, -0.1], [1.5, 0.0], [-2.0, 0.4]])),
          (np.array([[0.2, 0.1, -0.1]]), np.array([[1.0, 0.0, -0.5], [0.3, 0.8, 0.2], [-0.6, 0.4, 0.9]]),
           np.array([[0.0, 0.5, -0.5]]))]

# gradients: delta (n, n_out), a_prev (n, n_in); one square case so a transposed product still runs
_GRADIENTS = [(np.array([[0.1, -0.2], [0.05, 0.3], [-0.4, 0.0]]),
               np.array([[0.6, 0.1, 0.9, 0.0], [0.2, 0.8, 0.5, 1.0], [0.7, 0.3, 0.4, 0.5]])),
              (np.array([[0.2, 0.1, -0.1], [-0.3, 0.0, 0.25]]), np.array([[0.5, 0.9, 0.2], [0.1, 0.6, 0.8]]))]

_NO_SLOPE = ("no_sigma_prime", "σ'(z) is missing: the blame that reaches a hidden neuron is scaled by "
             "how sensitive it was, σ'(z_hidden) = σ(z)(1 − σ(z)).")
_SIGMA_ONLY = ("sigma_not_slope", "you multiplied by σ(z_hidden), the neuron's output; the sensitivity is "
               "its slope σ'(z) = σ(z)(1 − σ(z)).")
_SLOPE_AT_A = ("slope_at_a", "σ' is taken at the wrong quantity: z_hidden is already the weighted input, so "
               "use σ'(z_hidden) = σ(z)(1 − σ(z)); you applied the sigmoid twice, σ'(σ(z)).")


def _layer(delta_out, weights, z_hidden):
    """δ_hidden (n, n_hidden) = (δ_out @ weights) ⊙ σ'(z_hidden), with the core's σ'."""
    return (delta_out @ weights) * sigmoid_prime(z_hidden)


@table(
    Mistake("transposed", "the weights are transposed: weights[j, k] joins hidden neuron k to output j, so "
            "hidden neuron k collects Σ_j δ_out[j]·weights[j, k] — that is delta_out @ weights (no .T).",
            lambda d, W, z: (d @ W.T) * sigmoid_prime(z)),
    Mistake(_NO_SLOPE[0], _NO_SLOPE[1], lambda d, W, z: d @ W),
    Mistake(_SIGMA_ONLY[0], _SIGMA_ONLY[1], lambda d, W, z: (d @ W) * sigmoid(z)),
    Mistake(_SLOPE_AT_A[0], _SLOPE_AT_A[1], lambda d, W, z: (d @ W) * sigmoid_prime(sigmoid(z))),
    Mistake("one_path", "only the first output's blame arrived: a hidden neuron feeds every output, so add "
            "the blame over all the paths (delta_out @ weights sums them).",
            lambda d, W, z: (d[:, :1] * W[:1]) * sigmoid_prime(z)),
    Mistake("sign", "the sign is flipped: δ_hidden = (δ_out @ weights) · σ'(z), with no minus.",
            lambda d, W, z: -(d @ W) * sigmoid_prime(z)),
)
def check_hidden_delta(fn):
    """Check fn(delta_out, weights, z_hidden) → δ_hidden of shape (n, n_hidden)."""
    return check_function("check_hidden_delta", fn, _LAYER, _layer, mistakes=check_hidden_delta.mistakes)


def _gradients(delta, a_prev):
    """∂C/∂W (n_out, n_in) = mean over the n examples of δ_j · a_k: delta.T @ a_prev / n."""
    return delta.T @ a_prev / len(delta)


@table(
    Mistake("sum_not_mean", "you summed over the examples: the course's gradient is the mean over the batch, "
            "so divide by the number of examples (rows).", lambda d, a: d.T @ a),
    Mistake("transposed", "the result is transposed: row j of ∂C/∂W belongs to neuron j (as weights[j, k] does), "
            "so it is delta.T @ a_prev / n, not a_prev.T @ delta / n.", lambda d, a: a.T @ d / len(d)),
    Mistake("one_example", "only the first example counted: average δ_j·a_k over every row of the batch.",
            lambda d, a: np.outer(d[0], a[0])),
    Mistake("mean_of_factors", "you multiplied the means: the gradient is the mean of the products δ_j·a_k, "
            "not (mean δ_j)·(mean a_k).", lambda d, a: np.outer(d.mean(axis=0), a.mean(axis=0))),
)
def check_weight_gradients(fn):
    """Check fn(delta, a_prev) → ∂C/∂W of shape (n_out, n_in), the batch mean of δ_j · a_k."""
    return check_function("check_weight_gradients", fn, _GRADIENTS, _gradients,
                          mistakes=check_weight_gradients.mistakes)
