"""Drive one Voilà page in headless Chromium: press keys on a view's slider, time figure and readout.

The timing itself happens in the page (benchmarks/_probe.js): from the keydown event to the first
animation frame where the figure (canvas pixels, SVG, image) and the readout text differ. Bytes are
the websocket frames the page receives from pressing a key until the view has settled.
"""
import contextlib
import re
from pathlib import Path

from tools.browser.chromium import launch    # the browser tests' Chromium set-up
from tools.browser.servers import voila

PROBE = (Path(__file__).parent / "_probe.js").read_text()
VIEW = ".widget-vbox:has(> .widget-html)"
RENDER_TIMEOUT = 240_000


@contextlib.contextmanager
def chromium_and_voila(root, home):
    """(a Playwright browser context, the Voilà server serving ``root``); both stopped on exit."""
    from playwright.sync_api import sync_playwright
    server = voila(root, home)
    try:
        with sync_playwright() as playwright:
            context = launch(playwright, profile=Path(home) / "profile", viewport={"width": 1280, "height": 1000})
            try:
                yield context, server
            finally:
                context.close()
    finally:
        server.stop()


class ViewPage:
    """One rendered notebook with one view: its slider handles, its key presses and their timings."""

    def __init__(self, context, url):
        self.page = context.new_page()
        self.page.add_init_script(PROBE)
        self.received, self.errors = 0, []
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._count))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url, wait_until="load", timeout=RENDER_TIMEOUT)
        self.view = self.page.locator(VIEW).first
        self.view.wait_for(timeout=RENDER_TIMEOUT)
        self.view.scroll_into_view_if_needed()
        self.settle()

    def _count(self, payload):
        self.received += len(payload.encode() if isinstance(payload, str) else payload)

    def handle(self, label):
        """The slider handle (or button, for a label starting with 'button:') a key is pressed on."""
        if label.startswith("button:"):
            return self.view.locator("button", has_text=re.compile(rf"^{re.escape(label.split(':', 1)[1])}$"))
        slider = self.view.locator(".widget-slider").filter(
            has=self.page.locator(".widget-label", has_text=re.compile(rf"^{re.escape(label)}$")))
        return slider.locator(".noUi-handle").first

    def settle(self, quiet_ms=300):
        """Wait until figure and readout have not changed for ``quiet_ms``."""
        self.page.evaluate("([v, q]) => backpropProbe.settle(v, q)", [self.view.element_handle(), quiet_ms])

    def press(self, label, key):
        """Press ``key`` on the control: (figure ms, readout ms, bytes received until settled)."""
        handle = self.handle(label)
        handle.focus()
        self.page.evaluate("v => { window.backpropTiming = backpropProbe.timeNextKey(v); }",
                           self.view.element_handle())
        before = self.received
        handle.press(key)
        timing = self.page.evaluate("() => window.backpropTiming")
        self.settle()
        return timing["figure"], timing["text"], self.received - before

    def drag_across(self, label, steps=40):
        """Drag the slider's handle with the mouse from its minimum to its maximum, then let it settle."""
        handle, track = self.handle(label), self.handle(label).locator("xpath=ancestor::*[contains(@class,'noUi-target')]")
        box, bar = handle.bounding_box(), track.bounding_box()
        y = box["y"] + box["height"] / 2
        self.page.mouse.move(box["x"] + box["width"] / 2, y)
        self.page.mouse.down()
        self.page.mouse.move(bar["x"], y, steps=3)
        self.page.mouse.move(bar["x"] + bar["width"] + 5, y, steps=steps)
        self.page.mouse.up()
        self.settle(quiet_ms=1000)
        return float(handle.get_attribute("aria-valuenow"))

    def figure_label(self):
        """The figure's text alternative (aria-label), or None when the figure has none."""
        return self.page.evaluate("v => backpropProbe.label(v)", self.view.element_handle())

    def close(self):
        self.page.close()
