"""Colours as '#rrggbb' and colour maps as RGBA, the way matplotlib reads them, without importing matplotlib.

The live figures run in the zero-install site too, where matplotlib is loaded only when a lesson's cell
imports it (lessons 01 and 09 never do): the views need its colour names and maps, not its drawing. The
numbers come from matplotlib itself: palette.json is written by `python -m tools.palette`, and
tests/widgets/test_colours.py checks the file, and every function here, against the installed matplotlib.
Only picture.py (the PNG for places without a browser) draws with matplotlib.
"""
import json
import re
from pathlib import Path

import numpy as np

_PALETTE = json.loads((Path(__file__).parent / "palette.json").read_text())
NAMES, CYCLE = _PALETTE["names"], _PALETTE["cycle"]
_HEX = re.compile(r"#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
ACCEPTED = ("'#rrggbb' or '#rgb' (with or without alpha), a name ('gold', 'k', 'tab:blue'), 'C0'…'C9' (the colour "
            "cycle), a grey level from '0' to '1', or 3 or 4 numbers from 0 to 1")


def to_rgba(c):
    """(r, g, b, alpha), floats in [0, 1], for one colour as matplotlib names it (see ACCEPTED).

    Raises ValueError, naming the forms accepted, for anything else."""
    if isinstance(c, str):
        if c.lower() == "none":
            return (0.0, 0.0, 0.0, 0.0)
        cycle = re.fullmatch(r"C(\d+)", c)
        if cycle:
            return to_rgba(CYCLE[int(cycle[1]) % len(CYCLE)])
        named = NAMES.get(c) or (NAMES.get(c.lower()) if len(c) > 1 else None)
        if named:
            return to_rgba(named)
        if _HEX.fullmatch(c):
            digits = c[1:] if len(c) > 5 else "".join(2 * d for d in c[1:])
            values = [int(digits[i:i + 2], 16) / 255 for i in range(0, len(digits), 2)]
            return tuple(values) + (1.0,) * (4 - len(values))
        try:
            level = float(c)
        except ValueError:
            level = None
        if level is not None and 0.0 <= level <= 1.0:
            return (level, level, level, 1.0)
        raise ValueError(f"{c!r} is not a colour: give {ACCEPTED}")
    try:
        values = np.asarray(c, dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is None or values.shape not in ((3,), (4,)) or not np.all((values >= 0) & (values <= 1)):
        raise ValueError(f"{c!r} is not a colour: give {ACCEPTED}")
    return tuple(float(v) for v in values) + (1.0,) * (4 - len(values))


def is_colour(c):
    """Whether ``c`` is one colour (to_rgba accepts it)."""
    try:
        to_rgba(c)
    except ValueError:
        return False
    return True


def to_hex(c):
    """'#rrggbb' of one colour (alpha dropped), rounded as matplotlib rounds."""
    return "#" + "".join(format(round(v * 255), "02x") for v in to_rgba(c)[:3])


def normalize(values, vmin, vmax):
    """(values − vmin) / (vmax − vmin) as floats: vmin ↦ 0, vmax ↦ 1 (0 everywhere when vmin = vmax)."""
    values = np.array(values, dtype=float)
    if vmin > vmax:
        raise ValueError(f"vmin ({vmin}) must not exceed vmax ({vmax})")
    return np.zeros_like(values) if vmin == vmax else (values - vmin) / (vmax - vmin)


class Colormap:
    """A colour map from palette.json: called on values in [0, 1], gives RGBA (shape + (4,)) as matplotlib's does.

    Values below 0 take the first colour, above 1 the last, and nan is transparent."""

    def __init__(self, name):
        if name not in _PALETTE["colormaps"]:
            raise ValueError(f"no colour map {name!r}: the figures carry {', '.join(sorted(_PALETTE['colormaps']))} "
                             "(add one to tools/palette.py COLORMAPS and run python -m tools.palette)")
        self.name, self.lut = name, np.array(_PALETTE["colormaps"][name], dtype=float)

    def __call__(self, values):
        n = len(self.lut)
        scaled = np.array(values, dtype=float) * n
        scaled[scaled == n] = n - 1                      # 1.0 is the last colour, not past it
        bad = np.isnan(scaled)
        index = np.clip(np.where(bad, 0, scaled), 0, n - 1).astype(int)
        rgba = self.lut[index]
        rgba[bad] = 0.0
        return rgba
