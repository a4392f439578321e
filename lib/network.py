"""The Network: forward keeps a trace, backward reads it, step descends (lessons 01, 04, 05).

Shapes: X (n, n_in); weights[L-1] (n_L, n_{L-1}); biases[L-1] (n_L,); z[L], a[L], delta[L]
(n, n_L); z[0] and delta[0] are None. Argument checks live in backprop.checks, _validate and _guards.
"""
from dataclasses import dataclass, field

import numpy as np

from . import _guards as guard
from . import _validate as validate
from . import checks
from .activations import dropout_mask, get_activation
from .init import initial_parameters
from .losses import get_loss
from .metrics import Scores
from .output import output_layer
from .update import descend


@dataclass
class Trace:
    """What one forward pass saw: z[L], a[L] per layer (a[0] is a copy of X), y_hat = a[-1].

    masks[L] is dropout's mask of hidden layer L (None without dropout): layer L + 1
    receives a[L] ⊙ masks[L]. ``parameters`` are copies of the weights and biases used.
    """
    z: list
    a: list
    masks: list
    parameters: list = field(default_factory=list, repr=False)

    @property
    def y_hat(self):
        return self.a[-1]

    def sent(self, L):
        """What layer L passed on to layer L + 1: a[L], or a[L] ⊙ masks[L] under dropout."""
        return self.a[L] if self.masks[L] is None else self.a[L] * self.masks[L]


@dataclass
class Gradients:
    """∂C/∂parameter (batch mean, same shapes as the parameters) and delta[L] = ∂C/∂z[L] per example."""
    weights: list
    biases: list
    delta: list

    def parameters(self):
        """[∂C/∂W⁽¹⁾, ∂C/∂b⁽¹⁾, ∂C/∂W⁽²⁾, …]: in the order of Network.parameters()."""
        return [grad for pair in zip(self.weights, self.biases) for grad in pair]


