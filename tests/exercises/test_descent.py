"""Lesson 06's checks (backprop.exercises.descent): the first-order change of the loss and the largest stable rate."""
import numpy as np
import pytest

from backprop.exercises.descent import (check_first_order_change, check_largest_rate, rate_exercise_data,
                                        rate_exercise_network)

from ._sweep import Case, blank, raising, sweep

def squares(grads, biases=True):
    """Σ of the squared entries of every weight gradient (and bias gradient), by a plain loop."""
    arrays = list(grads.weights) + (list(grads.biases) if biases else [])
    return sum(float(v) ** 2 for g in arrays for v in np.ravel(g))


CASES = {
    "first_order_change": Case(check_first_order_change, lambda g, lr: -lr * squares(g), {
        "sign": lambda g, lr: lr * squares(g),
        "not_squared": lambda g, lr: -lr * squares(g) ** 0.5,
        "no_biases": lambda g, lr: -lr * squares(g, biases=False),
        "no_lr": lambda g, lr: -squares(g),
        "mean": lambda g, lr: -lr * squares(g) / sum(np.size(p) for p in list(g.weights) + list(g.biases))},
        unrecognised=lambda g, lr: -lr * squares(g) * 1.001),
}


def test_first_order_change_predicts_one_small_step():
    """On note 003's network a step of lr = 0.01 changes the loss by the predicted amount, to 1 %."""
    from backprop.data import worked_example
    net, x, y = worked_example()
    grads = net.backward(net.forward(x), y)
    before = net.loss(x, y)
    net.step(grads, 0.01)
    assert net.loss(x, y) - before == pytest.approx(-0.01 * squares(grads), rel=0.01)


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
