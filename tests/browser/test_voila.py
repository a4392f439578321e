"""Voilà, the classroom app mode: every lesson renders live, and the blame view learns.

Voilà runs each notebook top to bottom in a fresh kernel, hides the code and keeps
the widgets connected to that kernel.
"""
import math
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from backprop.widgets.figures.style import NUMBERS, read_number

from tools.browser.page import (INTERACTION_TIMEOUT, VIEW, figure_pixels, nudge, parameter_table, readout, shoot,
                    shoot_element, slider_value, wait_for_figures, wait_for_redraw)
from .conftest import LESSONS

RENDER_TIMEOUT = 180_000          # ms: a lesson that trains on digits may take a while in Voilà
NOTEBOOKS = sorted(p.name for p in LESSONS.glob("[0-9][0-9]_*.ipynb"))


def open_in_voila(page, url):
    """Render one lesson, wait until its cells are shown; return the list that collects uncaught JS errors."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="load", timeout=RENDER_TIMEOUT)
    page.locator("#rendered_cells").wait_for()
    return errors


def hosts_asked(page):
    """The list, filled as the page loads, of hosts other than 127.0.0.1 the page sends a request to."""
    hosts = []
    page.on("request", lambda r: urlparse(r.url).hostname not in (None, "", "127.0.0.1")
            and hosts.append(urlparse(r.url).hostname))
    return hosts


FONT_AWESOME_LOADED = """() => [...document.styleSheets].some(sheet => {
    try { return [...sheet.cssRules].some(rule => rule.cssText.includes("Font Awesome")); }
    catch (e) { return false; } })"""


def error_outputs(page):
    """Text of every stderr or error output on the page (tracebacks, warnings, widget errors)."""
    stderr = page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
    broken = page.locator(".jp-OutputArea-output", has_text=re.compile("Traceback|Error displaying widget"))
    return stderr + broken.all_inner_texts()


def poke_first_slider(view):
    """Move the view's first slider one step and wait for its readout to answer (the kernel is live)."""
    label = view.locator(".widget-slider").first.locator(".widget-label").inner_text()
    before = view.locator(":scope > .widget-html").inner_text()
    nudge(view, label)
    expect(view.locator(":scope > .widget-html")).not_to_have_text(before, timeout=INTERACTION_TIMEOUT)


@pytest.mark.parametrize("name", NOTEBOOKS, ids=[n.removesuffix(".ipynb") for n in NOTEBOOKS])
def test_lesson_renders_live_in_voila(voila, page, name):
    stem = name.removesuffix(".ipynb")
    outside = hosts_asked(page)
    js_errors = open_in_voila(page, f"{voila.url}/voila/render/{name}")
    errors = error_outputs(page)
    assert not errors, f"{name} shows an error or warning in Voilà:\n" + "\n".join(errors)[:3000]
    page.locator("#rendered_cells .jupyter-widgets").first.wait_for(timeout=30_000)
    wait_for_figures(page)
    shoot(page, f"voila-{stem}")
    assert js_errors == [], f"{name}: the page raised JavaScript errors"
    assert page.locator("#rendered_cells .jp-CodeCell .jp-InputArea").count() == 0, "Voilà must hide the code"
    views = page.locator(VIEW).filter(has=page.locator(".noUi-handle"))
    if views.count() >= 1:
        views.first.scroll_into_view_if_needed()
        poke_first_slider(views.first)           # the kernel answers: the widgets are live
    else:                                        # lesson 00's cycle demo is driven by its Step button
        views = page.locator(VIEW).filter(has=page.locator("button", has_text="Step"))
        assert views.count() >= 1, f"{name} shows no live view with a slider or a Step button"
        press_step(views.first)
    shoot(page, f"voila-{stem}-control-moved")
    assert outside == [], f"{name}: the page asked hosts other than its own: {sorted(set(outside))}"


def press_step(view):
    """Focus the view's Step button, press Enter, and wait for its readout to answer."""
    before = view.locator(":scope > .widget-html").inner_text()
    view.locator("button", has_text="Step").first.press("Enter")
    expect(view.locator(":scope > .widget-html")).not_to_have_text(before, timeout=INTERACTION_TIMEOUT)


def show_blame(view):
    """Press the 'blame' toggle and wait until the kernel has redrawn the diagram with δ."""
    pixels = figure_pixels(view)
    view.locator("button", has_text=re.compile("^blame")).click()
    wait_for_redraw(view, pixels)


