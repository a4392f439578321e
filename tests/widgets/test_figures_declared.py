"""One declaration of the mark types (widgets/figures/marks.json): marks.py builds and checks marks from it,
and both drawers draw every declared type and read every declared field: plot.js in the browser,
picture.py for the static PNG (but for the live-only fields, such as the keys a click reports)."""
import inspect
import json
import re
from pathlib import Path

import numpy as np
import pytest

from backprop.widgets.figures import Plot, bars, image, legend, line, panel, picture, points, rect, segments, texts
from backprop.widgets.figures.marks import LIVE_ONLY, TYPES, mark

pytestmark = pytest.mark.filterwarnings("error")
FIGURES = Path(picture.__file__).parent
EXAMPLES = [line(0, [0, 1], [0, 1], marker="o"), points(0, [0.5], [0.5], shape="ring", edge="k"),
            segments(0, [[0, 0]], [[1, 1]]), bars(0, [0.5], [0.8], bottom=0.1), rect(0, y0=0.2, y1=0.4),
            texts(0, [(0.5, 0.5)], ["w"], halo=True), legend(0, [("a", "C0", "line"), ("b", "C3", "x")]),
            image(0, np.eye(4), (0.1, 0.4, 0.1, 0.4))]


def js_handlers():
    """{type: its source} of the MARKS table in plot.js."""
    source = (FIGURES / "plot.js").read_text()
    table = source[source.index("const MARKS = {"):source.index("\n};", source.index("const MARKS = {"))]
    starts = [(m.group(1), m.start()) for m in re.finditer(r"^  (\w+): \(m, f(?:, g)?\) =>", table, re.M)]
    return {name: table[start:(starts[i + 1][1] if i + 1 < len(starts) else len(table))]
            for i, (name, start) in enumerate(starts)}


def js_function(name):
    """The source of plot.js's top-level function ``name``."""
    source = (FIGURES / "plot.js").read_text()
    start = source.index(f"\nfunction {name}(")
    return source[start:source.index("\n}\n", start)]


def test_the_declaration_is_json_with_a_kind_for_every_field():
    declared = json.loads((FIGURES / "marks.json").read_text())["types"]
    assert declared == TYPES and set(TYPES) == {"line", "points", "segments", "bars", "rect", "text", "legend", "image"}
    assert all(spec["about"] and spec["fields"]["panel"] == "index" for spec in TYPES.values())
    assert LIVE_ONLY == ["keys"] and {kind for kind, spec in TYPES.items() if "keys" in spec["fields"]} == \
        {"points", "segments"}


def test_plot_js_draws_every_declared_type_and_reads_each_of_its_fields():
    handlers = js_handlers()
    assert set(handlers) == set(TYPES)
    for kind, spec in TYPES.items():      # a handler that hands its mark on (MARKS.points(…)) reads what that one does
        source = handlers[kind] + "".join(handlers[other] for other in re.findall(r"MARKS\.(\w+)\(", handlers[kind]))
        live = js_function("hits")          # the live-only fields: every mark's clickable targets, drawn after it
        unread = [f for f in spec["fields"] if f != "panel" and not re.search(rf"\bm\.{f}\b", live if f in LIVE_ONLY
                                                                             else source)]
        assert not unread, f"plot.js draws {kind} without reading {unread}"
    assert "hits(m, g.frames[m.panel], g)" in js_function("layer")


def test_picture_py_draws_every_declared_type_and_reads_each_of_its_fields():
    assert set(picture.DRAW) == set(TYPES)
    for kind, spec in TYPES.items():
        source = inspect.getsource(picture.DRAW[kind])
        unread = [f for f in spec["fields"] if f != "panel" and f not in LIVE_ONLY and f'm["{f}"]' not in source]
        assert not unread, f"picture.py draws {kind} without reading {unread}"


def test_every_builder_makes_a_declared_mark_and_the_picture_draws_them_all():
    assert sorted(m["type"] for m in EXAMPLES) == sorted(TYPES)
    for m in EXAMPLES:
        assert list(m) == ["type", *TYPES[m["type"]]["fields"]]
    plot = Plot([panel((0.1, 0.1, 0.8, 0.8))], 200, 100)
    plot.show(EXAMPLES, description="every mark type")
    assert picture.png(plot).startswith(b"\x89PNG")


@pytest.mark.parametrize("kind, fields, words", [
    ("arrow", {}, "no mark type 'arrow'; marks.json declares line, points"),
    ("rect", {"panel": 0}, "a rect mark has the fields panel, x0, x1, y0, y1, color, opacity; got panel"),
    ("legend", {"panel": 0, "x": 0.1, "y": 0.9, "entries": [["a", "#000000", "square"]]}, "the field entries"),
    ("legend", {"panel": -1, "x": 0.1, "y": 0.9, "entries": []}, "the field panel of a legend mark must be index"),
    ("image", {"panel": 0, "src": "http://example.org/a.png", "extent": [0, 1, 0, 1]}, "must be png"),
])
def test_a_mark_that_is_not_as_declared_is_refused_by_name(kind, fields, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        mark(kind, **fields)


def test_a_wrong_value_in_a_builder_is_caught_before_it_reaches_the_browser():
    with pytest.raises(ValueError, match="the field shape of a points mark must be"):
        points(0, [0], [0], shape="square")
    with pytest.raises(ValueError, match="the field dash of a line mark must be flag"):
        line(0, [0], [0], dash="yes")
