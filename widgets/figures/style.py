"""The course's visual language, read from style.json: a colour per meaning, the font scale, number formats.

    from backprop.widgets.figures.style import colour_of, number, FONT
    colour_of("train")            # '#1b7837' (the light theme's; "dark" and "static" on request)
    number(0.001)                 # '0.001'  (significant digits, never '0.00')
    number(4.92e-7)               # '4.92×10⁻⁷'

A mark may name a colour by its meaning ('positive', 'learner', …): the live figure paints it with the
theme's value (plot.js turns it into a CSS variable that follows JupyterLab's and Voilà's light or dark
theme), the PNG fallback and the lessons' pictures with the 'static' value, which reads on a light and a
dark page alike (their background is transparent). docs/visual-language.md shows the whole language.
"""
import json
import math
import re
from pathlib import Path

STYLE = json.loads((Path(__file__).parent / "style.json").read_text())
COLOURS = STYLE["colours"]
MEANINGS = tuple(COLOURS)
FONT = STYLE["font"]
NUMBERS = STYLE["numbers"]
LAYOUT = STYLE["layout"]
THEMES = ("light", "dark", "static")
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def is_meaning(name):
    """Whether ``name`` is one of the meanings style.json gives a colour."""
    return isinstance(name, str) and name in COLOURS


def colour_of(meaning, theme="light"):
    """The colour ('#rrggbb', or 'none' for the static paper) of ``meaning`` in ``theme``.

    Raises ValueError naming the meanings and themes for an unknown one."""
    if meaning not in COLOURS:
        raise ValueError(f"no colour for {meaning!r}: the course's meanings are {', '.join(MEANINGS)}")
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}; got {theme!r}")
    return COLOURS[meaning][theme]


def luminance(hex_colour):
    """The relative luminance (WCAG 2) of '#rrggbb', from 0 (black) to 1 (white)."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    """The WCAG contrast ratio of two '#rrggbb' colours, from 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def font_size(role, width=None):
    """The CSS pixel size of text of ``role`` ('tick', 'text', 'label', 'title', 'heading'), never below
    FONT['smallest']; in a column of ``width`` px from FONT['wide'] up, FONT['projector'] times larger."""
    if role not in FONT["sizes"]:
        raise ValueError(f"no font size {role!r}: the scale has {', '.join(FONT['sizes'])}")
    grow = FONT["projector"] if width is not None and width >= FONT["wide"] else 1.0
    return max(FONT["smallest"], FONT["sizes"][role]) * grow


def power_of_ten(exponent):
    """'10⁻⁷' for -7: an exponent typeset as a superscript, with a true minus."""
    return "10" + str(int(exponent)).translate(_SUPERSCRIPT)


def subscript(digits):
    """'₁₂' for 12 or '12': indices typeset below the line (w⁽¹⁾₁₂)."""
    return str(digits).translate(_SUBSCRIPT)


def superscript(text):
    """'⁽¹⁾' for '(1)': a layer index typeset above the line."""
    return str(text).translate(str.maketrans("()-0123456789", "⁽⁾⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def number(value, digits=None, sign=False):
    """``value`` to ``digits`` (default NUMBERS['digits']) significant digits, trailing zeros dropped:
    0.001 → '0.001', 0.30000000000000004 → '0.3', 4.92e-7 → '4.92×10⁻⁷', -2 → '−2'; 'nan', '∞' as such.
    ``sign`` writes '+' before a positive number. Put it in a no-wrap box (readouts do): it has no space."""
    digits = NUMBERS["digits"] if digits is None else int(digits)
    value = float(value)
    plus = "+" if sign and value > 0 else ""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return ("−" if value < 0 else plus) + "∞"
    if value == 0:
        return "0"
    if abs(value) >= NUMBERS["large"] or abs(value) < NUMBERS["small"]:
        mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        return plus + mantissa.replace("-", "−") + "×" + power_of_ten(int(exponent))
    text = f"{float(f'{value:.{digits}g}'):f}".rstrip("0").rstrip(".")
    return plus + text.replace("-", "−")


def read_number(text):
    """The float a text written by ``number`` stands for: '−2.5×10⁷' → -25000000.0, '+0.004' → 0.004, '∞' → inf.

    Raises ValueError for a text that is not such a number."""
    mantissa, _, exponent = str(text).strip().replace("−", "-").replace("∞", "inf").partition("×10")
    return float(mantissa) * 10.0 ** int(exponent.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")) or 0)


def for_the_browser():
    """The part of the language plot.js needs: colours per theme, the font scale and the layout rules."""
    return {"colours": {name: {t: c[t] for t in THEMES} | {"css": c.get("css")} for name, c in COLOURS.items()},
            "font": FONT, "layout": LAYOUT}


def on_any_page(figure):
    """Make a matplotlib Figure read on a light and a dark page, as the course's PNGs do: its text and ticks
    that are black (matplotlib's default) take the static ink, its frames the static muted colour, and the
    figure and axes backgrounds that are white become transparent (save it with ``transparent=True``).
    The lessons' static pictures go through here (backprop.widgets.show_figure). Returns the figure."""
    from matplotlib.colors import to_rgba
    from matplotlib.text import Text
    ink, muted = colour_of("ink", "static"), colour_of("muted", "static")
    dark = lambda c: sum(to_rgba(c)[:3]) < 0.3 and to_rgba(c)[3] > 0
    for text in figure.findobj(Text):
        if dark(text.get_color()):
            text.set_color(ink)
    for ax in figure.axes:
        ax.tick_params(colors=muted, labelcolor=ink)
        for spine in ax.spines.values():
            if dark(spine.get_edgecolor()):
                spine.set_edgecolor(muted)
        if to_rgba(ax.get_facecolor())[:3] == (1.0, 1.0, 1.0):
            ax.patch.set_alpha(0)
        legend = ax.get_legend()
        if legend is not None:
            legend.get_frame().set_alpha(0)
    figure.patch.set_alpha(0)
    return figure


A_NUMBER = re.compile(r"(?<![\w.⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉])[-−]?\d+(?:\.\d+(?:e[+-]?\d+)?|e[+-]?\d+)(?![\w.]*\w)")


def as_shown(text):
    """A sentence the core wrote with its decimal numbers rewritten as a readout shows them (plain text)."""
    return A_NUMBER.sub(lambda m: number(float(m[0].replace("−", "-"))), str(text))
