"""The machinery behind every exercise check: run the learner's function on
several inputs, compare with the core, and name the likely mistake.

A check never raises at the learner: it prints a verdict and returns it.
"""
import sys
from dataclasses import dataclass

import numpy as np

from . import _progress

RTOL, ATOL = 1e-6, 1e-9


@dataclass
class Verdict:
    """The outcome of one check: ``passed`` and the ``message`` that was printed."""
    exercise: str
    passed: bool
    message: str
    mistake: str = ""        # short code of the named mistake, "" when none was recognised

    def __bool__(self):
        return self.passed

    def _ipython_display_(self):
        """Nothing: the check has already printed its message."""


def check_function(exercise, learner_fn, cases, reference, mistakes=(), note="", start=""):
    """Compare ``learner_fn(*args)`` with ``reference(*args)`` for each args in ``cases``.

    ``mistakes`` is a list of (code, hint, wrong_fn): when the learner's answers equal
    ``wrong_fn``'s on every case, the hint names that mistake. ``start`` is a hint on how
    to begin, added when the function still returns None.
    """
    if isinstance(learner_fn, type):
        return _finish(exercise, False, f"{learner_fn.__name__} is a class; pass your function itself, "
                       f"e.g. {exercise}(my_function).")
    if not callable(learner_fn):
        return _finish(exercise, False, f"pass your function itself (no brackets), e.g. {exercise}(my_function); "
                       f"got {type(learner_fn).__name__}")
    given = []
    for args in cases:
        outcome = _call(learner_fn, args, start)
        if isinstance(outcome, str):
            return _finish(exercise, False, outcome)
        given.append(outcome)
    expected = [np.asarray(reference(*args), dtype=float) for args in cases]
    bad = [i for i, (g, e) in enumerate(zip(given, expected)) if not _same(g, e)]
    if not bad:
        return _finish(exercise, True, "it matches the core on every test input." + note)
    i = bad[0]
    shape_msg = _shape_problem(given[i], expected[i])
    for code, hint, wrong_fn in mistakes:
        if all(_same(g, _quiet(wrong_fn, args)) for g, args in zip(given, cases)):
            return _finish(exercise, False, hint, code)
    if shape_msg:
        return _finish(exercise, False, shape_msg, "shape")
    if not np.all(np.isfinite(given[i])):
        return _finish(exercise, False, f"your result holds nan or inf for this input: {_fmt_args(cases[i])}; "
                       f"yours: {_fmt(given[i])}. Look for a division by 0 or an np.exp that overflows.", "not_finite")
    return _finish(exercise, False, "the numbers differ from the core's for this input:\n"
                   f"    input:    {_fmt_args(cases[i])}\n    expected: {_fmt(expected[i], given[i])}\n"
                   f"    yours:    {_fmt(given[i], expected[i])}")


def _call(fn, args, start=""):
    """The learner's answer as an array, or a string saying what went wrong."""
    out, problem = run_learner(fn, [np.copy(a) if isinstance(a, np.ndarray) else a for a in args], start)
    if problem:
        return problem
    numbers, problem = as_numbers(out, "your result")
    if problem:
        return f"your function should return numbers: {problem}."
    return numbers


def run_learner(fn, args, start="", hint=lambda exc: "Read the message, fix the body and run it again."):
    """(fn(*args), "") or (None, a sentence saying what went wrong): it raised (then ``hint(exc)`` follows
    numpy's message) or returned None (then ``start``, a hint on how to begin). Never raises."""
    try:
        with np.errstate(all="ignore"):
            out = fn(*args)
    except Exception as exc:          # the learner's code may raise anything: report it, never re-raise
        return None, f"your function raised {type(exc).__name__}: {exc}. {hint(exc)}"
    if out is None:
        return None, "your function returns None — fill in its body and return the result." + (
            f" {start}" if start else "")
    return out, ""


def as_numbers(value, what):
    """(``value`` as a float array, "") or (None, a phrase saying why it is not an array of numbers):
    None, a string, a ragged list (rows of different lengths), None or other objects inside, complex numbers."""
    if value is None:
        return None, f"{what} is None"
    if isinstance(value, (str, bytes)):
        return None, f"{what} is a string, {_short(value)}, not numbers"
    if isinstance(value, type) or callable(value):
        return None, f"{what} is a {'class' if isinstance(value, type) else 'function'}, not numbers: call it"
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        return None, (f"{what} is ragged, not an array: its rows have different lengths (every row of an "
                      "array has the same number of entries)")
    if array.dtype == object:
        flat = list(array.ravel())
        nones = [np.unravel_index(k, array.shape) for k, x in enumerate(flat) if x is None]
        if nones:
            at = ", ".join(str(tuple(int(j) for j in ix)) if len(ix) != 1 else str(int(ix[0])) for ix in nones[:3])
            return None, f"{what} holds None (at {at}): an entry was never computed"
        try:
            return array.astype(float), ""
        except (TypeError, ValueError):
            kind = next(type(x).__name__ for x in flat if not isinstance(x, (int, float, np.number)))
            return None, f"{what} should hold numbers; it holds a {kind}"
    if array.dtype.kind not in "biuf":
        kind = {"U": "strings", "S": "bytes", "c": "complex numbers"}.get(array.dtype.kind, str(array.dtype))
        return None, f"{what} should hold real numbers; it holds {kind}"
    return array.astype(float), ""


def _short(value):
    text = repr(value)
    return text if len(text) <= 30 else text[:27] + "…"


def _quiet(fn, args):
    with np.errstate(all="ignore"):
        return np.asarray(fn(*args), dtype=float)


def _same(given, expected):
    return given.shape == expected.shape and np.allclose(given, expected, rtol=RTOL, atol=ATOL)


def _shape_problem(given, expected):
    if given.shape == expected.shape:
        return ""
    if given.ndim == 2 and given.shape == expected.shape[::-1]:
        return (f"your result has shape {given.shape} but should have {expected.shape} — "
                "it looks transposed: check the order of the matrix product (or use .T)")
    return f"your result has shape {given.shape}, but it should have shape {expected.shape}."


def _fmt(value, other=None):
    """value to 4 decimals, or to as many more as it takes to look different from ``other``."""
    for precision in range(4, 18):
        text = _fmt_at(value, precision)
        if other is None or np.shape(value) != np.shape(other) or text != _fmt_at(other, precision):
            return text
    return text


def _fmt_at(value, precision):
    return np.array2string(np.asarray(value, dtype=float), precision=precision, suppress_small=precision == 4)


def _fmt_args(args):
    return ", ".join(_fmt(a) for a in args)


def _finish(exercise, passed, message, mistake=""):
    text = f"{exercise}: {'✓ passed' if passed else '✗ not yet'} — {message}"
    sys.stdout.write(text + "\n")          # one write, so a stored output is never split
    _progress.record(exercise, passed)
    return Verdict(exercise, passed, text, mistake)
