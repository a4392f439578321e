"""What a learner trial found in the live views: each refused with a clear message, or shown in words.

Never a raw numpy or Python traceback, a warning, or a silent wrong number.
"""
import gc
import re

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets  # noqa: E402
import pytest  # noqa: E402

from backprop.widgets import (BlameExplorer, CycleExplorer, DescentExplorer, GradientFlowExplorer,  # noqa: E402
                              LossExplorer, NeuronExplorer, NudgeExplorer, OverfittingExplorer, TrainingDashboard)
from backprop.widgets._readout import parameter_table, readout_table  # noqa: E402
from backprop.widgets.figures.style import number  # noqa: E402

from _views import every_view  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")
LIVE = widgets.widget._instances                  # every widget model with an open comm


# ---- 1. training that diverges before the first recorded epoch ------------------------------
@pytest.mark.parametrize("lr", [20, 100, 1e3])
def test_overfitting_explorer_says_in_words_that_training_diverged(lr):
    view = OverfittingExplorer(lr=lr, epochs=8)
    assert "diverged" in view.figure.description and "try lr=" in view.figure.description
    assert "diverged" in view.readout.value and "try lr=" in view.readout.value
    for n_train in (50, 100):                                    # the sliders keep working
        view.controls["n_train"].value = n_train
        assert "diverged" in view.figure.description


def test_overfitting_explorer_refuses_a_weight_decay_beyond_its_range():
    with pytest.raises(ValueError, match=r"weight_decay must be .*from 0 to 1; got 1e\+300"):
        OverfittingExplorer(weight_decay=1e300)


def test_overfitting_explorer_without_divergence_says_nothing_of_it():
    view = OverfittingExplorer(epochs=4)
    assert "diverged" not in view.figure.description and "diverged" not in view.readout.value


# ---- 2. a constructor argument beyond its slider's reach ----------------------------------
@pytest.mark.parametrize("make, name", [
    (lambda: NeuronExplorer(b=1e308), "b"),
    (lambda: NeuronExplorer(x=(1e308, 1e308)), "x"),
    (lambda: NeuronExplorer(w=(1e308, 0.1)), "w"),
    (lambda: BlameExplorer(sizes=[2, 3, 1], x=(1e308, 1e308)), "x"),
    (lambda: BlameExplorer(y=[1e308]), "y"),
    (lambda: BlameExplorer(lr=1e308), "lr"),
    (lambda: DescentExplorer(lr=1e300), "lr"),
    (lambda: DescentExplorer(start=(1e308, 0.0)), "start"),
    (lambda: DescentExplorer(w1_range=(-1e308, 1e308)), "w1_range"),
    (lambda: TrainingDashboard(lr=1e300), "lr"),
    (lambda: GradientFlowExplorer(scale=1e-300), "scale"),
    (lambda: GradientFlowExplorer(init=1e300), "init"),
])
def test_an_argument_no_slider_can_hold_is_refused_naming_it_and_the_range(make, name):
    with pytest.raises(ValueError, match=rf"^{name} must (be|lie) between \S+ and \S+") as error:
        make()
    assert "got" in str(error.value)


def test_a_large_argument_within_reach_still_works():
    view = NeuronExplorer(x=(1000.0, -1000.0), w=(3000.0, 3000.0), b=2000.0)
    assert view.controls["b"].exact == 2000.0 and view.state["z"] == pytest.approx(2000.0)
    assert BlameExplorer(sizes=[2, 3, 1], x=(5.0, -5.0)).controls["x1"].exact == 5.0


# ---- 3. sizes' message names sizes ---------------------------------------------------------
@pytest.mark.parametrize("sizes", [[2, -3, 1], [2], "2,3,1", [2, 0, 1]])
def test_blame_explorer_bad_sizes_message_names_sizes(sizes):
    with pytest.raises((TypeError, ValueError), match=r"^sizes must list") as error:
        BlameExplorer(sizes=sizes)
    assert "loss" not in str(error.value)


# ---- 4. huge values: divergence in words, a positive bounded nudge, no 100-digit numbers -----
def steps(view, n):
    for _ in range(n):
        view.step()
    return view


