"""Loss functions: each summed over output neurons and averaged over the batch.

Introduced in lessons/02_error_and_loss. ``y_hat`` and ``y`` have shape
(n, n_out). Each loss is written once, as its terms per output neuron (n, n_out);
``value`` sums them per example (n,), calling the loss gives the batch mean, and
``grad`` returns ∂C/∂ŷ per example (n, n_out) — the batch mean is taken by the caller.
"""
import numpy as np

_TINY = 1e-12   # keeps log(0) away from cross-entropy read from ŷ


class Loss:
    """A named loss: its terms per output neuron, their derivative, and the formula in words."""

    def __init__(self, name, terms, grad, formula):
        self.name, self.terms, self.grad, self.formula = name, terms, grad, formula

    def value(self, y_hat, y):
        """The loss of each example, summed over the output neurons: shape (n,)."""
        return self.terms(y_hat, y).sum(axis=-1)

    def __call__(self, y_hat, y):
        """Mean over the batch of the per-example loss (a float)."""
        return float(self.terms(y_hat, y).sum() / y_hat.shape[0])    # one sum over everything: fast

    def __repr__(self):
        return f"Loss({self.name!r}: {self.formula})"


def error(y_hat, y):
    """Note 000's error of a prediction, true − predicted: y − ŷ (lessons/02_error_and_loss), any shape.

    Its sign is the opposite of the slope ∂C/∂ŷ = ŷ − y of ½(ŷ − y)².
    """
    return y - y_hat


def half_squared_error(y_hat, y):
    """½ (ŷ_j − y_j)² for each output j (notes 002 and 003)."""
    return 0.5 * (y_hat - y) ** 2


def half_squared_error_grad(y_hat, y):
    """∂C/∂ŷ = ŷ − y."""
    return y_hat - y


def squared_error(y_hat, y):
    """(ŷ_j − y_j)² for each output j (note 001's C)."""
    return (y_hat - y) ** 2


def squared_error_grad(y_hat, y):
    """∂C/∂ŷ = 2(ŷ − y): the factor 2 the ½ removes."""
    return 2.0 * (y_hat - y)


def cross_entropy(y_hat, y):
    """−y_j log ŷ_j for each output j, y one-hot (or any distribution)."""
    return -y * np.log(np.maximum(y_hat, _TINY))


def cross_entropy_grad(y_hat, y):
    """∂C/∂ŷ = −y / ŷ (with softmax this becomes ŷ − y for ∂C/∂z)."""
    return -y / np.clip(y_hat, _TINY, None)


def binary_cross_entropy(y_hat, y):
    """−[y_j log ŷ_j + (1 − y_j) log(1 − ŷ_j)] for each output j: ŷ_j the probability that label j is on."""
    return -(y * np.log(np.maximum(y_hat, _TINY)) + (1.0 - y) * np.log(np.maximum(1.0 - y_hat, _TINY)))


def binary_cross_entropy_grad(y_hat, y):
    """∂C/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)) (with a sigmoid output this becomes ŷ − y for ∂C/∂z)."""
    p = np.clip(y_hat, _TINY, 1.0 - _TINY)
    return (p - y) / (p * (1.0 - p))


LOSSES = {
    "half_squared_error": Loss("half_squared_error", half_squared_error,
                               half_squared_error_grad, "½(ŷ − y)²"),
    "squared_error": Loss("squared_error", squared_error, squared_error_grad, "(ŷ − y)²"),
    "cross_entropy": Loss("cross_entropy", cross_entropy, cross_entropy_grad, "−Σ y log ŷ"),
    "binary_cross_entropy": Loss("binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_grad,
                                 "−Σ [y log ŷ + (1 − y) log(1 − ŷ)]"),
}


def get_loss(name):
    """The Loss called ``name``; TypeError for a non-name, ValueError listing the known names."""
    if isinstance(name, Loss):
        return name
    if not isinstance(name, str):
        raise TypeError(f"loss must be a name such as 'half_squared_error'; got {type(name).__name__}")
    if name not in LOSSES:
        known = ", ".join(repr(k) for k in LOSSES)
        hint = " (the mean squared error is 'half_squared_error' or 'squared_error')" if "mse" in name.lower() else ""
        raise ValueError(f"unknown loss {name!r}; choose one of {known}{hint}")
    return LOSSES[name]
