"""The core under the playground: Training by k steps, the verdicts of a run in progress, the 2-D sets."""
import numpy as np
import pytest

from backprop import History, Network, Training
from backprop.judge import OVERFIT_RISE, judge, overfitting
from backprop.data import planar
from backprop.planar import MOST_POINTS


def _net(sizes, activation="tanh", seed=0):
    return Network(sizes, activation, "sigmoid", "binary_cross_entropy", seed=seed)


def _bytes(net):
    return [p.tobytes() for p in net.parameters()]


@pytest.mark.parametrize("k", [1, 3, 7, 10])
def test_steps_of_any_size_take_fits_shuffles_and_steps(k):
    data = planar("moons", n=46, seed=3)          # 23 training points, batches of 5: a short last batch
    y = data.y_train.reshape(-1, 1)
    fitted, stepped = _net([2, 5, 1]), _net([2, 5, 1])
    history = fitted.fit(data.X_train, y, epochs=4, batch_size=5, lr=0.3, seed=2, dropout=0.2, weight_decay=0.01)
    training = Training(stepped, data.X_train, y, batch_size=5, lr=0.3, seed=2, dropout=0.2, weight_decay=0.01)
    assert training.steps_per_epoch == 5
    while training.steps < 20:
        assert training.run_steps(min(k, 20 - training.steps))
    assert training.steps == 20 and training.history.epochs_run == 4
    assert _bytes(stepped) == _bytes(fitted)
    assert training.history.step_loss == history.step_loss and training.history.epoch_loss == history.epoch_loss


def test_steps_and_epochs_mix():
    data = planar("xor", n=60, seed=1)
    y = data.y_train.reshape(-1, 1)
    fitted, mixed = _net([2, 4, 1]), _net([2, 4, 1])
    fitted.fit(data.X_train, y, epochs=3, batch_size=7, lr=0.5, seed=0)
    training = Training(mixed, data.X_train, y, batch_size=7, lr=0.5, seed=0)
    training.run_steps(2)        # part of epoch 1 …
    training.run_epoch()         # … its rest
    training.run_steps(6)        # 5 steps an epoch: epoch 2 and one step of epoch 3
    training.run_epoch()
    assert training.history.epochs_run == 3 and _bytes(mixed) == _bytes(fitted)


def test_steps_record_gradient_norms_per_layer():
    data = planar("circles", n=40)
    training = Training(_net([2, 3, 3, 1]), data.X_train, data.y_train.reshape(-1, 1), batch_size=10, lr=0.1)
    training.run_steps(3)
    norms = training.history.gradient_norms
    assert len(norms) == 3 and all(len(step) == 3 and all(g > 0 for g in step) for step in norms)


def test_a_diverging_run_keeps_its_last_finite_parameters():
    data = planar("circles", n=100)
    net = Network([2, 16, 16, 1], "relu", "identity", "half_squared_error", init="he")
    training = Training(net, data.X_train, data.y_train.reshape(-1, 1), batch_size=10, lr=1e3)
    for _ in range(200):
        if not training.run_steps(5):
            break
    assert training.history.diverged
    assert all(np.isfinite(p).all() for p in net.parameters())
    assert "lr=1000 is too high" in training.history.message
    before = _bytes(net)
    assert training.run_steps(5) is False and _bytes(net) == before      # frozen there
    assert training.judge() == ("diverged", training.history.message)


def test_a_step_that_would_overflow_is_refused_and_said():
    net = Network.from_parameters([[[1e307, 1e307]], ], [[0.0]], "identity", loss="half_squared_error")
    training = Training(net, np.array([[1.0, 1.0]]), np.array([[0.0]]), batch_size=1, lr=1.0)
    assert training.run_steps(1) is False
    assert net.weights[0].tolist() == [[1e307, 1e307]]
    assert training.history.diverged and "inf or NaN" in training.history.message


def _history(train, test):
    history = History()
    history.train_loss, history.val_loss = list(train), list(test)
    history.recorded_at = [10 * (i + 1) for i in range(len(train))]
    return history


def test_overfitting_rule_test_loss_rising_while_training_loss_falls():
    rise = 1 + OVERFIT_RISE
    said = overfitting(_history([0.6, 0.4, 0.2], [0.5, 0.45, 0.45 * rise * 1.01]))
    assert said.startswith("overfitting: the test loss rose from 0.450 (after step 20) to 0.500")
    assert "training loss fell from 0.400 to 0.200" in said and "weight decay, dropout" in said
    assert overfitting(_history([0.6, 0.4, 0.2], [0.5, 0.45, 0.45 * rise * 0.99])) == ""    # rose, not enough
    assert overfitting(_history([0.6, 0.4, 0.5], [0.5, 0.45, 0.6])) == ""    # training loss rose too: not this
    assert overfitting(_history([0.6, 0.4], [0.5, 0.7])) == ""                # too few records


