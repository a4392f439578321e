"""Many short changing labels drawn from cached glyph bitmaps: a fast stand-in for Text artists.

Drawing a matplotlib Text lays out and rasterises its glyphs on every frame (about a
millisecond each); a diagram with a dozen numbers would miss the redraw budget. Here
each character is rasterised once per size and dpi, and a frame only pastes bitmaps.
"""
import matplotlib
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
try:
    from matplotlib.ft2font import LoadFlags
    NO_HINTING = LoadFlags.NO_HINTING
except ImportError:                      # matplotlib < 3.10, e.g. Pyodide 0.27's 3.8 in the zero-install site
    from matplotlib.ft2font import LOAD_NO_HINTING as NO_HINTING

_GLYPHS = {}
COMMON = "0123456789+-−.,=?:()/ abCδηŷ"        # rasterised together the first time a size is used


def rasterise(chars, size, dpi):
    """Rasterise the characters not yet cached, all in one small Agg draw."""
    chars = [c for c in dict.fromkeys(chars) if (c, size, dpi) not in _GLYPHS]
    if not chars:
        return
    side = int(np.ceil(2.2 * size * dpi / 72))
    fig = Figure(figsize=(side * len(chars) / dpi, side / dpi), dpi=dpi)
    fig.patch.set_alpha(0.0)
    canvas = FigureCanvasAgg(fig)
    baseline, start = int(round(0.3 * side)), int(round(0.1 * side))
    for i, char in enumerate(chars):
        fig.text((i * side + start) / (side * len(chars)), baseline / side, char, fontsize=size,
                 va="baseline", ha="left", color="black")
    with matplotlib.rc_context({"text.hinting": "none"}):
        canvas.draw()
    coverage = np.asarray(canvas.buffer_rgba())[:, :, 3] / 255.0
    font = get_font(findfont(FontProperties(size=size)))
    font.set_size(size, dpi)
    for i, char in enumerate(chars):
        advance = font.load_char(ord(char), flags=NO_HINTING).linearHoriAdvance / 65536
        _GLYPHS[char, size, dpi] = (coverage[:, i * side + start:(i + 1) * side], advance, side - baseline)


def glyph(char, size, dpi):
    """(coverage (h, w) floats in [0, 1], advance in pixels, baseline row) of one character."""
    if (char, size, dpi) not in _GLYPHS:
        rasterise(COMMON + char, size, dpi)
    return _GLYPHS[char, size, dpi]


class Labels(Artist):
    """One-line strings at points of ``ax`` (or a figure, with its transform), centred vertically and,
    with ha="center", horizontally; ``set_texts`` changes them, ``texts`` reads them."""

    def __init__(self, ax, positions, fontsize=7, color="black", box=None, zorder=4, transform=None, ha="center"):
        super().__init__()
        self.positions, self.fontsize, self.box, self.ha = np.asarray(positions, dtype=float), fontsize, box, ha
        self.color = np.array(to_rgba(color))
        self.texts, self._bitmaps = [""] * len(self.positions), {}
        self.set_zorder(zorder)
        self.set_transform(transform if transform is not None else ax.transData)
        ax.add_artist(self)

    def set_texts(self, texts, positions=None):
        """New strings, one per position (and new positions (m, 2) if given)."""
        self.texts = [str(t) for t in texts]
        if positions is not None:
            self.positions = np.asarray(positions, dtype=float)
        self.stale = True

    def _bitmap(self, text, dpi):
        """RGBA uint8 (h, w, 4) of one string and the offset of its centre."""
        parts = [glyph(c, self.fontsize, dpi) for c in text]
        baseline = parts[0][2]
        width = int(np.ceil(sum(p[1] for p in parts))) + parts[-1][0].shape[1]
        coverage, x = np.zeros((parts[0][0].shape[0], width)), 0.0
        for cover, advance, _ in parts:
            left = int(round(x))
            coverage[:, left:left + cover.shape[1]] = np.maximum(coverage[:, left:left + cover.shape[1]],
                                                                 cover[:, :width - left])
            x += advance
        columns, rows = np.nonzero(coverage.max(axis=0))[0], np.nonzero(coverage.max(axis=1))[0]
        top, bottom = (max(rows[0] - 1, 0), rows[-1] + 2) if rows.size else (0, 1)
        coverage = coverage[top:bottom, :columns[-1] + 2] if columns.size else coverage[top:bottom, :1]
        rgba = np.zeros(coverage.shape + (4,))
        if self.box is not None:
            rgba[:] = to_rgba(self.box)
        alpha = coverage[:, :, None]
        rgba = rgba * (1 - alpha) + self.color * alpha
        rgba[:, :, 3:] = np.maximum(rgba[:, :, 3:], alpha)
        centre = baseline - top - 0.36 * self.fontsize * dpi / 72   # middle of the digits, from the top
        dx = coverage.shape[1] / 2 if self.ha == "center" else 0.0
        return (rgba * 255).astype(np.uint8)[::-1], dx, coverage.shape[0] - centre

    def draw(self, renderer):
        if not self.get_visible():
            return
        dpi = self.figure.dpi
        xy = self.get_transform().transform(self.positions)
        rasterise(COMMON + "".join(self.texts), self.fontsize, dpi)
        gc = renderer.new_gc()
        for (x, y), text in zip(xy, self.texts):
            if text:
                if (text, dpi) not in self._bitmaps:
                    if len(self._bitmaps) > 512:       # values change with every slider move: keep it small
                        self._bitmaps.clear()
                    self._bitmaps[text, dpi] = self._bitmap(text, dpi)
                image, dx, dy = self._bitmaps[text, dpi]
                renderer.draw_image(gc, int(round(x - dx)), int(round(y - dy)), image)
        gc.restore()
        self.stale = False
