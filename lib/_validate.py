"""Checks of a Network's data: inputs X, targets y, parameter arrays, a validation pair.

Built on backprop.checks (one vocabulary for every argument); messages say what was
expected, what was given and what to do.
"""
import numpy as np

from .activations import HIDDEN_ACTIVATIONS
from .checks import float_array, shape


def check_inputs(X, n_in):
    """X as (n, n_in); a single example (n_in,) becomes one row."""
    X = float_array(X, "X")
    if X.ndim == 1 and X.shape[0] == n_in:
        X = X[None, :]
    if X.ndim != 2 or X.shape[1] != n_in:
        raise ValueError(f"X must have shape (n_examples, {n_in}) — one example per row, "
                         f"{n_in} inputs each; got shape {X.shape}" + _transpose_hint(X, n_in))
    if X.shape[0] == 0:
        raise ValueError("X is an empty batch (0 examples); pass at least one example")
    return X


def _transpose_hint(X, n_in):
    if X.ndim == 2 and X.shape[0] == n_in:
        return " — did you pass X transposed? try X.T"
    return ""


def check_targets(y, n, n_out, one_hot_labels):
    """y as (n, n_out). 1-D integer labels become one-hot when n_out > 1."""
    y = float_array(y, "y")
    if y.ndim == 0:
        y = y.reshape(1, 1)
    if y.ndim == 1 and n_out > 1 and y.shape[0] == n and one_hot_labels:
        return _one_hot(y, n_out)
    if y.ndim == 1 and y.shape[0] == n * n_out:
        y = y.reshape(n, n_out)
    if y.shape != (n, n_out):
        raise ValueError(f"y must have shape ({n}, {n_out}) — one row of {n_out} target(s) per example "
                         f"in X, or {n} integer class labels; got shape {y.shape}")
    return y


def _one_hot(labels, n_out):
    if np.any(labels != np.round(labels)) or labels.min() < 0 or labels.max() >= n_out:
        raise ValueError(f"class labels must be whole numbers from 0 to {n_out - 1} "
                         f"(one per output neuron); got values from {labels.min()} to {labels.max()}")
    out = np.zeros((labels.shape[0], n_out))
    out[np.arange(labels.shape[0]), labels.astype(int)] = 1.0
    return out


def check_parameter(value, expected_shape, name):
    """A weight or bias array of exactly ``expected_shape``."""
    return shape(float_array(value, name), name, expected_shape).copy()


def hidden_activation(activation):
    """An Activation that may sit in a hidden layer: element-wise, with its slope read from a (``prime_from_a``,
    BP2's σ′). Softmax mixes a layer: output only."""
    if not activation.elementwise or activation.prime_from_a is None:
        raise ValueError(f"{activation.name!r} is for the output layer only; pick a hidden activation, one of "
                         f"{', '.join(map(repr, HIDDEN_ACTIVATIONS))}, and pass output_activation={activation.name!r}")
    return activation


def check_validation(net, validation):
    """validation=(X_val, y_val) as checked arrays (n_val, n_in), (n_val, n_out)."""
    if isinstance(validation, (str, bytes)) or not hasattr(validation, "__len__") or len(validation) != 2:
        raise TypeError("validation must be a pair (X_val, y_val), e.g. validation=(X_test, y_test)")
    X_val = check_inputs(validation[0], net.sizes[0])
    return X_val, net.targets(validation[1], X_val.shape[0])
