"""Half-finished learner code: every check says "not yet", names the entry that is missing or malformed,
and never lets an exception out (a learner trial found lesson 09's checks crashing on such code).

Each test is one learner's wrong code, written as a learner would, in plain numpy."""
import numpy as np
import pytest

from backprop.exercises import (check_backward, check_forward, check_gradient_check, check_layer_forward,
                                check_numerical_gradient, check_sgd, check_sigmoid, check_softmax_delta,
                                check_update, check_value)

from ._sweep import dsig, right_forward, sig


def judge(check, answer):
    """The verdict of check(answer), failing the test (not erroring) if anything escapes the check."""
    try:
        verdict = check(answer)
    except Exception as exc:                     # the point of these tests: nothing may escape
        pytest.fail(f"{check.__name__} raised {type(exc).__name__}: {exc}")
    assert not verdict.passed and "✗ not yet" in verdict.message
    return verdict.message


# ---- check_backward ---------------------------------------------------------------------------
def test_backward_without_the_loop_names_the_layers_it_did_not_reach():
    def my_backward(weights, z, a, y, delta_out=None):      # forgot the loop: only the last layer is filled
        d, n = len(weights), len(y)
        gw, gb = [None] * d, [None] * d
        delta = (a[d] - y) * dsig(z[d])
        gw[d - 1] = delta.T @ a[d - 1] / n
        gb[d - 1] = delta.mean(0)
        return gw, gb
    message = judge(check_backward, my_backward)
    assert "grad_weights[0]" in message and "None" in message and "did not reach layers 1" in message
    assert "range(len(weights), 0, -1)" in message


def test_backward_with_a_string_entry_says_it_is_not_an_array():
    def my_backward(weights, z, a, y, delta_out=None):
        return ["todo"] * len(weights), [np.zeros(len(b)) for b in weights]
    message = judge(check_backward, my_backward)
    assert "grad_weights[0] is a string" in message


def test_backward_with_a_ragged_entry_says_so():
    def my_backward(weights, z, a, y, delta_out=None):
        return [[[1.0, 2.0], [3.0]]] * len(weights), [np.zeros(len(W)) for W in weights]
    message = judge(check_backward, my_backward)
    assert "grad_weights[0] is ragged" in message


def test_backward_with_nan_entries_says_so():
    def my_backward(weights, z, a, y, delta_out=None):
        return [np.full(W.shape, np.nan) for W in weights], [np.zeros(len(W)) for W in weights]
    message = judge(check_backward, my_backward)
    assert "grad_weights[0] holds nan or inf" in message


def test_backward_raising_a_matmul_mismatch_gets_a_hint_about_shapes():
    def my_backward(weights, z, a, y, delta_out=None):
        delta = (a[-1] - y) * dsig(z[-1])
        return [delta @ a[-2]], [delta.mean(0)]                 # (n, n_out) @ (n, n_in): does not fit
    message = judge(check_backward, my_backward)
    assert "raised ValueError" in message and "delta.T @ a[L-1]" in message


# ---- check_forward ----------------------------------------------------------------------------
def test_forward_with_only_layer_1_filled_names_the_layers_never_computed():
    def my_forward(weights, biases, X):
        L = len(weights)
        z, a = [None] * (L + 1), [X] + [None] * L
        z[1] = X @ weights[0].T + biases[0]
        a[1] = sig(z[1])
        return z, a
    message = judge(check_forward, my_forward)
    assert "z[2]" in message and "None" in message and "layers 2 and 3 were never computed" in message


def test_forward_raising_a_matmul_mismatch_gets_a_hint_about_shapes():
    def my_forward(weights, biases, X):
        z, a = [None], [X]
        for W, b in zip(weights, biases):
            z.append(W @ a[-1] + b)                             # (n_out, n_in) @ (n, n_in): does not fit
            a.append(sig(z[-1]))
        return z, a
    message = judge(check_forward, my_forward)
    assert "core dimension" in message                          # numpy's words, then the hint:
    assert "X is (n, n_in)" in message and "W is (n_out, n_in)" in message and "X @ W.T" in message


def test_forward_given_a_class_says_to_pass_the_function():
    class MyForward:
        def __init__(self, weights, biases, X):
            self.z = None
    message = judge(check_forward, MyForward)
    assert "MyForward is a class" in message and "raised" not in message


def test_forward_with_a_string_entry_says_it_is_not_an_array():
    def my_forward(weights, biases, X):
        z, a = right_forward(weights, biases, X)
        a[1] = "sigmoid(z)"
        return z, a
    message = judge(check_forward, my_forward)
    assert "a[1] is a string" in message


# ---- check_numerical_gradient -----------------------------------------------------------------
def test_numerical_gradient_of_nones_names_the_entries_never_filled():
    message = judge(check_numerical_gradient, lambda f, params, eps: [None] * len(params))
    assert "result[0] and result[1] are None" in message and "params[0]" in message


