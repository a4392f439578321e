"""Why a run that finished did not learn, in words: weights too large from the start, dead ReLUs, saturated
sigmoid or tanh units, accuracy at chance. Introduced in lessons/07_sgd_minibatches; returns in lessons/08_challenges.
"""
import numpy as np

from .history import CHANCE_MARGIN, LEARNING
from .metrics import accuracy_of

SATURATED = 0.10   # a sigmoid or tanh unit is saturated when, for at least half the examples, its slope is below
#                    10 % of its largest (σ′ ≤ 0.25, tanh′ ≤ 1): almost no blame passes it


def diagnose(history, net, X, Y):
    """Turn a 'finished' verdict into 'not learning' when units died or accuracy stayed at chance."""
    if history.verdict != "finished" or not history.step_loss:
        return
    message = not_learning(history, net, X, Y)
    if message:
        history.verdict, history.message = "not learning", message


def not_learning(history, net, X, Y):
    """'not learning: …' in words when the initial weights were too large and stayed so, units died or
    accuracy stayed at chance while the loss did not fall well; '' otherwise."""
    cause = history.too_large_at_start()
    if cause and not history.epoch_loss[-1] <= history.lost_above:      # and still lost at the end
        return f"not learning: {cause}"
    if history.epoch_loss[-1] < LEARNING * history.step_loss[0]:   # the loss fell well: it is learning
        return ""
    trace = net.forward(X)
    relu = [L for L in range(1, len(net.sizes) - 1) if net.activations[L - 1].name == "relu"]
    dead = sum(int(np.sum(np.all(trace.a[L] <= 0, axis=0))) for L in relu)
    history.dead_units = (dead, sum(net.sizes[L] for L in relu))
    n_classes = max(net.sizes[-1], 2)
    labelled = bool(np.all((Y == 0) | (Y == 1)))            # a classification task: accuracy means something
    accuracy = accuracy_of(trace.y_hat, Y) if labelled else 1.0
    causes = []
    saturated, squashing = saturated_units(net, trace)
    if dead and dead >= history.dead_units[1] / 2:
        causes.append(f"{dead} of {history.dead_units[1]} hidden units never fire (dead ReLUs)")
    if saturated and saturated >= squashing / 2:
        causes.append(f"{saturated} of {squashing} {net.activation.name} hidden units are saturated (for at least half "
                      f"the examples their slope is below {SATURATED:.0%} of its largest: almost no blame passes them)")
    if accuracy <= 1.0 / n_classes + CHANCE_MARGIN:
        causes.append(f"training accuracy {accuracy:.3f} is at chance level ({1.0 / n_classes:.3f} "
                      f"for {n_classes} classes)")
    if not causes:
        return ""
    if saturated and saturated >= squashing / 2:
        likely = ("the weights are too large for a squashing activation: start again with init='xavier' or a smaller "
                  "weight scale such as init=0.1 (if they grew during training, also a smaller lr)")
    elif dead:
        likely = (f"lr={history.lr:g} is likely too high (large steps push units to where they never fire); "
                  f"try lr={history.lr / 10:g}")
    else:
        likely = f"check lr={history.lr:g} (too high bounces, too low crawls) and the number of epochs"
    return f"not learning: {'; '.join(causes)} — {likely}"


def neutral_loss(net, Y):
    """C(z = 0): the batch-mean loss on targets Y (n, n_out) when every output neuron's z is 0 (a float)."""
    z = np.zeros(Y.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        return net.output.cost(z, net.output_activation(z), Y)


def saturated_units(net, trace):
    """(saturated, of): hidden units of sigmoid or tanh layers whose slope, for at least half the examples
    of ``trace`` (a forward pass), is below SATURATED × its largest, and how many such units there are."""
    largest = {"sigmoid": 0.25, "tanh": 1.0}
    layers = [L for L in range(1, len(net.sizes) - 1) if net.activations[L - 1].name in largest]
    saturated = sum(int(np.sum(np.median(net.activations[L - 1].prime_from_a(trace.a[L]), axis=0)
                               < SATURATED * largest[net.activations[L - 1].name])) for L in layers)
    return saturated, sum(net.sizes[L] for L in layers)
