"""What GraphExplorer's figure shows: a box per node and a line per edge, from the view's state alone.

Used by widgets/graph.py. The node whose rule ran last is filled, the edges to its parents carry what it
sent, the parents that received it are tinted; the paths of the gradient chosen in "why this number" are
green; a learner's gradient that differs from the reference is red once no rule can change it any more.
"""
import math

from backprop.graph_rules import fmt, short as short_text

from .figures.graph import FONT, TOP
from .figures.style import as_shown

C = {name: name for name in ("ink", "muted", "paper", "slope", "highlight", "wrong")}   # colours by meaning

BOX = (54, 3 * (FONT + 2) + 6)           # (least width, height) of a node's box in pixels; a line more for a reference
WIDEST = 76                               # a box is as wide as its column allows, up to this
LEGEND = "each box: its name and operation, its value, its gradient"
GAP = 8                                   # pixels between two boxes of one column
ROOM = 44                                 # pixels between two columns that an amount written on an edge needs


def box_size(state, column=None):
    """(width, height) of a box: as wide as a column of ``column`` pixels leaves room for, a line more with a
    reference."""
    width = BOX[0] if column is None else int(min(WIDEST, max(BOX[0], column - 8)))
    return width, BOX[1] + (FONT + 2) * state["labelled_learner"]


def legend(state):
    """The words under the title that say what each line of a box is, in the lines' colours."""
    words = [(LEGEND, C["ink"])]
    if state["labelled_learner"]:
        words = [(LEGEND + " (yours),", C["ink"]), ("the reference", C["muted"])]
    return words


def boxes(state, xy, size, place):
    """The node dicts graph.js draws: position in a 700 px column and place (column, row, rows in its column)
    for narrower ones, size, lines of words and their colours, outline and ring."""
    w, h = size
    last, chosen, out = state["last"], state["why"], []
    received = {s.parent for s in last.sent} if last else set()
    for i, (node, (x, y)) in enumerate(zip(state["nodes"], xy)):
        wrong = node["wrong"] or not node["finite"]
        lines = [node["title"], short(node["data"]), ("✗ " if node["wrong"] else "") + short(node["grad"])]
        colours = [C["ink"], C["ink"], C["wrong"] if wrong else C["slope"] if node["reached"] else C["muted"]]
        if state["labelled_learner"]:
            lines.append("?" if node["reference"] is None else short(node["reference"]))
            colours.append(C["muted"])
        active = last is not None and last.node == i
        stroke = C["slope"] if active or i in received else C["wrong"] if wrong else C["muted"]
        colours[2] = C["ink"] if i in received and not wrong else colours[2]      # just arrived: in ink, bold box
        col, row, rows = place[i]
        out.append({"x": x, "y": y, "col": col, "row": row, "rows": rows, "w": w, "h": h, "lines": lines,
                    "colors": colours, "stroke": stroke, "leaf": node["op"] == "leaf",
                    "edge": 3 if active else 2 if i in received or wrong else 1,
                    "ring": C["highlight"] if i == chosen else "none", "tip": node["text"]})
    return out


def edges(state, xy, size):
    """The edge dicts graph.js draws: from a parent's right side to its child's left side; the ones a rule just
    sent along carry the amount, the ones on the chosen gradient's paths a highlight band behind them."""
    w, _ = size
    last, on_path = state["last"], set(map(tuple, state["path_edges"]))
    sent = {s.parent: s.amount for s in last.sent} if last else {}
    out = []
    for child, node in enumerate(state["nodes"]):
        for parent in dict.fromkeys(node["parents"]):
            active = last is not None and last.node == child
            out.append({"from": parent, "to": child, "x0": xy[parent][0] + w / 2, "y0": xy[parent][1],
                        "x1": xy[child][0] - w / 2,
                        "y1": xy[child][1], "color": C["slope"] if active else C["muted"],
                        "width": 2.5 if active else 1,
                        "text": fmt(sent[parent]) if active and xy[child][0] - xy[parent][0] - w >= ROOM else "",
                        "band": C["highlight"] if (parent, child) in on_path else "none"})
    return out


def describe(state):
    """The figure's text alternative: the step, then every node's value and gradient."""
    return f"{state['title']}. " + "; ".join(n["text"] for n in state["nodes"])


def short(v):
    """A number for a box: 4 decimals as graph_rules.short writes it, but a very small or large one as the readout
    writes it ('0.00086', not '8.6e-04'), and a minus sign, not a hyphen, as the readout has."""
    text = short_text(v)
    return as_shown(text) if "e" in text and math.isfinite(v) else text.replace("-", "−")
