"""Analytic gradients against float64 centred finite differences."""
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from backprop import Network, gradient_check, numerical_gradients
from backprop.activations import HIDDEN_ACTIVATIONS

HIDDEN = list(HIDDEN_ACTIVATIONS)         # a new hidden activation is checked here without an edit
SETUPS = [("half_squared_error", None), ("squared_error", None), ("squared_error", "identity"),
          ("half_squared_error", "softmax"), ("cross_entropy", "softmax"), ("binary_cross_entropy", "sigmoid")]


def random_problem(seed, sizes, activation, loss, output_activation, n):
    """A network and a batch drawn from ``seed``; targets suit the loss."""
    rng = np.random.default_rng(seed)
    net = Network(sizes, activation=activation, output_activation=output_activation, loss=loss,
                  init=0.8, seed=seed)
    for b in net.biases:
        b[:] = rng.normal(0, 0.5, b.shape)
    X = rng.normal(0, 1.0, (n, sizes[0]))
    if loss == "cross_entropy":
        y = rng.integers(0, sizes[-1], n)
    else:
        y = rng.uniform(0, 1, (n, sizes[-1]))
    return net, X, y


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 10_000), sizes=st.lists(st.integers(1, 6), min_size=2, max_size=5),
       activation=st.sampled_from(HIDDEN), setup=st.sampled_from(SETUPS), n=st.integers(1, 5))
def test_backward_matches_finite_differences(seed, sizes, activation, setup, n):
    loss, output_activation = setup
    if output_activation == "softmax":
        assume(sizes[-1] >= 2)
    net, X, y = random_problem(seed, sizes, activation, loss, output_activation, n)
    trace = net.forward(X)       # ReLU has a kink at 0: keep the finite differences off it
    assume(all(np.min(np.abs(z - f.kink)) > 1e-2 for z, f in zip(trace.z[1:], net.activations) if f.kink is not None))
    grads = net.backward(trace, y)   # a vanished gradient leaves only rounding noise to compare
    assume(min(np.linalg.norm(g) for g in grads.weights + grads.biases) > 1e-5)
    assert gradient_check(net, X, y) < 1e-7


def test_backward_matches_a_hand_written_finite_difference_loop():
    net = Network([3, 4, 2], activation="tanh", output_activation="sigmoid", seed=3)
    X = np.random.default_rng(0).normal(size=(5, 3))
    y = np.random.default_rng(1).uniform(size=(5, 2))
    grads = net.backward(net.forward(X), y)
    h = 1e-6
    for analytic, param in zip(grads.weights + grads.biases, net.weights + net.biases):
        numeric = np.zeros_like(param)
        for i in np.ndindex(param.shape):
            keep = param[i]
            param[i] = keep + h
            up = np.mean(0.5 * np.sum((net.forward(X).y_hat - y) ** 2, axis=1))
            param[i] = keep - h
            down = np.mean(0.5 * np.sum((net.forward(X).y_hat - y) ** 2, axis=1))
            param[i] = keep
            numeric[i] = (up - down) / (2 * h)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-10)


def test_gradient_check_catches_a_wrong_backward():
    net = Network([2, 3, 1], seed=0)
    X, y = np.array([[0.2, -0.4], [1.0, 0.5]]), np.array([[0.3], [0.9]])
    good = gradient_check(net, X, y)
    numeric = numerical_gradients(net, X, y)
    grads = net.backward(net.forward(X), y)
    wrong = np.linalg.norm(2 * grads.weights[0] - numeric[0]) / (
        np.linalg.norm(2 * grads.weights[0]) + np.linalg.norm(numeric[0]))
    assert good < 1e-9 and wrong > 0.1


def test_batch_gradient_is_the_mean_of_per_example_gradients():
    net = Network([4, 5, 3], activation="relu", output_activation="softmax", loss="cross_entropy", seed=2)
    X = np.random.default_rng(5).normal(size=(6, 4))
    y = np.array([0, 2, 1, 1, 0, 2])
    batch = net.backward(net.forward(X), y)
    singles = [net.backward(net.forward(X[i]), y[i:i + 1]) for i in range(6)]
    for l in range(2):
        np.testing.assert_allclose(batch.weights[l], np.mean([g.weights[l] for g in singles], axis=0), atol=1e-15)
        np.testing.assert_allclose(batch.biases[l], np.mean([g.biases[l] for g in singles], axis=0), atol=1e-15)
        np.testing.assert_allclose(batch.delta[l + 1], np.vstack([g.delta[l + 1] for g in singles]), atol=1e-15)


def test_dropout_gradients_match_finite_differences_for_a_fixed_mask():
    net = Network([3, 5, 2], activation="tanh", seed=4)
    X, y = np.random.default_rng(2).normal(size=(4, 3)), np.random.default_rng(3).uniform(size=(4, 2))
    trace = net.forward(X, dropout=0.4, rng=np.random.default_rng(9))
    grads = net.backward(trace, y)
    mask = trace.masks[1]
    W0 = net.weights[0]

    def loss_with_mask():
        a1 = np.tanh(X @ net.weights[0].T + net.biases[0]) * mask
        y_hat = np.tanh(a1 @ net.weights[1].T + net.biases[1])      # output_activation defaults to tanh too
        return np.mean(0.5 * np.sum((y_hat - y) ** 2, axis=1))

    i, h = (2, 1), 1e-6
    keep = W0[i]
    W0[i] = keep + h
    up = loss_with_mask()
    W0[i] = keep - h
    down = loss_with_mask()
    W0[i] = keep
    assert grads.weights[0][i] == pytest.approx((up - down) / (2 * h), rel=1e-6)
