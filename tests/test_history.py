"""backprop.history: the verdict of fit in words — finished, diverged, not learning, stopped — and records."""
import warnings

import numpy as np
import pytest

from backprop import Network
from backprop.data import load_digits, xor


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
