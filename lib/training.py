"""Mini-batch stochastic gradient descent. Introduced in lessons/06_gradient_descent
and lessons/07_sgd_minibatches; weight decay and dropout in lessons/08_challenges.
"""
import math
from dataclasses import dataclass, field

import numpy as np

from . import _validate as check


@dataclass
class History:
    """What training did: losses per step and per epoch, optional validation scores."""
    step_loss: list = field(default_factory=list)       # loss of each mini-batch, before its step
    epoch_loss: list = field(default_factory=list)      # mean of the epoch's step losses
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    epochs_run: int = 0
    examples_seen: int = 0
    diverged: bool = False
    stopped: bool = False
    message: str = "training finished"

    def __repr__(self):
        last = f"{self.epoch_loss[-1]:.4f}" if self.epoch_loss else "n/a"
        return f"History(epochs_run={self.epochs_run}, last epoch loss={last}, {self.message})"


def minibatches(n, batch_size, rng):
    """Shuffled index arrays that split range(n) into batches of ``batch_size`` (the last may be shorter)."""
    order = rng.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def fit(net, X, y, epochs=10, batch_size=32, lr=0.1, seed=0, callback=None,
        weight_decay=0.0, dropout=0.0, validation=None):
    """Train ``net`` in place with shuffled mini-batches; return a History.

    weight_decay λ adds λ·W to each weight gradient (an L2 penalty ½λ‖W‖²);
    dropout is the fraction of hidden activations zeroed during training;
    validation=(X_val, y_val) records loss and accuracy after each epoch;
    callback(epoch, history) runs after each epoch — return False to stop.
    """
    X = check.check_inputs(X, net.sizes[0])
    Y = net.targets(y, X.shape[0])
    check.check_positive(epochs, "epochs", whole=True)
    check.check_positive(batch_size, "batch_size", whole=True)
    check.check_positive(lr, "lr (the learning rate)")
    if weight_decay < 0:
        raise ValueError(f"weight_decay must be ≥ 0; got {weight_decay!r}")
    dropout = check.check_fraction(dropout, "dropout")
    rng, history = np.random.default_rng(seed), History()
    for epoch in range(epochs):
        with np.errstate(over="ignore", invalid="ignore"):   # divergence is reported in words below
            losses = _run_epoch(net, X, Y, batch_size, lr, rng, weight_decay, dropout, history)
        history.epochs_run = epoch + 1
        history.epoch_loss.append(float(np.mean(losses)))
        if not np.isfinite(history.epoch_loss[-1]) or not _finite(net):
            _mark_diverged(history, lr, epoch)
            break
        if validation is not None:
            _record_validation(net, validation, history)
        if callback is not None and callback(epoch, history) is False:
            history.stopped, history.message = True, f"stopped by request after epoch {epoch + 1}"
            break
    return history


def _run_epoch(net, X, Y, batch_size, lr, rng, weight_decay, dropout, history):
    losses, order = [], rng.permutation(X.shape[0])
    X, Y = X[order], Y[order]                 # shuffle once: each mini-batch is then a slice, not a copy
    for start in range(0, X.shape[0], batch_size):
        X_batch, Y_batch = X[start:start + batch_size], Y[start:start + batch_size]
        trace = net._forward(X_batch, dropout, rng)
        losses.append(net.loss_function(trace.a[-1], Y_batch))
        if not math.isfinite(losses[-1]):
            break
        grads = net._backward(trace, Y_batch)
        for W, b, gW, gb in zip(net._weights, net._biases, grads.weights, grads.biases):
            if weight_decay:
                gW = gW + weight_decay * W
            W -= lr * gW
            b -= lr * gb
    history.step_loss.extend(losses)
    history.examples_seen += X.shape[0]
    return losses


def _finite(net):
    return all(np.all(np.isfinite(p)) for p in net.parameters())


def _mark_diverged(history, lr, epoch):
    history.diverged = True
    history.message = (f"diverged in epoch {epoch + 1}: the loss became NaN or infinite — "
                       f"the learning rate lr={lr:g} is too high; try lr={lr / 10:g}")


def _record_validation(net, validation, history):
    X_val, y_val = validation
    X_val = check.check_inputs(X_val, net.sizes[0])
    history.val_loss.append(net.loss(X_val, y_val))
    history.val_accuracy.append(net.accuracy(X_val, y_val))
