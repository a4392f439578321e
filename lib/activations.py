"""Activation functions, each with its derivative next to it.

Introduced in lessons/01_neuron_anatomy; the derivative (the neuron's
*sensitivity*) returns in lessons/03_chain_rule and 04_hidden_layer_blame.
Every function takes ``z`` of any shape — in the network (n, n_units) — and
returns an array of the same shape.
"""
import functools

import numpy as np


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)) in (0, 1), for any float dtype with no overflow warning.

    Very negative z is held at the most negative value whose e^(−z) the dtype can hold
    (−700 for float64), where σ is already below 1e-300 of its range.
    """
    z = np.asarray(z)
    if z.dtype.kind != "f":
        z = z.astype(float)
    floor = -700.0 if z.dtype == np.float64 else _floor(z.dtype)
    return 1.0 / (1.0 + np.exp(-np.maximum(z, floor)))     # large z: e^(−z) → 0, σ → 1, no warning


@functools.lru_cache(maxsize=8)
def _floor(dtype):
    """The most negative z of this float dtype whose e^(−z) is finite, with a margin."""
    return -min(700.0, 0.99 * float(np.log(np.finfo(dtype).max)))


def sigmoid_prime(z):
    """σ'(z) = σ(z)(1 − σ(z)), largest (0.25) at z = 0."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """tanh(z), outputs in (−1, 1)."""
    return np.tanh(np.asarray(z, dtype=float))


def tanh_prime(z):
    """1 − tanh(z)², largest (1.0) at z = 0."""
    return 1.0 - np.tanh(np.asarray(z, dtype=float)) ** 2


def relu(z):
    """max(0, z)."""
    return np.maximum(np.asarray(z, dtype=float), 0.0)


def relu_prime(z):
    """1 where z > 0, else 0 (we choose 0 at the kink z = 0)."""
    return (np.asarray(z, dtype=float) > 0).astype(float)


def identity(z):
    """z itself (a linear neuron)."""
    return np.array(z, dtype=float)


def identity_prime(z):
    """1 everywhere."""
    return np.ones_like(np.asarray(z, dtype=float))


def softmax(z):
    """Row-wise e^z / Σ e^z for z of shape (n, k); each row sums to 1."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))   # shifting by the row's max keeps e^z finite
    e /= e.sum(axis=-1, keepdims=True)              # in place: no second array
    return e


def log_softmax(z):
    """log softmax(z) row-wise, (n, k), computed without forming softmax: exact for logits like 1000."""
    z = np.asarray(z, dtype=float)
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax_backward(z, a, dC_da):
    """∂C/∂z for softmax outputs a (n, k), given ∂C/∂a (n, k): a ⊙ (∂C/∂a − Σ a ∂C/∂a)."""
    return a * (dC_da - (a * dC_da).sum(axis=-1, keepdims=True))


def dropout_mask(shape, rate, rng):
    """Inverted dropout (lessons/08_challenges): 0 for a dropped unit, 1/(1 − rate) for a kept one.

    A unit is kept where a uniform draw from ``rng`` is ≥ rate; shape as the layer's a (n, n_units).
    """
    return (rng.random(shape) >= rate) / (1.0 - rate)


class Activation:
    """A named activation: ``f(z)``, its slope ``prime(z)``, and ``backward`` giving ∂C/∂z.

    ``prime_from_a`` is the same slope written with the output a = f(z), so backward
    reads the forward trace instead of computing f(z) again (BP2's σ′: every activation a
    hidden layer may use has one). ``backward`` is a softmax output's Jacobian product.
    """

    def __init__(self, name, f, prime=None, prime_from_a=None, backward=None, kink=None):
        self.name, self.f, self.prime, self.prime_from_a = name, f, prime, prime_from_a
        self.kink = kink                             # the z where the slope jumps (ReLU: 0), else None
        self.elementwise = backward is None          # softmax mixes the neurons of a layer
        self._jacobian_product = backward

    def __call__(self, z):
        return self.f(z)

    def backward(self, z, a, dC_da):
        """∂C/∂z from ∂C/∂a, all (n, n_units), with a = f(z): σ'(z) ⊙ ∂C/∂a (lesson 04's rule)."""
        if self._jacobian_product is not None:
            return self._jacobian_product(z, a, dC_da)
        if self.prime_from_a is not None:
            return dC_da * self.prime_from_a(a)
        return dC_da * self.prime(z)

    def __repr__(self):
        return f"Activation({self.name!r})"


ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime, lambda a: a * (1.0 - a)),
    "tanh": Activation("tanh", tanh, tanh_prime, lambda a: 1.0 - a * a),
    "relu": Activation("relu", relu, relu_prime, lambda a: (a > 0).astype(float), kink=0.0),
    "identity": Activation("identity", identity, identity_prime, np.ones_like),
    "softmax": Activation("softmax", softmax, backward=softmax_backward),
}
HIDDEN_ACTIVATIONS = tuple(name for name, f in ACTIVATIONS.items() if f.elementwise)   # all but softmax


def get_activation(name):
    """The Activation called ``name``; TypeError for a non-name, ValueError listing the known names."""
    if isinstance(name, Activation):
        return name
    if not isinstance(name, str):
        raise TypeError(f"activation must be a name such as 'sigmoid'; got {type(name).__name__}")
    if name not in ACTIVATIONS:
        known = ", ".join(repr(k) for k in ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r}; choose one of {known}")
    return ACTIVATIONS[name]
