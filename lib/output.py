"""The output layer: its activation and the loss as a pair, C and δ⁽ᵒᵘᵗ⁾ from the output's z and a.

Introduced in lessons/04_hidden_layer_blame (δ⁽ᵒᵘᵗ⁾ = ∂C/∂a ⊙ f'(z), BP1) and
lessons/07_sgd_minibatches (softmax with cross-entropy: δ = ŷ − y). Shapes: z, a, Y
and δ are (n, n_out). δ is always the gradient of the pair's own C; a target for which
C has no minimum is refused by ``targets`` with a message that says what to pass.
"""
import numpy as np

from .activations import log_softmax

_UNDERFLOW = 1e-300   # below this a probability has lost its digits: read the loss from the logits


class OutputLayer:
    """Any output activation with any loss: BP1, δ⁽ᵒᵘᵗ⁾ = ∂C/∂a ⊙ f'(z)."""

    def __init__(self, activation, loss):
        self.activation, self.loss = activation, loss

    def targets(self, Y):
        """Y (n, n_out) itself when this pair can learn it; else a ValueError saying what to pass."""
        return Y

    def cost(self, z, a, Y):
        """The batch-mean loss of outputs a (n, n_out) against targets Y (n, n_out): a float."""
        return self.loss(a, Y)

    def delta(self, z, a, Y):
        """δ⁽ᵒᵘᵗ⁾ = ∂C/∂z of the output layer, per example: (n, n_out)."""
        return self.activation.backward(z, a, self.loss.grad(a, Y))


class SoftmaxCrossEntropy(OutputLayer):
    """Softmax with cross-entropy (lessons/07_sgd_minibatches), both from the logits z.

    C = −Σ y log softmax(z): where a probability underflowed (logits like [1000, 0]) it is
    taken from a stable log-softmax of z, so class 1 costs the true 1000, not a capped value.
    δ = ∂C/∂z = (Σ_j y_j)·ŷ − y, which is the lesson's ŷ − y when the target row sums to 1
    (one-hot rows and class labels bit for bit, label smoothing within rounding). Rows that
    sum to something else (several labels, none) get their true gradient too. A negative
    target is refused: with it C falls without end as its ŷ → 0.
    """

    def targets(self, Y):
        bad = np.flatnonzero((Y < 0).any(axis=1))
        if bad.size:
            raise ValueError(f"y must be ≥ 0 for loss='cross_entropy' (one probability per class, e.g. one-hot "
                             f"rows or integer class labels); got row {bad[0]}: {np.round(Y[bad[0]], 4)} — a "
                             "negative target makes the loss fall without end as its ŷ goes to 0")
        return Y

    def cost(self, z, a, Y):
        if a.min() > _UNDERFLOW:            # every ŷ is a normal number: log ŷ is exact to rounding
            return float(-(Y * np.log(a)).sum() / z.shape[0])
        return float(-(Y * log_softmax(z)).sum() / z.shape[0])

    def delta(self, z, a, Y):
        return a * Y.sum(axis=1, keepdims=True) - Y


class SigmoidBinaryCrossEntropy(OutputLayer):
    """Sigmoid outputs with binary cross-entropy: each output is the probability that its label is on.

    C = −Σ [y log ŷ + (1 − y) log(1 − ŷ)], computed from z as softplus(z) − y·z =
    max(z, 0) − y·z + log(1 + e^(−|z|)), exact for any z (no log 0, no overflow: z = −800
    with y = 1 costs the true 800). δ = ŷ − y: σ' = ŷ(1 − ŷ) cancels the loss's denominator.
    δ is the true gradient for any target; targets outside 0..1 are refused all the same: with
    them C falls without end as z grows (y > 1) or shrinks (y < 0).
    """

    def targets(self, Y):
        if Y.min() < 0 or Y.max() > 1:
            raise ValueError(f"y must be numbers from 0 to 1 for loss='binary_cross_entropy' (0/1 labels or "
                             f"probabilities, one per output); got values from {Y.min():.6g} to {Y.max():.6g}")
        return Y

    def cost(self, z, a, Y):
        return float((np.maximum(z, 0.0) - Y * z + np.log1p(np.exp(-np.abs(z)))).sum() / z.shape[0])

    def delta(self, z, a, Y):
        return a - Y


_PAIRS = {("softmax", "cross_entropy"): SoftmaxCrossEntropy, ("sigmoid", "binary_cross_entropy"):
          SigmoidBinaryCrossEntropy}
_NEEDS = {"cross_entropy": "softmax", "binary_cross_entropy": "sigmoid"}   # a loss defined only after this output
_MEANS = {"softmax": "probabilities summing to 1", "sigmoid": "one probability per output"}


def output_layer(activation, loss, n_out):
    """The OutputLayer for an output Activation, a Loss and ``n_out`` output units; ValueError for a
    pair that does not fit, or a softmax over one unit (its output is always 1, its loss constant)."""
    needed = _NEEDS.get(loss.name)
    if needed is not None and activation.name != needed:
        raise ValueError(f"loss={loss.name!r} needs output_activation={needed!r} (outputs that are "
                         f"{_MEANS[needed]}); got output_activation={activation.name!r}")
    if activation.name == "softmax" and n_out == 1:
        raise ValueError("a softmax over one output unit always outputs 1, so its loss never changes and it "
                         "learns nothing — for two classes use one output with output_activation='sigmoid' "
                         "and loss='binary_cross_entropy' (or two softmax outputs, sizes [..., 2])")
    return _PAIRS.get((activation.name, loss.name), OutputLayer)(activation, loss)
