"""Lesson 09's other checks (backprop.exercises.capstone_numeric, _gradcheck, _sgd, _value): finite
differences, the gradient check, mini-batch SGD, the softmax delta and the scalar engine. Every named
mistake has its own wrong implementation here, written independently of the checks' reference."""
import math

import numpy as np

from backprop.exercises.capstone_gradcheck import check_gradient_check
from backprop.exercises.capstone_numeric import check_numerical_gradient
from backprop.exercises.capstone_sgd import check_sgd
from backprop.exercises.capstone_softmax import check_softmax_delta
from backprop.exercises.capstone_value import check_value
from backprop.gradcheck import EXCELLENT, FINE_WITH_KINKS, FLOOR, WRONG

from ._sweep import Case, dsig, right_forward, sweep


# ---- finite differences ---------------------------------------------------------------------
def numerical(loss_fn, params, eps, kind="centred", restore=True, fixed=None):
    eps = fixed or eps
    grads = []
    for p in params:
        g = np.zeros(p.shape)
        for i in np.ndindex(p.shape):
            keep = p[i]
            p[i] = keep + eps
            up = loss_fn()
            p[i] = keep - eps
            down = loss_fn()
            p[i] = keep
            base = loss_fn()
            g[i] = {"centred": (up - down) / (2 * eps), "one_sided": (up - base) / eps,
                    "no_half": (up - down) / eps}[kind]
            if not restore:
                p[i] = keep + eps
        grads.append(g)
    return grads


def numerical_on_copies(loss_fn, params, eps):
    return numerical(loss_fn, [p.copy() for p in params], eps)


# ---- the gradient check ---------------------------------------------------------------------
def word(error):
    return ("wrong" if error > WRONG else "excellent" if error < EXCELLENT
            else "fine only near a kink" if error < FINE_WITH_KINKS else "suspect")


def flat_entries(analytic, numeric):
    a = np.concatenate([np.ravel(x) for x in analytic])
    n = np.concatenate([np.ravel(x) for x in numeric])
    return a, n


def grad_check(analytic, numeric, denominator="max", skip_flat=True, floor=True, reduce=max):
    a, n = flat_entries(analytic, numeric)
    errors = []
    for x, y in zip(a, n):
        if skip_flat and max(abs(x), abs(y)) < FLOOR:
            continue
        bottom = max(abs(x), abs(y)) if denominator == "max" else abs(x) + abs(y)
        bottom = max(bottom, FLOOR) if floor else bottom
        errors.append(abs(x - y) / bottom if bottom else math.nan)
    error = reduce(errors) if errors else 0.0
    return error, word(error)


def grad_check_norms(analytic, numeric):
    error = max(np.linalg.norm(x - y) / max(np.linalg.norm(x) + np.linalg.norm(y), FLOOR)
                for x, y in zip(analytic, numeric))
    return error, word(error)


def grad_check_bad_words(analytic, numeric):
    error, _ = grad_check(analytic, numeric)
    return error, "excellent" if error < WRONG else "wrong"


# ---- SGD --------------------------------------------------------------------------------------
def grads(weights, z, a, y):
    return grads_from(weights, z, a, y, (a[-1] - y) * dsig(z[-1]))


def grads_from(weights, z, a, y, delta):
    n, out_w, out_b = len(y), [], []
    for l in range(len(weights), 0, -1):
        out_w.insert(0, delta.T @ a[l - 1] / n)
        out_b.insert(0, delta.mean(axis=0))
        if l > 1:
            delta = (delta @ weights[l - 1]) * dsig(z[l - 1])
    return out_w, out_b


def sgd(weights, biases, X, y, lr, batch_size, epochs, seed, forward=None, backward=None, shuffle="once",
        sign=-1.0, stale=False, in_place=True, run_epochs=None):
    forward, backward = forward or right_forward, backward or grads
    rng = np.random.default_rng(seed)
    for _ in range(epochs if run_epochs is None else run_epochs):
        if shuffle == "every_epoch_same":
            rng = np.random.default_rng(seed)
        order = np.arange(len(X)) if shuffle == "none" else rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            z, a = forward(weights, biases, X[idx])
            if stale:                                 # output layer stepped, then its new weights pass the blame
                delta = (a[-1] - y[idx]) * dsig(z[-1])
                for l in range(len(weights), 0, -1):
                    weights[l - 1] -= lr * delta.T @ a[l - 1] / len(idx)
                    biases[l - 1] -= lr * delta.mean(axis=0)
                    if l > 1:
                        delta = (delta @ weights[l - 1]) * dsig(z[l - 1])
                continue
            gw, gb = backward(weights, z, a, y[idx])
            if in_place:
                for p, g in zip(weights + biases, gw + gb):
                    p += sign * lr * g
            else:
                weights = [W + sign * lr * g for W, g in zip(weights, gw)]
                biases = [b + sign * lr * g for b, g in zip(biases, gb)]
    return weights, biases


