"""Checks for lessons/05_worked_example: note 003's 2-2-1 sigmoid network, by hand.

Arguments: x (2,), y a float, W1 (2, 2) = [[w11, w12], [w21, w22]], b1 (2,) = [b1, b2],
W2 (1, 2) = [[w31, w32]], b2 (1,) = [b3]. The loss is C = ½(ŷ − y)² (the note writes L;
the course keeps L for layers).
"""
import numpy as np

from ..activations import sigmoid, sigmoid_prime
from ..network import Network
from .compare import check_function
from .toolkit import Mistake, table

__all__ = ["check_worked_forward", "check_worked_backward"]

_NOTE_003 = (np.array([0.5, 0.1]), 0.6, np.array([[0.4, 0.3], [0.6, 0.9]]), np.array([0.1, 0.2]),
             np.array([[0.5, 0.7]]), np.array([0.3]))
_OTHER = (np.array([1.0, -0.5]), 0.1, np.array([[0.2, -0.8], [1.1, 0.4]]), np.array([-0.3, 0.5]),
          np.array([[-0.6, 1.2]]), np.array([0.05]))
_BACK_CASES = [_NOTE_003, _OTHER]
_FORWARD_CASES = [(c[0],) + c[2:] for c in _BACK_CASES]


def _core(W1, b1, W2, b2, loss="half_squared_error"):
    return Network.from_parameters([W1, W2], [b1, b2], loss=loss)


def _forward(x, W1, b1, W2, b2):
    """(z1, h1, z2, h2, z3, ŷ) from the core's trace."""
    t = _core(W1, b1, W2, b2).forward(x)
    return np.array([t.z[1][0, 0], t.a[1][0, 0], t.z[1][0, 1], t.a[1][0, 1], t.z[2][0, 0], t.y_hat[0, 0]])


def _backward(x, y, W1, b1, W2, b2, loss="half_squared_error"):
    """(dw11, dw12, dw21, dw22, db1, db2, dw31, dw32, db3) from the core's backward pass."""
    net = _core(W1, b1, W2, b2, loss)
    g = net.backward(net.forward(x), [y])
    return np.concatenate([g.weights[0].ravel(), g.biases[0], g.weights[1].ravel(), g.biases[1]])


def _hand(x, y, W1, b1, W2, b2, out_slope=True, hidden_slope=True, crossed=False, slope_at_a=False):
    """The same nine numbers with one chosen step left out (or σ' taken at a, not z), to recognise a slip."""
    z = W1 @ x + b1
    h = sigmoid(z)
    z3 = W2[0] @ h + b2[0]
    y_hat = sigmoid(z3)
    slope3, slope_h = (sigmoid_prime(y_hat), sigmoid_prime(h)) if slope_at_a else (sigmoid_prime(z3), sigmoid_prime(z))
    delta3 = (y_hat - y) * (slope3 if out_slope else 1.0)
    w_back = W2[0][::-1] if crossed else W2[0]
    delta_h = delta3 * w_back * (slope_h if hidden_slope else 1.0)
    return np.concatenate([np.outer(delta_h, x).ravel(), delta_h, delta3 * h, [delta3]])


def _z_not_h(x, W1, b1, W2, b2):
    """The forward pass with z1, z2 (not h1, h2) fed to the output neuron."""
    z = W1 @ x + b1
    z3 = W2[0] @ z + b2[0]
    return np.array([z[0], sigmoid(z[0]), z[1], sigmoid(z[1]), z3, sigmoid(z3)])


@table(
    Mistake("transposed", "w12 and w21 are swapped: in W1 row j is hidden neuron j, so "
            "z1 = w11·x1 + w12·x2 + b1 uses the first row (W1 @ x, not W1.T @ x).",
            lambda x, W1, b1, W2, b2: _forward(x, W1.T, b1, W2, b2)),
    Mistake("no_bias", "a bias is missing: each neuron adds its own b before the sigmoid.",
            lambda x, W1, b1, W2, b2: _forward(x, W1, 0 * b1, W2, 0 * b2)),
    Mistake("z_not_h", "z3 is built from z1 and z2: the output neuron receives the hidden activations, "
            "z3 = w31·h1 + w32·h2 + b3 with h = σ(z).", _z_not_h),
)
def check_worked_forward(fn):
    """Check fn(x, W1, b1, W2, b2) → (z1, h1, z2, h2, z3, y_hat)."""
    return check_function("check_worked_forward", fn, _FORWARD_CASES, _forward, mistakes=check_worked_forward.mistakes)


@table(
    Mistake("sign", "every gradient has the wrong sign: ∂C/∂ŷ = ŷ − y, not y − ŷ (that is note 000's error).",
            lambda *args: -_backward(*args)),
    Mistake("factor_2", "every gradient is twice ours: that is the loss (ŷ − y)² without the ½. "
            "This exercise uses C = ½(ŷ − y)², so ∂C/∂ŷ = ŷ − y.",
            lambda *args: _backward(*args, loss="squared_error")),
    Mistake("no_output_slope", "σ'(z3) is missing: δ3 = (ŷ − y)·σ'(z3), with σ'(z3) = ŷ(1 − ŷ).",
            lambda *args: _hand(*args, out_slope=False)),
    Mistake("no_hidden_slope", "σ'(z1), σ'(z2) are missing: a hidden delta is δ3·w3k·σ'(zk), with σ'(zk) = hk(1 − hk).",
            lambda *args: _hand(*args, hidden_slope=False)),
    Mistake("slope_at_a", "σ' is taken at the activation instead of the weighted input: σ'(z3) = ŷ(1 − ŷ), "
            "not σ'(ŷ) = σ(ŷ)(1 − σ(ŷ)); likewise σ'(z1) = h1(1 − h1).", lambda *args: _hand(*args, slope_at_a=True)),
    Mistake("crossed", "the hidden deltas use each other's weight: δ1 = δ3·w31·σ'(z1) and δ2 = δ3·w32·σ'(z2).",
            lambda *args: _hand(*args, crossed=True)),
    Mistake("transposed", "dw12 and dw21 are swapped: ∂C/∂w_jk = δ_j · x_k (the blame of the neuron the weight "
            "feeds, times the input it carries).",
            lambda *args: _backward(*args)[[0, 2, 1, 3, 4, 5, 6, 7, 8]]),
)
def check_worked_backward(fn):
    """Check fn(x, y, W1, b1, W2, b2) → (dw11, dw12, dw21, dw22, db1, db2, dw31, dw32, db3)."""
    return check_function("check_worked_backward", fn, _BACK_CASES, _backward, mistakes=check_worked_backward.mistakes)
