"""Section 8, zero install: the JupyterLite site's size, a cold load to the first live slider, a warm reload.

The site is built fresh (`make lite`'s code, into a temporary folder; or $BACKPROP_LITE_SITE when set),
served on 127.0.0.1 by tools.lite.serve and opened in headless Chromium, which resolves no host name.
Cold: a browser with an empty profile (its cache on disk) opens lesson 01 and runs every cell; the clock stops when a
weight slider of its live view, dragged, changes the readout. Warm: the same tab reloads (the
browser's cache is warm) and does the same again. Each step's time is from the start of navigation.
Each figure is the median of RUNS such pairs, each in a fresh profile (the machine is shared: the load
average at the start and end of the section is noted). Warnings a lesson prints are noted, not blocking.
Goals (COURSE.md): the site ≤ 60 MB, a warm reload to the first slider ≤ 10 s; the cold figure is reported.
Written to benchmarks/RESULTS.md, between this section's markers (the other sections stay as they are).
"""
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

from ._report import Section
from ._results_md import write_block
from ._timing import load_average

LESSON = "01_neuron_anatomy.ipynb"
SITE_GOAL_MB, WARM_GOAL_S = 60.0, 10.0
RUNS = 5                                   # cold + warm pairs, each in a fresh profile; medians are reported
ERROR = re.compile(r"Traceback|\b\w+Error\b|Error displaying widget")
RESULTS = Path(__file__).parent / "RESULTS.md"
BEGIN, END = "<!-- lite: written by benchmarks/lite.py -->", "<!-- /lite -->"
HEADER = ["load", "page shown", "kernel idle", "lesson ran", "slider shown", "slider answered",
          f"≤ {WARM_GOAL_S:.0f} s", "requests", "transferred"]


def site_sizes(site):
    """{part: bytes}: the whole site, its Pyodide (runtime and wheels), the JupyterLite app and extensions."""
    def size(folder):
        return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return {"site": size(site), "Pyodide and wheels": size(site / "static" / "pyodide"),
            "JupyterLite app": size(site / "build"), "extensions": size(site / "extensions")}


