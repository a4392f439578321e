"""The browser-drawn figure (widgets/figures/plot.js) in Voilà: it draws every mark, follows a key press,
puts a point where the panel's limits say, and says its numbers in its text alternative; every live view's
figure follows a key press and then says what the same view, built headless, says for the new value."""
import json
import re

import ipywidgets as widgets

from playwright.sync_api import expect

from tools.browser.layout import check_view
from tools.browser.page import INTERACTION_TIMEOUT, PICTURE, PLOT, VIEW, nudge, shoot_element, slider_handle, view_with
from .test_voila import open_in_voila

NOTEBOOK = "figure_probe.ipynb"
SOURCE = """import numpy as np, ipywidgets as widgets
from backprop.widgets.figures import Plot, bars, image, legend, line, panel, points, rect, segments, texts
slider = widgets.FloatSlider(value=1.0, min=0.0, max=4.0, step=0.01, description="w")
readout = widgets.HTML()
figure = Plot([panel((0.1, 0.15, 0.5, 0.7), xlim=(0, 4), ylim=(-1.2, 1.2), xlabel="w", title="sin"),
               panel((0.7, 0.15, 0.25, 0.7), xlim=(0, 4), ylim=(1e-6, 1e6), yscale="log")], width=600, height=300)
grid = np.linspace(0, 4, 101)
backdrop = [line(0, grid, np.sin(grid)), rect(1, y0=1e-2, y1=1e2), image(1, np.eye(8), (0.2, 1.0, 1e-5, 1e-3)),
            legend(0, [("sin", "C0", "line"), ("now", "C3", "o")], y=0.3)]
def update(change=None):
    w = slider.value
    figure.show([points(0, [w], [np.sin(w)], size=5), segments(0, [[w, 0]], [[w, np.sin(w)]], color="C3"),
                 bars(1, [1, 2, 3], [1e-3, w, 1e4], bottom=1e-6, color="C1"),
                 texts(0, [(0.05, 0.9)], [f"w = {w:.2f}"], coords="axes", anchor="start", halo=True)],
                backdrop=backdrop, description=f"sin(w) at w = {w:.2f} is {np.sin(w):.4f}")
    readout.value = f"<table><tr><td>w = {w:.2f}</td></tr></table>"
slider.observe(update, "value")
update()
widgets.VBox([slider, figure, readout])
"""


