"""fit: learning XOR and digits, shuffling, histories, divergence in words."""
import numpy as np
import pytest

from backprop import Network, minibatches
from backprop.data import load_digits, xor


def test_xor_is_learned():
    X, y = xor()
    net = Network([2, 4, 1], seed=0)
    history = net.fit(X, y, epochs=3000, batch_size=4, lr=2.0, seed=0)
    assert net.loss(X, y) < 0.01
    assert history.epoch_loss[-1] < history.epoch_loss[0]
    assert net.accuracy(X, y) == 1.0


def test_digits_reach_95_percent():
    data = load_digits()
    net = Network([64, 32, 10], activation="sigmoid", output_activation="softmax", loss="cross_entropy", seed=0)
    history = net.fit(data.X_train, data.y_train, epochs=15, batch_size=10, lr=0.5, seed=0,
                      validation=(data.X_test, data.y_test))
    assert net.accuracy(data.X_test, data.y_test) >= 0.95
    assert history.val_accuracy[-1] == net.accuracy(data.X_test, data.y_test)
    assert len(history.val_loss) == 15


def test_history_counts_steps_and_examples():
    X, y = xor()
    history = Network([2, 3, 1]).fit(X, y, epochs=5, batch_size=3, lr=0.5)
    assert len(history.step_loss) == 5 * 2          # 4 examples in batches of 3 → 2 steps an epoch
    assert history.examples_seen == 20 and history.epochs_run == 5
    assert history.batch_sizes[:2] == [3, 1]        # the mean over the 4 examples, not over the 2 batches
    assert history.epoch_loss[0] == pytest.approx((3 * history.step_loss[0] + history.step_loss[1]) / 4)


def test_fit_is_one_sgd_step_per_batch():
    X, y = xor()
    net, copy = Network([2, 3, 1], seed=1), Network([2, 3, 1], seed=1)
    net.fit(X, y, epochs=1, batch_size=4, lr=0.3, seed=0)
    rows = minibatches(4, 4, np.random.default_rng(0))[0]
    copy.step(copy.backward(copy.forward(X[rows]), y[rows]), 0.3)
    for a, b in zip(net.parameters(), copy.parameters()):
        np.testing.assert_allclose(a, b, atol=1e-15)


def test_minibatches_shuffle_and_cover_every_example_once():
    batches = minibatches(23, 5, np.random.default_rng(0))
    assert [len(b) for b in batches] == [5, 5, 5, 5, 3]
    assert sorted(np.concatenate(batches).tolist()) == list(range(23))
    assert np.concatenate(batches).tolist() != list(range(23))


def test_same_seed_same_result():
    X, y = xor()
    a, b = Network([2, 3, 1], seed=2), Network([2, 3, 1], seed=2)
    assert a.fit(X, y, epochs=20, batch_size=2, lr=1.0, seed=7).step_loss == \
        b.fit(X, y, epochs=20, batch_size=2, lr=1.0, seed=7).step_loss


def test_divergence_stops_and_says_why():
    X = np.random.default_rng(0).normal(size=(50, 3)) * 10
    y = X @ np.array([[1.0], [2.0], [-1.0]])
    net = Network([3, 8, 1], activation="identity", seed=0)
    history = net.fit(X, y, epochs=50, batch_size=10, lr=5.0)
    assert history.diverged and history.epochs_run < 50
    assert "learning rate" in history.message and "too high" in history.message


def test_callback_can_stop_training():
    X, y = xor()
    seen = []
    history = Network([2, 3, 1]).fit(X, y, epochs=10, batch_size=4, lr=0.5,
                                     callback=lambda epoch, h: seen.append(epoch) or epoch < 2)
    assert seen == [0, 1, 2] and history.stopped and history.epochs_run == 3


def test_weight_decay_shrinks_weights():
    X, y = xor()
    plain, decayed = Network([2, 6, 1], seed=3), Network([2, 6, 1], seed=3)
    plain.fit(X, y, epochs=200, batch_size=4, lr=0.5)
    decayed.fit(X, y, epochs=200, batch_size=4, lr=0.5, weight_decay=0.1)
    assert np.linalg.norm(decayed.weights[0]) < np.linalg.norm(plain.weights[0])


def test_dropout_only_in_training_and_scaled():
    net = Network([4, 200, 1], activation="relu", seed=0)
    X = np.ones((1, 4))
    trace = net.forward(X, dropout=0.5, rng=np.random.default_rng(0))
    kept = trace.masks[1] > 0
    assert 0.3 < kept.mean() < 0.7
    np.testing.assert_allclose(trace.sent(1)[kept], 2 * net.forward(X).a[1][kept])
    np.testing.assert_array_equal(trace.sent(1)[~kept], 0.0)
    np.testing.assert_array_equal(trace.a[1], net.forward(X).a[1])      # a[L] is what the neuron computed
    assert net.forward(X).masks == [None, None, None]
