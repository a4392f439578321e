"""``progress()``: which exercises the learner has passed, lesson by lesson.

A lesson's exercises are the ``check_…`` names in the ``__all__`` of its checks module
(start → 00, neuron → 01, …, challenges → 08, capstone → 09), read when ``progress()`` is called,
so a new check appears here without editing this file. Introduced in lessons/00_start_here.
"""
import html
import importlib
from dataclasses import dataclass, field

from . import _progress

__all__ = ["progress"]

LESSON_MODULES = {"00": "start", "01": "neuron", "02": "loss", "03": "chain", "04": "blame", "05": "worked",
                  "06": "descent", "07": "sgd", "08": "challenges", "09": "capstone"}
STATUS = {True: "✓ passed", False: "✗ not yet", None: "· not tried"}


@dataclass
class Progress:
    """lessons: {lesson: {exercise: True (passed) / False (tried, not yet) / None (not tried)}}."""
    lessons: dict = field(default_factory=dict)

    @property
    def passed(self):
        """How many of the course's exercises have been passed (checks outside the lessons not counted)."""
        return sum(ok is True for row in self._course() for ok in row.values())

    @property
    def total(self):
        """How many exercises the course has."""
        return sum(len(row) for row in self._course())

    def _course(self):
        return [row for lesson, row in self.lessons.items() if lesson != "other"]

    def text(self):
        """The table as fixed-width text."""
        lines = [f"Your progress: {self.passed} of {self.total} exercises passed", "",
                 f"{'lesson':<8}{'exercise':<34}status"]
        for lesson, row in self.lessons.items():
            for exercise, ok in row.items():
                lines.append(f"{lesson:<8}{exercise:<34}{STATUS[ok]}")
        return "\n".join(lines)

    def html(self):
        """The same table in HTML, one row per exercise."""
        rows = "".join(f"<tr><td>{html.escape(lesson)}</td><td><code>{html.escape(ex)}</code></td>"
                       f"<td>{STATUS[ok]}</td></tr>"
                       for lesson, row in self.lessons.items() for ex, ok in row.items())
        return (f"<p><b>Your progress: {self.passed} of {self.total} exercises passed</b></p>"
                f"<table><tr><th>lesson</th><th>exercise</th><th>status</th></tr>{rows}</table>")

    def _ipython_display_(self):
        """Nothing: progress() has already shown the table."""


def progress(show=True):
    """Show and return a Progress of every exercise: passed now or in an earlier session, not yet, not tried."""
    outcomes, listed = _progress.all_outcomes(), set()
    summary = Progress()
    for lesson, module in LESSON_MODULES.items():
        names = [name for name in exercises_of(module) if name not in listed]   # each exercise counted once
        if names:
            summary.lessons[lesson] = {name: outcomes.get(name) for name in names}
            listed.update(names)
    others = {name: ok for name, ok in sorted(outcomes.items()) if name not in listed}
    if others:
        summary.lessons["other"] = others
    if show:
        _show(summary)
    return summary


def exercises_of(module):
    """The check names listed in ``backprop.exercises.<module>.__all__`` ([] when the module does not exist)."""
    try:
        mod = importlib.import_module(f"{__package__}.{module}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.{module}":
            raise
        return []
    return [name for name in getattr(mod, "__all__", ()) if name.startswith("check_")]


def _show(summary):
    """Print the table; inside a notebook, show it as HTML with the text as fallback."""
    try:
        from IPython import get_ipython
        from IPython.display import display
        in_kernel = getattr(get_ipython(), "kernel", None) is not None
    except ImportError:
        in_kernel = False
    if in_kernel:
        display({"text/plain": summary.text(), "text/html": summary.html()}, raw=True)
    else:
        print(summary.text())
