"""Every view constructor checks its arguments (with backprop.checks): a wrong type, shape, length or range
is a ValueError or TypeError that names the argument and says what was expected and what was given,
never numpy's words ("ufunc", "broadcast", "operands") nor a KeyError. Numbers become float64."""
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from backprop import Network  # noqa: E402
from backprop.landscape import descent_example  # noqa: E402
from backprop.widgets import (BlameExplorer, DescentExplorer, GradientFlowExplorer, LossExplorer,  # noqa: E402
                              NeuronExplorer, NudgeExplorer, OverfittingExplorer, TrainingDashboard)

pytestmark = pytest.mark.filterwarnings("error")
NUMPY_WORDS = re.compile("ufunc|broadcast|operands", re.IGNORECASE)
_, X16, Y16 = descent_example()
NUDGE_DATA, DESCENT_DATA = {"x": [0.5, 0.1], "y": [0.6]}, {"X": X16, "y": Y16}

NOT_A_NUMBER = [None, "0.1", "abc", float("nan"), float("inf"), -float("inf"), [0.1], [], {"a": 1}, 1 + 2j, True,
                np.array([0.1, 0.2]), object()]
BAD = {
    "number": st.one_of(st.sampled_from(NOT_A_NUMBER), st.text(max_size=4), st.lists(st.floats(), min_size=2)),
    "positive": st.sampled_from(NOT_A_NUMBER + [0, 0.0, -1, -1e-9]) | st.floats(max_value=0.0),
    "whole": st.sampled_from(NOT_A_NUMBER + [-1, 2.5, 3.0, np.float64(2.0), "3"]),
    "choice": st.sampled_from([None, 3, "nonsense", "", ["sigmoid"], ("relu",), {"tanh": 1}]) | st.text(max_size=3),
    "network": st.sampled_from(["net", [2, 2, 1], 3, None, {"weights": 1}, np.zeros(3), Network]),
    "key": st.sampled_from(["w11", 3, ("weights", 9, 0, 0), ("biases", 0), ("weights", -1, 0, 0),
                            ("weights", 0.5, 0, 0), ["weights"], ("bias", 0, 0), ("weights", 0, 5, 0)]),
    "sizes": st.sampled_from(["2,1", [2], [0, 1], [2.5, 1], [100, 1], 5, [[2, 1]], [2, None], [True, 1],
                              list(range(1, 13))]),
    "flat2": st.one_of(st.sampled_from([None, "0.5", [0.5], [0.5, 0.1, 0.2], [[0.5, 0.1]], [float("nan"), 0.1],
                                        [float("inf"), 0.0], ["a", "b"], [None, 1.0], {"x": 1}, [1 + 2j, 0],
                                        [[1, 2], [3]], [], np.zeros((2, 2))]),
                       st.lists(st.floats(-1, 1), min_size=3, max_size=5)),
    "example2": st.sampled_from([None, "0.5", [0.5], [0.5, 0.1, 0.2], [[0.5, 0.1], [0.2, 0.3]], [float("nan"), 0.1],
                                 ["a", "b"], [None, 1.0], [[1, 2], [3]], [], [1 + 2j, 0]]),
    "example1": st.sampled_from([None, "0.6", [0.6, 0.1], [[0.6], [0.2]], [float("nan")], ["a"], [], [None]]),
    "y_hat": st.sampled_from(NOT_A_NUMBER + [0.0, 1.0, 1.5, -0.2, 0.001]),
    "target": st.sampled_from(NOT_A_NUMBER + [1.5, -0.5, 2]),
    "fraction": st.sampled_from(NOT_A_NUMBER + [1.0, 1.5, -0.1]),
    "pair": st.sampled_from([None, "ab", (float("nan"), 1.0), (1.0, float("inf")), (1.0,), (1, 2, 3), 5, ("a", 1)]),
    "span": st.sampled_from([None, "ab", (3.0, -3.0), (1.0, 1.0), (float("nan"), 1.0), (1.0,), (1, 2, 3), 5]),
    "names": st.sampled_from([None, "ab", ("a",), (1, 2), ("a", "b", "c"), 5]),
    "data_X": st.sampled_from([None, "abc", [[1.0, 2.0, 3.0]], [[float("nan"), 0.5]], [[1, 2], [3]], [],
                               np.zeros((16, 3)), [["a", "b"]]]),
    "data_y": st.sampled_from([None, "abc", [1.0, 2.0, 3.0], np.full((16, 1), np.nan), np.zeros((16, 2))]),
    "keys": st.sampled_from(["w", 3, None, [("weights", 9, 0, 0), ("weights", 1, 0, 1)],
                             [("weights", 1, 0, 0)] * 2, [("weights", 1, 0, 0)], ("weights", 1, 0, 0)]),
    "init": st.sampled_from([None, "nonsense", -1.0, 0, float("nan"), [1.0], True]),
}
BIG = {"whole": {"depth": 101, "width": 257, "steps": 1001, "grid": 202, "n_train": 10 ** 6, "n_test": 10 ** 6,
                 "every": 41, "hidden": 10 ** 6, "batch_size": 10 ** 6, "epochs": 10 ** 6}}
