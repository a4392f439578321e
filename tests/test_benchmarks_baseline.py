"""The benchmark compares like with like: the per-example loop and the peers do the core's maths.

No timing here (timings live in benchmarks/); these tests check that the
baseline's gradients and training steps equal the core's, and that the
scikit-learn and PyTorch configurations have the same layers, activation,
loss, batch size and learning rate, by taking one step from the same weights.
"""
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from backprop import Network

try:
    from benchmarks import baseline, peers, training
except ModuleNotFoundError:      # plain `pytest` (not `python -m pytest`) leaves the repo root off sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks import baseline, peers, training

RNG = np.random.default_rng(7)
X = RNG.random((23, 64))
LABELS = np.r_[np.arange(10), RNG.integers(0, 10, 13)]   # every class present, as sklearn needs
ONE_HOT = np.eye(10)[LABELS]


@pytest.fixture
def net():
    """The benchmark's network with non-zero biases, so bias gradients are exercised too."""
    net = training.new_network(seed=3)
    net.biases = [RNG.normal(0, 0.5, b.shape) for b in net.biases]
    return net


def test_example_gradients_match_the_core_for_one_example(net):
    nabla_w, nabla_b = baseline.example_gradients(net.weights, net.biases, X[4], ONE_HOT[4])
    grads = net.backward(net.forward(X[4:5]), LABELS[4:5])
    for mine, core in zip(nabla_w + nabla_b, grads.weights + grads.biases):
        np.testing.assert_allclose(mine, core, rtol=1e-12, atol=1e-15)


def test_batch_gradients_summed_per_example_equal_the_core_batch_mean(net):
    grad_w, grad_b = baseline.batch_gradients(net.weights, net.biases, X, ONE_HOT)
    grads = net.backward(net.forward(X), LABELS)
    for mine, core in zip(grad_w + grad_b, grads.weights + grads.biases):
        assert mine.shape == core.shape
        np.testing.assert_allclose(mine, core, rtol=1e-10, atol=1e-14)


def test_gradients_are_not_trivially_equal(net):
    """Guard: a wrong loss (e.g. no softmax) would change the baseline's gradients."""
    grad_w, _ = baseline.batch_gradients(net.weights, net.biases, X, ONE_HOT)
    other = Network(training.SIZES, "sigmoid", "sigmoid", "half_squared_error", seed=3)
    other.weights, other.biases = net.weights, net.biases
    assert not np.allclose(grad_w[-1], other.backward(other.forward(X), ONE_HOT).weights[-1])


def test_per_example_training_follows_the_core_fit_step_for_step(net):
    start = net.copy()
    weights, biases = baseline.fit_per_example(start.weights, start.biases, X, LABELS,
                                               epochs=2, batch_size=5, lr=0.5, seed=11)
    net.fit(X, LABELS, epochs=2, batch_size=5, lr=0.5, seed=11)
    for mine, core in zip(weights + biases, net.weights + net.biases):
        np.testing.assert_allclose(mine, core, rtol=1e-9, atol=1e-12)
    assert not np.allclose(weights[0], start.weights[0])          # it did train


def test_sklearn_configuration_matches_the_benchmark():
    model = peers.sklearn_model(batch_size=10, lr=0.5, epochs=7)
    p = model.get_params()
    assert p["hidden_layer_sizes"] == tuple(training.SIZES[1:-1])
    assert (p["activation"], p["solver"], p["learning_rate"]) == ("logistic", "sgd", "constant")
    assert (p["batch_size"], p["learning_rate_init"], p["max_iter"]) == (10, 0.5, 7)
    assert (p["momentum"], p["nesterovs_momentum"], p["alpha"], p["early_stopping"]) == (0.0, False, 0.0, False)
    assert p["shuffle"] and p["n_iter_no_change"] > p["max_iter"]


def test_sklearn_runs_every_epoch_without_leaking_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = peers.fit_sklearn(peers.sklearn_model(batch_size=5, lr=0.5, epochs=3), X, LABELS)
    assert model.n_iter_ == 3
    assert [c.shape for c in model.coefs_] == [(64, 32), (32, 10)]
    assert model.out_activation_ == "softmax"


def test_sklearn_takes_the_same_step_as_the_core_from_the_same_weights(net):
    model = peers.fit_sklearn(peers.sklearn_model(batch_size=len(X), lr=0.5, epochs=1), X, LABELS)
    model.set_params(warm_start=True, shuffle=False)               # one full-batch step from our weights
    model.coefs_ = [W.T.copy() for W in net.weights]
    model.intercepts_ = [b.copy() for b in net.biases]
    peers.fit_sklearn(model, X, LABELS)
    net.step(net.backward(net.forward(X), LABELS), lr=0.5)
    for theirs, core in zip(model.coefs_, net.weights):
        np.testing.assert_allclose(theirs.T, core, rtol=1e-10, atol=1e-13)


def test_torch_takes_the_same_steps_as_the_core_from_the_same_weights(net):
    pytest.importorskip("torch")
    model = peers.torch_model(net, "float64")
    assert [type(m).__name__ for m in model] == ["Linear", "Sigmoid", "Linear"]
    peers.fit_torch(model, X, LABELS, epochs=2, batch_size=len(X), lr=0.5)   # full batch: order is irrelevant
    for _ in range(2):
        net.step(net.backward(net.forward(X), LABELS), lr=0.5)
    for theirs, core in zip([model[0].weight, model[2].weight, model[0].bias, model[2].bias],
                            net.weights + net.biases):
        np.testing.assert_allclose(theirs.detach().numpy(), core, rtol=1e-10, atol=1e-13)


def test_torch_accuracy_agrees_with_the_core_on_the_same_weights(net):
    pytest.importorskip("torch")
    assert peers.torch_accuracy(peers.torch_model(net, "float64"), X, LABELS) == net.accuracy(X, LABELS)