def load_lesson(page, server, log, reload=False):
    """{step: seconds} from navigation to each step of opening, running and moving lesson 01's view; ``reload``:
    reload the tab (F5) instead of opening the lesson's address."""
    from tools.browser import lite as _lite, page as _page
    steps, start = {}, time.monotonic()
    log.clear()
    if reload:
        page.reload()
    else:
        page.goto(f"{server.url}/lab/index.html?path={LESSON}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    steps["page shown"] = time.monotonic() - start
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for(timeout=_lite.RUN_TIMEOUT)
    steps["kernel idle"] = time.monotonic() - start
    problems = _lite.run_all(page, polling=50)
    steps["lesson ran"] = time.monotonic() - start
    errors = [p for p in problems if ERROR.search(p)]
    if errors:
        steps["blocked"] = _lite.waiting_reason(errors[0]) or errors[0].strip().splitlines()[-1]
        return steps
    if problems:
        steps["warnings"] = sorted({line.strip() for p in problems for line in p.splitlines() if "Warning:" in line})
    view = _lite.reveal(page.locator(_page.VIEW).filter(has=page.locator(".widget-slider")).first)
    steps["slider shown"] = time.monotonic() - start
    _lite.drag_first_slider(view)
    steps["slider answered"] = time.monotonic() - start
    return steps


def transferred(log):
    """(requests, bytes of response bodies) of one load; a cached or revalidated file counts 0 bytes."""
    return len(log), sum(max(0, request.sizes()["responseBodySize"]) for request in log if request.response())


def measure(site):
    """[(load name, steps, requests, bytes)] for a cold load and a warm reload of lesson 01."""
    from playwright.sync_api import sync_playwright
    from tools.browser import lite as _lite
    from tools.browser.chromium import launch
    loads = []
    with tempfile.TemporaryDirectory() as home, sync_playwright() as playwright:
        server = _lite.lite_serve(site, Path(home))
        context = launch(playwright, profile=Path(home) / "profile", offline=True)   # as a learner's browser
        try:
            log = []
            context.on("requestfinished", lambda request: log.append(request))
            page = context.new_page()
            for name in ("cold (empty cache)", "warm reload"):
                steps = load_lesson(page, server, log, reload=name == "warm reload")
                loads.append((name, steps, *transferred(log)))
        finally:
            context.close()
            server.stop()
    return loads


def medians(runs):
    """[(load name, steps, requests, bytes)], each figure the median over ``runs`` (lists of measure()'s loads)."""
    out = []
    for i, (name, *_) in enumerate(runs[0]):
        loads = [run[i] for run in runs]
        steps = {k: statistics.median(load[1][k] for load in loads) for k in HEADER[1:6]
                 if all(k in load[1] for load in loads)}
        steps.update({k: v for load in loads for k, v in load[1].items() if k in ("blocked", "warnings")})
        steps["answered, each run"] = [load[1].get("slider answered") for load in loads]
        out.append((name, steps, round(statistics.median(load[2] for load in loads)),
                    statistics.median(load[3] for load in loads)))
    return out


def row(name, steps, requests, size):
    cells = [f"{steps[k]:.1f} s" if k in steps else "—" for k in HEADER[1:6]]
    answered = steps.get("slider answered")
    verdict = "n/a" if name.startswith("cold") else ("ok" if answered and answered <= WARM_GOAL_S else "MISSED")
    return [name, *cells, verdict, str(requests), f"{size / 1e6:.1f} MB"]


def run(quick=False):
    """The lite section: the site's size, then a cold load and a warm reload in Chromium; also writes RESULTS.md."""
    from tools.browser.chromium import CHROMIUM
    from .run import machine_lines
    machine = machine_lines()
    runs = 1 if quick else RUNS
    section = Section(f"8. zero install: the JupyterLite site (lesson 01 in headless Chromium, offline; "
                      f"median of {runs})", HEADER)
    if not os.access(CHROMIUM, os.X_OK):
        section.notes.append(f"skipped: no Chromium at {CHROMIUM} (apt-get install -y chromium)")
        return section
    with tempfile.TemporaryDirectory() as folder:
        site = Path(os.environ.get("BACKPROP_LITE_SITE") or Path(folder) / "lite")
        if not os.environ.get("BACKPROP_LITE_SITE"):
            from tools.lite.build import build
            build(site)
        sizes = site_sizes(site)
        load_before = load_average()
        loads = medians([measure(site) for _ in range(runs)])
        load_after = load_average()
    section.rows = [row(*load) for load in loads]
    section.notes += [f"blocked after the lesson ran ({name}): {steps['blocked']}" for name, steps, *_ in loads
                      if "blocked" in steps]
    section.notes += [f"{name}, slider answered in each run: "
                      + ", ".join("—" if t is None else f"{t:.1f} s" for t in steps["answered, each run"])
                      for name, steps, *_ in loads]
    section.notes.append(f"load average: {load_before:.2f} before the runs, {load_after:.2f} after "
                         f"(on {os.cpu_count()} cores; other processes share them)")
    warnings = sorted({w for _, steps, *_ in loads for w in steps.get("warnings", [])})
    if warnings:
        section.notes.append(f"the lesson printed warnings (not counted as blocking): {'; '.join(warnings)[:300]}")
    verdict = "ok" if sizes["site"] <= SITE_GOAL_MB * 1e6 else "MISSED"
    section.notes += [f"site: {sizes['site'] / 1e6:.1f} MB (≤ {SITE_GOAL_MB:.0f} MB: {verdict}); "
                      + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sizes.items() if k != "site"),
                      "slider answered = a weight slider of the live view dragged, until the readout changes; "
                      "transferred = response bodies (a file revalidated from the cache counts 0)"]
    write_results(machine, section)
    return section


def write_results(machine, section):
    """Replace this section's block in benchmarks/RESULTS.md (add it at the end the first time)."""
    write_block(BEGIN, END, ["# Zero install: the JupyterLite site", "",
                             "Written by `make bench` (or `.venv/bin/python -m benchmarks.run --only lite`); see "
                             "benchmarks/lite.py for the method.", "", "```", *machine, "", *section.lines(), "```"],
                RESULTS)