def test_few_noisy_points_and_a_big_network_overfit_and_weight_decay_helps():
    data = planar("circles", n=40, noise=0.3)
    y, y_test = data.y_train.reshape(-1, 1), data.y_test.reshape(-1, 1)

    def verdict(weight_decay):
        net = Network([2, 32, 32, 1], "relu", "sigmoid", "binary_cross_entropy", init="he")
        training = Training(net, data.X_train, y, batch_size=10, lr=0.1, weight_decay=weight_decay,
                            validation=(data.X_test, y_test), record_every=2)
        for _ in range(400):
            training.run_epoch()
        return training.judge()
    assert verdict(0.0)[0] == "overfitting"
    assert verdict(0.01) == ("learning", "")


def _spiral_run(activation, epochs=300):
    data = planar("spiral", n=200, noise=0.1)
    net = Network([2, 8, 8, 8, 8, 8, 8, 1], activation, "sigmoid", "binary_cross_entropy",
                  init="he" if activation == "relu" else "xavier")
    training = Training(net, data.X_train, data.y_train.reshape(-1, 1), batch_size=10, lr=0.1)
    for _ in range(epochs):
        training.run_epoch()
    return training, net.accuracy(data.X_test, data.y_test.reshape(-1, 1))


def test_a_deep_sigmoid_network_does_not_learn_the_spiral_and_the_verdict_says_vanishing():
    training, accuracy = _spiral_run("sigmoid")      # 6 sigmoid layers of 8, xavier, lr 0.1, batches of 10
    verdict, message = training.judge()
    assert accuracy < 0.6 and verdict == "not learning"
    assert "vanishing gradients" in message and "6 sigmoid layers" in message and "try ReLU" in message
    norms = np.array(training.history.gradient_norms[-50:])
    assert np.median(norms[:, 0] / norms[:, -1]) < 1e-2


def test_the_same_depth_of_relu_is_not_judged_vanishing():
    training, accuracy = _spiral_run("relu", epochs=100)
    assert training.judge()[0] != "not learning" and accuracy > 0.6


def test_judge_leaves_the_history_as_it_was():
    training, _ = _spiral_run("sigmoid", epochs=60)
    before = (training.history.verdict, training.history.message, training.history.dead_units)
    judge(training.history, training.net, training.X, training.Y)
    assert (training.history.verdict, training.history.message, training.history.dead_units) == before


@pytest.mark.parametrize("name, classes", [("circles", 2), ("moons", 2), ("xor", 2), ("spiral", 2), ("spiral", 3),
                                           ("blobs", 2), ("blobs", 4)])
def test_planar_sets_are_seeded_sized_and_split(name, classes):
    data = planar(name, n=120, noise=0.2, test_fraction=0.25, seed=4, classes=classes)
    again = planar(name, n=120, noise=0.2, test_fraction=0.25, seed=4, classes=classes)
    other = planar(name, n=120, noise=0.2, test_fraction=0.25, seed=5, classes=classes)
    assert all(np.array_equal(a, b) for a, b in zip(data, again))
    assert not np.array_equal(data.X_train, other.X_train)
    assert data.X_train.shape == (90, 2) and data.X_test.shape == (30, 2)
    assert sorted(set(data.y_train.tolist()) | set(data.y_test.tolist())) == list(range(classes))
    assert np.abs(data.X_train).max() < 2.5


def test_noise_is_the_noise():
    clean, noisy = planar("xor", noise=0.0), planar("xor", noise=0.3)
    assert np.all(np.abs(clean.X_train) >= 0.1)           # the margin about the axes …
    assert np.all(np.where(clean.y_train == 1, clean.X_train[:, 0] * clean.X_train[:, 1] < 0,
                           clean.X_train[:, 0] * clean.X_train[:, 1] > 0))      # … and XOR's labels, exactly
    assert np.abs(noisy.X_train).min() < 0.1


@pytest.mark.parametrize("kwargs, words", [
    ({"name": "swirl"}, "'circles', 'moons', 'xor', 'spiral', 'blobs'"),
    ({"n": MOST_POINTS + 1}, f"from 4 to {MOST_POINTS}"),
    ({"noise": -0.1}, "noise"),
    ({"name": "xor", "classes": 3}, "'spiral' or 'blobs'"),
    ({"name": "blobs", "classes": 9}, "from 2 to 6"),
    ({"test_fraction": 1.0}, "test_fraction"),
])
def test_bad_settings_say_the_choices_or_limits(kwargs, words):
    with pytest.raises(ValueError, match="must|has 2 classes") as error:
        planar(**kwargs)
    assert words in str(error.value)
