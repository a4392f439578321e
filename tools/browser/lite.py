"""The JupyterLite site in Chromium: a browser that resolves no name, a log of every request, lessons run.

The site is dist/lite/ as `make lite` wrote it (or $BACKPROP_LITE_SITE), served by `python -m tools.lite.serve` (what
`make lite-serve` runs) on a free 127.0.0.1 port. Chromium is started so that every host name
fails to resolve; the log is kept at the context level, so it also sees the requests of the
kernel's web worker (Pyodide and its wheels) and of the site's service worker.
"""
import contextlib
import os
import re
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from .chromium import launch
from .page import INTERACTION_TIMEOUT, VIEW, slider_handle
from .servers import Server

REPO = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.name for p in (REPO / "lessons").glob("[0-9][0-9]_*.ipynb"))
SITE = Path(os.environ.get("BACKPROP_LITE_SITE") or REPO / "dist" / "lite")     # another build: set the variable
RUN_TIMEOUT = 300_000              # ms for Run All: Pyodide starts, loads numpy and matplotlib, runs the lesson
#: What fails in Pyodide today and waits for other work (a piece of the message → why): nothing since the
#: views draw in the browser and the dashboard trains without a thread (issue 13).
WAITING = {}
_DONE = """() => {
    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent.trim());
    if (prompts.some(p => p.includes('*'))) return false;
    const failed = [...document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')]
        .some(o => /Traceback|Error/.test(o.textContent));
    if (failed) return 'error';
    return prompts.every(p => /^(\\[\\d+\\]:)?$/.test(p)) ? 'done' : false;
}"""


def require_site(site=SITE, environ=os.environ):
    """``site`` if `make lite` built it; else skip, or fail when the env var CI is set."""
    if (site / "index.html").is_file():
        return site
    message = f"no JupyterLite site in {site}: run `make lite` (make test builds it first)"
    if environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def lite_serve(site, home):
    """`python -m tools.lite.serve` (what `make lite-serve` runs) on a free 127.0.0.1 port."""
    argv = [sys.executable, "-m", "tools.lite.serve", "--port", "{port}", "--dir", str(site)]
    return Server("lite-serve", argv, home, "/index.html", cwd=REPO)


@contextlib.contextmanager
def offline_context(playwright, chromium):
    """One context of a new Chromium that resolves no host name; ``.requests`` logs every URL it asked
    for, ``.from_service_worker`` those a service worker answered, ``.missing`` those answered 4xx or 5xx."""
    context = launch(playwright, offline=True, executable=chromium)
    context.requests, context.from_service_worker, context.missing = [], [], []
    context.on("request", lambda request: context.requests.append(request.url))
    context.on("response", lambda response: response.from_service_worker
               and context.from_service_worker.append(response.url))
    context.on("response", lambda response: response.status >= 400 and context.missing.append(response.url))
    try:
        yield context
    finally:
        context.browser.close()


def foreign(urls):
    """The URLs that go anywhere but 127.0.0.1 (data: and blob: URLs stay in the page)."""
    return [u for u in urls if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"]


def waiting_reason(text):
    """Why ``text`` (an error) is a known gap that waits for the views' move, or None."""
    return next((reason for key, reason in WAITING.items() if key in text), None)


def xfail_if_waiting(text):
    """Mark the test xfail when ``text`` is a known gap; otherwise return."""
    reason = waiting_reason(text)
    if reason:
        pytest.xfail(reason)


def open_lesson(page, server, lesson):
    """Open a lesson in the site's JupyterLab and wait until its Pyodide kernel is idle."""
    page.goto(f"{server.url}/lab/index.html?path={lesson}")
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for(timeout=RUN_TIMEOUT)


def run_all(page, timeout=RUN_TIMEOUT, polling=500):
    """Clear the stored outputs, Run ▸ Run All Cells; return the text of every problem output (none: []).

    ``polling``: ms between looks at the prompts (the benchmark looks every 50 ms, so its clock stops on time)."""
    page.get_by_role("menuitem", name="Edit", exact=True).click()
    page.get_by_role("menuitem", name="Clear Outputs of All Cells").click()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(_DONE, timeout=timeout, polling=polling)
    stderr = page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
    shown = page.locator(".jp-OutputArea-output", has_text=re.compile("Error displaying widget")).all_inner_texts()
    return [t for t in stderr + shown if t.strip()]      # matplotlib's font cache notice too: the site ships one


def repl_view(lite, page, code):
    """Run ``code`` in the site's REPL (a cell that shows a view) and return that view, scrolled into sight."""
    page.goto(f"{lite.url}/repl/index.html?kernel=python&toolbar=1&code={quote(code)}")
    view = page.locator(VIEW).first
    view.wait_for(timeout=RUN_TIMEOUT)
    return reveal(view)


def reveal(locator):
    """Scroll an element of the notebook into view and wait until it shows: the site's JupyterLab
    does not paint cells far from the viewport, so a view below the fold counts as hidden."""
    locator.wait_for(state="attached")
    locator.evaluate("element => element.scrollIntoView({block: 'center'})")
    locator.wait_for(state="visible")
    return locator


def drag(view, label, pixels=12):
    """Drag a slider's handle ``pixels`` to the right (to the left when it sits at its maximum); return +1 or -1.

    The mouse, as a learner drags; test_lite's keyboard test presses the arrow keys."""
    handle = slider_handle(view, label)
    at_max = float(handle.get_attribute("aria-valuenow")) >= float(handle.get_attribute("aria-valuemax"))
    box, direction = handle.bounding_box(), -1 if at_max else 1
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    mouse = view.page.mouse
    mouse.move(x, y)
    mouse.down()
    mouse.move(x + direction * pixels, y, steps=4)
    mouse.up()
    return direction


def drag_first_slider(view):
    """Drag the view's first slider and wait for its readout to answer (the kernel is live)."""
    label = view.locator(".widget-slider").first.locator(".widget-label").inner_text()
    readout = view.locator(":scope > .widget-html")
    before = readout.inner_text()
    drag(view, label)
    expect(readout).not_to_have_text(before, timeout=INTERACTION_TIMEOUT)


def run_lesson(page, server, lesson):
    """Open and run a lesson top to bottom; fail naming its problem outputs, or xfail a known gap."""
    open_lesson(page, server, lesson)
    problems = run_all(page)
    for problem in problems:
        xfail_if_waiting(problem)
    assert not problems, f"{lesson} shows errors in the JupyterLite site:\n" + "\n".join(problems)[:3000]
