"""backprop.landscape against a second formulation: with a linear output the loss over w31, w32 is a
quadratic bowl, so its values, gradient-descent path and divergence threshold (lr > 2/λmax) follow by hand."""
import numpy as np
import pytest

from backprop import Network
from backprop.landscape import (OUTPUT_WEIGHTS, curvature, descent_example, descent_path, get_parameter,
                                loss_and_gradient, loss_surface, lowest_point, set_parameter, steps_to_converge)

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def bowl():
    """The example, plus its hidden activations a (n, 2), output bias b3 and Hessian H = aᵀa / n, by hand."""
    net, X, y = descent_example()
    W1, b1 = net.weights[0], net.biases[0]
    a = 1.0 / (1.0 + np.exp(-(X @ W1.T + b1)))
    return net, X, y, a, net.biases[1][0], a.T @ a / len(X)


def hand_loss(bowl, w):
    _, _, y, a, b3, _ = bowl
    return np.mean(0.5 * (a @ w + b3 - y[:, 0]) ** 2)


def hand_gradient(bowl, w):
    _, _, y, a, b3, _ = bowl
    return a.T @ (a @ w + b3 - y[:, 0]) / len(a)


def test_surface_is_the_loss_at_every_grid_point(bowl):
    net, X, y = bowl[:3]
    w1, w2 = np.linspace(-3, 3, 7), np.linspace(-2, 1, 4)
    surface = loss_surface(net, X, y, OUTPUT_WEIGHTS, w1, w2)
    expected = [[hand_loss(bowl, np.array([a, b])) for a in w1] for b in w2]
    np.testing.assert_allclose(surface, expected, rtol=1e-12)
    assert net.weights[1].tolist() == [[-2.0, 2.0]]           # the network itself is left alone


def test_gradient_of_any_parameter_matches_finite_differences(bowl):
    net, X, y = bowl[:3]
    keys = (("weights", 0, 1, 0), ("biases", 1, 0))
    loss, grad = loss_and_gradient(net, X, y, keys)
    assert loss == pytest.approx(net.loss(X, y), rel=1e-12)
    for key, g in zip(keys, grad):
        probe, h, p = net.copy(), 1e-6, get_parameter(net, key)
        set_parameter(probe, key, p + h)
        up = probe.loss(X, y)
        set_parameter(probe, key, p - h)
        assert g == pytest.approx((up - probe.loss(X, y)) / (2 * h), rel=1e-6)


def test_path_follows_w_minus_lr_times_gradient(bowl):
    net, X, y = bowl[:3]
    path = descent_path(net, X, y, OUTPUT_WEIGHTS, (-2.0, -2.5), lr=0.7, steps=8, tol=1e-9)
    w, points = np.array([-2.0, -2.5]), []
    for _ in range(9):
        points.append(w)
        w = w - 0.7 * hand_gradient(bowl, w)
    np.testing.assert_allclose(path.points, points, rtol=1e-10)
    np.testing.assert_allclose(path.losses, [hand_loss(bowl, p) for p in points], rtol=1e-10)
    np.testing.assert_allclose(path.grad_norms, [np.linalg.norm(hand_gradient(bowl, p)) for p in points], rtol=1e-10)
    assert path.steps == 8 and path.converged_at is None and path.diverged_at is None


def test_converged_at_is_the_first_step_with_a_small_gradient(bowl):
    net, X, y = bowl[:3]
    path = descent_path(net, X, y, OUTPUT_WEIGHTS, (-2.0, -2.5), lr=1.0, steps=100, tol=1e-2)
    w, norms = np.array([-2.0, -2.5]), []
    while not norms or norms[-1] >= 1e-2:
        norms.append(np.linalg.norm(hand_gradient(bowl, w)))
        w = w - hand_gradient(bowl, w)
    assert path.converged_at == len(norms) - 1 == path.steps
    assert path.verdict == f"converged in {path.converged_at} steps"


def test_divergence_starts_where_lr_passes_two_over_the_largest_curvature(bowl):
    net, X, y, _, _, H = bowl
    lr_edge = 2.0 / np.linalg.eigvalsh(H).max()
    below = descent_path(net, X, y, OUTPUT_WEIGHTS, (-2.0, -2.5), lr=0.97 * lr_edge, steps=400)
    above = descent_path(net, X, y, OUTPUT_WEIGHTS, (-2.0, -2.5), lr=1.03 * lr_edge, steps=400)
    assert below.diverged_at is None and below.converged_at is not None and below.overshoots > 0
    assert "zig-zag" in below.verdict
    assert above.diverged_at is not None and above.verdict.startswith(f"diverged at step {above.diverged_at}")
    assert "too high" in above.verdict
    assert above.losses[-1] <= 1e3 * above.losses[0]           # stopped before the blow-up point


