"""backprop.explore against hand-worked numbers, finite differences and independent networks."""
import math

import numpy as np
import pytest

from backprop import Network
from backprop import blame, data, explore, parameters

KEY_W2 = ("weights", 1, 0, 0)        # w⁽²⁾₁₁, note 003's w31


def sig(z):
    return 1.0 / (1.0 + math.exp(-z))


def hand_worked():
    """Note 003's example worked by hand, with math only."""
    z1, z2 = 0.4 * 0.5 + 0.3 * 0.1 + 0.1, 0.6 * 0.5 + 0.9 * 0.1 + 0.2
    h1, h2 = sig(z1), sig(z2)
    z3 = 0.5 * h1 + 0.7 * h2 + 0.3
    out = sig(z3)
    d3 = (out - 0.6) * out * (1 - out)
    d1, d2 = d3 * 0.5 * h1 * (1 - h1), d3 * 0.7 * h2 * (1 - h2)
    return dict(z1=z1, z2=z2, h1=h1, h2=h2, z3=z3, out=out, loss=0.5 * (out - 0.6) ** 2, d1=d1, d2=d2, d3=d3,
                dW1=[[d1 * 0.5, d1 * 0.1], [d2 * 0.5, d2 * 0.1]], dW2=[[d3 * h1, d3 * h2]])


def test_worked_example_matches_the_hand_computation():
    net, x, y = data.worked_example()
    h = hand_worked()
    trace = net.forward(x)
    grads = net.backward(trace, y)
    assert h["z1"] == pytest.approx(0.33) and h["z2"] == pytest.approx(0.59)
    np.testing.assert_allclose(trace.z[1][0], [h["z1"], h["z2"]], rtol=1e-12)
    np.testing.assert_allclose(trace.a[2][0, 0], h["out"], rtol=1e-12)
    assert net.loss(x, y) == pytest.approx(h["loss"], rel=1e-12)
    np.testing.assert_allclose(grads.weights[0], h["dW1"], rtol=1e-10)
    np.testing.assert_allclose(grads.weights[1], h["dW2"], rtol=1e-10)
    np.testing.assert_allclose(grads.biases[0], [h["d1"], h["d2"]], rtol=1e-10)
    assert data.WORKED_LR == 0.1


def test_one_step_on_the_worked_example_lowers_the_loss():
    net, x, y = data.worked_example()
    before = net.loss(x, y)
    net.step(net.backward(net.forward(x), y), data.WORKED_LR)
    assert net.weights[1][0, 0] == pytest.approx(0.5 - 0.1 * hand_worked()["dW2"][0][0])
    assert net.loss(x, y) < before


@pytest.mark.parametrize("activation, f, prime", [
    ("sigmoid", sig, lambda z: sig(z) * (1 - sig(z))),
    ("tanh", math.tanh, lambda z: 1 - math.tanh(z) ** 2),
    ("relu", lambda z: max(z, 0.0), lambda z: float(z > 0)),
    ("identity", lambda z: z, lambda z: 1.0)])
def test_neuron_by_hand(activation, f, prime):
    for x, w, b in [((0.5, 0.1), (0.4, 0.3), 0.1), ((-1.0, 0.7, 0.2), (2.0, -3.0, 0.5), -0.4)]:
        z = sum(xi * wi for xi, wi in zip(x, w)) + b
        out = explore.neuron(x, w, b, activation)
        assert out["z"] == pytest.approx(z, abs=1e-12)
        assert out["a"] == pytest.approx(f(z), abs=1e-12)
        assert out["da_dz"] == pytest.approx(prime(z), abs=1e-12)
        np.testing.assert_allclose(out["terms"], [xi * wi for xi, wi in zip(x, w)])


def test_activation_curve_and_tangent():
    z = np.linspace(-3, 3, 7)
    a, slope = explore.activation_curve("tanh", z)
    np.testing.assert_allclose(a, np.tanh(z))
    np.testing.assert_allclose(slope, (np.tanh(z + 1e-6) - np.tanh(z - 1e-6)) / 2e-6, rtol=1e-6)
    np.testing.assert_allclose(explore.tangent(1.0, 2.0, -0.5, [0.0, 1.0, 3.0]), [2.5, 2.0, 1.0])


@pytest.mark.parametrize("loss, value, slope", [
    ("half_squared_error", lambda p, t: 0.5 * (p - t) ** 2, lambda p, t: p - t),
    ("squared_error", lambda p, t: (p - t) ** 2, lambda p, t: 2 * (p - t)),
    ("cross_entropy", lambda p, t: -t * math.log(p) - (1 - t) * math.log(1 - p),
     lambda p, t: -t / p + (1 - t) / (1 - p)),
    ("binary_cross_entropy", lambda p, t: -t * math.log(p) - (1 - t) * math.log(1 - p),
     lambda p, t: -t / p + (1 - t) / (1 - p))])
def test_output_loss_by_hand(loss, value, slope):
    y_hat = np.array([0.05, 0.3, 0.7391, 0.95])
    for t in (0.0, 0.6, 1.0):
        C, dC = explore.output_loss(loss, y_hat, t)
        np.testing.assert_allclose(C, [value(p, t) for p in y_hat], rtol=1e-12)
        np.testing.assert_allclose(dC, [slope(p, t) for p in y_hat], rtol=1e-12)
        h = 1e-6                                  # and the slope is the derivative of the value
        up, _ = explore.output_loss(loss, y_hat + h, t)
        down, _ = explore.output_loss(loss, y_hat - h, t)
        np.testing.assert_allclose(dC, (up - down) / (2 * h), rtol=1e-5, atol=1e-8)


