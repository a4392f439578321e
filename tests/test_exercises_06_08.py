"""Checks of lessons 06–08: a right answer passes, each named mistake gets its own hint,
a blank (None) gets 'not yet', and a learner's exception is reported, never raised."""
import numpy as np
import pytest

from backprop import Network, minibatches
from backprop.exercises import (check_average_nudge, check_dropout, check_largest_rate,
                                check_layer_gradient_norms, check_sgd_epoch, check_update_step,
                                check_weight_decay_step, rate_exercise_data, rate_exercise_network)
from backprop.exercises.challenges import _core_dropout


def _boom(*args):
    raise ZeroDivisionError("oops")


def _blank(*args):
    return None


# ---- right answers, written independently of the checkers ------------------
def update_step(w, g, lr):
    return w - lr * g


def average_nudge(net, X, labels):
    total = 0.0
    for x, label in zip(X, labels):
        grads = net.backward(net.forward(x), [label])
        total = total - grads.weights[-1]
    return total / len(X)


def sgd_epoch(net, X, labels, batch_size, lr, rng):
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        idx = order[start:start + batch_size]
        net.step(net.backward(net.forward(X[idx]), labels[idx]), lr)
    return net


def layer_norms(net, X, labels):
    grads = net.backward(net.forward(X), labels)
    return [np.sqrt((g * g).sum()) for g in grads.weights]


def decay_step(W, g, lr, wd):
    return (1 - lr * wd) * W - lr * g


def dropout(a, rate, rng):
    keep = rng.random(a.shape) >= rate
    return np.where(keep, a / (1 - rate), 0.0)


RIGHT = [(check_update_step, update_step), (check_average_nudge, average_nudge),
         (check_sgd_epoch, sgd_epoch), (check_layer_gradient_norms, layer_norms),
         (check_weight_decay_step, decay_step), (check_dropout, dropout)]


@pytest.mark.parametrize("check, answer", RIGHT, ids=lambda v: getattr(v, "__name__", ""))
def test_right_answer_passes_blank_and_exception_do_not(check, answer, capsys):
    assert check(answer).passed
    blank, boom = check(_blank), check(_boom)
    assert not blank.passed and "not yet" in blank.message and "None" in blank.message
    assert not boom.passed and "ZeroDivisionError" in boom.message and "oops" in boom.message
    assert "✓ passed" in capsys.readouterr().out


# ---- each named mistake gets its own hint ----------------------------------
def _step_with(net, grads, lr, sign=-1.0, factor=1.0):
    for p, g in zip(net.parameters(), [g for pair in zip(grads.weights, grads.biases) for g in pair]):
        p += sign * lr * factor * g


def epoch_sum(net, X, labels, bs, lr, rng):
    for idx in minibatches(len(X), bs, rng):
        _step_with(net, net.backward(net.forward(X[idx]), labels[idx]), lr, factor=len(idx))
    return net


def epoch_no_shuffle(net, X, labels, bs, lr, rng):
    for start in range(0, len(X), bs):
        idx = np.arange(start, min(start + bs, len(X)))
        net.step(net.backward(net.forward(X[idx]), labels[idx]), lr)
    return net


def epoch_uphill(net, X, labels, bs, lr, rng):
    for idx in minibatches(len(X), bs, rng):
        _step_with(net, net.backward(net.forward(X[idx]), labels[idx]), lr, sign=+1.0)
    return net


def epoch_drop_last(net, X, labels, bs, lr, rng):
    order = rng.permutation(len(X))
    for start in range(0, len(X) - bs + 1, bs):
        idx = order[start:start + bs]
        net.step(net.backward(net.forward(X[idx]), labels[idx]), lr)
    return net


def _per_example(net, X, labels):
    return [net.backward(net.forward(x), [label]).weights[-1] for x, label in zip(X, labels)]


