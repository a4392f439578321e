"""NudgeExplorer (widgets/nudge.py), headless: the view's numbers are the core's on the learner's own network."""
import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from backprop.widgets import NudgeExplorer  # noqa: E402

from _views import B1, W1, W2, X, Y, note_003, slope_of  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


def test_nudge_default_shows_note_003s_output_weight():
    view = NudgeExplorer()
    net = note_003()
    grads = net.backward(net.forward(X), Y)
    assert view.state["p"] == 0.5 and view.state["dC_dp"] == pytest.approx(grads.weights[1][0, 0])


@pytest.mark.parametrize("key, w1, w2, b1", [
    (("weights", 0, 1, 0), [[0.4, 0.3], [-1.2, 0.9]], W2, B1),
    (("weights", 1, 0, 1), W1, [[0.5, -1.2]], B1),
    (("biases", 0, 0), W1, W2, [-1.2, 0.2])])
def test_nudge_state_and_artists_equal_an_independent_network(key, w1, w2, b1):
    view = NudgeExplorer()
    view.controls["parameter"].value = key
    view.controls["p"].value, view.controls["dp"].value = -1.2, 0.7
    net = note_003(W1=w1, W2=w2, B1=b1)
    trace = net.forward(X)
    grads = net.backward(trace, Y)
    grad = getattr(grads, key[0])[key[1]][key[2:]]
    L, j = key[1] + 1, key[2]
    s = view.state
    assert s["loss"] == pytest.approx(net.loss(X, Y)) and s["dC_dp"] == pytest.approx(grad)
    a = trace.a[L][0, j]
    assert s["da_dz"] == pytest.approx(a * (1 - a))
    assert s["dz_dp"] == pytest.approx(trace.a[L - 1][0, key[3]] if key[0] == "weights" else 1.0)
    assert s["dC_da"] * s["da_dz"] * s["dz_dp"] == pytest.approx(grad)
    nudged = note_003(W1=w1, W2=w2, B1=b1)
    getattr(nudged, key[0])[key[1]][key[2:]] += 0.7
    assert s["actual_dC"] == pytest.approx(nudged.loss(X, Y) - net.loss(X, Y))
    assert s["predicted_dC"] == pytest.approx(grad * 0.7)
    assert [b.get_height() for b in view.bars] == pytest.approx([s["dC_da"], s["da_dz"], s["dz_dp"], grad])
    assert view.point.get_data() == ([-1.2], [pytest.approx(net.loss(X, Y))])
    assert view.actual.get_data()[1] == [pytest.approx(nudged.loss(X, Y))]
    assert slope_of(view.tangent_line) == pytest.approx(grad)
    assert f"{s['actual_dC']:+.5f}" in view.compare.texts[0]
    assert view.values.texts == [f"{h:+.4f}" for h in [s["dC_da"], s["da_dz"], s["dz_dp"], grad]]


def test_nudge_curve_is_the_loss_along_the_parameter():
    view = NudgeExplorer()
    view.controls["parameter"].value = ("weights", 0, 0, 0)
    assert view.controls["p"].value == 0.4                 # the slider jumps to that parameter's value
    for i in (0, 60, 120):
        p = view.p_grid[i]
        assert view.curve.get_ydata()[i] == pytest.approx(note_003(W1=[[p, 0.3], [0.6, 0.9]]).loss(X, Y))


def test_nudge_curve_follows_the_other_parameters():
    view = NudgeExplorer()
    view.controls["p"].value = -2.0                       # move w⁽²⁾₁₁, then look along w⁽¹⁾₁₁
    view.controls["parameter"].value = ("weights", 0, 0, 0)
    i = 30
    p = view.p_grid[i]
    expected = note_003(W1=[[p, 0.3], [0.6, 0.9]], W2=[[-2.0, 0.7]]).loss(X, Y)
    assert view.curve.get_ydata()[i] == pytest.approx(expected)
