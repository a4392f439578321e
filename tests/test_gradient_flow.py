"""backprop.flow (lib/flow.py; named apart from tests/widgets/test_flow.py, which tests the view): gradient norms per layer."""
import math

import numpy as np
import pytest

from backprop.flow import EXPLODING, HUGE, TINY, VANISHING, Flow, deep_network, gradient_flow, norm, probe_batch

pytestmark = pytest.mark.filterwarnings("error")

HAND_PRIMES = {"sigmoid": lambda a: a * (1 - a), "tanh": lambda a: 1 - a ** 2,
               "relu": lambda a: (a > 0).astype(float)}
HAND_FUNCTIONS = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh, "relu": lambda z: np.maximum(z, 0)}


def hand_norms(net, X, y, activation):
    """‖dC/dW‖ per layer for C = mean ½(ŷ − y)², hidden ``activation`` and a linear output, by hand."""
    f, prime = HAND_FUNCTIONS[activation], HAND_PRIMES[activation]
    a = [X]
    for l, (W, b) in enumerate(zip(net.weights, net.biases)):
        z = a[-1] @ W.T + b
        a.append(z if l == len(net.weights) - 1 else f(z))
    delta, norms = a[-1] - y, []
    for l in range(len(net.weights) - 1, -1, -1):
        norms.append(np.linalg.norm(delta.T @ a[l] / len(X)))
        if l:
            delta = (delta @ net.weights[l]) * prime(a[l])
    return norms[::-1]


@pytest.mark.parametrize("activation, init", [("sigmoid", "xavier"), ("tanh", 0.3), ("relu", "he")])
def test_norms_equal_backprop_by_hand(activation, init):
    X, y = probe_batch(width=6, n=10, seed=3)
    net = deep_network(4, activation, init, width=6, seed=3)
    np.testing.assert_allclose(gradient_flow(net, X, y).norms, hand_norms(net, X, y, activation), rtol=1e-10)


def test_deep_network_has_the_asked_shape_and_scale():
    net = deep_network(5, "tanh", 0.7, width=40)
    assert net.sizes == [40] * 6 + [1] and net.output_activation.name == "identity"
    assert np.std(np.concatenate([W.ravel() for W in net.weights[:-1]])) == pytest.approx(0.7, rel=0.05)


@pytest.mark.parametrize("activation, init, kind", [
    ("sigmoid", "xavier", "vanishing"),          # σ' ≤ 0.25 at every layer
    ("relu", "he", "healthy"),
    ("tanh", "xavier", "healthy"),
    ("relu", 1.0, "exploding"),                  # std 1 instead of He's 0.25: ×4 per layer
    ("relu", "small", "vanishing"),              # std 0.1: every signal shrinks
])
def test_the_three_regimes_of_lesson_08(activation, init, kind):
    X, y = probe_batch()
    flow = gradient_flow(deep_network(10, activation, init), X, y)
    assert flow.kind == kind and flow.verdict.startswith(kind)
    assert flow.ratio == pytest.approx(flow.norms[0] / flow.norms[-1])


def test_kind_follows_the_stated_thresholds():
    assert Flow(np.array([0.5 * VANISHING, 1.0])).kind == "vanishing"
    assert Flow(np.array([0.5 * TINY, 0.5 * TINY])).kind == "vanishing"
    assert Flow(np.array([2 * EXPLODING * 0.1, 0.1])).kind == "exploding"
    assert Flow(np.array([1.0, 2 * HUGE])).kind == "exploding"
    assert Flow(np.array([0.5, 1.0, 2.0])).kind == "healthy"


def test_huge_finite_gradients_are_reported_as_exploding_not_warned():
    X, y = probe_batch(width=256)
    flow = gradient_flow(deep_network(30, "identity", 1000.0, width=256), X, y)   # gradients ~1e256: finite
    assert np.isfinite(flow.norms).all() and flow.norms.max() > 1e250 and flow.kind == "exploding"


# ---- overflow-safe norms ------------------------------------------------------------------------
@pytest.mark.parametrize("exponent", [-320, -200, -150, 0, 100, 150, 155, 190, 250, 300, 307])
@pytest.mark.parametrize("shape", [(1,), (3, 4), (32, 32)])
def test_norm_is_math_hypot_for_every_scale(exponent, shape):
    g = np.random.default_rng(len(shape)).normal(size=shape) * 10.0 ** exponent
    assert norm(g) == pytest.approx(math.hypot(*g.ravel()), rel=1e-13, abs=0)
    assert np.isfinite(norm(g)) or math.isinf(math.hypot(*g.ravel()))


def test_norm_of_zeros_and_of_what_is_not_finite():
    assert norm(np.zeros((2, 3))) == 0.0 and norm(np.zeros(0)) == 0.0
    assert norm([1.0, np.inf]) == np.inf and norm([np.nan, 1.0]) == np.inf and norm([3.0, -4.0]) == 5.0


@pytest.mark.parametrize("activation", ["relu", "identity", "tanh"])
@pytest.mark.parametrize("depth, scale", [(10, 3.0), (20, 10.0), (40, 10.0), (40, 100.0), (40, 1000.0), (60, 10.0),
                                          (30, 30.0)])
def test_finite_gradients_give_finite_norms_and_ratio_at_every_depth_and_scale(activation, depth, scale):
    X, y = probe_batch()
    net = deep_network(depth, activation, scale)
    with np.errstate(over="ignore", invalid="ignore"):
        grads = net.backward(net.forward(X), y)
    flow = gradient_flow(net, X, y)
    expected = [math.hypot(*g.ravel()) for g in grads.weights]      # exact to rounding, never overflows
    finite = all(np.isfinite(g).all() for g in grads.weights) and all(np.isfinite(expected))
    assert finite                      # every case here: gradients up to ~1e304, finite
    np.testing.assert_allclose(flow.norms, expected, rtol=1e-12)
    assert np.isfinite(flow.ratio) and flow.ratio == pytest.approx(expected[0] / expected[-1], rel=1e-12)
    assert "nan" not in flow.verdict and "inf" not in flow.verdict


def test_gradients_around_1e190_are_reported_as_numbers():
    X, y = probe_batch()
    flow = gradient_flow(deep_network(60, "relu", 10.0), X, y)
    assert 1e185 < flow.norms.max() < 1e200 and flow.kind == "exploding"
    assert "gradient norms up to 1.7e+192; layer 1 gets 2.0e-01 ×" in flow.verdict


def test_gradients_that_truly_overflow_are_named_without_a_nan():
    X, y = probe_batch()
    flow = gradient_flow(deep_network(100, "relu", 10.0), X, y)
    assert np.isinf(flow.norms).all() and flow.kind == "exploding"
    assert flow.verdict.startswith("exploding: the gradients overflowed (beyond 1.8e+308) in layer(s) 1, 2, 3")
    assert "nan" not in flow.verdict
