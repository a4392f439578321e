"""What a Plot draws, as JSON-ready dicts: numbers as lists of floats, colours as '#rrggbb'.

The mark types and their fields are declared once, in marks.json; every builder here returns
``mark(type, …)``, which checks the fields against it. Each mark names its panel (an index into
``Plot.panels``) and gives its data in that panel's units; sizes and widths are in screen pixels.
A value that is not finite travels as None and is left out of the drawing (a line breaks there).
plot.js draws these marks; picture.py draws the same dicts with matplotlib.
"""
import base64
import io
import json
import numbers as _numbers
import re
from pathlib import Path

import numpy as np

from .colours import Colormap, is_colour, normalize, to_hex
from .style import is_meaning


_DECLARED = json.loads((Path(__file__).parent / "marks.json").read_text())
TYPES, LIVE_ONLY = _DECLARED["types"], _DECLARED["live_only"]   # LIVE_ONLY: fields a static picture ignores
SHAPES = ("line", "o", "ring", "x")               # a legend entry's key
_NUMBERS, _HEXES = {float, int, type(None)}, re.compile("(#[0-9a-f]{6})*")   # one look at a whole list
_real = lambda v: isinstance(v, _numbers.Real) and not isinstance(v, bool)
_hex = lambda v: isinstance(v, str) and ((len(v) == 7 and _HEXES.fullmatch(v) is not None) or is_meaning(v))
_strings = lambda v: isinstance(v, list) and {type(w) for w in v} <= {str}
KINDS = {"index": lambda v: isinstance(v, _numbers.Integral) and not isinstance(v, bool) and v >= 0,
         "number": _real,
         "numbers": lambda v: isinstance(v, list) and {type(x) for x in v} <= _NUMBERS,
         "colour": _hex,
         "colours": lambda v: _strings(v) and ((_HEXES.fullmatch("".join(v)) is not None and
                                               all([len(c) == 7 for c in v])) or all([_hex(c) for c in v])),
         "flag": lambda v: isinstance(v, bool),
         "words": _strings,
         "none": lambda v: v is None,
         "png": lambda v: isinstance(v, str) and v.startswith("data:image/png;base64,"),
         "entries": lambda v: isinstance(v, list) and all([
             isinstance(e, list) and len(e) == 3 and isinstance(e[0], str) and _hex(e[1]) and e[2] in SHAPES
             for e in v])}


def fits(kind):
    """The test of a declared ``kind``: a name, 'a|b' (either) or a list of allowed values."""
    if isinstance(kind, list):
        return lambda value: value in kind
    tests = [KINDS[each] for each in kind.split("|")]
    return tests[0] if len(tests) == 1 else lambda value: any([test(value) for test in tests])


CHECKS = {kind: {name: fits(field) for name, field in spec["fields"].items()} for kind, spec in TYPES.items()}


def mark(kind, **fields):
    """A mark of type ``kind`` as marks.json declares it; a ValueError names a missing, unknown or wrong field."""
    if kind not in TYPES:
        raise ValueError(f"no mark type {kind!r}; marks.json declares {', '.join(TYPES)}")
    checks = CHECKS[kind]
    if fields.keys() != checks.keys():
        raise ValueError(f"a {kind} mark has the fields {', '.join(checks)}; got {', '.join(fields)}")
    for name, value in fields.items():
        if not checks[name](value):
            kind_of = TYPES[kind]["fields"][name]
            raise ValueError(f"the field {name} of a {kind} mark must be {kind_of}; got {value!r}"[:300])
    return {"type": kind, **fields}


def numbers(values):
    """A flat list of floats, None where a value is nan or ±inf (JSON cannot carry those)."""
    flat = np.asarray(values, dtype=float).ravel()
    return [float(v) if np.isfinite(v) else None for v in flat]


def colour(c):
    """A meaning of the course's palette ('positive', 'train', 'learner': style.json) as it is, so that the
    figure paints it in the theme's colour; '#rrggbb' for any other matplotlib colour ('0.8', an RGBA tuple);
    or a list of them."""
    if is_meaning(c):
        return c
    if getattr(c, "ndim", 1) == 2 or not is_colour(c):      # rows of RGBA, or a list of colours
        return [colour(each) for each in c]
    return to_hex(c)


def line(panel, x, y, color="ink", width=1.5, dash=False, marker=None, size=3, opacity=1.0):
    """A polyline through (x, y); ``marker`` 'o', 'ring' or 'x' puts a marker of radius ``size`` at each point."""
    return mark("line", panel=panel, x=numbers(x), y=numbers(y), color=colour(color),
                width=width, dash=dash, marker=marker, size=size, opacity=opacity)


