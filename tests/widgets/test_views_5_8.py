"""Views 5-8, headless: set controls in code, compare view.state and the artists with the core's own numbers."""
import warnings

import ipywidgets as widgets
import numpy as np
import pytest

from backprop import Network
from backprop.data import load_digits
from backprop.landscape import descent_example
from backprop.widgets import DescentExplorer, GradientFlowExplorer, OverfittingExplorer, TrainingDashboard

pytestmark = pytest.mark.filterwarnings("error")


def sweep(view, skip=()):
    """Every control to min, middle and max (every option of a dropdown or selection slider)."""
    for name, control in view.controls.items():
        if name in skip or isinstance(control, widgets.Button):
            continue
        if hasattr(control, "options"):
            values = [value for _, value in control.options] if isinstance(control.options[0], tuple) else control.options
        elif isinstance(control, widgets.FloatLogSlider):
            values = [control.base ** e for e in (control.min, (control.min + control.max) / 2, control.max)]
        else:
            values = [control.min, (control.min + control.max) / 2, control.max]
        for value in values:
            control.value = int(value) if isinstance(control, widgets.IntSlider) else value
            assert view.readout.value


# ---- DescentExplorer --------------------------------------------------------
def core_descent(lr, start, steps):
    """The default descent, written with the core's Network directly: forward, backward, w ← w − lr·g."""
    net, X, y = descent_example()
    w, points, losses = np.array(start, dtype=float), [], []
    for _ in range(steps + 1):
        net.weights[1][0] = w
        grads = net.backward(net.forward(X), y)
        points.append(w), losses.append(net.loss(X, y))
        w = w - lr * grads.weights[1][0]
    return np.array(points), np.array(losses)


def test_descent_state_and_path_are_the_cores_steps():
    view = DescentExplorer()
    view.controls["lr"].value, view.controls["steps"].value = 0.5, 6
    view.controls["start_w1"].value, view.controls["start_w2"].value = 2.5, 2.0
    points, losses = core_descent(0.5, (2.5, 2.0), 6)
    np.testing.assert_allclose(view.state["path"], points, rtol=1e-10)
    np.testing.assert_allclose(view.state["losses"], losses, rtol=1e-10)
    assert view.state["final_loss"] == pytest.approx(losses[-1], rel=1e-10)
    assert view.state["steps_to_converge"] == "not converged"
    np.testing.assert_allclose(view.path_line.get_xydata(), points, rtol=1e-10)
    np.testing.assert_allclose(view.loss_line.get_ydata(), losses, rtol=1e-10)
    assert view.verdict_text.get_text().startswith("crawling")


def test_descent_says_diverged_in_words_and_stops_the_path():
    view = DescentExplorer(lr=3.0, steps=100)
    state = view.state
    assert state["steps_to_converge"] == "diverged" and state["steps_taken"] < 100
    assert "diverged at step" in view.verdict_text.get_text() and "too high" in view.readout.value
    assert len(view.path_line.get_xdata()) == state["steps_taken"] + 1
    points, losses = core_descent(3.0, (-2.0, -2.5), state["steps_taken"])
    np.testing.assert_allclose(state["path"], points, rtol=1e-9)
    assert core_descent(3.0, (-2.0, -2.5), state["steps_taken"] + 1)[1][-1] > 1e3 * losses[0]


def test_descent_converges_with_a_counted_number_of_steps():
    view = DescentExplorer(lr=1.0)
    k = view.state["steps_to_converge"]
    points, _ = core_descent(1.0, (-2.0, -2.5), k)
    net, X, y = descent_example()
    norms = []
    for w in points:
        net.weights[1][0] = w
        norms.append(np.linalg.norm(net.backward(net.forward(X), y).weights[1]))
    assert norms[-1] < view.tol <= min(norms[:-1])


def test_descent_contours_are_the_loss_surface():
    view = DescentExplorer()
    net, X, y = descent_example()
    net.weights[1][0] = [view.w1[4], view.w2[7]]
    assert view.surface[7, 4] == pytest.approx(net.loss(X, y), rel=1e-12)


