"""OverfittingExplorer (widgets/overfitting.py), headless: the curves are the core's training."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import Network  # noqa: E402
from backprop.data import load_digits  # noqa: E402
from backprop.widgets import OverfittingExplorer  # noqa: E402

from _views import sweep  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


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
