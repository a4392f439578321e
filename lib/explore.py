"""Small numbers lessons 01–03 and their live views show, all computed by the core.

One neuron (lessons/01_neuron_anatomy), one output's loss (lessons/02_error_and_loss),
the loss along one parameter, its chain-rule factors and one nudge of it (lessons/03_chain_rule).
A parameter is named by a key (see backprop.parameters).
"""
from dataclasses import dataclass

import numpy as np

from . import checks as check
from .activations import get_activation
from .losses import get_loss
from .network import Gradients, Network, Trace
from .parameters import check_key, get_parameter, gradient_of, set_parameter


def neuron(x, w, b, activation="sigmoid"):
    """One neuron with inputs x (n_in,), weights w (n_in,), bias b: dict of z, a, da_dz and w·x terms (n_in,)."""
    x, w = check.float_array(x, "x"), check.float_array(w, "w")
    if x.ndim != 1 or w.ndim != 1 or x.shape != w.shape:
        raise ValueError(f"x and w must be flat lists of the same length, one weight per input; got x of shape "
                         f"{x.shape} and w of shape {w.shape} — e.g. x=[0.5, 0.1], w=[0.4, 0.3]")
    if np.ndim(b) != 0:
        raise TypeError(f"b must be one number; got {type(b).__name__} of shape {np.shape(b)}")
    b = float(check.float_array(b, "b"))
    net = Network.from_parameters([w[None, :]], [[b]], activation=activation, output_activation=activation)
    trace = net.forward(x[None, :])
    z = trace.z[1]
    return {"z": float(z[0, 0]), "a": float(trace.a[1][0, 0]),
            "da_dz": float(net.activations[0].prime(z)[0, 0]), "terms": w * trace.a[0][0]}


def tangent(x0, y0, slope, xs):
    """The straight line through (x0, y0) with the given slope, at xs (m,): (m,)."""
    return y0 + slope * (np.asarray(xs, dtype=float) - x0)


def output_loss(loss, y_hat, y):
    """Loss and ∂C/∂ŷ of one output ŷ (any shape) against target y: two arrays of ŷ's shape.

    cross_entropy reads ŷ as the probability of class 1 of two, (ŷ, 1 − ŷ): binary cross-entropy.
    """
    fn, y_hat, y = get_loss(loss), check.float_array(y_hat, "y_hat"), check.float_array(y, "y")
    if y_hat.size == 0:
        raise ValueError("y_hat must hold at least one prediction ŷ; got an empty array")
    if y.size not in (1, y_hat.size):
        raise ValueError(f"y must be one target or one per ŷ ({y_hat.size}); got shape {y.shape}")
    Y_hat = y_hat.reshape(-1, 1)
    Y = np.broadcast_to(y.reshape(-1, 1), Y_hat.shape)
    with np.errstate(over="ignore", invalid="ignore"):          # a huge miss gives C = inf, not a warning
        if fn.name == "cross_entropy":
            Y_hat, Y = np.hstack([Y_hat, 1.0 - Y_hat]), np.hstack([Y, 1.0 - Y])
            grad = fn.grad(Y_hat, Y)
            slope = grad[:, 0] - grad[:, 1]          # ŷ moves class 1 up and class 0 down
        else:
            slope = fn.grad(Y_hat, Y)[:, 0]
        return fn.value(Y_hat, Y).reshape(y_hat.shape), slope.reshape(y_hat.shape)


def loss_along(net, x, y, key, values):
    """C as parameter ``key`` takes each of ``values`` (m,), every other parameter fixed: (m,)."""
    key, values, probe = check_key(net, key), check.vector(values, "values"), net.copy()
    losses = np.empty(len(values))
    for i, value in enumerate(values):
        set_parameter(probe, key, value)
        losses[i] = probe.loss(x, y)
    return losses


