"""No false pass: every slip an exercise check's table names is tried here (or in a sibling module's
CASES), and fails with its own code; the classic slips of mini-batch SGD and of a scalar autodiff engine,
which give the right answer on easy inputs, are among them.

Each wrong answer is written by hand, independently of the checks' own reference.
"""
import importlib
import math
import pkgutil

import numpy as np
import pytest

import backprop.exercises as exercises
from backprop.exercises import (_progress, check_backward, check_batch_gradient_spread, check_dropout, check_forward,
                                check_gradient_check, check_largest_rate, check_layer_gradient_norms,
                                check_numerical_gradient, check_sgd, check_sigmoid, check_squared_error, check_update,
                                check_value, check_worked_backward)
from backprop.exercises.capstone_engine import Reference
from backprop.exercises.compare import GENERIC

from . import test_capstone, test_capstone_training as training, test_sgd
from ._sweep import sig

sgd = training.sgd


# ---- mini-batch SGD: the classic slips ----------------------------------------------------------
def _batches(n, batch_size, order, last="keep"):
    """Consecutive slices of ``order``; last = "keep", "drop" (a short one left out) or "pad" (filled up from
    the start of the order)."""
    stop = n - batch_size + 1 if last == "drop" else n
    for start in range(0, stop, batch_size):
        idx = order[start:start + batch_size]
        if last == "pad" and len(idx) < batch_size:
            idx = np.concatenate([idx, order[:batch_size - len(idx)]])
        yield idx, idx


def sgd_slip(weights, biases, X, y, lr, batch_size, epochs, seed, forward=None, backward=None, slip=""):
    """Mini-batch SGD with one classic slip (slip="" is right); it honours forward= and backward=."""
    forward, backward = forward or training.right_forward, backward or training.grads
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        if slip == "global_state":
            order = np.random.permutation(len(X))               # numpy's global state, not the seed
        elif slip == "other_order":
            order = np.random.default_rng(seed + epoch).permutation(len(X))     # a generator per epoch
        else:
            order = rng.permutation(len(X))
        if slip == "changed_data":                              # the data itself shuffled in place
            X[:], y[:] = X[order], y[order]
            order = np.arange(len(X))
        size = {"whole_data": len(X), "one_by_one": 1}.get(slip, batch_size)
        pairs = _batches(len(X), size, order, {"last_dropped": "drop", "padded": "pad"}.get(slip, "keep"))
        if slip == "xy_mismatch":
            pairs = zip((i for i, _ in pairs), (j for j, _ in _batches(len(X), batch_size, rng.permutation(len(X)))))
        for idx_x, idx_y in pairs:
            z, a = forward(weights, biases, X[idx_x])
            grad_w, grad_b = backward(weights, z, a, y[idx_y])
            step = lr * (len(idx_x) / batch_size if slip == "rescaled" else 1.0)
            for p, g in zip(weights + biases, grad_w + grad_b):
                p -= step * g
    return weights, biases


def with_slip(slip):
    return lambda *args, **passes: sgd_slip(*args, **passes, slip=slip)


def forward_without_bias(weights, biases, X):
    return training.right_forward(weights, [0 * b for b in biases], X)


def sgd_own_forward_wrong(*args, forward=None, backward=None):
    """Right SGD, run by default with a my_forward whose check has not passed (the bias is missing)."""
    return sgd(*args, forward=forward or forward_without_bias, backward=backward)


def sgd_replacing_a_layer(weights, biases, *rest):
    sgd(weights, biases, *rest)
    weights[0] = None
    return weights, biases


def sgd_ignoring_passes(*args, forward=None, backward=None):
    return sgd(*args)


