"""The playground's Play in the zero-install site: Pyodide runs the kernel in the page's web worker.

dist/lite (as `make lite` built it, or $BACKPROP_LITE_SITE) is served on 127.0.0.1 by tools.lite.serve; a
Chromium that resolves no host name opens the site's REPL with ``PlaygroundExplorer()`` (its 40 × 40 grid in
Pyodide), presses Play, waits 2 s, counts the frames painted over WINDOW seconds, then presses Pause. No
websocket here: a frame's interval is the worker's training and forward pass plus the page's paint. Goal
(issue 28): ≥ 10 frames/s.
"""
import tempfile

from ._play_clock import FIGURE, play_and_count

GOAL_FPS = 10.0
CODE = "from backprop.widgets import PlaygroundExplorer\nPlaygroundExplorer()"


def site_runs(runs, window):
    """[{fps, interval_ms, browser_ms, pause_ms, load}] of ``runs`` runs in one site server and one Chromium;
    [] with the reason when the site is not built."""
    from playwright.sync_api import sync_playwright

    from tools.browser.chromium import CHROMIUM
    from tools.browser.lite import SITE, lite_serve, offline_context, repl_view

    from ._timing import load_average
    if not (SITE / "index.html").is_file():
        return [], f"no site in {SITE}: run `make lite` first"
    results = []
    with tempfile.TemporaryDirectory() as home, sync_playwright() as playwright:
        server = lite_serve(SITE, home)
        try:
            with offline_context(playwright, CHROMIUM) as context:
                for _ in range(runs):
                    page = context.new_page()
                    view = repl_view(server, page, CODE)
                    view.locator(FIGURE).wait_for(timeout=120_000)
                    run = play_and_count(view, window, warm_ms=2000)         # warm: Pyodide's first frames
                    results.append({**{key: run[key] for key in ("fps", "interval_ms", "browser_ms", "pause_ms")},
                                    "load": load_average()})
                    page.close()
        finally:
            server.stop()
    return results, None
