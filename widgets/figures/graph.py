"""GraphFigure: a computational graph the browser draws (graph.js, an anywidget module) from what a view sends.

Each node is a box of a few lines (its name and operation, its value, its gradient …) at a position in
pixels, each edge a line; a view derives them from its state. ``picture()`` is the same figure as a PNG
(matplotlib), for places without a live front end.
"""
from pathlib import Path

import anywidget
import traitlets

from .clicks import Clickable
from .plot import Plot
from .style import FONT as SCALE
from .style import as_shown, colour_of

FONT = SCALE["smallest"]      # px: every word in a box; the title one size up
# the course's colours by meaning (style.json), which the browser paints in the page's theme: ink, muted (not
# known yet, plain edges), paper, slope (a derivative: the gradient a rule sends), highlight (the node picked,
# a ring or band behind it), wrong (with ✗)
MEANINGS = ("ink", "muted", "paper", "slope", "highlight", "wrong")
TOP = 44                      # px above the first box in a 700 px column: the title and the legend


class GraphFigure(Clickable, anywidget.AnyWidget):
    """Boxes and edges drawn as SVG; ``on_click(callback)``: a click on a node calls ``callback(its index as a
    string)``."""

    _esm = (Plot._esm.replace("export default { render };", "") + "\n" +      # plot.js's page helpers, then …
            (Path(__file__).parent / "graph.js").read_text())
    width = traitlets.Int(700).tag(sync=True)
    height = traitlets.Int(360).tag(sync=True)
    font = traitlets.Int(FONT).tag(sync=True)
    nodes = traitlets.List().tag(sync=True)
    edges = traitlets.List().tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    legend = traitlets.List().tag(sync=True)          # [[words, colour], …] written under the title
    top = traitlets.Int(TOP).tag(sync=True)           # the boxes' positions leave this much room above them
    palette = traitlets.Dict({m: colour_of(m) for m in MEANINGS}).tag(sync=True)   # light values, where no theme
    description = traitlets.Unicode("").tag(sync=True)

    def show(self, nodes, edges, *, title, description, legend=(), height=None):
        """Show new boxes and edges with their title, legend and text alternative, in one message."""
        with self.hold_sync():
            if height is not None:
                self.height = int(height)
            self.nodes, self.edges, self.title, self.description = list(nodes), list(edges), as_shown(title), description
            self.legend = [list(item) for item in legend]

    def structure(self):
        """What the figure draws, without its pixels (tests/widgets/test_marks_snapshot.py): per node its column,
        row and first line of words, per edge its two ends, the title and the legend's words."""
        return {"nodes": [f"{n['col']},{n['row']} {n['lines'][0] if n['lines'] else ''}" for n in self.nodes],
                "edges": [f"{e['from']}->{e['to']}" for e in self.edges],
                "title": self.title, "legend": [words for words, _ in self.legend]}

    def picture(self, dpi=100):
        """PNG bytes of what the figure shows now, drawn with matplotlib."""
        from .graph_picture import png
        return png(self, dpi)

    def _repr_mimebundle_(self, **kwargs):
        data, metadata = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self.description or "GraphFigure"
        return data, metadata
