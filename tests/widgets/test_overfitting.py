"""OverfittingExplorer (widgets/overfitting.py), headless: the curves are the core's training."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import Network  # noqa: E402
from backprop.data import load_digits  # noqa: E402
from backprop.widgets import OverfittingExplorer  # noqa: E402

from _views import marks, sweep  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


def test_overfitting_curves_are_the_cores_training():
    view = OverfittingExplorer(epochs=12, every=2)
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
    train_line, test_line, gap = marks(view, "line")
    assert test_line["x"] == [2, 4, 6, 8, 10, 12] and view.state["history"].recorded_at == [2, 4, 6, 8, 10, 12]
    np.testing.assert_allclose(test_line["y"], test, rtol=1e-10)
    np.testing.assert_allclose(train_line["y"], train, rtol=1e-10)
    np.testing.assert_allclose(gap["y"], [train[-1], test[-1]], rtol=1e-10)
    assert f"test loss {test[-1]:.4f}" in view.figure.description and "dropout 0.2" in view.figure.description


def test_more_data_shrinks_the_gap():
    view = OverfittingExplorer(epochs=32)
    small = view.state["gap"]
    view.controls["n_train"].value = 200
    assert view.state["gap"] < small / 2


def test_overfitting_sweep_raises_and_warns_nothing():
    sweep(OverfittingExplorer(epochs=10))
    assert OverfittingExplorer(epochs=3).state["epoch"].tolist() == [3]       # fewer epochs than 4: one record
    assert OverfittingExplorer().state["epoch"].tolist() == list(range(4, 41, 4))
