"""Lesson 04's checks (backprop.exercises.blame): a hidden neuron's blame, one path and a layer."""
import numpy as np

from backprop.exercises.blame import check_hidden_blame, check_hidden_delta

from ._sweep import Case, dsig, sig, sweep

CASES = {
    "hidden_blame": Case(check_hidden_blame, lambda d, w, z: d * w * dsig(z), {
        "no_sigma_prime": lambda d, w, z: d * w, "sigma_not_slope": lambda d, w, z: d * w * sig(z),
        "sign": lambda d, w, z: -d * w * dsig(z), "no_weight": lambda d, w, z: d * dsig(z)}),
    "hidden_delta": Case(check_hidden_delta, lambda d, W, z: np.einsum("nj,jk->nk", d, W) * dsig(z), {
        "transposed": lambda d, W, z: (d @ W.T) * dsig(z), "no_sigma_prime": lambda d, W, z: d @ W,
        "sigma_not_slope": lambda d, W, z: (d @ W) * sig(z),
        "one_path": lambda d, W, z: np.outer(d[:, 0], W[0]) * dsig(z),
        "sign": lambda d, W, z: -(d @ W) * dsig(z), "shape": lambda d, W, z: ((d @ W) * dsig(z)).T}),
}

TestSweep = sweep(CASES)
