"""tools.browser.layout's rule for a figure wider than its column, checked on hand-made pages in Chromium: it
passes only inside a labelled, keyboard-reachable scroll region (tabindex=0, role=region, aria-label) that fits
the column; a scroll box missing any of the three, a figure with no scroll box at all and a scrolling output
area without them each fail, and a figure that fits passes whatever holds it."""
import pytest

from tools.browser.layout import layout_problems, measure

REGION = 'tabindex="0" role="region" aria-label="a wide figure: scroll it sideways"'
FIGURE = """<svg role="img" aria-label="a figure" width="{w}" height="60" viewBox="0 0 {w} 60">
  <text x="10" y="20" font-size="12">left</text><text x="{far}" y="40" font-size="12">far right</text></svg>"""


def problems(page, box_attributes, width, area_style="", box_style="overflow-x: auto"):
    """The layout problems of a view in a 300 px output area whose figure, ``width`` px wide, is held by a box
    with ``box_attributes`` and ``box_style``."""
    figure = FIGURE.format(w=width, far=width - 70)
    page.set_content(f"""<body style="margin: 0; font-family: sans-serif">
      <div class="jp-OutputArea-output" style="width: 300px; {area_style}"><div class="view">
        <div style="{box_style}" {box_attributes}>{figure}</div></div></div></body>""")
    return layout_problems(measure(page.locator(".view")))


def test_a_wide_figure_in_a_labelled_focusable_scroll_region_passes(page):
    assert problems(page, REGION, 500) == []


@pytest.mark.parametrize("attributes, lacks", [
    ("", "tabindex=0, role=region, an aria-label"),
    ('role="region" aria-label="a wide figure"', "tabindex=0"),
    ('tabindex="0" aria-label="a wide figure"', "role=region"),
    ('tabindex="0" role="region"', "an aria-label"),
    ('tabindex="0" role="region" aria-label="  "', "an aria-label"),
])
def test_a_scroll_box_that_is_not_labelled_and_focusable_fails(page, attributes, lacks):
    found = problems(page, attributes, 500)
    assert found == ["a figure scrolls sideways in a box that is not a labelled, keyboard-reachable scroll "
                     f"region: it lacks {lacks}"]


def test_a_wide_figure_without_a_scroll_box_fails_and_its_hidden_text_is_named(page):
    found = problems(page, "", 500, box_style="overflow-x: visible")
    assert "a figure is 200 px wider than its column, with no scrollbar" in found
    assert "text 'far right' is outside the visible output area" in found


def test_a_scrolling_output_area_is_held_to_the_same_rule(page):
    found = problems(page, "", 500, area_style="overflow-x: auto", box_style="")
    assert found == ["a figure scrolls sideways in a box that is not a labelled, keyboard-reachable scroll "
                     "region: it lacks tabindex=0, role=region, an aria-label"]


def test_a_scroll_region_wider_than_its_column_fails(page):
    found = problems(page, REGION, 500, box_style="overflow-x: auto; width: 360px")
    assert found == ["a scroll region is 60 px wider than its column"]


def test_a_figure_that_fits_passes_in_any_box(page):
    assert problems(page, "", 280) == problems(page, REGION, 280) == []