def test_a_slip_in_the_batches_never_blames_a_function_whose_check_passed(capsys):
    for check in ("check_forward", "check_backward"):
        _progress.record(check, True)
    for wrong in [with_slip(slip) for slip in ("last_dropped", "xy_mismatch", "rescaled", "global_state")] + [
            sgd_replacing_a_layer, lambda *args: training.sgd(*args, sign=1e300)]:      # the last one: inf
        verdict = check_sgd(wrong)
        assert not verdict.passed and "my_forward" not in verdict.message and "my_backward" not in verdict.message
    verdict = check_sgd(training.sgd_then_shift)            # wrong in a way no hint names
    assert not verdict.passed and "my_forward" not in verdict.message and "my_backward" not in verdict.message


def test_own_passes_are_named_only_when_they_make_the_difference(capsys):
    verdict = check_sgd(sgd_own_forward_wrong)
    assert verdict.mistake == "own_passes" and "make check_forward and check_backward pass first" in verdict.message
    _progress.record("check_forward", True)
    _progress.record("check_backward", True)
    assert "run check_forward(my_forward) and check_backward(my_backward) again" in check_sgd(
        sgd_own_forward_wrong).message


def test_rows_that_are_not_the_datas_are_not_blamed_on_the_shuffle(capsys):
    def scaling_x(weights, biases, X, y, *rest, **passes):
        return sgd_slip(weights, biases, 2.0 * X, y, *rest, **passes)
    verdict = check_sgd(scaling_x)
    assert not verdict.passed and verdict.mistake == "" and "expected:" in verdict.message


def test_the_short_last_batch_is_named_with_its_size(capsys):
    message = check_sgd(with_slip("last_dropped")).message
    assert "with 11 examples and batches of 4, each epoch ends with a batch of 3" in message


def test_sgd_cases_hold_short_last_batches_of_one_and_of_batch_size_minus_one():
    from backprop.exercises.capstone_sgd import _SGD_CASES
    rests = {(n % size, size) for _, n, size, *_ in _SGD_CASES}
    assert (1, 3) in rests and (3, 4) in rests and any(rest == 0 for rest, _ in rests)


# ---- the scalar engine: each rule, one slip at a time --------------------------------------------
def make_value(add="+=", mul="+=", sigmoid="+=", add_chain=True, add_both=True, sigmoid_chain=True, mul_own=False,
               slope="out", op_label=False):
    """Lesson 09's Value with the rules written here; ``=`` for one operation's rule is micrograd's slip."""
    def give(node, amount, how):
        node.grad = amount if how == "=" else node.grad + amount

    class Value:
        def __init__(self, data, parents=(), op=""):
            self.data, self.grad, self.parents = float(data), 0.0, parents
            if op_label:
                self.op = op                                   # the operation label a later lesson adds
            self.backward_rule = lambda: None

        def __add__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data + other.data, (self, other), "+")

            def rule():
                give(self, out.grad if add_chain else 1.0, add)
                if add_both:
                    give(other, out.grad if add_chain else 1.0, add)
            out.backward_rule = rule
            return out

        def __mul__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data * other.data, (self, other), "*")

            def rule():
                give(self, (self.data if mul_own else other.data) * out.grad, mul)
                give(other, (other.data if mul_own else self.data) * out.grad, mul)
            out.backward_rule = rule
            return out

        __radd__, __rmul__ = __add__, __mul__

        def sigmoid(self):
            out = Value(1 / (1 + math.exp(-self.data)), (self,), "sigmoid")

            def rule():
                local = {"out": out.data * (1 - out.data), "input": self.data * (1 - self.data)}[slope]
                give(self, local * (out.grad if sigmoid_chain else 1.0), sigmoid)
            out.backward_rule = rule
            return out

        backward = Reference.backward        # lesson 09's given walk over the graph, not the learner's

    return Value


@pytest.mark.parametrize("op_label", [False, True])
def test_lesson_09s_class_passes_with_or_without_an_operation_label(op_label, capsys):
    assert check_value(make_value(op_label=op_label)).passed


