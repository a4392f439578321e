"""widgets/figures/plot.py: ticks, panels, one message per change with only what changed, a PNG on display."""
import base64
import io
import sys

import numpy as np
import pytest
from PIL import Image

from backprop.widgets.figures import Plot, line, panel, points, ticks

pytestmark = pytest.mark.filterwarnings("error")


def test_linear_ticks_are_round_numbers_inside_the_limits():
    assert ticks((-3.0, 3.0)) == [[-3.0, "−3"], [-2.0, "−2"], [-1.0, "−1"], [0.0, "0"], [1.0, "1"], [2.0, "2"],
                                  [3.0, "3"]]
    assert ticks((0.0, 1.0)) == [[0.0, "0"], [0.2, "0.2"], [0.4, "0.4"], [0.6, "0.6"], [0.8, "0.8"], [1.0, "1"]]


def test_log_ticks_are_powers_of_ten_inside_the_limits():
    marks = ticks((1e-24, 1e24), "log")
    values = [v for v, _ in marks]
    assert values[0] >= 1e-24 and values[-1] <= 1e24 and len(values) >= 4
    assert all(np.isclose(np.log10(v), round(np.log10(v))) for v in values)
    assert dict(marks)[1.0] == "10⁰" and ticks((1e-3, 1e-1), "log")[0] == [pytest.approx(1e-3), "10⁻³"]


def test_panel_keeps_given_ticks_and_limits():
    p = panel((0.1, 0.2, 0.5, 0.6), xlim=(-0.5, 1.5), ylim=(0, 2), xticks=[(0, "a"), (1, "b\nc")], title="t")
    assert p["rect"] == [0.1, 0.2, 0.5, 0.6] and p["xlim"] == [-0.5, 1.5] and p["ylim"] == [0.0, 2.0]
    assert p["xticks"] == [[0.0, "a"], [1.0, "b\nc"]] and p["title"] == "t" and p["frame"]


def recording(plot):
    """The messages a Plot sends to the browser, collected instead of sent."""
    sent = []
    plot.comm.send = lambda data=None, buffers=None, **kw: sent.append(data["state"])
    return sent


def test_show_sends_one_message_with_only_what_changed():
    plot = Plot([panel((0.1, 0.1, 0.8, 0.8))])
    sent = recording(plot)
    curve = [line(0, [0, 1], [0, 1])]
    plot.show([points(0, [0.5], [0.25])], description="point at 0.5, 0.25", backdrop=curve, title="T")
    plot.show([points(0, [0.6], [0.25])], description="point at 0.6, 0.25", backdrop=curve, title="T")
    assert [sorted(state) for state in sent] == [["backdrop", "description", "marks", "title"],
                                                ["description", "marks"]]
    assert sent[1]["marks"][0]["x"] == [0.6] and sent[1]["description"] == "point at 0.6, 0.25"


def test_show_requires_a_text_alternative():
    with pytest.raises(TypeError):
        Plot([panel((0.1, 0.1, 0.8, 0.8))]).show([])


def test_display_bundle_has_the_widget_a_picture_and_the_words():
    plot = Plot([panel((0.1, 0.1, 0.8, 0.8))], width=320, height=160)
    plot.show([points(0, [0.5], [0.5])], description="one point at (0.5, 0.5)")
    data, _ = plot._repr_mimebundle_()
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == plot.model_id
    assert data["text/plain"] == "one point at (0.5, 0.5)"
    picture = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
    assert picture.size == (320, 160)


def test_the_javascript_module_uses_only_anywidgets_render_api():
    source = Plot._esm
    assert "export default { render }" in source
    assert "import " not in source.split("export default")[0]       # no import: nothing to fetch or build
    for jupyterlab_only in ("@jupyterlab", "@jupyter-widgets", "require(", "fetch("):
        assert jupyterlab_only not in source


def test_picture_without_matplotlib_says_how_to_load_it(monkeypatch):
    """In the zero-install site matplotlib is loaded only when a cell imports it; picture() says so, no traceback."""
    plot = Plot([panel((0.1, 0.1, 0.8, 0.8))], 200, 100)
    monkeypatch.delitem(sys.modules, "backprop.widgets.figures.picture", raising=False)
    monkeypatch.setitem(sys.modules, "matplotlib", None)           # import matplotlib → ModuleNotFoundError
    with pytest.raises(RuntimeError, match=r"has not loaded: run `import matplotlib` in a cell of its own"):
        plot.picture()
