"""Every lesson lets the learner act early: at most WORD_LIMIT words of reading before its first cell
tagged ``interaction``, and that cell really is an interaction (issue 14) — it displays a live view of
backprop.widgets, a Prediction the learner answers, or an exercise check's verdict.

And no wall of text anywhere: a *run* is the markdown cells between two code cells that show something
(a code cell without output does not end it); the words of a run, leaving out <details> reveals, are at
most RUN_LIMIT. And every picture a lesson stores is one (issue 23): no output is a bare Figure repr
(IPython draws a Figure only once pyplot's inline back end is loaded), and a static picture carries alt text.
"""
import re
from pathlib import Path

import nbformat
import pytest

from backprop.widgets import _VIEWS

LESSONS = sorted((Path(__file__).parent.parent / "lessons").glob("[0-9][0-9]_*.ipynb"))
WORD_LIMIT = 160
RUN_LIMIT = 300
REVEAL = re.compile(r"<details>.*?</details>", re.DOTALL)
FIGURE_REPR = re.compile(r"^<(matplotlib\.figure\.)?Figure( size [\d.]+x[\d.]+ with \d+ Axes)?>$")
STATIC_IMG = re.compile(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]*)"')
WIDGET = "application/vnd.jupyter.widget-view+json"
VIEW_CALL = re.compile(r"\b(" + "|".join(_VIEWS) + r")\(")
CHECK_CALL = re.compile(r"^\s*(check_\w+)\(", re.MULTILINE)
WORD = re.compile(r"\w")


def words(markdown):
    """The words a learner reads: whitespace-separated pieces holding a letter or digit (maths counts too)."""
    return [piece for piece in markdown.split() if WORD.search(piece)]


def prose_runs(nb):
    """[(words, [indices of its markdown cells])] for every run of markdown between code cells that show something."""
    runs, words_so_far, cells = [], 0, []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            words_so_far, cells = words_so_far + len(words(REVEAL.sub(" ", cell.source))), cells + [i]
        elif cell.cell_type == "code" and cell.get("outputs"):
            runs.append((words_so_far, cells))
            words_so_far, cells = 0, []
    return runs + [(words_so_far, cells)]


def shown(nb):
    """(cell index, output) of every display_data and execute_result a lesson stores."""
    return [(i, out) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for out in cell.get("outputs", []) if out.get("output_type") in ("display_data", "execute_result")]


def first_interaction(nb):
    """(index, cell) of the first cell tagged ``interaction``, or (None, None)."""
    for i, cell in enumerate(nb.cells):
        if "interaction" in cell.metadata.get("tags", []):
            return i, cell
    return None, None


def kind_of(cell):
    """'view', 'prediction', 'check', or a sentence saying why the cell is none of them."""
    if cell.cell_type != "code":
        return f"a {cell.cell_type} cell: the learner can only read it"
    shown = [o for o in cell.outputs if o.get("output_type") in ("display_data", "execute_result")]
    plain = [o.data.get("text/plain", "") for o in shown if WIDGET in o.get("data", {})]
    printed = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")
    if "Prediction(" in cell.source and any(text.startswith("Predict:") for text in plain):
        return "prediction"
    if VIEW_CALL.search(cell.source) and plain:
        return "view"
    calls = CHECK_CALL.findall(cell.source)
    if calls and any(re.search(rf"^{name}: (✓ passed|✗ not yet)", printed, re.MULTILINE) for name in calls):
        return "check"
    return ("neither a live view, a Prediction nor an exercise check with its stored verdict "
            f"(outputs: {[o.get('output_type') for o in cell.outputs]})")


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_the_learner_acts_within_the_first_words(path):
    nb = nbformat.read(path, as_version=4)
    index, cell = first_interaction(nb)
    assert cell is not None, f"{path.name}: no cell is tagged 'interaction' (a view, a Prediction or a check)"
    reading = sum(len(words(c.source)) for c in nb.cells[:index] if c.cell_type == "markdown")
    assert reading <= WORD_LIMIT, (f"{path.name}: {reading} words of markdown before the first interaction "
                                   f"(cell {index}); at most {WORD_LIMIT}")
    kind = kind_of(cell)
    assert kind in ("view", "prediction", "check"), f"{path.name}: the cell tagged 'interaction' is {kind}"


def test_there_are_lessons_to_check():
    assert len(LESSONS) >= 9


def test_the_word_count_counts_maths_and_skips_punctuation():
    assert words("**Predict:** what is $\\hat y$ — and ŷ? →") == ["**Predict:**", "what", "is", "$\\hat", "y$",
                                                                 "and", "ŷ?"]


def test_a_markdown_cell_is_not_an_interaction():
    cell = nbformat.v4.new_markdown_cell("Move the slider.")
    assert "only read it" in kind_of(cell)


def test_a_code_cell_without_a_verdict_is_not_an_interaction():
    cell = nbformat.v4.new_code_cell("check_sigmoid(my_sigmoid)")
    assert kind_of(cell).startswith("neither")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout",
                                           text="check_sigmoid: ✗ not yet — your function returns None\n")]
    assert kind_of(cell) == "check"


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_no_run_of_prose_is_a_wall_of_text(path):
    nb = nbformat.read(path, as_version=4)
    walls = [(n, cells) for n, cells in prose_runs(nb) if n > RUN_LIMIT]
    assert not walls, (f"{path.name}: prose runs over {RUN_LIMIT} words (words, markdown cells): {walls} — put "
                       "something to do or see between the paragraphs (a printed number, a Prediction, a picture)")


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_stored_picture_is_an_image_with_alt_text(path):
    nb = nbformat.read(path, as_version=4)
    for i, out in shown(nb):
        data = out.get("data", {})
        plain = data.get("text/plain", "").strip()
        images = [key for key in data if key.startswith("image/")]
        assert not (FIGURE_REPR.match(plain) and not images), (
            f"{path.name}, cell {i}: the learner sees {plain!r}, not a picture — show it with "
            "backprop.widgets.show_figure(fig, alt=...)")
        assert not plain.startswith("<IPython.core.display.Image"), (
            f"{path.name}, cell {i}: IPython's Image puts no alt text on the <img> — use show_figure(fig, alt=...)")
        if "<img" in data.get("text/html", ""):
            alts = STATIC_IMG.findall(data["text/html"])
            assert alts and all(alt.strip() for alt in alts), f"{path.name}, cell {i}: a picture without alt text"


def test_a_reveal_and_a_silent_code_cell_do_not_end_or_fill_a_run():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("one two three"),
        nbformat.v4.new_code_cell("x = 1"),                                   # shows nothing: the run goes on
        nbformat.v4.new_markdown_cell("four <details>hidden words here</details> five"),
        nbformat.v4.new_code_cell("print(x)", outputs=[nbformat.v4.new_output("stream", text="1\n")]),
        nbformat.v4.new_markdown_cell("six")])
    assert prose_runs(nb) == [(5, [0, 2]), (1, [4])]


def test_a_bare_figure_repr_is_caught_and_a_static_picture_passes(tmp_path):
    bare = nbformat.v4.new_output("display_data", data={"text/plain": "<Figure size 900x290 with 4 Axes>"})
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("display(fig)", outputs=[bare])])
    path = tmp_path / "00_bare.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(AssertionError, match="not a picture"):
        test_every_stored_picture_is_an_image_with_alt_text(path)
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
        "text/plain": "[picture] a dot", "text/html": '<img src="data:image/png;base64,iVBO" alt="a dot" width="9"/>'})]
    nbformat.write(nb, path)
    test_every_stored_picture_is_an_image_with_alt_text(path)
