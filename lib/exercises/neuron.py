"""Checks for lessons/01_neuron_anatomy."""
import numpy as np

from ..activations import sigmoid, sigmoid_prime
from ._verdict import check_function

__all__ = ["check_sigmoid", "check_sigmoid_derivative"]

_Z = [(np.array([-3.0, -0.5, 0.0, 0.5, 3.0]),), (np.array([[1.0, -2.0], [0.25, 4.0]]),)]


def check_sigmoid(fn):
    """Check a learner's σ(z) on scalars and arrays."""
    return check_function("check_sigmoid", fn, _Z, sigmoid, mistakes=[
        ("sign", "the sign in the exponent is flipped: σ(z) = 1 / (1 + e^(−z)), with a minus.",
         lambda z: 1 / (1 + np.exp(z))),
        ("no_one", "the 1 + in the denominator is missing: σ(z) = 1 / (1 + e^(−z)).",
         lambda z: 1 / np.exp(-z)),
    ])


def check_sigmoid_derivative(fn):
    """Check a learner's σ'(z)."""
    return check_function("check_sigmoid_derivative", fn, _Z, sigmoid_prime, mistakes=[
        ("sigma_only", "you returned σ(z) itself; its slope is σ(z)·(1 − σ(z)).", sigmoid),
        ("z_not_sigma", "you used z where σ(z) belongs: σ'(z) = σ(z)·(1 − σ(z)), not z·(1 − z).",
         lambda z: z * (1 - z)),
    ])
