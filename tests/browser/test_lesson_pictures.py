"""Every picture a lesson should show, seen in JupyterLab after Run All, against a table kept by hand.

PICTURES was written by reading each lesson, not from its stored outputs: the static figures (an <img> from
backprop.widgets.show_figure, which must have loaded, have alt text, and fit its output at 1280 px and at a
390 px phone width) and the live views' figures (a Plot's SVG, drawn and labelled). A cell that shows the text
``<Figure size ...>`` instead of a picture fails the test. The stored outputs are checked too, before Run All: a
notebook opened for the first time is untrusted, and its sanitised pictures must still show. Voilà and the
zero-install JupyterLite site show the same static pictures, alt text included.
"""
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tools.browser.lite import reveal, run_lesson
from tools.browser.page import PLOT, shoot, shoot_element, wait_for_figures
from .test_jupyterlab import run_all_cells
from .test_voila import open_in_voila

# lesson: (static figures, live figures), counted by reading each lesson
PICTURES = {
    "00_start_here": (0, 1),           # CycleExplorer
    "01_neuron_anatomy": (0, 2),       # NeuronExplorer; the network drawn by NetworkFigure
    "02_error_and_loss": (1, 1),       # the handwritten 2; LossExplorer
    "03_chain_rule": (1, 3),           # the computation graph w → z → a → C; GraphExplorer on note 003's output
                                       # neuron, GraphExplorer on the gate patterns' expression; NudgeExplorer
    "04_hidden_layer_blame": (1, 1),   # blame w·δ flowing back on every edge; BlameExplorer
    "05_worked_example": (2, 1),       # every number on the 2-2-1 network, the loss over 300 steps; BlameExplorer
    "06_gradient_descent": (2, 1),     # the four walkers, steps to converge over the lr grid; DescentExplorer
    "07_sgd_minibatches": (5, 1),      # the 2 and its nudges, stumbling, confusion matrix, misclassified digits,
                                       # first-layer weights; TrainingDashboard
    "08_challenges": (2, 6),           # seconds per epoch, batch normalisation; GradientFlowExplorer, the
                                       # playground's deep sigmoid and deep ReLU spirals, OverfittingExplorer,
                                       # the playground's noisy XOR memorised and cured by weight decay
    "09_build_it_yourself": (0, 3),    # TrainingDashboard on the learner's own SGD; GraphExplorer on the learner's
                                       # Value expression and on note 003's network built from Values
}
OUTPUT = ".jp-OutputArea-output"
STATIC = f"{OUTPUT}.jp-RenderedHTMLCommon img[src^='data:image/png']"   # show_figure's <img> (HTML output)

_SEEN = """([staticSel, plotSel, outputSel]) => {
    const imgs = [...document.querySelectorAll(staticSel)];
    const plots = [...document.querySelectorAll(plotSel)];
    const bare = [...document.querySelectorAll(outputSel)].filter(o => /^<Figure size/.test(o.textContent.trim()));
    return {
        static: imgs.filter(i => i.complete && i.naturalWidth > 0 && i.alt.trim().length > 20).length,
        noAlt: imgs.filter(i => !i.alt.trim()).length,
        live: plots.filter(s => (s.tagName === 'CANVAS' || s.childElementCount > 0)        // a canvas has no children
                                && s.getAttribute('aria-label')).length,
        bare: bare.map(o => o.textContent.trim()),
    };
}"""
_OVERFLOW = """([staticSel, outputSel]) => [...document.querySelectorAll(staticSel)].filter(i => {
    const box = i.getBoundingClientRect(), area = i.closest(outputSel).getBoundingClientRect();
    return box.width < 100 || box.right > area.right + 1 || box.left < area.left - 1;
}).map(i => i.alt.slice(0, 60))"""


def seen(page):
    """What the page shows: loaded pictures with alt text, pictures without alt, drawn Plots, bare Figure reprs."""
    return page.evaluate(_SEEN, [STATIC, PLOT, OUTPUT])


def every_picture_visited(page, expected=0):
    """Wait for ``expected`` static pictures (a long notebook attaches its outputs a while after it opens), then
    scroll each into view (offscreen cells are rendered lazily) and let it decode."""
    try:
        page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length >= n", arg=[STATIC, expected],
                               timeout=30_000)
    except PlaywrightTimeout:
        pass                                   # fewer than expected: the count below says how many
    pictures = page.locator(STATIC)
    for i in range(pictures.count()):
        pictures.nth(i).scroll_into_view_if_needed()
        pictures.nth(i).evaluate("i => i.decode ? i.decode().catch(() => null) : null")