def points(panel, x, y, color="learner", shape="o", size=4, edge=None, keys=None):
    """Markers at (x, y): 'o' filled, 'ring' hollow, 'x' a cross; colour and size may be one per point.
    ``keys``: one word per point that a click on it reports (Plot.on_click), '' where a click reports nothing."""
    x = numbers(x)
    return mark("points", panel=panel, x=x, y=numbers(y), color=colour(color),
                shape=shape, size=size if np.isscalar(size) else numbers(size),
                edge=None if edge is None else colour(edge), keys=click_keys(keys, len(x), "point"))


def segments(panel, starts, ends, color="muted", width=1.0, opacity=1.0, keys=None):
    """Straight lines from starts[i] to ends[i] (each (m, 2)); colour and width may be one per segment.
    ``keys``: one word per segment that a click on it reports (Plot.on_click), '' where a click reports nothing."""
    starts, ends = np.reshape(starts, (-1, 2)), np.reshape(ends, (-1, 2))
    return mark("segments", panel=panel, x0=numbers(starts[:, 0]), y0=numbers(starts[:, 1]),
                x1=numbers(ends[:, 0]), y1=numbers(ends[:, 1]), color=colour(color),
                width=width if np.isscalar(width) else numbers(width), opacity=opacity,
                keys=click_keys(keys, len(starts), "segment"))


def click_keys(keys, n, what):
    """``keys`` as a list of n strings, or None; a ValueError when their number is not one per ``what``."""
    if keys is None:
        return None
    keys = [str(k) for k in keys]
    if len(keys) != n:
        raise ValueError(f"keys must give one word per {what} ({n}); got {len(keys)}")
    return keys


def bars(panel, x, top, bottom=0.0, width=0.7, color="ink"):
    """Bars centred on x, from ``bottom`` (one value or one per bar) up or down to ``top``."""
    return mark("bars", panel=panel, x=numbers(x), top=numbers(top),
                bottom=float(bottom) if np.isscalar(bottom) else numbers(bottom), width=width,
                color=colour(color))


def rect(panel, x0=None, x1=None, y0=None, y1=None, color="highlight", opacity=0.12):
    """A filled rectangle; a side given as None reaches the panel's edge (a band across the panel)."""
    side = lambda v: None if v is None else float(v)
    return mark("rect", panel=panel, x0=side(x0), x1=side(x1), y0=side(y0), y1=side(y1),
                color=colour(color), opacity=opacity)


def hline(panel, y, xlim, color="muted", width=1.0, dash=False):
    """A horizontal line at y across the panel's x-limits."""
    return line(panel, xlim, [y, y], color=color, width=width, dash=dash)


def vline(panel, x, ylim, color="muted", width=1.0, dash=False):
    """A vertical line at x across the panel's y-limits."""
    return line(panel, [x, x], ylim, color=color, width=width, dash=dash)


def texts(panel, xy, words, coords="data", anchor="middle", baseline="middle", size=12, color="ink",
          halo=False):
    """Words at positions xy (m, 2), in data or axes (0..1) coordinates; ``halo`` keeps them readable on lines."""
    xy = np.reshape(xy, (-1, 2))
    return mark("text", panel=panel, x=numbers(xy[:, 0]), y=numbers(xy[:, 1]),
                text=[str(w) for w in words], coords=coords, anchor=anchor, baseline=baseline,
                size=size, color=colour(color), halo=halo)


def legend(panel, entries, x=0.03, y=0.95):
    """A key at (x, y) in axes coordinates: entries of (label, colour, 'line' | 'o' | 'ring' | 'x')."""
    return mark("legend", panel=panel, x=x, y=y,
                entries=[[label, colour(c), shape] for label, c, shape in entries])


def image(panel, pixels, extent, cmap="gray_r", vmin=0.0, vmax=1.0):
    """A small picture of ``pixels`` (h, w) through a colour map, stretched over extent (x0, x1, y0, y1)."""
    rgba = Colormap(cmap)(normalize(pixels, vmin, vmax))
    from PIL import Image
    buffer = io.BytesIO()
    Image.fromarray((rgba * 255).astype(np.uint8)).save(buffer, format="png")
    src = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    return mark("image", panel=panel, src=src, extent=numbers(extent))


def contours(panel, x, y, z, levels, cmap="viridis", width=1.2):
    """One line mark per level of z (len(y), len(x)) over the grid x, y, coloured along ``cmap``."""
    import contourpy
    generator = contourpy.contour_generator(np.asarray(x, float), np.asarray(y, float), np.asarray(z, float),
                                            line_type=contourpy.LineType.Separate)
    shades = Colormap(cmap)(np.linspace(0, 1, len(levels)))
    out = []
    for level, shade in zip(levels, shades):
        pieces = generator.lines(level)
        joined = np.vstack([np.vstack([piece, [np.nan, np.nan]]) for piece in pieces]) if pieces else np.zeros((0, 2))
        out.append(line(panel, joined[:, 0], joined[:, 1], color=shade, width=width))
    return out
