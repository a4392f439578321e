"""PlaygroundFigure: the playground's own live figure (playground.js draws it; it computes nothing).

Python sends the numbers of a frame and every colour; the page paints the frame and answers
``{"drawn": frame}`` once it is on screen, and only then is the next frame sent (the kernel never
runs ahead of the page). The heat maps travel as bytes — one byte per grid point (P(class 1)
·255, or the winning class and its margin for k classes) — painted through colour tables made
here from the course palette, one set per theme (the light theme's fades to white, the dark theme's to its
near-black paper); ``wire="json"`` sends the same grid as plain JSON numbers instead
(the benchmark's peer). Where no live front end exists, ``picture()`` draws the boundary, the
points and the loss curves with matplotlib (no network diagram).
"""
from pathlib import Path

import anywidget
import numpy as np
import traitlets

from .figures import Plot
from .figures.colours import to_rgba
from .figures.style import FONT, colour_of

STRENGTH = 0.75         # how far a confident region's colour goes from the paper to its class colour


def class_colours(k):
    """k class colours '#rrggbb' from the palette's colour cycle (class 0 'C0', class 1 'C1', …)."""
    return ["#{:02x}{:02x}{:02x}".format(*(int(round(255 * c)) for c in to_rgba(f"C{i}")[:3])) for i in range(k)]


def colour_tables(k, theme="light"):
    """RGBA bytes of the heat maps' colour tables in ``theme`` ('light' or 'dark'), (rows, 256, 4) uint8.

    k == 2: one row, byte b = P(class 1)·255, from class 0's colour through the theme's paper (0.5) to class 1's.
    k > 2: one row per class, byte b = that class's margin over 1/k (0 the paper, 255 its full colour).
    The last row is the hidden neurons' table, byte b = (a + 1)·127.5 for a in [-1, 1]: the theme's 'negative'
    colour below 0, the paper at 0, 'positive' above (as the edges' signs). Every colour of the tables keeps a
    contrast ≥ 3:1 with the theme's 'ink', the points' rim (tests/test_playground_figure.py).
    """
    paper = np.array(to_rgba(colour_of("paper", theme))[:3])
    rgb = [np.array(to_rgba(c)[:3]) for c in class_colours(max(k, 2))]
    sign = [np.array(to_rgba(colour_of(meaning, theme))[:3]) for meaning in ("negative", "positive")]
    t = np.linspace(0.0, 1.0, 256)[:, None]
    two_sided = lambda low, high: np.where(t < 0.5, paper + (1 - 2 * t) * STRENGTH * (low - paper),
                                           paper + (2 * t - 1) * STRENGTH * (high - paper))
    rows = [two_sided(rgb[0], rgb[1])] if k == 2 else [paper + t * STRENGTH * (c - paper) for c in rgb]
    rows.append(two_sided(*sign))
    table = np.concatenate([np.stack(rows), np.ones((len(rows), 256, 1))], axis=2)
    return np.round(255 * table).astype(np.uint8)


def colours():
    """The figure's colours by role: the classes' (the palette's cycle), the signs', the curves', the text's."""
    return {"negative": colour_of("negative"), "positive": colour_of("positive"), "train": colour_of("train"),
            "test": colour_of("test"), "ink": colour_of("ink"), "muted": colour_of("muted"),
            "font": FONT["family"], "sizes": FONT["sizes"]}


def boundary_bytes(boundary):
    """One byte per grid point: P(class 1)·255 for (ny, nx); for (ny, nx, k) the winning class's index and its
    margin over 1/k scaled to 0…255, as two planes (class, then margin)."""
    if boundary.ndim == 2:
        return np.round(255 * boundary).astype(np.uint8).tobytes()
    k = boundary.shape[2]
    winner, top = np.argmax(boundary, axis=2), np.max(boundary, axis=2)
    margin = np.round(255 * np.clip((top - 1 / k) / (1 - 1 / k), 0, 1))
    return winner.astype(np.uint8).tobytes() + margin.astype(np.uint8).tobytes()


