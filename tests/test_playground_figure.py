"""The playground's colours follow the theme: its heat maps fade to the theme's paper, and every colour a point
can sit on keeps a contrast of at least 3:1 (WCAG 1.4.11, docs/visual-language.md) with the points' rim, the
theme's ink."""
import pytest

from backprop.widgets._playground_figure import colour_tables
from backprop.widgets.figures.style import contrast, colour_of

THEMES = ("light", "dark")


def hex_of(rgba):
    return "#{:02x}{:02x}{:02x}".format(*(int(c) for c in rgba[:3]))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("k", [2, 3, 6])
def test_every_heat_map_colour_keeps_three_to_one_with_the_points_rim(theme, k):
    tables = colour_tables(k, theme)
    assert tables.shape[1:] == (256, 4) and tables.dtype.name == "uint8"
    boundary = tables[:-1]                              # the last row is the hidden neurons' (no points on them)
    assert len(boundary) == (1 if k == 2 else k)
    worst = min(contrast(colour_of("ink", theme), hex_of(c)) for row in boundary for c in row)
    assert worst >= 3.0, f"{theme}: a point's rim has {worst:.2f}:1 on the heat map"


@pytest.mark.parametrize("theme", THEMES)
def test_an_undecided_region_is_the_themes_paper(theme):
    paper = colour_of("paper", theme)
    binary, hidden = colour_tables(2, theme)
    for row in (binary, hidden):                        # byte 128 is 0.502: a hair off the paper
        assert contrast(hex_of(row[128]), paper) < 1.05
    assert hex_of(colour_tables(3, theme)[0][0]) == paper    # margin 0: the paper itself


def test_the_two_themes_differ_where_the_paper_shows():
    light, dark = colour_tables(2, "light")[0], colour_tables(2, "dark")[0]
    assert hex_of(light[128]) != hex_of(dark[128])
    assert contrast(hex_of(dark[128]), colour_of("paper", "dark")) < 1.05
