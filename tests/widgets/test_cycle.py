"""CycleExplorer (widgets/cycle.py), headless: each Step's numbers equal an independent network's, stage by stage."""
import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import Network  # noqa: E402
from backprop.widgets import CycleExplorer  # noqa: E402
from backprop.widgets.figures import Plot  # noqa: E402
from backprop.widgets.figures.style import number  # noqa: E402

from _views import X, Y, note_003  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


def marks_of(view, kind):
    return [m for m in view.figure.marks if m["type"] == kind]


def step(view, times=1):
    for _ in range(times):
        view.controls["step"].click()


def test_before_any_step_nothing_is_computed_and_the_picture_says_so():
    view = CycleExplorer()
    s = view.state
    assert s["stage"] == "ready" and s["y_hat"] is None and s["loss"] is None and s["rounds"] == 0
    assert "press Step" in view.figure.description and "ŷ = ?" in view.figure.description
    assert isinstance(view.figure, Plot) and view.figure in view.children
    np.testing.assert_array_equal(s["weights"][0], [[0.4, 0.3], [0.6, 0.9]])


def test_each_step_shows_the_numbers_of_an_independent_network_for_two_rounds():
    view, net = CycleExplorer(), note_003()
    for round_ in range(2):
        trace = net.forward(X)
        step(view)                                               # forward
        assert view.state["stage"] == "forward" and view.state["loss"] is None
        np.testing.assert_allclose(view.state["y_hat"], trace.y_hat[0], rtol=1e-12)
        for a_view, a_net in zip(view.state["activations"], trace.a):
            np.testing.assert_allclose(a_view, a_net[0], rtol=1e-12)
        assert f"ŷ = {number(trace.y_hat[0, 0])}" in view.figure.description
        step(view)                                               # loss
        loss = 0.5 * float((trace.y_hat[0, 0] - Y[0, 0]) ** 2)   # by hand: C = ½(ŷ − y)²
        assert view.state["stage"] == "loss" and view.state["loss"] == pytest.approx(loss, rel=1e-12)
        assert f"C = {number(loss)}" in view.figure.description
        assert f"C = <span class='bp-number' style='white-space:nowrap'>{number(loss)}</span>" in view.readout.value
        step(view)                                               # backward
        grads = net.backward(trace, Y)
        assert view.state["stage"] == "backward"
        for d_view, d_net in zip(view.state["delta"], grads.delta[1:]):
            np.testing.assert_allclose(d_view, d_net[0], rtol=1e-12)
        for g_view, g_net in zip(view.state["grad_weights"], grads.weights):
            np.testing.assert_allclose(g_view, g_net, rtol=1e-12)
        edge_words, = [m for m in marks_of(view, "text") if len(m["text"]) == 6]
        assert edge_words["text"][-2:] == [f"{g:+.4f}" for g in grads.weights[1][0]]
        step(view)                                               # update
        net.step(grads, 0.1)
        assert view.state["stage"] == "update" and view.state["rounds"] == round_ + 1
        for w_view, w_net in zip(view.state["weights"], net.weights):
            np.testing.assert_allclose(w_view, w_net, rtol=1e-12)
    assert view.state["losses"][1] < view.state["losses"][0]     # the second round's loss is lower


def test_the_current_stage_is_the_one_gold_box():
    view = CycleExplorer()
    for name in ("forward", "loss", "backward", "update", "forward"):
        step(view)
        boxes = marks_of(view, "rect")
        gold = [i for i, box in enumerate(boxes) if box["color"] == "highlight"]
        assert gold == [("forward", "loss", "backward", "update").index(name)]
        labels, = [m for m in marks_of(view, "text") if any("◀ now" in t for t in m["text"])]
        assert [t for t in labels["text"] if "◀ now" in t] == [f"{gold[0] + 1}. {name}  ◀ now"]
        assert view.figure.title.startswith(name)


def test_reset_goes_back_to_the_starting_weights():
    view = CycleExplorer()
    step(view, 8)
    view.controls["reset"].click()
    assert view.state["stage"] == "ready" and view.state["rounds"] == 0 and view.state["losses"] == []
    np.testing.assert_array_equal(view.state["weights"][1], [[0.5, 0.7]])


def test_keyboard_operable_every_control_is_a_button_with_a_tooltip():
    view = CycleExplorer()
    assert set(view.controls) == {"step", "reset"}
    for control in view.controls.values():
        assert isinstance(control, widgets.Button) and control.description and control.tooltip


def test_text_alternative_carries_the_current_numbers():
    view = CycleExplorer()
    step(view, 2)
    d = view.figure.description
    assert "Stage: loss" in d and "ŷ = 0.7391" in d and "C = 0.009673" in d and "2-2-1" in d
    assert "½(ŷ − y)²" in d


def test_your_own_network_is_copied_and_needs_x_and_y():
    net = Network([3, 2, 1], seed=4)
    view = CycleExplorer(net, x=[0.1, 0.2, 0.3], y=[1.0], lr=0.5)
    step(view, 4)
    assert net.weights[0][0, 0] != view.net.weights[0][0, 0]        # the view stepped its copy only
    with pytest.raises(ValueError, match="x and y, one example, must come with your network"):
        CycleExplorer(net)
    with pytest.raises(ValueError, match="at most 4 neurons"):
        CycleExplorer(Network([2, 8, 1]), x=[0.1, 0.2], y=[1.0])
    with pytest.raises(ValueError, match="lr"):
        CycleExplorer(lr=0.0)


def test_a_picture_exists_for_viewers_without_widgets():
    view = CycleExplorer()
    step(view)
    assert view.figure.picture()[:4] == b"\x89PNG"


def test_after_the_update_the_weights_show_four_decimals_and_the_loss_says_it_is_the_old_one():
    view, net = CycleExplorer(), note_003()
    step(view, 4)
    net.step(net.backward(net.forward(X), Y), 0.1)
    edge_words, = [m for m in marks_of(view, "text") if len(m["text"]) == 6]
    assert edge_words["text"] == [f"{w:+.4f}" for W in net.weights for w in W.ravel()]
    assert "C = 0.009673 (before this update)" in view.figure.description
