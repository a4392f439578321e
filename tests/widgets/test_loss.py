"""LossExplorer (widgets/loss.py), headless: the loss of one output, by hand and by the view."""
import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop.widgets import LossExplorer  # noqa: E402

from _views import X, note_003, sweep  # noqa: E402

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
    backdrop, marks = view.figure.backdrop, view.figure.marks         # the synced numbers the browser draws
    target, tangent_line, point, numbers, bars = marks
    assert (point["x"], point["y"]) == ([0.8], [pytest.approx(value(0.8, 0.3))])
    assert target["x"] == [0.3, 0.3]
    (x0, x1), (y0, y1) = tangent_line["x"], tangent_line["y"]
    assert (y1 - y0) / (x1 - x0) == pytest.approx(slope(0.8, 0.3))
    assert bars["top"] == pytest.approx([-0.5, 0.5, 1.0])                  # the factor 2
    assert numbers["text"] == [f"C = {value(0.8, 0.3):.4f},  dC/dŷ = {slope(0.8, 0.3):+.4f}"]
    curve = backdrop[0]
    np.testing.assert_allclose(curve["y"], [value(p, 0.3) for p in curve["x"]])
    assert f"C = {value(0.8, 0.3):.4f}" in view.figure.description
    assert f"dC/dŷ = {slope(0.8, 0.3):+.4f}" in view.figure.description


def test_every_control_swept_keeps_the_marks_inside_the_panels_and_a_png_is_displayed():
    view = LossExplorer()
    sweep(view)
    (_, _), (low, high) = view.figure.panels[0]["xlim"], view.figure.panels[0]["ylim"]
    point = view.figure.marks[2]
    assert low <= point["y"][0] <= high
    assert "image/png" in view._repr_mimebundle_()


def test_controls_clamp():
    view = LossExplorer()
    view.controls["y_hat"].value = 5.0
    assert view.controls["y_hat"].value == 0.99 and view.state["y_hat"] == 0.99
