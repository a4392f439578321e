"""A lesson's static picture: a matplotlib Figure shown as an <img> with its alt text, wherever the lesson runs.

    from backprop.widgets import colour, show_figure
    fig = Figure(figsize=(6, 3)); ax = fig.subplots()
    ax.plot(steps, losses, color=colour("train"))      # a colour by its meaning, as the live views paint it
    show_figure(fig, alt="the loss falls from 0.0097 to 0.0089 in five steps")

IPython draws a bare ``Figure`` as a picture only after pyplot has loaded its inline back end; without
it a learner sees ``<Figure size 600x300 with 1 Axes>``. And ``IPython.display.Image(alt=...)`` puts the
alt text in the output's metadata, which JupyterLab 4 never copies onto the <img>. So the picture is sent as
HTML: one <img> whose PNG is inline (a data: address, nothing fetched) and whose alt attribute is the
description a screen reader speaks. JupyterLab, Voilà, nbconvert and the JupyterLite site all show
text/html, also for an untrusted notebook (their sanitisers keep <img src="data:..."> and alt).
Its plain text, which is what nbval compares beside the HTML, is the alt text. Introduced in
lessons/02_error_and_loss; every static figure of every lesson goes through here.
"""
import base64
import html
import io

from .figures.style import colour_of, on_any_page

DPI = 100          # 1 inch of the Figure = 100 CSS px, as IPython's inline back end draws it


class StaticFigure:
    """A Figure as PNG bytes plus its alt text; displays as <img alt=...> (HTML) and as the alt text (plain).

    ``figure``: a matplotlib Figure (pyplot's or ``matplotlib.figure.Figure``). ``alt``: a non-empty
    sentence saying what the picture shows. Raises TypeError for anything but a Figure, ValueError for an
    empty alt."""

    def __init__(self, figure, alt):
        if not hasattr(figure, "savefig") or not hasattr(figure, "get_size_inches"):
            raise TypeError(f"show_figure needs a matplotlib Figure (from matplotlib.figure import Figure); "
                            f"got {type(figure).__name__}")
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError("alt must say in words what the picture shows (a screen reader reads it aloud), "
                             f"e.g. alt='the loss falls step by step'; got {alt!r}")
        buffer = io.BytesIO()
        on_any_page(figure)                    # the course's static colours, transparent: light or dark page
        figure.savefig(buffer, format="png", dpi=DPI, transparent=True)
        self.png, self.alt = buffer.getvalue(), " ".join(alt.split())
        self.width = int(round(figure.get_size_inches()[0] * DPI))

    def html(self):
        """<img> with the PNG inline; it shrinks to a narrow column (max-width) and keeps its proportions."""
        data = base64.b64encode(self.png).decode("ascii")
        return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}" width="{self.width}" '
                'style="max-width: 100%; height: auto" data-figure="static"/>')

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": f"[picture] {self.alt}"}


def show_figure(figure, alt):
    """Display ``figure`` as a picture with alt text ``alt`` (see StaticFigure); returns None."""
    from IPython.display import display
    display(StaticFigure(figure, alt))


def colour(meaning):
    """The course's colour for ``meaning`` ('positive', 'negative', 'train', 'test', 'learner', 'reference',
    'slope', 'ink', 'muted', 'highlight', 'right', 'wrong'; style.json) in a lesson's static picture: '#rrggbb'
    that reads on a light and a dark page, as the live views and the PNG fallback paint the same meaning.
    Raises ValueError naming the meanings for an unknown one."""
    return colour_of(meaning, "static")
