"""The playground's Play in JupyterLab, where a learner on the desktop meets it, beside its floor there.

A JupyterLab server on 127.0.0.1 opens a notebook of one cell (``PlaygroundExplorer()``, or the floor's echo
widget), runs it, presses Play, waits 1 s, counts the frames painted over WINDOW seconds and presses Pause.
JupyterLab's page does more per kernel message than Voilà's (its status bar and notebook follow every busy
and idle), so its floor is lower.
"""
import tempfile
from pathlib import Path

from ._play_clock import FIGURE, play_and_count

VIEW = "from backprop.widgets import PlaygroundExplorer\nPlaygroundExplorer()"


def lab_runs(runs, window, floor_source):
    """{"view": [...], "floor": [...]}: per run {fps, browser_ms, pause_ms, load}, in one JupyterLab and Chromium."""
    from playwright.sync_api import sync_playwright

    from tools.browser import servers
    from tools.browser.chromium import launch

    from .browser import write_cells
    from ._timing import load_average
    results = {"view": [], "floor": []}
    with tempfile.TemporaryDirectory() as root, tempfile.TemporaryDirectory() as home, sync_playwright() as p:
        write_cells(Path(root) / "view.ipynb", [VIEW])
        write_cells(Path(root) / "floor.ipynb", [floor_source])
        lab = servers.jupyterlab(root, Path(home))
        context = launch(p, viewport={"width": 1280, "height": 1000})
        try:
            for _ in range(runs):
                for name in results:                      # interleaved: both see the same load
                    results[name].append({**one_run(context, lab.url, name, window),
                                          "load": load_average()})
        finally:
            context.browser.close()
            lab.stop()
    return results


def one_run(context, url, name, window):
    page = context.new_page()
    page.goto(f"{url}/lab/tree/{name}.ipynb?reset")
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for(timeout=120_000)
    page.locator(".jp-Cell").first.click()
    page.keyboard.press("Shift+Enter")
    view = page.locator(".widget-vbox", has=page.locator(FIGURE)).last
    view.locator(FIGURE).wait_for(timeout=120_000)
    run = play_and_count(view, window)
    page.close()
    return {key: run[key] for key in ("fps", "browser_ms", "pause_ms")}
