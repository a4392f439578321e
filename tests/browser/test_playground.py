"""The playground in a real browser (Voilà, Chromium): Play paints frame after frame of a changing heat map,
Pause stops it; the overfitting and vanishing-gradient settings of lesson 08, trained from code, are shot."""
import re

from playwright.sync_api import expect

from tools.browser.page import INTERACTION_TIMEOUT, PICTURE, shoot_element, view_with
from .test_figures import notebook
from .test_voila import open_in_voila

FIGURE = "[data-figure=playground]"
FRAME = f"v => Number(v.querySelector('{FIGURE}').dataset.frame || 0)"
SETTINGS = {                   # lesson 08's two settings, trained from code as the lesson trains them
    "overfitting": "PlaygroundExplorer('xor', n=40, noise=0.3, layers=4, width=8, activation='relu', lr=0.1)",
    "vanishing": "PlaygroundExplorer('spiral', layers=6, width=8, activation='sigmoid', lr=0.1)",
}


def button(view, name):
    return view.locator("button", has_text=re.compile(rf"^\s*{name}\s*$"))


def test_play_paints_a_changing_heat_map_and_pause_stops_it(voila, lessons_copy, page):
    notebook(lessons_copy / "playground.ipynb",
             ["from backprop.widgets import PlaygroundExplorer\nPlaygroundExplorer()"])
    errors = open_in_voila(page, f"{voila.url}/voila/render/playground.ipynb")
    view = view_with(page, "hidden layers")
    canvas = view.locator(f"{FIGURE} canvas[role=img]")
    expect(canvas).to_have_attribute("aria-label", re.compile(r"epoch 0, step 0"), timeout=INTERACTION_TIMEOUT)
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
