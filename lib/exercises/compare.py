"""``check_function``: the check of lessons 00–08's exercises, one learner's function against the core's.

It runs the learner's function on several inputs (copies, so that a slip cannot change the check's own),
compares each answer with the core's, and names the likely mistake from the check's table of
``Mistake`` records (backprop.exercises.toolkit).
"""
import inspect

import numpy as np

from .toolkit import Mistake, as_numbers, call, changed_argument, finish, fmt, same

__all__ = ["check_function", "GENERIC"]

# the slips check_function names for every exercise, beside each check's own table
GENERIC = (Mistake("shape", "the result has the wrong shape (transposed, say): the hint gives both shapes."),
           Mistake("not_finite", "the result holds nan or inf: a division by 0 or an np.exp that overflows."),
           Mistake("changed_input", "the function changed an array it was passed, in place."),
           Mistake("not_repeatable", "two calls with the same input gave different answers: a random draw that "
                   "does not come from the rng passed in (np.random.… draws from numpy's global state), or a value "
                   "kept from an earlier call (a global, or a list as a default argument). Draw only from the rng "
                   "you are given, and start each call afresh."))


def check_function(exercise, learner_fn, cases, reference, mistakes=(), note="", start=""):
    """Compare ``learner_fn(*args)`` with ``reference(*args)`` for each args in ``cases``; print and return
    the Verdict.

    ``mistakes`` is the check's table of ``Mistake`` records: when the learner's answers equal a mistake's
    ``wrong(*args)`` on every case, its hint names it. ``start`` is a hint on how to begin, added when the
    function still returns None. A function that changes an array it is passed is "not yet" (code
    "changed_input"), even when its answers are right.
    """
    if isinstance(learner_fn, type):
        return finish(exercise, False, f"{learner_fn.__name__} is a class; pass your function itself, "
                      f"e.g. {exercise}(my_function).")
    if not callable(learner_fn):
        return finish(exercise, False, f"pass your function itself (no brackets), e.g. {exercise}(my_function); "
                      f"got {type(learner_fn).__name__}")
    given = []
    for args in cases:
        outcome = _answer(learner_fn, args, start)
        if isinstance(outcome, tuple):
            return finish(exercise, False, *outcome)
        given.append(outcome)
    expected = [np.asarray(reference(*args), dtype=float) for args in cases]
    bad = [i for i, (g, e) in enumerate(zip(given, expected)) if not same(g, e)]
    if not bad:
        return finish(exercise, True, "it matches the core on every test input." + note)
    i = bad[0]
    shape_msg = _shape_problem(given[i], expected[i])
    for mistake in mistakes:
        if mistake.wrong and all(same(g, _quiet(mistake.wrong, args)) for g, args in zip(given, cases)):
            return finish(exercise, False, mistake.hint, mistake.code)
    again = _answer(learner_fn, cases[i], start)                # a second call with the same input
    if not isinstance(again, tuple) and not (again.shape == given[i].shape and np.array_equal(again, given[i],
                                                                                               equal_nan=True)):
        return finish(exercise, False, GENERIC[3].hint, GENERIC[3].code)
    if shape_msg:
        return finish(exercise, False, shape_msg, "shape")
    if not np.all(np.isfinite(given[i])):
        return finish(exercise, False, f"your result holds nan or inf for this input: {_fmt_args(cases[i])}; "
                      f"yours: {fmt(given[i])}. Look for a division by 0 or an np.exp that overflows.", "not_finite")
    return finish(exercise, False, "the numbers differ from the core's for this input:\n"
                  f"    input:    {_fmt_args(cases[i])}\n    expected: {fmt(expected[i], given[i])}\n"
                  f"    yours:    {fmt(given[i], expected[i])}")


def _answer(fn, args, start=""):
    """The learner's answer as an array, or (message, code) saying what went wrong."""
    given = [np.copy(a) if isinstance(a, np.ndarray) else a for a in args]
    out, problem = call(fn, given, start)
    if problem:
        return (problem,)
    changed = changed_argument(given, args, _parameter_names(fn))
    if changed:
        return changed, "changed_input"
    numbers, problem = as_numbers(out, "your result")
    if problem:
        return (f"your function should return numbers: {problem}.",)
    return numbers


def _parameter_names(fn):
    """The names of fn's parameters, for a message, or None when Python cannot tell them."""
    try:
        return [p.name for p in inspect.signature(fn).parameters.values()
                if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        return None


def _quiet(fn, args):
    with np.errstate(all="ignore"):
        return np.asarray(fn(*args), dtype=float)


def _shape_problem(given, expected):
    if given.shape == expected.shape:
        return ""
    if given.ndim == 2 and given.shape == expected.shape[::-1]:
        return (f"your result has shape {given.shape} but should have {expected.shape} — "
                "it looks transposed: check the order of the matrix product (or use .T)")
    return f"your result has shape {given.shape}, but it should have shape {expected.shape}."


def _fmt_args(args):
    return ", ".join(fmt(a) for a in args)
