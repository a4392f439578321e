"""The toolkit every exercise check is built from (lessons 00–09): the mistake record, a safe call of the
learner's code, the comparison, and the verdict.

A check runs the learner's function on several inputs, compares with the core, and when the answers
differ names the likely slip from its table of ``Mistake`` records. It never raises at the learner: it
prints one verdict and returns it.
"""
import sys
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from ._progress import passed_in_this_kernel, record

__all__ = ["Mistake", "Verdict", "table", "finish", "verdict", "call", "changed_argument", "as_numbers", "same",
           "first_named", "fmt", "differs", "listed", "passed_in_this_kernel", "NEEDS_EARLIER", "RTOL", "ATOL"]

RTOL, ATOL = 1e-6, 1e-9

# what to do when the learner's code raised because an earlier function of theirs still returns None
NEEDS_EARLIER = ("it calls a function of yours that still returns None: make the earlier checks "
                 "in this lesson pass first (check_forward, check_backward, …).")


@dataclass(frozen=True)
class Mistake:
    """One slip a check names: its short ``code``, the ``hint`` printed, and ``wrong``, which makes the slip.

    ``wrong`` makes the slip: for check_function, a function taking what the right answer takes (the check's
    test input) and returning the answer the slip gives; in lesson 09's checks, what the check rebuilds with the
    slip (a layer's delta, a reference engine or training variant). It is None for a slip the check recognises
    otherwise, by looking at what the learner's code did.
    """
    code: str
    hint: str
    wrong: Optional[Callable] = None


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


def table(*mistakes):
    """Decorator: keep a check's table of ``Mistake`` records as ``check.mistakes`` (the tests read it)."""
    def keep(check):
        check.mistakes = tuple(mistakes)
        return check
    return keep


def finish(exercise, passed, message, mistake=""):
    """Print ``exercise: ✓ passed — message`` (or ✗ not yet), record it, and return the Verdict."""
    text = f"{exercise}: {'✓ passed' if passed else '✗ not yet'} — {message}"
    sys.stdout.write(text + "\n")          # one write, so a stored output is never split
    record(exercise, passed)
    return Verdict(exercise, passed, text, mistake)


def verdict(exercise, problem, code=""):
    """Print and return the verdict: passed when ``problem`` is "", else its hint."""
    if problem:
        return finish(exercise, False, problem, code)
    return finish(exercise, True, "it matches the reference on every test input.")


def call(fn, args, start="", hint=lambda exc: "Read the message, fix the body and run it again."):
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


def changed_argument(given, kept, names=None, who="your function",
                     advice="Compute into a new array and return that."):
    """"" when the arrays the learner was given still equal their copies ``kept``, else a sentence naming the
    first one that changed (then ``advice``): a function that changes what it is passed breaks the caller's
    own arrays."""
    for i, (g, k) in enumerate(zip(given, kept)):
        if isinstance(k, np.ndarray) and not (isinstance(g, np.ndarray) and g.shape == k.shape
                                              and np.array_equal(g, k, equal_nan=True)):
            name = names[i] if names and i < len(names) else f"argument {i + 1}"
            return (f"{who} changed {name}, an array it was passed (an in-place -=, +=, shuffle or [...] = "
                    f"on it): the caller's array changes too. {advice}")
    return ""


def as_numbers(value, what):
    """(``value`` as a float array, "") or (None, a phrase saying why it is not an array of numbers):
    None, a string, a ragged list (rows of different lengths), None or other objects inside, complex numbers."""
    if value is None:
        return None, f"{what} is None"
    if isinstance(value, (str, bytes)):
        text = repr(value)
        return None, f"{what} is a string, {text if len(text) <= 30 else text[:27] + '…'}, not numbers"
    if isinstance(value, type) or callable(value):
        return None, f"{what} is a {'class' if isinstance(value, type) else 'function'}, not numbers: call it"
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        return None, (f"{what} is ragged, not an array: its rows have different lengths (every row of an "
                      "array has the same number of entries)")
    if array.dtype == object:
        return _objects(array, what)
    if array.dtype.kind not in "biuf":
        kind = {"U": "strings", "S": "bytes", "c": "complex numbers"}.get(array.dtype.kind, str(array.dtype))
        return None, f"{what} should hold real numbers; it holds {kind}"
    return array.astype(float), ""


def _objects(array, what):
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


def same(given, expected):
    """True when two arrays (or two Nones) agree in shape and value, within RTOL and ATOL."""
    if given is None or expected is None:
        return given is None and expected is None
    given, expected = np.asarray(given), np.asarray(expected)
    return given.shape == expected.shape and np.allclose(given, expected, rtol=RTOL, atol=ATOL)


def first_named(mistakes, matches):
    """The first ``Mistake`` in ``mistakes`` for which ``matches(mistake.wrong)`` is true, else None."""
    return next((m for m in mistakes if m.wrong is not None and matches(m.wrong)), None)


def fmt(value, other=None):
    """value to 4 decimals, or to as many more as it takes to look different from ``other``."""
    for precision in range(4, 18):
        text = _fmt_at(value, precision)
        if other is None or np.shape(value) != np.shape(other) or text != _fmt_at(other, precision):
            return text
    return text


def _fmt_at(value, precision):
    return np.array2string(np.asarray(value, dtype=float), precision=precision, suppress_small=precision == 4)


def differs(name, expected, given):
    """The message for numbers no hint names: which array, expected and yours — printed with as many
    digits as it takes to look different."""
    expected, given = np.asarray(expected, dtype=float), np.asarray(given, dtype=float)
    return (f"{name} differs from the reference:\n    expected: {fmt(expected, given)}\n"
            f"    yours:    {fmt(given, expected)}")


def listed(names):
    """"a, b and c": names in words, for a message."""
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
