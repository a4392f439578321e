"""The layout checker (tools.browser.layout) on small pages made to break one rule each, so that a rule that
no view breaks today still has a test that it is seen: a control label spilling over its neighbour's words or
a slider's handle, a label past the view's edge, a canvas figure that states text below the smallest size."""
from tools.browser.layout import SMALLEST_TEXT, layout_problems, measure

CONTROLS = """<div class="jp-OutputArea-output">
<div id="view" style="width: 300px; position: relative; font: 13px sans-serif">
  <div class="widget-slider" style="display: flex; width: 300px">
    <div class="widget-label" style="width: 40px; text-align: right; white-space: nowrap; direction: rtl">{label}</div>
    <div class="noUi-target" style="width: 200px; height: 4px; margin: 12px 8px"><div class="noUi-handle"
         aria-label="{label}" style="width: 24px; height: 24px; margin-top: -10px"></div></div>
  </div>
  <div class="widget-label" style="white-space: nowrap">another setting</div>
</div></div>"""
CANVAS = """<div class="jp-OutputArea-output"><div id="view" style="width: 400px">
  <canvas role="img" aria-label="a figure"
  width="400" height="100" style="width: {shown}px" data-smallest-text="{stated}"></canvas></div></div>"""


def problems(page, html):
    page.set_content(html)
    return layout_problems(measure(page.locator("#view")))


def test_a_label_that_spills_over_its_neighbour_or_past_the_view_is_an_overlap(page):
    assert problems(page, CONTROLS.format(label="rate")) == []
    spilled = problems(page, CONTROLS.format(label="a learning rate too long for its box"))
    assert any("overlaps \"the view's edge\"" in p for p in spilled), spilled     # it spills leftwards
    page.set_content(CONTROLS.format(label="lr"))
    page.locator(".noUi-handle").evaluate("h => { h.style.marginLeft = '-20px'; }")    # the handle over its label
    over = layout_problems(measure(page.locator("#view")))
    assert "control text 'lr' overlaps 'lr'" in over, over


def test_a_canvas_figure_is_held_to_the_smallest_text_it_states(page):
    assert problems(page, CANVAS.format(shown=400, stated=SMALLEST_TEXT)) == []
    small = problems(page, CANVAS.format(shown=400, stated=SMALLEST_TEXT * 0.8))
    assert small == [f"the smallest text is {SMALLEST_TEXT * 0.8:.1f} px (< {SMALLEST_TEXT})"]
    report = measure(page.locator("#view"))
    assert report["canvases"][0]["smallest"] == SMALLEST_TEXT * 0.8 and report["canvases"][0]["label"] == "a figure"
