"""Section 8, zero install: the JupyterLite site's size, a cold load to the first live slider, a warm reload.

The site is built fresh (`make lite`'s code, into a temporary folder; or $BACKPROP_LITE_SITE when set),
served on 127.0.0.1 by tools.lite.serve and opened in headless Chromium, which resolves no host name.
Cold: a browser with an empty profile (its cache on disk) opens lesson 01 and runs every cell; the clock stops when a
weight slider of its live view, dragged, changes the readout. Warm: the same tab reloads (the
browser's cache is warm) and does the same again. Each step's time is from the start of navigation.
Goals (COURSE.md): the site ≤ 60 MB, a warm reload to the first slider ≤ 10 s; the cold figure is reported.
Written to benchmarks/RESULTS.md, between this section's markers (the other sections stay as they are).
"""
import os
import tempfile
import time
from pathlib import Path

from ._report import Section

LESSON = "01_neuron_anatomy.ipynb"
SITE_GOAL_MB, WARM_GOAL_S = 60.0, 10.0
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


def load_lesson(page, server, log):
    """{step: seconds} from navigation to each step of opening, running and moving lesson 01's view."""
    from tests.browser import _lite, _page
    steps, start = {}, time.monotonic()
    log.clear()
    page.goto(f"{server.url}/lab/index.html?path={LESSON}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    steps["page shown"] = time.monotonic() - start
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for(timeout=_lite.RUN_TIMEOUT)
    steps["kernel idle"] = time.monotonic() - start
    problems = _lite.run_all(page)
    steps["lesson ran"] = time.monotonic() - start
    if problems:
        steps["blocked"] = _lite.waiting_reason(problems[0]) or problems[0].strip().splitlines()[-1]
        return steps
    view = _lite.reveal(page.locator(_page.VIEW).first)
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
    from tests.browser import _lite
    from tests.browser._page import CHROMIUM
    loads = []
    with tempfile.TemporaryDirectory() as home, sync_playwright() as playwright:
        server = _lite.lite_serve(site, Path(home))
        context = playwright.chromium.launch_persistent_context(   # a profile on disk, as a learner's browser
            Path(home) / "profile", executable_path=CHROMIUM, headless=True, args=_lite.OFFLINE_ARGS,
            viewport={"width": 1280, "height": 900})
        try:
            context.set_default_timeout(60_000)
            log = []
            context.on("requestfinished", lambda request: log.append(request))
            page = context.new_page()
            for name in ("cold (empty cache)", "warm reload"):
                steps = load_lesson(page, server, log)
                loads.append((name, steps, *transferred(log)))
        finally:
            context.close()
            server.stop()
    return loads


def row(name, steps, requests, size):
    cells = [f"{steps[k]:.1f} s" if k in steps else "—" for k in HEADER[1:6]]
    answered = steps.get("slider answered")
    verdict = "n/a" if name.startswith("cold") else ("ok" if answered and answered <= WARM_GOAL_S else "MISSED")
    return [name, *cells, verdict, str(requests), f"{size / 1e6:.1f} MB"]


def run(quick=False):
    """The lite section: the site's size, then a cold load and a warm reload in Chromium; also writes RESULTS.md."""
    from tests.browser._page import CHROMIUM
    from .run import machine_lines
    machine = machine_lines()
    section = Section("8. zero install: the JupyterLite site (lesson 01 in headless Chromium, offline)", HEADER)
    if not os.access(CHROMIUM, os.X_OK):
        section.notes.append(f"skipped: no Chromium at {CHROMIUM} (apt-get install -y chromium)")
        return section
    with tempfile.TemporaryDirectory() as folder:
        site = Path(os.environ.get("BACKPROP_LITE_SITE") or Path(folder) / "lite")
        if not os.environ.get("BACKPROP_LITE_SITE"):
            from tools.lite.build import build
            build(site)
        sizes = site_sizes(site)
        loads = measure(site)
    section.rows = [row(*load) for load in loads]
    section.notes += [f"blocked after the lesson ran ({name}): {steps['blocked']}" for name, steps, *_ in loads
                      if "blocked" in steps]
    verdict = "ok" if sizes["site"] <= SITE_GOAL_MB * 1e6 else "MISSED"
    section.notes += [f"site: {sizes['site'] / 1e6:.1f} MB (≤ {SITE_GOAL_MB:.0f} MB: {verdict}); "
                      + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sizes.items() if k != "site"),
                      "slider answered = a weight slider of the live view dragged, until the readout changes; "
                      "transferred = response bodies (a file revalidated from the cache counts 0)"]
    write_results(machine, section)
    return section


def write_results(machine, section):
    """Replace this section's block in benchmarks/RESULTS.md (add it at the end the first time)."""
    block = [BEGIN, "# Zero install: the JupyterLite site", "",
             "Written by `make bench` (or `.venv/bin/python -m benchmarks.run --only lite`); see "
             "benchmarks/lite.py for the method.", "", "```", *machine, "", *section.lines(), "```", END]
    text = RESULTS.read_text() if RESULTS.exists() else ""
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + "\n".join(block) + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + "\n".join(block) + "\n"
    RESULTS.write_text(text)
