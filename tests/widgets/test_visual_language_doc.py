"""docs/visual-language.md says what widgets/figures/style.json says: every meaning with its three colours."""
from pathlib import Path

from backprop.widgets.figures.style import COLOURS, FONT, number

DOC = (Path(__file__).resolve().parents[2] / "docs" / "visual-language.md").read_text()


def test_the_page_lists_every_meaning_with_its_colours():
    for meaning, c in COLOURS.items():
        assert f"| `{meaning}` | {c['light']} | {c['dark']} | {c['static']} |" in DOC, meaning


def test_the_page_states_the_font_scale_and_the_number_examples():
    assert f"never below\n{FONT['smallest']} px" in DOC
    for value in (0.001, 4.92e-7):
        assert f"| `{value!r}` | {number(value)} |" in DOC
