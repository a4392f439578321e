"""Argument checks for the core and the live views: one vocabulary, one message style.

Every refusal is a TypeError (the wrong kind of thing) or a ValueError (the right kind,
a wrong value) whose message reads ``<name> must be <what>; got <what was given>``,
followed by `` — <what to do>`` where the fix is not plain from the first part.
Numbers come back as Python floats (ints for whole numbers), arrays as float64,
whatever was given (a list, ints, float32, a 0-d array).

    from backprop import checks
    lr = checks.positive(lr, "lr (the learning rate)")
"""
import contextlib
import numbers

import numpy as np

_REAL, _WHOLE = "biuf", "iu"                          # numpy kinds read as real / whole numbers


@contextlib.contextmanager
def argument(name):
    """An error raised while reading argument ``name`` starts with that name when it lacks it."""
    try:
        yield
    except (TypeError, ValueError) as error:
        if name in str(error):
            raise
        raise type(error)(f"{name}: {error}") from None


def number(value, name, low=-np.inf, high=np.inf, low_open=False, high_open=False):
    """A finite real number in [low, high] (an end left out when ``low_open``/``high_open``), as a float."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in _REAL:
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number such as 0.5; got {given(value)}")
    value = float(value)
    inside = (low < value if low_open else low <= value) and (value < high if high_open else value <= high)
    if not np.isfinite(value) or not inside:
        between = _between(low, high, low_open, high_open)
        raise ValueError(f"{name} must be a finite number{' ' + between if between else ''}; got {value!r}")
    return value


def positive(value, name):
    """A finite number greater than 0, as a float."""
    return number(value, name, low=0.0, low_open=True)


def nonnegative(value, name):
    """A finite number ≥ 0, as a float."""
    return number(value, name, low=0.0)


def fraction(value, name):
    """A number from 0 up to (not including) 1, as a float: a share such as a dropout rate."""
    return number(value, name, low=0.0, high=1.0, high_open=True)


def whole(value, name, low=0, high=None):
    """A whole number in [low, high] (no upper end when ``high`` is None), as an int."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in _WHOLE:
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number such as {max(low, 1)}; got {given(value)}")
    if value < low or (high is not None and value > high):
        span = f"from {low} to {high}" if high is not None else f"≥ {low}"
        raise ValueError(f"{name} must be a whole number {span}; got {value!r}")
    return int(value)


def choice(value, name, options, also=""):
    """One of ``options`` (names), as given; ``also`` names what else the argument accepts."""
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}{also}; got {given(value)}")
    return value


def float_array(value, name, what="numbers (a list or numpy array)"):
    """``value`` as a float64 array of finite numbers (any shape; booleans count as 0 and 1)."""
    expected = f"{name} must be {what}"
    if value is None:
        raise TypeError(f"{expected}; got None — did a function forget to return its result?")
    try:
        array = np.asarray(value)
        if array.dtype.kind == "O" and not isinstance(value, (dict, set)):   # e.g. Fractions: numbers after all
            array = array.astype(np.float64) if all(v is not None for v in array.flat) else array
    except (TypeError, ValueError):
        raise TypeError(f"{expected}; got {given(value)} — its rows have different lengths "
                        "or something in it is not a number") from None
    if isinstance(value, (dict, set, str, bytes)) or array.dtype.kind not in _REAL:
        raise TypeError(f"{expected}; got {given(value)}, which holds something that is not a number")
    array = array.astype(np.float64, copy=False)
    with np.errstate(over="ignore", invalid="ignore"):   # a sum of huge finite numbers may overflow: harmless
        suspect = array.size and not np.isfinite(array.sum())       # one cheap pass first
    if suspect and not np.all(np.isfinite(array)):
        bad = "NaN" if np.isnan(array).any() else "infinity"
        raise ValueError(f"{name} must hold finite numbers; got {bad} — remove or replace those entries "
                         "(np.nan_to_num, or drop the rows) before passing them in")
    return array