CASES = [  # (view, argument, kind, other arguments it needs)
    (NeuronExplorer, "x", "flat2", {}), (NeuronExplorer, "w", "flat2", {}), (NeuronExplorer, "b", "number", {}),
    (NeuronExplorer, "activation", "choice", {}),
    (LossExplorer, "y_hat", "y_hat", {}), (LossExplorer, "y", "target", {}), (LossExplorer, "loss", "choice", {}),
    (NudgeExplorer, "net", "network", NUDGE_DATA), (NudgeExplorer, "x", "example2", {}),
    (NudgeExplorer, "y", "example1", {}), (NudgeExplorer, "parameter", "key", {}),
    (NudgeExplorer, "dp", "number", {}),
    (BlameExplorer, "sizes", "sizes", {}), (BlameExplorer, "activation", "choice", {}),
    (BlameExplorer, "loss", "choice", {}), (BlameExplorer, "x", "example2", {}), (BlameExplorer, "y", "example1", {}),
    (BlameExplorer, "lr", "positive", {}), (BlameExplorer, "seed", "whole", {}),
    (BlameExplorer, "net", "network", {}),
    (DescentExplorer, "net", "network", DESCENT_DATA), (DescentExplorer, "X", "data_X", {}),
    (DescentExplorer, "y", "data_y", {}), (DescentExplorer, "keys", "keys", {}), (DescentExplorer, "start", "pair", {}),
    (DescentExplorer, "lr", "positive", {}), (DescentExplorer, "steps", "whole", {}),
    (DescentExplorer, "w1_range", "span", {}), (DescentExplorer, "w2_range", "span", {}),
    (DescentExplorer, "tol", "positive", {}), (DescentExplorer, "grid", "whole", {}),
    (DescentExplorer, "names", "names", {}),
    (GradientFlowExplorer, "depth", "whole", {}), (GradientFlowExplorer, "activation", "choice", {}),
    (GradientFlowExplorer, "init", "init", {}), (GradientFlowExplorer, "scale", "positive", {}),
    (GradientFlowExplorer, "width", "whole", {}), (GradientFlowExplorer, "seed", "whole", {}),
    (OverfittingExplorer, "n_train", "whole", {}), (OverfittingExplorer, "weight_decay", "number", {}),
    (OverfittingExplorer, "dropout", "fraction", {}), (OverfittingExplorer, "epochs", "whole", {}),
    (OverfittingExplorer, "lr", "positive", {}), (OverfittingExplorer, "hidden", "whole", {}),
    (OverfittingExplorer, "n_test", "whole", {}), (OverfittingExplorer, "every", "whole", {}),
    (OverfittingExplorer, "seed", "whole", {}),
    (TrainingDashboard, "hidden", "whole", {}), (TrainingDashboard, "activation", "choice", {}),
    (TrainingDashboard, "lr", "positive", {}), (TrainingDashboard, "batch_size", "whole", {}),
    (TrainingDashboard, "epochs", "whole", {}), (TrainingDashboard, "seed", "whole", {}),
]
NONE_MEANS_DEFAULT = {(NudgeExplorer, "net"), (NudgeExplorer, "x"), (NudgeExplorer, "y"), (NudgeExplorer, "parameter"),
                      (BlameExplorer, "net"), (DescentExplorer, "net"), (LossExplorer, "y_hat"), (LossExplorer, "y"),
                      (DescentExplorer, "start"), (DescentExplorer, "X"), (DescentExplorer, "y"), (BlameExplorer, "x"),
                      (BlameExplorer, "y"), (OverfittingExplorer, "every")}