MISTAKES = [
    (check_update_step, lambda w, g, lr: w + lr * g, "sign"),
    (check_update_step, lambda w, g, lr: w - g, "no_lr"),
    (check_update_step, lambda w, g, lr: w - g / lr, "divide_lr"),
    (check_update_step, lambda w, g, lr: -lr * g, "change_only"),
    (check_average_nudge, lambda net, X, l: sum(_per_example(net, X, l)) / len(X), "sign"),
    (check_average_nudge, lambda net, X, l: -sum(_per_example(net, X, l)), "sum"),
    (check_average_nudge, lambda net, X, l: -_per_example(net, X, l)[0], "one_example"),
    (check_sgd_epoch, lambda net, *rest: net, "no_step"),
    (check_sgd_epoch, epoch_uphill, "sign"),
    (check_sgd_epoch, epoch_no_shuffle, "no_shuffle"),
    (check_sgd_epoch, epoch_sum, "sum"),
    (check_sgd_epoch, epoch_drop_last, "drop_last"),
    (check_layer_gradient_norms, lambda net, X, l: [np.linalg.norm(W) for W in net.weights], "weights"),
    (check_layer_gradient_norms, lambda net, X, l: layer_norms(net, X, l)[::-1], "reversed"),
    (check_layer_gradient_norms, lambda net, X, l: np.square(layer_norms(net, X, l)), "squared"),
    (check_layer_gradient_norms,
     lambda net, X, l: [np.linalg.norm(d) for d in net.backward(net.forward(X), l).delta[1:]], "delta"),
    (check_weight_decay_step, lambda W, g, lr, wd: W - lr * g, "no_decay"),
    (check_weight_decay_step, lambda W, g, lr, wd: W - lr * g + lr * wd * W, "decay_sign"),
    (check_weight_decay_step, lambda W, g, lr, wd: W - lr * g - wd * W, "decay_no_lr"),
    (check_weight_decay_step, lambda W, g, lr, wd: W - lr * g - lr * wd * W / 2, "half"),
    (check_dropout, lambda a, r, rng: np.where(rng.random(a.shape) >= r, a, 0.0), "no_rescale"),
    (check_dropout, lambda a, r, rng: np.where(rng.random(a.shape) < r, a / (1 - r), 0.0), "swapped"),
    (check_dropout, lambda a, r, rng: np.where(rng.random(a.shape) >= r, a * (1 - r), 0.0), "multiply"),
]


@pytest.mark.parametrize("check, wrong, code", MISTAKES, ids=[f"{c.__name__}-{m}" for c, _, m in MISTAKES])
def test_each_mistake_is_named(check, wrong, code):
    verdict = check(wrong)
    assert not verdict.passed and verdict.mistake == code


def test_mistake_hints_differ_from_each_other():
    for check in {c for c, _, _ in MISTAKES}:
        hints = [check(w).message for c, w, _ in MISTAKES if c is check]
        assert len(set(hints)) == len(hints)


def test_unknown_error_shows_expected_and_given():
    verdict = check_update_step(lambda w, g, lr: w - lr * g + 0.001)
    assert not verdict.passed and verdict.mistake == "" and "expected" in verdict.message


# ---- the largest stable rate ----------------------------------------------
def _final_loss(lr, steps=400):
    X, y = rate_exercise_data()
    net = rate_exercise_network()
    for _ in range(steps):
        net.step(net.backward(net.forward(X), y), lr)
    return net.loss(X, y)


def test_rate_limit_agrees_with_experiment():
    """The checker's 2/λ_max boundary is where plain descent starts to blow up."""
    X, y = rate_exercise_data()
    start = rate_exercise_network().loss(X, y)
    assert check_largest_rate(lambda: 0.87).passed
    assert _final_loss(0.87) < 0.01 * start
    with np.errstate(over="ignore", invalid="ignore"):
        assert not _final_loss(0.885) < start
    assert check_largest_rate(lambda: 0.885).mistake == "diverges"


@pytest.mark.parametrize("answer, code", [(0.5, "too_small"), (1.5, "diverges"), (-0.1, "not_positive")])
def test_rate_mistakes_are_named(answer, code):
    assert check_largest_rate(lambda: answer).mistake == code


def test_rate_blank_exception_and_wrong_type():
    assert "None" in check_largest_rate(_blank).message
    assert "ZeroDivisionError" in check_largest_rate(_boom).message
    assert "one number" in check_largest_rate(lambda: "fast").message
    assert "no brackets" in check_largest_rate(0.87).message


def test_dropout_reference_matches_the_core_forward():
    """The dropout check's reference draws the same mask as Network.forward(dropout=…)."""
    X = np.linspace(0.1, 1.2, 12).reshape(3, 4)
    net = Network.from_parameters([np.eye(4), np.ones((1, 4))], [np.zeros(4), [0.0]], activation="identity")
    trace = net.forward(X, dropout=0.25, rng=np.random.default_rng(5))
    assert np.allclose(trace.sent(1), _core_dropout(X, 0.25, np.random.default_rng(5)))
