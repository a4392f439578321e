"""BlameExplorer in JupyterLab, in Voilà and in the zero-install site (Pyodide, offline): a click on an edge of its
diagram picks that weight, a click on a neuron its bias, and the readout then says "why this number" as the core
(backprop.blame) writes it for note 003's network, computed here.

The clicks land where a learner would click: on the number written along the edge (the click passes through the
words to the edge under them) and on a neuron's centre (through its words to the neuron).
"""
from playwright.sync_api import expect

from backprop.blame import why_parameter
from backprop.widgets._readout import as_shown
from backprop.data import WORKED_LR, worked_example

from tools.browser.lite import foreign, repl_view
from tools.browser.page import INTERACTION_TIMEOUT, PLOT, shoot_element, slider_value, view_with
from .test_figures import notebook
from .test_voila import open_in_voila

NOTEBOOK = "blame_click.ipynb"
CODE = "from backprop.widgets import BlameExplorer\nBlameExplorer()"

# in page pixels, the point ``along`` the keyed target named ``key``: on an edge, 0 at its start … 1 at its end;
# on a neuron, ``along`` of its radius right of its centre
_AT = """([svg, key, a]) => {
  const t = svg.querySelector(`[data-key="${key}"]`), m = t.getScreenCTM(), p = svg.createSVGPoint();
  const line = t.tagName === "line";
  p.x = line ? (1 - a) * t.x1.baseVal.value + a * t.x2.baseVal.value : t.cx.baseVal.value + a * t.r.baseVal.value;
  p.y = line ? (1 - a) * t.y1.baseVal.value + a * t.y2.baseVal.value : t.cy.baseVal.value;
  const q = p.matrixTransform(m);
  return [q.x, q.y];
}"""


def click_on(view, key, along=0.62):
    """A mouse click on the diagram's target ``key``: ``along`` its edge (0.62: where the edge's number is
    written), or on a neuron ``along`` its radius right of its centre (the first target of that key)."""
    svg = view.locator(PLOT)
    x, y = view.page.evaluate(_AT, [svg.element_handle(), key, along])
    view.page.mouse.click(x, y)


def expect_why(view, key, label, steps=0):
    """The dropdown shows ``label`` and the readout the core's why-this-number of ``key`` (after ``steps`` Steps)."""
    net, x, y = worked_example()
    for _ in range(steps):                                            # Network.step, as the Step button does
        trace = net.forward(x)
        net.step(net.backward(trace, y), WORKED_LR)
    trace = net.forward(x)
    grads = net.backward(trace, y)
    gradient, blame = why_parameter(net, trace, grads, y, key)
    readout = view.locator(":scope > .widget-html")
    expect(readout).to_contain_text(as_shown(gradient), timeout=INTERACTION_TIMEOUT)   # its numbers as the readout
    expect(readout).to_contain_text(as_shown(blame))                                    # writes them
    expect(view.locator("select").first.locator("option:checked")).to_have_text(label)


def test_a_click_on_an_edge_or_a_neuron_explains_its_parameter_in_jupyterlab(jupyterlab, lessons_copy, page):
    from .test_jupyterlab import run_all_cells
    notebook(lessons_copy / NOTEBOOK, [CODE])
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{jupyterlab.url}/lab/tree/{NOTEBOOK}?reset")       # a fresh workspace: this notebook alone
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for()
    run_all_cells(page)
    view = view_with(page, "parameter")
    view.scroll_into_view_if_needed()
    exercise(view, "lab")
    assert errors == [], f"the page raised JavaScript errors: {errors}"


def test_a_click_on_an_edge_or_a_neuron_explains_its_parameter_in_voila(voila, lessons_copy, page):
    notebook(lessons_copy / NOTEBOOK, [CODE])
    errors = open_in_voila(page, f"{voila.url}/voila/render/{NOTEBOOK}")
    view = view_with(page, "parameter")
    view.scroll_into_view_if_needed()
    exercise(view, "voila")
    assert errors == [], f"the page raised JavaScript errors: {errors}"


def test_a_click_on_an_edge_or_a_neuron_explains_its_parameter_in_the_zero_install_site(lite, offline, lite_page):
    exercise(repl_view(lite, lite_page, CODE), "lite")
    assert foreign(offline.requests) == []


def exercise(view, where):
    """Clicks on an edge, a neuron, an input and the first edge again, each readout checked against the core."""
    expect(view.locator(PLOT)).not_to_have_attribute("aria-label", "", timeout=INTERACTION_TIMEOUT)
    expect(view.locator(PLOT).locator("[data-key]")).to_have_count(6 + 5)      # 6 weights, 5 neurons (2 of them inputs)

    click_on(view, "w⁽¹⁾₂₁")                                         # on the '+0.60' written along x₁ → hidden 2
    expect_why(view, ("weights", 0, 1, 0), "w⁽¹⁾₂₁")
    assert slider_value(view, "its value") == 0.6                    # its value's slider holds it
    shoot_element(view, f"blame-click-{where}-01-edge")

    click_on(view, "b⁽²⁾₁", along=0)                                 # the output neuron's centre: its bias
    expect_why(view, ("biases", 1, 0), "b⁽²⁾₁")

    view.locator("select").first.select_option(label="w⁽²⁾₁₂")      # the keyboard's way
    expect_why(view, ("weights", 1, 0, 1), "w⁽²⁾₁₂")
    click_on(view, "", along=0.6)               # x₁, an input: no parameter, though two edges start under it
    view.get_by_role("button", name="Step (gradient descent)").click()      # answered after whatever the click sent
    expect(view.locator(":scope > .widget-html td", has_text="steps = 1")).to_have_count(1, timeout=INTERACTION_TIMEOUT)
    expect_why(view, ("weights", 1, 0, 1), "w⁽²⁾₁₂", steps=1)

    click_on(view, "w⁽¹⁾₂₁", along=0.2)                              # the first edge again, on its line
    expect_why(view, ("weights", 0, 1, 0), "w⁽¹⁾₂₁", steps=1)
