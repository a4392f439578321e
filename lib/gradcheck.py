"""Gradient checking: backward against float64 centred finite differences.

Introduced in lessons/03_chain_rule ("the derivative as a nudge").
"""
import numpy as np


def numerical_gradients(net, X, y, eps=1e-3):
    """dC/dp for every parameter by the centred five-point stencil (error O(eps⁴)).

    Returns [dW0, db0, dW1, db1, …] in the order of ``net.parameters()``.
    """
    X = np.asarray(X, dtype=float)
    grads = []
    for p in net.parameters():
        g = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            g[i] = _centred_difference(net, X, y, p, i, eps)
        grads.append(g)
    return grads


def _centred_difference(net, X, y, p, i, eps):
    original = p[i]
    values = []
    for shift in (2 * eps, eps, -eps, -2 * eps):
        p[i] = original + shift
        values.append(net.loss(X, y))
    p[i] = original
    c2, c1, m1, m2 = values
    return (8 * (c1 - m1) - (c2 - m2)) / (12 * eps)


def relative_error(analytic, numeric):
    """‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖), 0 when both are zero."""
    diff = np.linalg.norm(analytic - numeric)
    scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return 0.0 if scale == 0 else float(diff / scale)


def gradient_check(net, X, y, eps=1e-3):
    """Largest relative error, over the parameter arrays, between backward and finite differences."""
    grads = net.backward(net.forward(X), y)
    analytic = grads.parameters()
    numeric = numerical_gradients(net, X, y, eps)
    return max(relative_error(a, n) for a, n in zip(analytic, numeric))
