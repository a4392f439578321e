"""The readout under a view's figure: its numbers in a table, in fixed decimals (stable stored outputs)."""
import html

import numpy as np

LARGE = 1e6          # from here on a readout writes 1.234e+07, not 12340000.0000


def numbers_in(state, most=12):
    """(label, value) for every number or small array (≤ ``most`` values) in a view's state."""
    return [(k, v) for k, v in state.items() if np.size(v) <= most and _is_number(v)]


def readout_table(items, decimals):
    """An HTML table of ``label = value``, four to a row, floats with ``decimals`` decimals."""
    cells = [f"<td style='padding:0 .8em 0 0'><b>{html.escape(str(k))}</b> = "
             f"{html.escape(_fmt(v, decimals))}</td>" for k, v in items]
    rows = ["<tr>" + "".join(cells[i:i + 4]) + "</tr>" for i in range(0, len(cells), 4)]
    return "<table class='bp-readout' style='font-family:monospace'>" + "".join(rows) + "</table>"


def parameter_table(rows):
    """An HTML table of (label, value, gradient or None) rows, fixed decimals, '?' for unknown."""
    cells = "".join(f"<tr><td>{html.escape(label)}</td><td>{fixed(value, 4, True)}</td><td>"
                    + ("?" if grad is None else fixed(grad, 6, True)) + "</td></tr>" for label, value, grad in rows)
    return ("<div style='max-height:14em;overflow-y:auto' tabindex='0' role='region' aria-label='parameters, "
            "values and gradients'><table style='font-family:monospace'>"
            f"<tr><th>parameter p</th><th>value</th><th>∂C/∂p</th></tr>{cells}</table></div>")


def fixed(value, decimals=4, sign=False):
    """``value`` in fixed decimals, or in scientific notation from LARGE on: never a 100-digit number."""
    value, plus = float(value), "+" if sign else ""
    if np.isfinite(value) and abs(value) >= LARGE:
        return f"{value:{plus}.{min(decimals, 3)}e}"
    return f"{value:{plus}.{decimals}f}"


def _is_number(value):
    try:
        np.asarray(value, dtype=float)
        return True
    except (TypeError, ValueError):
        return False


def _fmt(value, decimals):
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return str(value)
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 0:
        return fixed(arr, decimals)
    if np.any(np.abs(arr[np.isfinite(arr)]) >= LARGE):
        return np.array2string(arr, separator=", ", formatter={"float_kind": lambda v: fixed(v, decimals)})
    return np.array2string(arr, precision=decimals, floatmode="fixed", separator=", ")
