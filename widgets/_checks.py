"""Checks of a view's arguments: every error names the argument, what was expected, what was given, the fix.

Numbers come back as Python floats and arrays as float64, whatever the learner gave
(a list, ints, float32).
"""
import contextlib
import numbers

import numpy as np

from backprop import Network, get_activation, get_loss
from backprop.parameters import check_key


@contextlib.contextmanager
def argument(name):
    """An error the core raises while reading argument ``name`` starts with that name when it lacks it."""
    try:
        yield
    except (TypeError, ValueError) as error:
        if name in str(error):
            raise
        raise type(error)(f"{name}: {error}") from None


def number(value, name, low=-np.inf, high=np.inf, low_open=False):
    """A finite real number in [low, high] (or (low, high] when ``low_open``), as a float."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number such as 0.5; got {_given(value)}")
    value = float(value)
    below = value <= low if low_open else value < low
    if not np.isfinite(value) or below or value > high:
        between = _between(low, high, low_open)
        raise ValueError(f"{name} must be a finite number{' ' + between if between else ''}; got {value!r}")
    return value


def positive(value, name):
    """A finite number greater than 0, as a float."""
    return number(value, name, low=0.0, low_open=True)


def whole(value, name, low=0, high=None):
    """A whole number in [low, high], as an int."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number such as {max(low, 1)}; got {_given(value)}")
    if value < low or (high is not None and value > high):
        upto = f" up to {high}" if high is not None else ""
        raise ValueError(f"{name} must be a whole number from {low}{upto}; got {value!r}")
    return int(value)


def choice(value, name, options, also=""):
    """One of ``options`` (names), as given; ``also`` names what else the argument accepts."""
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}{also}; got {_given(value)}")
    return value


def vector(value, name, n=None, what="numbers", most=None):
    """A flat float64 array of ``n`` finite numbers (1 to ``most`` when ``n`` is None); a single number is one."""
    expected = f"{name} must be a list of {what} such as (0.5, 0.1); got {_given(value)}"
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        raise TypeError(f"{expected}, whose rows have different lengths") from None
    if isinstance(value, (dict, set)) or array.dtype.kind not in "iuf":
        raise TypeError(f"{expected}, which holds something that is not a number")
    array = np.atleast_1d(array.astype(np.float64))
    if array.ndim != 1:
        raise ValueError(f"{name} must be a flat list of {what}; got shape {array.shape} — "
                         f"pass one flat list, e.g. np.ravel({name})")
    count = f"{n} {what}" if n is not None else f"1 to {most} {what}"
    if array.size == 0 or array.size != (n or array.size) or array.size > (most or array.size):
        raise ValueError(f"{name} must hold {count}; got {array.size}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must hold finite numbers; got {value!r} — replace the NaN or infinity")
    return array


def example(value, name, n, what="numbers"):
    """One example's ``n`` numbers, given flat (n,) or as one row (1, n): a flat float64 array."""
    with contextlib.suppress(TypeError, ValueError):           # ragged or not numbers: vector says so
        if np.ndim(value) == 2 and np.shape(value)[0] == 1:
            value = np.asarray(value)[0]
    return vector(value, name, n, what)


def items(value, name, n):
    """A list or tuple of ``n`` items, as a list."""
    if not isinstance(value, (list, tuple)) or len(value) != n:
        raise TypeError(f"{name} must be a list or tuple of {n} items; got {_given(value)}")
    return list(value)


def pair(value, name, increasing=False):
    """Two finite numbers as floats (the first below the second when ``increasing``)."""
    low, high = vector(value, name, 2)
    if increasing and not low < high:
        raise ValueError(f"{name} must be (low, high) with low < high; got {tuple(value)!r}")
    return float(low), float(high)


def sizes(value, max_layers, max_width, name="sizes"):
    """Layer sizes: 2 to ``max_layers`` whole numbers from 1 to ``max_width``, as a list of ints."""
    expected = (f"{name} must list 2 to {max_layers} layer sizes, each a whole number from 1 to {max_width}, "
                f"e.g. [2, 2, 1]; got {_given(value)}")
    if not isinstance(value, (list, tuple, np.ndarray)):
        raise TypeError(expected)
    layers = list(value)
    if not 2 <= len(layers) <= max_layers or not all(
            isinstance(n, numbers.Integral) and not isinstance(n, (bool, np.bool_)) and 1 <= n <= max_width
            for n in layers):
        raise ValueError(expected)
    return [int(n) for n in layers]


def network(value, name="net"):
    """A backprop Network."""
    if not isinstance(value, Network):
        raise TypeError(f"{name} must be a backprop Network, e.g. Network([2, 2, 1]); got {_given(value)}")
    return value


def key(net, value, name="parameter"):
    """A parameter key of ``net`` as a tuple, e.g. ('weights', 0, 0, 0)."""
    with argument(name):
        if not isinstance(value, (tuple, list)):
            raise TypeError(f"{name} must be a key such as ('weights', 0, 0, 0); got {_given(value)}")
        return check_key(net, value)


def activation(value, name="activation"):
    """The name of one of the core's activations."""
    with argument(name):
        return get_activation(value).name


def loss(value, name="loss"):
    """The name of one of the core's losses."""
    with argument(name):
        return get_loss(value).name


def _between(low, high, low_open):
    if np.isinf(low) and np.isinf(high):
        return ""
    if np.isinf(high):
        return f"{'above' if low_open else 'of at least'} {low:g}"
    return f"from {low:g}{' (not included)' if low_open else ''} to {high:g}"


def _given(value):
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:37] + '...'}"
