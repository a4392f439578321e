"""Checks for lessons/03_chain_rule: the three factors for one weight, a tanh neuron's gradient, a bias's.

One neuron with one input: z = w·a_prev + b, a = f(z), C = ½(a − y)²; f is the sigmoid, except in
check_weight_gradient, where it is tanh (only the middle link of the chain changes).
Every argument is an array of the same shape; each position is one separate neuron.
"""
import numpy as np

from ..activations import get_activation, sigmoid, sigmoid_prime
from ..losses import get_loss
from .compare import check_function
from .toolkit import Mistake, table

__all__ = ["check_chain_factors", "check_weight_gradient", "check_bias_gradient"]

_HALF = get_loss("half_squared_error")
_TANH = get_activation("tanh")
_CASES = [(np.array([0.9, 0.2, 1.0]), np.array([0.5, -1.0, 2.0]), np.array([0.1, 0.3, -0.5]),
           np.array([0.0, 1.0, 0.25])),
          (np.array([0.58]), np.array([0.5]), np.array([0.3]), np.array([0.6]))]


def _factors(a_prev, w, b, y):
    """(∂C/∂a, ∂a/∂z, ∂z/∂w), each of the inputs' shape, asked of the core."""
    z = w * a_prev + b
    return (_HALF.grad(sigmoid(z), y), sigmoid_prime(z), a_prev)


def _weight_gradient(a_prev, w, b, y):
    """∂C/∂w = ∂C/∂a · ∂a/∂z · ∂z/∂w for a sigmoid neuron."""
    dC_da, da_dz, dz_dw = _factors(a_prev, w, b, y)
    return dC_da * da_dz * dz_dw


def _tanh_gradient(a_prev, w, b, y):
    """∂C/∂w for a tanh neuron: (tanh(z) − y) · tanh'(z) · a_prev, asked of the core."""
    z = w * a_prev + b
    return _HALF.grad(_TANH(z), y) * _TANH.prime(z) * a_prev


def _t(a_prev, w, b):
    return np.tanh(w * a_prev + b)


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


@table(
    Mistake("sign", _SIGN, lambda p, w, b, y: np.array([y - _a(p, w, b), sigmoid_prime(w * p + b), p])),
    Mistake("factor_2", _FACTOR_2, lambda p, w, b, y: np.array([2 * (_a(p, w, b) - y), sigmoid_prime(w * p + b), p])),
    Mistake("no_sigma_prime", "∂a/∂z is the slope of the sigmoid, σ'(z) = σ(z)(1 − σ(z)), not σ(z) itself.",
            lambda p, w, b, y: np.array([_a(p, w, b) - y, _a(p, w, b), p])),
    Mistake("w_not_input", "∂z/∂w is the input that the weight multiplies (a_prev), not the weight itself.",
            lambda p, w, b, y: np.array([_a(p, w, b) - y, sigmoid_prime(w * p + b), w])),
    Mistake(*_AT_A, lambda p, w, b, y: np.array([_a(p, w, b) - y, sigmoid_prime(_a(p, w, b)), p])),
)
def check_chain_factors(fn):
    """Check fn(a_prev, w, b, y) → (∂C/∂a, ∂a/∂z, ∂z/∂w)."""
    return check_function("check_chain_factors", fn, _CASES, lambda *args: np.array(_factors(*args)),
                          mistakes=check_chain_factors.mistakes)


@table(
    Mistake("sigmoid_neuron", "that is the sigmoid neuron's gradient: here a = tanh(z), so ∂C/∂a = tanh(z) − y and "
            "∂a/∂z = 1 − tanh(z)²; only those links change.", _weight_gradient),
    Mistake("sigmoid_slope", "the middle link is still the sigmoid's slope: for a = tanh(z), ∂a/∂z = 1 − tanh(z)².",
            lambda p, w, b, y: (_t(p, w, b) - y) * sigmoid_prime(w * p + b) * p),
    Mistake("slope_not_squared", "tanh's slope is 1 − tanh(z)², with the square; 1 − tanh(z) is not it.",
            lambda p, w, b, y: (_t(p, w, b) - y) * (1 - _t(p, w, b)) * p),
    Mistake("slope_at_a", "tanh' is taken at the wrong quantity: use 1 − tanh(z)² at z = w·a_prev + b, not at a.",
            lambda p, w, b, y: (_t(p, w, b) - y) * (1 - np.tanh(_t(p, w, b)) ** 2) * p),
    Mistake("sign", _SIGN, lambda p, w, b, y: -_tanh_gradient(p, w, b, y)),
    Mistake("factor_2", _FACTOR_2, lambda p, w, b, y: 2 * _tanh_gradient(p, w, b, y)),
    Mistake("w_not_input", "the last factor ∂z/∂w is the input a_prev, not the weight w.",
            lambda p, w, b, y: (_t(p, w, b) - y) * (1 - _t(p, w, b) ** 2) * w),
)
def check_weight_gradient(fn):
    """Check fn(a_prev, w, b, y) → ∂C/∂w for a tanh neuron, a = tanh(z): the chain with a new middle link."""
    return check_function("check_weight_gradient", fn, _CASES, _tanh_gradient, mistakes=check_weight_gradient.mistakes)


@table(
    Mistake("times_input", "∂z/∂b = 1: the bias is added, not multiplied by the input, so drop the a_prev factor.",
            _weight_gradient),
    Mistake("sign", _SIGN, lambda p, w, b, y: -_bias_gradient(p, w, b, y)),
    Mistake("no_sigma_prime", _NO_SLOPE, lambda p, w, b, y: _a(p, w, b) - y),
    Mistake("factor_2", _FACTOR_2, lambda p, w, b, y: 2 * _bias_gradient(p, w, b, y)),
    Mistake(*_AT_A, lambda p, w, b, y: (_a(p, w, b) - y) * sigmoid_prime(_a(p, w, b))),
)
def check_bias_gradient(fn):
    """Check fn(a_prev, w, b, y) → ∂C/∂b (the same chain with ∂z/∂b = 1)."""
    return check_function("check_bias_gradient", fn, _CASES, _bias_gradient, mistakes=check_bias_gradient.mistakes)
