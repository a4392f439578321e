"""Checks for lessons/03_chain_rule: the three factors for one weight, and its gradient.

One sigmoid neuron with one input: z = w·a_prev + b, a = σ(z), C = ½(a − y)².
Every argument is an array of the same shape; each position is one separate neuron.
"""
import numpy as np

from ..activations import sigmoid, sigmoid_prime
from ..losses import get_loss
from ._verdict import check_function

__all__ = ["check_chain_factors", "check_weight_gradient", "check_bias_gradient"]

_HALF = get_loss("half_squared_error")
_CASES = [(np.array([0.9, 0.2, 1.0]), np.array([0.5, -1.0, 2.0]), np.array([0.1, 0.3, -0.5]),
           np.array([0.0, 1.0, 0.25])),
          (np.array([0.58]), np.array([0.5]), np.array([0.3]), np.array([0.6]))]


def _factors(a_prev, w, b, y):
    """(∂C/∂a, ∂a/∂z, ∂z/∂w), each of the inputs' shape, asked of the core."""
    z = w * a_prev + b
    return (_HALF.grad(sigmoid(z), y), sigmoid_prime(z), a_prev)


def _weight_gradient(a_prev, w, b, y):
    """∂C/∂w = ∂C/∂a · ∂a/∂z · ∂z/∂w."""
    dC_da, da_dz, dz_dw = _factors(a_prev, w, b, y)
    return dC_da * da_dz * dz_dw


def _bias_gradient(a_prev, w, b, y):
    """∂C/∂b = ∂C/∂a · ∂a/∂z · 1."""
    dC_da, da_dz, _ = _factors(a_prev, w, b, y)
    return dC_da * da_dz


def _a(a_prev, w, b):
    return sigmoid(w * a_prev + b)


_SIGN = "the sign is flipped: ∂C/∂a = a − y (positive when the neuron's output is too high), not y − a."
_FACTOR_2 = "your numbers are twice ours: with C = ½(a − y)² the ½ cancels the 2, so ∂C/∂a = a − y."
_AT_A = ("slope_at_a", "σ' is taken at the wrong quantity: the sensitivity is σ'(z) at the weighted input "
         "z = w·a_prev + b, not σ'(a) at the neuron's output a = σ(z).")
_NO_SLOPE = "σ'(z) is missing: between a and z sits the sigmoid, whose slope σ'(z) = σ(z)(1 − σ(z)) multiplies in."


def check_chain_factors(fn):
    """Check fn(a_prev, w, b, y) → (∂C/∂a, ∂a/∂z, ∂z/∂w)."""
    return check_function("check_chain_factors", fn, _CASES, lambda *args: np.array(_factors(*args)), mistakes=[
        ("sign", _SIGN, lambda p, w, b, y: np.array([y - _a(p, w, b), sigmoid_prime(w * p + b), p])),
        ("factor_2", _FACTOR_2, lambda p, w, b, y: np.array([2 * (_a(p, w, b) - y), sigmoid_prime(w * p + b), p])),
        ("no_sigma_prime", "∂a/∂z is the slope of the sigmoid, σ'(z) = σ(z)(1 − σ(z)), not σ(z) itself.",
         lambda p, w, b, y: np.array([_a(p, w, b) - y, _a(p, w, b), p])),
        ("w_not_input", "∂z/∂w is the input that the weight multiplies (a_prev), not the weight itself.",
         lambda p, w, b, y: np.array([_a(p, w, b) - y, sigmoid_prime(w * p + b), w])),
        (*_AT_A, lambda p, w, b, y: np.array([_a(p, w, b) - y, sigmoid_prime(_a(p, w, b)), p])),
    ])


def check_weight_gradient(fn):
    """Check fn(a_prev, w, b, y) → ∂C/∂w, the product of the three factors."""
    return check_function("check_weight_gradient", fn, _CASES, _weight_gradient, mistakes=[
        ("sign", _SIGN, lambda p, w, b, y: -_weight_gradient(p, w, b, y)),
        ("factor_2", _FACTOR_2, lambda p, w, b, y: 2 * _weight_gradient(p, w, b, y)),
        ("no_sigma_prime", _NO_SLOPE, lambda p, w, b, y: (_a(p, w, b) - y) * p),
        ("w_not_input", "the last factor ∂z/∂w is the input a_prev, not the weight w.",
         lambda p, w, b, y: _bias_gradient(p, w, b, y) * w),
        (*_AT_A, lambda p, w, b, y: (_a(p, w, b) - y) * sigmoid_prime(_a(p, w, b)) * p),
    ])


def check_bias_gradient(fn):
    """Check fn(a_prev, w, b, y) → ∂C/∂b (the same chain with ∂z/∂b = 1)."""
    return check_function("check_bias_gradient", fn, _CASES, _bias_gradient, mistakes=[
        ("times_input", "∂z/∂b = 1: the bias is added, not multiplied by the input, so drop the a_prev factor.",
         _weight_gradient),
        ("sign", _SIGN, lambda p, w, b, y: -_bias_gradient(p, w, b, y)),
        ("no_sigma_prime", _NO_SLOPE, lambda p, w, b, y: _a(p, w, b) - y),
        ("factor_2", _FACTOR_2, lambda p, w, b, y: 2 * _bias_gradient(p, w, b, y)),
        (*_AT_A, lambda p, w, b, y: (_a(p, w, b) - y) * sigmoid_prime(_a(p, w, b))),
    ])
