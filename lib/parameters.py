"""Naming one weight or bias of a Network: keys, the lesson's labels, get and set.

Introduced in lessons/03_chain_rule (nudge one parameter) and used by the live
views of lessons 03–06. A key is a tuple:

- ``("weights", l, j, k)`` is ``net.weights[l][j, k]`` = w⁽ˡ⁺¹⁾ⱼₖ, the weight into
  neuron j of layer l+1 from neuron k of layer l;
- ``("biases", l, j)`` is ``net.biases[l][j]`` = b⁽ˡ⁺¹⁾ⱼ.

Indices in keys count from 0 (numpy's); labels count layers and neurons from 1
(the lessons'). Every function raises a ValueError naming the key and the fix when
the key does not address a parameter of the network.
"""
import numbers

import numpy as np

from .checks import number

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def parameter_keys(net):
    """Every weight and bias of ``net`` as (label, key) pairs, layer by layer, e.g. ('w⁽²⁾₁₁', key)."""
    keys = []
    for l, W in enumerate(net.weights):
        keys += [(parameter_label(("weights", l, j, k)), ("weights", l, j, k)) for j, k in np.ndindex(W.shape)]
        keys += [(parameter_label(("biases", l, j)), ("biases", l, j)) for j in range(W.shape[0])]
    return keys


def parameter_label(key):
    """The lesson's name of a parameter key: w⁽ᴸ⁾ⱼₖ or b⁽ᴸ⁾ⱼ (layers and neurons counted from 1)."""
    key = _well_formed(key)
    layer = f"⁽{str(key[1] + 1).translate(_SUP)}⁾"
    index = "".join(str(i + 1).translate(_SUB) for i in key[2:])
    return ("w" if key[0] == "weights" else "b") + layer + index


def check_key(net, key):
    """``key`` as a tuple when it addresses a parameter of ``net``; else a ValueError that lists an example."""
    key = _well_formed(key)
    arrays = net.weights if key[0] == "weights" else net.biases
    shape = arrays[key[1]].shape if key[1] < len(arrays) else None
    if shape is None or any(i >= n for i, n in zip(key[2:], shape)):
        first = parameter_keys(net)[0][1]
        raise ValueError(f"parameter {key!r} is not in this network of sizes {net.sizes}; "
                         f"keys count layers and neurons from 0, e.g. {first!r}")
    return key


def _well_formed(key):
    key = tuple(key) if isinstance(key, (tuple, list)) else key
    ok = isinstance(key, tuple) and len(key) >= 1 and key[0] in ("weights", "biases")
    ok = ok and len(key) == (4 if key[0] == "weights" else 3)
    ok = ok and all(isinstance(i, numbers.Integral) and not isinstance(i, bool) and i >= 0 for i in key[1:])
    if not ok:
        raise ValueError("a parameter key is ('weights', l, j, k) or ('biases', l, j) with whole numbers "
                         f"counted from 0, e.g. ('weights', 0, 0, 0); got {key!r}")
    return (key[0],) + tuple(int(i) for i in key[1:])


def get_parameter(net, key):
    """The value of one parameter (a float)."""
    key = check_key(net, key)
    return float(getattr(net, key[0])[key[1]][key[2:]])


def set_parameter(net, key, value):
    """Set one parameter in place to ``value`` (a finite number); nothing else changes."""
    key = check_key(net, key)
    value = number(value, "a parameter's value")
    getattr(net, key[0])[key[1]][key[2:]] = value


def gradient_of(grads, key):
    """∂C/∂p of one parameter from backward's Gradients (a float)."""
    key = _well_formed(key)
    return float(getattr(grads, key[0])[key[1]][key[2:]])
