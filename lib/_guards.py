"""Guards of the Network's own objects: its parameters, traces, gradients and steps.

The checks of plain arguments (arrays, sizes, numbers) are in backprop.checks.
Messages speak to a learner: what was expected, what was given, what to do.
"""
import contextlib
import functools

import numpy as np

from . import checks
from ._validate import check_parameter


class ParameterList:
    """A checked attribute of a Network: ``net.weights`` or ``net.biases``, one float64 array per layer.

    Reading it converts what a learner set by hand (a list, ints, float32; the whole list
    or one entry) to float64, or raises a ValueError naming a wrong shape; setting it copies.
    """

    def __init__(self, doc):
        self.__doc__ = doc

    def __set_name__(self, owner, name):
        self.name, self.slot = name, "_" + name

    def __get__(self, net, owner=None):
        if net is None:
            return self
        arrays = parameter_list(getattr(net, self.slot), self.name, net.sizes)
        setattr(net, self.slot, arrays)
        return arrays

    def __set__(self, net, values):
        setattr(net, self.slot, parameter_list(values, self.name, net.sizes, copy=True))


def parameter_list(values, name, sizes, copy=False):
    """One float64 array per layer of the expected shape; the same list when nothing needs converting."""
    shapes = _shapes(name, tuple(sizes))
    if not copy and type(values) is list and len(values) == len(shapes):      # the hot path: nothing to do
        for v, s in zip(values, shapes):
            if type(v) is not np.ndarray or v.dtype != np.float64 or v.shape != s:
                break
        else:
            return values
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or len(values) != len(shapes):
        given = len(values) if hasattr(values, "__len__") and not isinstance(values, str) else type(values).__name__
        raise ValueError(f"{name} must be a list of {len(shapes)} arrays (one per layer); got {given}")
    return [check_parameter(v, s, f"{name}[{l}]") for l, (v, s) in enumerate(zip(values, shapes))]


@functools.lru_cache(maxsize=64)
def _shapes(name, sizes):
    return tuple((n_out, n_in) if name == "weights" else (n_out,) for n_in, n_out in zip(sizes[:-1], sizes[1:]))


def sizes_from_parameters(weights, biases):
    """Layer sizes [n_in, n_1, …] read from one weight matrix and one bias vector per layer."""
    if isinstance(weights, np.ndarray) or not hasattr(weights, "__len__") or not hasattr(biases, "__len__"):
        raise TypeError("weights and biases must be lists with one array per layer, e.g. "
                        "from_parameters([W1, W2], [b1, b2])")
    if len(weights) == 0 or len(weights) != len(biases):
        raise ValueError(f"give one weight matrix and one bias vector per layer; "
                         f"got {len(weights)} weight matrices and {len(biases)} bias vectors")
    first = checks.float_array(weights[0], "weights[0]")
    if first.ndim != 2:
        raise ValueError(f"weights[0] must be a 2-D matrix (n_out, n_in); got shape {first.shape}")
    sizes = [int(np.size(checks.float_array(b, f"biases[{l}]"))) for l, b in enumerate(biases)]
    n_in = first.shape[1] if first.shape[0] == sizes[0] else first.shape[0]   # a transposed one is named later
    return [n_in] + sizes


def check_trace(trace, trace_type, net):
    """A trace of this network's current parameters; else a message that says to run forward again."""
    if not isinstance(trace, trace_type):
        raise TypeError("backward needs the trace returned by net.forward(X); "
                        f"got {type(trace).__name__} — call trace = net.forward(X) first")
    now = net.parameters()
    if [p.shape for p in trace.parameters] != [p.shape for p in now]:
        sizes = [trace.a[0].shape[1]] + [a.shape[1] for a in trace.a[1:]]
        raise ValueError(f"this trace comes from a network of sizes {sizes}, not this one ({net.sizes}); "
                         "run trace = net.forward(X) with this network")
    if not all(np.array_equal(old, new) for old, new in zip(trace.parameters, now)):
        raise ValueError("the weights or biases changed since this trace was taken (a step, an edit, or "
                         "another network's trace): its z and a are stale — run trace = net.forward(X) again")


def check_gradients(grads, gradients_type, net, lr):
    """Gradients of this network's shapes, all finite (else the learning rate ``lr`` was too high)."""
    if not isinstance(grads, gradients_type):
        raise TypeError(f"step needs the gradients from net.backward(trace, y); got {type(grads).__name__}")
    if [np.shape(g) for g in grads.parameters()] != [p.shape for p in net.parameters()]:
        raise ValueError("these gradients belong to a network of another shape; "
                         "compute them with this network's backward")
    if not all(np.all(np.isfinite(g)) for g in grads.parameters()):
        raise ValueError("the gradients are inf or NaN: the weights grew too large to compute with "
                         f"(the network is left as it was) — the learning rate lr={lr:g} is too high; "
                         f"start again from fresh parameters and try lr={lr / 10:g}")


@contextlib.contextmanager
def refuse_blow_up(net, lr):
    """Run a step; if it made a parameter inf or NaN, put every parameter back and say why."""
    before = [p.copy() for p in net.parameters()]
    with np.errstate(over="ignore", invalid="ignore"):
        yield
    if not all(np.isfinite(p).all() for p in net.parameters()):
        for p, old in zip(net.parameters(), before):
            p[...] = old
        raise ValueError(blow_up_message(lr))


def blow_up_message(lr):
    """What to say when a step would make a parameter inf or NaN."""
    return (f"this step would make some weights or biases inf or NaN (the network is left as it was): "
            f"the learning rate lr={lr:g} is too high — try lr={lr / 10:g}")


def class_labels(labels, n_out):
    """Integer class labels (n,) from labels (n,) or one-hot / single-output targets (n, n_out)."""
    labels = checks.float_array(labels, "labels")
    if labels.size and not np.all(labels == np.round(labels)):
        example = labels.flat[int(np.argmax(labels != np.round(labels)))]
        raise ValueError(f"labels must be classes: whole numbers (n,), or one-hot / 0-1 rows (n, {n_out}); got "
                         f"{example:g} among them — accuracy counts right classes; for targets that are not "
                         "classes, judge with the loss (net.loss(X, y)) instead")
    if labels.ndim == 2:
        labels = labels.argmax(axis=1) if labels.shape[1] > 1 else labels[:, 0]
    if labels.ndim != 1:
        raise ValueError(f"labels must be one class number per example (n,) or one-hot rows (n, {n_out}); "
                         f"got shape {labels.shape}")
    return labels


def rng_from(seed):
    """A numpy Generator from a seed (a whole number), an existing Generator, or None (unseeded)."""
    if seed is None or isinstance(seed, np.random.Generator):
        return seed if seed is not None else np.random.default_rng()
    return np.random.default_rng(checks.whole(seed, "seed"))


MAX_PARAMETERS = 10**8   # 0.8 GB of float64 weights and biases: far beyond what the lessons train, still in memory


def parameter_count(sizes):
    """The number of weights and biases of layers ``sizes``; a ValueError past MAX_PARAMETERS (numpy would
    otherwise fail with 'Unable to allocate …', or swap the machine)."""
    count = sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    if count > MAX_PARAMETERS:
        raise ValueError(f"Network({sizes}) would hold {count:,} weights and biases ({count * 8 / 1e9:,.1f} GB); "
                         f"this course's numpy networks go up to {MAX_PARAMETERS:,} ({MAX_PARAMETERS * 8 / 1e9:.1f} GB) "
                         "— use fewer or narrower layers")
    return count
