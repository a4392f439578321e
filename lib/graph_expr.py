"""Expr: a node of a backprop.graph.Graph with Python's operators, to write a graph as an expression.

Introduced in lessons/03_chain_rule:

    g = Graph()
    w, a = g.leaf("w", 0.5), g.leaf("a", 0.58)
    C = (0.5 * ((w * a).sigmoid() - 0.6) ** 2).named("C")

Each operation appends one node to the graph and computes its value at once.
"""
import numpy as np


class Expr:
    """A node of a Graph with Python's operators: + − × ** (a number), .sigmoid(), .tanh(), .relu(), .max()."""

    def __init__(self, graph, index):
        self.graph, self.index = graph, index

    @property
    def node(self):
        return self.graph.nodes[self.index]

    def named(self, label):
        """This node with ``label`` (the name drawn and used in its rule); returns self."""
        self.node.label = str(label)
        return self

    def _wrap(self, other):
        if isinstance(other, Expr):
            if other.graph is not self.graph:
                raise ValueError("both values must come from one Graph: make every leaf with the same g.leaf")
            return other
        return Expr(self.graph, self.graph.add(f"{float(other):g}", data=float(other), constant=True))

    def _op(self, op, others=(), power=None):
        parents = [self.index] + [self._wrap(o).index for o in others]
        index = self.graph.add("", op, parents, power)
        self.graph.compute(index)
        return Expr(self.graph, index)

    def __add__(self, other):
        return self._op("+", [other])

    def __radd__(self, other):
        return self._wrap(other)._op("+", [self])

    def __sub__(self, other):
        return self._op("−", [other])

    def __rsub__(self, other):
        return self._wrap(other)._op("−", [self])

    def __mul__(self, other):
        return self._op("×", [other])

    def __rmul__(self, other):
        return self._wrap(other)._op("×", [self])

    def __pow__(self, power):
        if isinstance(power, Expr) or not np.isscalar(power):
            raise TypeError("a power in a graph is a fixed number: x ** 2, not x ** y")
        return self._op("^", power=float(power))

    def sigmoid(self):
        return self._op("σ")

    def tanh(self):
        return self._op("tanh")

    def relu(self):
        return self._op("ReLU")

    def max(self, *others):
        """max(self, *others): routes the gradient to the largest (the first of equals)."""
        return self._op("max", others)


def total(terms):
    """One n-ary + node over ``terms`` (Exprs of one graph): z = w₁a₁ + w₂a₂ + b as a single sum."""
    first, *rest = terms
    return first._op("+", rest)
