"""backprop.history: the verdict of fit in words — finished, diverged, not learning, stopped — and records."""
import re
import warnings

import numpy as np
import pytest

from backprop import Network
from backprop.data import load_digits, xor
from backprop.diagnosis import neutral_loss
from backprop.history import TOO_LARGE_AT_START


@pytest.fixture(scope="module")
def digits():
    return load_digits()


def test_a_huge_learning_rate_on_a_softmax_network_is_called_diverged():
    """Stable cross-entropy never gives NaN here: the blow-up of the weights must be seen."""
    net = Network([2, 2], "identity", "softmax", "cross_entropy")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = net.fit(np.eye(2), [1, 0], lr=1e6, epochs=3, batch_size=1)
    assert history.verdict == "diverged" and history.diverged
    assert "lr=1e+06 is too high; try lr=100000" in history.message
    assert np.abs(net.weights[0]).max() > 1e5               # the weights it reports really blew up


@pytest.mark.parametrize("lr", [50.0, 1e3])
def test_digits_at_a_rate_far_too_high_diverge_in_words(digits, lr):
    net = Network([64, 64, 10], "relu", "softmax", "cross_entropy", seed=0)
    history = net.fit(digits.X_train, digits.y_train, epochs=3, batch_size=32, lr=lr)
    assert history.verdict == "diverged" and f"lr={lr:g} is too high" in history.message
    assert history.epochs_run == 1


def test_lesson_07s_lr_5_kills_the_relu_units_and_is_called_not_learning(digits):
    net = Network([64, 64, 10], "relu", "softmax", "cross_entropy", seed=0)
    history = net.fit(digits.X_train, digits.y_train, epochs=10, batch_size=32, lr=5.0)
    hidden = net.forward(digits.X_train).a[1]
    never_fire = int(np.sum(np.all(hidden <= 0, axis=0)))     # counted here, independently
    assert never_fire >= 60 and history.dead_units == (never_fire, 64)
    assert history.verdict == "not learning"
    assert f"{never_fire} of 64 hidden units never fire" in history.message
    assert "chance level" in history.message and "try lr=0.5" in history.message
    assert net.accuracy(digits.X_test, digits.y_test) < 0.15


def test_a_good_run_is_finished(digits):
    net = Network([64, 32, 10], "sigmoid", "softmax", "cross_entropy", seed=0)
    history = net.fit(digits.X_train, digits.y_train, epochs=5, batch_size=32, lr=0.5)
    assert (history.verdict, history.message) == ("finished", "training finished")
    assert history.dead_units == (0, 0)


def test_regression_targets_are_never_judged_by_accuracy():
    X = np.linspace(-1, 1, 20).reshape(-1, 1)
    net = Network([1, 4, 1], "tanh", "identity", seed=0)
    history = net.fit(X, 0.3 * X + 0.1, epochs=50, batch_size=5, lr=0.1)
    assert history.verdict == "finished"


def test_records_every_k_steps_score_the_training_set_and_validation(digits):
    net = Network([64, 16, 10], "sigmoid", "softmax", "cross_entropy", seed=0)
    X, y = digits.X_train[:200], digits.y_train[:200]
    history = net.fit(X, y, epochs=2, batch_size=20, lr=0.5, record_every=4,
                      validation=(digits.X_test, digits.y_test))
    assert history.recorded_at == [4, 8, 12, 16, 20]            # 10 steps an epoch, 2 epochs
    assert len(history.train_loss) == len(history.val_accuracy) == 5
    assert history.train_loss[-1] == pytest.approx(net.loss(X, y))          # the last record is after step 20
    assert history.val_accuracy[-1] == pytest.approx(net.accuracy(digits.X_test, digits.y_test))


def test_without_record_every_validation_is_scored_once_an_epoch():
    X, y = xor()
    history = Network([2, 3, 1]).fit(X, y, epochs=3, batch_size=4, lr=1.0, validation=(X, y))
    assert history.recorded_at == [1, 2, 3] and len(history.val_loss) == 3 and history.train_loss == []


