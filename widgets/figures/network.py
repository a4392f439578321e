"""The network diagram as Plot marks: a circle per neuron, a line per weight, recoloured on each change.

Used by BlameExplorer (lessons/04_hidden_layer_blame, 05_worked_example). Colour is sign (blue
positive, red negative), line width is size; an unknown value (blame not yet revealed) is grey.
This module maps numbers to positions, colours and words only; it computes no maths. Each edge carries
its weight's name and each neuron past the inputs its bias's name (w⁽¹⁾₁₂, b⁽¹⁾₁) as the key a click reports.
"""
import numpy as np

from backprop.parameters import parameter_label

from .colours import Colormap
from .marks import colour, points, segments, texts
from .plot import panel

POSITIVE, NEGATIVE, UNKNOWN, BLANK, HIGHLIGHT = "positive", "negative", "muted", "#ffffff", "highlight"
UNKNOWN_FILL = "#d9d9d9"     # a neuron whose value is unknown; its words, wider than the circle, are in the theme's
#                             ink on a halo of its paper, readable on the fill and off it in either theme
_CMAP = Colormap("RdBu")


def shade(values, scale):
    """RGBA (m, 4) for values (m,): white at 0, deeper blue (+) or red (−) up to |value| = scale."""
    return _CMAP(0.5 + 0.3 * np.clip(np.asarray(values, dtype=float) / scale, -1.0, 1.0))


def scale_of(arrays, floor):
    """The largest |value| among the known arrays (None = unknown), at least ``floor``."""
    known = [np.abs(a).max() for a in arrays if a is not None and np.size(a)]
    return max([floor] + [float(m) for m in known])


def labels(values, n, fmt):
    """Text for n values (fmt like '+.4f'), or '?' each when the values are unknown (None)."""
    return ["?"] * n if values is None else [f"{v:{fmt}}" for v in values]