VALID_CHOICES = {"sigmoid", "tanh", "relu", "identity", "softmax", "half_squared_error", "squared_error",
                 "cross_entropy", "small", "xavier", "he", "scale"}


def bad_arguments():
    """(view, argument, a wrong value for it, other arguments): ``None`` only where it does not mean 'the default'."""
    def values(case):
        view, name, kind, _ = case
        big = BIG.get(kind, {}).get(name)
        strategy = BAD[kind] if big is None else BAD[kind] | st.just(big)
        return strategy.filter(lambda v: not (v is None and (view, name) in NONE_MEANS_DEFAULT)
                               and not (isinstance(v, str) and v in VALID_CHOICES))
    return st.sampled_from(CASES).flatmap(lambda case: st.tuples(st.just(case), values(case)))


def assert_refused(view, name, value, others):
    with pytest.raises((TypeError, ValueError)) as refused:
        view(**{**others, name: value})
    message = str(refused.value)
    assert re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", message), f"{view.__name__}({name}=…): {message}"
    assert not NUMPY_WORDS.search(message), f"{view.__name__}({name}={value!r}): {message}"
    return message


@settings(max_examples=200, deadline=None)
@given(case=bad_arguments())
def test_a_wrong_argument_is_refused_by_name_with_what_to_do(case):
    (view, name, _, others), value = case
    assert_refused(view, name, value, others)


@pytest.mark.parametrize("view, name, value, others", [
    (BlameExplorer, "x", (0.5,), {"sizes": [2, 1]}),                        # was KeyError: 'x2'
    (BlameExplorer, "x", (0.5, 0.1, 0.2), {"sizes": [2, 1]}),               # was a slider that did nothing
    (NudgeExplorer, "x", (0.5, 0.1, 0.2), {}),
    (NeuronExplorer, "b", "0.1", {}),                                       # was numpy's ufunc 'clip' error
    (NeuronExplorer, "x", [[0.5, 0.1]], {"w": [[0.4, 0.3]]}),               # was "x has 2 values, w has 2"
    (NeuronExplorer, "x", (0.5, 0.1, 0.2), {}),
    (NudgeExplorer, "parameter", 3, {}),
    (BlameExplorer, "net", Network([2, 1]), {"sizes": [2, 1]}),
    (BlameExplorer, "net", Network([64, 10]), {}),
])
def test_the_slips_seen_in_class_are_refused_by_name(view, name, value, others):
    message = assert_refused(view, name, value, others)
    assert re.search(r"\bmust\b|\bgive\b", message) and "got" in message      # what was expected, what was given


def test_a_value_beyond_a_sliders_usual_range_widens_it_and_is_kept():
    view = NeuronExplorer(x=(5, 0.1), w=(0.4, -7.5), b=12)
    assert list(view.state["x"]) == [5.0, 0.1] and list(view.state["w"]) == [0.4, -7.5] and view.state["b"] == 12.0
    assert view.state["z"] == 5 * 0.4 + 0.1 * -7.5 + 12
    assert view.controls["x1"].max >= 5 and view.controls["w2"].min <= -7.5 and view.controls["b"].max >= 12
    assert OverfittingExplorer(n_train=30, weight_decay=0.002, dropout=0.25, epochs=4).state["n_train"] == 30
    assert GradientFlowExplorer(depth=40, scale=20.0, init="scale").state["depth"] == 40


def test_lists_ints_and_float32_become_float64():
    w = np.array([0.5, 0.25], dtype=np.float32)
    view = NeuronExplorer(x=[1, 0], w=w, b=np.float32(0.1))
    assert view.state["x"].dtype == view.state["w"].dtype == np.float64 and isinstance(view.state["b"], float)
    assert list(view.state["w"]) == [0.5, 0.25] and view.state["b"] == float(np.float32(0.1))
    nudge = NudgeExplorer(Network([2, 2, 1]), x=[1, 0], y=[np.float32(0.5)])
    assert nudge.x.dtype == nudge.y.dtype == np.float64 and nudge.x.tolist() == [[1.0, 0.0]]
    blame = BlameExplorer([2, 1], x=(1, 0), y=[np.float32(0.5)], lr=1)
    assert blame.state["x"].dtype == np.float64 and blame.state["lr"] == 1.0 and isinstance(blame.state["lr"], float)
    descent = DescentExplorer(Network([2, 2, 1]), X16.astype(np.float32), Y16.astype(int).tolist())
    assert descent.X.dtype == descent.y.dtype == np.float64
