"""The textbook baseline: backprop one example at a time, gradients summed over the mini-batch.

The same maths as the core's Network (sigmoid hidden layers, softmax output with
cross-entropy, batch-mean gradients, plain SGD), written as the classic
per-example loop (Nielsen's network.py style) so the benchmark can show what
vectorising over the batch buys. Column vectors: x (n_in,), weights[l] (n_out, n_in).
"""
import numpy as np

from backprop import minibatches


def sigmoid(z):
    """1 / (1 + e^(-z)) elementwise, as the textbook writes it."""
    return 1.0 / (1.0 + np.exp(-z))


def softmax(z):
    """e^z / Σ e^z for one example z (n_out,)."""
    e = np.exp(z - z.max())
    return e / e.sum()


def example_gradients(weights, biases, x, y):
    """(nabla_w, nabla_b) of the cross-entropy for one example x (n_in,), one-hot y (n_out,)."""
    activations = [x]
    for l, (W, b) in enumerate(zip(weights, biases)):
        z = W @ activations[-1] + b
        activations.append(softmax(z) if l == len(weights) - 1 else sigmoid(z))
    delta = activations[-1] - y                      # softmax + cross-entropy: dC/dz = ŷ − y
    nabla_w, nabla_b = [None] * len(weights), [None] * len(weights)
    for l in range(len(weights) - 1, -1, -1):
        nabla_w[l], nabla_b[l] = np.outer(delta, activations[l]), delta
        if l > 0:                                    # σ'(z) = a(1 − a) for a sigmoid layer
            a = activations[l]
            delta = (weights[l].T @ delta) * a * (1.0 - a)
    return nabla_w, nabla_b


def batch_gradients(weights, biases, X, Y):
    """Batch-mean gradients for X (n, n_in), one-hot Y (n, n_out), summed one example at a time."""
    sum_w = [np.zeros_like(W) for W in weights]
    sum_b = [np.zeros_like(b) for b in biases]
    for x, y in zip(X, Y):
        nabla_w, nabla_b = example_gradients(weights, biases, x, y)
        for l in range(len(weights)):
            sum_w[l] += nabla_w[l]
            sum_b[l] += nabla_b[l]
    n = X.shape[0]
    return [g / n for g in sum_w], [g / n for g in sum_b]


def fit_per_example(weights, biases, X, labels, epochs, batch_size, lr, seed=0):
    """Mini-batch SGD on copies of weights/biases, the batches shuffled as the core's fit does."""
    weights, biases = [W.copy() for W in weights], [b.copy() for b in biases]
    Y = np.eye(weights[-1].shape[0])[labels]
    rng = np.random.default_rng(seed)
    with np.errstate(over="ignore"):                 # e^(-z) → inf gives σ = 0, which is right
        for _ in range(epochs):
            for idx in minibatches(X.shape[0], batch_size, rng):
                grad_w, grad_b = batch_gradients(weights, biases, X[idx], Y[idx])
                for l in range(len(weights)):
                    weights[l] -= lr * grad_w[l]
                    biases[l] -= lr * grad_b[l]
    return weights, biases
