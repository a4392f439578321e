"""Views 1-4 headless: state equals the core's numbers, the artists hold them, every control is safe."""
import math

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import Network  # noqa: E402
from backprop.widgets import BlameExplorer, LossExplorer, NeuronExplorer, NudgeExplorer  # noqa: E402
from backprop.widgets._diagram import UNKNOWN, shade  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")
W1, B1, W2, B2 = [[0.4, 0.3], [0.6, 0.9]], [0.1, 0.2], [[0.5, 0.7]], [0.3]
X, Y = np.array([[0.5, 0.1]]), np.array([[0.6]])


def note_003(W1=W1, B1=B1, W2=W2, B2=B2):
    """An independent copy of note 003's network, built here from the numbers."""
    return Network.from_parameters([np.array(W1, float), np.array(W2, float)],
                                   [np.array(B1, float), np.array(B2, float)])


def slope_of(line):
    (x0, x1), (y0, y1) = line.get_data()
    return (y1 - y0) / (x1 - x0)


def pixels(view):
    return np.asarray(view.figure.canvas.buffer_rgba()).copy()


# ---- NeuronExplorer --------------------------------------------------------
def test_neuron_default_is_note_003s_first_hidden_neuron():
    view = NeuronExplorer()
    assert view.state["z"] == pytest.approx(0.33)
    assert view.state["a"] == pytest.approx(1 / (1 + math.exp(-0.33)))
    assert "0.3300" in view.readout.value


def test_neuron_state_and_artists_follow_the_controls():
    view = NeuronExplorer()
    before = pixels(view)
    c = view.controls
    c["activation"].value, c["x1"].value, c["w2"].value, c["b"].value = "tanh", -0.8, 2.5, 0.4
    z = -0.8 * 0.4 + 0.1 * 2.5 + 0.4
    s = view.state
    assert s["z"] == pytest.approx(z) and s["a"] == pytest.approx(math.tanh(z))
    assert s["da_dz"] == pytest.approx(1 - math.tanh(z) ** 2)
    assert view.point.get_data() == ([pytest.approx(z)], [pytest.approx(math.tanh(z))])
    assert slope_of(view.tangent_line) == pytest.approx(s["da_dz"])
    assert [b.get_height() for b in view.bars] == pytest.approx([-0.32, 0.25, 0.4, z])
    np.testing.assert_allclose(view.curve.get_ydata(), np.tanh(view.curve.get_xdata()))
    assert view.numbers.texts == [f"z = {z:+.3f}   a = {math.tanh(z):.3f}   f'(z) = {1 - math.tanh(z) ** 2:.3f}"]
    assert not np.array_equal(before, pixels(view))          # the figure was redrawn


# ---- LossExplorer ----------------------------------------------------------
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


# ---- NudgeExplorer ---------------------------------------------------------
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


# ---- BlameExplorer ---------------------------------------------------------
def test_blame_default_equals_the_core_on_note_003():
    view = BlameExplorer()
    net = note_003()
    trace = net.forward(X)
    grads = net.backward(trace, Y)
    s = view.state
    assert s["loss"] == pytest.approx(net.loss(X, Y))
    for L in (1, 2):
        np.testing.assert_allclose(s[f"a[{L}]"], trace.a[L][0])
        np.testing.assert_allclose(s[f"delta[{L}]"], grads.delta[L][0])
        np.testing.assert_allclose(s[f"grad_weights[{L - 1}]"], grads.weights[L - 1])
        np.testing.assert_allclose(s[f"grad_biases[{L - 1}]"], grads.biases[L - 1])
    texts = view.diagram.node_labels.texts
    assert texts == ["0.500", "0.100"] + [f"{a:.3f}" for a in trace.a[1][0]] + [f"{trace.a[2][0, 0]:.3f}"]
    assert view.diagram.edge_labels.texts == ["+0.40", "+0.30", "+0.60", "+0.90", "+0.50", "+0.70"]
    widths = view.diagram.edges.get_linewidths()
    assert widths[3] > widths[4] > widths[0] > widths[1]            # |0.9| > |0.5| > |0.4| > |0.3|
    assert f"{grads.weights[0][1, 0]:+.6f}" in view.readout.value   # the table holds every gradient


