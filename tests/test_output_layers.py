"""Every output layer's δ is the gradient of its own loss (float64 centred finite differences) for every
target it accepts, and what cannot be learnt is refused: a softmax over one unit, a negative softmax
target, binary cross-entropy targets outside 0..1. Binary cross-entropy is exact for large |z|."""
import decimal

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from backprop import Network, gradient_check
from backprop.activations import HIDDEN_ACTIVATIONS, softmax

pytestmark = [pytest.mark.filterwarnings("error::RuntimeWarning"),   # numpy's overflow, invalid, divide …
              pytest.mark.filterwarnings("error::UserWarning"), pytest.mark.filterwarnings("error::DeprecationWarning")]
HIDDEN = list(HIDDEN_ACTIVATIONS)         # a new hidden activation is checked here without an edit


def centred_difference(f, x, h=1e-6):
    """∂f/∂x for every entry of the float64 array x, (f(x + h) − f(x − h)) / 2h."""
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i] += h
        down[i] -= h
        g[i] = (f(up) - f(down)) / (2 * h)
    return g


# ---- a softmax over one output unit ------------------------------------------------------------
@pytest.mark.parametrize("loss", ["cross_entropy", "half_squared_error", "squared_error"])
@pytest.mark.parametrize("sizes", [[1, 1], [3, 1], [4, 5, 1], [2, 3, 3, 1]])
def test_a_softmax_over_one_unit_is_refused_pointing_to_binary_cross_entropy(sizes, loss):
    with pytest.raises(ValueError) as error:
        Network(sizes, output_activation="softmax", loss=loss)
    message = str(error.value)
    assert "softmax over one output unit always outputs 1" in message
    assert "output_activation='sigmoid'" in message and "loss='binary_cross_entropy'" in message


def test_a_softmax_over_one_unit_is_refused_from_parameters_too():
    with pytest.raises(ValueError, match="softmax over one output unit"):
        Network.from_parameters([np.ones((1, 2))], [np.zeros(1)], output_activation="softmax", loss="cross_entropy")


# ---- softmax with cross-entropy: targets -------------------------------------------------------
def target_rows(rng, n, k, kind):
    """Rows of ``kind``: distributions (δ = ŷ − y) and rows of other sums (δ = (Σy)·ŷ − y)."""
    labels = np.eye(k)[rng.integers(0, k, n)]
    return {"one-hot": labels, "smoothed": 0.9 * labels + 0.1 / k,                  # label smoothing ε = 0.1
            "dirichlet": rng.dirichlet(np.ones(k), n),
            "nearly": rng.dirichlet(np.ones(k), n) * (1 + rng.uniform(-1e-9, 1e-9, (n, 1))),
            "multi-hot": np.maximum(labels, np.eye(k)[rng.integers(0, k, n)]),
            "all zero": np.zeros((n, k)), "any sum": rng.uniform(0, 3, (n, k)) * (rng.random((n, k)) < 0.7)}[kind]


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 10_000), sizes=st.lists(st.integers(1, 5), min_size=1, max_size=3),
       k=st.integers(2, 5), n=st.integers(1, 5),
       kind=st.sampled_from(["one-hot", "smoothed", "dirichlet", "nearly", "multi-hot", "all zero", "any sum"]),
       activation=st.sampled_from(HIDDEN), scale=st.sampled_from([0.3, 1.0, 3.0]))
def test_softmax_cross_entropy_delta_is_the_gradient_of_its_loss_for_every_target_row(seed, sizes, k, n, kind,
                                                                                      activation, scale):
    rng = np.random.default_rng(seed)
    net = Network(sizes + [k], activation=activation, output_activation="softmax", loss="cross_entropy",
                  init=scale, seed=seed)
    X, Y = rng.normal(size=(n, sizes[0])), target_rows(rng, n, k, kind)
    trace = net.forward(X)
    grads = net.backward(trace, Y)
    z = trace.z[-1]                                  # δ = ∂C/∂z itself, against C read from z
    numeric = centred_difference(lambda zz: net.output.cost(zz, softmax(zz), Y), z) * n
    rounding = 1e-8 * max(1.0, n * abs(net.output.cost(z, trace.a[-1], Y)))   # eps·C/h of the difference
    np.testing.assert_allclose(grads.delta[-1], numeric, rtol=1e-6, atol=rounding)
    assume(all(np.min(np.abs(z - f.kink)) > 1e-2 for z, f in zip(trace.z[1:], net.activations) if f.kink is not None))
    assume(min(np.linalg.norm(g) for g in grads.parameters()) > 1e-5)
    assert gradient_check(net, X, Y) < 1e-7


def test_a_multi_hot_row_gets_its_true_gradient_not_y_hat_minus_y():
    net = Network.from_parameters([np.zeros((3, 1))], [np.zeros(3)], output_activation="softmax",
                                  loss="cross_entropy")
    delta = net.backward(net.forward([[1.0]]), [[1.0, 1.0, 0.0]]).delta[-1]
    np.testing.assert_allclose(delta, [[2 / 3 - 1, 2 / 3 - 1, 2 / 3]])          # (Σy)·ŷ − y with ŷ = ⅓ each
    assert not np.allclose(delta, np.full(3, 1 / 3) - [1.0, 1.0, 0.0])
    assert net.backward(net.forward([[1.0]]), [[0.0, 0.0, 0.0]]).delta[-1].tolist() == [[0.0, 0.0, 0.0]]