def hidden_bytes(pictures):
    """The hidden neurons' pictures (n, h, w) with values in [-1, 1] as one byte each, (a + 1)·127.5."""
    return np.round((np.clip(pictures, -1, 1) + 1) * 127.5).astype(np.uint8).tobytes()


class PlaygroundFigure(anywidget.AnyWidget):
    """The boundary, the points, the network with each hidden neuron's picture, the loss curves, the verdict."""

    _esm = (Plot._esm.replace("export default { render };", "") + "\n" +      # plot.js's page helpers, then …
            (Path(__file__).parent / "figures" / "playground.js").read_text())          # … the playground's own scope
    width = traitlets.Int(960).tag(sync=True)
    height = traitlets.Int(430).tag(sync=True)
    setup = traitlets.Dict().tag(sync=True)        # changes with the data or network: sizes, grid, points, colours
    frame = traitlets.Int(0).tag(sync=True)         # the number of the frame below
    boundary = traitlets.Bytes(b"").tag(sync=True)
    boundary_json = traitlets.List().tag(sync=True)     # the peer: the same grid as JSON numbers (wire="json")
    hidden = traitlets.Bytes(b"").tag(sync=True)
    edges = traitlets.List().tag(sync=True)         # per layer, per edge: [width 0…1, sign −1/1] flattened
    curves = traitlets.Dict().tag(sync=True)        # steps, train_loss, test_loss (at most MOST_CURVE points)
    words = traitlets.Dict().tag(sync=True)         # title, numbers, verdict
    description = traitlets.Unicode("").tag(sync=True)
    drawn = 0                                       # the latest frame the page said it painted

    def __init__(self, wire="bytes", **kwargs):
        super().__init__(**kwargs)
        self.wire = wire
        self.on_msg(self._on_page)
        self._listeners = []

    def on_drawn(self, callback):
        """Call ``callback(frame)`` when the page says it painted ``frame``."""
        self._listeners.append(callback)

    def forget(self):
        """Stop listening to the page and drop what the last frame showed (the view is being closed)."""
        self.on_msg(self._on_page, remove=True)
        self._listeners, self.state = [], None

    def _on_page(self, _, content, buffers):
        if isinstance(content, dict) and isinstance(content.get("drawn"), int):
            self.drawn = content["drawn"]
            for callback in list(self._listeners):
                callback(self.drawn)

    def show(self, boundary, hidden, edges, curves, words, description, setup=None):
        """Send one frame (its number goes up by one): every trait that changed, in one message."""
        with self.hold_sync():
            if setup is not None and setup is not self.setup:     # a new setup is a new dict
                self.setup = setup
            if self.wire == "json":
                self.boundary_json = np.round(np.asarray(boundary, dtype=float), 4).ravel().tolist()
            else:
                self.boundary = boundary_bytes(boundary)
            self.hidden, self.edges, self.curves = hidden_bytes(hidden), edges, curves
            self.words, self.description = words, description
            self.frame += 1

    state = None                                    # the view's state the latest frame shows

    def structure(self):
        """What the frame draws, without its pixels (tests/widgets/test_marks_snapshot.py): the grid, extent,
        classes, network sizes and points of the setup; the bytes of the heat maps, the edges per layer, the
        points of each curve, the title and the first number of each line of words."""
        setup, curves = self.setup, self.curves
        return {"setup": {key: setup.get(key) for key in ("grid", "extent", "k", "sizes", "hidden_grid", "columns")},
                "points": len(setup.get("points", {}).get("x", [])),
                "frame": {"boundary bytes": len(self.boundary), "boundary numbers": len(self.boundary_json),
                          "hidden bytes": len(self.hidden), "edges": [len(layer) for layer in self.edges],
                          "curves": [len(curves.get(name, [])) for name in ("steps", "train", "test")]},
                "title": self.words.get("title"), "lines": self.words.get("lines")}

    def picture(self, dpi=100):
        """PNG bytes of the boundary with the points and the loss curves (matplotlib, for places without a page)."""
        from ._playground_picture import png
        return png(self.setup, self.state, self.curves, dpi)
