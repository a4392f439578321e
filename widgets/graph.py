"""GraphExplorer: a computational graph, forward then backward one rule at a time, and "why this number".

Used in lessons/03_chain_rule (note 003's output neuron, the gate patterns), 09_build_it_yourself (the
learner's own Value engine, note 003's network as 28 scalar operations). The graph, its rules, paths and
walk come from backprop.graph*; the figure (figures/graph.py, an anywidget of its own) draws the state.
"""
import math

import ipywidgets as widgets

from backprop.graph import Expr
from backprop.graph_rules import fmt, name, why
from backprop.graph_sources import mismatched, reference

from ._base import Demo, View
from ._graph_figure import GAP, box_size, boxes, describe, edges, legend
from ._graph_source import MAX_COLUMNS, MAX_NODES, MAX_ROWS, check_size, source  # noqa: F401 (the limits)
from ._graph_state import node_entries, path_edges, readout
from ._sliders import ExactSlider
from .figures.graph import TOP, GraphFigure
from .figures.graph_layout import columns, positions, rows

WIDTH = 700                      # px: the column the figure is laid out for (graph.js reflows it)


class GraphExplorer(View):
    """Boxes for values (name, data, grad), Step / Back / Reset through the backward rules, leaf sliders, and
    "why this number": a gradient as the sum over its paths of the products of local slopes.

    ``GraphExplorer(out)`` draws the graph ``out`` was made from: lesson 09's Value or a backprop.graph Expr;
    ``GraphExplorer(net=net, x=x, y=y)`` a Network's scalar operations for one example (default note 003's).
    A value is called by its label (a Value's ``label`` attribute, an Expr's ``.named(…)``), one nobody named by
    its operation, numbered in the order the graph computes it (×₁, σ₂, leaf₁): alike on its box, in the rules,
    in "why this number" and in ``state["nodes"]``.
    """

    demo = Demo("its value")          # note 003's network as 28 scalar operations: a leaf slider moves every number
    passes = (0, 0)                  # the graph is the core's: no Network pass per change

    def __init__(self, out=None, *, net=None, x=None, y=None):
        self.graph, self.walk, learner = source(out, net, x, y)
        self.learner = learner is not None
        self.labelled = learner[1] is True if learner else True
        self.unknown_ops = learner[1] if learner and isinstance(learner[1], list) else []
        col = columns(self.graph)
        order = rows(self.graph, col)
        check_size(len(self.graph), (len(order), max(map(len, order))))
        self._rows, self._columns, self.message = max(map(len, order)), len(order), ""
        names = [(f"{name(self.graph, i)} ({n.op})" if n.op != "leaf" and n.label else name(self.graph, i), i)
                 for i, n in enumerate(self.graph.nodes)]
        leaves = [(name(self.graph, i), i) for i in self.graph.leaves()    # a NaN or inf leaf is drawn, not slid
                  if math.isfinite(self.graph.nodes[i].data)] if not self.learner else []
        controls = {"back": widgets.Button(description="◀ Back"),
                    "step": widgets.Button(description="Step ▶", button_style="primary"),
                    "reset": widgets.Button(description="Reset"),
                    "why": widgets.Dropdown(options=names, value=self.graph.output, description="why this number",
                                            style={"description_width": "initial"})}
        if leaves:
            controls["leaf"] = widgets.Dropdown(options=leaves, value=leaves[0][1], description="leaf")
            controls["value"] = ExactSlider("its value", self.graph.nodes[leaves[0][1]].data, -4.0, 4.0, name="leaf")
            controls["leaf"].observe(self._show_leaf, names="value")
            controls["value"].on_move(self._move_leaf)
        super().__init__(controls, actions={"step": self.step, "back": self.back, "reset": self.reset})
        self.figure.on_click(self._on_click)

    def _control_box(self):
        c = self.controls
        rows = [["back", "step", "reset"], ["why"], ["leaf", "value"]]
        return widgets.VBox([widgets.HBox([c[k] for k in row if k in c]) for row in rows if row[0] in c])

    # ---- actions ------------------------------------------------------
    def step(self):
        """Run the next node's backward rule (the learner's own, for a learner's Value)."""
        self.walk.step()
        self._refresh()

    def back(self):
        """Undo the last rule: the gradients as they were before it."""
        self.walk.back()
        self._refresh()

    def reset(self):
        """Back to before the first rule: only the output's gradient (1) is known."""
        self.walk.reset()
        self._refresh()

    def run_backward(self):
        """Every remaining rule, as Step would run them; the gradients after them (a list, one per node)."""
        self.walk.run_to_end()
        self._refresh()
        return [n["grad"] for n in self.state["nodes"]]

    def index_of(self, value):
        """The node number of ``value`` (one of the learner's Values, or a backprop.graph Expr) in the drawing:
        what ``controls["why"]`` takes. ValueError when the graph does not hold it."""
        held = self.walk.values if self.learner else [self.graph.nodes[i] for i in range(len(self.graph))]
        wanted = value.node if isinstance(value, Expr) else value
        for i, v in enumerate(held):
            if v is wanted:
                return i
        raise ValueError("this value is not in the graph drawn: pick one the output was made from")

    def _move_leaf(self, value):
        self.graph.forward({self.controls["leaf"].value: value})
        self.walk.go_to(self.walk.position)       # the same place in the backward pass, with the new numbers

    def _show_leaf(self, change):
        with self._silenced():
            self.controls["value"].show(self.graph.nodes[change["new"]].data)

    def _on_click(self, key):
        if key.isascii() and key.isdecimal() and int(key) < len(self.graph):     # a node's index, as graph.js sends it
            self.controls["why"].value = int(key)

    # ---- numbers and drawing -------------------------------------------
    def _compute(self):
        ref = reference(self.graph) if self.learner and self.labelled else None
        off = [(name(self.graph, i), data, again) for i, data, again in mismatched(self.graph, ref)] if ref else []
        nodes = node_entries(self.graph, self.walk, ref)
        last, chosen = self.walk.last, self.controls["why"].value
        shown = ref if self.learner else self.graph
        explained = why(shown, chosen) if shown is not None else \
            "some operations are unknown ('?'), so the paths' slopes cannot be written out"
        position, total = self.walk.position, len(self.walk.order)
        out = f"{name(self.graph, self.graph.output)} = {fmt(self.graph.nodes[-1].data)}"
        title = (f"backward: {position} of {total} rules run" + (f" — {last.pattern}" if last else "")
                 if position else f"forward done, {out}; Step runs the first rule")
        leaf = self.controls["leaf"].value if "leaf" in self.controls else None
        return {"nodes": nodes, "last": last, "leaf": leaf, "position": position, "rules": total,
                "rule": last.text if last else "", "sent": [s.words(self.graph) for s in last.sent] if last else [],
                "error": last.error if last else "", "failed": [r.error for r in self.walk.failed], "why": chosen, "explained": explained, "title": title,
                "path_edges": path_edges(shown, chosen) if shown is not None else [],
                "labelled_learner": bool(self.learner and self.labelled),
                "unlabelled": self.learner and not self.labelled, "mismatched": off,
                "unknown_ops": [(name(self.graph, i), op, k) for i, op, k in self.unknown_ops]}

    def _make_figure(self):
        return GraphFigure()

    def _draw(self):
        kind = {"labelled_learner": bool(self.learner and self.labelled)}
        order = rows(self.graph, columns(self.graph))
        self._place = {i: (c, k, len(column)) for c, column in enumerate(order) for k, i in enumerate(column)}
        self._size = box_size(kind, (WIDTH - 12) / self._columns)
        self._height = TOP + self._rows * (self._size[1] + GAP) + 6
        self._xy = positions(self.graph, WIDTH, self._height, self._size, margin=(6, TOP))

    def _update_artists(self):
        s = self.state
        self.figure.show(boxes(s, self._xy, self._size, self._place), edges(s, self._xy, self._size), title=s["title"],
                         legend=legend(s), description=describe(s), height=self._height)

    def _readout_items(self):
        """The output's value; the leaf on the slider, its value and gradient; how many rules have run."""
        nodes, s = self.state["nodes"], self.state
        items = [(nodes[-1]["label"], nodes[-1]["data"])]
        if s["leaf"] is not None:
            leaf = nodes[s["leaf"]]
            items += [(leaf["label"], leaf["data"]), (f"∂{nodes[-1]['label']}/∂{leaf['label']} so far", leaf["grad"])]
        return items + [("rules run", s["position"])]

    def _readout_html(self):
        return readout(self.state, super()._readout_html())