@pytest.mark.parametrize("lr", [1e6, 1e300])
def test_cycle_explorer_says_the_descent_diverged(lr):
    view = steps(CycleExplorer(lr=lr), 12)
    for text in (view.figure.description, view.readout.value):
        assert "diverged" in text and f"try lr={lr / 10:g}" in text
    assert "diverged" in view.figure.title and f"try lr={number(lr / 10)}" in view.figure.title   # as the readout
    longest = max(len(word) for mark in view.figure.marks if mark["type"] == "text" for word in mark["text"])
    assert longest < 40
    assert not re.search(r"\d{20}", view.figure.description + view.readout.value)


def test_cycle_explorer_at_its_usual_lr_says_nothing_of_divergence():
    view = steps(CycleExplorer(), 12)
    assert "diverged" not in view.figure.description and "diverged" not in view.readout.value
    steps(view, 0).reset()
    assert "diverged" not in view.readout.value


@pytest.mark.parametrize("dp", [1e300, -1, 0, 5.0])
def test_nudge_explorer_dp_must_be_a_small_positive_nudge(dp):
    with pytest.raises(ValueError, match=r"^dp must be a positive nudge, above 0 and at most 4"):
        NudgeExplorer(dp=dp)


def test_nudge_explorer_accepts_a_nudge_up_to_its_bound():
    assert NudgeExplorer(dp=4.0).state["dp"] == 4.0


def test_readouts_switch_to_powers_of_ten_for_large_magnitudes():
    nowrap = "<span class='bp-number' style='white-space:nowrap'>{}</span>"
    assert nowrap.format("1×10³⁰⁰") in readout_table([("C", 1e300)])
    assert "[" + ", ".join(map(nowrap.format, ["0.5", "1×10³⁰⁰"])) + "]" in readout_table([("v", [0.5, 1e300])])
    table = parameter_table([("w", 1e300, -2.5e7)])
    assert nowrap.format("+1×10³⁰⁰") in table and nowrap.format("−2.5×10⁷") in table and len(table) < 600


# ---- 5. no stray space before the semicolon ----------------------------------------------
@pytest.mark.parametrize("make", [lambda: NeuronExplorer(b=float("inf")), lambda: NudgeExplorer(dp=float("nan"))])
def test_a_finite_number_message_has_no_stray_space(make):
    with pytest.raises(ValueError) as error:
        make()
    assert " ;" not in str(error.value) and "must be a finite number; got" in str(error.value)


# ---- 6. a train_epoch that changes nothing ----------------------------------------------
def test_dashboard_says_when_train_epoch_changed_no_weight():
    view = TrainingDashboard(hidden=4, epochs=2, train_epoch=lambda net, epoch: None)
    view.train(blocking=True)
    words = "your train_epoch changed no weight in epoch 1 — does it update network.weights"
    assert words in view.readout.value and words in view.figure.description


def test_dashboard_says_nothing_of_it_when_train_epoch_trains():
    def train_epoch(net, epoch):
        net.weights[0] -= 0.01
    view = TrainingDashboard(hidden=4, epochs=2, train_epoch=train_epoch)
    view.train(blocking=True)
    assert "changed no weight" not in view.readout.value


# ---- 7. closing a view releases every widget it made ------------------------------------
def widgets_alive():
    gc.collect()
    return sum(isinstance(o, widgets.Widget) for o in gc.get_objects())


@pytest.mark.parametrize("make", every_view())
def test_closing_a_view_fifty_times_leaves_no_widget_open_or_held(make):
    make().close()                                   # anything made once per process (first import) is made
    open_before, alive_before, kept = len(LIVE), widgets_alive(), []
    for _ in range(50):
        view = make()
        view.close()
        kept.append(view)                            # as Out[] keeps a displayed view
    del view
    assert len(LIVE) == open_before
    assert widgets_alive() - alive_before <= 2 * len(kept)    # a closed view holds only itself and its layout
    assert all(v.controls == {} and v.readout is None and v.figure is None for v in kept)
    kept.clear()
    assert widgets_alive() == alive_before
