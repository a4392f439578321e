"""The playground in a real browser (Voilà, Chromium): Play paints frame after frame of a changing heat map,
Pause stops it; the overfitting and vanishing-gradient settings of lesson 08, trained from code, are shot; the
canvas is painted in the page's theme and never draws text below the course's smallest size, at any width."""
import re

from playwright.sync_api import expect

from tools.browser.layout import SMALLEST_TEXT, layout_problems, measure
from tools.browser.page import INTERACTION_TIMEOUT, PICTURE, VIEW, shoot_element, view_with
from .test_figures import notebook
from .test_view_layout import LAID_OUT
from .test_voila import open_in_voila

FIGURE = "[data-figure=playground]"
FRAME = f"v => Number(v.querySelector('{FIGURE}').dataset.frame || 0)"
SETTINGS = {                   # lesson 08's two settings, trained from code as the lesson trains them
    "overfitting": "PlaygroundExplorer('xor', n=40, noise=0.3, layers=4, width=8, activation='relu', lr=0.1)",
    "vanishing": "PlaygroundExplorer('spiral', layers=6, width=8, activation='sigmoid', lr=0.1)",
}


def button(view, name):
    return view.locator("button", has_text=re.compile(rf"^\s*{name}\s*$"))


def open_playground(page, voila, lessons_copy, name, query=""):
    """A notebook of one default PlaygroundExplorer opened in Voilà: (its view, its canvas, the JS errors list)
    once its first frame is painted."""
    notebook(lessons_copy / f"{name}.ipynb", ["from backprop.widgets import PlaygroundExplorer\nPlaygroundExplorer()"])
    errors = open_in_voila(page, f"{voila.url}/voila/render/{name}.ipynb{query}")
    view = view_with(page, "hidden layers")
    canvas = view.locator(f"{FIGURE} canvas[role=img]")
    expect(canvas).to_have_attribute("aria-label", re.compile(r"epoch 0, step 0"), timeout=INTERACTION_TIMEOUT)
    return view, canvas, errors


def test_play_paints_a_changing_heat_map_and_pause_stops_it(voila, lessons_copy, page):
    view, canvas, errors = open_playground(page, voila, lessons_copy, "playground")
    first = view.evaluate(FRAME)
    button(view, "Play").click()
    pictures = []
    for more in (3, 6, 9):             # several frames, each a new paint of the boundary
        page.wait_for_function(f"([v, n]) => ({FRAME})(v) >= n", arg=[view.element_handle(), first + more],
                               timeout=INTERACTION_TIMEOUT)
        pictures.append(canvas.evaluate(PICTURE))
    assert len(set(pictures)) == 3, "the heat map changes from frame to frame"
    expect(canvas).to_have_attribute("aria-label", re.compile(r"epoch \d+, step [1-9]\d*"))
    button(view, "Pause").click()
    expect(button(view, "Play")).to_be_visible(timeout=INTERACTION_TIMEOUT)
    page.wait_for_timeout(500)         # a frame sent before the Pause arrived may still be painted …
    stopped = view.evaluate(FRAME)
    page.wait_for_timeout(1500)        # … but then no frame comes
    assert view.evaluate(FRAME) == stopped
    steps = int(re.search(r"step (\d+)", canvas.get_attribute("aria-label")).group(1))
    assert steps > 0 and steps % 5 == 0                   # frames of five mini-batch steps
    assert errors == [], f"the page raised JavaScript errors: {errors}"


def test_lesson_settings_are_drawn_as_a_learner_sees_them(voila, lessons_copy, page):
    cells = [f"from backprop.widgets import PlaygroundExplorer\n{source}.train(epochs=300)"
             for source in SETTINGS.values()]
    notebook(lessons_copy / "playground_settings.ipynb", cells)
    errors = open_in_voila(page, f"{voila.url}/voila/render/playground_settings.ipynb")
    figures = page.locator(FIGURE)
    expect(figures).to_have_count(2, timeout=INTERACTION_TIMEOUT)
    for index, name in enumerate(SETTINGS):
        figure = figures.nth(index)
        figure.scroll_into_view_if_needed()
        expect(figure.locator("canvas")).to_have_attribute("aria-label", re.compile("epoch 300"),
                                                           timeout=INTERACTION_TIMEOUT)
        box = figure.bounding_box()
        assert box["width"] >= 960 and box["height"] >= 430           # nothing squeezed
        words = figure.inner_text()
        assert ("overfitting" if name == "overfitting" else "vanishing gradients") in words
        shoot_element(figure, f"playground-{name}")
    assert errors == [], f"the page raised JavaScript errors: {errors}"


