"""Weight initialisation schemes. Introduced in lessons/08_challenges.

Each weight matrix has shape (n_out, n_in); biases start at zero.
"""
import numbers

import numpy as np

from .checks import nonnegative

SCHEMES = ("small", "xavier", "he")


def weight_std(scheme, n_in, n_out):
    """Standard deviation of the normal draw for one layer's weights."""
    if isinstance(scheme, numbers.Real) and not isinstance(scheme, bool):
        return nonnegative(scheme, "init (an initial weight scale)")
    if not isinstance(scheme, str):
        raise TypeError(f"init must be one of {', '.join(map(repr, SCHEMES))} or a number (the standard "
                        f"deviation of the weights); got {type(scheme).__name__}")
    if scheme == "small":
        return 0.1
    if scheme == "xavier":
        return np.sqrt(2.0 / (n_in + n_out))
    if scheme == "he":
        return np.sqrt(2.0 / n_in)
    raise ValueError(f"unknown init {scheme!r}; choose one of {', '.join(map(repr, SCHEMES))} "
                     "or give a number, the standard deviation of the weights")


def initial_parameters(sizes, init, rng):
    """(weights, biases) for layer ``sizes``: weights[l] (sizes[l+1], sizes[l]), biases[l] (sizes[l+1],)."""
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        weights.append(rng.normal(0.0, weight_std(init, n_in, n_out), size=(n_out, n_in)))
        biases.append(np.zeros(n_out))
    return weights, biases
