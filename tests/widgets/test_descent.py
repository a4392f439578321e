"""DescentExplorer (widgets/descent.py), headless: the path is the core's gradient-descent steps."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from backprop.landscape import descent_example  # noqa: E402
from backprop.parameters import get_parameter, parameter_keys  # noqa: E402
from backprop.widgets import DescentExplorer  # noqa: E402

from _networks import a_move, assert_shows, learners_networks, move, play  # noqa: E402
from _views import marks, sweep  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


def core_descent(lr, start, steps):
    """The default descent, written with the core's Network directly: forward, backward, w ← w − lr·g."""
    net, X, y = descent_example()
    w, points, losses = np.array(start, dtype=float), [], []
    for _ in range(steps + 1):
        net.weights[1][0] = w
        grads = net.backward(net.forward(X), y)
        points.append(w), losses.append(net.loss(X, y))
        w = w - lr * grads.weights[1][0]
    return np.array(points), np.array(losses)


def test_descent_state_and_path_are_the_cores_steps():
    view = DescentExplorer()
    view.controls["lr"].value, view.controls["steps"].value = 0.5, 6
    view.controls["start_w1"].value, view.controls["start_w2"].value = 2.5, 2.0
    points, losses = core_descent(0.5, (2.5, 2.0), 6)
    np.testing.assert_allclose(view.state["path"], points, rtol=1e-10)
    np.testing.assert_allclose(view.state["losses"], losses, rtol=1e-10)
    assert view.state["final_loss"] == pytest.approx(losses[-1], rel=1e-10)
    assert view.state["steps_to_converge"] == "not converged"
    path, loss = marks(view, "line")
    np.testing.assert_allclose(np.c_[path["x"], path["y"]], points, rtol=1e-10)
    np.testing.assert_allclose(loss["y"], losses, rtol=1e-10)
    assert loss["x"] == list(range(7)) and marks(view, "points")[0]["x"] == [2.5]
    assert view.figure.title.startswith("crawling")
    assert f"from (w31, w32) = (2.500, 2.000) with loss {losses[0]:.4f}: 6 steps" in view.figure.description


def test_descent_says_diverged_in_words_and_stops_the_path():
    view = DescentExplorer(lr=3.0, steps=100)
    state = view.state
    assert state["steps_to_converge"] == "diverged" and state["steps_taken"] < 100
    assert "diverged at step" in view.figure.title and "too high" in view.readout.value
    assert len(marks(view, "line")[0]["x"]) == state["steps_taken"] + 1
    points, losses = core_descent(3.0, (-2.0, -2.5), state["steps_taken"])
    np.testing.assert_allclose(state["path"], points, rtol=1e-9)
    assert core_descent(3.0, (-2.0, -2.5), state["steps_taken"] + 1)[1][-1] > 1e3 * losses[0]


def test_descent_converges_with_a_counted_number_of_steps():
    view = DescentExplorer(lr=1.0)
    k = view.state["steps_to_converge"]
    points, _ = core_descent(1.0, (-2.0, -2.5), k)
    net, X, y = descent_example()
    norms = []
    for w in points:
        net.weights[1][0] = w
        norms.append(np.linalg.norm(net.backward(net.forward(X), y).weights[1]))
    assert norms[-1] < view.tol <= min(norms[:-1])


def test_descent_contours_are_the_loss_surface():
    view = DescentExplorer()
    net, X, y = descent_example()
    net.weights[1][0] = [view.w1[4], view.w2[7]]
    assert view.surface[7, 4] == pytest.approx(net.loss(X, y), rel=1e-12)
    contours = marks(view, "line", backdrop=True)
    assert len(contours) == 14 and sum(bool(c["x"]) for c in contours) >= 12   # a mark per level, sent once
    sent = view.figure.backdrop
    view.controls["lr"].value = 0.5
    assert view.figure.backdrop is sent or view.figure.backdrop == sent


def test_descent_sweep_raises_and_warns_nothing():
    sweep(DescentExplorer())


# ---- the learner's network, never an altered copy (issue 12) ----------------------
def test_descent_starts_at_the_learners_own_two_weights():
    net, X, y = descent_example()
    net.weights[1][0] = [5.0, -7.5]                          # beyond the usual ±3 of the map
    view = DescentExplorer(net, X, y)
    assert list(view.state["start"]) == [5.0, -7.5] and view.state["start_loss"] == net.loss(X, y)
    assert_shows(view.net, net, view.state["start_loss"], X, y)
    assert view.w1[0] <= 5.0 <= view.w1[-1] and view.w2[0] <= -7.5 <= view.w2[-1]   # the map holds the start
    assert view.controls["start_w1"].value == 5.0


def test_a_learning_rate_is_never_rounded_by_its_log_slider():
    view = DescentExplorer(lr=0.3, steps=5)
    slider = view.controls["lr"]
    slider.value = 10 ** (slider.min + round((np.log10(0.3) - slider.min) / slider.step) * slider.step)   # echo
    assert view.state["lr"] == 0.3
    net, X, y = descent_example()
    path = [np.array([-2.0, -2.5])]
    for _ in range(5):
        net.weights[1][0] = path[-1]
        path.append(path[-1] - 0.3 * net.backward(net.forward(X), y).weights[1][0])
    np.testing.assert_array_equal(view.state["path"], path)


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_the_view_shows_the_learners_network_and_changes_only_the_moved_entry(data):
    net, X, y = data.draw(learners_networks(n_examples=3))
    keys = data.draw(st.lists(st.sampled_from([key for _, key in parameter_keys(net)]), min_size=2, max_size=2,
                              unique=True))
    view = DescentExplorer(net, X, y, keys=keys)
    c = view.controls

    def act(event, expected):
        if event.startswith("start"):
            move(expected, keys[int(event[-1]) - 1], c[event], a_move(data.draw, c[event]))
        elif event == "lr":
            c["lr"].value = 10 ** (c["lr"].min + data.draw(st.integers(0, 80)) * c["lr"].step)
        else:
            c["steps"].value = data.draw(st.integers(1, c["steps"].max))
        assert list(view.state["start"]) == [get_parameter(expected, key) for key in keys]
    play(data, view, net, X, y, ["start_w1", "start_w2", "lr", "steps"], act, loss="start_loss")
