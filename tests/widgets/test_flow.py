"""GradientFlowExplorer (widgets/flow.py), headless: the bars are the core's gradient norms."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import Network  # noqa: E402
from backprop.widgets import GradientFlowExplorer  # noqa: E402
from backprop.widgets.figures.style import number  # noqa: E402

from _views import marks, sweep  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


def test_flow_bars_are_the_cores_gradient_norms():
    view = GradientFlowExplorer()
    view.controls["depth"].value, view.controls["activation"].value = 6, "tanh"
    view.controls["init"].value, view.controls["scale"].value = "scale", 0.4
    net = Network([32] * 7 + [1], "tanh", "identity", init=0.4, seed=0)
    grads = net.backward(net.forward(view.X), view.y)
    norms = [np.linalg.norm(g) for g in grads.weights]
    np.testing.assert_allclose(view.state["norms"], norms, rtol=1e-10)
    bars, = marks(view, "bars")
    np.testing.assert_allclose(bars["top"], norms, rtol=1e-10)
    assert bars["x"] == [1, 2, 3, 4, 5, 6, 7] and bars["bottom"] == 1e-24
    assert f"{norms[0]:.2e}, {norms[1]:.2e}" in view.figure.description


@pytest.mark.parametrize("settings, word", [(dict(activation="sigmoid", init="xavier", depth=10), "vanishing"),
                                            (dict(activation="relu", init="he", depth=10), "healthy"),
                                            (dict(activation="relu", init=2.0, depth=10), "exploding")])
def test_flow_names_the_regime(settings, word):
    view = GradientFlowExplorer(**settings)
    assert view.state["kind"] == word and view.figure.title.startswith(word)
    assert word in view.readout.value


def test_flow_sweep_raises_and_warns_nothing():
    view = GradientFlowExplorer()
    for init in ("small", "xavier", "he", "scale"):
        view.controls["init"].value = init
        sweep(view, skip=("init",))


@pytest.mark.parametrize("depth, scale", [(40, 10.0), (60, 10.0), (30, 100.0)])
def test_finite_gradients_near_1e190_read_as_numbers_not_inf_or_nan(depth, scale):
    view = GradientFlowExplorer(depth=depth, activation="relu", init=scale)
    text = view.readout.value + view.figure.description + view.figure.title
    assert np.isfinite(view.state["norms"]).all() and view.state["norms"].max() > 1e100
    assert np.isfinite(view.state["ratio"]) and "inf" not in text and "nan" not in text
    assert number(view.state["norms"].max()) in view.readout.value          # 3.394×10¹²⁹: no "e+" to break at


def test_gradients_that_truly_overflow_say_so_without_a_nan():
    view = GradientFlowExplorer(depth=100, activation="relu", init=10.0)
    assert np.isinf(view.state["norms"]).all()
    assert "undefined (inf / inf)" in view.readout.value and "nan" not in view.readout.value
    assert "the gradients overflowed" in view.readout.value and "nan" not in view.figure.description


def test_the_title_writes_its_numbers_as_the_readout_does():
    """'7.4e-18' in the title beside '7.394×10⁻¹⁸' in the readout read as two notations: one is used."""
    view = GradientFlowExplorer(depth=20, activation="sigmoid", init="small")
    ratio = view.state["ratio"]
    assert view.state["kind"] == "vanishing" and ratio < 1e-10
    assert "e-" not in view.figure.title and "×10⁻" in view.figure.title
    assert number(float(f"{ratio:.1e}")) in view.figure.title and number(ratio) in view.readout.value
