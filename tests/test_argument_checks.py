"""backprop.checks, the one vocabulary of argument checks of the core and the views: every refusal is a
TypeError (wrong kind) or ValueError (wrong value) reading "<name> must be …; got …", never numpy's words
nor a warning; what passes comes back as a float, an int or a float64 array."""
import re
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop import Network, checks

pytestmark = [pytest.mark.filterwarnings("error::RuntimeWarning"),   # numpy's overflow, invalid, divide …
              pytest.mark.filterwarnings("error::UserWarning"), pytest.mark.filterwarnings("error::DeprecationWarning")]
STYLE = re.compile(r"^(?P<name>\S.*?) must (be|hold|list|have) .+; got .+")
NUMPY_WORDS = re.compile("ufunc|broadcast|operands|could not convert", re.IGNORECASE)
NOT_NUMBERS = [None, "0.5", "abc", [0.5], [], {"a": 1}, 1 + 2j, True, np.bool_(False), np.array([0.1, 0.2]), object()]
NOT_FINITE = [float("nan"), float("inf"), -float("inf"), np.float32("nan"), np.array(np.inf)]


def refused(call, name):
    with pytest.raises((TypeError, ValueError)) as error:
        call()
    message = str(error.value)
    match = STYLE.match(message)
    assert match and match["name"] == name, message
    assert not NUMPY_WORDS.search(message), message
    return message


@pytest.mark.parametrize("value", NOT_NUMBERS + NOT_FINITE)
@pytest.mark.parametrize("check", [checks.number, checks.positive, checks.nonnegative, checks.fraction])
def test_a_finite_real_number_one_way_everywhere(check, value):
    refused(lambda: check(value, "lr"), "lr")


@pytest.mark.parametrize("check, outside, words", [
    (checks.positive, [0, 0.0, -1e-300, -5], "a finite number greater than 0"),
    (checks.nonnegative, [-1e-300, -1], "a finite number ≥ 0"),
    (checks.fraction, [1.0, 1.5, -0.1], "a finite number from 0 up to (not including) 1"),
])
def test_each_range_is_named_with_the_value_given(check, outside, words):
    for value in outside:
        assert refused(lambda: check(value, "rate"), "rate") == f"rate must be {words}; got {float(value)!r}"


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-10 ** 6, 10 ** 6))
def test_every_finite_real_comes_back_as_a_python_float(value):
    for given_as in (value, np.float32(value) if abs(value) < 1e38 else value, np.array(value)):
        out = checks.number(given_as, "x")
        assert type(out) is float and out == float(given_as)


def test_number_takes_closed_and_open_ends():
    assert checks.number(1.0, "y", 0.0, 1.0) == 1.0 and checks.number(0, "y", 0.0, 1.0) == 0.0
    assert refused(lambda: checks.number(1.0, "y", 0.0, 1.0, high_open=True), "y").endswith("; got 1.0")
    assert "from 0 (not included) to 1 (not included)" in refused(
        lambda: checks.number(0.0, "y", 0.0, 1.0, low_open=True, high_open=True), "y")
    assert "≤ 3" in refused(lambda: checks.number(4, "y", high=3), "y")


@pytest.mark.parametrize("value", [2.5, 3.0, np.float64(2.0), "3", None, True, [1], 1 + 0j])
def test_a_whole_number_is_an_integer_type_not_a_float_that_looks_whole(value):
    assert "a whole number such as 1" in refused(lambda: checks.whole(value, "epochs", low=1), "epochs")


def test_whole_numbers_in_and_out_of_range():
    assert checks.whole(np.int64(3), "n") == 3 and type(checks.whole(np.array(3), "n")) is int
    assert refused(lambda: checks.whole(0, "epochs", low=1), "epochs") == "epochs must be a whole number ≥ 1; got 0"
    assert refused(lambda: checks.whole(9, "depth", 1, 8), "depth") == "depth must be a whole number from 1 to 8; got 9"


def test_choice_lists_the_names():
    assert checks.choice("relu", "activation", ("relu", "tanh")) == "relu"
    for value in ("Relu", "", None, ["relu"], 3):
        assert "must be one of 'relu', 'tanh'" in refused(lambda: checks.choice(value, "activation", ("relu", "tanh")),
                                                          "activation")


