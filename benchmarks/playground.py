"""Section: the playground's Play in Chromium — frames per second, their cost in the kernel and the page.

Voilà serves PlaygroundExplorer with its defaults (an 80 × 80 heat map, 2-6-6-1 tanh on circles)
twice: the grid sent as bytes (one byte per point, painted through colour tables) and, as the peer in
the same run, as plain JSON numbers. Headless Chromium presses Play, lets it run, then counts the frames
painted over WINDOW seconds (a frame: ≥ 1 mini-batch step with the boundary, every neuron's picture and
the loss curves new; the kernel sends one only after the page painted the one before), the kernel's
seconds in each frame (training, forward passes, verdict, sending), the page's paint time and the
websocket bytes per frame; then presses Pause and measures when the last frame was painted after the
click. Median of RUNS runs each. Goal (issue 28): ≥ 30 frames/s; Pause within 100 ms. Then the view and the
floor in JupyterLab (benchmarks/_playground_lab.py) and the view in the zero-install site
(benchmarks/_playground_site.py; goal ≥ 10 frames/s).
"""
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from ._play_clock import FIGURE, play_and_count
from ._playground_floor import SOURCE as FLOOR
from ._playground_lab import lab_runs
from ._playground_site import GOAL_FPS as SITE_GOAL_FPS, site_runs
from .browser import write_cells
from ._report import Section
from ._results_md import write_block
from ._timing import load_average, verdict

GOAL_FPS, PAUSE_MS = 30.0, 100.0
WINDOW, RUNS = 10.0, 3
BEGIN, END = "<!-- playground: written by benchmarks/playground.py -->", "<!-- /playground -->"
CLOCK = """import time as _time
from backprop.widgets import playground as _playground
_frame = _playground.PlaygroundExplorer._frame
def _clocked(self):
    start = _time.perf_counter()
    try:
        return _frame(self)
    finally:
        with open(CLOCK_FILE, "a") as out:
            out.write(f"{_time.perf_counter() - start}\\n")
_playground.PlaygroundExplorer._frame = _clocked
"""
VIEW = "from backprop.widgets import PlaygroundExplorer\nPlaygroundExplorer(wire={wire!r})"


def write_notebook(folder, wire):
    clock = Path(folder) / f"{wire}.kernel.txt"
    cells = [FLOOR] if wire == "floor" else [CLOCK.replace("CLOCK_FILE", repr(str(clock))), VIEW.format(wire=wire)]
    write_cells(Path(folder) / f"{wire}.ipynb", cells)
    return f"{wire}.ipynb", clock


def frame_times(clock):
    return [float(line) for line in clock.read_text().split()] if clock.exists() else []


def one_run(context, server, folder, wire, window):
    """{fps, kernel_ms, browser_ms, bytes, pause_ms} of one page: Play, WINDOW seconds counted, Pause."""
    from tools.browser.page import VIEW as VIEW_SELECTOR
    name, clock = write_notebook(folder, wire)
    page, received = context.new_page(), [0]
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: received.__setitem__(
        0, received[0] + len(p.encode() if isinstance(p, str) else p))))
    page.goto(f"{server.url}/voila/render/{name}", wait_until="load", timeout=180_000)
    view = page.locator(VIEW_SELECTOR).first
    view.locator(FIGURE).wait_for(timeout=60_000)
    run = play_and_count(view, window, mark=lambda: (len(frame_times(clock)), received[0]))
    (kernel_before, bytes_before), (_, bytes_after) = run["marks"]
    kernel = frame_times(clock)[kernel_before:]
    page.close()
    return {"fps": run["fps"], "kernel_ms": 1e3 * float(np.median(kernel)) if kernel else float("nan"),
            "browser_ms": run["browser_ms"], "bytes": (bytes_after - bytes_before) / max(run["frames"], 1),
            "pause_ms": run["pause_ms"]}


HEADER = ["grid sent as", "frames/s (median of runs)", "runs", "goal", "kernel ms/frame",
          "browser ms/frame", "bytes/frame", "Pause → last frame", f"≤ {PAUSE_MS:g} ms", "load avg"]