def test_descent_sweep_raises_and_warns_nothing():
    sweep(DescentExplorer())


# ---- GradientFlowExplorer ---------------------------------------------------
def test_flow_bars_are_the_cores_gradient_norms():
    view = GradientFlowExplorer()
    view.controls["depth"].value, view.controls["activation"].value = 6, "tanh"
    view.controls["init"].value, view.controls["scale"].value = "scale", 0.4
    net = Network([32] * 7 + [1], "tanh", "identity", init=0.4, seed=0)
    grads = net.backward(net.forward(view.X), view.y)
    norms = [np.linalg.norm(g) for g in grads.weights]
    np.testing.assert_allclose(view.state["norms"], norms, rtol=1e-10)
    tops = [bar.get_y() + bar.get_height() for bar in view.bars if bar.get_visible()]
    np.testing.assert_allclose(tops, norms, rtol=1e-10)
    assert sum(bar.get_visible() for bar in view.bars) == 7


@pytest.mark.parametrize("settings, word", [(dict(activation="sigmoid", init="xavier", depth=10), "vanishing"),
                                            (dict(activation="relu", init="he", depth=10), "healthy"),
                                            (dict(activation="relu", init=2.0, depth=10), "exploding")])
def test_flow_names_the_regime(settings, word):
    view = GradientFlowExplorer(**settings)
    assert view.state["kind"] == word and view.verdict_text.get_text().startswith(word)
    assert word in view.readout.value


def test_flow_sweep_raises_and_warns_nothing():
    view = GradientFlowExplorer()
    for init in ("small", "xavier", "he", "scale"):
        view.controls["init"].value = init
        sweep(view, skip=("init",))


# ---- OverfittingExplorer ----------------------------------------------------
def test_overfitting_curves_are_the_cores_training():
    view = OverfittingExplorer(epochs=12)
    view.controls["weight_decay"].value, view.controls["dropout"].value = 0.01, 0.2
    split = load_digits()
    X, y, X_test, y_test = split.X_train[:25], split.y_train[:25], split.X_test[:200], split.y_test[:200]
    net = Network([64, 32, 10], "relu", "softmax", "cross_entropy", init="he", seed=0)
    train, test = [], []

    def record(epoch, history):                               # the view records every 2nd epoch
        if epoch % 2 == 1:
            train.append(net.loss(X, y)), test.append(net.loss(X_test, y_test))
    net.fit(X, y, epochs=12, batch_size=25, lr=0.5, seed=0, weight_decay=0.01, dropout=0.2, callback=record)
    assert len(train) == 6
    np.testing.assert_allclose(view.state["train_loss"], train, rtol=1e-10)
    np.testing.assert_allclose(view.state["test_loss"], test, rtol=1e-10)
    assert view.state["gap"] == pytest.approx(test[-1] - train[-1], rel=1e-10)
    assert view.state["test_accuracy"] == net.accuracy(X_test, y_test)
    np.testing.assert_allclose(view.test_line.get_xydata(), np.c_[[2, 4, 6, 8, 10, 12], test], rtol=1e-10)
    np.testing.assert_allclose(view.gap_line.get_ydata(), [train[-1], test[-1]], rtol=1e-10)


def test_more_data_shrinks_the_gap():
    view = OverfittingExplorer(epochs=30)
    small = view.state["gap"]
    view.controls["n_train"].value = 200
    assert view.state["gap"] < small / 2


def test_overfitting_sweep_raises_and_warns_nothing():
    sweep(OverfittingExplorer(epochs=10))


# ---- TrainingDashboard ------------------------------------------------------
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


# ---- every view ---------------------------------------------------------------
@pytest.mark.parametrize("cls", [DescentExplorer, GradientFlowExplorer, OverfittingExplorer, TrainingDashboard])
def test_every_view_builds_with_no_arguments_and_has_labelled_controls(cls):
    view = cls()
    assert view.figure is not None and view.readout.value and view.state
    for control in view.controls.values():
        assert control.description
