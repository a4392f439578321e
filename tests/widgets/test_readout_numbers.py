"""Issue 26: every readout writes its numbers to their significant digits (style.json's number format), each
in a box that never wraps: lesson 03's Δp = 0.001 gives a ΔC that is not '0.0000', a weight of 0.004 reads
'0.004', an lr of 0.00025 '0.00025'."""
import html
import re

import pytest

from _views import X, Y, every_view, note_003

from backprop.widgets import BlameExplorer, DescentExplorer, NudgeExplorer
from backprop.widgets._readout import as_shown
from backprop.widgets.figures.style import NUMBERS, number, read_number

BOX = re.compile(r"<span class='bp-number' style='white-space:nowrap'>(.*?)</span>")
WRITTEN = re.compile(r"[+−]?(\d+(\.\d*[1-9])?(×10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?|nan|∞|\?)")   # no trailing 0, no 'e-07'


def shown(view):
    """{label: the text of its number(s)} of a readout table's cells, and every number's text."""
    cells = re.findall(r"<b>(.*?)</b> = (.*?)</td>", view.readout.value)
    return {html.unescape(k): html.unescape("".join(BOX.split(v)[1::2]) if "[" not in v else v)
            for k, v in cells}, [html.unescape(n) for n in BOX.findall(view.readout.value)]


def significant(text):
    """How many significant digits a number's text carries (its mantissa's)."""
    digits = text.split("×")[0].lstrip("+−").replace(".", "").lstrip("0")
    return len(digits)


@pytest.mark.parametrize("make", every_view())
def test_every_number_in_every_readout_is_written_to_its_significant_digits_in_a_box_that_never_wraps(make):
    view = make()
    try:
        _, numbers = shown(view)
        assert numbers, "the readout shows no number in the course's format"
        for text in numbers:
            assert WRITTEN.fullmatch(text), f"{text!r} is not in the course's number format"
            assert significant(text) <= NUMBERS["digits"], text
        outside = html.unescape(re.sub(r"<[^>]+>", " ", BOX.sub(" ", view.readout.value)))
        assert not re.search(r"\d\.\d|\de[+-]\d", outside), f"a number outside a no-wrap box: {outside!r}"
    finally:
        view.close()


def test_lesson_03s_nudge_of_0_001_shows_a_change_in_the_loss_that_is_not_zero():
    view = NudgeExplorer(dp=0.001)
    try:
        cells, _ = shown(view)
        assert cells["Δp"] == "0.001"
        for label, key in (("actual ΔC", "actual_dC"), ("predicted ∂C/∂p·Δp", "predicted_dC")):
            value = read_number(cells[label])
            assert value != 0 and significant(cells[label]) >= 3, cells[label]           # was "0.0000"
            assert value == pytest.approx(view.state[key], rel=1e-3)
    finally:
        view.close()


def test_a_weight_of_0_004_reads_0_004_and_an_lr_of_0_00025_reads_0_00025():
    small = [[0.004, 0.3], [0.6, 0.9]]
    nudge = NudgeExplorer(note_003(W1=small), X[0], Y[0], parameter=("weights", 0, 0, 0))
    blame, descent = BlameExplorer(net=note_003(W1=small), x=X[0], y=Y[0]), DescentExplorer(lr=0.00025)
    try:
        assert shown(nudge)[0]["p"] == "0.004"
        assert f"<tr><td>w⁽¹⁾₁₁</td><td>{BOX.pattern.replace('(.*?)', '+0.004')}</td>" in blame.readout.value
        assert shown(descent)[0]["lr"] == "0.00025"
    finally:
        nudge.close(), blame.close(), descent.close()


@pytest.mark.parametrize("value", [0.001, -2.5e7, 4.92e-7, 0.00025, 1234.5, -0.0268, 0.0])
def test_a_number_read_back_from_a_readout_is_the_value_to_its_significant_digits(value):
    assert read_number(number(value)) == pytest.approx(value, rel=5e-4)
    assert read_number(number(value, sign=True)) == pytest.approx(value, rel=5e-4)


def test_a_sentence_of_the_core_is_shown_with_its_numbers_in_the_course_format():
    assert as_shown("δ = 0.2433 × (0.5000 × -0.0268) = 8.60e-04 in epoch 3") == \
        "δ = 0.2433 × (0.5 × −0.0268) = 0.00086 in epoch 3"
