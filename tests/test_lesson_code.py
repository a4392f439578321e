"""Every lesson's code compiles without a warning: Pyodide's Python 3.12 shows an invalid escape such as
"\\delta" in an ordinary string as a SyntaxWarning in the learner's output (CPython 3.11 hides it)."""
import warnings
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

LESSONS = sorted((Path(__file__).parent.parent / "lessons").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_code_cell_compiles_without_a_warning(path):
    transform = TransformerManager().transform_cell
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                compile(transform(cell.source), f"{path.stem} cell {cell.get('id')}", "exec")
            except (SyntaxError, DeprecationWarning, SyntaxWarning) as problem:
                pytest.fail(f"{path.name}, cell {cell.get('id')}: {problem} — use a raw string r\"…\" for LaTeX")


def test_the_check_sees_an_invalid_escape():
    with warnings.catch_warnings(), pytest.raises(SyntaxError):   # warnings as errors: the escape is refused
        warnings.simplefilter("error")
        compile('x = "\\delta"', "cell", "exec")