def test_a_callback_can_stop_training():
    X, y = xor()
    history = Network([2, 3, 1]).fit(X, y, epochs=10, batch_size=4, callback=lambda epoch, h: epoch < 1)
    assert history.verdict == "stopped" and history.epochs_run == 2 and history.stopped


def test_training_one_epoch_at_a_time_takes_the_same_steps_as_fit(digits):
    from backprop import Training
    X, y = digits.X_train[:300], digits.y_train[:300]
    whole = Network([64, 16, 10], "relu", "softmax", "cross_entropy", seed=1)
    history = whole.fit(X, y, epochs=3, batch_size=25, lr=0.3, seed=4)
    stepped = Network([64, 16, 10], "relu", "softmax", "cross_entropy", seed=1)
    training = Training(stepped, X, y, batch_size=25, lr=0.3, seed=4)
    assert all(training.run_epoch() for _ in range(3))
    assert training.finish().epoch_loss == history.epoch_loss
    for a, b in zip(whole.parameters(), stepped.parameters()):
        np.testing.assert_array_equal(a, b)


# ---- a start that is already lost names the initial weights, never lr ---------------------------
def hand_neutral_loss(output, Y):
    """C(z = 0) worked by hand: identity ŷ = 0, sigmoid ŷ = ½ (binary cross-entropy: log 2 each), softmax uniform."""
    if output == "identity":
        return float(np.mean(0.5 * np.sum(Y ** 2, axis=1)))
    if output == "sigmoid":
        return Y.shape[1] * np.log(2.0)
    return np.log(Y.shape[1])


START_CASES = [("relu", "identity", "half_squared_error"), ("relu", "sigmoid", "binary_cross_entropy"),
               ("tanh", "softmax", "cross_entropy"), ("identity", "identity", "half_squared_error")]


@pytest.mark.parametrize("hidden, output, loss", START_CASES)
@pytest.mark.parametrize("depth", [1, 2, 4, 8])
@pytest.mark.parametrize("scale", [0.3, 3.0, 30.0, 300.0])
def test_a_loss_far_above_what_the_output_gives_at_z_0_blames_the_initial_weights(hidden, output, loss, depth, scale):
    rng = np.random.default_rng(depth)
    X = rng.normal(size=(60, 5))
    n_out = 3 if output == "softmax" else 2
    Y = np.eye(n_out)[rng.integers(0, n_out, 60)]
    net = Network([5] + [12] * depth + [n_out], hidden, output, loss, init=scale, seed=depth)
    first = net.loss(X, Y)                                # fit's first batch is the whole set here
    history = net.fit(X, Y, epochs=2, batch_size=60, lr=0.01)
    assert history.step_loss[0] == pytest.approx(first, rel=1e-12) or not np.isfinite(first)
    lost = not np.isfinite(first) or first > TOO_LARGE_AT_START * max(hand_neutral_loss(output, Y), 1.0)
    if lost:
        assert history.verdict in ("diverged", "not learning")
        assert "the loss before the first step was already" in history.message
        assert "initial weights are too large" in history.message and "init='he'" in history.message
        assert not re.search(r"\blr\b|learning rate", history.message)
    else:
        assert "initial weights" not in history.message
    if scale >= 300.0 and hidden == "relu":
        assert lost                                       # the rule catches what it is for


def test_a_start_at_inf_blames_the_initial_weights():
    net = Network([2, 3, 1], "relu", "identity", init=1e200)
    history = net.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=3, batch_size=2, lr=0.1)
    assert history.verdict == "diverged" and history.epochs_run == 1
    assert "the loss before the first step was already inf or NaN — the initial weights are too large" \
        in history.message and not re.search(r"\blr\b|learning rate", history.message)


def test_an_ordinary_start_that_diverges_still_blames_lr():
    net = Network([2, 3, 1], "relu", "identity", init="he", seed=0)
    X = np.random.default_rng(0).normal(size=(40, 2))
    history = net.fit(X, X[:, :1] * 3, epochs=5, batch_size=10, lr=50.0)
    assert history.verdict == "diverged" and "lr=50 is too high; try lr=5" in history.message
    assert "initial weights" not in history.message


