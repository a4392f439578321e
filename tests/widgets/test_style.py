"""The course's visual language (widgets/figures/style.json): colours per meaning that read on their theme's
background, a font scale that never goes below 11 px, numbers written to their significant digits."""
import pytest

from backprop.widgets.figures import marks
from backprop.widgets.figures.style import (COLOURS, FONT, MEANINGS, colour_of, contrast, font_size, number,
                                            subscript, superscript)

GRAPHIC = 3.0          # WCAG 2 (1.4.11): a line, a marker or large text against its background


@pytest.mark.parametrize("meaning", [m for m in MEANINGS if m not in ("paper", "highlight")])
def test_every_meaning_reads_on_its_theme_and_the_static_picture_on_both(meaning):
    assert contrast(colour_of(meaning, "light"), "#ffffff") >= GRAPHIC
    assert contrast(colour_of(meaning, "dark"), "#111111") >= GRAPHIC
    for page in ("#ffffff", "#111111"):                 # the PNG is transparent: it lands on either
        assert contrast(colour_of(meaning, "static"), page) >= GRAPHIC, (meaning, page)


def test_the_highlight_is_a_band_behind_text_that_stays_readable():
    for theme, page_ink in (("light", "#1f1f1f"), ("dark", "#e6e6e6")):
        band = colour_of("highlight", theme)
        assert contrast(band, colour_of("ink", theme)) >= 4.5 or contrast(band, "#1f1f1f") >= 4.5, theme


def test_the_categories_differ_in_each_theme():
    shown_together = [("positive", "negative"), ("train", "test"), ("learner", "reference"), ("learner", "slope"),
                      ("right", "wrong"), ("train", "wrong"), ("test", "wrong")]
    for theme in ("light", "dark", "static"):
        for a, b in shown_together:
            assert colour_of(a, theme) != colour_of(b, theme), (a, b, theme)
    assert COLOURS["right"]["mark"] == "✓" and COLOURS["wrong"]["mark"] == "✗"   # never colour alone


def test_unknown_meanings_and_themes_are_named():
    with pytest.raises(ValueError, match="meanings are ink"):
        colour_of("red")
    with pytest.raises(ValueError, match="light, dark, static"):
        colour_of("train", "sepia")


def test_the_font_scale_never_goes_below_11_px_and_grows_on_a_projector():
    assert FONT["smallest"] >= 11 and all(font_size(role) >= 11 for role in FONT["sizes"])
    assert font_size("tick", width=1800) == pytest.approx(FONT["sizes"]["tick"] * FONT["projector"])
    with pytest.raises(ValueError, match="tick"):
        font_size("tiny")


@pytest.mark.parametrize("value, text", [(0.001, "0.001"), (0.00025, "0.00025"), (0.3, "0.3"),
                                         (0.10000000000000009, "0.1"), (0.30000000000000004, "0.3"),
                                         (4.92e-7, "4.92×10⁻⁷"), (-2.0, "−2"), (1234.5678, "1235"),
                                         (2.5e7, "2.5×10⁷"), (0.0, "0"), (float("inf"), "∞"),
                                         (float("nan"), "nan"), (0.004, "0.004"), (1.0, "1")])
def test_numbers_keep_their_significant_digits(value, text):
    assert number(value) == text
    assert " " not in number(value)                     # nothing a line could break at


def test_signed_numbers_and_indices():
    assert number(0.25, sign=True) == "+0.25" and number(-0.25, sign=True) == "−0.25"
    assert "w" + superscript("(1)") + subscript(11) == "w⁽¹⁾₁₁"


def test_a_mark_takes_a_meaning_and_keeps_it_for_the_theme():
    m = marks.points(0, [1.0], [2.0], color="learner")
    assert m["color"] == "learner"
    assert marks.line(0, [0, 1], [0, 1], color="C0")["color"] == "#1f77b4"
    with pytest.raises(ValueError, match="color"):
        marks.mark("points", panel=0, x=[1.0], y=[1.0], color="lerner", shape="o", size=4, edge=None)