def test_blame_toggle_colours_neurons_by_delta_and_edges_by_gradient():
    view = BlameExplorer()
    view.controls["x2"].value = -1.5                      # makes some gradients negative
    forward = view.diagram.nodes.get_facecolors().copy()
    view.controls["show"].value = "blame"
    net = note_003()
    x = np.array([[0.5, -1.5]])
    grads = net.backward(net.forward(x), Y)
    deltas = np.concatenate([grads.delta[1][0], grads.delta[2][0]])
    colours = view.diagram.nodes.get_facecolors()
    np.testing.assert_allclose(colours[2:], shade(deltas, np.abs(deltas).max()))
    assert not np.allclose(colours, forward)
    gradient = np.concatenate([grads.weights[0].ravel(), grads.weights[1].ravel()])
    edge_colours = view.diagram.edges.get_colors()
    assert [tuple(c[:3]) for c in edge_colours] == [matplotlib.colors.to_rgb("#2166ac" if g >= 0 else "#b2182b")
                                                    for g in gradient]
    assert view.diagram.node_labels.texts[2:] == [f"{d:+.4f}" for d in deltas]


def test_backward_one_layer_at_a_time():
    view = BlameExplorer([3, 4, 4, 1])
    view.backward_one_layer()
    assert view.controls["show"].value == "blame" and view.state["revealed"] == [3]
    colours = view.diagram.nodes.get_facecolors()
    assert np.allclose(colours[3:11], matplotlib.colors.to_rgba(UNKNOWN))    # hidden blame not known yet
    assert not np.allclose(colours[11], matplotlib.colors.to_rgba(UNKNOWN))
    assert view.readout.value.count("<td>?</td>") == 16 + 4 + 12 + 4
    view.backward_one_layer()
    view.backward_one_layer()
    assert view.state["revealed"] == [3, 2, 1] and "<td>?</td>" not in view.readout.value
    view.backward_one_layer()
    assert view.state["revealed"] == [3]                  # starts again from the output


def test_step_lowers_the_loss_and_equals_network_step():
    view = BlameExplorer()
    net = note_003()
    losses = [view.state["loss"]]
    for _ in range(3):
        view.step()
        net.step(net.backward(net.forward(X), Y), 0.1)
        losses.append(view.state["loss"])
    assert losses[0] > losses[1] > losses[2] > losses[3]
    assert view.state["loss"] == pytest.approx(net.loss(X, Y))
    np.testing.assert_allclose(view.state["weights[0]"], net.weights[0])
    assert view.controls["value"].value == pytest.approx(net.weights[0][0, 0], abs=0.005)
    view.controls["step"].click()
    assert view.state["steps"] == 4 and view.state["loss"] < losses[3]
    view.controls["reset"].click()
    assert view.state["loss"] == pytest.approx(losses[0]) and view.state["steps"] == 0


def test_the_browser_rounding_a_stepped_slider_does_not_move_the_parameter():
    view = BlameExplorer()
    view.step()
    stepped = view.net.weights[0][0, 0]
    view.controls["value"].value = round(stepped, 2)       # what a browser sends back after the Step
    assert view.net.weights[0][0, 0] == stepped and round(stepped, 2) != stepped
    view.controls["value"].value = round(stepped, 2) + 0.05  # a real move still edits the network
    assert view.net.weights[0][0, 0] == pytest.approx(round(stepped, 2) + 0.05)


def test_parameter_selector_inputs_and_targets_edit_the_network():
    view = BlameExplorer()
    view.controls["parameter"].value = ("biases", 0, 1)
    assert view.controls["value"].value == 0.2
    view.controls["value"].value = -0.9
    assert view.state["biases[0]"][1] == -0.9               # the state follows at once, not one move late
    view.controls["x1"].value, view.controls["y1"].value = 1.3, 0.1
    net = note_003(B1=[0.1, -0.9])
    x, y = np.array([[1.3, 0.1]]), np.array([[0.1]])
    assert view.state["loss"] == pytest.approx(net.loss(x, y))
    np.testing.assert_allclose(view.state["z[1]"], net.forward(x).z[1][0])
    assert view.diagram.node_mark.get_data() == ([1.0], [-0.5])     # hidden neuron 2 is highlighted


# ---- every control, every position -----------------------------------------
def settings(control):
    if isinstance(control, widgets.Button):
        return ["click"]
    if hasattr(control, "options"):
        return [value for _, value in control.options] if isinstance(control.options[0], tuple) \
            else list(control.options)
    middle = (control.min + control.max) / 2
    return [control.min, control.max, middle if isinstance(control.min, float) else int(middle)]