def sgd_with(**mistake):
    return lambda *args: sgd(*args, **mistake)


def sgd_no_step(weights, biases, *rest):
    return weights, biases


def sgd_then_shift(*args):
    weights, biases = sgd(*args)
    weights[0] += 0.123
    return weights, biases


# ---- the scalar engine -------------------------------------------------------------------------
def make_value(add="sum", mul="other", chain=True, slope="out"):
    """A Value class written here; each keyword makes one mistake (defaults: right)."""
    class Value:
        def __init__(self, data, parents=()):
            self.data, self.grad, self.parents, self.rule = float(data), 0.0, parents, lambda: None

        def give(self, amount):
            self.grad = {"sum": self.grad + amount, "set": amount, "double": self.grad + 2 * amount,
                         "none": self.grad}[add]

        def __add__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data + other.data, (self, other))
            out.rule = lambda: (self.give(out.grad), other.give(out.grad))
            return out

        def __mul__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data * other.data, (self, other))
            g = (lambda: out.grad) if chain else (lambda: 1.0)
            if mul == "other":
                out.rule = lambda: (self.give(other.data * g()), other.give(self.data * g()))
            else:
                out.rule = lambda: (self.give(self.data * g()), other.give(other.data * g()))
            return out

        __radd__, __rmul__ = __add__, __mul__

        def sigmoid(self):
            out = Value(1 / (1 + math.exp(-self.data)), (self,))
            local = {"out": lambda: out.data * (1 - out.data), "sigma": lambda: out.data,
                     "input": lambda: self.data * (1 - self.data)}[slope]
            out.rule = lambda: self.give(local() * out.grad)
            return out

        def backward(self):
            order, seen = [], set()

            def visit(v):                    # recursion is fine for these small test graphs
                if id(v) not in seen:
                    seen.add(id(v))
                    for p in v.parents:
                        visit(p)
                    order.append(v)
            visit(self)
            for v in order:
                if v.parents:
                    v.grad = 0.0
            self.grad = 1.0
            for v in reversed(order):
                v.rule()
    return Value


# ---- softmax + cross-entropy: the output delta from z_out --------------------------------------
def softmax_delta(z_out, y):
    shifted = np.exp(z_out - z_out.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True) - y


def softmax_delta_times_slope(z_out, y):
    y_hat = softmax_delta(z_out, y) + y
    return (y_hat - y) * y_hat * (1 - y_hat)


def softmax_delta_overflowing(z_out, y):
    e = np.exp(z_out)                             # no max subtracted: inf for z near 800
    return e / e.sum(axis=1, keepdims=True) - y


def softmax_delta_no_keepdims(z_out, y):
    e = np.exp(z_out - z_out.max(axis=1))        # (n, k) minus (n,): broadcasts wrongly, or fails
    return e / e.sum(axis=1) - y


def softmax_delta_by_column(z_out, y):
    e = np.exp(z_out - z_out.max(axis=0))
    return e / e.sum(axis=0) - y


CASES = {
    "numerical_gradient": Case(check_numerical_gradient, numerical, {
        "one_sided": lambda f, p, eps: numerical(f, p, eps, kind="one_sided"),
        "no_half": lambda f, p, eps: numerical(f, p, eps, kind="no_half"),
        "eps_ignored": lambda f, p, eps: numerical(f, p, eps, fixed=1e-5),
        "left_nudged": lambda f, p, eps: numerical(f, p, eps, restore=False),
        "no_effect": numerical_on_copies},
        unrecognised=lambda f, p, eps: [g + 0.123 for g in numerical(f, p, eps)]),
    "gradient_check": Case(check_gradient_check, grad_check, {
        "no_floor": lambda a, n: grad_check(a, n, skip_flat=False, floor=False),
        "flat_kept": lambda a, n: grad_check(a, n, skip_flat=False),
        "sum_denominator": lambda a, n: grad_check(a, n, denominator="sum"),
        "norm_formula": grad_check_norms,
        "mean_not_max": lambda a, n: grad_check(a, n, reduce=lambda e: sum(e) / len(e)),
        "thresholds": grad_check_bad_words},
        unrecognised=lambda a, n: (grad_check(a, n)[0] + 0.123, "wrong")),
    "sgd": Case(check_sgd, sgd, {
        "no_shuffle": sgd_with(shuffle="none"), "reseeded": sgd_with(shuffle="every_epoch_same"),
        "updated_weights": sgd_with(stale=True), "sign": sgd_with(sign=+1.0), "no_step": sgd_no_step,
        "not_in_place": sgd_with(in_place=False), "one_epoch": sgd_with(run_epochs=1)},
        unrecognised=sgd_then_shift),
    "softmax_delta": Case(check_softmax_delta, softmax_delta, {
        "sign": lambda z, y: -softmax_delta(z, y), "slope": softmax_delta_times_slope,
        "no_max": softmax_delta_overflowing, "wrong_axis": softmax_delta_by_column,
        "keepdims": softmax_delta_no_keepdims,
        "mean_here": lambda z, y: softmax_delta(z, y) / z.shape[0], "no_softmax": lambda z, y: z - y}),
    "value": Case(check_value, make_value(), {
        "overwrite": make_value(add="set"), "mul_own": make_value(mul="own"), "no_chain": make_value(chain=False),
        "sigmoid_not_slope": make_value(slope="sigma"), "slope_of_input": make_value(slope="input")},
        unrecognised=make_value(add="double")),
}

