"""Prediction: a one-line question the learner answers before its explanation opens.

    from backprop.widgets.predict import Prediction
    Prediction("A weight set to 0: does it still learn?", ["yes", "no"], answer="yes",
               explanation="Its gradient is δⱼ·aₖ, and neither factor is 0.")

The learner picks an option (a button each: Tab to it, Space or Enter picks it)
and presses Check; the widget says right or wrong and only then shows the explanation.
Without a front end (nbconvert, GitHub) it shows as text: the question and the
options. The lesson keeps a static ``<details>`` reveal for such viewers.
Introduced in lessons/00_start_here; every lesson's predictions use it.
"""
import html
import re

import ipywidgets as widgets

from ._lifetime import close_widgets, replace_previous

_INLINE = [(re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
           (re.compile(r"\*\*([^*]+)\*\*"), r"<b>\1</b>"),
           (re.compile(r"(?<![*\w])\*([^*\s][^*]*)\*(?![*\w])"), r"<i>\1</i>")]

_BLOCK = re.compile(r"<(p|div|ul|ol|table|details|pre|blockquote|h[1-6])\b", re.IGNORECASE)


def markdown_html(text):
    """A small Markdown subset as HTML: paragraphs, `code`, **bold**, *italic*; HTML and $maths$ pass through."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    out = []
    for paragraph in paragraphs:
        block = _BLOCK.match(paragraph) is not None
        for pattern, replacement in _INLINE:
            paragraph = pattern.sub(replacement, paragraph)
        out.append(paragraph if block else f"<p>{paragraph}</p>")
    return "\n".join(out)


def _text(value, name):
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string; got {value!r}")
    return value


class Prediction(widgets.VBox):
    """Question, one button per option, a Check button; the verdict and explanation appear after Check."""

    def __init__(self, question, options, answer, explanation):
        self.question = _text(question, "question")
        if isinstance(options, str) or not hasattr(options, "__iter__"):
            raise ValueError(f"options must be a list of strings such as ['yes', 'no']; got {options!r}")
        self.options = [_text(option, "each option") for option in options]
        if len(self.options) < 2 or len(set(self.options)) != len(self.options):
            raise ValueError(f"options must hold at least two different strings; got {self.options!r}")
        if answer not in self.options:
            raise ValueError(f"answer must be one of the options {self.options!r}; got {answer!r}")
        self.answer, self.explanation = answer, _text(explanation, "explanation")
        replace_previous(self)
        self.choice = widgets.ToggleButtons(options=self.options, value=None, description="",
                                            tooltips=[f"choose: {option}" for option in self.options],
                                            style={"button_width": "auto"})
        self.check = widgets.Button(description="Check", tooltip="check my prediction", disabled=True)
        self.verdict = widgets.HTML()
        self.reveal = widgets.HTMLMath(markdown_html(self.explanation), layout=widgets.Layout(display="none"))
        self.choice.observe(self._on_choice, names="value")
        self.check.on_click(lambda _: self.answered())
        prompt = widgets.HTMLMath(f"<b>Predict:</b> {self.question}")
        super().__init__(children=[prompt, widgets.HBox([self.choice, self.check]), self.verdict, self.reveal])
        self.add_class("bp-view")                 # the course's look (plot.js): buttons that wrap their words

    @property
    def closed(self):
        return self.comm is None

    def close(self):
        """Close the prediction and every widget in it (re-running its cell does this)."""
        close_widgets([self])

    def _on_choice(self, change):
        self.check.disabled = change["new"] is None

    def answered(self):
        """Judge the picked option: say right or wrong, then open the explanation. Returns True when right."""
        if self.choice.value is None:
            self.verdict.value = "Pick one of the options first, then press Check."
            return False
        right = self.choice.value == self.answer
        picked = html.escape(self.choice.value)
        self.verdict.value = (f"<b>Right</b>: {picked}." if right else
                              f"<b>Not quite</b>: you picked {picked}; the answer is {html.escape(self.answer)}.")
        self.reveal.layout.display = None
        return right

    def text(self):
        """The question and its options as plain text (what shows without a front end)."""
        letters = "abcdefghijklmnopqrstuvwxyz"
        lines = [f"Predict: {self.question}"]
        lines += [f"  ({letters[i % 26]}) {option}" for i, option in enumerate(self.options)]
        return "\n".join(lines + ["(answer with the buttons, then press Check)"])

    def __repr__(self):
        return self.text()

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, with the question and options as text/plain for places without widgets."""
        data = super()._repr_mimebundle_(**kwargs) or {}
        if isinstance(data, tuple):
            data = data[0]
        data["text/plain"] = self.text()
        return data