def test_squared_slope_is_twice_the_half_squared_slope():
    _, half = explore.output_loss("half_squared_error", 0.8, 0.6)
    _, full = explore.output_loss("squared_error", 0.8, 0.6)
    assert float(full) == pytest.approx(2 * float(half)) and float(half) == pytest.approx(0.2)


def test_parameter_keys_labels_and_access():
    net, _, _ = data.worked_example()
    keys = parameters.parameter_keys(net)
    assert len(keys) == sum(p.size for p in net.parameters()) == 9
    labels = dict((key, label) for label, key in keys)
    assert labels[("weights", 0, 1, 0)] == "w⁽¹⁾₂₁" and labels[KEY_W2] == "w⁽²⁾₁₁"
    assert labels[("biases", 1, 0)] == "b⁽²⁾₁"
    assert parameters.get_parameter(net, ("weights", 0, 1, 0)) == 0.6
    parameters.set_parameter(net, ("biases", 0, 1), -0.25)
    assert net.biases[0][1] == -0.25


def test_loss_along_one_parameter_equals_separate_networks():
    net, x, y = data.worked_example()
    values = [-1.0, 0.5, 2.0]
    losses = explore.loss_along(net, x, y, ("weights", 0, 1, 1), values)
    for value, loss in zip(values, losses):
        W1 = [[0.4, 0.3], [0.6, value]]
        other = Network.from_parameters([W1, [[0.5, 0.7]]], [[0.1, 0.2], [0.3]])
        assert loss == pytest.approx(other.loss(x, y), rel=1e-12)
    assert net.weights[0][1, 1] == 0.9                     # the network itself is untouched


def test_chain_factors_of_note_003s_output_weight_by_hand():
    net, x, y = data.worked_example()
    h = hand_worked()
    f = explore.chain_factors(net, x, y, KEY_W2)
    assert f["dC_da"] == pytest.approx(h["out"] - 0.6)
    assert f["da_dz"] == pytest.approx(h["out"] * (1 - h["out"]))
    assert f["dz_dp"] == pytest.approx(h["h1"])
    assert f["product"] == pytest.approx(h["dW2"][0][0]) and f["gradient"] == pytest.approx(h["dW2"][0][0])
    hidden = explore.chain_factors(net, x, y, ("biases", 0, 1))
    assert hidden["dz_dp"] == 1.0 and hidden["dC_da"] == pytest.approx(h["d3"] * 0.7)


@pytest.mark.parametrize("sizes, activation", [([2, 2, 1], "sigmoid"), ([3, 4, 4, 2], "tanh")])
def test_chain_factors_multiply_to_the_finite_difference_gradient(sizes, activation):
    net = Network(sizes, activation, output_activation="sigmoid", seed=3)
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=sizes[0]), rng.uniform(size=(1, sizes[-1]))
    for _, key in parameters.parameter_keys(net):
        f = explore.chain_factors(net, x, y, key)
        up, down = (explore.loss_along(net, x, y, key, [parameters.get_parameter(net, key) + s * 1e-6])[0]
                    for s in (1, -1))
        assert f["product"] == pytest.approx((up - down) / 2e-6, rel=1e-5, abs=1e-10)
        assert f["product"] == pytest.approx(f["gradient"], rel=1e-12, abs=1e-15)


def test_chain_factors_refuse_a_batch_and_softmax():
    net, x, y = data.worked_example()
    with pytest.raises(ValueError, match="one example"):
        explore.chain_factors(net, np.vstack([x, x]), np.vstack([y, y]), KEY_W2)
    soft = Network([2, 3], "sigmoid", output_activation="softmax", loss="cross_entropy")
    with pytest.raises(ValueError, match="element-wise"):
        explore.chain_factors(soft, [0.1, 0.2], [[0, 1, 0]], ("weights", 0, 0, 0))


def test_nudge_actual_and_predicted_change():
    net, x, y = data.worked_example()
    grad = hand_worked()["dW2"][0][0]
    actual, predicted = explore.nudge(net, x, y, KEY_W2, 0.3)
    moved = Network.from_parameters([[[0.4, 0.3], [0.6, 0.9]], [[0.8, 0.7]]], [[0.1, 0.2], [0.3]])
    assert actual == pytest.approx(moved.loss(x, y) - hand_worked()["loss"], rel=1e-12)
    assert predicted == pytest.approx(grad * 0.3)
    small, small_predicted = explore.nudge(net, x, y, KEY_W2, 1e-4)
    assert abs(small - small_predicted) < 1e-8 < abs(actual - predicted)   # linear for small nudges only


def test_blame_is_revealed_from_the_output_back():
    assert blame.revealed_layers(3, 0) == []
    assert blame.revealed_layers(3, 1) == [3]
    assert blame.revealed_layers(3, 2) == [3, 2]
    assert blame.revealed_layers(3, 9) == [3, 2, 1]
    net = Network([3, 4, 4, 1], "tanh", output_activation="sigmoid")
    grads = net.backward(net.forward([0.1, 0.2, 0.3]), [[0.5]])
    shown = blame.reveal_blame(grads, 2)
    assert shown.delta[0] is None and shown.delta[1] is None and shown.weights[0] is None
    assert shown.delta[2] is grads.delta[2] and shown.weights[2] is grads.weights[2]
    assert shown.biases[1] is grads.biases[1]
    everything = blame.reveal_blame(grads, 3)
    assert all(g is not None for g in everything.weights + everything.biases + everything.delta[1:])
