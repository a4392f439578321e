"""Section 6: what a learner feels in Chromium — a key press on a slider until the figure's pixels change.

Voilà serves one notebook per view (and per one-line baseline); headless Chromium presses a key
on the control a learner moves most, ~15 times, each time on settings never visited; the page
records, at the first animation frame where they differ, the time since the keydown for the
figure (canvas pixels, SVG, image) and for the readout text. The kernel times every widget
message it handles (into a file beside the notebook); the page counts the websocket bytes it
receives per press. Then the slider is dragged across its range: the figure's text alternative
must equal what a headless twin of the view says for the slider's last value.
Goals (COURSE.md): figure median ≤ 50 ms, and ≤ text + 25 ms. Written to benchmarks/RESULTS.md.
"""
import importlib.util
import json
import os
import tempfile
from pathlib import Path

import numpy as np

from . import _browser_twin as twin
from ._browser_cases import baselines, view_cases
from ._report import Section
from ._results_md import write_block
from ._timing import load_average, verdict

GOAL_MS, AFTER_TEXT_MS = 50.0, 25.0
BEGIN, END = "<!-- browser: written by benchmarks/browser.py -->", "<!-- /browser -->"
CLOCK = """import time as _time
_depth = [0]
def _clocked(handle, path):
    def timed(*args):
        _depth[0] += 1
        start = _time.perf_counter()
        try:
            return handle(*args)
        finally:
            _depth[0] -= 1
            if not _depth[0]:                  # work nested in a clocked call is counted once
                with open(path, "a") as out:
                    out.write(f"{_time.perf_counter() - start}\\n")
    return timed
_kernel = get_ipython().kernel
_kernel.shell_handlers["comm_msg"] = _clocked(_kernel.shell_handlers["comm_msg"], CLOCK_FILE)
from backprop.widgets import dashboard as _dashboard     # its epochs run in a task, after the message handler
_dashboard.TrainingDashboard._epoch = _clocked(_dashboard.TrainingDashboard._epoch, CLOCK_FILE)
"""


def write_notebook(folder, index, case):
    """The case as ``<index>.ipynb``: the kernel clock, then the view; returns (name, clock file)."""
    clock = Path(folder) / f"{index}.kernel.txt"
    write_cells(Path(folder) / f"{index}.ipynb", [CLOCK.replace("CLOCK_FILE", repr(str(clock))), case.source])
    return f"{index}.ipynb", clock


def write_cells(path, cells):
    """A notebook at ``path`` of these code cells, unexecuted, for Voilà to run."""
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                           "source": source} for source in cells],
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    Path(path).write_text(json.dumps(notebook))


def kernel_seconds(clock):
    """Seconds the kernel spent on widget messages so far."""
    return sum(float(line) for line in clock.read_text().split()) if clock.exists() else 0.0


def measure(context, server, folder, index, case):
    """{figure, text, bytes, kernel: one list each per timed press; errors; drag: ok/why}."""
    from ._browser_driver import ViewPage
    name, clock = write_notebook(folder, index, case)
    page = ViewPage(context, f"{server.url}/voila/render/{name}")
    result = {"figure": [], "text": [], "bytes": [], "kernel": []}
    for label, key, timed in case.plan:
        before = kernel_seconds(clock)
        figure, text, received = page.press(label, key)
        if timed:
            for field, value in zip(("figure", "text", "bytes", "kernel"),
                                    (figure, text, received, kernel_seconds(clock) - before)):
                result[field].append(value)
    result["drag"] = drag_check(page, case) if case.view else "n/a (baseline)"
    result["errors"] = page.errors
    page.close()
    return result


def drag_check(page, case):
    """'ok' if, after a drag across the slider, the figure says what the twin says for the last value."""
    if any(label.startswith("button:") for label, _, _ in case.plan):
        return "n/a (driven by a button)"
    label = case.sliders()[0]
    now = page.drag_across(label)
    shown, expected = page.figure_label(), twin.expected_label(case, label, now)
    if shown is None or expected is None:
        return "n/a (the figure has no text alternative)"
    return "ok" if shown == expected else f"MISSED: shows {shown[:60]!r}, last value gives {expected[:60]!r}"


