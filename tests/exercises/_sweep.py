"""The tests every exercise check gets, built from a test module's cases.

A module of tests/exercises/ declares its checks as
    CASES = {name: Case(check, right, {mistake code: wrong answer, ...}), ...}
and gets the sweep with ``TestSweep = sweep(CASES)``: a right answer passes with no
mistake code, each named mistake gets its own code and hint, hints differ between
mistakes, a blank answer (None) is "not yet", a learner's exception is reported, not
raised, and an answer no hint names shows "expected:" and "yours:".

The right answers are written by hand (plain numpy), independently of the core.
"""
from typing import Callable, NamedTuple, Optional

import numpy as np
import pytest


class Case(NamedTuple):
    check: Callable
    right: Callable
    mistakes: dict                              # mistake code → a wrong answer that makes it
    unrecognised: Optional[Callable] = None     # wrong in a way no hint names; default: right + 0.123


def sig(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def dsig(z):
    return sig(z) * (1 - sig(z))


def right_forward(weights, biases, X):
    """Lesson 09's forward pass, by hand: z[0] None, a[0] X, then z = a @ W.T + b and a = σ(z) per layer."""
    z, a = [None], [X]
    for W, b in zip(weights, biases):
        z.append(a[-1] @ W.T + b)
        a.append(sig(z[-1]))
    return z, a


def blank(*args):
    return None


def raising(exc):
    def broken(*args):
        raise exc
    return broken


ERRORS = [KeyError("w13"), ZeroDivisionError("oops")]


def _off_by_a_bit(right):
    return lambda *args: np.asarray(right(*args), dtype=float) + 0.123


def sweep(cases):
    """A test class running the generic tests on each of ``cases`` (name → Case)."""
    names = list(cases)
    mistakes = [(name, code) for name, case in cases.items() for code in case.mistakes]
    errors = [(name, exc) for name in names for exc in ERRORS]

    class TestSweep:
        @pytest.mark.parametrize("name", names)
        def test_right_answer_passes(self, name, capsys):
            case = cases[name]
            verdict = case.check(case.right)
            assert verdict.passed and verdict.mistake == ""
            assert "✓ passed" in capsys.readouterr().out

        @pytest.mark.parametrize("name, code", mistakes, ids=[f"{n}-{c}" for n, c in mistakes])
        def test_each_named_mistake_gets_its_own_hint(self, name, code, capsys):
            case = cases[name]
            verdict = case.check(case.mistakes[code])
            assert not verdict.passed and verdict.mistake == code
            assert "✗ not yet" in capsys.readouterr().out

        @pytest.mark.parametrize("name", names)
        def test_hints_differ_between_mistakes(self, name, capsys):
            case = cases[name]
            messages = [case.check(wrong).message for wrong in case.mistakes.values()]
            assert len(set(messages)) == len(messages)

        @pytest.mark.parametrize("name", names)
        def test_blank_answer_is_not_yet(self, name, capsys):
            verdict = cases[name].check(blank)
            assert not verdict.passed and "not yet" in verdict.message
            assert "not yet" in capsys.readouterr().out and "returns None" in verdict.message

        @pytest.mark.parametrize("name, exc", errors, ids=[f"{n}-{type(e).__name__}" for n, e in errors])
        def test_learner_exception_is_reported_not_raised(self, name, exc, capsys):
            verdict = cases[name].check(raising(exc))
            assert not verdict.passed and f"raised {type(exc).__name__}" in capsys.readouterr().out
            assert exc.args[0] in verdict.message

        @pytest.mark.parametrize("name", names)
        def test_unrecognised_mistake_shows_expected_and_given(self, name, capsys):
            case = cases[name]
            verdict = case.check(case.unrecognised or _off_by_a_bit(case.right))
            assert not verdict.passed and verdict.mistake == ""
            assert "expected:" in verdict.message and "yours:" in verdict.message

    return TestSweep