@pytest.mark.parametrize("Y, row", [
    ([[0.5, 0.5, 0.0], [1.5, -0.5, 0.0]], 1),         # sums to 1 with a negative entry
    ([[-1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], 0),
    ([[0.0, 1.0, 0.0], [0.0, 1.0, -1e-12]], 1),
])
def test_a_negative_softmax_target_is_refused_everywhere(Y, row):
    net, X = Network([2, 3, 3], output_activation="softmax", loss="cross_entropy"), np.ones((2, 2))
    for call in (lambda: net.backward(net.forward(X), Y), lambda: net.loss(X, Y), lambda: gradient_check(net, X, Y),
                 lambda: net.fit(X, Y, epochs=1, batch_size=1)):
        with pytest.raises(ValueError) as error:
            call()
        message = str(error.value)
        assert message.startswith("y must be ≥ 0 for loss='cross_entropy'") and f"got row {row}:" in message


def test_class_labels_and_one_hot_rows_stay_accepted():
    net, X = Network([2, 3, 3], output_activation="softmax", loss="cross_entropy"), np.ones((3, 2))
    assert net.loss(X, [0, 2, 1]) == net.loss(X, np.eye(3)[[0, 2, 1]])


# ---- binary cross-entropy with sigmoid outputs -------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), sizes=st.lists(st.integers(1, 5), min_size=1, max_size=3),
       n_out=st.integers(1, 4), n=st.integers(1, 5), labels=st.booleans(),
       activation=st.sampled_from(HIDDEN), scale=st.sampled_from([0.3, 1.0, 3.0]))
def test_binary_cross_entropy_gradients_match_finite_differences(seed, sizes, n_out, n, labels, activation, scale):
    rng = np.random.default_rng(seed)
    net = Network(sizes + [n_out], activation=activation, output_activation="sigmoid",
                  loss="binary_cross_entropy", init=scale, seed=seed)
    X = rng.normal(size=(n, sizes[0]))
    Y = rng.integers(0, 2, (n, n_out)).astype(float) if labels else rng.uniform(0, 1, (n, n_out))
    trace = net.forward(X)
    assume(all(np.min(np.abs(z - f.kink)) > 1e-2 for z, f in zip(trace.z[1:], net.activations) if f.kink is not None))
    grads = net.backward(trace, Y)
    assume(min(np.linalg.norm(g) for g in grads.parameters()) > 1e-5)
    assert gradient_check(net, X, Y) < 1e-7


@pytest.mark.parametrize("z", [-800.0, -200.0, -40.0, -5.0, -0.3, 0.0, 0.7, 6.0, 40.0, 200.0, 800.0, 1e6])
@pytest.mark.parametrize("y", [0.0, 1.0, 0.25])
def test_binary_cross_entropy_is_exact_from_z_also_for_large_magnitudes(z, y):
    net = Network([1, 1], output_activation="sigmoid", loss="binary_cross_entropy")
    Z = np.array([[z]])
    a = net.output_activation(Z)
    with decimal.localcontext() as context:      # log(1 + e^z) − y·z with the digits e^−|z| needs (up to 1000)
        context.prec = 60 + int(min(abs(z), 1000) / 2.3)
        Dz = decimal.Decimal(z)
        exact = float((1 + Dz.exp()).ln() - decimal.Decimal(y) * Dz)
    assert net.output.cost(Z, a, np.array([[y]])) == pytest.approx(exact, rel=1e-14, abs=1e-300)
    slope = centred_difference(lambda zz: net.output.cost(zz, net.output_activation(zz), np.array([[y]])), Z,
                               h=1e-6 * max(1.0, abs(z)))[0, 0]
    assert net.output.delta(Z, a, np.array([[y]]))[0, 0] == pytest.approx(slope, rel=1e-6, abs=1e-9)


def test_a_confident_wrong_answer_costs_its_full_logit():
    net = Network.from_parameters([np.array([[1000.0]])], [np.zeros(1)], output_activation="sigmoid",
                                  loss="binary_cross_entropy")
    assert net.loss([[1.0]], [[0.0]]) == pytest.approx(1000.0) and net.loss([[-1.0]], [[1.0]]) == pytest.approx(1000.0)
    assert net.loss([[1.0]], [[1.0]]) == pytest.approx(0.0, abs=1e-300)


@pytest.mark.parametrize("output_activation", ["identity", "softmax", "tanh", "relu"])
def test_binary_cross_entropy_needs_a_sigmoid_output(output_activation):
    with pytest.raises(ValueError, match="loss='binary_cross_entropy' needs output_activation='sigmoid'"):
        Network([2, 2], output_activation=output_activation, loss="binary_cross_entropy")


@pytest.mark.parametrize("y", [[[1.5]], [[-0.1]], [[2.0]]])
def test_binary_cross_entropy_refuses_targets_outside_0_to_1(y):
    net = Network([2, 1], output_activation="sigmoid", loss="binary_cross_entropy")
    with pytest.raises(ValueError, match=r"y must be numbers from 0 to 1 for loss='binary_cross_entropy'"):
        net.loss(np.ones((1, 2)), y)


def test_binary_cross_entropy_learns_two_classes():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2))
    y = (X[:, 0] + X[:, 1] > 0).astype(float)[:, None]
    net = Network([2, 4, 1], activation="tanh", output_activation="sigmoid", loss="binary_cross_entropy", seed=1)
    history = net.fit(X, y, epochs=30, batch_size=20, lr=0.5)
    assert history.epoch_loss[-1] < 0.2 * history.epoch_loss[0] and history.verdict == "finished"
