"""The readout under a view's figure: its numbers in a table, each in the course's number format.

Every number a readout shows goes through ``shown``: style.number (style.json's "numbers": a fixed count of
significant digits, trailing zeros dropped, m×10ⁿ when very small or large, so 0.001 is "0.001", never
"0.0000") in a box that never wraps (4.92×10⁻⁷ is never broken after its minus). Introduced in lesson 01.
"""
import html

import numpy as np

from .figures.style import A_NUMBER, as_shown, number  # noqa: F401 (as_shown: the readout's way, for tests)

NOWRAP = "<span class='bp-number' style='white-space:nowrap'>{}</span>"


def shown(value, sign=False, digits=None):
    """HTML of one number (int, float or 0-d array) in the course's format, in a no-wrap box; '?' for None."""
    if value is None:
        return "?"
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        text = str(value).replace("-", "−")
    else:
        text = number(value, digits=digits, sign=sign)
    return NOWRAP.format(html.escape(text))


def shown_all(values, sign=False, digits=None):
    """HTML of a number or a small array: one no-wrap box per number, '[a, b]' for a vector, rows for a matrix."""
    arr = np.asarray(values)
    if arr.ndim == 0:
        return shown(arr.item() if isinstance(values, np.ndarray) else values, sign, digits)
    return "[" + ", ".join(shown_all(row, sign, digits) for row in arr) + "]"


def words(text):
    """HTML of a sentence the core wrote ('δ = 0.2433 × 0.0134 = 0.0033'): escaped, each of its decimal numbers
    (a whole number, 'epoch 3', stays as written) rewritten in the course's format (``shown``: '0.5000' → '0.5', '8.60e-04' → '8.6×10⁻⁴') in a no-wrap box."""
    return A_NUMBER.sub(lambda m: shown(float(m[0].replace("−", "-"))), html.escape(str(text)))


def numbers_in(state, most=12):
    """(label, value) for every number or small array (≤ ``most`` values) in a view's state."""
    return [(k, v) for k, v in state.items() if np.size(v) <= most and _is_number(v)]


def readout_table(items):
    """An HTML table of ``label = value``, four to a row, every number in the course's format (``shown``)."""
    cells = [f"<td style='padding:0 .8em 0 0'><b>{html.escape(str(k))}</b> = {shown_all(v)}</td>" for k, v in items]
    rows = ["<tr>" + "".join(cells[i:i + 4]) + "</tr>" for i in range(0, len(cells), 4)]
    return "<table class='bp-readout' style='font-family:monospace'>" + "".join(rows) + "</table>"


def parameter_table(rows):
    """An HTML table of (label, value, gradient or None) rows, signed, '?' for an unknown gradient."""
    cells = "".join(f"<tr><td>{html.escape(label)}</td><td>{shown(value, True)}</td><td>{shown(grad, True)}</td></tr>"
                    for label, value, grad in rows)
    return ("<div style='max-height:14em;overflow-y:auto' tabindex='0' role='region' aria-label='parameters, "
            "values and gradients'><table class='bp-numbers' style='font-family:monospace'>"
            f"<tr><th>parameter p</th><th>value</th><th>∂C/∂p</th></tr>{cells}</table></div>")


def _is_number(value):
    try:
        np.asarray(value, dtype=float)
        return True
    except (TypeError, ValueError):
        return False