def test_the_rule_and_its_constant():
    assert TOO_LARGE_AT_START == 100.0
    Y = np.eye(4)[[0, 1, 2, 3]]
    net = Network([2, 4], "relu", "softmax", "cross_entropy")
    assert neutral_loss(net, Y) == pytest.approx(np.log(4), rel=1e-15)
    net = Network([2, 4], "relu", "sigmoid", "binary_cross_entropy")
    assert neutral_loss(net, Y) == pytest.approx(4 * np.log(2), rel=1e-15)
    net = Network([2, 4], "relu", "identity")
    assert neutral_loss(net, 3 * Y) == pytest.approx(4.5)


# ---- epoch_loss is the mean over the epoch's examples --------------------------------------------
@pytest.mark.parametrize("batch_size", [2, 4, 7, 10])
@pytest.mark.parametrize("remainder", ["1", "batch_size - 1"])
def test_epoch_loss_is_the_mean_over_the_examples_with_a_short_last_batch(batch_size, remainder):
    n = 3 * batch_size + (1 if remainder == "1" else batch_size - 1)
    rng = np.random.default_rng(batch_size)
    X, y = rng.normal(size=(n, 3)), rng.normal(size=(n, 1)) * np.arange(1, n + 1)[:, None]   # losses vary a lot
    net = Network([3, 4, 1], "tanh", "identity", seed=1)
    before = net.loss(X, y)
    history = net.fit(X, y, epochs=2, batch_size=batch_size, lr=1e-15)   # steps too small to move the loss
    assert history.batch_sizes[:4] == [batch_size] * 3 + [n % batch_size] and sum(history.batch_sizes[:4]) == n
    assert history.epoch_loss[0] == pytest.approx(before, rel=1e-9)       # the mean over all n examples
    weighted = np.dot(history.step_loss[4:], history.batch_sizes[4:]) / n
    assert history.epoch_loss[1] == pytest.approx(weighted, rel=1e-14)
    unweighted = np.mean(history.step_loss[:4])                           # the old number: a batch mean's mean
    assert abs(unweighted - before) > 1e-3 * before


def test_epoch_loss_with_batches_that_divide_n_is_the_plain_mean_of_the_steps():
    X = np.random.default_rng(0).normal(size=(12, 2))
    history = Network([2, 1], "identity").fit(X, X[:, :1], epochs=3, batch_size=4, lr=0.1)
    for epoch in range(3):
        assert history.epoch_loss[epoch] == pytest.approx(np.mean(history.step_loss[3 * epoch:3 * epoch + 3]),
                                                          rel=1e-15)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_saturated_squashing_units_are_named_as_the_cause_not_the_learning_rate(activation):
    """Weights ×1000 saturate every hidden unit on XOR: the verdict names the saturation and the initial
    weights, not lr (a smaller step cannot unsaturate them). Slopes checked by hand from the trace."""
    X, Y = xor()
    net = Network([2, 3, 1], activation=activation, init=1000, seed=0)
    history = net.fit(X, Y, epochs=200, lr=0.5)
    a = net.forward(X).a[1]
    slope, largest = (a * (1 - a), 0.25) if activation == "sigmoid" else (1 - a * a, 1.0)
    by_hand = int(np.sum(np.median(slope, axis=0) < 0.10 * largest))
    assert by_hand == 3
    assert history.verdict == "not learning"
    assert f"3 of 3 {activation} hidden units are saturated" in history.message
    assert "init='xavier'" in history.message and "check lr" not in history.message


def test_a_network_that_learns_xor_reports_no_saturation():
    X, Y = xor()
    history = Network([2, 3, 1], activation="tanh", init="xavier", seed=0).fit(X, Y, epochs=200, lr=0.5)
    assert history.verdict == "finished" and "saturated" not in history.message
