"""The verdicts of a run in progress (a live view asks after every frame): overfitting and vanishing
gradients, beside divergence and the closing diagnosis. Introduced in lessons/08_challenges.

Overfitting (OVERFIT_RISE, OVERFIT_LEAST, OVERFIT_RECORDS): the test loss rose more than OVERFIT_RISE
above its lowest recorded value, and by at least OVERFIT_LEAST, while the training loss, at the same
records, fell below its value then.
Vanishing gradients (VANISH_STEPS, VANISHING): a network of 2 or more hidden layers whose loss has not
fallen below LEARNING × its first step's loss, while over the last VANISH_STEPS steps the first layer's
weight gradient was, in the median, below VANISHING × the output layer's.
"""
import numpy as np

from .flow import VANISHING
from .diagnosis import not_learning
from .history import LEARNING

OVERFIT_RISE = 0.10     # the test loss 10 % above its lowest …
OVERFIT_LEAST = 0.02    # … and by at least this much (a rise from 0.040 to 0.047 is noise, not overfitting) …
OVERFIT_RECORDS = 3     # … judged once this many records were scored
VANISH_STEPS = 50       # the window of steps whose gradient norms are compared


def judge(history, net, X, Y):
    """(verdict, message): 'diverged', 'not learning', 'overfitting' or 'learning' (message '')."""
    if history.verdict in ("diverged", "stopped"):
        return history.verdict, history.message
    if not history.step_loss:
        return "learning", ""
    said = vanishing(history, net) or _not_learning_yet(history, net, X, Y)
    if said:
        return "not learning", said
    said = overfitting(history)
    return ("overfitting", said) if said else ("learning", "")


def _not_learning_yet(history, net, X, Y):
    """The closing diagnosis (dead units, chance accuracy), once an epoch has run; its counts left as they were."""
    if not history.epoch_loss:
        return ""
    dead_units = history.dead_units
    said = not_learning(history, net, X, Y)
    history.dead_units = dead_units
    return said


def overfitting(history):
    """'overfitting: …' in words when the test loss rose while the training loss fell (the rule above), else ''."""
    train, test = np.asarray(history.train_loss), np.asarray(history.val_loss)
    if len(test) < OVERFIT_RECORDS or len(train) != len(test) or not np.all(np.isfinite(test)):
        return ""
    best = int(np.argmin(test))
    rise = test[-1] - test[best]
    if not (test[-1] > (1 + OVERFIT_RISE) * test[best] and rise >= OVERFIT_LEAST and train[-1] < train[best]):
        return ""
    return (f"overfitting: the test loss rose from {test[best]:.3f} (after step {history.recorded_at[best]}) to "
            f"{test[-1]:.3f} while the training loss fell from {train[best]:.3f} to {train[-1]:.3f} — the network "
            "is learning the training points' noise: try weight decay, dropout, a smaller network or more data")


def vanishing(history, net):
    """'not learning: … vanishing gradients …' in words (the rule above), else ''."""
    norms = np.asarray(history.gradient_norms[-VANISH_STEPS:], dtype=float)
    if len(net.sizes) < 4 or len(norms) < VANISH_STEPS or not history.epoch_loss:
        return ""
    if history.epoch_loss[-1] < LEARNING * history.step_loss[0]:
        return ""
    with np.errstate(all="ignore"):
        ratio = float(np.median(norms[:, 0] / norms[:, -1]))
    if not ratio < VANISHING:
        return ""
    name = net.activation.name
    return (f"not learning: the loss is still {history.epoch_loss[-1]:.3f} (it started at {history.step_loss[0]:.3f}) "
            f"and layer 1 gets {ratio:.1e} × the output layer's gradient (median of the last {VANISH_STEPS} steps) "
            f"— vanishing gradients: each of the {len(net.sizes) - 2} {name} layers scales the blame by its "
            f"derivative{' (σ′ ≤ 0.25)' if name == 'sigmoid' else ''}; try ReLU with init='he', or fewer layers")
