"""GraphExplorer in JupyterLab and in the zero-install site: Step, Back, a click on a node, a leaf's slider moved
with the keyboard; in Voilà, the largest graphs it accepts fit every column from JupyterLab's narrowest up.

Each number the page shows afterwards is compared with what the core computes here, in the test, for the
values read back from the page (backprop.graph on note 003's network, independent of the view).
"""
import json
import re

import pytest
from playwright.sync_api import expect

from backprop.data import worked_example
from backprop.graph_rules import fmt
from backprop.graph_sources import network_graph
from backprop.graph_walk import Walk
from backprop.widgets._readout import as_shown

from tools.browser.lite import foreign, repl_view
from tools.browser.page import INTERACTION_TIMEOUT, PLOT, nudge, shoot_element, slider_value, view_with

NOTEBOOK = "graph_view.ipynb"


@pytest.fixture(scope="module")
def notebook(lessons_copy):
    """A notebook beside the lessons that shows GraphExplorer on note 003's network."""
    cell = {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
            "source": "from backprop.widgets import GraphExplorer\nGraphExplorer()"}
    (lessons_copy / NOTEBOOK).write_text(json.dumps({
        "cells": [cell], "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}}))
    return NOTEBOOK


def readout(view):
    return view.locator(":scope > .widget-html")


def test_step_back_click_and_a_leaf_slider_in_jupyterlab(jupyterlab, page, notebook):
    from .test_jupyterlab import run_all_cells
    page.goto(f"{jupyterlab.url}/lab/tree/{notebook}?reset")    # a fresh workspace: this notebook alone
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for()
    run_all_cells(page)
    exercise(view_with(page, "why this number"), "lab")


def test_step_back_click_and_a_leaf_slider_in_the_zero_install_site(lite, offline, lite_page):
    exercise(repl_view(lite, lite_page, "from backprop.widgets import GraphExplorer\nGraphExplorer()"), "lite")
    assert foreign(offline.requests) == []


def exercise(view, where):
    """Two Steps, a Back, a click on x₁, a leaf's slider one key to the right: each checked against the core."""
    view.scroll_into_view_if_needed()
    figure = view.locator(PLOT)
    expect(figure).to_have_attribute("aria-label", re.compile(r"C \(×\) = 0\.0097"), timeout=INTERACTION_TIMEOUT)
    expect(readout(view)).to_contain_text("Forward pass done")

    net, x, y = worked_example()
    walk = Walk(network_graph(net, x, y))              # the core, on its own
    first = walk.step()
    second = walk.step()
    view.get_by_role("button", name="Step ▶").click()
    view.get_by_role("button", name="Step ▶").click()
    expect(readout(view)).to_contain_text(as_shown(second.text), timeout=INTERACTION_TIMEOUT)
    expect(figure).to_have_attribute("aria-label", re.compile(re.escape("backward: 2 of 15 rules run")))
    shoot_element(view, f"graph-{where}-01-two-steps")
    view.get_by_role("button", name="◀ Back").click()
    expect(readout(view)).to_contain_text(as_shown(first.text), timeout=INTERACTION_TIMEOUT)
    expect(figure).to_have_attribute("aria-label", re.compile(re.escape("backward: 1 of 15 rules run")))

    figure.locator("[data-node='0']").click()          # x₁: why this number, by a click
    expect(readout(view)).to_contain_text("∂C/∂x₁ = the sum over its 2 paths", timeout=INTERACTION_TIMEOUT)
    expect(view.locator("select").first.locator("option:checked")).to_have_text("x₁")
    view.locator("select").first.select_option(index=1)     # another node by the dropdown, then x₁ clicked again
    expect(readout(view)).not_to_contain_text("∂C/∂x₁ = the sum over its 2 paths", timeout=INTERACTION_TIMEOUT)
    figure.locator("[data-node='0']").click()
    expect(readout(view)).to_contain_text("∂C/∂x₁ = the sum over its 2 paths", timeout=INTERACTION_TIMEOUT)
    expect(view.locator("select").first.locator("option:checked")).to_have_text("x₁")

    leaf = view.locator("select").nth(1).locator("option:checked").inner_text()     # the leaf the slider moves
    assert leaf == "x₁"
    before = slider_value(view, "its value")
    direction = nudge(view, "its value")
    expect(view.locator(".widget-slider .widget-readout").first).not_to_have_text(f"{before:.2f}")
    moved = slider_value(view, "its value")
    assert moved == pytest.approx(before + direction * 0.01)
    graph = network_graph(net, x, y)
    loss = graph.forward({next(i for i, n in enumerate(graph.nodes) if n.label == leaf): moved})
    walk = Walk(graph)
    walk.step()
    grads = walk.grads                                  # one rule run: the view stays where Back left it
    expect(figure).to_have_attribute("aria-label", re.compile(re.escape(f"x₁ (leaf) = {fmt(moved)}")),
                                     timeout=INTERACTION_TIMEOUT)
    expect(figure).to_have_attribute("aria-label", re.compile(re.escape(f"C (×) = {fmt(loss)}")))
    expect(figure).to_have_attribute("aria-label", re.compile(re.escape(f"e₁² (^) = {fmt(graph.nodes[-3].data)}, "
                                                                        f"grad {fmt(grads[-3])}")))
    shoot_element(view, f"graph-{where}-02-leaf-moved")


LARGEST = {        # the largest graphs GraphExplorer accepts (widgets/_graph_source.py), after every rule has run
    "2-3-2 network, 52 values, 11 deep, 9 side by side":
        "view = GraphExplorer(net=Network([2, 3, 2], seed=0), x=[0.5, 0.1], y=[0.6, 0.2])",
    "a chain 12 deep":
        "g = Graph()\nv = g.leaf('a', 0.3)\nfor k in range(7):\n    v = v.tanh() if k % 2 else v * 1.1 + 0.2\n"
        "view = GraphExplorer(v)",
}
WIDTHS = (368, 420, 500, 620, 700, 848)            # px: Lab's narrowest column and up


def test_the_largest_graphs_fit_every_column_from_368_px_without_scrolling(voila, lessons_copy, page):
    """Each passes the layout checks (tools.browser.layout) at every width, after Step has run every rule (the
    longest title), with no sideways scroll: a graph too wide for its column is laid out narrower instead."""
    from .test_figures import notebook
    from .test_view_layout import fit_column
    from .test_voila import open_in_voila
    from tools.browser.layout import layout_problems, measure, scroll_problems
    from tools.browser.page import VIEW, wait_for_figures
    head = "from backprop import Network\nfrom backprop.graph import Graph\nfrom backprop.widgets import GraphExplorer\n"
    notebook(lessons_copy / "graph_largest.ipynb", [head + code + "\nview.run_backward()\nview" for code in LARGEST.values()])
    errors = open_in_voila(page, f"{voila.url}/voila/render/graph_largest.ipynb")
    expect(page.locator(VIEW)).to_have_count(len(LARGEST), timeout=INTERACTION_TIMEOUT)
    wait_for_figures(page)
    failures = []
    for column in WIDTHS:
        fit_column(page, column)
        for index, name in enumerate(LARGEST):
            view = page.locator(VIEW).nth(index)
            view.scroll_into_view_if_needed()
            report = measure(view)
            failures += [f"{name} at {column} px: {p}" for p in layout_problems(report)]
            failures += [f"{name} at {column} px: scrolls sideways" for s in report["svgs"] if s["scroller"]]
            shoot_element(view, f"graph-largest-{index + 1}-{column}")
    assert errors == [], f"the page raised JavaScript errors: {errors}"
    assert not failures, "\n".join(failures[:40])
    squeezed = page.locator("[data-figure=graph]").first        # a column narrower than one box: it scrolls, as
    squeezed.evaluate("f => { f.style.width = '40px'; }")      # a region the keyboard reaches and a reader names
    expect(squeezed).to_have_attribute("data-column", "40", timeout=INTERACTION_TIMEOUT)
    expect(squeezed).to_have_attribute("role", "region")
    expect(squeezed).to_have_attribute("tabindex", "0")
    expect(squeezed).to_have_attribute("aria-label", re.compile("scroll it sideways"))
    report = measure(page.locator(VIEW).first)
    area, figure = report["area"], report["svgs"][0]
    assert figure["scroller"]["w"] == 40 and figure["w"] > 40
    assert scroll_problems(figure, right=area["x"] + area["w"] + 0.5) == []
