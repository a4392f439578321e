"""LossExplorer (widgets/loss.py), headless: the loss of one output, by hand and by the view."""
import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop.widgets import LossExplorer  # noqa: E402

from _views import X, note_003, slope_of  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


def test_loss_default_is_note_003s_output():
    view = LossExplorer()
    out = note_003().predict(X)[0, 0]
    assert view.state["y_hat"] == pytest.approx(out) and view.state["y"] == 0.6


@pytest.mark.parametrize("loss, value, slope", [
    ("half_squared_error", lambda p, t: 0.5 * (p - t) ** 2, lambda p, t: p - t),
    ("squared_error", lambda p, t: (p - t) ** 2, lambda p, t: 2 * (p - t)),
    ("cross_entropy", lambda p, t: -t * math.log(p) - (1 - t) * math.log(1 - p),
     lambda p, t: -t / p + (1 - t) / (1 - p))])
def test_loss_state_and_artists_by_hand(loss, value, slope):
    view = LossExplorer()
    view.controls["loss"].value, view.controls["y"].value, view.controls["y_hat"].value = loss, 0.3, 0.8
    s = view.state
    assert s["loss"] == pytest.approx(value(0.8, 0.3)) and s["dC_dy_hat"] == pytest.approx(slope(0.8, 0.3))
    assert s["error"] == pytest.approx(-0.5)
    assert view.point.get_data() == ([0.8], [pytest.approx(value(0.8, 0.3))])
    assert slope_of(view.tangent_line) == pytest.approx(slope(0.8, 0.3))
    assert [b.get_height() for b in view.bars] == pytest.approx([-0.5, 0.5, 1.0])   # the factor 2
    assert view.numbers.texts == [f"C = {value(0.8, 0.3):.4f}   dC/dŷ = {slope(0.8, 0.3):+.4f}"]
    np.testing.assert_allclose(view.curve.get_ydata(), [value(p, 0.3) for p in view.curve.get_xdata()])


def test_controls_clamp():
    view = LossExplorer()
    view.controls["y_hat"].value = 5.0
    assert view.controls["y_hat"].value == 0.99 and view.state["y_hat"] == 0.99
