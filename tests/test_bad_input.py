"""Bad input raises ValueError/TypeError whose message says what was expected and what to do."""
import numpy as np
import pytest

from backprop import Network, gradient_check
from backprop.data import load_digits


@pytest.fixture
def net():
    return Network([3, 2, 1], seed=0)


@pytest.mark.parametrize("X, words", [
    (np.ones((4, 2)), r"X must have shape \(n_examples, 3\).*got shape \(4, 2\)"),
    (np.ones((3, 5)), r"did you pass X transposed\? try X.T"),
    (np.ones((0, 3)), r"empty batch"),
    (np.ones((2, 3, 1)), r"one example per row"),
    ([[1.0, np.nan, 0.0]], r"X must hold finite numbers; got NaN — remove or replace"),
    ([[1.0, np.inf, 0.0]], r"X must hold finite numbers; got infinity"),
])
def test_wrong_inputs(net, X, words):
    with pytest.raises(ValueError, match=words):
        net.forward(X)


def test_text_inputs(net):
    with pytest.raises(TypeError, match="X must be numbers"):
        net.forward(["a", "b", "c"])


@pytest.mark.parametrize("y, error, words", [
    (np.ones((4, 2)), ValueError, r"y must have shape \(4, 1\)"),
    ([0.5, np.nan, 0.1, 0.2], ValueError, r"y must hold finite numbers; got NaN"),
    (None, TypeError, r"y must be numbers"),
])
def test_wrong_targets(net, y, error, words):
    with pytest.raises(error, match=words):
        net.loss(np.ones((4, 3)), y)


def test_labels_out_of_range():
    net = Network([3, 4], output_activation="softmax", loss="cross_entropy")
    with pytest.raises(ValueError, match=r"class labels must be whole numbers from 0 to 3"):
        net.loss(np.ones((2, 3)), [1, 7])


@pytest.mark.parametrize("kwargs, error, words", [
    ({"sizes": [3]}, ValueError, r"sizes must list 2 or more layer sizes.*e\.g\. \[2, 2, 1\]"),
    ({"sizes": 3}, TypeError, r"sizes must list 2 or more layer sizes"),
    ({"sizes": [3, 0, 1]}, ValueError, r"whole number ≥ 1"),
    ({"sizes": [3, 2.5, 1]}, ValueError, r"whole number ≥ 1"),
    ({"activation": "sigmod"}, ValueError, r"unknown activation 'sigmod'; choose one of 'sigmoid'"),
    ({"activation": 3}, TypeError, r"activation must be a name"),
    ({"loss": "mse"}, ValueError, r"unknown loss 'mse'.*'half_squared_error' or 'squared_error'"),
    ({"activation": "softmax"}, ValueError, r"output layer only.*output_activation='softmax'"),
    ({"loss": "cross_entropy"}, ValueError, r"needs output_activation='softmax'"),
    ({"init": "gaussian"}, ValueError, r"unknown init 'gaussian'"),
    ({"init": -1.0}, ValueError, r"init \(an initial weight scale\) must be a finite number ≥ 0; got -1\.0"),
])
def test_bad_construction(kwargs, error, words):
    args = {"sizes": [3, 2, 1], **kwargs}
    with pytest.raises(error, match=words):
        Network(**args)


def test_transposed_weights_are_named():
    with pytest.raises(ValueError, match=r"weights\[0\] must have shape \(2, 3\); got \(3, 2\) — did you transpose it\?"):
        Network.from_parameters([np.ones((3, 2)), np.ones((1, 2))], [np.zeros(2), np.zeros(1)])


def test_wrong_weight_assigned_by_hand_is_caught(net):
    net.weights[1] = np.ones((2, 1))
    with pytest.raises(ValueError, match=r"weights\[1\] must have shape \(1, 2\); got \(2, 1\) — did you transpose it\?"):
        net.forward(np.ones(3))


def test_plain_lists_assigned_by_hand_are_accepted(net):
    net.weights[0] = [[0.1, 0.2, 0.3], [0.0, 0.0, 0.0]]
    assert net.forward(np.ones(3)).z[1][0] == pytest.approx([0.6, 0.0])


def test_nan_weight_is_refused(net):
    with pytest.raises(ValueError, match=r"weights\[0\] must hold finite numbers; got NaN"):
        net.weights = [np.full((2, 3), np.nan), np.ones((1, 2))]


def test_mismatched_parameter_lists():
    with pytest.raises(ValueError, match="one weight matrix and one bias vector per layer"):
        Network.from_parameters([np.ones((2, 3))], [])
    with pytest.raises(ValueError, match=r"got 2 weight matrices and 1 bias vectors"):
        Network.from_parameters([np.ones((2, 3)), np.ones((1, 2))], [np.zeros(2)])
    with pytest.raises(ValueError, match=r"weights\[1\] must have shape \(2, 2\); got \(1, 2\)"):
        Network.from_parameters([np.ones((2, 3)), np.ones((1, 2))], [np.zeros(2), np.zeros(2)])


