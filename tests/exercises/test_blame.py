"""Lesson 04's checks (backprop.exercises.blame): a hidden layer's blame, and a layer's weight gradients."""
import numpy as np

from backprop.exercises.blame import check_hidden_delta, check_weight_gradients

from ._sweep import Case, dsig, sig, sweep

CASES = {
    "hidden_delta": Case(check_hidden_delta, lambda d, W, z: np.einsum("nj,jk->nk", d, W) * dsig(z), {
        "transposed": lambda d, W, z: (d @ W.T) * dsig(z), "no_sigma_prime": lambda d, W, z: d @ W,
        "sigma_not_slope": lambda d, W, z: (d @ W) * sig(z),
        "slope_at_a": lambda d, W, z: (d @ W) * dsig(sig(z)),
        "one_path": lambda d, W, z: np.outer(d[:, 0], W[0]) * dsig(z),
        "sign": lambda d, W, z: -(d @ W) * dsig(z), "shape": lambda d, W, z: ((d @ W) * dsig(z)).T}),
    "weight_gradients": Case(check_weight_gradients, lambda d, a: np.einsum("nj,nk->jk", d, a) / d.shape[0], {
        "sum_not_mean": lambda d, a: np.einsum("nj,nk->jk", d, a),
        "transposed": lambda d, a: np.einsum("nj,nk->kj", d, a) / d.shape[0],
        "one_example": lambda d, a: d[0][:, None] * a[0][None, :],
        "mean_of_factors": lambda d, a: d.mean(0)[:, None] * a.mean(0)[None, :]}),
}

TestSweep = sweep(CASES)


def test_a_zero_blame_row_gives_a_zero_gradient_row_but_a_zero_activation_only_its_column():
    delta, a_prev = np.array([[0.0, 0.3]]), np.array([[0.5, 0.0]])
    verdict = check_weight_gradients(lambda d, a: d.T @ a / len(d))
    assert verdict.passed
    grad = delta.T @ a_prev
    assert grad[0].tolist() == [0.0, 0.0] and grad[:, 1].tolist() == [0.0, 0.0] and grad[1, 0] == 0.15
