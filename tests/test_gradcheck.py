"""backprop.gradcheck: lesson 03's number with an absolute floor, and a report that names
every parameter at a ReLU kink or with both gradients ~0, so correct backprop is never
called wrong without saying why."""
import numpy as np
import pytest

from backprop import Network, gradient_check
from backprop.data import worked_example
from backprop.gradcheck import EXCELLENT, FLOOR, relative_error


def test_at_a_relu_kink_the_number_is_large_and_the_report_says_why():
    net = Network.from_parameters([[[1.0]], [[1.0]]], [[0.0], [0.0]], "relu", "identity")
    result = gradient_check(net, [[0.0]], [[1.0]])
    assert float(result) == pytest.approx(1.0)              # backward says 0 for b⁽¹⁾₁; the nudge sees ~−0.5
    assert result.kinks == ["b⁽¹⁾₁"]
    assert result.flat == ["w⁽¹⁾₁₁", "w⁽²⁾₁₁"]              # x = 0 and a⁽¹⁾ = 0: both gradients are exactly 0
    assert "b⁽¹⁾₁: a nudge crosses a ReLU kink" in result.report()


def test_at_an_exact_minimum_the_floor_keeps_rounding_noise_from_looking_like_a_bug():
    net = Network.from_parameters([[[0.7]], [[1.3]]], [[0.2], [-0.4]])
    x = np.array([[0.9]])
    y = net.predict(x)                                     # the target is the prediction: C = 0, ∂C/∂p = 0
    np.testing.assert_array_equal(np.concatenate([g.ravel() for g in net.backward(net.forward(x), y).parameters()]), 0)
    result = gradient_check(net, x, y)
    assert result < EXCELLENT                               # it was 1.0 without the floor
    assert result.flat == ["w⁽¹⁾₁₁", "b⁽¹⁾₁", "w⁽²⁾₁₁", "b⁽²⁾₁"] and result.kinks == []


def test_lesson_03s_numbers_are_unchanged():
    net, x, y = worked_example()
    result = gradient_check(net, x, y)
    assert 1e-13 < result < 1e-11 and result.kinks == [] and result.flat == []
    assert "excellent" in result.report()


def test_relative_error_formula_and_floor():
    assert relative_error(np.array([1.0, 0.0]), np.array([1.0, 0.0])) == 0.0
    assert relative_error(np.array([2.0]), np.array([1.0])) == pytest.approx(1 / 3)
    assert relative_error(np.array([0.0]), np.array([1e-12])) == pytest.approx(1e-12 / FLOOR)


def test_every_failure_on_random_small_relu_networks_is_explained():
    """Correct backprop on 200 random small ReLU networks: wherever lesson 03's rule (1e-7) fails,
    the report names a kink or a flat parameter, and every other entry is fine."""
    failures = explained = 0
    for seed in range(200):
        rng = np.random.default_rng(seed)
        sizes = [int(s) for s in rng.integers(1, 4, size=3)]
        net = Network(sizes, "relu", "identity", seed=seed)
        result = gradient_check(net, rng.normal(size=(3, sizes[0])), rng.normal(size=(3, sizes[-1])))
        if result >= EXCELLENT:
            failures += 1
            explained += bool(result.kinks or result.flat)
        trusted = [e.error for e in result.entries if not (e.at_kink or e.flat)]
        assert max(trusted, default=0.0) < 1e-6, (seed, result.report())
    assert failures == explained and failures > 0          # there were kinks to explain, and each was


def test_a_wrong_backward_is_still_called_wrong():
    net, x, y = worked_example()

    class Wrong(Network):
        def _backward(self, trace, Y):
            grads = super()._backward(trace, Y)
            grads.weights[0] = 2 * grads.weights[0]
            return grads
    bad = Wrong.from_parameters(net.weights, net.biases)
    result = gradient_check(bad, x, y)
    assert result > 1e-2 and "wrong" in result.report() and result.kinks == []


@pytest.mark.parametrize("exponent", [0, 100, 160, 190, 250, 300])
def test_relative_error_is_finite_for_huge_finite_gradients(exponent):
    analytic = np.array([[3.0, -4.0], [1.0, 2.0]]) * 10.0 ** exponent
    numeric = analytic * (1 + 1e-6)
    assert relative_error(analytic, numeric) == pytest.approx(1e-6 / (2 + 1e-6), rel=1e-6)


# ---- the notebook display of a check at a kink ---------------------------------------------------
def kinked_checks():
    """Checks whose nudges cross a ReLU kink: the 1-1-1 network at z = 0, and wider ones put on a kink."""
    net = Network.from_parameters([[[1.0]], [[1.0]]], [[0.0], [0.0]], "relu", "identity")
    yield gradient_check(net, [[0.0]], [[1.0]])
    for seed in range(3):
        wide = Network([2, 3, 1], activation="relu", output_activation="sigmoid", seed=seed)
        x = np.array([[0.5, 0.1]])
        wide.biases[0][0] -= wide.forward(x).z[1][0, 0] - 0.0005            # hidden neuron 1 at z = 0.0005
        yield gradient_check(wide, x, [[0.6]])


def shown(value):
    """What a notebook stores for ``value`` as a cell's last line: {mime type: text}."""
    from IPython.core.formatters import DisplayFormatter
    return DisplayFormatter().format(value)[0]


@pytest.mark.parametrize("check", list(kinked_checks()))
def test_at_a_kink_the_notebook_display_explains_while_the_float_stays_a_float(check):
    assert check.kinks
    data = shown(check)
    assert data["text/plain"].startswith(repr(float(check)) + " — a nudge crossed a ReLU kink")
    assert check.report() in data["text/plain"]
    assert data["text/markdown"].startswith(f"**{float(check)!r}** — a nudge crossed a ReLU kink")
    assert "- " + check.report().splitlines()[-1] in data["text/markdown"]
    value = float(check)                                   # a float everywhere else: text and arithmetic
    assert str(check) == str(value) and repr(check) == repr(value) and f"{check:.3e}" == f"{value:.3e}"
    assert check * 2 == value * 2 and check + 1 == value + 1 and check < 2 and type(check - 0) is float


def test_print_of_a_check_is_a_floats(capsys):
    check = next(kinked_checks())
    print(check, f"{check:.2f}")
    assert capsys.readouterr().out == f"{float(check)} {float(check):.2f}\n"


def test_without_a_kink_the_display_is_the_floats():
    net, x, y = worked_example()
    check = gradient_check(net, x, y)
    assert shown(check) == {"text/plain": repr(float(check))}
