"""Loss functions: each summed over output neurons and averaged over the batch.

Introduced in lessons/02_error_and_loss. ``y_hat`` and ``y`` have shape
(n, n_out). Each loss is written once, as its terms per output neuron (n, n_out);
``value`` sums them per example (n,), calling the loss gives the batch mean, and
``grad`` returns ∂C/∂ŷ per example (n, n_out) — the batch mean is taken by the caller.
"""
import numpy as np

from .activations import log_softmax

_TINY = 1e-12   # keeps log(0) away from cross-entropy read from ŷ
_UNDERFLOW = 1e-300   # below this a probability has lost its digits: read the loss from the logits


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


LOSSES = {
    "half_squared_error": Loss("half_squared_error", half_squared_error,
                               half_squared_error_grad, "½(ŷ − y)²"),
    "squared_error": Loss("squared_error", squared_error, squared_error_grad, "(ŷ − y)²"),
    "cross_entropy": Loss("cross_entropy", cross_entropy, cross_entropy_grad, "−Σ y log ŷ"),
}


class OutputLayer:
    """The output activation and the loss as a pair: C from the output's z and a, and δ⁽ᵒᵘᵗ⁾.

    Introduced in lessons/04_hidden_layer_blame: δ⁽ᵒᵘᵗ⁾ = ∂C/∂a ⊙ f'(z), (n, n_out).
    """

    def __init__(self, activation, loss):
        self.activation, self.loss = activation, loss

    def cost(self, z, a, Y):
        """The batch-mean loss of outputs a (n, n_out) against targets Y (n, n_out): a float."""
        return self.loss(a, Y)

    def delta(self, z, a, Y):
        """δ⁽ᵒᵘᵗ⁾ = ∂C/∂z of the output layer, per example: (n, n_out)."""
        return self.activation.backward(z, a, self.loss.grad(a, Y))


class SoftmaxCrossEntropy(OutputLayer):
    """Softmax with cross-entropy (lessons/07_sgd_minibatches), both from the logits z.

    C = −Σ y log softmax(z): where a probability underflowed (logits like [1000, 0]) it is
    taken from a stable log-softmax of z, so class 1 costs the true 1000, not a capped value. δ = ŷ − y: the
    softmax's slope and cross-entropy's −y/ŷ cancel.
    """

    def cost(self, z, a, Y):
        if a.min() > _UNDERFLOW:            # every ŷ is a normal number: log ŷ is exact to rounding
            return float(-(Y * np.log(a)).sum() / z.shape[0])
        return float(-(Y * log_softmax(z)).sum() / z.shape[0])

    def delta(self, z, a, Y):
        return a - Y


_PAIRS = {("softmax", "cross_entropy"): SoftmaxCrossEntropy}
_NEEDS = {"cross_entropy": "softmax"}    # a loss that is defined only after this output activation


def output_layer(activation, loss):
    """The OutputLayer for an output Activation and a Loss; ValueError for a pair that does not fit."""
    needed = _NEEDS.get(loss.name)
    if needed is not None and activation.name != needed:
        raise ValueError(f"loss={loss.name!r} needs output_activation={needed!r} (outputs that are "
                         f"probabilities summing to 1); got output_activation={activation.name!r}")
    return _PAIRS.get((activation.name, loss.name), OutputLayer)(activation, loss)


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
