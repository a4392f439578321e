"""backprop.flow (lib/flow.py; named apart from tests/widgets/test_flow.py, which tests the view): gradient norms per layer."""
import numpy as np
import pytest

from backprop.flow import EXPLODING, HUGE, TINY, VANISHING, Flow, deep_network, gradient_flow, probe_batch

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


def test_an_overflow_is_reported_as_exploding_not_warned():
    X, y = probe_batch(width=256)
    flow = gradient_flow(deep_network(30, "identity", 1000.0, width=256), X, y)
    assert np.isinf(flow.norms).any() and flow.kind == "exploding"
