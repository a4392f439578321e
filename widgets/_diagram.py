"""A small network drawn once and recoloured in place: circles per neuron, a line per weight.

Used by BlameExplorer (lessons/04_hidden_layer_blame, 05_worked_example). Colour is sign
(blue positive, red negative), line width is size; an unknown value (blame not yet
revealed) is grey. This module maps numbers to colours only; it computes no maths.
"""
import html

import matplotlib
import numpy as np
from matplotlib.collections import LineCollection

from ._labels import Labels

POSITIVE, NEGATIVE, UNKNOWN, BLANK = "#2166ac", "#b2182b", "#d9d9d9", "#ffffff"
_CMAP = matplotlib.colormaps["RdBu"]


def shade(values, scale):
    """RGBA (m, 4) for values (m,): white at 0, deeper blue (+) or red (−) up to |value| = scale."""
    return _CMAP(0.5 + 0.3 * np.clip(np.asarray(values, dtype=float) / scale, -1.0, 1.0))


def scale_of(arrays, floor):
    """The largest |value| among the known arrays (None = unknown), at least ``floor``."""
    known = [np.abs(a).max() for a in arrays if a is not None and np.size(a)]
    return max([floor] + [float(m) for m in known])


class NetworkDiagram:
    """Neurons of ``sizes`` left to right, neuron 1 on top; edges in the order of weights[l][j, k]."""

    def __init__(self, ax, sizes, edge_labels=None):
        self.sizes = list(sizes)
        self.centres = [np.column_stack([np.full(n, float(l)), (n - 1) / 2 - np.arange(n)])
                        for l, n in enumerate(self.sizes)]
        self.edge_index = [(l, j, k) for l in range(len(sizes) - 1) for j in range(sizes[l + 1])
                           for k in range(sizes[l])]
        segments = [[self.centres[l][k], self.centres[l + 1][j]] for l, j, k in self.edge_index]
        self.edges = LineCollection(segments, zorder=1, capstyle="round")
        ax.add_collection(self.edges)
        xy = np.vstack(self.centres)
        size = 750 if max(sizes) <= 3 else 600 if max(sizes) <= 4 else 400
        self.nodes = ax.scatter(xy[:, 0], xy[:, 1], s=size, zorder=3, edgecolors="0.25", linewidths=1)
        self.node_labels = Labels(ax, xy, fontsize=6.5 if size > 700 else 5.5)
        show_edge_labels = len(segments) <= 8 if edge_labels is None else edge_labels
        self.edge_labels = Labels(ax, [0.72 * np.asarray(a) + 0.28 * np.asarray(b) for a, b in segments]
                                  if show_edge_labels else np.zeros((0, 2)), fontsize=6.5, box=(1, 1, 1, 0.85))
        self.edge_mark, = ax.plot([], [], color="gold", lw=9, alpha=0.7, zorder=0.5, solid_capstyle="round")
        self.node_mark, = ax.plot([], [], "o", ms=np.sqrt(size) + 9, color="gold", alpha=0.8, zorder=2.5)
        half = (max(sizes) - 1) / 2
        names = ["inputs"] + [f"hidden {l}" for l in range(1, len(sizes) - 1)] + ["output"]
        for l, name in enumerate(names):
            ax.text(l, 1.0, name, ha="center", va="top", fontsize=8, color="0.35", transform=ax.get_xaxis_transform())
        ax.set(xlim=(-0.45, len(sizes) - 0.55), ylim=(-half - 0.6, half + 0.45 + 0.1 * max(sizes)))
        ax.set_axis_off()

    def dynamic_artists(self):
        """Every artist that changes on an update."""
        return [self.edge_mark, self.node_mark, self.edges, self.nodes, self.edge_labels, self.node_labels]

    def show_nodes(self, values, labels, floor=1.0):
        """values: one array (n_L,) per layer, None = unknown (grey), 'blank' = white; labels likewise."""
        scale = scale_of([v for v in values if not isinstance(v, str)], floor)
        colours = [np.tile(matplotlib.colors.to_rgba(UNKNOWN if v is None else BLANK), (n, 1))
                   if v is None or isinstance(v, str) else shade(v, scale) for v, n in zip(values, self.sizes)]
        self.nodes.set_facecolors(np.vstack(colours))
        self.node_labels.set_texts([t for layer in labels for t in layer])

    def show_edges(self, values, labels, floor=1.0):
        """values: one matrix (n_L, n_L-1) per weight layer, None = unknown; colour = sign, width = size."""
        scale = scale_of(values, floor)
        colours, widths = [], []
        for l, j, k in self.edge_index:
            v = values[l]
            colours.append(UNKNOWN if v is None else (POSITIVE if v[j, k] >= 0 else NEGATIVE))
            widths.append(0.8 if v is None else 0.6 + 5.0 * abs(v[j, k]) / scale)
        self.edges.set_colors(colours)
        self.edges.set_linewidths(widths)
        if len(self.edge_labels.positions):
            self.edge_labels.set_texts([labels[l][j][k] for l, j, k in self.edge_index])

    def show_forward(self, activations, weights):
        """Neurons shaded and labelled by a[L] (inputs by x), edges by the weights."""
        self.show_nodes(activations, [labels(a, len(a), ".3f") for a in activations])
        self.show_edges(weights, [[labels(row, len(row), "+.2f") for row in W] for W in weights])

    def show_blame(self, deltas, gradients):
        """Neurons by delta[L] (n_L,) per layer L ≥ 1, edges by dC/dw; None = not revealed yet ('?')."""
        sizes = self.sizes
        self.show_nodes(["blank"] + deltas, [[""] * sizes[0]] + [labels(d, n, "+.4f") for d, n in
                                                                zip(deltas, sizes[1:])], floor=1e-12)
        self.show_edges(gradients, [[labels(None if g is None else g[j], sizes[l], "+.4f")
                                     for j in range(sizes[l + 1])] for l, g in enumerate(gradients)], floor=1e-12)

    def mark(self, key):
        """Highlight the parameter ``key``: a weight's line or a bias's neuron."""
        if key[0] == "weights":
            l, j, k = key[1:]
            (x0, y0), (x1, y1) = self.centres[l][k], self.centres[l + 1][j]
            self.edge_mark.set_data([x0, x1], [y0, y1])
            self.node_mark.set_data([], [])
        else:
            x, y = self.centres[key[1] + 1][key[2]]
            self.node_mark.set_data([x], [y])
            self.edge_mark.set_data([], [])


def labels(values, n, fmt):
    """Text for n values (fmt like '+.4f'), or '?' each when the values are unknown (None)."""
    return ["?"] * n if values is None else [f"{v:{fmt}}" for v in values]


def parameter_table(rows):
    """An HTML table of (label, value, gradient or None) rows, fixed decimals, '?' for unknown."""
    cells = "".join(f"<tr><td>{html.escape(label)}</td><td>{value:+.4f}</td><td>"
                    + ("?" if grad is None else f"{grad:+.6f}") + "</td></tr>" for label, value, grad in rows)
    return ("<div style='max-height:14em;overflow-y:auto'><table style='font-family:monospace'>"
            f"<tr><th>parameter p</th><th>value</th><th>∂C/∂p</th></tr>{cells}</table></div>")
