"""benchmarks/backward.py: its twin is the loop Network._backward replaced, computing the same gradients, so
the bench compares two ways of writing one thing."""
import numpy as np
import pytest

from backprop import Network
from benchmarks import backward


@pytest.mark.parametrize("case", backward.CASES, ids=[c[0] for c in backward.CASES])
def test_the_twin_gives_the_cores_gradients(case):
    net, trace, Y = backward.problem(*case[1:])
    new, old = net._backward(trace, Y), backward.earlier_backward(net, trace, Y)
    for a, b in zip(new.weights, old.weights):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(new.biases + new.delta[1:], old.biases + old.delta[1:]):
        np.testing.assert_allclose(a, b, rtol=1e-13, atol=1e-300)     # a mean against a row of 1/n times delta


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu", "identity"])
def test_the_twin_agrees_under_dropout_too(hidden):
    net = Network([4, 6, 5, 3], hidden, "softmax", "cross_entropy", seed=3)
    X, y = np.random.default_rng(3).normal(size=(9, 4)), np.arange(9) % 3
    trace = net.forward(X, dropout=0.3, rng=np.random.default_rng(1))
    assert any(m is not None for m in trace.masks)
    Y = net.targets(y, 9)
    new, old = net._backward(trace, Y), backward.earlier_backward(net, trace, Y)
    for a, b in zip(new.parameters(), old.parameters()):
        np.testing.assert_allclose(a, b, rtol=1e-13, atol=1e-15)


def test_a_ratio_is_the_two_medians_measured_in_turns():
    new, old, ratio = backward.ratio(backward.CASES[0], rounds=1, calls=2)
    assert new > 0 and old > 0 and ratio == pytest.approx(new / old)
