"""What training did, and a verdict in words. Introduced in lessons/07_sgd_minibatches;
dead units and divergence return in lessons/08_challenges.
"""
from dataclasses import dataclass, field

import numpy as np

from .metrics import accuracy_of

LOSS_RISE = 10.0       # diverged: an epoch's loss above this × the first step's loss …
PARAMETER_RISE = 1e4   # … or a parameter above this × the largest one at the start (≥ 1)
CHANCE_MARGIN = 0.05   # not learning: training accuracy within this of chance (1 / n_classes) …
LEARNING = 0.5         # … looked for only when the loss ended above this × the first step's loss
TOO_LARGE_AT_START = 100.0   # initial weights too large: the loss before the first step is inf/NaN or above this
#                              × max(C(z = 0), 1), C(z = 0) the loss when every output neuron's z is 0 (what
#                              small weights give: ŷ = 0.5 for sigmoid, uniform for softmax, 0 for identity)


@dataclass
class History:
    """Losses per step and per epoch, scores recorded along the way, and the verdict.

    step_loss: the loss of each mini-batch before its step, batch_sizes: its number of
    examples; epoch_loss: the mean over an epoch's examples of the loss before their step
    (each batch's loss weighted by its size: a short last batch counts for what it holds).
    recorded_at[i] is the number of steps done when train_loss[i], train_accuracy[i] (with
    record_every) and val_loss[i], val_accuracy[i] (with validation) were scored. verdict is 'finished', 'diverged', 'not learning' or
    'stopped'; message says it in words, with the likely cause.
    """
    step_loss: list = field(default_factory=list)
    batch_sizes: list = field(default_factory=list)
    gradient_norms: list = field(default_factory=list)     # per step: ‖∂C/∂W⁽ᴸ⁾‖ of each layer, first layer first
    epoch_loss: list = field(default_factory=list)
    recorded_at: list = field(default_factory=list)
    train_loss: list = field(default_factory=list)
    train_accuracy: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    epochs_run: int = 0
    examples_seen: int = 0
    lr: float = 0.0
    record_every: object = None
    verdict: str = "finished"
    message: str = "training finished"
    dead_units: tuple = (0, 0)      # (hidden ReLU units that never fire on the training set, hidden ReLU units)
    neutral_loss: float = 0.0       # C(z = 0) on the training set: the yardstick of TOO_LARGE_AT_START
    _epoch_start: int = field(default=0, repr=False)

    @property
    def diverged(self):
        return self.verdict == "diverged"

    @property
    def stopped(self):
        return self.verdict == "stopped"

    @property
    def gap(self):
        """The generalisation gap (lessons/08_challenges): the last validation loss minus the last training
        loss (a float), or None until both were scored."""
        return self.val_loss[-1] - self.train_loss[-1] if self.val_loss and self.train_loss else None

    def add_step(self, loss, batch_size, gradient_norms=None):
        """Record one mini-batch: its loss before the step, its number of examples and (if given) the norm
        of each layer's weight gradient."""
        self.step_loss.append(loss)
        self.batch_sizes.append(batch_size)
        if gradient_norms is not None:
            self.gradient_norms.append(gradient_norms)

    def end_epoch(self):
        """Close an epoch: the mean of its step losses weighted by batch size (its examples' mean) joins epoch_loss."""
        start = self._epoch_start
        with np.errstate(over="ignore", invalid="ignore"):        # an inf loss stays inf, in words elsewhere
            self.epoch_loss.append(float(np.average(self.step_loss[start:], weights=self.batch_sizes[start:])))
        self._epoch_start = len(self.step_loss)
        self.epochs_run += 1

    def record(self, net, train, validation):
        """Score the network now: on (X, Y) of the training set when given, and on validation."""
        self.recorded_at.append(len(self.step_loss))
        for data, losses, accuracies in ((train, self.train_loss, self.train_accuracy),
                                         (validation, self.val_loss, self.val_accuracy)):
            if data is not None:            # one forward pass gives both numbers
                X, Y = data
                trace = net.forward(X)
                losses.append(net.loss_of(trace, Y))
                accuracies.append(accuracy_of(trace.y_hat, Y))

    def blew_up(self, parameters, scale):
        """True (and the verdict 'diverged') when the loss or a parameter ran away this epoch."""
        first, last = self.step_loss[0], self.epoch_loss[-1]
        largest = max(float(np.max(np.abs(p))) for p in parameters)
        if np.isfinite(last) and last <= LOSS_RISE * max(first, 1e-3) and largest <= PARAMETER_RISE * scale:
            return False
        if not np.isfinite(last) or not np.isfinite(largest):
            what = "the loss became inf or NaN"
        elif largest > PARAMETER_RISE * scale:
            what = f"the weights blew up (largest |w| = {largest:.3g})"
        else:
            what = f"the loss rose from {first:.4g} to {last:.4g}"
        start = self.too_large_at_start()            # then the initial weights are to blame, not lr
        self.diverge(f"in epoch {self.epochs_run}", start or what, "" if start else None)
        return True

    def blew_up_in_step(self):
        """The verdict 'diverged' when a step was refused because it would have put inf or NaN in the weights."""
        self.diverge(f"in epoch {self.epochs_run}", "a step would have made a weight inf or NaN (the network keeps "
                     "its last finite weights)")
        return True

    def judge(self, net, X, Y):
        """(verdict, message) of the run so far, History unchanged: 'diverged', 'not learning' (vanishing
        gradients in a saturated deep network, dead units, chance accuracy), 'overfitting' (test loss rising
        while training loss falls), else 'learning'. The rules: backprop.judge (lessons/08_challenges)."""
        from .judge import judge
        return judge(self, net, X, Y)

    def scores_blew_up(self):
        """True (and the verdict 'diverged') when the latest recorded loss is inf or NaN."""
        if all(np.isfinite(losses[-1]) for losses in (self.train_loss, self.val_loss) if losses):
            return False
        self.diverge(f"in epoch {self.epochs_run}", "the loss became inf or NaN")
        return True

    def rose(self):
        """One example's descent, a step at a time (lessons/00_start_here's cycle): True (and the verdict
        'diverged') when the latest step's loss is inf or NaN, or above the loss of the step before."""
        *before, last = self.step_loss
        if np.isfinite(last) and not (before and last > before[-1]):
            return False
        what = f"the loss rose from {before[-1]:.6g} to {last:.6g}" if np.isfinite(last) else \
            "the loss became inf or NaN"
        self.diverge(f"after step {len(self.step_loss) - 1}", what)
        return True

    def diverge(self, when, what, advice=None):
        """The verdict 'diverged', said in words: when ('in epoch 3'), what ran away, and what to try
        (by default a tenth of lr; '' for no advice)."""
        if advice is None:
            advice = (f"the learning rate lr={self.lr:g} is too high; try lr={self.lr / 10:g}" if self.lr else
                      "the learning rate is too high; try a smaller lr")
        self.verdict, self.message = "diverged", f"diverged {when}: {what}" + (f" — {advice}" if advice else "")

    @property
    def lost_above(self):
        """The loss above which a start is lost: TOO_LARGE_AT_START × max(C(z = 0), 1)."""
        return TOO_LARGE_AT_START * max(self.neutral_loss, 1.0)

    def too_large_at_start(self):
        """Why the initial weights, not lr, are to blame, in words; '' when the loss before the first step
        was ordinary (the rule: TOO_LARGE_AT_START). No lr advice: a smaller step cannot fix the start."""
        first = self.step_loss[0]
        if np.isfinite(first) and first <= self.lost_above:
            return ""
        was = "inf or NaN" if not np.isfinite(first) else f"{first:.3g}, over {TOO_LARGE_AT_START:g} × the " \
              f"{max(self.neutral_loss, 1.0):.3g} of outputs whose z is 0"
        return (f"the loss before the first step was already {was} — the initial weights are too large, "
                "whatever the step size: start again with init='he' (ReLU) or 'xavier' (sigmoid, tanh), "
                "or a smaller weight scale such as init=0.1")

    def stop(self, epoch):
        """Mark training as stopped by a callback after ``epoch`` (0-based)."""
        self.verdict, self.message = "stopped", f"stopped by request after epoch {epoch + 1}"

    def __repr__(self):
        last = f"{self.epoch_loss[-1]:.4f}" if self.epoch_loss else "n/a"
        return f"History(epochs_run={self.epochs_run}, last epoch loss={last}, {self.message})"

