"""Mini-batch stochastic gradient descent. Introduced in lessons/06_gradient_descent
and lessons/07_sgd_minibatches; weight decay and dropout in lessons/08_challenges.
"""
import math

import numpy as np

from . import _validate as validate
from . import checks as check
from .update import descend, with_weight_decay
from .history import History, diagnose, neutral_loss


def minibatches(n, batch_size, rng):
    """Shuffled index arrays that split range(n) into batches of ``batch_size`` (the last may be shorter)."""
    check.whole(n, "n (the number of examples)", low=1)
    check.whole(batch_size, "batch_size", low=1)
    order = rng.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def fit(net, X, y, epochs=10, batch_size=32, lr=0.1, seed=0, callback=None, **options):
    """Train ``net`` in place with shuffled mini-batches of X (n, n_in), y; return a History.

    lr is the learning rate η; options as Training (weight_decay, dropout, validation,
    record_every); callback(epoch, history) runs after each epoch — return False to stop.
    The History's verdict says, in words, whether training finished, diverged (lr too
    high) or is not learning (dead units, chance accuracy). Raises ValueError/TypeError
    for arguments of the wrong kind.
    """
    check.whole(epochs, "epochs", low=1)
    training = Training(net, X, y, batch_size=batch_size, lr=lr, seed=seed, **options)
    for epoch in range(epochs):
        if not training.run_epoch():
            break
        if callback is not None and callback(epoch, training.history) is False:
            training.history.stop(epoch)
            break
    return training.finish()


class Training:
    """fit, one epoch at a time, for a caller that must yield between epochs (a live view).

    ``run_epoch()`` takes the same shuffles and steps as fit(epochs=N) does, epoch by epoch,
    and returns False once training diverged; ``finish()`` adds the closing diagnosis and
    returns the History. weight_decay λ adds λ·W to each weight gradient (an L2 penalty
    ½λ‖W‖²); dropout is the fraction of hidden activations zeroed in training;
    validation=(X_val, y_val) is scored after each epoch; record_every=k scores the whole
    training set (and validation) every k steps instead.
    """

    def __init__(self, net, X, y, batch_size=32, lr=0.1, seed=0, weight_decay=0.0, dropout=0.0,
                 validation=None, record_every=None):
        self.net, self.X = net, validate.check_inputs(X, net.sizes[0])
        self.Y = net.targets(y, self.X.shape[0])
        check.whole(batch_size, "batch_size", low=1)
        check.positive(lr, "lr (the learning rate)")
        if record_every is not None:
            check.whole(record_every, "record_every (steps between records)", low=1)
        self.settings = (batch_size, lr, check.nonnegative(weight_decay, "weight_decay"),
                         check.fraction(dropout, "dropout"))
        self.validation = None if validation is None else validate.check_validation(net, validation)
        self.rng, self.history = np.random.default_rng(seed), History(lr=float(lr), record_every=record_every,
                                                                      neutral_loss=neutral_loss(net, self.Y))
        self.scale = max(1.0, max(float(np.abs(p).max()) for p in net.parameters()))

    def run_epoch(self):
        """One epoch of shuffled mini-batches; False when the loss or the weights ran away."""
        history = self.history
        with np.errstate(over="ignore", invalid="ignore"):   # divergence is reported in words
            _run_epoch(self.net, self.X, self.Y, self.settings, self.rng, history, self.validation)
        history.end_epoch()
        if history.blew_up(self.net.parameters(), self.scale):
            return False
        if history.record_every is None and self.validation is not None:
            history.record(self.net, None, self.validation)
        return True

    def finish(self):
        """The History, with a 'finished' verdict turned into 'not learning' where units died."""
        diagnose(self.history, self.net, self.X, self.Y)
        return self.history


def _run_epoch(net, X, Y, settings, rng, history, validation):
    batch_size, lr, weight_decay, dropout = settings
    order = rng.permutation(X.shape[0])
    X_shuffled, Y_shuffled = X[order], Y[order]    # shuffle once: each mini-batch is then a slice
    parameters = net.parameters()                  # the same arrays all epoch: descend updates them in place
    for start in range(0, X.shape[0], batch_size):
        X_batch, Y_batch = X_shuffled[start:start + batch_size], Y_shuffled[start:start + batch_size]
        loss, grads = net.loss_and_gradients(X_batch, Y_batch, dropout, rng, check=False)   # checked in fit
        history.add_step(loss, X_batch.shape[0])
        if not math.isfinite(loss):
            break
        descend(parameters, with_weight_decay(grads.parameters(), parameters, weight_decay), lr)
        history.examples_seen += X_batch.shape[0]
        if history.record_every and len(history.step_loss) % history.record_every == 0:
            history.record(net, (X, Y), validation)
