"""Lesson 05's checks (backprop.exercises.worked): note 003's forward pass and nine gradients."""
import numpy as np
import pytest

from backprop.exercises.worked import check_worked_backward, check_worked_forward

from ._sweep import Case, dsig, sig, sweep


def worked_forward(x, W1, b1, W2, b2):
    z1, z2 = W1[0] @ x + b1[0], W1[1] @ x + b1[1]
    z3 = W2[0, 0] * sig(z1) + W2[0, 1] * sig(z2) + b2[0]
    return (z1, sig(z1), z2, sig(z2), z3, sig(z3))


def worked_forward_z_not_h(x, W1, b1, W2, b2):
    z1, z2 = W1[0] @ x + b1[0], W1[1] @ x + b1[1]
    z3 = W2[0, 0] * z1 + W2[0, 1] * z2 + b2[0]
    return (z1, sig(z1), z2, sig(z2), z3, sig(z3))


def worked_backward(x, y, W1, b1, W2, b2, crossed=False, slope_at_a=False):
    """Note 003's nine gradients by hand, one scalar at a time (C = ½(ŷ − y)²)."""
    (w11, w12), (w21, w22), (w31, w32) = W1[0], W1[1], W2[0]
    h1, h2 = sig(w11 * x[0] + w12 * x[1] + b1[0]), sig(w21 * x[0] + w22 * x[1] + b1[1])
    y_hat = sig(w31 * h1 + w32 * h2 + b2[0])
    slope = dsig if slope_at_a else (lambda a: a * (1 - a))     # the slip: σ'(a) instead of σ'(z) = a(1 − a)
    d3 = (y_hat - y) * slope(y_hat)
    back1, back2 = (w32, w31) if crossed else (w31, w32)
    d1, d2 = d3 * back1 * slope(h1), d3 * back2 * slope(h2)
    return (d1 * x[0], d1 * x[1], d2 * x[0], d2 * x[1], d1, d2, d3 * h1, d3 * h2, d3)


CASES = {
    "worked_forward": Case(check_worked_forward, worked_forward, {
        "transposed": lambda x, W1, b1, W2, b2: worked_forward(x, W1.T, b1, W2, b2),
        "no_bias": lambda x, W1, b1, W2, b2: worked_forward(x, W1, 0 * b1, W2, 0 * b2),
        "z_not_h": worked_forward_z_not_h}),
    "worked_backward": Case(check_worked_backward, worked_backward, {
        "sign": lambda *a: [-g for g in worked_backward(*a)],
        "factor_2": lambda *a: [2 * g for g in worked_backward(*a)],
        "transposed": lambda *a: np.array(worked_backward(*a))[[0, 2, 1, 3, 4, 5, 6, 7, 8]],
        "crossed": lambda *a: worked_backward(*a, crossed=True),
        "slope_at_a": lambda *a: worked_backward(*a, slope_at_a=True)}),
}

TestSweep = sweep(CASES)


def test_worked_backward_matches_note_003_by_hand(capsys):
    """The check's reference (the core) agrees with the hand formulas on note 003's numbers."""
    from backprop.exercises.worked import _NOTE_003, _backward
    d3 = (0.73908829 - 0.6) * 0.73908829 * (1 - 0.73908829)
    assert _backward(*_NOTE_003)[8] == pytest.approx(d3, rel=1e-6)
    assert np.allclose(_backward(*_NOTE_003), worked_backward(*_NOTE_003))
