"""Mini-batch stochastic gradient descent. Introduced in lessons/06_gradient_descent
and lessons/07_sgd_minibatches; weight decay and dropout in lessons/08_challenges.
"""
import math

import numpy as np

from . import _validate as check
from .update import descend, with_weight_decay
from .history import History, diagnose


def minibatches(n, batch_size, rng):
    """Shuffled index arrays that split range(n) into batches of ``batch_size`` (the last may be shorter)."""
    check.check_positive(n, "n (the number of examples)", whole=True)
    check.check_positive(batch_size, "batch_size", whole=True)
    order = rng.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def fit(net, X, y, epochs=10, batch_size=32, lr=0.1, seed=0, callback=None,
        weight_decay=0.0, dropout=0.0, validation=None, record_every=None):
    """Train ``net`` in place with shuffled mini-batches of X (n, n_in), y; return a History.

    lr is the learning rate η; weight_decay λ adds λ·W to each weight gradient (an L2
    penalty ½λ‖W‖²); dropout is the fraction of hidden activations zeroed in training;
    validation=(X_val, y_val) is scored after each epoch; record_every=k also scores the
    whole training set (and validation) every k steps; callback(epoch, history) runs after
    each epoch — return False to stop. The History's verdict says, in words, whether
    training finished, diverged (lr too high) or is not learning (dead units, chance accuracy).
    Raises ValueError/TypeError for arguments of the wrong kind.
    """
    X = check.check_inputs(X, net.sizes[0])
    Y = net.targets(y, X.shape[0])
    check.check_positive(epochs, "epochs", whole=True)
    check.check_positive(batch_size, "batch_size", whole=True)
    check.check_positive(lr, "lr (the learning rate)")
    if record_every is not None:
        check.check_positive(record_every, "record_every (steps between records)", whole=True)
    check.check_nonnegative(weight_decay, "weight_decay")
    dropout = check.check_fraction(dropout, "dropout")
    validation = None if validation is None else check.check_validation(net, validation)
    rng, history = np.random.default_rng(seed), History(lr=float(lr), record_every=record_every)
    scale = max(1.0, max(float(np.abs(p).max()) for p in net.parameters()))
    for epoch in range(epochs):
        with np.errstate(over="ignore", invalid="ignore"):   # divergence is reported in words
            _run_epoch(net, X, Y, (batch_size, lr, weight_decay, dropout), rng, history, validation)
        history.end_epoch()
        if history.blew_up(net.parameters(), scale):
            break
        if record_every is None and validation is not None:
            history.record(net, None, validation)
        if callback is not None and callback(epoch, history) is False:
            history.stop(epoch)
            break
    diagnose(history, net, X, Y)
    return history


def _run_epoch(net, X, Y, settings, rng, history, validation):
    batch_size, lr, weight_decay, dropout = settings
    order = rng.permutation(X.shape[0])
    X_shuffled, Y_shuffled = X[order], Y[order]    # shuffle once: each mini-batch is then a slice
    parameters = net.parameters()                  # the same arrays all epoch: descend updates them in place
    for start in range(0, X.shape[0], batch_size):
        X_batch, Y_batch = X_shuffled[start:start + batch_size], Y_shuffled[start:start + batch_size]
        loss, grads = net.loss_and_gradients(X_batch, Y_batch, dropout, rng, check=False)   # checked in fit
        history.step_loss.append(loss)
        if not math.isfinite(loss):
            break
        descend(parameters, with_weight_decay(grads.parameters(), parameters, weight_decay), lr)
        history.examples_seen += X_batch.shape[0]
        if history.record_every and len(history.step_loss) % history.record_every == 0:
            history.record(net, (X, Y), validation)