def write_probe(folder):
    cell = {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": SOURCE}
    notebook = {"cells": [cell], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                             "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    (folder / NOTEBOOK).write_text(json.dumps(notebook))


def test_plot_follows_a_key_press_and_says_its_numbers(voila, lessons_copy, page):
    write_probe(lessons_copy)
    errors = open_in_voila(page, f"{voila.url}/voila/render/{NOTEBOOK}")
    view = view_with(page, "w")
    svg = view.locator("svg[role=img]")
    expect(svg).to_have_attribute("aria-label", "sin(w) at w = 1.00 is 0.8415")
    drawn = svg.evaluate("s => s.innerHTML")
    assert svg.locator("image").count() == 1 and svg.locator("text", has_text="w = 1.00").count() == 1
    nudge(view, "w")
    expect(svg).to_have_attribute("aria-label", "sin(w) at w = 1.01 is 0.8468")
    assert svg.evaluate("s => s.innerHTML") != drawn
    cx = float(svg.locator(":scope > g").nth(2).locator("circle").first.get_attribute("cx"))   # the marks' point
    frame = svg.locator("clipPath rect").first                     # panel 0's plotting area, as laid out
    left, width = float(frame.get_attribute("x")), float(frame.get_attribute("width"))
    assert abs(cx - (left + width * 1.01 / 4)) <= 0.15             # left + width · (w − 0)/(4 − 0), in pixels
    expect(svg.locator("text", has_text=re.compile(r"^w = 1\.01$"))).to_have_count(1)
    shoot_element(view, "figure-probe")
    assert errors == [], f"the page raised JavaScript errors: {errors}"


# ---- every live view: a key press changes its figure, which then says the core's new numbers ----------
def every_view():
    """[(name, demo)] of every view in backprop.widgets: how each is shown and which key moves it."""
    from backprop.widgets import views
    return [(name, cls.demo) for name, cls in views().items()]


def notebook(path, cells):
    """Write a notebook of these code cells."""
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c} for c in cells]
    path.write_text(json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5, "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}}))


def views_notebook(folder):
    """every_view.ipynb: one cell per view, built as the browser benchmark builds it."""
    from benchmarks._browser_cases import view_case
    notebook(folder / "every_view.ipynb", [view_case(name, demo, 1).source for name, demo in every_view()])


def check_every_view(page, names, entries, label, theme, shot):
    """Each view on ``page`` (in the order of ``names``) measured and checked by tools.browser.layout.check_view at
    the width ``label``, its entry stored in ``entries[name][label]``, shot as ``<shot>-<name>``; the problems
    as '<name> at <label> (<theme>): …'."""
    failures = []
    for index, name in enumerate(names):
        view = page.locator(VIEW).nth(index)
        view.scroll_into_view_if_needed()
        entry = entries.setdefault(name, {})[label] = check_view(page, view)
        shoot_element(view, f"{shot}-{name}")
        failures += [f"{name} at {label} ({theme}): {p}" for p in entry["problems"]]
    return failures


def expected_after(name, demo):
    """What the figure must say after the key: the same view built headless, the key applied as the browser does."""
    from benchmarks._browser_twin import control, press, view_class
    view = view_class(name)(**demo.kwargs)
    c = control(view, demo.control.removeprefix("button:"))
    if isinstance(c, widgets.Button):
        c.click()
    else:
        if isinstance(c, widgets.FloatSlider):      # the handle sits on the step grid: a key moves from there
            c.value = c.min + round((c.value - c.min) / c.step) * c.step
        press(c, demo.key)
    return view.figure.description


def handle(view, label):
    if label.startswith("button:"):
        return view.locator("button", has_text=re.compile(rf"^{re.escape(label.split(':', 1)[1])}$"))
    return slider_handle(view, label)


def test_every_views_figure_follows_a_key_press_and_says_the_new_numbers(voila, lessons_copy, page):
    views_notebook(lessons_copy)
    errors = open_in_voila(page, f"{voila.url}/voila/render/every_view.ipynb")
    shown = every_view()
    expect(page.locator(VIEW)).to_have_count(len(shown), timeout=INTERACTION_TIMEOUT)
    for index, (name, demo) in enumerate(shown):                 # one view per cell, in order
        view = page.locator(VIEW).nth(index)
        view.scroll_into_view_if_needed()
        svg = view.locator(PLOT)
        expect(svg).not_to_have_attribute("aria-label", "", timeout=INTERACTION_TIMEOUT)
        before, drawn = svg.get_attribute("aria-label"), svg.evaluate(PICTURE)
        handle(view, demo.control).focus()
        handle(view, demo.control).press(demo.key)
        expect(svg).to_have_attribute("aria-label", expected_after(name, demo), timeout=INTERACTION_TIMEOUT)
        assert svg.get_attribute("aria-label") != before and svg.evaluate(PICTURE) != drawn, name
        shoot_element(view, f"figure-{name}")
    assert errors == [], f"the page raised JavaScript errors: {errors}"


def test_blame_passed_back_mode_is_reached_from_the_keyboard(voila, lessons_copy, page):
    views_notebook(lessons_copy)
    open_in_voila(page, f"{voila.url}/voila/render/every_view.ipynb")
    view = view_with(page, "its value")
    svg = view.locator(PLOT)
    expect(svg).to_have_attribute("aria-label", re.compile("^Network 2-2-1, forward pass"), timeout=INTERACTION_TIMEOUT)
    button = view.locator("button", has_text="passed back: w·δ")
    button.focus()
    button.press("Space")
    expect(svg).to_have_attribute("aria-label", re.compile(r"^Network 2-2-1, blame passed back w·δ.*w·δ through "
                                                           r"weights\[1\] = \(\+0\.0134, \+0\.0188\)"),
                                  timeout=INTERACTION_TIMEOUT)
    expect(svg.locator("text", has_text=re.compile(r"^\+0\.0134$"))).to_have_count(2)   # an edge and its neuron


def test_the_dashboard_trains_between_messages_and_hears_stop(voila, lessons_copy, page):
    """No thread: the epochs run as a task on the kernel's loop, so a Stop click arrives while it trains."""
    notebook(lessons_copy / "dashboard.ipynb",
             ["from backprop.widgets import TrainingDashboard\nTrainingDashboard(hidden=128, batch_size=4, epochs=50)"])
    open_in_voila(page, f"{voila.url}/voila/render/dashboard.ipynb")
    view = view_with(page, "hidden neurons")
    svg, progress = view.locator(PLOT), view.locator(".widget-hprogress .progress-bar")
    view.locator("button", has_text=re.compile("^Train$")).click()
    expect(svg).to_have_attribute("aria-label", re.compile(r"epoch [2-9] of 50, training …"),
                                  timeout=INTERACTION_TIMEOUT)            # a later epoch: the task runs on
    view.locator("button", has_text=re.compile("^Stop$")).click()
    expect(svg).to_have_attribute("aria-label", re.compile(r"stopped by request after epoch \d+\."),
                                  timeout=INTERACTION_TIMEOUT)
    run = int(re.search(r"epoch (\d+) of 50", svg.get_attribute("aria-label")).group(1))
    assert 2 <= run < 50
    expect(progress).to_have_attribute("style", re.compile(rf"width: {run * 2}%"))   # epochs run, of 50
    expect(view.locator("button", has_text=re.compile("^Train$"))).to_be_enabled()
