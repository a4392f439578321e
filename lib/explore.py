"""Small numbers lessons 01–03 and their live views show, all computed by the core.

One neuron (lessons/01_neuron_anatomy), one output's loss (lessons/02_error_and_loss),
the loss along one parameter and its chain-rule factors (lessons/03_chain_rule).
A parameter is named by a key (see backprop.parameters).
"""
import numpy as np

from .activations import get_activation
from .losses import get_loss
from .network import Network
from .parameters import get_parameter, gradient_of, set_parameter


def neuron(x, w, b, activation="sigmoid"):
    """One neuron with inputs x (n_in,), weights w (n_in,), bias b: dict of z, a, da_dz and w·x terms (n_in,)."""
    w = np.asarray(w, dtype=float).reshape(1, -1)
    net = Network.from_parameters([w], [[b]], activation=activation, output_activation=activation)
    trace = net.forward(np.asarray(x, dtype=float).reshape(1, -1))
    z = trace.z[1]
    return {"z": float(z[0, 0]), "a": float(trace.a[1][0, 0]),
            "da_dz": float(net.activations[0].prime(z)[0, 0]), "terms": w[0] * trace.a[0][0]}


def tangent(x0, y0, slope, xs):
    """The straight line through (x0, y0) with the given slope, at xs (m,): (m,)."""
    return y0 + slope * (np.asarray(xs, dtype=float) - x0)


def output_loss(loss, y_hat, y):
    """Loss and dC/dŷ of one output ŷ (any shape) against target y: two arrays of ŷ's shape.

    cross_entropy reads ŷ as the probability of class 1 of two, (ŷ, 1 − ŷ): binary cross-entropy.
    """
    fn, y_hat = get_loss(loss), np.asarray(y_hat, dtype=float)
    Y_hat = y_hat.reshape(-1, 1)
    Y = np.broadcast_to(np.asarray(y, dtype=float).reshape(-1, 1), Y_hat.shape)
    if fn.name == "cross_entropy":
        Y_hat, Y = np.hstack([Y_hat, 1.0 - Y_hat]), np.hstack([Y, 1.0 - Y])
        grad = fn.grad(Y_hat, Y)
        slope = grad[:, 0] - grad[:, 1]          # ŷ moves class 1 up and class 0 down
    else:
        slope = fn.grad(Y_hat, Y)[:, 0]
    return fn.value(Y_hat, Y).reshape(y_hat.shape), slope.reshape(y_hat.shape)


def loss_along(net, x, y, key, values):
    """C as parameter ``key`` takes each of ``values`` (m,), every other parameter fixed: (m,)."""
    probe = net.copy()
    losses = np.empty(len(values))
    for i, value in enumerate(values):
        set_parameter(probe, key, value)
        losses[i] = probe.loss(x, y)
    return losses


def chain_factors(net, x, y, key):
    """dC/dp = dC/da · da/dz · dz/dp for one example x (n_in,) or (1, n_in): dict of floats.

    dz/dp is the input a⁽ᴸ⁻¹⁾ₖ for a weight and 1 for a bias; ``gradient`` is backward's own dC/dp.
    """
    trace = net.forward(x)
    if trace.a[0].shape[0] != 1:
        raise ValueError(f"chain factors are for one example; got {trace.a[0].shape[0]} rows in x")
    grads = net.backward(trace, y)
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
    return {"dC_da": float(dC_da), "da_dz": float(da_dz), "dz_dp": float(dz_dp),
            "product": float(dC_da * da_dz * dz_dp), "gradient": gradient_of(grads, key)}


def nudge(net, x, y, key, dp):
    """The actual change of C after p ← p + dp, next to the predicted dC/dp · dp: (actual, predicted)."""
    before = net.loss(x, y)
    slope = gradient_of(net.backward(net.forward(x), y), key)
    probe = net.copy()
    set_parameter(probe, key, get_parameter(net, key) + dp)
    return probe.loss(x, y) - before, slope * dp


def activation_curve(activation, z):
    """a = f(z) and the sensitivity f'(z) along z (m,): two (m,) arrays."""
    f = get_activation(activation)
    return f(z), f.prime(z)
