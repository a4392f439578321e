"""Note 003's 2-2-1 worked example, computed by hand formulas here and compared with the core."""
import math

import numpy as np
import pytest

from backprop import Network

X, Y, LR = (0.5, 0.1), 0.6, 0.1
W11, W12, W21, W22, W31, W32 = 0.4, 0.3, 0.6, 0.9, 0.5, 0.7
B1, B2, B3 = 0.1, 0.2, 0.3


def s(z):
    return 1.0 / (1.0 + math.exp(-z))


def by_hand():
    """Every number of the example with scalar arithmetic only (no numpy, no core)."""
    x1, x2 = X
    h = {}
    h["z1"] = W11 * x1 + W12 * x2 + B1
    h["z2"] = W21 * x1 + W22 * x2 + B2
    h["h1"], h["h2"] = s(h["z1"]), s(h["z2"])
    h["z3"] = W31 * h["h1"] + W32 * h["h2"] + B3
    h["y_hat"] = s(h["z3"])
    h["loss"] = 0.5 * (h["y_hat"] - Y) ** 2
    h["dL_dyhat"] = h["y_hat"] - Y
    h["sigma_prime_z3"] = h["y_hat"] * (1 - h["y_hat"])
    h["delta3"] = h["dL_dyhat"] * h["sigma_prime_z3"]
    h["dw31"], h["dw32"], h["db3"] = h["delta3"] * h["h1"], h["delta3"] * h["h2"], h["delta3"]
    h["delta1"] = h["delta3"] * W31 * h["h1"] * (1 - h["h1"])
    h["delta2"] = h["delta3"] * W32 * h["h2"] * (1 - h["h2"])
    h["dw11"], h["dw12"], h["db1"] = h["delta1"] * x1, h["delta1"] * x2, h["delta1"]
    h["dw21"], h["dw22"], h["db2"] = h["delta2"] * x1, h["delta2"] * x2, h["delta2"]
    return h


@pytest.fixture
def net():
    return Network.from_parameters([[[W11, W12], [W21, W22]], [[W31, W32]]], [[B1, B2], [B3]])


def test_forward_matches_hand_formulas(net):
    h, trace = by_hand(), net.forward(X)
    assert trace.z[1][0] == pytest.approx([h["z1"], h["z2"]], abs=1e-15)
    assert trace.a[1][0] == pytest.approx([h["h1"], h["h2"]], abs=1e-15)
    assert trace.z[2][0, 0] == pytest.approx(h["z3"], abs=1e-15)
    assert trace.y_hat[0, 0] == pytest.approx(h["y_hat"], abs=1e-15)
    assert net.loss(X, Y) == pytest.approx(h["loss"], abs=1e-15)


def test_forward_matches_numbers_worked_on_paper(net):
    trace = net.forward(X)
    assert trace.z[1][0] == pytest.approx([0.33, 0.59], abs=1e-12)
    assert trace.a[1][0] == pytest.approx([0.581759, 0.643365], abs=1e-6)
    assert trace.y_hat[0, 0] == pytest.approx(0.739088, abs=1e-6)
    assert net.loss(X, Y) == pytest.approx(0.009673, abs=1e-6)


def test_every_gradient_matches_hand_formulas(net):
    h, grads = by_hand(), net.backward(net.forward(X), Y)
    assert grads.delta[2][0, 0] == pytest.approx(h["delta3"], abs=1e-15)
    assert grads.delta[1][0] == pytest.approx([h["delta1"], h["delta2"]], abs=1e-15)
    assert grads.weights[1][0] == pytest.approx([h["dw31"], h["dw32"]], abs=1e-15)
    assert grads.biases[1] == pytest.approx([h["db3"]], abs=1e-15)
    assert grads.weights[0].ravel() == pytest.approx([h["dw11"], h["dw12"], h["dw21"], h["dw22"]], abs=1e-15)
    assert grads.biases[0] == pytest.approx([h["db1"], h["db2"]], abs=1e-15)
    assert h["delta3"] == pytest.approx(0.026821, abs=1e-6)


def test_every_updated_weight_matches_hand_formulas(net):
    h = by_hand()
    net.step(net.backward(net.forward(X), Y), LR)
    assert net.weights[0].ravel() == pytest.approx(
        [W11 - LR * h["dw11"], W12 - LR * h["dw12"], W21 - LR * h["dw21"], W22 - LR * h["dw22"]], abs=1e-15)
    assert net.weights[1][0] == pytest.approx([W31 - LR * h["dw31"], W32 - LR * h["dw32"]], abs=1e-15)
    assert net.biases[0] == pytest.approx([B1 - LR * h["db1"], B2 - LR * h["db2"]], abs=1e-15)
    assert net.biases[1] == pytest.approx([B3 - LR * h["db3"]], abs=1e-15)
    assert net.loss(X, Y) < h["loss"]


def test_squared_error_convention_doubles_every_gradient(net):
    half = net.backward(net.forward(X), Y)
    full_net = Network.from_parameters(net.weights, net.biases, loss="squared_error")
    full = full_net.backward(full_net.forward(X), Y)
    for g_half, g_full in zip(half.weights + half.biases, full.weights + full.biases):
        np.testing.assert_allclose(g_full, 2 * g_half, rtol=1e-14)
    assert full_net.loss(X, Y) == pytest.approx(2 * net.loss(X, Y))