def test_a_huge_rate_stops_at_once_without_overflow(bowl):
    net, X, y = bowl[:3]
    path = descent_path(net, X, y, OUTPUT_WEIGHTS, (-2.0, -2.5), lr=1e12, steps=100)
    assert path.diverged_at == 1 and path.steps == 0
    assert np.all(np.isfinite(path.points))


@pytest.mark.parametrize("lr, word", [(0.05, "crawling"), (1.0, "converged in"), (2.0, "zig-zagging"),
                                      (3.0, "diverged")])
def test_the_example_shows_all_four_behaviours_in_fifty_steps(bowl, lr, word):
    net, X, y = bowl[:3]
    assert word in descent_path(net, X, y, OUTPUT_WEIGHTS, (-2.0, -2.5), lr, 50).verdict


def test_a_loss_that_only_grows_is_called_diverging():
    net = Network.from_parameters([[[1.0]]], [[0.0]], "identity", "identity")
    X, y = np.array([[1.0]]), np.array([[0.0]])
    path = descent_path(net, X, y, (("weights", 0, 0, 0), ("biases", 0, 0)), (1.0, 0.0), lr=1.1, steps=3)
    assert path.diverged_at is None and path.verdict.startswith("diverging: the loss grew")


def test_lowest_point_reads_the_grid():
    surface = np.array([[3.0, 2.0, 5.0], [4.0, 0.5, 1.0]])
    assert lowest_point(np.array([10.0, 20.0, 30.0]), np.array([-1.0, 1.0]), surface) == (20.0, 1.0, 0.5)


def test_curvature_is_the_hand_hessian_of_the_bowl_anywhere(bowl):
    net, X, y, _, _, H = bowl
    for at in [(-2.0, -2.5), (0.0, 0.0), (1.5, -0.7)]:
        np.testing.assert_allclose(curvature(net, X, y, OUTPUT_WEIGHTS, at), H, rtol=1e-7, atol=1e-9)
    assert net.weights[1].tolist() == [[-2.0, 2.0]]           # the network itself is left alone


def test_curvature_of_a_one_neuron_bowl_is_the_mean_of_x_x_transposed():
    x = np.array([[0.5], [1.0], [2.0]])
    net = Network.from_parameters([[[0.3]]], [[0.1]], "identity", "identity")
    keys = (("weights", 0, 0, 0), ("biases", 0, 0))
    design = np.hstack([x, np.ones_like(x)])                   # rows [x_i, 1]
    np.testing.assert_allclose(curvature(net, x, np.zeros((3, 1)), keys, (0.3, 0.1)), design.T @ design / 3,
                               rtol=1e-7)


def test_steps_to_converge_counts_each_rate_as_its_own_path_would(bowl):
    net, X, y = bowl[:3]
    rates = [0.5, 1.0, 2.0, 2.4, 3.0]
    steps = steps_to_converge(net, X, y, OUTPUT_WEIGHTS, (-2.0, -2.5), rates, steps=200)
    for lr, counted in zip(rates, steps):
        path = descent_path(net, X, y, OUTPUT_WEIGHTS, (-2.0, -2.5), lr, 200)
        assert (np.isnan(counted) and path.converged_at is None) or counted == path.converged_at
    assert np.isnan(steps[-1])                                  # 3.0 diverges


def test_lesson_06_lr_grid_fastest_well_below_the_edge(bowl):
    """The numbers lesson 06 states: under its stopping rule the fastest rates are near 1.6, 2/(λmin+λmax) ≈ 2.18,
    the edge 2/λmax ≈ 2.54, and the table's 2.0: 11 steps, 2.4: 50, 2.5: 197 (λ from the hand Hessian aᵀa/n)."""
    net, X, y, _, _, H = bowl
    lam_min, lam_max = np.linalg.eigvalsh(H)
    assert round(2 / (lam_min + lam_max), 2) == 2.18 and round(2 / lam_max, 2) == 2.54
    rates = np.round(np.arange(0.05, 2.61, 0.05), 2)
    steps = steps_to_converge(net, X, y, OUTPUT_WEIGHTS, (-2.0, -2.5), rates, steps=1000)
    fastest = rates[steps == np.nanmin(steps)]
    assert np.nanmin(steps) == 7 and (fastest.min(), fastest.max()) == (1.55, 1.8)
    assert [steps[rates == lr][0] for lr in (2.0, 2.4, 2.5)] == [11, 50, 197]
    assert np.all(np.isnan(steps[rates > 2 / lam_max]))          # above the edge nothing converges
    near_edge = steps[(rates > 2 / (lam_min + lam_max)) & (rates < 2 / lam_max)]
    assert np.all(np.diff(near_edge) > 0)                        # past the balance point, slower towards the edge