def shape(array, name, expected):
    """``array`` itself when its shape is ``expected`` (a tuple); else a ValueError naming a transposed one."""
    expected = tuple(expected)
    if array.shape != expected:
        hint = " — did you transpose it?" if array.ndim == 2 and array.shape == expected[::-1] else ""
        raise ValueError(f"{name} must have shape {expected}; got {array.shape}{hint}")
    return array


def vector(value, name, n=None, what="numbers", most=None):
    """A flat float64 array of ``n`` finite numbers (1 to ``most`` when ``n`` is None); a single number is one."""
    array = np.atleast_1d(float_array(value, name, f"a list of {what} such as (0.5, 0.1)"))
    if array.ndim != 1:
        raise ValueError(f"{name} must be a flat list of {what}; got shape {array.shape} — "
                         f"pass one flat list, e.g. np.ravel({name})")
    count = f"{n} {what}" if n is not None else f"1 to {most} {what}" if most else f"at least one of the {what}"
    if array.size == 0 or array.size != (n or array.size) or array.size > (most or array.size):
        raise ValueError(f"{name} must hold {count}; got {array.size}")
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
        raise TypeError(f"{name} must be a list or tuple of {n} items; got {given(value)}")
    return list(value)


def pair(value, name, increasing=False):
    """Two finite numbers as floats (the first below the second when ``increasing``)."""
    low, high = vector(value, name, 2)
    if increasing and not low < high:
        raise ValueError(f"{name} must be (low, high) with low < high; got {tuple(value)!r}")
    return float(low), float(high)


def sizes(value, max_layers=None, max_width=None, name="sizes"):
    """Layer sizes (inputs, hidden…, outputs): 2 or more (up to ``max_layers``) whole numbers ≥ 1 (up to
    ``max_width``), as a list of ints."""
    layers = f"2 to {max_layers}" if max_layers else "2 or more"
    each = f"from 1 to {max_width}" if max_width else "≥ 1"
    expected = f"{name} must list {layers} layer sizes, each a whole number {each}, e.g. [2, 2, 1]; got {given(value)}"
    if isinstance(value, (str, bytes, dict, set)) or not hasattr(value, "__len__"):
        raise TypeError(expected)
    layers = list(value)
    if not 2 <= len(layers) <= (max_layers or len(layers)) or not all(
            isinstance(n, numbers.Integral) and not isinstance(n, (bool, np.bool_)) and 1 <= n <= (max_width or n)
            for n in layers):
        raise ValueError(expected)
    return [int(n) for n in layers]


def network(value, name="net"):
    """A backprop Network."""
    from .network import Network
    if not isinstance(value, Network):
        raise TypeError(f"{name} must be a backprop Network, e.g. Network([2, 2, 1]); got {given(value)}")
    return value


def key(net, value, name="parameter"):
    """A parameter key of ``net`` as a tuple, e.g. ('weights', 0, 0, 0)."""
    from .parameters import check_key
    with argument(name):
        if not isinstance(value, (tuple, list)):
            raise TypeError(f"{name} must be a key such as ('weights', 0, 0, 0); got {given(value)}")
        return check_key(net, value)


def activation(value, name="activation"):
    """The name of one of the core's activations."""
    from .activations import get_activation
    with argument(name):
        return get_activation(value).name


def loss(value, name="loss"):
    """The name of one of the core's losses."""
    from .losses import get_loss
    with argument(name):
        return get_loss(value).name


def given(value):
    """What was given, for a message: its type and a short repr."""
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:37] + '...'}"


def _between(low, high, low_open, high_open):
    if np.isinf(low) and np.isinf(high):
        return ""
    if np.isinf(high):
        return f"greater than {low:g}" if low_open else f"≥ {low:g}"
    if np.isinf(low):
        return f"less than {high:g}" if high_open else f"≤ {high:g}"
    if high_open and not low_open:
        return f"from {low:g} up to (not including) {high:g}"
    return f"from {low:g}{' (not included)' if low_open else ''} to {high:g}{' (not included)' if high_open else ''}"