PAPER_PIXEL = """c => { const d = c.getContext('2d').getImageData(1, 1, 1, 1).data; return [d[0], d[1], d[2]]; }"""
SHARE_NEAR = """([c, rgb]) => {      // the share of the canvas's pixels within 24 of ``rgb`` in every channel
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
    for (let i = 0; i < d.length; i += 4) n += [0, 1, 2].every((j) => Math.abs(d[i + j] - rgb[j]) <= 24);
    return n / (d.length / 4); }"""
THEME = """([f, name]) => {                 // the theme's colour --bp-<name> as the page resolves it, [r, g, b]
    const p = document.createElement('div'); p.style.color = getComputedStyle(f).getPropertyValue(`--bp-${name}`);
    f.append(p); const c = getComputedStyle(p).color; p.remove(); return c.match(/\\d+/g).slice(0, 3).map(Number); }"""

SWITCH_TO_LIGHT = """() => {       // as JupyterLab switches theme: its variables, then the body's flag
    const light = document.createElement('style');
    light.textContent = ':root { --jp-layout-color0: #ffffff; --jp-ui-font-color1: #1f1f1f; ' +
                        '--jp-ui-font-color2: #6e6e6e; }';
    document.head.append(light);
    document.body.dataset.jpThemeLight = 'true';
}"""


def test_the_figure_is_painted_in_the_pages_theme_and_follows_a_switch(voila, lessons_copy, page):
    """In Voilà's dark theme the canvas is the theme's paper with its light ink, not a white slab; a page that
    switches theme without re-running (JupyterLab's Settings ▸ Theme sets body[data-jp-theme-light]) repaints."""
    view, canvas, errors = open_playground(page, voila, lessons_copy, "playground_dark", "?theme=dark")
    figure = view.locator(FIGURE).element_handle()
    paper, ink = (page.evaluate(THEME, [figure, name]) for name in ("paper", "ink"))
    assert sum(paper) < 3 * 64 < sum(ink), f"the dark theme's paper is {paper}, its ink {ink}"
    assert canvas.evaluate(PAPER_PIXEL) == paper           # the figure's background is the theme's paper …
    assert page.evaluate(SHARE_NEAR, [canvas.element_handle(), [255, 255, 255]]) < 0.01      # … not a white slab,
    assert page.evaluate(SHARE_NEAR, [canvas.element_handle(), ink]) > 0.0002     # its words and rims in the ink
    shoot_element(view, "playground-dark")
    assert page.evaluate("() => document.body.dataset.jpThemeLight") == "false"
    page.evaluate(SWITCH_TO_LIGHT)
    page.wait_for_function(f"c => ({PAPER_PIXEL})(c)[0] > 200", arg=canvas.element_handle(),
                           timeout=INTERACTION_TIMEOUT)
    assert canvas.evaluate(PAPER_PIXEL) == page.evaluate(THEME, [figure, "paper"])
    assert errors == [], f"the page raised JavaScript errors: {errors}"


WINDOWS = (1280, 800, 620, 470, 390, 360, 320)         # px: a desktop down to the narrowest phone


def test_canvas_text_is_never_drawn_below_the_smallest_size_at_any_width(voila, lessons_copy, page):
    """The canvas states the smallest font size it drew, as shown (data-smallest-text), and it is never below the
    course's smallest (11 px) from a 320 px phone to a desktop: a narrow column gets its own stacked layout at
    its own width, not a shrunken copy; the view passes every layout check there (controls included). A deep
    network with six classes crowds the diagram's column names and the legend the most."""
    cells = ["from backprop.widgets import PlaygroundExplorer\nPlaygroundExplorer()",
             "PlaygroundExplorer('blobs', classes=6, output='multi-class', layers=6, width=8)"]
    notebook(lessons_copy / "playground_narrow.ipynb", cells)
    errors = open_in_voila(page, f"{voila.url}/voila/render/playground_narrow.ipynb")
    figures = page.locator(FIGURE)
    expect(figures).to_have_count(2, timeout=INTERACTION_TIMEOUT)
    for window in WINDOWS:
        page.set_viewport_size({"width": window, "height": 1400})
        page.wait_for_function(LAID_OUT, timeout=INTERACTION_TIMEOUT)
        for index in range(2):
            view = page.locator(VIEW).nth(index)
            view.scroll_into_view_if_needed()
            stated = view.locator("canvas[role=img]").get_attribute("data-smallest-text")
            assert stated is not None, "the canvas does not state the smallest text it drew"
            assert float(stated) >= SMALLEST_TEXT, f"{float(stated):.1f} px text at a {window} px window"
            problems = layout_problems(measure(view))
            assert problems == [], f"at a {window} px window: {problems}"
            if window in (390, 320):
                shoot_element(view, f"playground-{window}-{index}")
    assert errors == [], f"the page raised JavaScript errors: {errors}"
