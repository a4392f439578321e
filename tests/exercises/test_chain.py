"""Lesson 03's checks (backprop.exercises.chain): the chain rule's factors, a tanh neuron's gradient, a bias's."""
import numpy as np

from backprop.exercises.chain import check_bias_gradient, check_chain_factors, check_weight_gradient

from ._sweep import Case, dsig, sig, sweep

th = np.tanh


def dth(z):
    return 1 - np.tanh(z) ** 2


CASES = {
    "chain_factors": Case(check_chain_factors, lambda p, w, b, y: (sig(w * p + b) - y, dsig(w * p + b), p), {
        "sign": lambda p, w, b, y: (y - sig(w * p + b), dsig(w * p + b), p),
        "factor_2": lambda p, w, b, y: (2 * (sig(w * p + b) - y), dsig(w * p + b), p),
        "no_sigma_prime": lambda p, w, b, y: (sig(w * p + b) - y, sig(w * p + b), p),
        "w_not_input": lambda p, w, b, y: (sig(w * p + b) - y, dsig(w * p + b), w),
        "slope_at_a": lambda p, w, b, y: (sig(w * p + b) - y, dsig(sig(w * p + b)), p)}),
    "weight_gradient": Case(check_weight_gradient, lambda p, w, b, y: (th(w * p + b) - y) * dth(w * p + b) * p, {
        "sigmoid_neuron": lambda p, w, b, y: (sig(w * p + b) - y) * dsig(w * p + b) * p,
        "sigmoid_slope": lambda p, w, b, y: (th(w * p + b) - y) * dsig(w * p + b) * p,
        "slope_not_squared": lambda p, w, b, y: (th(w * p + b) - y) * (1 - th(w * p + b)) * p,
        "slope_at_a": lambda p, w, b, y: (th(w * p + b) - y) * dth(th(w * p + b)) * p,
        "sign": lambda p, w, b, y: (y - th(w * p + b)) * dth(w * p + b) * p,
        "factor_2": lambda p, w, b, y: 2 * (th(w * p + b) - y) * dth(w * p + b) * p,
        "w_not_input": lambda p, w, b, y: (th(w * p + b) - y) * dth(w * p + b) * w}),
    "bias_gradient": Case(check_bias_gradient, lambda p, w, b, y: (sig(w * p + b) - y) * dsig(w * p + b), {
        "times_input": lambda p, w, b, y: (sig(w * p + b) - y) * dsig(w * p + b) * p,
        "sign": lambda p, w, b, y: (y - sig(w * p + b)) * dsig(w * p + b),
        "no_sigma_prime": lambda p, w, b, y: sig(w * p + b) - y,
        "factor_2": lambda p, w, b, y: 2 * (sig(w * p + b) - y) * dsig(w * p + b),
        "slope_at_a": lambda p, w, b, y: (sig(w * p + b) - y) * dsig(sig(w * p + b))}),
}

TestSweep = sweep(CASES)
