"""backprop.network: a trace belongs to one forward pass, step refuses a blow-up in words,
parameters set by hand become float64, and softmax + cross-entropy works from the logits."""
import warnings

import numpy as np
import pytest

from backprop import Network, sigmoid
from backprop.data import worked_example
from backprop.explore import output_loss
from backprop.parameters import get_parameter, set_parameter


@pytest.fixture(autouse=True)
def _warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_a_trace_keeps_its_own_inputs():
    net, x, y = worked_example()
    X = x.copy()
    trace = net.forward(X)
    X[0, 0] = 9.0                                       # the learner edits X after forward
    np.testing.assert_array_equal(net.backward(trace, y).weights[0], net.backward(net.forward(x), y).weights[0])


@pytest.mark.parametrize("change", ["step", "edit in place", "assign"])
def test_a_trace_taken_before_the_parameters_changed_is_refused(change):
    net, x, y = worked_example()
    trace = net.forward(x)
    if change == "step":
        net.step(net.backward(trace, y), 0.1)
    elif change == "edit in place":
        net.weights[0][0, 1] += 0.01
    else:
        net.biases = [np.zeros(2), np.zeros(1)]
    with pytest.raises(ValueError, match=r"changed since this trace was taken .* run trace = net.forward\(X\) again"):
        net.backward(trace, y)


def test_a_trace_of_another_network_is_refused_in_words():
    net, x, y = worked_example()
    with pytest.raises(ValueError, match=r"comes from a network of sizes \[2, 3, 1\], not this one \(\[2, 2, 1\]\)"):
        net.backward(Network([2, 3, 1]).forward(x), y)
    same_shape = Network([2, 2, 1], seed=3)
    with pytest.raises(ValueError, match="stale"):
        net.backward(same_shape.forward(x), y)


def test_a_hand_written_step_loop_that_blows_up_says_so_and_keeps_the_last_finite_network():
    net = Network.from_parameters([[[0.5]]], [[0.0]], activation="identity")
    x, y = [[10.0]], [[0.0]]
    with pytest.raises(ValueError, match=r"inf or NaN.* lr=1 is too high.* try lr=0.1") as caught:
        for _ in range(200):
            net.step(net.backward(net.forward(x), y), lr=1.0)
    assert "ufunc" not in str(caught.value)
    assert all(np.all(np.isfinite(p)) for p in net.parameters())


def test_parameters_put_in_by_hand_become_float64_before_any_helper_reads_them():
    net, x, y = worked_example()
    net.weights[0] = [[1, 2], [3, 4]]                   # ints, as a nested list
    net.biases[1] = np.array([0.5], dtype=np.float32)
    assert get_parameter(net, ("weights", 0, 1, 0)) == 3.0
    set_parameter(net, ("weights", 0, 1, 0), 0.25)
    assert net.weights[0].dtype == np.float64 and net.weights[0][1, 0] == 0.25
    assert net.biases[1].dtype == np.float64 and net.biases[1][0] == 0.5
    with pytest.raises(ValueError, match=r"weights\[1\] must have shape \(1, 2\); got \(2, 1\) — did you transpose"):
        net.weights[1] = np.ones((2, 1))
        net.forward(x)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, np.longdouble])
def test_sigmoid_gives_no_warning_for_any_float_dtype(dtype):
    z = np.array([-1e4, -100.0, -30.0, 0.0, 30.0, 100.0], dtype=dtype)
    out = sigmoid(z)
    assert out[3] == 0.5 and out[-1] == 1.0 and 0.0 <= out[0] < 1e-4 and np.all(np.isfinite(out))
    assert np.all(np.diff(out.astype(float)) >= 0)


def test_softmax_cross_entropy_is_computed_from_the_logits():
    net = Network.from_parameters([np.eye(2)], [np.zeros(2)], "identity", "softmax", "cross_entropy")
    x = np.array([[1000.0, 0.0]])
    assert net.loss(x, [1]) == pytest.approx(1000.0, rel=1e-12)          # not log(1e-12) = 27.63
    assert net.loss(x, [0]) == pytest.approx(0.0, abs=1e-300)
    grads = net.backward(net.forward(x), [1])
    np.testing.assert_allclose(grads.delta[1], [[1.0, -1.0]])             # δ = ŷ − y


def test_softmax_cross_entropy_delta_matches_finite_differences_of_the_logits():
    net = Network.from_parameters([np.eye(3)], [np.zeros(3)], "identity", "softmax", "cross_entropy")
    z, y, h = np.array([[0.3, -1.2, 2.0]]), [2], 1e-6
    numeric = [(net.loss(z + h * e, y) - net.loss(z - h * e, y)) / (2 * h) for e in np.eye(3)]
    np.testing.assert_allclose(net.backward(net.forward(z), y).delta[1][0], numeric, atol=1e-9)


def test_a_loss_view_that_sets_y_hat_still_reads_cross_entropy_from_y_hat():
    loss, slope = output_loss("cross_entropy", np.array([0.8]), 1.0)
    assert loss[0] == pytest.approx(-np.log(0.8)) and slope[0] == pytest.approx(-1 / 0.8)
