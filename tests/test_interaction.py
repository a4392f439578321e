"""Every lesson lets the learner act early: at most WORD_LIMIT words of reading before its first cell
tagged ``interaction``, and that cell really is an interaction (issue 14) — it displays a live view of
backprop.widgets, a Prediction the learner answers, or an exercise check's verdict.
"""
import re
from pathlib import Path

import nbformat
import pytest

from backprop.widgets import _VIEWS

LESSONS = sorted((Path(__file__).parent.parent / "lessons").glob("[0-9][0-9]_*.ipynb"))
WORD_LIMIT = 160
WIDGET = "application/vnd.jupyter.widget-view+json"
VIEW_CALL = re.compile(r"\b(" + "|".join(_VIEWS) + r")\(")
CHECK_CALL = re.compile(r"^\s*(check_\w+)\(", re.MULTILINE)
WORD = re.compile(r"\w")


def words(markdown):
    """The words a learner reads: whitespace-separated pieces holding a letter or digit (maths counts too)."""
    return [piece for piece in markdown.split() if WORD.search(piece)]


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
