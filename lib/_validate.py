"""Input checks whose messages speak to a learner: expected, given, what to do."""
import numbers

import numpy as np


def as_float_array(value, name):
    """``value`` as a float64 array; TypeError for text or objects, ValueError for NaN/inf."""
    if value is None:
        raise TypeError(f"{name} must be numbers (a list or numpy array); got None — "
                        "did a function forget to return its result?")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be numbers (a list or numpy array); "
                        f"got {type(value).__name__} that cannot be read as numbers") from None
    if arr.size and not np.isfinite(arr.sum()) and not np.all(np.isfinite(arr)):   # one cheap pass first
        bad = "NaN" if np.isnan(arr).any() else "infinity"
        raise ValueError(f"{name} contains {bad}; remove or replace those entries "
                         "(np.nan_to_num, or drop the rows) before passing them in")
    return arr


def check_sizes(sizes):
    """Layer sizes: a list of at least two positive whole numbers."""
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
        raise TypeError(f"sizes must be a list of layer sizes such as [2, 2, 1]; got {sizes!r}")
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(f"a network needs at least two layers (inputs and outputs), e.g. [2, 1]; got {sizes}")
    for s in sizes:
        if not isinstance(s, numbers.Integral) or isinstance(s, bool) or s < 1:
            raise ValueError(f"every layer size must be a whole number ≥ 1; got {sizes}")
    return [int(s) for s in sizes]


def check_inputs(X, n_in):
    """X as (n, n_in); a single example (n_in,) becomes one row."""
    X = as_float_array(X, "X")
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
    y = as_float_array(y, "y")
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


def check_positive(value, name, whole=False):
    """A positive number (a whole one when ``whole``), else a clear error."""
    kind = numbers.Integral if whole else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        raise TypeError(f"{name} must be a {'whole number' if whole else 'number'}; got {value!r}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be greater than 0; got {value!r}")
    return value


def check_fraction(value, name):
    """A number in [0, 1)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value < 1:
        raise ValueError(f"{name} must be a number from 0 up to (not including) 1; got {value!r}")
    return float(value)


def check_parameter(value, expected_shape, name):
    """A weight or bias array of exactly ``expected_shape``."""
    arr = as_float_array(value, name)
    if arr.shape != tuple(expected_shape):
        hint = " — did you transpose it?" if arr.shape == tuple(expected_shape)[::-1] and arr.ndim == 2 else ""
        raise ValueError(f"{name} must have shape {tuple(expected_shape)}; got {arr.shape}{hint}")
    return arr.copy()


def hidden_activation(activation):
    """An Activation that may sit in a hidden layer (softmax mixes a layer: output only)."""
    if not activation.elementwise:
        raise ValueError(f"{activation.name!r} is for the output layer only; pick a hidden activation such as "
                         f"'sigmoid', 'tanh', 'relu' or 'identity' and pass output_activation={activation.name!r}")
    return activation


def check_nonnegative(value, name):
    """A finite number ≥ 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be ≥ 0 (a finite number); got {value!r}")
    return float(value)


def check_validation(net, validation):
    """validation=(X_val, y_val) as checked arrays (n_val, n_in), (n_val, n_out)."""
    if isinstance(validation, (str, bytes)) or not hasattr(validation, "__len__") or len(validation) != 2:
        raise TypeError("validation must be a pair (X_val, y_val), e.g. validation=(X_test, y_test)")
    X_val = check_inputs(validation[0], net.sizes[0])
    return X_val, net.targets(validation[1], X_val.shape[0])


def check_number(value, name, low=-np.inf, high=np.inf):
    """One finite real number in [low, high], as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise TypeError(f"{name} must be one finite number; got {value!r:.60}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}; got {value!r}")
    return float(value)


def check_vector(value, name, length=None):
    """A flat float64 array (of ``length`` entries when given)."""
    arr = as_float_array(value, name)
    if arr.ndim != 1 or (length is not None and arr.shape[0] != length) or arr.size == 0:
        want = f"{length} numbers" if length is not None else "a flat list of numbers"
        raise ValueError(f"{name} must be {want}; got shape {arr.shape}")
    return arr