def test_micrograds_bug_fails_and_says_why(capsys):
    """+ that sets the gradient: a + a gives a.grad = 1, and lesson 09's network of Values is off."""
    Value = make_value(add="=")
    a = Value(2.0)
    (a + a).backward()
    assert a.grad == 1.0                                     # the slip, as the learner would meet it
    verdict = check_value(Value)
    assert not verdict.passed and verdict.mistake == "overwrite_add"
    assert "the rule of +" in verdict.message and "x + x gives 1 instead of 2" in verdict.message


# ---- every other slip a table names, beside the sweeps of the sibling modules ----------------------
def numerical_replacing(loss_fn, params, eps):
    grads = training.numerical(loss_fn, params, eps)
    params[0] = params[0].copy()
    return grads


def worked_backward(x, y, W1, b1, W2, b2, out_slope=True, hidden_slope=True):
    """Note 003's nine gradients by hand, with σ' at the output or at the hidden layer left out."""
    h = sig(W1 @ x + b1)
    y_hat = sig(W2[0] @ h + b2[0])
    d3 = (y_hat - y) * (y_hat * (1 - y_hat) if out_slope else 1.0)
    d = d3 * W2[0] * (h * (1 - h) if hidden_slope else 1.0)
    return np.concatenate([np.outer(d, x).ravel(), d, d3 * h, [d3]])


def forward_centring_x_in_place(weights, biases, X):
    X -= X.mean(axis=0)                                      # the caller's data changes
    return training.right_forward(weights, biases, X)


def backward_reusing_a(weights, z, a, y, delta_out=None):
    grads = test_capstone.backward(weights, z, a, y, delta_out)
    a[-1] -= y                                               # a later call on the same a gets a − y
    return grads


def update_in_place(weights, grad, lr):
    weights -= lr * grad                                     # lesson 00 asks not to change the weights passed in
    return weights


def dropout_from_the_global_state(a, rate, rng):
    return a * (np.random.random(a.shape) >= rate) / (1 - rate)      # numpy's global state, not rng


def update_keeping_a_count(weights, grad, lr, calls=[]):
    calls.append(1)                                          # a list as a default argument outlives the call
    return weights - lr * grad * len(calls)


SLIPS = [
    (check_squared_error, "half_mean_over_outputs", lambda y_hat, y: 0.5 * np.mean((y_hat - y) ** 2)),
    (check_layer_gradient_norms, "spectral", lambda net, X, labels: [
        np.linalg.svd(g, compute_uv=False).max() for g in net.backward(net.forward(X), labels).weights]),
    (check_dropout, "keep_below", lambda a, rate, rng: np.where(rng.random(a.shape) < 1 - rate, a / (1 - rate), 0.0)),
    (check_sigmoid, "not_finite", lambda z: np.exp(np.asarray(z) * 1000.0) / np.exp(np.asarray(z) * 1000.0)),
    (check_dropout, "not_repeatable", dropout_from_the_global_state),
    (check_update, "not_repeatable", update_keeping_a_count),
    (check_batch_gradient_spread, "with_replacement",
     lambda *args: test_sgd.spread(*args, pick=lambda rng, n, m: rng.choice(n, size=m))),
    (check_batch_gradient_spread, "not_repeatable",
     lambda *args: test_sgd.spread(*args, pick=lambda rng, n, m: np.random.choice(n, size=m, replace=False))),
    (check_sigmoid, "no_one", np.exp),
    (check_update, "changed_input", update_in_place),
    (check_worked_backward, "no_output_slope", lambda *args: worked_backward(*args, out_slope=False)),
    (check_worked_backward, "no_hidden_slope", lambda *args: worked_backward(*args, hidden_slope=False)),
    (check_largest_rate, "too_small", lambda: 0.5),
    (check_largest_rate, "diverges", lambda: 1.5),
    (check_largest_rate, "not_positive", lambda: -0.1),
    (check_forward, "changed_input", forward_centring_x_in_place),
    (check_backward, "changed_input", backward_reusing_a),
    (check_backward, "delta_out", lambda weights, z, a, y, delta_out=None: test_capstone.backward(weights, z, a, y)),
    (check_numerical_gradient, "replaced", numerical_replacing),
    (check_numerical_gradient, "shape", lambda f, p, eps: [g.ravel() for g in training.numerical(f, p, eps)]),
    (check_gradient_check, "shape", lambda a, n: training.grad_check(a, n)[0]),
    (check_sgd, "xy_mismatch", with_slip("xy_mismatch")),
    (check_sgd, "last_dropped", with_slip("last_dropped")),
    (check_sgd, "padded", with_slip("padded")),
    (check_sgd, "rescaled", with_slip("rescaled")),
    (check_sgd, "global_state", with_slip("global_state")),
    (check_sgd, "other_order", with_slip("other_order")),
    (check_sgd, "changed_data", with_slip("changed_data")),
    (check_sgd, "whole_data", with_slip("whole_data")),
    (check_sgd, "one_by_one", with_slip("one_by_one")),
    (check_sgd, "own_passes", sgd_own_forward_wrong),
    (check_sgd, "replaced", sgd_replacing_a_layer),
    (check_sgd, "passes", sgd_ignoring_passes),
    (check_value, "overwrite_add", make_value(add="=")),
    (check_value, "overwrite_mul", make_value(mul="=")),
    (check_value, "overwrite_sigmoid", make_value(sigmoid="=")),
    (check_value, "add_no_chain", make_value(add_chain=False)),
    (check_value, "add_one_side", make_value(add_both=False)),
    (check_value, "sigmoid_no_chain", make_value(sigmoid_chain=False)),
    (check_value, "blank", training.make_value(add="none")),
    (check_value, "not_class", make_value()(1.0)),
]


