"""Every public entry point of the core answers a wrong argument in words (issue: numbers you can trust).

For each function, one argument at a time is replaced by a bad value (wrong type, shape,
length, NaN, text, None …). The call must either work without a warning, or raise a
ValueError/TypeError whose message names the argument — never numpy's "ufunc",
"broadcast" or "operands", and never a KeyError, IndexError or AttributeError.
"""
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backprop import Network, gradient_check, minibatches, numerical_gradients
from backprop import explore, flow, landscape, parameters
from backprop.data import load_digits, worked_example

NET, X1, Y1 = worked_example()
BAD = [None, "text", object(), np.nan, [np.nan, 1.0], -1, 0, 1e300, [], [[1.0, 2.0, 3.0]], np.ones((3, 3, 3)),
       np.array(["a", "b"]), {"a": 1}, (1,), np.float32(0.5), True, [[[0.1]]], np.ones(7)]
NUMPY_WORDS = ("ufunc", "broadcast", "operands")


def _net():
    return NET.copy()


# name → (function, {argument: valid value}, {argument: words its message may use to name it})
ENTRIES = {
    "Network": (Network, {"sizes": [2, 2, 1], "activation": "sigmoid", "loss": "half_squared_error",
                          "init": "xavier", "seed": 0}, {"sizes": ["size", "layer"], "init": ["init", "weight scale"]}),
    "forward": (lambda X, dropout: _net().forward(X, dropout), {"X": X1, "dropout": 0.0}, {}),
    "loss": (lambda X, y: _net().loss(X, y), {"X": X1, "y": Y1}, {"y": ["y", "label"]}),
    "step": (lambda lr: _net().step(NET.backward(NET.forward(X1), Y1), lr), {"lr": 0.1}, {}),
    "fit": (lambda X, y, epochs, batch_size, lr: _net().fit(X, y, epochs=epochs, batch_size=batch_size, lr=lr),
            {"X": X1, "y": Y1, "epochs": 1, "batch_size": 1, "lr": 0.1}, {"y": ["y", "label"]}),
    "accuracy": (lambda X, labels: _net().accuracy(X, labels), {"X": X1, "labels": [1]}, {"labels": ["label", "y"]}),
    "gradient_check": (lambda X, y: gradient_check(_net(), X, y), {"X": X1, "y": Y1}, {"y": ["y", "label"]}),
    "numerical_gradients": (lambda X, y: numerical_gradients(_net(), X, y), {"X": X1, "y": Y1}, {"y": ["y", "label"]}),
    "neuron": (explore.neuron, {"x": [0.5, 0.1], "w": [0.4, 0.3], "b": 0.1, "activation": "sigmoid"}, {}),
    "output_loss": (explore.output_loss, {"loss": "half_squared_error", "y_hat": [0.7], "y": 0.6}, {}),
    "chain_factors": (lambda x, y, key: explore.chain_factors(_net(), x, y, key),
                      {"x": X1, "y": Y1, "key": ("weights", 1, 0, 0)}, {"key": ["parameter", "key"], "x": ["x", "X"]}),
    "nudge": (lambda key, dp: explore.nudge(_net(), X1, Y1, key, dp), {"key": ("weights", 0, 1, 1), "dp": 0.1},
              {"key": ["parameter", "key"], "dp": ["dp", "nudge"]}),
    "loss_along": (lambda key, values: explore.loss_along(_net(), X1, Y1, key, values),
                   {"key": ("biases", 0, 1), "values": [0.0, 0.5]}, {"key": ["parameter", "key"]}),
    "set_parameter": (lambda key, value: parameters.set_parameter(_net(), key, value),
                      {"key": ("weights", 0, 0, 0), "value": 0.5}, {"key": ["parameter", "key"]}),
    "descent_path": (lambda start, lr, steps: landscape.descent_path(*landscape.descent_example(),
                                                                     landscape.OUTPUT_WEIGHTS, start, lr, steps),
                     {"start": (-2.0, 2.0), "lr": 0.5, "steps": 3}, {}),
    "deep_network": (flow.deep_network, {"depth": 2, "activation": "relu", "init": "he", "width": 4}, {
        "depth": ["depth", "size", "layer"], "width": ["width", "size", "layer"]}),
    "minibatches": (lambda n, batch_size: minibatches(n, batch_size, np.random.default_rng(0)),
                    {"n": 10, "batch_size": 3}, {}),
    "load_digits": (load_digits, {"test_fraction": 0.2, "seed": 0}, {}),
}
CASES = [(name, arg) for name, (_, kwargs, _) in ENTRIES.items() for arg in kwargs]


@pytest.mark.parametrize("name, arg", CASES, ids=[f"{n}-{a}" for n, a in CASES])
@settings(max_examples=len(BAD), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bad=st.sampled_from(BAD))
def test_a_bad_argument_is_answered_in_words(name, arg, bad):
    fn, kwargs, aliases = ENTRIES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            fn(**{**kwargs, arg: bad})
        except (ValueError, TypeError) as exc:
            message = str(exc)
            assert not any(word in message for word in NUMPY_WORDS), f"{name}({arg}={bad!r}): {message}"
            names = aliases.get(arg, [arg])
            assert any(n in message for n in names), f"{name}({arg}={bad!r}) does not name {names}: {message}"


@pytest.mark.parametrize("name", ENTRIES)
def test_the_valid_arguments_work(name):
    fn, kwargs, _ = ENTRIES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fn(**kwargs)
