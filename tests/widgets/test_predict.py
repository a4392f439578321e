"""Prediction (widgets/predict.py): answered before the explanation opens; right/wrong; text without a front end."""
import ipywidgets as widgets
import pytest

from backprop.widgets.predict import Prediction, markdown_html

pytestmark = pytest.mark.filterwarnings("error")


def zero_weight():
    return Prediction("A weight set to 0: does it still learn?", ["yes", "no"], answer="yes",
                      explanation="Its gradient is **δⱼ·aₖ**: `delta[j] * a[k]`, and neither factor is 0.")


def test_explanation_stays_closed_until_the_learner_answers():
    p = zero_weight()
    assert p.reveal.layout.display == "none" and p.verdict.value == ""
    assert p.check.disabled                           # nothing picked yet: Check does nothing
    assert p.choice.value is None


def test_a_right_answer_says_so_and_opens_the_explanation():
    p = zero_weight()
    p.choice.value = "yes"
    assert not p.check.disabled
    p.check.click()
    assert "Right" in p.verdict.value and "yes" in p.verdict.value
    assert p.reveal.layout.display != "none"
    assert "<b>δⱼ·aₖ</b>" in p.reveal.value and "<code>delta[j] * a[k]</code>" in p.reveal.value


def test_a_wrong_answer_names_the_pick_and_the_answer_and_still_explains():
    p = zero_weight()
    p.choice.value = "no"
    assert p.answered() is False
    assert "Not quite" in p.verdict.value and "you picked no" in p.verdict.value and "answer is yes" in p.verdict.value
    assert p.reveal.layout.display != "none"


def test_checking_with_nothing_picked_asks_for_a_pick_and_keeps_the_explanation_closed():
    p = zero_weight()
    assert p.answered() is False
    assert "Pick one" in p.verdict.value and p.reveal.layout.display == "none"


def test_every_control_is_a_button_so_the_keyboard_reaches_it():
    p = zero_weight()
    assert isinstance(p.choice, widgets.ToggleButtons) and isinstance(p.check, widgets.Button)
    assert list(p.choice.options) == ["yes", "no"]
    assert all(t.startswith("choose: ") for t in p.choice.tooltips)


def test_without_a_front_end_it_shows_the_question_and_options_as_text():
    p = Prediction("Which way does w move?", ["up", "down", "stays"], "down", "Against the gradient.")
    bundle = p._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].splitlines()[:4] == ["Predict: Which way does w move?", "  (a) up", "  (b) down",
                                                     "  (c) stays"]
    assert repr(p) == bundle["text/plain"]


def test_closing_closes_every_widget_inside():
    p = zero_weight()
    parts = [p.choice, p.check, p.verdict, p.reveal]
    p.close()
    assert p.closed and all(w.comm is None for w in parts)


@pytest.mark.parametrize("kwargs, words", [
    (dict(answer="maybe"), "answer must be one of the options ['yes', 'no']; got 'maybe'"),
    (dict(options=["yes"], answer="yes"), "at least two different"),
    (dict(options=["yes", "yes"], answer="yes"), "at least two different"),
    (dict(options="yes/no", answer="yes"), "options must be a list of strings"),
    (dict(options=["yes", ""], answer="yes"), "each option must be a non-empty string"),
    (dict(question=""), "question must be a non-empty string"),
    (dict(explanation=None), "explanation must be a non-empty string"),
])
def test_bad_input_gets_a_clear_value_error(kwargs, words):
    args = dict(question="Q?", options=["yes", "no"], answer="yes", explanation="Because.")
    args.update(kwargs)
    with pytest.raises(ValueError) as error:
        Prediction(**args)
    assert words in str(error.value)


def test_markdown_subset_keeps_html_blocks_and_maths():
    html = markdown_html("First $z = w a + b$ with *a*.\n\n<details>kept</details>")
    assert html == "<p>First $z = w a + b$ with <i>a</i>.</p>\n<details>kept</details>"
