"""backprop.update: step, fit (with weight decay) and the loss landscape move parameters
through one function, and no other code in lib/ writes p -= lr · grad."""
import pathlib
import re

import numpy as np
import pytest

from backprop import landscape, network, training, update
from backprop.data import worked_example, xor

LIB = pathlib.Path(__file__).resolve().parents[1] / "lib"


@pytest.fixture
def calls(monkeypatch):
    """Count calls of descend from each module that uses it."""
    counted = {}

    def counting(module):
        def descend(parameters, grads, lr):
            counted[module.__name__] = counted.get(module.__name__, 0) + 1
            return update.descend(parameters, grads, lr)
        return descend
    for module in (network, training, landscape):
        monkeypatch.setattr(module, "descend", counting(module))
    return counted


def test_step_fit_and_landscape_all_use_descend(calls):
    net, x, y = worked_example()
    net.step(net.backward(net.forward(x), y), 0.1)
    X, Y = xor()
    network.Network([2, 3, 1]).fit(X, Y, epochs=3, batch_size=2, lr=0.5, weight_decay=0.01)
    probe, Xd, yd = landscape.descent_example()
    path = landscape.descent_path(probe, Xd, yd, landscape.OUTPUT_WEIGHTS, (-2.0, 2.0), lr=0.05, steps=7)
    assert calls == {"backprop.network": 1, "backprop.training": 3 * 2, "backprop.landscape": path.steps}


def test_weight_decay_adds_lambda_w_to_the_weights_only():
    grads = [np.ones((2, 2)), np.ones(2)]
    params = [np.full((2, 2), 3.0), np.full(2, 5.0)]
    out = update.with_weight_decay(grads, params, 0.1)
    np.testing.assert_allclose(out[0], 1.3)
    np.testing.assert_allclose(out[1], 1.0)


def test_descend_moves_against_the_gradient():
    p = np.array([1.0, -2.0])
    update.descend([p], [np.array([0.5, -1.0])], 0.1)
    np.testing.assert_allclose(p, [0.95, -1.9])


def test_no_other_module_of_the_core_writes_an_update():
    """The core has one update rule. lib/exercises/ is left out on purpose: lesson 09's learner writes
    their own SGD, so its reference solution and hints spell the update out."""
    core = [f for f in LIB.rglob("*.py") if "exercises" not in f.relative_to(LIB).parts]
    assert len(core) > 10
    writers = [f.name for f in core if re.search(r"-= *lr", f.read_text(encoding="utf-8"))]
    assert writers == ["update.py"]


def test_nothing_outside_network_touches_its_private_members():
    """benchmarks/backward.py is the one exception: it times Network._backward against its earlier twin."""
    private = re.compile(r"\._(forward|backward|weights|biases)\b")
    root = LIB.parent
    users = sorted(str(f.relative_to(root)) for folder in ("lib", "widgets", "benchmarks")
                   for f in (root / folder).rglob("*.py") if private.search(f.read_text(encoding="utf-8")))
    assert users == ["benchmarks/backward.py", "lib/network.py"]