def test_numerical_gradient_that_replaces_a_parameter_says_to_work_in_place():
    def my_numerical_gradient(loss_fn, params, eps):
        params[0] = params[0] + eps                             # a new array: loss_fn never sees it
        return [np.zeros_like(p) for p in params]
    message = judge(check_numerical_gradient, my_numerical_gradient)
    assert "params[0] is no longer the array it was" in message


# ---- check_gradient_check ---------------------------------------------------------------------
def test_gradient_check_returning_nones_names_the_error():
    message = judge(check_gradient_check, lambda analytic, numeric: (None, None))
    assert "the error should be one number" in message and "None" in message


def test_gradient_check_with_an_array_for_a_word_says_so():
    def my_gradient_check(analytic, numeric):
        errors = [np.max(np.abs(a - n) / np.maximum(np.maximum(np.abs(a), np.abs(n)), 1e-300)
                         * (np.maximum(np.abs(a), np.abs(n)) >= 1e-7)) for a, n in zip(analytic, numeric)]
        error = max(errors)
        return error, np.array(["wrong", "excellent"])         # a word per array, not one word
    message = judge(check_gradient_check, my_gradient_check)
    assert "the word should be a string" in message


# ---- check_sgd --------------------------------------------------------------------------------
def test_sgd_that_leaves_none_in_the_weights_names_the_layer():
    def my_sgd(weights, biases, X, y, lr, batch_size, epochs, seed, forward=None, backward=None):
        weights[0] = None                                       # a half-written update
        return weights, biases
    message = judge(check_sgd, my_sgd)
    assert "weights[0] is None" in message and "in place" in message


def test_sgd_that_leaves_a_string_in_the_biases_names_it():
    def my_sgd(weights, biases, X, y, lr, batch_size, epochs, seed, forward=None, backward=None):
        biases[-1] = "todo"
        return weights, biases
    message = judge(check_sgd, my_sgd)
    assert "biases[1] is a str" in message                     # the first case is a 3-4-2 network


# ---- check_softmax_delta ----------------------------------------------------------------------
def test_softmax_delta_blank_gets_a_hint_on_how_to_start():
    def my_softmax_delta(z_out, y):
        pass
    message = judge(check_softmax_delta, my_softmax_delta)
    assert "returns None" in message and "Start with" in message and "keepdims=True" in message


# ---- check_value ------------------------------------------------------------------------------
class BlankValue:
    def __init__(self, data, parents=()):
        self.data, self.grad, self.parents = float(data), 0.0, parents


def test_value_given_an_instance_says_to_pass_the_class():
    message = judge(check_value, BlankValue(3.0))
    assert "an instance of BlankValue" in message and "check_value(Value)" in message
    assert "your function" not in message


def test_value_given_a_function_says_it_takes_the_class():
    message = judge(check_value, right_forward)
    assert "right_forward is a function" in message and "check_value(Value)" in message


def test_value_class_that_raises_is_reported_as_the_class_not_a_function():
    message = judge(check_value, BlankValue)                  # no __mul__, no backward(): raises inside
    assert "your function raised" not in message and "with your class and calling backward() raised" in message


def test_value_class_whose_grad_stays_none_says_so():
    class Value(BlankValue):
        def __init__(self, data, parents=()):
            super().__init__(data, parents)
            self.grad = None

        def _op(self, other, data):
            other = other if isinstance(other, Value) else Value(other)
            return Value(data(other), (self, other))

        def __add__(self, other):
            return self._op(other, lambda o: self.data + o.data)

        def __mul__(self, other):
            return self._op(other, lambda o: self.data * o.data)

        __radd__, __rmul__ = __add__, __mul__

        def sigmoid(self):
            return Value(1 / (1 + np.exp(-self.data)), (self,))

        def backward(self):
            pass
    message = judge(check_value, Value)
    assert "a leaf's .grad is None" in message


# ---- lessons 00–08: check_function's checks -----------------------------------------------------
def test_a_result_holding_none_says_where():
    message = judge(check_sigmoid, lambda z: [None] * len(z))
    assert "holds None" in message and "returns None" not in message


def test_a_result_that_is_a_string_says_so():
    message = judge(check_sigmoid, lambda z: "1 / (1 + np.exp(-z))")
    assert "is a string" in message


def test_a_ragged_result_says_so():
    message = judge(check_layer_forward, lambda *args: [[0.5, 0.6], [0.7]])
    assert "ragged" in message


def test_a_result_with_inf_says_so():
    message = judge(check_sigmoid, lambda z: np.exp(np.asarray(z) * 1000.0) / np.exp(np.asarray(z) * 1000.0))
    assert "nan or inf" in message


def test_a_class_passed_for_a_function_says_so():
    class Update:
        def __init__(self, weights, grad, lr):
            self.weights = weights
    message = judge(check_update, Update)
    assert "Update is a class" in message
