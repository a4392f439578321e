"""What GraphExplorer's figure shows: a box per node and a line per edge, from the view's state alone.

Used by widgets/graph.py. The node whose rule ran last is filled, the edges to its parents carry what it
sent, the parents that received it are tinted; the paths of the gradient chosen in "why this number" are
green; a learner's gradient that differs from the reference is red once no rule can change it any more.
"""
from backprop.graph_rules import fmt

from .figures.graph import COLOURS as C
from .figures.graph import FONT

BOX = (54, 3 * (FONT + 2) + 6)           # (width, height) of a node's box in pixels; one line more with a reference
GAP = 8                                   # pixels between two boxes of one column


def box_size(state):
    return BOX[0], BOX[1] + (FONT + 2) * state["labelled_learner"]


def boxes(state, xy):
    """The node dicts graph.js draws: position, size, lines of words and their colours, fill and outline."""
    w, h = box_size(state)
    last, chosen, out = state["last"], state["why"], []
    received = {s.parent for s in last.sent} if last else set()
    for i, (node, (x, y)) in enumerate(zip(state["nodes"], xy)):
        wrong = node["wrong"]
        lines = [node["title"], fmt(node["data"]), "g " + fmt(node["grad"])]
        colours = [C["ink"], C["ink"], C["wrong"] if wrong else (C["ink"] if node["reached"] else C["faint"])]
        if state["labelled_learner"]:
            lines.append("ref " + ("?" if node["reference"] is None else fmt(node["reference"])))
            colours.append(C["faint"])
        fill = C["active"] if last and last.node == i else C["received"] if i in received else \
            C["leaf"] if node["op"] == "leaf" else C["box"]
        stroke = C["selected"] if i == chosen else C["wrong"] if wrong or not node["finite"] else C["edge"]
        out.append({"x": x, "y": y, "w": w, "h": h, "lines": lines, "colors": colours, "fill": fill,
                    "stroke": stroke, "edge": 2.5 if i == chosen or wrong else 1, "tip": node["text"]})
    return out


def edges(state, xy):
    """The edge dicts graph.js draws: from a parent's right side to its child's left side."""
    w, _ = box_size(state)
    last, on_path = state["last"], state["path_edges"]
    sent = {s.parent: s.amount for s in last.sent} if last else {}
    out = []
    for child, node in enumerate(state["nodes"]):
        for parent in dict.fromkeys(node["parents"]):
            active = last is not None and last.node == child
            colour = C["sent"] if active else C["path"] if (parent, child) in on_path else C["edge"]
            out.append({"x0": xy[parent][0] + w / 2, "y0": xy[parent][1], "x1": xy[child][0] - w / 2,
                        "y1": xy[child][1], "color": colour, "width": 2.5 if colour != C["edge"] else 1,
                        "text": fmt(sent[parent]) if active else ""})
    return out


def describe(state):
    """The figure's text alternative: the step, then every node's value and gradient."""
    return f"{state['title']}. " + "; ".join(n["text"] for n in state["nodes"])
