"""Every view in JupyterLab itself, in its light theme and in JupyterLab Dark, at the course's Lab layouts:
800 px with the file browser open (its default) and closed, and 1280 px. One notebook builds every view;
it runs once, then the theme is switched through Settings ▸ Theme (no re-run) and the window resized.
Each view passes tools.browser.layout's checks (text inside its figure and the visible output area, no
overlapping text, nothing under 11 px, no cut control text, slider tracks ≥ 120 px) and axe-core finds
no serious or critical violation in it. Screenshots: test-artifacts/browser/lab-layout-<theme>-<layout>.png
(the whole window) and lab-layout-<theme>-<layout>-<view>.png; measurements in lab-layout-report.json."""
import json

from playwright.sync_api import expect

from tools.browser.layout import COLUMNS
from tools.browser.page import ARTIFACTS, INTERACTION_TIMEOUT, PLOT, VIEW, wait_for_figures
from .test_figures import check_every_view, every_view, views_notebook
from .test_jupyterlab import run_all_cells

LAYOUTS = {"lab-800-browser-open": (800, True), "lab-800": (800, False), "lab-1280": (1280, True)}
THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}
LEFT_PANEL = "#jp-left-stack"
TALL = 1600                  # px: a window in which the tallest view's screenshot is not covered by Lab's bars
PAPER = "s => getComputedStyle(s.querySelector('rect[fill]')).fill"     # a figure's background, as drawn


def set_layout(page, width, browser_open):
    """Size the window ``width`` px wide and show or hide the file browser; wait for every figure's redraw."""
    page.set_viewport_size({"width": width, "height": 900})
    panel = page.locator(LEFT_PANEL)
    if panel.is_visible() != browser_open:
        page.locator(".jp-SideBar.jp-mod-left [data-id='filebrowser']").click()
        expect(panel).to_be_visible() if browser_open else expect(panel).to_be_hidden()
    page.wait_for_timeout(300)                       # Lumino's layout, ResizeObserver, one redraw per figure
    wait_for_figures(page)


def set_theme(page, theme):
    """Settings ▸ Theme ▸ ``theme`` (a JupyterLab theme's menu name); wait until the page uses it."""
    page.get_by_role("menuitem", name="Settings", exact=True).click()
    page.locator(".lm-Menu-itemLabel").get_by_text("Theme", exact=True).hover()
    page.locator(".lm-Menu-itemLabel").get_by_text(theme, exact=True).click()
    light = "true" if theme == THEMES["light"] else "false"
    page.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{light}'", timeout=INTERACTION_TIMEOUT)
    page.wait_for_timeout(300)


def test_every_view_fits_reads_and_is_accessible_in_jupyterlab(jupyterlab, lessons_copy, page):
    views_notebook(lessons_copy)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{jupyterlab.url}/lab/workspaces/lab-layout/tree/every_view.ipynb")   # its own workspace: the
    # default one, which other tests open, is not left with this notebook in a tab
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for()
    run_all_cells(page)
    names = [name for name, _ in every_view()]
    expect(page.locator(VIEW)).to_have_count(len(names), timeout=INTERACTION_TIMEOUT)
    wait_for_figures(page)
    report, failures, paper = {}, [], {}
    try:
        for theme, menu_name in THEMES.items():
            set_theme(page, menu_name)
            paper[theme] = page.locator(PLOT).first.evaluate(PAPER)
            for label, (width, browser_open) in LAYOUTS.items():
                set_layout(page, width, browser_open)
                page.locator(VIEW).first.scroll_into_view_if_needed()
                page.wait_for_timeout(200)               # the notebook paints the cells scrolled into view
                page.screenshot(path=str(ARTIFACTS / f"lab-layout-{theme}-{label}.png"))   # the window, as Lab draws it
                page.set_viewport_size({"width": width, "height": TALL})   # a whole view under Lab's toolbar
                wait_for_figures(page)
                failures += check_every_view(page, names, report.setdefault(theme, {}), label, theme,
                                             f"lab-layout-{theme}-{label}")
    finally:                                         # the server's settings outlive the test: the next tab opens light
        set_theme(page, THEMES["light"])
    report["_figure_background"] = paper
    (ARTIFACTS / "lab-layout-report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    columns = {label: report["light"][names[0]][label]["column"] for label in LAYOUTS}
    assert all(abs(columns[label] - COLUMNS[label]) <= 2 for label in LAYOUTS), \
        f"JupyterLab's output columns are {columns}, not the widths the Voilà layout test sizes its page to"
    assert paper["dark"] != paper["light"] and paper["dark"] not in ("rgb(255, 255, 255)", "white"), \
        f"the figures did not follow JupyterLab Dark: their background is {paper}"
    assert errors == [], f"the page raised JavaScript errors: {errors}"
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures[:80])