@pytest.mark.parametrize("check, code, wrong", SLIPS, ids=[f"{c.__name__}-{code}" for c, code, _ in SLIPS])
def test_each_slip_fails_with_its_own_code(check, code, wrong, capsys):
    verdict = check(wrong)
    assert not verdict.passed and verdict.mistake == code
    assert "✗ not yet" in capsys.readouterr().out


@pytest.mark.parametrize("check", sorted({c for c, _, _ in SLIPS}, key=lambda c: c.__name__))
def test_hints_of_the_extra_slips_differ(check, capsys):
    messages = [check(wrong).message for c, _, wrong in SLIPS if c is check]
    assert len(set(messages)) == len(messages)


def _tested_codes():
    """{check name: the mistake codes some test tries}: this module's SLIPS and every sibling's CASES."""
    import tests.exercises as package
    tested = {}
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("test_"):
            found = importlib.import_module(f"{package.__name__}.{module.name}")
            for case in getattr(found, "CASES", {}).values():
                tested.setdefault(case.check.__name__, set()).update(case.mistakes)
    for check, code, _ in SLIPS:
        tested.setdefault(check.__name__, set()).add(code)
    return tested


CHECKS = [name for name in exercises.__all__ if name.startswith("check_") and name != "check_function"]


@pytest.mark.parametrize("name", CHECKS)
def test_every_slip_a_check_names_is_in_its_table_and_tried_by_a_test(name):
    table = {m.code for m in getattr(exercises, name).mistakes}
    tested = _tested_codes().get(name, set())
    assert table, f"{name} has no table of mistakes"
    assert not table - tested, f"{name}: no test tries {sorted(table - tested)}"
    assert not tested - table - {m.code for m in GENERIC}, f"{name} names slips outside its table"


def test_every_record_has_a_code_and_a_hint():
    for name in CHECKS:
        for mistake in getattr(exercises, name).mistakes:
            assert mistake.code.isidentifier() and len(mistake.hint) > 20


def test_every_slip_check_function_names_for_all_exercises_is_tried():
    tried = set().union(*_tested_codes().values())
    assert {m.code for m in GENERIC} <= tried
