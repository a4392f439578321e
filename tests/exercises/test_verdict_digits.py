"""The verdict's "expected" and "yours" lines (backprop.exercises.toolkit) never look identical."""
import numpy as np

from backprop.exercises.compare import check_function


def test_a_tiny_difference_is_printed_with_enough_digits(capsys):
    right = np.array([0.12345678, 2.0])
    verdict = check_function("check_demo", lambda: right * (1 + 1e-5), [()], lambda: right)
    expected = verdict.message.split("expected:")[1].split("\n")[0].strip()
    yours = verdict.message.split("yours:")[1].strip()
    assert not verdict.passed and expected != yours
    assert expected == "[0.12346 2.     ]" and yours == "[0.12346 2.00002]"


def test_a_clear_difference_keeps_four_decimals(capsys):
    verdict = check_function("check_demo", lambda: np.array([1.5]), [()], lambda: np.array([0.25]))
    assert "expected: [0.25]" in verdict.message and "yours:    [1.5]" in verdict.message


def test_lesson_09_prints_enough_digits_too():
    from backprop.exercises.toolkit import differs
    right = np.array([0.12345678, 2.0])
    message = differs("weights[0]", right, right * (1 + 1e-5))
    expected = message.split("expected:")[1].split("\n")[0].strip()
    assert expected != message.split("yours:")[1].strip() and expected == "[0.12346 2.     ]"


def test_an_ignored_eps_is_reported_without_a_made_up_value(capsys):
    from backprop.exercises.capstone_numeric import check_numerical_gradient, numerical_gradient
    verdict = check_numerical_gradient(lambda f, p, eps: numerical_gradient(f, p, 1e-6))
    assert verdict.mistake == "eps_ignored" and "match eps" not in verdict.message
    verdict = check_numerical_gradient(lambda f, p, eps: numerical_gradient(f, p, 1e-2))
    assert verdict.mistake == "eps_ignored" and "they match eps = 0.01 exactly" in verdict.message