TestSweep = sweep(CASES)


def test_an_empty_engine_is_not_yet_with_a_hint(capsys):
    verdict = check_value(make_value(add="none"))       # the lesson's blank: every rule is `pass`
    assert not verdict.passed and verdict.mistake == "blank" and "still 0" in verdict.message


def test_x_times_x_gets_both_paths():
    Value = make_value()
    x = Value(3.0)
    (x * x).backward()
    assert x.grad == 6.0


def test_the_gradient_check_uses_the_core_constants():
    import backprop.exercises.capstone_gradcheck as module
    assert (module.FLOOR, module.WRONG, module.FINE_WITH_KINKS, module.EXCELLENT) == (FLOOR, WRONG, FINE_WITH_KINKS,
                                                                                      EXCELLENT)


def test_gradient_check_cases_cover_every_word():
    from backprop.exercises.capstone_gradcheck import _GRAD_CASES
    assert {grad_check(a, n)[1] for a, n in _GRAD_CASES} == {"wrong", "suspect", "fine only near a kink",
                                                             "excellent"}


def test_sgd_with_blank_functions_inside_says_not_yet(capsys):
    def uses_blank(weights, biases, X, y, *rest):
        z, a = (lambda *args: None)(weights, biases, X)       # a blank my_forward
        return weights, biases
    verdict = check_sgd(uses_blank)
    assert not verdict.passed and "earlier checks" in verdict.message


def test_the_lesson_settings_reach_95_percent_on_the_digits_for_five_seeds():
    """Lesson 09's payoff with the checks' reference SGD: 64-32-10 sigmoid, ½ squared error, lr 3, batch 10,
    30 epochs."""
    from backprop.data import load_digits
    from backprop.init import initial_parameters
    digits = load_digits()
    Y = np.eye(10)[digits.y_train]
    for seed in range(5):
        weights, biases = initial_parameters([64, 32, 10], "xavier", np.random.default_rng(seed))
        sgd(weights, biases, digits.X_train, Y, 3.0, 10, 30, seed)
        predicted = right_forward(weights, biases, digits.X_test)[1][-1].argmax(axis=1)
        assert np.mean(predicted == digits.y_test) >= 0.95, seed


def test_ready_says_not_yet_until_the_checks_have_passed(monkeypatch, capsys):
    from backprop.exercises import _progress, ready
    monkeypatch.setattr(_progress, "_passed_this_kernel", {"check_forward": True, "check_backward": False})
    assert not ready("check_forward", "check_backward", "check_sgd")
    assert capsys.readouterr().out == ("✗ not yet — this cell runs your code: first make check_backward and "
                                       "check_sgd pass (above).\n")
    assert ready("check_forward") and capsys.readouterr().out == ""


def test_a_blank_gets_a_hint_on_how_to_start(capsys):
    from backprop.exercises.capstone import check_backward, check_forward
    for check in (check_forward, check_backward, check_numerical_gradient, check_gradient_check, check_sgd):
        message = check(lambda *args: None).message
        assert "returns None" in message and len(message.split("returns None")[1]) > 60, check.__name__


def test_sgd_must_run_the_passes_it_is_given(capsys):
    """Section 7 trains with my_sgd(..., forward=softmax_forward, backward=softmax_backward)."""
    def without(weights, biases, X, y, lr, batch_size, epochs, seed):
        return sgd(weights, biases, X, y, lr, batch_size, epochs, seed)

    def ignoring(weights, biases, X, y, lr, batch_size, epochs, seed, forward=None, backward=None):
        return sgd(weights, biases, X, y, lr, batch_size, epochs, seed)
    verdicts = [check_sgd(without), check_sgd(ignoring)]
    assert [v.mistake for v in verdicts] == ["passes", "passes"] and verdicts[0].message != verdicts[1].message
