"""One measurement of Play in a page, the same wherever the view runs (Voilà, JupyterLab, the site): press Play,
let it warm, count the frames the page painted over a window, press Pause and time the last frame after it."""
FIGURE = "[data-figure=playground]"
READ = f"""v => {{ const f = v.querySelector('{FIGURE}');
  return [Number(f.dataset.frame || 0), Number(f.dataset.paintMs || 0), Number(f.dataset.paintedAt || 0),
          performance.now()]; }}"""
PAUSE = f"""async v => {{
        const b = [...v.querySelectorAll('button')].find(b => b.textContent.trim() === 'Pause');
        const clicked = performance.now(); b.click();
        await new Promise(r => setTimeout(r, 1500));
        const f = v.querySelector('{FIGURE}');
        return Number(f.dataset.paintedAt) - clicked; }}"""


def play_and_count(view, window, warm_ms=1000, mark=lambda: None):
    """{fps, frames, interval_ms, browser_ms, pause_ms, marks} of Play in ``view`` (a Playwright locator) over
    ``window`` seconds after ``warm_ms`` of warm-up; ``marks``: what ``mark()`` returned at the window's start
    and end (the caller's own counters: kernel clock lines, websocket bytes)."""
    view.locator("button", has_text="Play").click()
    view.page.wait_for_timeout(warm_ms)
    start = mark()
    frame0, paint0, _, t0 = view.evaluate(READ)
    view.page.wait_for_timeout(window * 1000)
    frame1, paint1, _, t1 = view.evaluate(READ)
    end = mark()
    frames, seconds = frame1 - frame0, (t1 - t0) / 1000
    return {"fps": frames / seconds, "frames": frames, "interval_ms": 1e3 * seconds / max(frames, 1),
            "browser_ms": (paint1 - paint0) / max(frames, 1), "pause_ms": max(view.evaluate(PAUSE), 0.0),
            "marks": (start, end)}
