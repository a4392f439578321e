"""TrainingDashboard (widgets/dashboard.py), headless: training is Network.fit, epoch by epoch."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import Network  # noqa: E402
from backprop.data import load_digits  # noqa: E402
from backprop.widgets import TrainingDashboard  # noqa: E402

from _views import sweep  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


def test_dashboard_trains_one_epoch_and_its_curves_get_a_point():
    view = TrainingDashboard(hidden=4, activation="tanh", lr=0.5, batch_size=64, epochs=1)
    assert view.state["epochs_run"] == 0 and len(view.lines["train_loss"].get_xdata()) == 0
    view.train(blocking=True)
    split = load_digits()
    net = Network([64, 4, 10], "tanh", "softmax", "cross_entropy", init="xavier", seed=0)
    net.fit(split.X_train, split.y_train, epochs=1, batch_size=64, lr=0.5, seed=0)
    expected = [net.loss(split.X_train, split.y_train), net.loss(split.X_test, split.y_test),
                net.accuracy(split.X_train, split.y_train), net.accuracy(split.X_test, split.y_test)]
    for name, value in zip(("train_loss", "test_loss", "train_accuracy", "test_accuracy"), expected):
        np.testing.assert_allclose(view.state[name], [value], rtol=1e-10)
        np.testing.assert_allclose(view.lines[name].get_ydata(), [value], rtol=1e-10)
    assert view.state["epochs_run"] == 1 and view.progress.value == 1
    guesses = net.classify(view.samples)
    assert list(view.state["predictions"]) == list(guesses)
    assert [t.get_text() for t in view.digit_titles] == [f"says {g}" for g in guesses]
    assert view.message == "training finished" and not view.controls["train"].disabled


def test_dashboard_stop_button_stops_the_thread_after_the_current_epoch():
    view = TrainingDashboard(hidden=4, batch_size=256, epochs=50)
    thread = view.train()
    view.controls["stop"].click()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert view.state["epochs_run"] == 1 and "stopped" in view.message
    assert view.controls["stop"].disabled and not view.controls["hidden"].disabled


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
