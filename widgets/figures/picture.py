"""The static picture of a Plot: its panels and marks drawn with matplotlib (Agg), as PNG bytes.

Used when a view is displayed, for places without a live front end (nbconvert, GitHub previews).
It reads the same dicts plot.js draws, so the picture and the live figure show the same numbers: DRAW has
one function per mark type declared in marks.json.
Sizes in the marks are screen pixels; matplotlib wants points (1 px = 0.72 pt at 100 dpi).
The picture speaks the course's visual language (style.json) in its 'static' colours, on a transparent
background, so that it reads on a light and a dark page alike; its text is never below 11 px.
"""
import base64
import io

import numpy as np
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from .style import FONT, colour_of, is_meaning

PT = 0.72
INK, MUTED = colour_of("ink", "static"), colour_of("muted", "static")


def paint(c):
    """A matplotlib colour for a mark's colour: a meaning in its 'static' colour, '#rrggbb' as it is."""
    if isinstance(c, list):
        return [paint(each) for each in c]
    return colour_of(c, "static") if is_meaning(c) else c


def size(role):
    """Points of text of ``role`` in the font scale."""
    return max(FONT["smallest"], FONT["sizes"][role]) * PT
SHAPES = {"o": "o", "ring": "o", "x": "x", "line": None}


def array(values):
    """Floats with nan where the mark has None."""
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def marker_style(shape, color, size, edge=None):
    """Keyword arguments of a matplotlib marker like the browser's: filled, hollow ring or cross."""
    color = paint(color)
    return {"marker": SHAPES[shape], "markersize": 2 * size * PT, "markeredgecolor": paint(edge) or color,
            "markerfacecolor": "none" if shape == "ring" else color, "markeredgewidth": 2 * PT if shape == "x" else PT}


def draw_line(ax, m):
    style = marker_style(m["marker"], m["color"], m["size"]) if m["marker"] else {}
    ax.plot(array(m["x"]), array(m["y"]), color=paint(m["color"]), lw=m["width"] * PT, ls="--" if m["dash"] else "-",
            alpha=m["opacity"], **style)


def draw_points(ax, m):
    count = len(m["x"])
    colours = m["color"] if isinstance(m["color"], list) else [m["color"]] * count
    sizes = m["size"] if isinstance(m["size"], list) else [m["size"]] * count
    for x, y, c, s in zip(array(m["x"]), array(m["y"]), colours, sizes):
        ax.plot([x], [y], ls="none", zorder=3, **marker_style(m["shape"], c, s, m["edge"]))


def draw_segments(ax, m):
    lines = np.stack([np.column_stack([array(m["x0"]), array(m["y0"])]),
                      np.column_stack([array(m["x1"]), array(m["y1"])])], axis=1)
    widths = np.multiply(m["width"], PT)
    ax.add_collection(LineCollection(lines, colors=paint(m["color"]), linewidths=widths, alpha=m["opacity"],
                                     capstyle="round"))


def draw_bars(ax, m):
    top, bottom = array(m["top"]), np.broadcast_to(array(np.atleast_1d(m["bottom"])), len(m["x"]))
    ax.bar(array(m["x"]), top - bottom, bottom=bottom, width=m["width"], color=paint(m["color"]))


def draw_rect(ax, m):
    (xa, xb), (ya, yb) = ax.get_xlim(), ax.get_ylim()
    x0, x1 = m["x0"] if m["x0"] is not None else xa, m["x1"] if m["x1"] is not None else xb
    y0, y1 = m["y0"] if m["y0"] is not None else ya, m["y1"] if m["y1"] is not None else yb
    ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, color=paint(m["color"]), alpha=m["opacity"], lw=0))


def draw_text(ax, m):
    transform = ax.transAxes if m["coords"] == "axes" else ax.transData
    colours = paint(m["color"]) if isinstance(m["color"], list) else [paint(m["color"])] * len(m["text"])
    baseline = {"middle": "center", "hanging": "top", "auto": "baseline"}.get(m["baseline"], "center")
    halo = (0.5, 0.5, 0.5, 0.35)          # translucent grey: the page behind a transparent picture is light or dark
    effects = [patheffects.withStroke(linewidth=3 * PT, foreground=halo)] if m["halo"] else None
    for x, y, words, c in zip(m["x"], m["y"], m["text"], colours):
        if x is not None and y is not None:
            ax.text(x, y, words, transform=transform, ha={"start": "left", "end": "right"}.get(m["anchor"], "center"),
                    va=baseline, fontsize=max(FONT["smallest"], m["size"]) * PT, color=c, path_effects=effects, clip_on=False)


def draw_legend(ax, m):
    handles = [Line2D([], [], color=paint(c), lw=2 * PT, ls="-" if shape == "line" else "none",
                      **({} if shape == "line" else marker_style(shape, c, 4))) for _, c, shape in m["entries"]]
    ax.legend(handles, [label for label, _, _ in m["entries"]], loc="upper left", bbox_to_anchor=(m["x"], m["y"]),
              fontsize=size("text"), frameon=False, borderaxespad=0, borderpad=0, labelcolor=INK)


def draw_image(ax, m):
    from PIL import Image
    pixels = np.asarray(Image.open(io.BytesIO(base64.b64decode(m["src"].split(",", 1)[1]))))
    ax.imshow(pixels, extent=m["extent"], aspect="auto", interpolation="nearest")


DRAW = {"line": draw_line, "points": draw_points, "segments": draw_segments, "bars": draw_bars, "rect": draw_rect,
        "text": draw_text, "legend": draw_legend, "image": draw_image}


def axes(figure, p):
    """The matplotlib axes of one panel: limits, scales, ticks, labels and title as the browser draws them."""
    ax = figure.add_axes(p["rect"])
    ax.set(xscale=p["xscale"], yscale=p["yscale"], xlim=p["xlim"], ylim=p["ylim"])
    ax.set_title(p["title"], fontsize=size("title"), color=INK)
    ax.patch.set_alpha(0)
    if not p["frame"]:
        ax.set_axis_off()
        return ax
    for ticks, setter in ((p["xticks"], ax.set_xticks), (p["yticks"], ax.set_yticks)):
        setter([v for v, _ in ticks], [label for _, label in ticks], fontsize=size("tick"))
    ax.minorticks_off()
    ax.tick_params(colors=INK, labelcolor=INK)
    for spine in ax.spines.values():
        spine.set_color(MUTED)
    ax.set_xlabel(p["xlabel"], fontsize=size("label"), color=INK)
    ax.set_ylabel(p["ylabel"], fontsize=size("label"), color=INK)
    return ax


def png(plot, dpi=100):
    """PNG bytes of ``plot`` (a Plot, or anything with its traits) drawn with matplotlib."""
    figure = Figure(figsize=(plot.width / dpi, plot.height / dpi), dpi=dpi)
    figure.patch.set_alpha(0)                                # transparent: it lands on a light or a dark page
    panels = [axes(figure, p) for p in plot.panels]
    for m in [*plot.backdrop, *plot.marks]:
        DRAW[m["type"]](panels[m["panel"]], m)
    for ax, p in zip(panels, plot.panels):                   # marks must not widen the limits
        ax.set(xlim=p["xlim"], ylim=p["ylim"])
    if plot.title:
        figure.suptitle(plot.title, fontsize=size("heading"), color=INK)
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()
