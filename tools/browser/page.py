"""What a browser test or benchmark reads from and does to a page: views, sliders, readouts, figures, screenshots.

A course view (widgets/_base.py) is a VBox whose direct children are its controls,
its figure and an HTML readout of ``name = value`` cells; that is how we find one.
Its figure is an SVG the browser draws (``Plot``, widgets/figures/plot.js, or GraphExplorer's graph.js: ``PLOT``). The browser bench's
ipympl baseline is read by benchmarks/_probe.js, not here.
"""
import re
from pathlib import Path

from playwright.sync_api import expect

from backprop.widgets.figures.style import number, read_number

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
VIEW = ".widget-vbox:has(> .widget-html)"          # a View: controls, figure, readout
INTERACTION_TIMEOUT = 20_000                       # ms for the kernel to answer a slider or a button
PLOT = "[data-figure] svg[role=img], [data-figure] canvas[role=img]"   # a figure's drawing: a Plot's or a graph's
#                                  SVG (widgets/figures/plot.js, graph.js) or a view's own canvas (playground.js)
PICTURE = "f => f.tagName === 'CANVAS' ? f.toDataURL() : f.innerHTML"   # what a figure's drawing shows

_FIGURES_DRAWN = f"""() => [...document.querySelectorAll('{PLOT}')]
    .every(s => (s.tagName === 'CANVAS' || s.childElementCount > 0) && s.getAttribute('aria-label'))"""
_PICTURE = f"f => f.getAttribute('aria-label') + ({PICTURE})(f)"


def shoot(page, name):
    """Save a full-page screenshot as test-artifacts/browser/<name>.png and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def shoot_element(locator, name):
    """Save a screenshot of one element (a view) as test-artifacts/browser/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    locator.screenshot(path=str(path))
    return path


def wait_for_figures(page, timeout=INTERACTION_TIMEOUT):
    """Wait until every Plot on the page has its marks and its label."""
    page.wait_for_function(_FIGURES_DRAWN, timeout=timeout)


def figure_pixels(view):
    """The view's figure: its Plot's label and SVG markup (to notice that it was redrawn)."""
    return view.locator(PLOT).first.evaluate(_PICTURE)


def wait_for_redraw(view, before, timeout=INTERACTION_TIMEOUT):
    """Wait until the view's figure differs from ``before`` (what figure_pixels said)."""
    figure = view.locator(PLOT).first
    figure.page.wait_for_function(f"([f, before]) => ({_PICTURE})(f) !== before",
                                  arg=[figure.element_handle(), before], timeout=timeout)


def find_view(page, control_label):
    """The first view that has a control labelled ``control_label`` (a locator, not waited for)."""
    return page.locator(VIEW).filter(has=page.locator(".widget-inline-hbox", has_text=control_label)).first


def view_with(page, control_label):
    """The first view that has a control labelled ``control_label``, once it shows."""
    view = find_view(page, control_label)
    view.wait_for()
    return view


def slider(view, label):
    """The slider of ``view`` whose description is exactly ``label``."""
    return view.locator(".widget-slider").filter(
        has=view.page.locator(".widget-label", has_text=re.compile(rf"^{re.escape(label)}$")))


def slider_handle(view, label):
    """The handle of ``slider(view, label)``: what the keyboard and the mouse move."""
    return slider(view, label).locator(".noUi-handle")


def slider_value(view, label):
    """The value a slider displays next to its track, as a float."""
    return float(slider(view, label).locator(".widget-readout").inner_text())


def nudge(view, label):
    """Focus a slider's handle and press one arrow key (right, or left at the maximum); return +1 or -1."""
    handle = slider_handle(view, label)
    at_max = float(handle.get_attribute("aria-valuenow")) >= float(handle.get_attribute("aria-valuemax"))
    handle.focus()
    handle.press("ArrowLeft" if at_max else "ArrowRight")
    return -1 if at_max else 1


def readout(view):
    """The view's readout as {name: text of the value}, e.g. {'z': '0.25', 'a = f(z)': '0.5622'} (read a value
    with backprop.widgets.figures.style.read_number)."""
    cells = view.locator(":scope > .widget-html td").all_inner_texts()
    return dict(cell.rsplit(" = ", 1) for cell in cells if " = " in cell)


def parameter_table(view):
    """The readout's parameter table as {label: (value, gradient)}; rows whose gradient is '?' are left out."""
    rows = view.locator(":scope > .widget-html table:has(th) tr:has(td:nth-child(3))").all()
    cells = [row.locator("td").all_inner_texts() for row in rows]
    return {label: (read_number(value), read_number(grad)) for label, value, grad in cells if grad.strip() != "?"}


def expect_readout(view, name, value, timeout=INTERACTION_TIMEOUT):
    """Wait until the readout shows ``name = value`` in the course's number format (style.number)."""
    text = f"{name} = {number(value)}"
    expect(view.locator(":scope > .widget-html")).to_contain_text(text, timeout=timeout)
