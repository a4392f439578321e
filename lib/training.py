"""Mini-batch stochastic gradient descent. Introduced in lessons/06_gradient_descent
and lessons/07_sgd_minibatches; weight decay and dropout in lessons/08_challenges.
"""
import math
import numbers

import numpy as np

from . import _validate as validate
from . import checks as check
from .diagnosis import diagnose, neutral_loss
from .flow import norm
from .history import History
from .update import descend, with_weight_decay


def minibatches(n, batch_size, rng):
    """Shuffled index arrays that split range(n) into batches of ``batch_size`` (the last may be shorter).

    ``rng``: a numpy Generator (shuffles go on from where it is) or a whole-number seed."""
    check.whole(n, "n (the number of examples)", low=1)
    check.whole(batch_size, "batch_size", low=1)
    if not isinstance(rng, np.random.Generator):
        if rng is None or isinstance(rng, (bool, np.bool_)) or not isinstance(rng, numbers.Integral):
            raise TypeError(f"rng must be a numpy Generator such as np.random.default_rng(0), or a whole-number seed; "
                            f"got {check.given(rng)}")
        rng = np.random.default_rng(check.whole(rng, "rng (a seed)"))
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
    """fit, a mini-batch step or an epoch at a time, for a caller that must yield between them (a live view).

    ``run_epoch()`` takes the same shuffles and steps as fit(epochs=N) does, epoch by epoch, and
    ``run_steps(k)`` the same steps k mini-batches at a time (an epoch's shuffle is drawn at its first
    step, so any mix of the two gives fit's parameters bit for bit); both return False once training
    diverged. A step whose result would hold inf or NaN is not taken: a diverged network keeps its
    last finite parameters. ``finish()`` adds the closing diagnosis and returns the History;
    ``judge()`` gives the verdict so far without closing. weight_decay λ adds λ·W to each weight
    gradient (an L2 penalty ½λ‖W‖²); dropout is the fraction of hidden activations zeroed in
    training; validation=(X_val, y_val) is scored after each epoch; record_every=k scores the whole
    training set (and validation) every k steps instead. Introduced in lessons/07_sgd_minibatches.
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
        self._epoch = None                 # (X, Y) of the epoch under way in its shuffled order, and the next row
        self.steps_per_epoch = -(-self.X.shape[0] // batch_size)

    @property
    def steps(self):
        """Mini-batch steps taken so far (an int)."""
        return len(self.history.step_loss)

    def run_epoch(self):
        """The rest of the epoch under way (a whole epoch when none is); False when training diverged."""
        going = self._step()
        while going and self._epoch is not None:
            going = self._step()
        return going

    def run_steps(self, k):
        """k mini-batch steps (crossing epochs as fit does); False when training diverged."""
        check.whole(k, "k (mini-batch steps)", low=1)
        going = not self.history.diverged
        for _ in range(k):
            if not going:
                break
            going = self._step()
        return going

    def _step(self):
        history, net = self.history, self.net
        if history.diverged:
            return False
        if self._epoch is None:                    # shuffle once: each mini-batch is then a slice
            order = self.rng.permutation(self.X.shape[0])
            self._epoch = [self.X[order], self.Y[order], 0]
        X_shuffled, Y_shuffled, start = self._epoch
        batch_size, lr, weight_decay, dropout = self.settings
        X_batch, Y_batch = X_shuffled[start:start + batch_size], Y_shuffled[start:start + batch_size]
        with np.errstate(over="ignore", invalid="ignore"):   # divergence is reported in words
            loss, grads = net.loss_and_gradients(X_batch, Y_batch, dropout, self.rng, check=False)   # checked here
            history.add_step(loss, X_batch.shape[0], [norm(g) for g in grads.weights])
            moved = math.isfinite(loss) and _descend_finite(
                net.parameters(), with_weight_decay(grads.parameters(), net.parameters(), weight_decay), lr)
        if moved:
            history.examples_seen += X_batch.shape[0]
            if history.record_every and self.steps % history.record_every == 0:
                history.record(net, (self.X, self.Y), self.validation)
        self._epoch[2] = start = start + batch_size
        if moved and start < self.X.shape[0]:
            return True
        self._epoch = None
        return self._end_epoch(moved)

    def _end_epoch(self, moved):
        history = self.history
        history.end_epoch()
        if history.blew_up(self.net.parameters(), self.scale) or (not moved and history.blew_up_in_step()):
            return False
        if history.record_every is None and self.validation is not None:
            history.record(self.net, None, self.validation)
        return True

    def judge(self):
        """(verdict, message) of the run so far, without closing it: History.judge on the training set."""
        return self.history.judge(self.net, self.X, self.Y)

    def finish(self):
        """The History, with a 'finished' verdict turned into 'not learning' where units died."""
        diagnose(self.history, self.net, self.X, self.Y)
        return self.history


def _descend_finite(parameters, grads, lr):
    """descend, taken only when every parameter stays finite: True if taken, False (nothing moved) when the
    step would have put inf or NaN in a parameter — a diverging run keeps its last finite parameters."""
    moved = [p.copy() for p in parameters]
    descend(moved, grads, lr)
    if not all(np.isfinite(m).all() for m in moved):
        return False
    for p, m in zip(parameters, moved):
        p[...] = m
    return True
