"""Every view, as a learner sees it, in Voilà's light and dark themes, at the course's column widths
(tools.browser.layout.COLUMNS: a phone, JupyterLab at 800 px with the file browser open and closed, Lab
at 1280 px, a projector; and PHONES, a 390 px and a 320 px phone): no text outside its figure or the
visible output area, no two texts on top of each other, nothing smaller than 11 px (for a canvas figure: the
size it states it drew), no control text over another control's text or parts, square digit images, no
cut control text, slider tracks ≥ 120 px, targets ≥ 24 px, a figure wider than its column only inside a
labelled, focusable scroll region (tools.browser.layout), and no serious or critical axe-core violation
inside a view. The page is
opened once per theme and resized. Screenshots of each view at each width are kept in
test-artifacts/browser/layout-<theme>-<width>-<view>.png, the measurements in layout-report.json.
Every slider is named by its label and tells a screen reader the value its readout shows."""
import json

import pytest
from playwright.sync_api import expect

from tools.browser.layout import COLUMNS, PHONES, axe_violations, layout_problems, measure
from tools.browser.page import ARTIFACTS, INTERACTION_TIMEOUT, PLOT, VIEW, shoot, wait_for_figures
from .test_figures import check_every_view, every_view, views_notebook
from .test_voila import open_in_voila

REPORT = {}


LAID_OUT = """() => [...document.querySelectorAll('[data-figure][data-column]')]
    .every(f => f.clientWidth === 0 || Number(f.dataset.column) === Math.floor(f.clientWidth))"""


def fit_column(page, column):
    """Resize the page so that the views' output column is ``column`` px wide (the phone and the projector
    are the whole window, as in Voilà); wait until every figure has redrawn for it."""
    page.set_viewport_size({"width": column, "height": 900})
    if column not in (360, 1920, *PHONES.values()):
        area = page.locator(VIEW).first.evaluate("v => v.getBoundingClientRect().width")
        page.set_viewport_size({"width": round(column + (column - area)), "height": 900})
    page.wait_for_timeout(150)                       # ResizeObserver, then one redraw per figure
    page.wait_for_function(LAID_OUT, timeout=INTERACTION_TIMEOUT)    # a graph says the width it is laid out for
    wait_for_figures(page)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_view_fits_reads_and_is_accessible_at_every_width(voila, lessons_copy, page, theme):
    views_notebook(lessons_copy)
    errors = open_in_voila(page, f"{voila.url}/voila/render/every_view.ipynb?theme={theme}")
    names = [name for name, _ in every_view()]
    expect(page.locator(VIEW)).to_have_count(len(names), timeout=INTERACTION_TIMEOUT)
    wait_for_figures(page)
    failures = []
    for label, column in {**COLUMNS, **PHONES}.items():
        fit_column(page, column)
        failures += check_every_view(page, names, REPORT.setdefault(theme, {}), label, theme,
                                     f"layout-{theme}-{label}")
    background = page.locator(PLOT).first.evaluate(
        "s => getComputedStyle(s.querySelector('rect[fill]')).fill || s.querySelector('rect[fill]').getAttribute('fill')")
    REPORT[theme]["_figure_background"] = background
    (ARTIFACTS / "layout-report.json").write_text(json.dumps(REPORT, indent=1, ensure_ascii=False))
    if theme == "dark":                              # the figure's paper is the theme's, not a white slab
        assert page.locator(PLOT).first.evaluate(
            "s => getComputedStyle(s).getPropertyValue('--bp-paper').trim()") not in ("", "#ffffff", "white")
    named = [v[label]["sliders_named"] for name, v in REPORT[theme].items() if name in names for label in COLUMNS]
    assert sum(named) >= 10 * len(COLUMNS), "the sliders' names and values were not read"
    assert errors == [], f"the page raised JavaScript errors: {errors}"
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures[:80])
    canvas = REPORT[theme]["PlaygroundExplorer"]           # a canvas figure's text is held to the rules too:
    assert all(canvas[label]["smallest_text"] is not None for label in {**COLUMNS, **PHONES}), \
        "the playground's canvas did not state the smallest text it drew (data-smallest-text)"


OUTPUTS = ".jp-OutputArea-output:has(.jupyter-widgets, img, svg)"      # a view's or a picture's output area


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_lessons_views_and_pictures_fit_and_are_accessible(voila, page, theme):
    """Each lesson opened once per theme in Voilà, then resized through the widths: its views pass the layout
    checks at every width, and axe-core finds no serious or critical violation in any output area that holds a
    view or a picture (at the narrowest Lab column and the projector)."""
    from .test_voila import NOTEBOOKS
    failures, errors = [], []
    for name in NOTEBOOKS:
        stem = name.removesuffix(".ipynb")
        page.set_viewport_size({"width": 1280, "height": 900})
        errors += open_in_voila(page, f"{voila.url}/voila/render/{name}?theme={theme}")
        views = page.locator(VIEW)
        if views.count():
            wait_for_figures(page)
        for label, column in COLUMNS.items():
            fit_column(page, column) if views.count() else page.set_viewport_size({"width": column, "height": 900})
            for index in range(views.count()):
                problems = layout_problems(measure(views.nth(index)))
                failures += [f"{stem} view {index + 1} at {label} ({theme}): {p}" for p in problems]
            if label in ("lab-800-browser-open", "projector-1920"):
                outputs = page.locator(OUTPUTS)
                for index in range(outputs.count()):
                    failures += [f"{stem} output {index + 1} at {label} ({theme}): axe {rule} at {node}"
                                 for rule, node in axe_violations(page, outputs.nth(index))]
        shoot(page, f"layout-lesson-{theme}-{stem}")
    assert errors == [], f"the pages raised JavaScript errors: {errors}"
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures[:80])
