"""Without ipympl (Colab, VS Code without it, static viewers) every view still shows its figure.

A lesson is executed in a fresh kernel where ``import ipympl`` fails and the backend is
inline; every view draws in the browser (a ``Plot``, issue 13) and needs no ipympl: where no
front end draws it, the PNG its output carries beside the widget shows the figure.
"""
import base64
import copy
import io
import re
from pathlib import Path

import matplotlib.image
import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
LESSON = REPO / "lessons" / "01_neuron_anatomy.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
MAGIC = re.compile(r"(%matplotlib\s+)(widget|ipympl)\b")


@pytest.fixture
def no_ipympl(tmp_path, monkeypatch):
    """Kernels started after this see an ``ipympl`` that cannot be imported."""
    blocked = tmp_path / "blocked" / "ipympl"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text('raise ImportError("ipympl is blocked for this test")\n')
    monkeypatch.setenv("PYTHONPATH", str(blocked.parent))
    monkeypatch.setenv("BACKPROP_PROGRESS_FILE", str(tmp_path / "progress.json"))


def demo_notebook(first_cell, view="NeuronExplorer"):
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(first_cell),
        nbformat.v4.new_code_cell(f"from backprop.widgets import {view}\nview = {view}()\nview"),
        nbformat.v4.new_code_cell(("view.controls['b'].value = 1.0\n" if view == "NeuronExplorer" else "")
                                  + "import matplotlib\nprint(matplotlib.get_backend())"),
    ])


def run(nb, cwd):
    NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def widget_state(nb):
    return nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})


def displayed_roots(nb):
    """Model ids of the widgets the notebook's outputs display."""
    return list(displayed(nb))


def displayed(nb):
    """{model id: [the PNG the same output carries beside the widget, if any]} for every displayed widget."""
    return {out["data"][WIDGET_VIEW]["model_id"]: [base64.b64decode(out["data"]["image/png"])]
            if "image/png" in out["data"] else [] for cell in nb.cells if cell.cell_type == "code"
            for out in cell.outputs if WIDGET_VIEW in out.get("data", {})}


def descendants(state, model_id):
    """Every model reachable from ``model_id`` through IPY_MODEL_ references."""
    seen, todo = set(), [model_id]
    while todo:
        current = todo.pop()
        if current in seen or current not in state:
            continue
        seen.add(current)
        todo.extend(re.findall(r"IPY_MODEL_([0-9a-f]+)", str(state[current]["state"])))
    return [state[m] for m in seen]


def pngs_in(models):
    """The PNG images a tree of widgets shows: Image widgets' values and Output widgets' image/png."""
    found = [base64.b64decode(b["data"]) for m in models if m["model_name"] == "ImageModel"
             for b in m.get("buffers", []) if b["path"] == ["value"]]
    found += [base64.b64decode(o["data"]["image/png"]) for m in models if m["model_name"] == "OutputModel"
              for o in m["state"].get("outputs", []) if "image/png" in o.get("data", {})]
    return found


def assert_views_show_pictures(nb, at_least):
    """At least ``at_least`` displayed widgets hold a real (non-blank) PNG, and no ipympl canvas."""
    state, shown = widget_state(nb), 0
    for root, beside in displayed(nb).items():
        models = descendants(state, root)
        assert not [m for m in models if "Canvas" in m["model_name"]], "an ipympl canvas without ipympl"
        pictures = pngs_in(models) + beside
        for png in pictures:
            pixels = matplotlib.image.imread(io.BytesIO(png), format="png")
            assert pixels.shape[0] > 100 and pixels.shape[1] > 100
            assert np.ptp(pixels.reshape(-1, pixels.shape[-1]), axis=0).max() > 0.2, "a blank picture"
        shown += bool(pictures)
    assert shown >= max(at_least, 1), f"only {shown} displayed widget(s) hold a picture; expected {at_least}"


def views_in_stored(nb):
    """How many displayed widgets of a stored notebook hold a figure (ipympl canvas or PNG)."""
    state = widget_state(nb)
    return sum(any("Canvas" in m["model_name"] for m in descendants(state, r)) or bool(pngs_in(descendants(state, r)))
               or bool(beside) for r, beside in displayed(nb).items())


def forced_inline(nb):
    """A copy of a notebook whose ``%matplotlib widget`` lines say ``%matplotlib inline``."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = MAGIC.sub(r"\1inline", cell.source)
    return nb


def test_a_lesson_shows_its_views_with_the_backend_forced_inline(no_ipympl, tmp_path):
    stored = nbformat.read(LESSON, as_version=4) if LESSON.exists() else demo_notebook("%matplotlib widget")
    executed = run(forced_inline(stored), LESSON.parent if LESSON.exists() else tmp_path)   # raises on error
    assert_views_show_pictures(executed, at_least=views_in_stored(stored))


def test_the_demo_prints_the_inline_backend_and_the_view_redraws(no_ipympl, tmp_path):
    executed = run(demo_notebook("%matplotlib inline"), tmp_path)
    assert executed.cells[2].outputs[0]["text"] == "inline\n"
    assert_views_show_pictures(executed, at_least=1)


def test_no_lesson_asks_for_ipympl():
    """The views draw in the browser and the static figures are pictures: a learner needs no ipympl."""
    lessons = sorted(LESSON.parent.glob("[0-9][0-9]_*.ipynb"))
    assert len(lessons) >= 10
    for path in lessons:
        code = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        assert not any(MAGIC.search(source) for source in code), f"{path.name} sets %matplotlib widget"


def fake_executed(model_name, pixels):
    """A notebook dict displaying one VBox that holds one widget of ``model_name`` showing ``pixels``."""
    png = io.BytesIO()
    matplotlib.image.imsave(png, pixels, format="png")
    state = {"root": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_aa"]}},
             "aa": {"model_name": model_name, "state": {},
                    "buffers": [{"path": ["value"], "encoding": "base64", "data": base64.b64encode(png.getvalue()).decode()}]}}
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("view")])
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={WIDGET_VIEW: {"model_id": "root"}})]
    nb.metadata["widgets"] = {WIDGET_STATE: {"state": state}}
    return nb


def test_the_picture_check_itself_can_fail():
    picture = np.zeros((200, 300, 3))
    picture[50:150, 100:200] = 1.0
    assert_views_show_pictures(fake_executed("ImageModel", picture), at_least=1)
    with pytest.raises(AssertionError, match="blank"):
        assert_views_show_pictures(fake_executed("ImageModel", np.ones((200, 300, 3))), at_least=1)
    with pytest.raises(AssertionError, match="ipympl canvas"):
        assert_views_show_pictures(fake_executed("MPLCanvasModel", picture), at_least=1)
    with pytest.raises(AssertionError, match="expected 2"):
        assert_views_show_pictures(fake_executed("ImageModel", picture), at_least=2)


@pytest.mark.parametrize("view", ["NeuronExplorer", "BlameExplorer", "DescentExplorer"])
def test_with_ipympl_a_saved_notebook_keeps_a_picture_of_each_figure(tmp_path, monkeypatch, view):
    """nbconvert has no front end: a view's output carries a PNG of its Plot, and no ipympl canvas appears."""
    monkeypatch.setenv("BACKPROP_PROGRESS_FILE", str(tmp_path / "progress.json"))
    executed = run(demo_notebook("%matplotlib widget", view), tmp_path)
    state = widget_state(executed)
    assert [m for m in descendants(state, displayed_roots(executed)[0]) if m["model_name"] == "AnyModel"]
    assert_views_show_pictures(executed, at_least=1)
