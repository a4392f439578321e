"""NeuronExplorer (widgets/neuron.py), headless: state equals the core's numbers, the artists hold them."""
import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop.widgets import NeuronExplorer  # noqa: E402

from _views import pixels, slope_of  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


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
