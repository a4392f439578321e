"""A student of the class load test in a real Chromium page (Playwright's async API, Debian's Chromium).

First view = from the page's navigation start to the first animation frame in which a view is on
screen: a widget box with a readout and a slider handle, and a figure element drawn in it (canvas
pixels, SVG or image, whichever the view draws with: benchmarks/_probe.js decides). A move is one
arrow key on the view's first slider until its readout text and its figure have changed (a
figure that does not change within the time limit is left out), timed in the page. To vanish,
the page's shutdown beacon is blocked and the tab closed without its unload handlers.
"""
from pathlib import Path

from tools.browser.chromium import CHROMIUM, CHROMIUM_ARGS

PROBE = (Path(__file__).parent / "_probe.js").read_text()
TIMEOUT_MS = 60_000
FIRST_VIEW = """(limit) => new Promise((resolve) => {
  const frame = () => {
    const view = [...document.querySelectorAll(".widget-vbox")].find((box) =>
      box.querySelector(":scope > .widget-html") && box.querySelector(".widget-slider .noUi-handle"));
    const figure = view ? backpropProbe.figure(view) : "";
    if (view && backpropProbe.readout(view) && figure && !figure.includes("empty")) resolve(performance.now());
    else if (performance.now() > limit) resolve(null);
    else requestAnimationFrame(frame);
  };
  frame();
})"""
KERNEL_ID = "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
VIEW = ".widget-vbox:has(> .widget-html):has(.widget-slider .noUi-handle)"


async def launch(playwright):
    """Headless Chromium with the browser tests' flags."""
    return await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


class BrowserStudent:
    """One student in a tab of ``browser``: ``open(url)``, ``move()`` …, ``drop()``."""

    def __init__(self, browser):
        self.browser, self.page, self.errors, self.first_view, self.kernel_id = browser, None, [], None, None

    async def open(self, url):
        """Load the app; ``first_view`` = seconds from navigation start to the first painted view."""
        context = await self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = await context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        await self.page.add_init_script(PROBE)
        await self.page.route("**/voila/api/shutdown/**", lambda route: route.abort())
        await self.page.goto(url + "/", wait_until="commit", timeout=TIMEOUT_MS)
        painted = await self.page.evaluate(FIRST_VIEW, TIMEOUT_MS)
        if painted is None:
            raise TimeoutError(f"no view painted within {TIMEOUT_MS / 1000:.0f} s")
        self.first_view = painted / 1000
        self.kernel_id = await self.page.evaluate(KERNEL_ID)
        self.view = await self.page.locator(VIEW).first.element_handle()
        return self.first_view

    async def move(self):
        """One arrow key on the view's first slider (left at its maximum); seconds until readout and figure changed."""
        handle = self.page.locator(VIEW).first.locator(".noUi-handle").first
        now, top = [float(await handle.get_attribute(f"aria-value{end}")) for end in ("now", "max")]
        at_max = now >= top
        await handle.focus()
        await self.page.evaluate("([v, limit]) => { window.classTiming = backpropProbe.timeNextKey(v, limit); }",
                                 [self.view, TIMEOUT_MS])
        await handle.press("ArrowLeft" if at_max else "ArrowRight")
        timing = await self.page.evaluate("() => window.classTiming")
        if timing["text"] is None:
            raise TimeoutError(f"the readout did not change within {TIMEOUT_MS / 1000:.0f} s of a key press")
        return max(t for t in (timing["text"], timing["figure"]) if t is not None) / 1000

    async def drop(self):
        """Close the tab without its unload handlers: the websocket drops, no shutdown request is sent."""
        if self.page is not None:
            await self.page.context.close()