@pytest.mark.parametrize("make", [NeuronExplorer, lambda: NeuronExplorer(x=(0.1, 0.2, 0.3), w=(1, 2, 3)),
                                  LossExplorer, NudgeExplorer, BlameExplorer,
                                  lambda: NudgeExplorer(Network([3, 4, 2], "tanh", output_activation="softmax",
                                                                loss="cross_entropy"), [0.5, -1, 2], [[0, 1]]),
                                  lambda: BlameExplorer([3, 4, 4, 1], activation="relu", output_activation="identity")])
def test_every_control_at_min_max_and_middle(make):
    view = make()
    for name, control in view.controls.items():
        assert getattr(control, "description", ""), f"control {name} has no label"
        for value in settings(control):
            if value == "click":
                control.click()
            else:
                control.value = value
                assert control.value == pytest.approx(value) if isinstance(value, float) else True
            assert all(np.all(np.isfinite(v)) for v in view.state.values()
                       if isinstance(v, (float, np.ndarray)) and np.asarray(v).dtype.kind == "f")
    if isinstance(view, NudgeExplorer):                    # first, middle and last parameter at both ends
        keys = [key for _, key in view.controls["parameter"].options]
        for key in [keys[0], keys[len(keys) // 2], keys[-1]]:
            view.controls["parameter"].value = key
            for p in (-4.0, 4.0):
                view.controls["p"].value = p


def test_controls_clamp():
    view = LossExplorer()
    view.controls["y_hat"].value = 5.0
    assert view.controls["y_hat"].value == 0.99 and view.state["y_hat"] == 0.99


def test_nudge_curve_follows_the_other_parameters():
    view = NudgeExplorer()
    view.controls["p"].value = -2.0                       # move w⁽²⁾₁₁, then look along w⁽¹⁾₁₁
    view.controls["parameter"].value = ("weights", 0, 0, 0)
    i = 30
    p = view.p_grid[i]
    expected = note_003(W1=[[p, 0.3], [0.6, 0.9]], W2=[[-2.0, 0.7]]).loss(X, Y)
    assert view.curve.get_ydata()[i] == pytest.approx(expected)


def test_blame_reveal_slider_switches_to_blame_and_title_shows_the_numbers():
    view = BlameExplorer()
    view.controls["lr"].value = 0.5
    s = view.state
    assert view.title.texts == [f"forward pass: ŷ = {s['y_hat'][0]:.4f}, C = {s['loss']:.5f}, η = 0.50"]
    view.controls["reveal"].value = 1
    assert view.controls["show"].value == "blame" and view.state["mode"] == "blame"
    assert view.title.texts[0].startswith("blame δ and ∂C/∂w: 1 of 2 layers back")


def test_a_diverging_step_is_refused_with_a_message_not_an_overflow():
    view = BlameExplorer([3, 1], activation="identity", x=[2.0, 2.0, 2.0], y=[1.0])
    view.controls["lr"].value = 5.0
    view.net.weights = [np.full((1, 3), 1e152)]           # as if many steps had already diverged
    before = view.net.weights[0].copy()
    view.step()                                           # C = ½(354e152)² would overflow
    assert "Step refused" in view.readout.value and view.steps == 0
    np.testing.assert_array_equal(view.net.weights[0], before)
    view.controls["reset"].click()
    assert "Step refused" not in view.readout.value
    for _ in range(3):                                    # |1 − 5·12| = 59: the error grows, no overflow yet
        view.step()
    assert view.steps == 3 and "Step refused" not in view.readout.value


def test_glyph_labels_paint_their_text_where_they_stand():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from backprop.widgets._labels import Labels
    fig = Figure(figsize=(2, 1), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set(xlim=(0, 2), ylim=(0, 1))
    ax.set_axis_off()
    labels = Labels(ax, [(0.5, 0.5)], fontsize=10)
    labels.set_texts(["+0.123"])
    fig.canvas.draw()
    ink = np.asarray(fig.canvas.buffer_rgba())[:, :, 0] < 128       # dark pixels, rows from the top
    rows, cols = np.nonzero(ink)
    assert 35 < rows.mean() < 65 and 35 < cols.mean() < 65          # centred on (0.5, 0.5) → pixel (50, 50)
    assert 25 < cols.max() - cols.min() < 60                        # about six characters wide at 10 pt
    labels.set_texts([""], positions=[(1.5, 0.5)])
    fig.canvas.draw()
    assert not (np.asarray(fig.canvas.buffer_rgba())[:, :, 0] < 128).any()
