"""What GraphExplorer draws: the graph of its argument (lesson 09's Value, a backprop.graph Expr or Graph, or a
Network for one example), its backward walk, and the size a 700 px column shows legibly.

Used by widgets/graph.py.
"""
from backprop import checks as check
from backprop.data import worked_example
from backprop.graph import Expr, Graph
from backprop.graph_sources import is_value, learner_graph, network_graph, upto
from backprop.graph_walk import LearnerWalk, Walk

MAX_NODES, MAX_COLUMNS, MAX_ROWS = 60, 12, 9      # values, depth and widest column a 700 px column shows legibly


def source(out, net, x, y):
    """(graph, walk, learner): the graph to draw and its backward walk; ``learner`` is (values, labelled) or None."""
    if out is None and net is None and x is None and y is None:
        return _core(network_graph(*worked_example()))          # note 003's network and its example
    if out is None:
        if net is None or x is None or y is None:
            missing = ", ".join(name for name, v in (("net", net), ("x", x), ("y", y)) if v is None)
            raise TypeError(f"GraphExplorer(net=net, x=x, y=y) draws a network's loss for one example: give all "
                            f"three (missing: {missing}), e.g. net, x, y = backprop.data.worked_example()")
        return _core(network_graph(net, x, y))
    if net is not None or x is not None or y is not None:
        raise TypeError("GraphExplorer draws either a value graph (its first argument) or a network's loss "
                        "(net=, x=, y=), not both")
    if isinstance(out, Expr):
        return _core(upto(out.graph, out.index))
    if isinstance(out, Graph):
        return _core(out)
    if is_value(out):
        graph, values, labelled = learner_graph(out, MAX_NODES)
        return graph, LearnerWalk(graph, values), (values, labelled)
    raise TypeError("GraphExplorer draws a value graph: lesson 09's Value (with data, grad, parents and "
                    f"backward_rule), a backprop.graph expression, or GraphExplorer(net=net, x=x, y=y); "
                    f"got {check.given(out)}")


def _core(graph):
    check_size(len(graph))
    return graph, Walk(graph), None


def check_size(count, shape=None):
    """A ValueError naming the size supported and how to draw a part, for too many values or too deep or wide a
    graph (``shape``: its (depth, widest column))."""
    deep, wide = shape or (0, 0)
    if count > MAX_NODES or deep > MAX_COLUMNS or wide > MAX_ROWS:
        raise ValueError(f"this graph has {count} values, {deep or '?'} deep and up to {wide or '?'} side by side; "
                         f"a 700 px column shows at most {MAX_NODES} values, {MAX_COLUMNS} deep and {MAX_ROWS} side "
                         "by side legibly. Draw a part of it: GraphExplorer(v) of an inner value v draws the graph "
                         "up to v")
