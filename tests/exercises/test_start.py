"""Lesson 00's checks (backprop.exercises.start): note 000's error and the update rule."""
from backprop.exercises.start import check_error, check_update

from ._sweep import Case, sweep

CASES = {
    "error": Case(check_error, lambda y_hat, y: -(y_hat - y), {
        "sign": lambda y_hat, y: y_hat - y, "absolute": lambda y_hat, y: abs(y - y_hat),
        "mean": lambda y_hat, y: (y - y_hat).mean(), "shape": lambda y_hat, y: (y - y_hat).T}),
    "update": Case(check_update, lambda W, g, lr: W - lr * g, {
        "sign": lambda W, g, lr: W + lr * g, "no_lr": lambda W, g, lr: W - g,
        "grad_only": lambda W, g, lr: -lr * g}),
}

TestSweep = sweep(CASES)