class NetworkFigure:
    """Neurons of ``sizes`` left to right (neuron 1 on top); edges in the order of weights[l][j, k].

    ``edge_keys``, ``node_keys``: the parameter a click on each edge (its weight) or neuron (its bias; '' for
    an input) chooses, named as parameter_label names it."""

    def __init__(self, sizes, edge_labels=None, panel_index=0):
        self.sizes, self.index = list(sizes), panel_index
        self.centres = [np.column_stack([np.full(n, float(l)), (n - 1) / 2 - np.arange(n)])
                        for l, n in enumerate(self.sizes)]
        self.edge_index = [(l, j, k) for l in range(len(sizes) - 1) for j in range(sizes[l + 1])
                           for k in range(sizes[l])]
        self.starts = np.array([self.centres[l][k] for l, j, k in self.edge_index]).reshape(-1, 2)
        self.ends = np.array([self.centres[l + 1][j] for l, j, k in self.edge_index]).reshape(-1, 2)
        self.radius = 19 if max(sizes) <= 3 else 17 if max(sizes) <= 4 else 14
        self.edge_labels = len(self.edge_index) <= 12 if edge_labels is None else edge_labels
        self.edge_keys = [parameter_label(("weights", *e)) for e in self.edge_index]
        self.node_keys = [""] * self.sizes[0] + [parameter_label(("biases", l, j))
                                                 for l, n in enumerate(self.sizes[1:]) for j in range(n)]
        half = (max(sizes) - 1) / 2
        self.xlim, self.ylim = (-0.45, len(sizes) - 0.55), (-half - 0.6, half + 0.45 + 0.1 * max(sizes))

    def panel(self, rect=(0.0, 0.0, 1.0, 0.92)):
        """The frameless panel the diagram is drawn in."""
        return panel(rect, self.xlim, self.ylim, frame=False)

    def backdrop(self):
        """The layer names above the columns (drawn once)."""
        names = ["inputs"] + [f"hidden {l}" for l in range(1, len(self.sizes) - 1)] + ["output"]
        return [texts(self.index, [(l, self.ylim[1]) for l in range(len(names))], names, baseline="hanging",
                      size=12, color="muted")]

    def forward(self, activations, weights, key):
        """Marks: neurons shaded and labelled by a[L] (inputs by x), edges by the weights, ``key`` highlighted."""
        node_labels = [labels(a, len(a), ".3f") for a in activations]
        edge_labels = [[labels(row, len(row), "+.2f") for row in W] for W in weights]
        return self._marks(activations, node_labels, weights, edge_labels, key, floor=1.0)

    def blame(self, deltas, gradients, key):
        """Marks: neurons by delta[L] (n_L,) for L ≥ 1, edges by dC/dw; None = not revealed yet ('?')."""
        node_labels = [[""] * self.sizes[0]] + [labels(d, n, "+.4f") for d, n in zip(deltas, self.sizes[1:])]
        return self._marks(["blank"] + list(deltas), node_labels, gradients, self._edge_words(gradients), key,
                           floor=1e-12)

    def passed(self, received, passed, key):
        """Marks: edges by the blame w·δ each passes back (n_L, n_L-1), neurons by what they hold:
        ``received`` (n_L,) per layer L = 0 … depth, the sum over their edges (the output: its own δ)."""
        node_labels = [labels(r, n, "+.4f") for r, n in zip(received, self.sizes)]
        return self._marks(list(received), node_labels, passed, self._edge_words(passed), key, floor=1e-12)

    def _edge_words(self, values):
        return [[labels(None if v is None else v[j], self.sizes[l], "+.4f") for j in range(self.sizes[l + 1])]
                for l, v in enumerate(values)]

    def _marks(self, node_values, node_labels, edge_values, edge_labels, key, floor):
        colours, widths = self.edge_style(edge_values, floor)
        xy = np.vstack(self.centres)
        marks = [*self._highlight(key), segments(self.index, self.starts, self.ends, colours, widths,
                                                 keys=self.edge_keys),
                 points(self.index, xy[:, 0], xy[:, 1], self._node_colours(node_values, floor), size=self.radius,
                        edge="0.25", keys=self.node_keys),
                 texts(self.index, xy, [t for layer in node_labels for t in layer], size=12, color="ink",
                       halo=True)]
        if self.edge_labels:
            words = [edge_labels[l][j][k] for l, j, k in self.edge_index]
            marks.append(texts(self.index, 0.62 * self.ends + 0.38 * self.starts, words, size=12, halo=True))
        return marks

    def _node_colours(self, values, floor):
        scale = scale_of([v for v in values if not isinstance(v, str)], floor)
        rows = [[UNKNOWN_FILL if v is None else BLANK] * n if v is None or isinstance(v, str) else colour(shade(v, scale))
                for v, n in zip(values, self.sizes)]
        return [c for row in rows for c in row]

    def edge_style(self, values, floor, spread=7.0):
        """(colours, widths) of the edges for values[l] (n_L, n_L-1) or None (unknown): colour is sign,
        width 0.8 + ``spread`` · |value| / the largest |value| (at least ``floor``)."""
        scale = scale_of(values, floor)
        colours = [UNKNOWN if values[l] is None else POSITIVE if values[l][j, k] >= 0 else NEGATIVE
                   for l, j, k in self.edge_index]
        widths = [1.1 if values[l] is None else 0.8 + spread * abs(values[l][j, k]) / scale
                  for l, j, k in self.edge_index]
        return colours, widths

    def _highlight(self, key):
        """A gold band under the weight ``key``, or a gold ring around the neuron of the bias ``key``."""
        if key[0] == "weights":
            l, j, k = key[1:]
            return [segments(self.index, self.centres[l][k], self.centres[l + 1][j], HIGHLIGHT, 13, opacity=0.7)]
        x, y = self.centres[key[1] + 1][key[2]]
        return [points(self.index, [x], [y], HIGHLIGHT, size=self.radius + 6)]
