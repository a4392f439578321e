"""TrainingDashboard (widgets/dashboard.py), headless: training is backprop.Training, epoch by epoch, in a task
that yields to the event loop; or the learner's own train_epoch; the curves are the core's History."""
import asyncio

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import Network  # noqa: E402
from backprop.data import load_digits  # noqa: E402
from backprop.widgets import TrainingDashboard  # noqa: E402

from _views import marks, run_apart, sweep  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")
CURVES = ("train_loss", "test_loss", "train_accuracy", "test_accuracy")


def scores(net, split):
    return [net.loss(split.X_train, split.y_train), net.loss(split.X_test, split.y_test),
            net.accuracy(split.X_train, split.y_train), net.accuracy(split.X_test, split.y_test)]


def test_dashboard_trains_one_epoch_and_its_curves_get_a_point():
    view = TrainingDashboard(hidden=4, activation="tanh", lr=0.5, batch_size=64, epochs=1)
    assert view.state["epochs_run"] == 0 and all(line["x"] == [] for line in marks(view, "line"))
    view.train(blocking=True)
    split = load_digits()
    net = Network([64, 4, 10], "tanh", "softmax", "cross_entropy", init="xavier", seed=0)
    net.fit(split.X_train, split.y_train, epochs=1, batch_size=64, lr=0.5, seed=0)
    for name, line, value in zip(CURVES, marks(view, "line"), scores(net, split)):
        np.testing.assert_allclose(view.state[name], [value], rtol=1e-10)
        np.testing.assert_allclose(line["y"], [value], rtol=1e-10)
    assert view.state["history"].val_loss == list(view.state["test_loss"])          # the core's History
    assert view.state["epochs_run"] == 1 and view.progress.value == 1
    guesses = net.classify(view.samples)
    assert list(view.state["predictions"]) == list(guesses)
    digits = marks(view, "text")[0]
    right = [g == label for g, label in zip(guesses, view.state["labels"])]
    assert digits["text"] == [f"{'✓' if r else '✗'} says {g}" for g, r in zip(guesses, right)]   # not colour alone
    assert digits["color"] == ["right" if r else "wrong" for r in right]
    assert view.message == "training finished" and not view.controls["train"].disabled
    assert f"test accuracy {view.state['test_accuracy'][-1]:.3f}" in view.figure.description


def test_dashboard_trains_in_a_task_that_yields_and_stop_ends_it_after_the_current_epoch():
    async def run():
        view = TrainingDashboard(hidden=4, batch_size=256, epochs=50)
        task = view.train()                          # the first epoch at once, the others in the task
        assert isinstance(task, asyncio.Task) and view.controls["hidden"].disabled
        assert not view.controls["stop"].disabled
        assert view.state["epochs_run"] == 1 and not task.done()
        while view.state["epochs_run"] < 2:          # the loop runs other work between epochs
            await asyncio.sleep(0)
        assert view.progress.value == 2 and marks(view, "line")[0]["x"] == [1, 2]
        view.controls["stop"].click()
        await task
        return view
    view = run_apart(run())
    assert view.state["epochs_run"] == 2 and view.message == "stopped by request after epoch 2"
    assert view.controls["stop"].disabled and not view.controls["hidden"].disabled


def test_the_learners_train_epoch_trains_and_the_history_is_the_cores():
    split, seen = load_digits(), []

    def train_epoch(network, epoch):                  # plain full-batch gradient descent, written by a learner
        seen.append(epoch)
        grads = network.backward(network.forward(split.X_train), network.targets(split.y_train, len(split.y_train)))
        for W, b, dW, db in zip(network.weights, network.biases, grads.weights, grads.biases):
            W -= 0.5 * dW
            b -= 0.5 * db
    view = TrainingDashboard(hidden=8, activation="tanh", epochs=3, train_epoch=train_epoch)
    assert view.controls["lr"].disabled and view.controls["batch_size"].disabled
    view.train(blocking=True)
    net = Network([64, 8, 10], "tanh", "softmax", "cross_entropy", init="xavier", seed=0)
    expected = []
    for _ in range(3):
        train_epoch(net, None)
        expected.append(scores(net, split))
    assert seen[:3] == [0, 1, 2]
    for name, values in zip(CURVES, np.transpose(expected)):
        np.testing.assert_allclose(view.state[name], values, rtol=1e-10)
    assert view.message == "training finished" and view.state["history"].epochs_run == 3


def test_a_train_epoch_that_is_not_a_function_or_fails_says_so():
    with pytest.raises(TypeError, match="train_epoch must be a function train_epoch\\(network, epoch\\)"):
        TrainingDashboard(train_epoch=3)

    def broken(network, epoch):
        raise ValueError("shapes (8, 64) and (10, 8) not aligned")
    view = TrainingDashboard(hidden=4, epochs=2, train_epoch=broken)
    with pytest.raises(ValueError, match="not aligned"):
        view.train(blocking=True)
    assert "your train_epoch raised ValueError: shapes" in view.readout.value and not view.controls["train"].disabled


def test_dashboard_sweep_raises_and_warns_nothing():
    view = TrainingDashboard(hidden=4, epochs=1, batch_size=256)
    sweep(view)
    for settings in ({"hidden": 2, "lr": 10.0, "activation": "relu"}, {"hidden": 128, "lr": 0.001, "batch_size": 256}):
        for name, value in {"epochs": 1, "batch_size": 128, **settings}.items():
            view.controls[name].value = value
        view.train(blocking=True)
        assert view.state["epochs_run"] == 1 or "diverged" in view.message


def test_lesson_07s_lr_5_is_shown_as_not_learning_with_its_dead_units():
    """Lesson 07 suggests lr 5 with 64 ReLU units: the dashboard says why nothing is learned."""
    view = TrainingDashboard(hidden=64, activation="relu", lr=5.0, batch_size=32, epochs=2)
    view.train(blocking=True)
    assert view.message.startswith("not learning:") and "hidden units never fire (dead ReLUs)" in view.message
    assert "try lr=0.5" in view.message and view.state["test_accuracy"][-1] < 0.15


def test_your_train_epoch_that_blows_the_loss_up_is_said_diverged_in_the_cores_words():
    def blow_up(network, epoch):
        network.weights = [np.full_like(W, 1e308) for W in network.weights]     # z overflows
    view = TrainingDashboard(hidden=4, epochs=3, train_epoch=blow_up)
    view.train(blocking=True)
    assert view.history.diverged and view.history.epochs_run == 1
    assert view.message == view.history.message == ("diverged in epoch 1: the loss became inf or NaN — the "
                                                    "learning rate is too high; try a smaller lr")
    assert view.message in view.readout.value
