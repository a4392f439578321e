"""The static picture of a GraphFigure: its boxes, edges and words drawn with matplotlib (Agg), as PNG bytes.

Used when a GraphExplorer is displayed, for places without a live front end (nbconvert, GitHub previews).
It reads the same dicts graph.js draws; sizes are screen pixels (1 px = 0.72 pt at 100 dpi).
"""
import io

from .style import colour_of, is_meaning

PT = 0.72                 # points per pixel at 100 dpi, as in picture.py


def _hex(c):
    """A colour named by its meaning in the light theme's value (the picture has a white paper)."""
    return colour_of(c) if is_meaning(c) else c


def png(figure, dpi=100):
    """PNG bytes of ``figure`` (a GraphFigure): y grows downwards, as in the browser. Imports matplotlib
    here, when a picture is asked for: the live path never needs it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch
    fig = Figure(figsize=(figure.width / dpi, figure.height / dpi), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set(xlim=(0, figure.width), ylim=(figure.height, 0))
    ax.set_axis_off()
    font = figure.font * PT
    ax.text(6, 16, figure.title, fontsize=font + PT, color="#1f1f1f", va="baseline")
    x = 6
    for words, colour in figure.legend:
        written = ax.text(x, 34, words, fontsize=font, color=_hex(colour), va="baseline")
        x += written.get_window_extent(renderer=fig.canvas.get_renderer()).width + 4
    for e in figure.edges:
        if e["band"] != "none":
            ax.plot([e["x0"], e["x1"]], [e["y0"], e["y1"]], color=_hex(e["band"]), lw=7 * PT, solid_capstyle="round")
        ax.plot([e["x0"], e["x1"]], [e["y0"], e["y1"]], color=_hex(e["color"]), lw=e["width"] * PT)
        if e["text"]:
            x, y = e["x0"] + (e["x1"] - e["x0"]) * 0.3, e["y0"] + (e["y1"] - e["y0"]) * 0.3 - 3
            ax.text(x, y, e["text"], fontsize=font, ha="center", va="baseline", color=_hex(e["color"]),
                    backgroundcolor="white")
    line = figure.font + 2
    for n in figure.nodes:
        x, y = n["x"] - n["w"] / 2, n["y"] - n["h"] / 2
        if n["ring"] != "none":
            ax.add_patch(FancyBboxPatch((x - 4, y - 4), n["w"] + 8, n["h"] + 8, boxstyle="round,pad=0,rounding_size=7",
                                        facecolor=_hex(n["ring"]), lw=0))
        ax.add_patch(FancyBboxPatch((x, y), n["w"], n["h"], boxstyle="round,pad=0,rounding_size=4",
                                    facecolor="#ffffff", edgecolor=_hex(n["stroke"]), lw=n["edge"] * PT,
                                    ls="--" if n["leaf"] else "-"))
        for k, (words, colour) in enumerate(zip(n["lines"], n["colors"])):
            ax.text(n["x"], y + 3 + line * (k + 0.5), words, fontsize=font, ha="center", va="center",
                    color=_hex(colour),
                    fontweight="bold" if k == 0 else "normal")
    buffer = io.BytesIO()
    fig.canvas.print_png(buffer)
    return buffer.getvalue()
