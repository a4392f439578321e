"""Each activation's derivative against finite differences; losses against their definitions."""
import numpy as np
import pytest

from backprop import ACTIVATIONS, LOSSES, get_activation
from backprop.activations import HIDDEN_ACTIVATIONS, softmax, softmax_backward

Z = np.array([[-6.0, -1.3, -0.2, 0.3, 0.9, 4.0]])


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "identity"])
def test_derivative_matches_finite_differences(name):
    f, h = get_activation(name), 1e-6
    numeric = (f(Z + h) - f(Z - h)) / (2 * h)
    np.testing.assert_allclose(f.prime(Z), numeric, rtol=1e-7, atol=1e-10)


def test_sigmoid_values_and_extremes():
    f = ACTIVATIONS["sigmoid"]
    assert f(np.array(0.0)) == 0.5
    assert f(np.array([-1000.0, 1000.0])) == pytest.approx([0.0, 1.0], abs=1e-300)   # no overflow warning
    assert f.prime(np.array([-1000.0, 0.0, 1000.0])) == pytest.approx([0.0, 0.25, 0.0], abs=1e-300)

    assert f(np.array(2.0)) == pytest.approx(1 / (1 + np.exp(-2.0)))


@pytest.mark.parametrize("name", HIDDEN_ACTIVATIONS)
def test_slope_from_the_output_equals_the_slope_from_z(name):
    f = get_activation(name)                # every hidden activation has one: backward's BP2 reads σ′ from a
    np.testing.assert_allclose(f.prime_from_a(f(Z)), f.prime(Z), atol=1e-15)
    assert f.prime_from_a(f(Z)).shape == np.shape(Z)


def test_softmax_rows_sum_to_one_and_backward_is_its_jacobian():
    z = np.array([[0.2, -1.0, 3.0], [1000.0, 0.0, -1000.0]])
    a = softmax(z)
    np.testing.assert_allclose(a.sum(axis=1), 1.0)
    g = np.array([[0.5, -0.2, 0.1], [1.0, 2.0, 3.0]])
    for row in range(2):
        jac = np.diag(a[row]) - np.outer(a[row], a[row])
        np.testing.assert_allclose(softmax_backward(z[row:row + 1], a[row:row + 1], g[row:row + 1])[0], jac @ g[row], atol=1e-15)


@pytest.mark.parametrize("name", list(LOSSES))
def test_loss_gradient_matches_finite_differences(name):
    loss = LOSSES[name]
    y_hat = np.array([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]])
    y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    h, numeric = 1e-7, np.zeros_like(y_hat)
    for i in np.ndindex(y_hat.shape):
        up, down = y_hat.copy(), y_hat.copy()
        up[i] += h
        down[i] -= h
        numeric[i] = (loss.value(up, y)[i[0]] - loss.value(down, y)[i[0]]) / (2 * h)
    np.testing.assert_allclose(loss.grad(y_hat, y), numeric, rtol=1e-6)


def test_losses_are_summed_over_outputs_and_averaged_over_the_batch():
    y_hat, y = np.array([[0.2, 0.4], [1.0, 0.0]]), np.array([[0.0, 1.0], [0.0, 0.0]])
    assert LOSSES["half_squared_error"](y_hat, y) == pytest.approx(((0.04 + 0.36) / 2 + 1.0 / 2) / 2)
    assert LOSSES["squared_error"](y_hat, y) == pytest.approx((0.04 + 0.36 + 1.0) / 2)
    p = np.array([[0.7, 0.3], [0.1, 0.9]])
    assert LOSSES["cross_entropy"](p, np.eye(2)) == pytest.approx(-(np.log(0.7) + np.log(0.9)) / 2)