def wait_for_steps(view, n):
    """Wait until the readout counts ``n`` gradient-descent steps."""
    view.locator(":scope > .widget-html td", has_text=re.compile(rf"^steps = {n}(\.0+)?$")).wait_for()


def wait_for_new_loss(view, shown, timeout=INTERACTION_TIMEOUT):
    """Wait until the readout's loss C is no longer the text ``shown``; return the new one as a float."""
    expect(view.locator(":scope > .widget-html")).not_to_contain_text(f"C = {shown}", timeout=timeout)
    return read_number(readout(view)["C"])


def nudge_until_the_loss_moves(view, label, presses=30):
    """Press the slider's arrow key until the loss C shown changes; return the new C. A parameter with little blame
    (lesson 04 shows w⁽¹⁾₂₁) moves C by less than the last digit shown at each 0.01 press."""
    shown = readout(view)["C"]
    for _ in range(presses):
        nudge(view, label)
        try:
            return wait_for_new_loss(view, shown, timeout=3_000)
        except AssertionError:
            continue
    raise AssertionError(f"{presses} presses on '{label}' left the loss shown at C = {shown}")


def blame_view(page):
    """The Step button and the BlameExplorer around it, scrolled into sight with its figure drawn."""
    step = page.get_by_role("button", name=re.compile("^Step"))
    view = page.locator(VIEW).filter(has=step).first
    view.scroll_into_view_if_needed()
    wait_for_figures(page)
    return step, view


def test_make_app_asks_no_host_but_its_own_and_keeps_its_icons(app_04, page):
    """Voilà's lab page links Font Awesome from a CDN; make app's template drops the links, and the icons
    still come with Voilà's own scripts."""
    outside = hosts_asked(page)
    open_in_voila(page, app_04.url + "/")
    page.locator("#rendered_cells .jupyter-widgets").first.wait_for(timeout=60_000)
    assert outside == [], f"make app asked hosts other than its own: {sorted(set(outside))}"
    assert page.evaluate(FONT_AWESOME_LOADED), "Font Awesome's rules are missing from the page"


def test_make_app_04_blame_step_lowers_loss(app_04, page):
    """`make app LESSON=04`: show blame, move a weight, press Step: the loss C shown falls."""
    open_in_voila(page, app_04.url + "/")
    assert page.locator("#rendered_cells .jp-CodeCell .jp-InputArea").count() == 0, "app mode hides the code"
    step, view = blame_view(page)
    shoot(page, "voila-blame-01-opened")

    show_blame(view)
    shoot(page, "voila-blame-02-blame-shown")

    weight = slider_value(view, "its value")
    loss_moved = nudge_until_the_loss_moves(view, "its value")
    assert slider_value(view, "its value") != weight
    shoot(page, "voila-blame-03-weight-moved")

    step.click()
    wait_for_steps(view, 1)
    loss_stepped = read_number(readout(view)["C"])
    assert loss_stepped < loss_moved, f"one Step of gradient descent must lower the loss C: {loss_moved} → {loss_stepped}"
    wait_for_figures(page)
    shoot(page, "voila-blame-04-after-step")
    shoot_element(view, "app-mode-blame-view")           # the README's picture of app mode


def tolerance(value):
    """How far a shown p may be from p − η·∂C/∂p worked from shown numbers: 1.5e-4, or 1.5 units of the last
    significant digit the readout shows of ``value`` (style.json's digits; p and the sum are each rounded)."""
    return max(1.5e-4, 1.5 * 10.0 ** (math.floor(math.log10(max(abs(value), 1e-12))) - NUMBERS["digits"] + 1))


def test_make_app_04_step_moves_every_parameter_by_minus_lr_times_gradient(app_04, page):
    """Step is gradient descent: each shown parameter p becomes p − η·∂C/∂p, as shown before the Step."""
    open_in_voila(page, app_04.url + "/")
    step, view = blame_view(page)
    before, lr = parameter_table(view), slider_value(view, "learning rate η")
    step.click()
    wait_for_steps(view, 1)
    show_blame(view)                 # one more round trip: whatever the page sent after the Step has arrived
    after = parameter_table(view)
    moved = {p: (after[p][0], value - lr * grad) for p, (value, grad) in before.items()}
    wrong = {p: shown for p, shown in moved.items() if abs(shown[0] - shown[1]) > tolerance(shown[1])}
    assert not wrong, f"(shown, p − η·∂C/∂p) after one Step: {wrong}"
