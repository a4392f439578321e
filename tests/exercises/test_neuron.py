"""Lesson 01's checks (backprop.exercises.neuron): sigmoid, its slope, a neuron, a layer."""
import numpy as np

from backprop.exercises.neuron import check_layer_forward, check_neuron, check_sigmoid, check_sigmoid_derivative

from ._sweep import Case, dsig, sig, sweep

CASES = {
    "sigmoid": Case(check_sigmoid, sig, {
        "sign": lambda z: 1 / (1 + np.exp(z))}),
    "sigmoid_derivative": Case(check_sigmoid_derivative, dsig, {
        "sigma_only": sig, "z_not_sigma": lambda z: z * (1 - z), "sign": lambda z: sig(z) * (sig(z) - 1),
        "sigmoid_twice": lambda z: dsig(sig(z))}),
    "neuron": Case(check_neuron, lambda x, w, b: sig(sum(wi * xi for wi, xi in zip(w, x)) + b), {
        "no_activation": lambda x, w, b: w @ x + b, "no_bias": lambda x, w, b: sig(w @ x),
        "bias_outside": lambda x, w, b: sig(w @ x) + b, "sign": lambda x, w, b: sig(-(w @ x) + b)}),
    "layer_forward": Case(check_layer_forward, lambda X, W, b: sig(np.einsum("nk,jk->nj", X, W) + b), {
        "transposed": lambda X, W, b: sig(X @ W + b), "no_activation": lambda X, W, b: X @ W.T + b,
        "no_bias": lambda X, W, b: sig(X @ W.T),
        "bias_outside": lambda X, W, b: sig(X @ W.T) + b, "shape": lambda X, W, b: sig(W @ X.T + b[:, None])}),
}

TestSweep = sweep(CASES)
