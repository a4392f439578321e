"""GraphExplorer's layout, layering by depth (widgets/figures/graph_layout.py), against dagre's layered layout.

Measured on note 003's network as a graph of scalar operations (28 nodes), lesson 09's learner-built copy of it
(35) and a 3-5-3-1 network (101): edge crossings (each drawn edge a straight line, or dagre's own routed
polyline) and the time to lay the graph out (median of repeats). dagre (@dagrejs/dagre, MIT) is not a
dependency: pass the folder of an npm install of it to compare,

    .venv/bin/python -m benchmarks.graph_layout [--dagre /path/to/node_modules/@dagrejs/dagre]

The result and the decision are in benchmarks/FIGURES.md.
"""
import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

from backprop import Network
from backprop.data import worked_example
from backprop.graph_sources import learner_graph, network_graph
from backprop.widgets._graph_figure import GAP, TOP, box_size
from backprop.widgets.figures.graph_layout import columns, crossings, positions, rows
from backprop.widgets.graph import WIDTH

from ._timing import median

REPEATS = 50
DAGRE = """const dagre = require(process.argv[2]);
const spec = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
const times = [];
let g;
for (let r = 0; r < spec.repeats; r++) {
  const start = process.hrtime.bigint();
  g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: spec.gap, ranksep: spec.gap });
  g.setDefaultEdgeLabel(() => ({}));
  spec.nodes.forEach((n, i) => g.setNode(String(i), { width: n[0], height: n[1] }));
  spec.edges.forEach(([a, b], k) => g.setEdge(String(a), String(b), {}, String(k)));
  dagre.layout(g);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const nodes = spec.nodes.map((_, i) => [g.node(String(i)).x, g.node(String(i)).y]);
const edges = g.edges().map((e) => g.edge(e).points.map((p) => [p.x, p.y]));
console.log(JSON.stringify({ times, nodes, edges, width: g.graph().width, height: g.graph().height }));
"""


def graphs():
    """(name, Graph) of the three sizes measured."""
    net, x, y = worked_example()
    learner = learner_graph(_learner_loss(net, x, y))[0]
    wide = Network([3, 5, 3, 1], seed=0)
    return [("note 003, core", network_graph(net, x, y)), ("note 003, lesson 09's Value", learner),
            ("3-5-3-1, core", network_graph(wide, [0.2, -0.4, 0.7], [0.5]))]


def _learner_loss(net, x, y):
    """Lesson 09's network of Values (its cell, with a minimal Value of its names)."""
    class Value:
        def __init__(self, data, parents=(), op=""):
            self.data, self.grad, self.parents, self.op, self.backward_rule = data, 0.0, parents, op, None

        def __add__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            return Value(self.data + other.data, (self, other), "+")

        def __mul__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            return Value(self.data * other.data, (self, other), "*")

        __radd__, __rmul__ = __add__, __mul__

        def sigmoid(self):
            return Value(0.0, (self,), "sigmoid")
    W = [[[Value(w) for w in row] for row in layer] for layer in net.weights]
    b = [[Value(v) for v in layer] for layer in net.biases]
    hidden = [(W[0][j][0] * x[0, 0] + W[0][j][1] * x[0, 1] + b[0][j]).sigmoid() for j in range(2)]
    y_hat = (W[1][0][0] * hidden[0] + W[1][0][1] * hidden[1] + b[1][0]).sigmoid()
    return 0.5 * (y_hat + (-y[0, 0])) * (y_hat + (-y[0, 0]))


def ours(graph):
    """(crossings, crossings without the barycentre sweeps, median ms, columns) of the view's layout at 700 px."""
    order = rows(graph, columns(graph))
    size = box_size({"labelled_learner": False}, (WIDTH - 12) / len(order))
    height = TOP + max(map(len, order)) * (size[1] + GAP) + 6
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        xy = positions(graph, WIDTH, height, size, margin=(6, TOP))
        times.append(time.perf_counter() - start)
    unswept = _unswept(graph, height, size)
    return crossings(graph, xy), crossings(graph, unswept), 1000 * median(times), len(order)


def _unswept(graph, height, size):
    """Positions with the columns in the order the nodes were made (no barycentre sweep)."""
    from backprop.widgets.figures import graph_layout
    keep = graph_layout.rows
    graph_layout.rows = lambda g, col, sweeps=0: keep(g, col, sweeps=0)
    try:
        return positions(graph, WIDTH, height, size, margin=(6, TOP))
    finally:
        graph_layout.rows = keep


def dagre(graph, folder):
    """(crossings of dagre's routed edges, median ms in Node, its width × height in px) for the same boxes."""
    size = box_size({"labelled_learner": False})
    spec = {"repeats": REPEATS, "gap": GAP, "nodes": [size] * len(graph),
            "edges": [(p, i) for i, n in enumerate(graph.nodes) for p in dict.fromkeys(n.parents)]}
    with tempfile.TemporaryDirectory() as tmp:
        script, data = Path(tmp) / "layout.cjs", Path(tmp) / "graph.json"
        script.write_text(DAGRE)
        data.write_text(json.dumps(spec))
        out = json.loads(subprocess.run(["node", str(script), str(Path(folder).resolve()), str(data)],
                                        capture_output=True, text=True, check=True).stdout)
    segments = [[tuple(a), tuple(b)] for line in out["edges"] for a, b in zip(line, line[1:])]
    count = sum(_crossing(s, t) for k, s in enumerate(segments) for t in segments[k + 1:])
    return count, median(out["times"]), f"{out['width']:.0f} × {out['height']:.0f}"


def _crossing(s, t):
    from backprop.widgets.figures.graph_layout import _cross
    return _cross(*s, *t)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dagre", help="folder of @dagrejs/dagre (an npm install) to compare with")
    args = parser.parse_args(argv)
    for name, graph in graphs():
        crossed, unswept, ms, cols = ours(graph)
        line = (f"{name:<28} {len(graph):>3} nodes, {cols:>2} columns | depth layering: {crossed:>3} crossings "
                f"({unswept} unswept), {ms:.2f} ms")
        if args.dagre:
            d_crossed, d_ms, d_size = dagre(graph, args.dagre)
            line += f" | dagre: {d_crossed:>3} crossings, {d_ms:.2f} ms, {d_size} px"
        print(line)


if __name__ == "__main__":
    main()
