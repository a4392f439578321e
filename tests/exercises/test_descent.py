"""Lesson 06's checks (backprop.exercises.descent): the update step and the largest stable rate."""
import numpy as np
import pytest

from backprop.exercises.descent import (check_largest_rate, check_update_step, rate_exercise_data,
                                        rate_exercise_network)

from ._sweep import Case, blank, raising, sweep

CASES = {
    "update_step": Case(check_update_step, lambda w, g, lr: w - lr * g, {
        "sign": lambda w, g, lr: w + lr * g, "no_lr": lambda w, g, lr: w - g,
        "divide_lr": lambda w, g, lr: w - g / lr, "change_only": lambda w, g, lr: -lr * g},
        unrecognised=lambda w, g, lr: w - lr * g + 0.001),
}

TestSweep = sweep(CASES)


# ---- the largest stable rate (no inputs: fn() → a number, so not in the sweep) ----
def _final_loss(lr, steps=400):
    X, y = rate_exercise_data()
    net = rate_exercise_network()
    for _ in range(steps):
        net.step(net.backward(net.forward(X), y), lr)
    return net.loss(X, y)


def test_rate_limit_agrees_with_experiment():
    """The checker's 2/λ_max boundary is where plain descent starts to blow up."""
    X, y = rate_exercise_data()
    start = rate_exercise_network().loss(X, y)
    assert check_largest_rate(lambda: 0.87).passed
    assert _final_loss(0.87) < 0.01 * start
    with np.errstate(over="ignore", invalid="ignore"):
        assert not _final_loss(0.885) < start
    assert check_largest_rate(lambda: 0.885).mistake == "diverges"


@pytest.mark.parametrize("answer, code", [(0.5, "too_small"), (1.5, "diverges"), (-0.1, "not_positive")])
def test_rate_mistakes_are_named(answer, code):
    assert check_largest_rate(lambda: answer).mistake == code


def test_rate_blank_exception_and_wrong_type():
    assert "None" in check_largest_rate(blank).message
    assert "ZeroDivisionError" in check_largest_rate(raising(ZeroDivisionError("oops"))).message
    assert "one number" in check_largest_rate(lambda: "fast").message
    assert "no brackets" in check_largest_rate(0.87).message