def run(quick=False):
    """Both wires in one Voilà and one Chromium, RUNS runs each, interleaved."""
    from tools.browser.chromium import CHROMIUM

    from ._browser_driver import chromium_and_voila
    from .run import machine_lines
    machine = machine_lines()
    section = Section("playground: frames/s of Play (headless Chromium; Voilà and JupyterLab with the desktop kernel, "
                      "80 × 80 grid; the zero-install site)",
                      HEADER)
    if not os.access(CHROMIUM, os.X_OK):
        section.notes.append(f"skipped: no Chromium at {CHROMIUM}")
        return section
    window, runs = (3.0, 1) if quick else (WINDOW, RUNS)
    results = {"bytes": [], "json": [], "floor": []}
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as home, \
            chromium_and_voila(folder, home) as (context, server):
        for _ in range(runs):
            for wire in results:                          # interleaved: both see the same load
                results[wire].append({**one_run(context, server, folder, wire, window), "load": load_average()})
                time.sleep(0.5)
    for wire, rows in results.items():
        med = lambda key: float(np.median([r[key] for r in rows]))
        view = wire != "floor"                            # the floor trains and draws nothing: no goal of its own
        section.rows.append([{"bytes": "bytes (this view)", "json": "JSON numbers (peer)",
                              "floor": "nothing (the floor)"}[wire],
                             f"{med('fps'):.1f}", " ".join(f"{r['fps']:.1f}" for r in rows),
                             f"≥ {GOAL_FPS:g}/s: {verdict(med('fps') >= GOAL_FPS)}" if view else "—",
                             f"{med('kernel_ms'):.1f}" if view else "—", f"{med('browser_ms'):.1f}" if view else "—",
                             f"{med('bytes') / 1e3:.1f} kB", f"{med('pause_ms'):.0f} ms" if view else "—",
                             verdict(med("pause_ms") <= PAUSE_MS) if view else "—",
                             " ".join(f"{r['load']:.1f}" for r in rows)])
    lab = lab_runs(runs, window, FLOOR)
    for name, rows in lab.items():
        med = lambda key: float(np.median([r[key] for r in rows]))
        view = name == "view"
        section.rows.append(["JupyterLab: bytes (this view)" if view else "JupyterLab: nothing (the floor)",
                             f"{med('fps'):.1f}", " ".join(f"{r['fps']:.1f}" for r in rows),
                             f"≥ {GOAL_FPS:g}/s: {verdict(med('fps') >= GOAL_FPS)}" if view else "—", "—",
                             f"{med('browser_ms'):.1f}" if view else "—", "—",
                             f"{med('pause_ms'):.0f} ms" if view else "—", verdict(med("pause_ms") <= PAUSE_MS) if view else "—",
                             " ".join(f"{r['load']:.1f}" for r in rows)])
    site, why_not = site_runs(runs, window)
    if site:
        med = lambda key: float(np.median([r[key] for r in site]))
        section.rows.append(["site: Pyodide, 40 × 40 (bytes)", f"{med('fps'):.1f}",
                             " ".join(f"{r['fps']:.1f}" for r in site), f"≥ {SITE_GOAL_FPS:g}/s: {verdict(med('fps') >= SITE_GOAL_FPS)}",
                             f"{med('interval_ms') - med('browser_ms'):.1f}", f"{med('browser_ms'):.1f}", "— (no socket)",
                             f"{med('pause_ms'):.0f} ms", verdict(med("pause_ms") <= PAUSE_MS),
                             " ".join(f"{r['load']:.1f}" for r in site)])
        section.notes.append(f"site: the zero-install site's REPL in Chromium, its goal ≥ {SITE_GOAL_FPS:g}/s; kernel = "
                             "a frame's interval less the page's paint (the worker's steps, forward pass and "
                             "messages to the page)")
    else:
        section.notes.append(f"site: not measured ({why_not})")
    section.notes += ["the floor: a widget whose frame is a number the page answers at once, no training, no "
                      "drawing (benchmarks/_playground_floor.py): the round trip through Voilà alone, on this load",
                      f"{window:g} s of Play counted per run after 1 s of warm-up; kernel = median seconds in one "
                      "frame's handler (5 mini-batch steps, grid forward pass, accuracies, verdict, sending); "
                      "browser = the page's paint time per frame; bytes = websocket bytes received per frame",
                      "Pause → last frame: from the click to the last frame painted after it (0 when none came)",
                      f"load average at the end: {load_average():.2f} on {os.cpu_count()} cores, shared"]
    write_block(BEGIN, END, ["# The playground's Play", "", "Written by `make bench ONLY=playground`; method in "
                             "benchmarks/playground.py.", "", "```", *machine, "", *section.lines(), "```"])
    return section