@pytest.mark.parametrize("value, kind", [
    (None, TypeError), ("abc", TypeError), (["1", "2"], TypeError), ([[1, 2], [3]], TypeError), ({"x": 1}, TypeError),
    ([1 + 2j], TypeError), ([None, 1.0], TypeError), ([1.0, np.nan], ValueError), ([[np.inf]], ValueError),
    (np.array([-np.inf, 1], dtype=np.float32), ValueError),
])
def test_float_arrays_refuse_what_is_not_finite_numbers(value, kind):
    with pytest.raises(kind):
        checks.float_array(value, "X")
    message = refused(lambda: checks.float_array(value, "X"), "X")
    if kind is ValueError:
        bad = "NaN" if np.isnan(np.asarray(value, dtype=float)).any() else "infinity"
        assert f"X must hold finite numbers; got {bad} — remove or replace those entries" in message
    if value is None:
        assert "did a function forget to return its result?" in message


def test_float_arrays_accept_numbers_in_any_container_as_float64():
    for value in ([1, 2], (0.5, 1), np.arange(3, dtype=np.float32), [True, False], [Fraction(1, 2)], 3,
                  [[1e308, 1e308]]):
        out = checks.float_array(value, "X")
        assert out.dtype == np.float64 and np.array_equal(out, np.asarray(value, dtype=float))
    already = np.ones(4)
    assert checks.float_array(already, "X") is already                    # no copy on the hot path


def test_shape_names_a_transposed_matrix():
    assert refused(lambda: checks.shape(np.ones((3, 2)), "W", (2, 3)), "W") == \
        "W must have shape (2, 3); got (3, 2) — did you transpose it?"
    assert refused(lambda: checks.shape(np.ones(4), "b", (3,)), "b") == "b must have shape (3,); got (4,)"


def test_vectors_count_their_numbers():
    assert checks.vector(0.5, "x").tolist() == [0.5]
    assert checks.example([[0.5, 0.1]], "x", 2).tolist() == [0.5, 0.1]
    assert refused(lambda: checks.vector([1, 2, 3], "x", 2), "x") == "x must hold 2 numbers; got 3"
    assert refused(lambda: checks.vector([], "x"), "x") == "x must hold at least one of the numbers; got 0"
    assert "np.ravel(x)" in refused(lambda: checks.vector(np.ones((2, 2)), "x"), "x")
    assert checks.pair([1, 2], "span", increasing=True) == (1.0, 2.0)
    assert "low < high" in refused(lambda: checks.pair([2, 1], "span", increasing=True), "span")


@pytest.mark.parametrize("value", [3, "2,1", [2], [0, 1], [2.5, 1], [2, None], [True, 1], {2: 1}])
def test_layer_sizes(value):
    message = refused(lambda: checks.sizes(value), "sizes")
    assert "2 or more layer sizes, each a whole number ≥ 1, e.g. [2, 2, 1]" in message
    assert checks.sizes(np.array([3, 2, 1])) == [3, 2, 1]
    assert "2 to 4 layer sizes, each a whole number from 1 to 8" in refused(lambda: checks.sizes([2, 9], 4, 8), "sizes")


def test_network_parts_are_named():
    net = Network([2, 2, 1])
    assert checks.network(net) is net and checks.key(net, ["weights", 0, 1, 1]) == ("weights", 0, 1, 1)
    assert checks.activation("relu") == "relu" and checks.loss("cross_entropy") == "cross_entropy"
    refused(lambda: checks.network([2, 2, 1]), "net")
    refused(lambda: checks.key(net, "w11"), "parameter")
    with pytest.raises(ValueError, match=r"^unknown activation 'relux'; choose one of 'sigmoid'"):
        checks.activation("relux")


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([("lr", 0), ("lr", -1.0), ("lr", "fast"), ("lr", float("nan")), ("epochs", 0),
                        ("epochs", 2.5), ("batch_size", 0), ("batch_size", True), ("weight_decay", -1),
                        ("dropout", 1.0), ("dropout", float("inf"))]))
def test_the_core_refuses_in_the_same_words(case):
    name, value = case
    net, X = Network([2, 1], seed=0), np.ones((4, 2))
    arguments = {"epochs": 1, "batch_size": 2, "lr": 0.1, name: value}
    message = refused(lambda: net.fit(X, np.ones((4, 1)), **arguments), f"{name} (the learning rate)" if name == "lr"
                      else name)
    assert message.startswith(f"{name}")
