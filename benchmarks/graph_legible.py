"""The largest computational graph GraphExplorer draws legibly in a 700 px column, measured in Chromium.

Voilà renders GraphExplorer(net=…) of networks ever wider (2-h-1) and deeper (2-2-…-2-1), with the view's size
limit (widgets/_graph_source.py) lifted; each view, at a 700 px output column, is checked with the layout
test's rules (tools.browser.layout): no text outside its figure or the visible column, no two texts on top of
each other, nothing under 11 px. "Legible" is: no such problem and no sideways scroll. One line per graph,
with the figure's height (the layout never shrinks text below 11 px: a bigger graph makes a taller figure):

    .venv/bin/python -m benchmarks.graph_legible
"""
import json
import tempfile
from pathlib import Path

from backprop import Network
from backprop.graph_sources import network_graph
from backprop.widgets.figures.graph_layout import columns, rows

COLUMN = 700
SIZES = [[2, h, 1] for h in (2, 3, 4, 6, 8, 12, 16)] + [[2] * k + [1] for k in (3, 4, 6, 8, 12)]
LIFT = ("import backprop.widgets._graph_source as limits\n"
        "limits.MAX_NODES = limits.MAX_COLUMNS = limits.MAX_ROWS = 10 ** 6\n")


def cell(sizes):
    x, y = [0.5, 0.1], [0.6]
    return (f"from backprop import Network\nfrom backprop.widgets import GraphExplorer\n"
            f"GraphExplorer(net=Network({sizes}, seed=0), x={x}, y={y})")


def shape(sizes):
    """(values, depth, widest column) of the graph of a network of ``sizes``."""
    graph = network_graph(Network(sizes, seed=0), [0.5, 0.1], [0.6])
    order = rows(graph, columns(graph))
    return len(graph), len(order), max(map(len, order))


def main():
    from playwright.sync_api import sync_playwright

    from tools.browser import servers
    from tools.browser.chromium import launch
    from tools.browser.layout import layout_problems, measure
    from tools.browser.page import VIEW, wait_for_figures
    with tempfile.TemporaryDirectory() as tmp:
        cells = [LIFT] + [cell(s) for s in SIZES]
        notebook = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                               "source": c} for c in cells], "nbformat": 4, "nbformat_minor": 5,
                    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}}
        (Path(tmp) / "legible.ipynb").write_text(json.dumps(notebook))
        home = Path(tmp) / "home"
        home.mkdir()
        server = servers.voila(Path(tmp), home)
        try:
            with sync_playwright() as playwright:
                context = launch(playwright)
                page = context.new_page()
                page.goto(f"{server.url}/voila/render/legible.ipynb", timeout=180_000)
                views = page.locator(VIEW)
                views.nth(len(SIZES) - 1).wait_for(timeout=180_000)
                wait_for_figures(page)
                page.set_viewport_size({"width": COLUMN, "height": 900})
                area = views.first.evaluate("v => v.getBoundingClientRect().width")
                page.set_viewport_size({"width": round(COLUMN + (COLUMN - area)), "height": 900})
                page.wait_for_timeout(1000)
                for index, sizes in enumerate(SIZES):
                    view = views.nth(index)
                    view.scroll_into_view_if_needed()
                    report = measure(view)
                    problems = layout_problems(report)
                    scrolls = any(s["scroller"] for s in report["svgs"])
                    values, depth, wide = shape(sizes)
                    verdict = "legible" if not problems and not scrolls else \
                        f"{len(problems)} problems{', scrolls' if scrolls else ''}: {problems[:1]}"
                    height = max(s["h"] for s in report["svgs"])
                    print(f"{'-'.join(map(str, sizes)):<22} {values:>3} values, {depth:>2} deep, {wide:>2} side by "
                          f"side, column {report['area']['w']:.0f} px | figure {height:.0f} px tall | {verdict}")
                context.browser.close() if context.browser else context.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
