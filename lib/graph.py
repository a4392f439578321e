"""Computational graphs of scalar operations: build, forward, and the local slopes backward multiplies.

Introduced in lessons/03_chain_rule (the chain w → z → a → C and the gate patterns); drawn from the
learner's own engine in lessons/09_build_it_yourself. A ``Graph`` holds its nodes in topological
order (every node after its parents, the output last); an ``Expr`` builds one with Python's operators:

    g = Graph()
    a, b = g.leaf("a", 2.0), g.leaf("b", -3.0)
    out = (a * b + a).sigmoid().named("out")

The rules in words and the paths are in backprop.graph_rules, the walk one rule at a time in
backprop.graph_walk, graphs of a Network and of lesson 09's ``Value`` in backprop.graph_sources.
"""
import math
from dataclasses import dataclass, field

import numpy as np

from .graph_expr import Expr, total

__all__ = ["Graph", "Node", "Expr", "total", "OPS"]

def _sigmoid(z):
    if math.isnan(z):
        return z                                   # NaN stays NaN, to be shown as such (never a silent 0)
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z)) if z > -745 else 0.0


# op: (forward of the parents' data, local slopes ∂out/∂parent from (parents' data, out, power)), each a float
OPS = {
    "+": (lambda xs, k: math.fsum(xs), lambda xs, out, k: [1.0] * len(xs)),
    "−": (lambda xs, k: xs[0] - xs[1], lambda xs, out, k: [1.0, -1.0]),
    "×": (lambda xs, k: xs[0] * xs[1], lambda xs, out, k: [xs[1], xs[0]]),
    "^": (lambda xs, k: math.pow(xs[0], k), lambda xs, out, k: [k * math.pow(xs[0], k - 1)]),
    "σ": (lambda xs, k: _sigmoid(xs[0]), lambda xs, out, k: [out * (1.0 - out)]),
    "tanh": (lambda xs, k: math.tanh(xs[0]), lambda xs, out, k: [1.0 - out * out]),
    "ReLU": (lambda xs, k: max(xs[0], 0.0),
             lambda xs, out, k: [1.0 if xs[0] > 0 else xs[0] if math.isnan(xs[0]) else 0.0]),   # NaN stays NaN
    "max": (lambda xs, k: max(xs), lambda xs, out, k: [1.0 if i == int(np.argmax(xs)) else 0.0
                                                      for i in range(len(xs))]),
}
ARITY = {"+": None, "−": 2, "×": 2, "^": 1, "σ": 1, "tanh": 1, "ReLU": 1, "max": None}


@dataclass
class Node:
    """One value: its ``label``, ``op`` ('leaf' or a key of OPS, '?' when unknown), parent indices, data, grad."""
    label: str
    op: str = "leaf"
    parents: tuple = ()
    power: float = None
    data: float = 0.0
    grad: float = 0.0
    constant: bool = False
    role: str = ""                       # what the node is in its source: 'input', 'weight', 'target' …
    extra: dict = field(default_factory=dict)


class Graph:
    """Nodes in topological order (parents first); ``output`` is the last node's index."""

    def __init__(self):
        self.nodes = []

    def __len__(self):
        return len(self.nodes)

    @property
    def output(self):
        return len(self.nodes) - 1

    def leaves(self):
        """Indices of the leaves that are not constants: what a learner may move."""
        return [i for i, n in enumerate(self.nodes) if n.op == "leaf" and not n.constant]

    def children(self):
        """{index: [indices of the nodes it feeds, once per use]}."""
        kids = {i: [] for i in range(len(self.nodes))}
        for i, n in enumerate(self.nodes):
            for p in n.parents:
                kids[p].append(i)
        return kids

    def add(self, label, op="leaf", parents=(), power=None, data=0.0, **kwargs):
        """Append a node (its parents already in the graph) and give its index."""
        if any(not 0 <= p < len(self.nodes) for p in parents):
            raise ValueError(f"node {label!r}: its parents {parents} must be added before it")
        self.nodes.append(Node(label, op, tuple(parents), power, float(data), 0.0, **kwargs))
        return len(self.nodes) - 1

    def leaf(self, label, value, **kwargs):
        """A leaf holding ``value`` as an Expr (a number a learner may move)."""
        return Expr(self, self.add(label, data=value, **kwargs))

    def forward(self, leaf_values=None):
        """Set leaves from {index: value}, then recompute every operation's data (inf/NaN propagate, no warning)."""
        for i, v in (leaf_values or {}).items():
            self.nodes[i].data = float(v)
        for i, n in enumerate(self.nodes):
            if n.op in OPS:
                self.compute(i)
        return self.nodes[-1].data

    def compute(self, i):
        """Node ``i``'s data from its parents' (its op's forward); inf or NaN where it overflows."""
        n = self.nodes[i]
        with np.errstate(all="ignore"):
            n.data = _safe(lambda: OPS[n.op][0]([self.nodes[p].data for p in n.parents], n.power))
        return n.data

    def local(self, i):
        """The local slopes ∂node/∂parent of node ``i``, one per parent (in the order of its parents)."""
        n = self.nodes[i]
        try:
            return [float(s) for s in OPS[n.op][1]([self.nodes[p].data for p in n.parents], n.data, n.power)]
        except OverflowError:
            return [math.inf] * len(n.parents)
        except (ValueError, ZeroDivisionError):
            return [math.nan] * len(n.parents)

    def backward(self):
        """Every node's grad = ∂output/∂node, the reference: output 1, each rule adds local · grad to its parents."""
        grads = [0.0] * len(self.nodes)
        grads[-1] = 1.0
        for i in range(len(self.nodes) - 1, -1, -1):
            if self.nodes[i].op in OPS:
                for p, slope in zip(self.nodes[i].parents, self.local(i)):
                    grads[p] += slope * grads[i]
        for n, g in zip(self.nodes, grads):
            n.grad = g
        return grads


def _safe(compute):
    """A float, inf or NaN where Python's math would raise (an overflow, a domain error)."""
    try:
        return float(compute())
    except OverflowError:
        return math.inf
    except (ValueError, ZeroDivisionError):
        return math.nan
