"""The Network: forward keeps a trace, backward reads it, step descends.

Forward and blame are introduced in lessons/01_neuron_anatomy and
lessons/04_hidden_layer_blame; the whole cycle is worked by hand in
lessons/05_worked_example. Shapes: X (n, n_in); weights[l] (n_out, n_in);
biases[l] (n_out,); z[L], a[L], delta[L] (n, n_L). Index 0 of z and delta
is None: the input layer has no weighted input.
"""
from dataclasses import dataclass, field

import numpy as np

from . import _validate as check
from .activations import HIDDEN_ACTIVATIONS, get_activation
from .init import initial_parameters
from .losses import get_loss


@dataclass
class Trace:
    """What forward saw: z[L] and a[L] per layer (a[0] is X), y_hat = a[-1]."""
    z: list
    a: list
    masks: list = field(default_factory=list)

    @property
    def y_hat(self):
        return self.a[-1]


@dataclass
class Gradients:
    """dC/dparameter (batch mean, same shapes as the parameters) and delta[L] = dC/dz[L] per example."""
    weights: list
    biases: list
    delta: list

    def parameters(self):
        """[dW0, db0, dW1, …]: in the order of Network.parameters()."""
        return [g for pair in zip(self.weights, self.biases) for g in pair]


def dropout_mask(shape, rate, rng):
    """Inverted dropout: 0 for a dropped unit, 1/(1 − rate) for a kept one (kept where a draw ≥ rate)."""
    return (rng.random(shape) >= rate) / (1.0 - rate)


