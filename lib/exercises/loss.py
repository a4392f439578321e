"""Checks for lessons/02_error_and_loss: the loss and its slope.

The course's loss is C = mean over examples of ½ Σ_j (ŷ_j − y_j)² (notes 002, 003);
y_hat and y have shape (n, n_out).
"""
import numpy as np

from ..losses import get_loss
from .compare import check_function
from .toolkit import Mistake, table

__all__ = ["check_squared_error", "check_squared_error_derivative"]

_HALF = get_loss("half_squared_error")

# n ≠ 2 and n_out ≠ 2 somewhere, so "no ½", "sum over examples" and "mean over outputs" differ
_CASES = [(np.array([[0.8, 0.1, 0.3], [0.2, 0.6, 0.9], [0.5, 0.5, 0.0], [0.1, 0.7, 0.2]]),
           np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]])),
          (np.array([[0.74], [0.2], [0.9], [0.55]]), np.array([[0.6], [0.0], [1.0], [0.5]]))]

_FACTOR_2 = ("factor_2", "your numbers are twice ours: the course's loss has a ½ in front, "
             "C = ½ (ŷ − y)² (note 001 uses (ŷ − y)² without it — both are fine, but here we use the ½).",
             lambda y_hat, y: 2 * _HALF(y_hat, y))


@table(
    Mistake(*_FACTOR_2),
    Mistake("sum_not_mean", "you summed over the examples; take the mean over the examples instead, "
            "so the loss does not grow with the size of the data set.",
            lambda y_hat, y: 0.5 * np.sum((y_hat - y) ** 2)),
    Mistake("per_example", "you returned one loss per example (wrong shape); average them into one number.",
            lambda y_hat, y: 0.5 * np.sum((y_hat - y) ** 2, axis=1)),
    Mistake("mean_over_outputs", "np.mean over every number also averages over the outputs and drops the ½: "
            "sum ½(ŷ − y)² over the outputs, then take the mean over the examples.",
            lambda y_hat, y: np.mean((y_hat - y) ** 2)),
    Mistake("half_mean_over_outputs", "np.mean over every number also averages over the outputs: sum ½(ŷ − y)² "
            "over the outputs (axis=1), then take the mean over the examples.",
            lambda y_hat, y: np.mean(0.5 * (y_hat - y) ** 2)),
    Mistake("not_squared", "the difference is not squared: square it so misses in either direction count.",
            lambda y_hat, y: np.mean(0.5 * np.sum(y_hat - y, axis=1))),
)
def check_squared_error(fn):
    """Check fn(y_hat, y) → the mean over examples of ½ Σ_j (ŷ_j − y_j)² (one float)."""
    return check_function("check_squared_error", fn, _CASES, _HALF, mistakes=check_squared_error.mistakes)


def _half_grad(y_hat, y):
    """∂C/∂ŷ per example: ŷ − y, shape (n, n_out)."""
    return _HALF.grad(y_hat, y)


@table(
    Mistake("sign", "the sign is flipped: y − ŷ is note 000's Error = true − predicted, but the slope of the "
            "loss is ŷ − y (positive when the prediction is too high).",
            lambda y_hat, y: y - y_hat),
    Mistake(_FACTOR_2[0], "your numbers are twice ours: 2(ŷ − y) is the slope of (ŷ − y); the ½ in "
            "C = ½(ŷ − y)² cancels the 2, leaving ŷ − y.",
            lambda y_hat, y: 2 * (y_hat - y)),
    Mistake("divided_by_n", "you divided by the number of examples: here we want the slope for each example; "
            "the mean over the batch comes later, once, in the gradients.",
            lambda y_hat, y: (y_hat - y) / len(y)),
    Mistake("loss_not_slope", "you returned the loss ½(ŷ − y)² itself; its derivative with respect to ŷ is ŷ − y.",
            lambda y_hat, y: 0.5 * (y_hat - y) ** 2),
)
def check_squared_error_derivative(fn):
    """Check fn(y_hat, y) → ∂C/∂ŷ = ŷ − y for each example, shape (n, n_out)."""
    return check_function("check_squared_error_derivative", fn, _CASES, _half_grad,
                          mistakes=check_squared_error_derivative.mistakes)