def shut_down_kernels(page, server):
    """Stop the lesson's kernel, so that ten lessons in a row do not keep ten kernels."""
    xsrf = next((c["value"] for c in page.context.cookies() if c["name"] == "_xsrf"), "")
    for kernel in page.request.get(f"{server.url}/api/kernels").json():
        page.request.delete(f"{server.url}/api/kernels/{kernel['id']}", headers={"X-XSRFToken": xsrf})


@pytest.mark.parametrize("lesson", list(PICTURES))
def test_every_picture_is_seen_after_run_all(jupyterlab, page, lesson):
    static, live = PICTURES[lesson]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{jupyterlab.url}/lab/tree/{lesson}.ipynb?reset")     # a fresh workspace: this lesson alone
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for()
    page.locator(OUTPUT).first.wait_for(state="attached")
    every_picture_visited(page, static)
    stored = seen(page)
    assert (stored["static"], stored["noAlt"], stored["bare"]) == (static, 0, []), (
        f"{lesson} as stored (untrusted): {stored}; expected {static} static pictures with alt text")
    try:
        run_all_cells(page)
        page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for(timeout=120_000)
        wait_for_figures(page, timeout=60_000)
        every_picture_visited(page, static)
        after = seen(page)
        assert (after["static"], after["live"]) == (static, live), (
            f"{lesson} after Run All shows {after['static']} static and {after['live']} live pictures; "
            f"the reviewed table says {static} and {live}")
        assert after["noAlt"] == 0 and after["bare"] == [], f"{lesson}: {after}"
        assert page.evaluate(_OVERFLOW, [STATIC, OUTPUT]) == [], f"{lesson}: a picture is clipped or tiny at 1280 px"
        if static:
            shoot_element(page.locator(STATIC).first, f"pictures-{lesson}-wide")
        page.locator(".jp-Notebook:visible").first.click(position={"x": 5, "y": 5})
        page.keyboard.press("Control+b")                       # the file browser closes, as on a phone
        page.locator("#jp-left-stack").wait_for(state="hidden")
        page.set_viewport_size({"width": 390, "height": 844})   # a phone: each picture shrinks with its column
        every_picture_visited(page)
        assert page.evaluate(_OVERFLOW, [STATIC, OUTPUT]) == [], f"{lesson}: a picture overflows at 390 px"
        if static:
            shoot_element(page.locator(STATIC).last, f"pictures-{lesson}-narrow")
        shoot(page, f"pictures-{lesson}-ran-all")
    finally:
        shut_down_kernels(page, jupyterlab)


def test_voila_shows_the_static_pictures_with_their_alt_text(voila, page):
    errors = open_in_voila(page, f"{voila.url}/voila/render/06_gradient_descent.ipynb")
    pictures = page.locator("img[src^='data:image/png'][data-figure=static]")
    pictures.first.wait_for()
    alts = [pictures.nth(i).get_attribute("alt") for i in range(pictures.count())]
    assert len(alts) == PICTURES["06_gradient_descent"][0] and all(len(alt) > 20 for alt in alts), alts
    assert alts[0].startswith("four panels of loss contours") and alts[1].startswith("steps to converge")
    for i in range(pictures.count()):
        pictures.nth(i).scroll_into_view_if_needed()
        assert pictures.nth(i).evaluate("i => i.complete && i.naturalWidth > 0")
    shoot_element(pictures.nth(1), "pictures-voila-06-lr-grid")
    assert errors == [], errors


def test_the_lite_site_shows_the_static_pictures_with_their_alt_text(lite, offline, lite_page):
    run_lesson(lite_page, lite, "06_gradient_descent.ipynb")
    pictures = lite_page.locator(STATIC)
    expected = PICTURES["06_gradient_descent"][0]
    lite_page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length >= n", arg=[STATIC, expected])
    assert pictures.count() == expected
    for i in range(expected):
        picture = reveal(pictures.nth(i))
        assert len(picture.get_attribute("alt")) > 20
        assert picture.evaluate("i => i.complete && i.naturalWidth > 0")
    shoot_element(pictures.first, "pictures-lite-06-walkers")