class Network:
    """A fully connected network, vectorised over the batch."""

    def __init__(self, sizes, activation="sigmoid", output_activation=None,
                 loss="half_squared_error", init="xavier", seed=0):
        self.sizes = check.check_sizes(sizes)
        self._set_functions(activation, output_activation or activation, loss)
        self.init = init
        w, b = initial_parameters(self.sizes, init, np.random.default_rng(seed))
        self._weights, self._biases = w, b

    def _set_functions(self, activation, output_activation, loss):
        hidden, out, loss = get_activation(activation), get_activation(output_activation), get_loss(loss)
        if hidden.name not in HIDDEN_ACTIVATIONS:
            raise ValueError(f"{hidden.name!r} is for the output layer only; pick a hidden activation "
                             f"from {', '.join(map(repr, HIDDEN_ACTIVATIONS))} and pass "
                             f"output_activation={hidden.name!r}")
        if loss.name == "cross_entropy" and out.name != "softmax":
            raise ValueError("loss='cross_entropy' needs output_activation='softmax' (outputs that are "
                             f"probabilities summing to 1); got output_activation={out.name!r}")
        self.activation, self.output_activation, self.loss_function = hidden, out, loss
        self.activations = [hidden] * (len(self.sizes) - 2) + [out]

    @classmethod
    def from_parameters(cls, weights, biases, activation="sigmoid", output_activation=None,
                        loss="half_squared_error"):
        """A network with the given weights and biases (e.g. note 003's worked example)."""
        if len(weights) == 0 or len(weights) != len(biases):
            raise ValueError(f"give one weight matrix and one bias vector per layer; "
                             f"got {len(weights)} weight matrices and {len(biases)} bias vectors")
        first = check.as_float_array(weights[0], "weights[0]")
        if first.ndim != 2:
            raise ValueError(f"weights[0] must be a 2-D matrix (n_out, n_in); got shape {first.shape}")
        sizes = [np.size(b) for b in biases]          # each layer's size is its number of biases
        n_in = first.shape[1] if first.shape[0] == sizes[0] else first.shape[0]
        sizes = [n_in] + sizes
        net = cls(sizes, activation, output_activation, loss, init=0.0)
        net.weights, net.biases = weights, biases
        return net

    @property
    def weights(self):
        return self._weights

    @weights.setter
    def weights(self, values):
        self._weights = self._checked(values, "weights", lambda l: (self.sizes[l + 1], self.sizes[l]))

    @property
    def biases(self):
        return self._biases

    @biases.setter
    def biases(self, values):
        self._biases = self._checked(values, "biases", lambda l: (self.sizes[l + 1],))

    def _checked(self, values, name, shape_of):
        n_layers = len(self.sizes) - 1
        if len(values) != n_layers:
            raise ValueError(f"{name} must be a list of {n_layers} arrays (one per layer); got {len(values)}")
        return [check.check_parameter(v, shape_of(l), f"{name}[{l}]") for l, v in enumerate(values)]

    def parameters(self):
        """[weights[0], biases[0], weights[1], …] — the arrays themselves, not copies."""
        return [p for pair in zip(self._weights, self._biases) for p in pair]

    def copy(self):
        """An independent network with the same functions and parameter values."""
        return Network.from_parameters([w.copy() for w in self._weights], [b.copy() for b in self._biases],
                                       self.activation.name, self.output_activation.name,
                                       self.loss_function.name)

    # ---- forward ---------------------------------------------------------
    def forward(self, X, dropout=0.0, rng=None):
        """Trace of z[L] and a[L] for X (n, n_in) or one example (n_in,)."""
        self._check_parameters()
        X = check.check_inputs(X, self.sizes[0])
        check.check_fraction(dropout, "dropout")
        return self._forward(X, dropout, rng)

    def _forward(self, X, dropout=0.0, rng=None):
        z, a, masks = [None], [X], [None]
        last = len(self._weights) - 1
        for l, (W, b, f) in enumerate(zip(self._weights, self._biases, self.activations)):
            z.append(a[-1] @ W.T + b)
            a_l = f(z[-1])
            mask = None
            if dropout and l < last:        # inverted dropout on hidden layers only
                rng = rng if rng is not None else np.random.default_rng()
                mask = dropout_mask(a_l.shape, dropout, rng)
                a_l = a_l * mask
            a.append(a_l)
            masks.append(mask)
        return Trace(z, a, masks)

    # ---- backward --------------------------------------------------------
    def backward(self, trace, y):
        """Gradients of the batch-mean loss from a forward ``trace`` and targets ``y``."""
        if not isinstance(trace, Trace):
            raise TypeError("backward needs the trace returned by net.forward(X); "
                            f"got {type(trace).__name__} — call trace = net.forward(X) first")
        Y = self.targets(y, trace.a[0].shape[0])
        return self._backward(trace, Y)

    def _backward(self, trace, Y):
        n, depth = Y.shape[0], len(self._weights)
        mean_row = np.full(n, 1.0 / n)      # mean_row @ delta = the batch mean of delta, as one BLAS call
        delta = [None] * (depth + 1)
        gW, gb = [None] * depth, [None] * depth
        if self.loss_function.name == "cross_entropy":      # softmax + cross-entropy: dC/dz = ŷ − y
            delta[depth] = trace.a[depth] - Y
        else:
            grad_a = self.loss_function.grad(trace.a[depth], Y)
            delta[depth] = self.activations[-1].backward(trace.z[depth], trace.a[depth], grad_a)
        for L in range(depth, 0, -1):
            gW[L - 1] = delta[L].T @ trace.a[L - 1] / n
            gb[L - 1] = mean_row @ delta[L]
            if L > 1:                                     # blame flows back through the weights
                grad_a, a = delta[L] @ self._weights[L - 1], trace.a[L - 1]
                if trace.masks[L - 1] is not None:        # dropout: a was scaled, so use f'(z)
                    grad_a, a = grad_a * trace.masks[L - 1], None
                delta[L - 1] = self.activations[L - 2].backward(trace.z[L - 1], a, grad_a)
        return Gradients(gW, gb, delta)

    def targets(self, y, n):
        """y as (n, n_out): integer labels become one-hot when there are several outputs."""
        return check.check_targets(y, n, self.sizes[-1], one_hot_labels=True)

    # ---- using the network ---------------------------------------------
    def loss(self, X, y):
        """Batch-mean loss on X, y (a float)."""
        trace = self.forward(X)
        return self.loss_function(trace.y_hat, self.targets(y, trace.a[0].shape[0]))

    def predict(self, X):
        """ŷ for X: (n, n_out), or (n_out,) for one example given as (n_in,)."""
        y_hat = self.forward(X).y_hat
        return y_hat[0] if np.ndim(X) == 1 else y_hat

    def classify(self, X):
        """Predicted class per example: argmax of ŷ, or ŷ ≥ 0.5 for a single output."""
        y_hat = self.forward(X).y_hat
        return (y_hat[:, 0] >= 0.5).astype(int) if y_hat.shape[1] == 1 else y_hat.argmax(axis=1)

    def accuracy(self, X, labels):
        """Fraction of examples whose predicted class equals ``labels``."""
        labels = np.asarray(labels)
        if labels.ndim == 2:
            labels = labels.argmax(axis=1) if labels.shape[1] > 1 else labels[:, 0]
        return float(np.mean(self.classify(X) == labels))

    def step(self, grads, lr):
        """Gradient descent: every parameter p ← p − lr · dp, in place."""
        check.check_positive(lr, "lr (the learning rate)")
        if not isinstance(grads, Gradients):
            raise TypeError(f"step needs the gradients from net.backward(trace, y); got {type(grads).__name__}")
        steps = grads.parameters()
        if [np.shape(g) for g in steps] != [p.shape for p in self.parameters()]:
            raise ValueError("these gradients belong to a network of another shape; "
                             "compute them with this network's backward")
        for p, dp in zip(self.parameters(), steps):
            p -= lr * dp

    def fit(self, X, y, epochs=10, batch_size=32, lr=0.1, seed=0, callback=None, **options):
        """Mini-batch SGD; returns a History. See backprop.training.fit for the options."""
        from .training import fit
        return fit(self, X, y, epochs=epochs, batch_size=batch_size, lr=lr, seed=seed,
                   callback=callback, **options)

    def _check_parameters(self):
        """Catch an array of the wrong shape (or a plain list) put into net.weights[l] by hand."""
        ok = all(isinstance(p, np.ndarray) and p.dtype == float for p in self.parameters())
        ok = ok and all(W.shape == (self.sizes[l + 1], self.sizes[l]) and b.shape == (self.sizes[l + 1],)
                        for l, (W, b) in enumerate(zip(self._weights, self._biases)))
        if not ok:                       # the setters convert, or raise the clear message
            self.weights, self.biases = list(self._weights), list(self._biases)

    def __repr__(self):
        return (f"Network({self.sizes}, activation={self.activation.name!r}, "
                f"output_activation={self.output_activation.name!r}, loss={self.loss_function.name!r})")