class Network(Scores):
    """A fully connected network, vectorised over the batch (one example per row of X), lessons 01–09.

    sizes [n_in, n_1, …, n_out]; activation of the hidden layers and output_activation by name;
    loss by name; init 'small', 'xavier', 'he' or a weight std. Bad arguments raise a ValueError
    or TypeError that names the argument and the fix (also: more than _guards.MAX_PARAMETERS parameters).
    """

    def __init__(self, sizes, activation="sigmoid", output_activation=None,
                 loss="half_squared_error", init="xavier", seed=0):
        self.sizes = checks.sizes(sizes)
        guard.parameter_count(self.sizes)
        hidden = validate.hidden_activation(get_activation(activation))
        self.output = output_layer(get_activation(output_activation or activation), get_loss(loss), self.sizes[-1])
        self.activation, self.output_activation = hidden, self.output.activation
        self.loss_function = self.output.loss
        self.activations = [hidden] * (len(self.sizes) - 2) + [self.output_activation]
        self._weights, self._biases = initial_parameters(self.sizes, init, guard.rng_from(seed))

    @classmethod
    def from_parameters(cls, weights, biases, activation="sigmoid", output_activation=None,
                        loss="half_squared_error"):
        """A network with the given weights (n_L, n_{L-1}) and biases (n_L,) per layer (e.g. note 003's)."""
        net = cls(guard.sizes_from_parameters(weights, biases), activation, output_activation, loss, init=0.0)
        net.weights, net.biases = weights, biases
        return net

    weights = guard.ParameterList("[W⁽¹⁾, W⁽²⁾, …], W⁽ᴸ⁾ of shape (n_L, n_{L-1}): the arrays themselves.")
    biases = guard.ParameterList("[b⁽¹⁾, b⁽²⁾, …], b⁽ᴸ⁾ of shape (n_L,): the arrays themselves.")

    def parameters(self):
        """[weights[0], biases[0], weights[1], …] — the arrays themselves, not copies."""
        return [p for pair in zip(self.weights, self.biases) for p in pair]

    def copy(self):
        """An independent network with the same functions and bit-identical parameter values."""
        return Network.from_parameters(self.weights, self.biases, self.activation.name,
                                       self.output_activation.name, self.loss_function.name)

    def forward(self, X, dropout=0.0, rng=None):
        """Trace of z[L] and a[L] for X (n, n_in) or one example (n_in,); dropout on hidden layers."""
        X = np.array(validate.check_inputs(X, self.sizes[0]))       # the trace keeps its own copy
        dropout = checks.fraction(dropout, "dropout")
        parameters = [p.copy() for p in self.parameters()]      # (reading them converts any set by hand)
        with np.errstate(over="ignore", invalid="ignore"):       # a blow-up is reported by step, in words
            trace = self._forward(X, dropout, rng)
        trace.parameters = parameters
        return trace

    def _forward(self, X, dropout=0.0, rng=None):
        trace = Trace(z=[None], a=[X], masks=[None])
        for L, (W, b, f) in enumerate(zip(self._weights, self._biases, self.activations), start=1):
            trace.z.append(trace.sent(L - 1) @ W.T + b)
            trace.a.append(f(trace.z[L]))
            hidden = L < len(self._weights)
            mask = dropout_mask(trace.a[L].shape, dropout, guard.rng_from(rng)) if dropout and hidden else None
            trace.masks.append(mask)
        return trace

    def backward(self, trace, y):
        """Gradients of the batch-mean loss from this network's latest ``trace`` and targets ``y``."""
        guard.check_trace(trace, Trace, self)
        Y = self.targets(y, trace.a[0].shape[0])
        with np.errstate(over="ignore", invalid="ignore"):     # inf gradients are refused by step, in words
            return self._backward(trace, Y)

    def _backward(self, trace, Y):
        """BP1–BP4 as lesson 09 writes them, for the batch: delta[L] (n, n_L), gradients as batch means."""
        depth, n = len(self._weights), Y.shape[0]
        sigma_prime = self.activation.prime_from_a          # σ′ of the hidden layers, read from their a
        mean_row = np.full(n, 1.0 / n)                      # mean_row @ δ: the mean of δ's rows, one BLAS call
        delta, grad_w, grad_b = [None] * (depth + 1), [None] * depth, [None] * depth
        delta[depth] = self.output.delta(trace.z[depth], trace.a[depth], Y)            # BP1, the output layer's
        # z, a and delta count layers from 1 as the lessons do; weights[L-1], biases[L-1] are layer L's.
        for L in range(depth, 0, -1):
            grad_w[L - 1] = delta[L].T @ trace.sent(L - 1) / n                         # BP3
            grad_b[L - 1] = mean_row @ delta[L]                                        # BP4: the mean of δ's rows
            if L > 1:
                delta[L - 1] = (delta[L] @ self._weights[L - 1]) * sigma_prime(trace.a[L - 1])   # BP2
                if trace.masks[L - 1] is not None:      # dropout: a dropped unit passed nothing on, gets no blame
                    delta[L - 1] *= trace.masks[L - 1]
        return Gradients(grad_w, grad_b, delta)

    def targets(self, y, n):
        """y as (n, n_out): integer labels become one-hot when there are several outputs.

        ValueError for targets whose loss has no minimum (backprop.output): a negative one with
        cross_entropy, one outside 0..1 with binary_cross_entropy."""
        return self.output.targets(validate.check_targets(y, n, self.sizes[-1], one_hot_labels=True))

    def loss(self, X, y):
        """Batch-mean loss on X (n, n_in), y (a float; inf when the numbers overflow)."""
        return self.loss_of(self.forward(X), y)

    def loss_of(self, trace, y):
        """Batch-mean loss of a forward ``trace`` against targets ``y`` (a float)."""
        with np.errstate(over="ignore", invalid="ignore"):
            return self.output.cost(trace.z[-1], trace.a[-1], self.targets(y, trace.a[0].shape[0]))

    def loss_and_gradients(self, X, y, dropout=0.0, rng=None, check=True):
        """(batch-mean loss, Gradients) of one batch; check=False (scipy's check_finite) for fit's inner loop."""
        if check:          # (reading the parameters converts any set by hand)
            X, _ = validate.check_inputs(X, self.sizes[0]), self.parameters()
            y = self.targets(y, X.shape[0])
        trace = self._forward(X, dropout, rng)
        return self.output.cost(trace.z[-1], trace.a[-1], y), self._backward(trace, y)

    def predict(self, X):
        """ŷ for X: (n, n_out), or (n_out,) for one example given as (n_in,)."""
        y_hat = self.forward(X).y_hat
        return y_hat[0] if np.ndim(X) == 1 else y_hat

    def step(self, grads, lr):
        """Gradient descent in place, p ← p − lr · ∂C/∂p; refuses (unchanged) a step to inf or NaN."""
        checks.positive(lr, "lr (the learning rate)")
        guard.check_gradients(grads, Gradients, self, lr)
        with guard.refuse_blow_up(self, lr):
            descend(self.parameters(), grads.parameters(), lr)

    def fit(self, X, y, **options):
        """Mini-batch SGD in place; a History. Options (epochs, batch_size, lr, …): backprop.training.fit."""
        from .training import fit
        return fit(self, X, y, **options)

    def __repr__(self):
        names = self.activation.name, self.output_activation.name, self.loss_function.name
        return "Network({}, activation={!r}, output_activation={!r}, loss={!r})".format(self.sizes, *names)
