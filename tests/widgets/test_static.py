"""backprop.widgets.show_figure: a matplotlib Figure as one <img>, its PNG inline and its alt text on the tag."""
import base64
import html
import re

import pytest
from IPython.core.formatters import DisplayFormatter
from matplotlib.figure import Figure

from backprop.widgets import show_figure
from backprop.widgets.static import DPI, StaticFigure

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def figure(width=3.0, height=2.0):
    fig = Figure(figsize=(width, height))
    fig.subplots().plot([0, 1, 2], [0, 1, 4])
    return fig


def formatted(obj):
    """What IPython sends to the front end for ``obj``: (data, metadata), as display() would."""
    return DisplayFormatter().format(obj)


def test_the_front_end_gets_an_img_with_the_alt_text_and_the_png_inline():
    data, _ = formatted(StaticFigure(figure(), alt='the curve y = x² from 0 to 2 & "up"'))
    assert set(data) == {"text/html", "text/plain"}             # no Figure repr, no image to pick instead
    tag = re.fullmatch(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)" width="(\d+)" (.*)/>',
                       data["text/html"])
    assert tag, data["text/html"][:200]
    assert base64.b64decode(tag[1]).startswith(PNG_SIGNATURE)
    assert html.unescape(tag[2]) == 'the curve y = x² from 0 to 2 & "up"'
    assert int(tag[3]) == 3 * DPI                               # 3 inches wide at 100 px per inch
    assert "max-width: 100%" in tag[4]                          # shrinks with a narrow column
    assert data["text/plain"] == '[picture] the curve y = x² from 0 to 2 & "up"'


def test_the_png_has_the_figure_size_in_pixels():
    png = StaticFigure(figure(4.0, 1.5), alt="a curve").png
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (400, 150)


def test_the_alt_text_is_one_line():
    assert StaticFigure(figure(), alt="two\n   lines").alt == "two lines"


def test_show_figure_displays_the_picture(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    assert show_figure(figure(), alt="a curve") is None
    assert len(shown) == 1 and isinstance(shown[0], StaticFigure) and shown[0].alt == "a curve"


@pytest.mark.parametrize("alt", ["", "   ", None, 3])
def test_a_picture_without_words_is_refused(alt):
    with pytest.raises(ValueError, match="alt must say in words what the picture shows"):
        StaticFigure(figure(), alt=alt)


def test_anything_but_a_figure_is_refused():
    with pytest.raises(TypeError, match="needs a matplotlib Figure"):
        StaticFigure(b"\x89PNG...", alt="bytes")


def test_nbconvert_html_keeps_the_img_and_its_alt_text():
    import nbformat
    from nbconvert import HTMLExporter

    data, _ = formatted(StaticFigure(figure(), alt="a rising curve"))
    output = nbformat.v4.new_output("display_data", data=data)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("show_figure(fig, alt='a rising curve')",
                                                                    outputs=[output])])
    page, _ = HTMLExporter().from_notebook_node(nb)
    tags = re.findall(r"<img [^>]*>", page)                      # nbconvert may reorder the attributes
    assert len(tags) == 1 and 'alt="a rising curve"' in tags[0]
    assert re.search(r'src="data:image/png;base64,[A-Za-z0-9+/=]{100,}"', tags[0])
    assert "[picture] a rising curve" not in page               # the HTML is shown, not the plain text


def test_a_lesson_names_a_colour_by_its_meaning_and_gets_the_static_one_the_png_fallback_paints():
    from backprop.widgets import colour
    from backprop.widgets.figures.style import COLOURS
    assert colour("positive") == COLOURS["positive"]["static"] == "#3b7dc4"
    assert colour("negative") == "#d6404e" and colour("positive") != colour("negative")
    with pytest.raises(ValueError, match="the course's meanings are ink, muted"):
        colour("red")
