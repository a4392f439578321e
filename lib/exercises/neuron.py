"""Checks for lessons/01_neuron_anatomy: σ, σ', one neuron, one layer."""
import numpy as np

from ..activations import sigmoid, sigmoid_prime
from .compare import check_function
from .toolkit import Mistake, table

__all__ = ["check_sigmoid", "check_sigmoid_derivative", "check_neuron", "check_layer_forward"]

_Z = [(np.array([-3.0, -0.5, 0.0, 0.5, 3.0]),), (np.array([[1.0, -2.0], [0.25, 4.0]]),)]

# one neuron: x (n_in,), w (n_in,), b a float
_NEURON = [(np.array([0.5, 0.1]), np.array([0.4, 0.3]), 0.1),
           (np.array([1.0, -2.0, 0.5]), np.array([-0.7, 0.2, 1.5]), -0.3),
           (np.array([0.0, 0.0]), np.array([2.0, -1.0]), 0.8)]

# one layer: X (n, n_in), weights (n_out, n_in), biases (n_out,); square weights so that a
# transposed matrix still runs and can be named, and n ≠ n_in so shapes tell rows from columns
_LAYER = [(np.array([[0.5, 0.1], [1.0, -1.0], [0.0, 2.0]]), np.array([[0.4, 0.3], [0.6, 0.9]]),
           np.array([0.1, 0.2])),
          (np.array([[1.0, 0.0, -0.5]]), np.array([[0.2, -0.4, 0.1], [0.7, 0.0, -0.3], [1.0, 0.5, 0.5]]),
           np.array([0.0, -0.1, 0.3]))]


@table(
    Mistake("sign", "the sign in the exponent is flipped: σ(z) = 1 / (1 + e^(−z)), with a minus.",
            lambda z: 1 / (1 + np.exp(z))),
    Mistake("no_one", "the 1 + in the denominator is missing: σ(z) = 1 / (1 + e^(−z)).",
            lambda z: 1 / np.exp(-z)),
)
def check_sigmoid(fn):
    """Check a learner's σ(z) on scalars and arrays."""
    return check_function("check_sigmoid", fn, _Z, sigmoid, mistakes=check_sigmoid.mistakes)


@table(
    Mistake("sigma_only", "you returned σ(z) itself; its slope is σ(z)·(1 − σ(z)).", sigmoid),
    Mistake("z_not_sigma", "you used z where σ(z) belongs: σ'(z) = σ(z)·(1 − σ(z)), not z·(1 − z).",
            lambda z: z * (1 - z)),
    Mistake("sign", "the sign is flipped: σ'(z) = σ(z)·(1 − σ(z)) is never negative.",
            lambda z: -sigmoid_prime(z)),
    Mistake("sigmoid_twice", "σ' is taken at the wrong quantity: you passed σ(z) where z belongs, computing "
            "σ'(σ(z)); call my_sigmoid(z) once, s = σ(z), and return s·(1 − s).",
            lambda z: sigmoid_prime(sigmoid(z))),
)
def check_sigmoid_derivative(fn):
    """Check a learner's σ'(z)."""
    return check_function("check_sigmoid_derivative", fn, _Z, sigmoid_prime, mistakes=check_sigmoid_derivative.mistakes)


def _neuron(x, w, b):
    """a = σ(w·x + b) for one neuron: x, w (n_in,), b float → float."""
    return sigmoid(np.dot(w, x) + b)


@table(
    Mistake("no_activation", "you returned the weighted sum z; pass it through the sigmoid: a = σ(z).",
            lambda x, w, b: np.dot(w, x) + b),
    Mistake("no_bias", "the bias is missing: z = w·x + b, then a = σ(z).",
            lambda x, w, b: sigmoid(np.dot(w, x))),
    Mistake("bias_outside", "the bias belongs inside the sigmoid: a = σ(w·x + b), not σ(w·x) + b.",
            lambda x, w, b: sigmoid(np.dot(w, x)) + b),
    Mistake("sign", "a sign is flipped: z = w·x + b, with plus signs.",
            lambda x, w, b: sigmoid(b - np.dot(w, x))),
)
def check_neuron(fn):
    """Check a learner's one-neuron forward pass fn(x, w, b) → a."""
    return check_function("check_neuron", fn, _NEURON, _neuron, mistakes=check_neuron.mistakes)


def _layer(X, weights, biases):
    """a = σ(X Wᵀ + b): X (n, n_in), weights (n_out, n_in), biases (n_out,) → (n, n_out)."""
    return sigmoid(X @ weights.T + biases)


@table(
    Mistake("transposed", "the weights are transposed: weights[j, k] joins input k to neuron j, "
            "so with one example per row z = X @ weights.T + biases.",
            lambda X, W, b: sigmoid(X @ W + b)),
    Mistake("no_activation", "you returned z; pass it through the sigmoid: a = σ(z).",
            lambda X, W, b: X @ W.T + b),
    Mistake("no_bias", "the biases are missing: z = X @ weights.T + biases.",
            lambda X, W, b: sigmoid(X @ W.T)),
    Mistake("bias_outside", "the biases belong inside the sigmoid: a = σ(X @ weights.T + biases).",
            lambda X, W, b: sigmoid(X @ W.T) + b),
)
def check_layer_forward(fn):
    """Check a learner's layer forward pass fn(X, weights, biases) → a of shape (n, n_out)."""
    return check_function("check_layer_forward", fn, _LAYER, _layer, mistakes=check_layer_forward.mistakes)
