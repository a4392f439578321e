"""The browser-drawn figure (widgets/figures/plot.js) in Voilà: it draws every mark, follows a key press,
puts a point where the panel's limits say, and says its numbers in its text alternative."""
import json
import re

from playwright.sync_api import expect

from ._page import nudge, shoot_element, view_with
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
    cx = float(svg.locator("circle[r=\"5\"]").get_attribute("cx"))
    assert abs(cx - 600 * (0.1 + 0.5 * 1.01 / 4)) <= 0.1          # left + width · (w − 0)/(4 − 0), in pixels
    expect(svg.locator("text", has_text=re.compile(r"^w = 1\.01$"))).to_have_count(1)
    shoot_element(view, "figure-probe")
    assert errors == [], f"the page raised JavaScript errors: {errors}"