def chain_factors(net, x, y, key):
    """∂C/∂p = ∂C/∂a · ∂a/∂z · ∂z/∂p for one example x (n_in,) or (1, n_in): dict of floats.

    ∂z/∂p is the input a⁽ᴸ⁻¹⁾ₖ for a weight and 1 for a bias; ``gradient`` is backward's own ∂C/∂p.
    """
    key, trace = check_key(net, key), _one_example(net.forward(x))
    grads = net.backward(trace, y)
    dC_da, da_dz, dz_dp = _factors(net, trace, grads, y, key)
    return {"dC_da": dC_da, "da_dz": da_dz, "dz_dp": dz_dp,
            "product": float(dC_da * da_dz * dz_dp), "gradient": gradient_of(grads, key)}


def _one_example(trace):
    if trace.a[0].shape[0] != 1:
        raise ValueError(f"chain factors are for one example; got {trace.a[0].shape[0]} rows in x")
    return trace


def _factors(net, trace, grads, y, key):
    """(∂C/∂a, ∂a/∂z, ∂z/∂p) of parameter ``key`` from one example's trace and gradients: floats."""
    L, j = key[1] + 1, key[2]
    f = net.activations[L - 1]
    if f.prime is None:
        raise ValueError(f"the {f.name} output mixes its neurons; pick a parameter of an element-wise layer")
    if L == len(net.weights):
        dC_da = net.loss_function.grad(trace.a[L], net.targets(y, 1))[0, j]
    else:
        dC_da = (grads.delta[L + 1] @ net.weights[L])[0, j]
    da_dz = f.prime(trace.z[L])[0, j]
    dz_dp = trace.a[L - 1][0, key[3]] if key[0] == "weights" else 1.0
    return float(dC_da), float(da_dz), float(dz_dp)


@dataclass
class Nudge:
    """Parameter p (``key``) nudged by dp at one example: what lessons/03_chain_rule compares.

    trace, gradients: the forward and backward pass at p (Trace, Gradients); loss: C at p;
    dC_da · da_dz · dz_dp: the chain rule's factors of ∂C/∂p; actual: C(p + dp) − C(p) (floats).
    """
    key: tuple
    p: float
    dp: float
    trace: Trace
    gradients: Gradients
    loss: float
    dC_da: float
    da_dz: float
    dz_dp: float
    actual: float

    @property
    def gradient(self):
        """∂C/∂p as backward computed it."""
        return gradient_of(self.gradients, self.key)

    @property
    def predicted(self):
        """The change of C the slope predicts: ∂C/∂p · dp."""
        return self.gradient * self.dp


def nudged(net, x, y, key, dp):
    """The Nudge of parameter ``key`` by ``dp`` at one example x (n_in,) or (1, n_in), y (n_out,) or (1, n_out).

    Two forward passes (at p and at p + dp) and one backward pass; ``net`` is left as it was. Raises a
    ValueError for a key not in ``net``, several examples, or a parameter of a softmax layer.
    """
    dp = check.number(dp, "dp (the nudge Δp)")
    key, trace = check_key(net, key), _one_example(net.forward(x))
    grads = net.backward(trace, y)
    factors, loss, p = _factors(net, trace, grads, y, key), net.loss_of(trace, y), get_parameter(net, key)
    set_parameter(net, key, p + dp)
    try:
        after = net.loss(x, y)
    finally:
        set_parameter(net, key, p)                 # p itself, bit for bit
    return Nudge(key, p, dp, trace, grads, loss, *factors, after - loss)


def nudge(net, x, y, key, dp):
    """The actual change of C after p ← p + dp, next to the predicted ∂C/∂p · dp: (actual, predicted)."""
    dp, before = check.number(dp, "dp (the nudge Δp)"), net.loss(x, y)
    slope = gradient_of(net.backward(net.forward(x), y), key)
    probe = net.copy()
    set_parameter(probe, key, get_parameter(net, key) + dp)
    return probe.loss(x, y) - before, slope * dp


def activation_curve(activation, z):
    """a = f(z) and the sensitivity f'(z) along z (m,): two (m,) arrays."""
    f = get_activation(activation)
    return f(z), f.prime(z)