def ms(values):
    """Median milliseconds of the values that were seen (None = never changed), with the misses counted."""
    seen = [v for v in values if v is not None]
    if not seen:
        return "never", None
    middle = float(np.median(seen))
    return f"{middle:.0f} ms" + (f" ({len(values) - len(seen)} never)" if len(seen) < len(values) else ""), middle


def row(case, result, costs):
    """One line of the table for a measured case."""
    figure, figure_ms = ms(result["figure"])
    text, text_ms = ms(result["text"])
    late = None if None in (figure_ms, text_ms) else figure_ms - text_ms
    built, picture = (f"{c * 1e3:.0f} ms" for c in costs) if costs else ("—", "—")
    return [case.name, case.how, len(result["figure"]), figure, text,
            "—" if late is None else f"{late:+.0f} ms",
            verdict(figure_ms is not None and figure_ms <= GOAL_MS),
            verdict(late is not None and late <= AFTER_TEXT_MS),
            f"{np.median(result['bytes']) / 1e3:.1f} kB", f"{np.median(result['kernel']) * 1e3:.1f} ms",
            built, picture, result["drag"]]


HEADER = ["figure", "key pressed", "presses", "figure median", "text median", "figure − text", "≤ 50 ms",
          "≤ text + 25", "bytes/change", "kernel/change", "built in", "display picture", "after a drag"]


def cases(quick):
    presses = 6 if quick else 15
    return baselines(importlib.util.find_spec("bqplot") is not None, presses) + view_cases(presses)


def run(quick=False):
    """The browser section: every case measured in one Voilà and one Chromium; also writes RESULTS.md."""
    from tools.browser.chromium import CHROMIUM

    from ._browser_driver import chromium_and_voila
    from .run import machine_lines
    machine = machine_lines()                          # as the run starts
    section = Section("6. in the browser: key press → new pixels (Voilà + headless Chromium, medians)", HEADER)
    if not os.access(CHROMIUM, os.X_OK):
        section.notes.append(f"skipped: no Chromium at {CHROMIUM} (apt-get install -y chromium)")
        return section
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as home, \
            chromium_and_voila(folder, home) as (context, server):
        for index, case in enumerate(cases(quick)):
            try:
                result = measure(context, server, folder, index, case)
            except Exception as error:                 # one broken view must not hide the others' numbers
                section.notes.append(f"{case.name}: failed ({type(error).__name__}: {str(error)[:120]})")
                continue
            section.rows.append(row(case, result, twin.costs(case) if case.view else None))
            section.notes += [f"{case.name}: page error {e[:100]}" for e in result["errors"]]
    section.notes += NOTES + [f"load average at the end of this section: {load_average():.2f} (2 cores)"]
    write_results(machine, section)
    return section


NOTES = ["figure/text = ms from the keydown to the first animation frame where the figure (canvas pixels, SVG "
         "markup, image source) / the readout text differs; bytes = websocket bytes the page received per press",
         "kernel/change = seconds the kernel spent handling widget messages per press (compute, traits, sending), "
         "and for the dashboard also its epochs (an asyncio task that runs after the Train click's handler)",
         "built in = constructing the view headless; display picture = its display bundle (with the static PNG)",
         "after a drag = the slider dragged across its range with the mouse: the figure's text alternative must "
         "equal what a headless twin says for the last value"]


def write_results(machine, section):
    """This section's block of benchmarks/RESULTS.md (between its markers; the other sections' stay as they are)."""
    write_block(BEGIN, END, ["# Benchmarks in the browser", "",
                             "Written by `make bench` (`make bench ONLY=browser` for this section alone); see "
                             "benchmarks/browser.py for the method and FIGURES.md for the choice of figure technology.",
                             "", "```", *machine, "", *section.lines(), "```"])