@pytest.mark.parametrize("kwargs, error, words", [
    ({"lr": 0}, ValueError, r"lr \(the learning rate\) must be a finite number greater than 0; got 0"),
    ({"lr": -0.1}, ValueError, r"must be a finite number greater than 0"),
    ({"lr": "fast"}, TypeError, r"lr \(the learning rate\) must be a number"),
    ({"batch_size": 0}, ValueError, r"batch_size must be a whole number ≥ 1; got 0"),
    ({"batch_size": 2.5}, TypeError, r"batch_size must be a whole number"),
    ({"epochs": 0}, ValueError, r"epochs must be a whole number ≥ 1; got 0"),
    ({"dropout": 1.0}, ValueError, r"dropout must be a finite number from 0 up to \(not including\) 1"),
    ({"weight_decay": -1}, ValueError, r"weight_decay must be a finite number ≥ 0"),
])
def test_bad_training_options(net, kwargs, error, words):
    with pytest.raises(error, match=words):
        net.fit(np.ones((4, 3)), np.ones((4, 1)), **{"epochs": 1, "batch_size": 2, "lr": 0.1, **kwargs})


def test_step_needs_matching_gradients(net):
    other = Network([3, 5, 1])
    grads = other.backward(other.forward(np.ones(3)), [1.0])
    with pytest.raises(ValueError, match="another shape"):
        net.step(grads, 0.1)
    with pytest.raises(ValueError, match="must be a finite number greater than 0"):
        net.step(net.backward(net.forward(np.ones(3)), [1.0]), 0)
    with pytest.raises(TypeError, match="gradients from net.backward"):
        net.step([np.ones((2, 3))], 0.1)


def test_backward_needs_a_trace(net):
    with pytest.raises(TypeError, match=r"call trace = net.forward\(X\) first"):
        net.backward(np.ones((1, 3)), [1.0])


def test_gradient_check_reports_bad_input(net):
    with pytest.raises(ValueError, match="X must have shape"):
        gradient_check(net, np.ones((2, 4)), np.ones((2, 1)))


def test_bad_split_fraction():
    with pytest.raises(ValueError, match=r"test_fraction must be a finite number from 0 \(not included\) to 1 \(not "):
        load_digits(test_fraction=1.5)


def test_sigmoid_has_no_overflow_at_extremes():
    net = Network([1, 1])
    net.weights = [np.array([[1.0]])]
    y_hat = net.predict(np.array([[1000.0], [-1000.0]]))     # warnings are errors in this suite
    assert y_hat[:, 0] == pytest.approx([1.0, 0.0], abs=1e-300)


# ---- found by a learner's trial: each once a numpy traceback, a wrong number or nothing at all ----------------
@pytest.mark.parametrize("eps, error, words", [
    (0, ValueError, r"eps \(the nudge; default 0.001\) must be a finite number from 1e-08 to 0.1; got 0.0"),
    ("1e-5", TypeError, r"eps \(the nudge; default 0.001\) must be a number"),     # was: bad operand type for -
    (-1e-5, ValueError, "got -1e-05"),                                               # was accepted
    (1e10, ValueError, "got 10000000000.0"),                                         # was 0.99999995, no word
])
def test_gradient_check_names_a_nudge_that_is_not_one(eps, error, words):
    from backprop import gradient_check
    from backprop.gradcheck import numerical_gradients
    X, y = np.array([[0.5, 0.1]]), np.array([[0.6]])
    net = Network([2, 2, 1], seed=0)
    for call in (gradient_check, numerical_gradients):
        with pytest.raises(error, match=words):
            call(net, X, y, eps=eps)


def test_minibatches_take_a_seed_as_well_as_a_generator():
    from backprop.training import minibatches
    by_seed = minibatches(10, 3, 0)                  # was: 'int' object has no attribute 'permutation'
    by_generator = minibatches(10, 3, np.random.default_rng(0))
    assert [b.tolist() for b in by_seed] == [b.tolist() for b in by_generator]
    assert sorted(np.concatenate(by_seed).tolist()) == list(range(10)) and [len(b) for b in by_seed] == [3, 3, 3, 1]
    for bad in ("0", None, 1.5, True):
        with pytest.raises(TypeError, match="rng must be a numpy Generator .* or a whole-number seed"):
            minibatches(10, 3, bad)


def test_a_network_too_large_for_memory_is_refused_before_numpy_tries():
    with pytest.raises(ValueError, match=r"would hold 1,000,004,000,000 weights and biases \(8,000.0 GB\).*fewer or "
                                         "narrower layers"):
        Network([2, 10**6, 10**6])                   # was: numpy's 'Unable to allocate 7.28 TiB'
    assert Network([784, 1000, 10]).sizes == [784, 1000, 10]


def test_accuracy_of_targets_that_are_not_classes_says_to_use_the_loss():
    net = Network([2, 3, 1], seed=0)
    X = np.array([[0.0, 1.0], [1.0, 0.0]])
    with pytest.raises(ValueError, match=r"got 0.37 among them .*\(net.loss\(X, y\)\)"):
        net.accuracy(X, np.array([0.37, 0.9]))       # was: 0.0, silently
    predicted = net.classify(X)
    assert net.accuracy(X, predicted) == 1.0 and net.accuracy(X, predicted[:, None].astype(float)) == 1.0
