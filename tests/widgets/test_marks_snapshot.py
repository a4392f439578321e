"""A structural snapshot of each view's figure in its demo state, and of the BlameExplorer after a Step and
after a backward layer: per panel and layer, each mark's type, how many things it draws and its first position
(rounded to 0.01 in the panel's units), the panels' limits and the figure's title. A change that moves, drops
or adds marks fails here by name; no pixels are compared.

    UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/widgets/test_marks_snapshot.py   # after a wanted change
"""
import json
import os
from pathlib import Path

import pytest

from _views import every_view

FILE = Path(__file__).parent / "snapshots" / "marks.json"


def first(values):
    """The first of a mark's values, rounded to 0.01 ('-' for none or not finite)."""
    values = values if isinstance(values, list) else [values]
    return "-" if not values or values[0] is None else f"{values[0]:.2f}"


def structure(figure):
    """What the figure draws, without its pixels: 'layer panel type ×count at (x, y)' per mark, and the panels'
    limits, scales and titles. A figure of its own module (not a Plot) gives its own structure()."""
    if hasattr(figure, "structure"):
        return figure.structure()

    def one(layer, m):
        xs = m.get("x", m.get("x0", m.get("extent", [None])[:1]))
        ys = m.get("y", m.get("y0", m.get("top", m.get("extent", [None] * 3)[2:])))
        count = len(m.get("text", m.get("entries", xs if isinstance(xs, list) else [1])))
        return f"{layer} {m['panel']} {m['type']} ×{count} at ({first(xs)}, {first(ys)})"
    return {"panels": [f"{first(p['xlim'])}..{first(p['xlim'][1:])} × {first(p['ylim'])}..{first(p['ylim'][1:])} "
                       f"{p['xscale']}/{p['yscale']} {p['title']!r}" for p in figure.panels],
            "title": figure.title,
            "marks": [one("backdrop", m) for m in figure.backdrop] + [one("marks", m) for m in figure.marks]}


def states():
    """{name: the structure of its figure} for every view's demo and two more BlameExplorer states."""
    out = {}
    for param in every_view():
        make, name = param.values[0], param.id
        view = make()
        out[name] = structure(view.figure)
        if name == "BlameExplorer":
            view.step()
            out["BlameExplorer after Step"] = structure(view.figure)
            view.backward_one_layer()
            out["BlameExplorer, blame of the output layer"] = structure(view.figure)
        view.close()
    return out


def test_the_marks_of_the_reference_states_are_as_stored():
    now = json.loads(json.dumps(states()))
    if os.environ.get("UPDATE_SNAPSHOTS"):
        FILE.write_text(json.dumps(now, indent=1, ensure_ascii=False) + "\n")
    stored = json.loads(FILE.read_text())
    missing = sorted(set(now) - set(stored))
    assert not missing, f"no stored snapshot for {missing}: run with UPDATE_SNAPSHOTS=1 and review the diff"
    for name, structure_now in now.items():
        assert structure_now == stored[name], f"{name}'s figure changed: run with UPDATE_SNAPSHOTS=1 if wanted"
