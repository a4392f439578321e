"""Lesson 02's checks (backprop.exercises.loss): ½ squared error and its slope."""
import numpy as np

from backprop.exercises.loss import check_squared_error, check_squared_error_derivative

from ._sweep import Case, sweep

CASES = {
    "squared_error": Case(check_squared_error, lambda y_hat, y: np.sum((y_hat - y) ** 2) / (2 * len(y)), {
        "factor_2": lambda y_hat, y: np.sum((y_hat - y) ** 2) / len(y),
        "sum_not_mean": lambda y_hat, y: np.sum((y_hat - y) ** 2) / 2,
        "per_example": lambda y_hat, y: np.sum((y_hat - y) ** 2, axis=1) / 2,
        "mean_over_outputs": lambda y_hat, y: ((y_hat - y) ** 2).mean(),
        "not_squared": lambda y_hat, y: np.sum(y_hat - y) / (2 * len(y))}),
    "squared_error_derivative": Case(check_squared_error_derivative, lambda y_hat, y: y_hat - y, {
        "sign": lambda y_hat, y: y - y_hat, "factor_2": lambda y_hat, y: 2 * y_hat - 2 * y,
        "divided_by_n": lambda y_hat, y: (y_hat - y) / y.shape[0],
        "loss_not_slope": lambda y_hat, y: (y_hat - y) ** 2 / 2,
        "shape": lambda y_hat, y: (y_hat - y).T}),
}

TestSweep = sweep(CASES)


def test_factor_2_hint_names_both_conventions(capsys):
    verdict = check_squared_error_derivative(lambda y_hat, y: 2 * (y_hat - y))
    assert "½" in verdict.message and "2(ŷ − y)" in verdict.message
