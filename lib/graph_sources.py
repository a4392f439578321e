"""Graphs from elsewhere: a Network's scalar operations for one example, and the learner's own ``Value``.

Introduced in lessons/09_build_it_yourself, which draws the engine the learner wrote (lesson 09's names:
``data``, ``grad``, ``parents``, ``backward_rule``, and ``op`` when the class labels its operations) and
note 003's 2-2-1 network as a graph of scalar operations (28 nodes).
"""
import math

import numpy as np

from . import checks
from .graph import ARITY, Graph, total
from .parameters import parameter_label

GATES = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "identity": None}
LOSS_POWER = {"half_squared_error": (0.5, 2.0), "squared_error": (1.0, 2.0)}
# the learner's op labels → the core's (lesson 09 writes '+', '*' and 'sigmoid'; micrograd writes 'ReLU', '**2' …)
LEARNER_OPS = {"+": "+", "add": "+", "-": "−", "−": "−", "sub": "−", "*": "×", "×": "×", "mul": "×",
               "sigmoid": "σ", "σ": "σ", "tanh": "tanh", "relu": "ReLU", "ReLU": "ReLU", "max": "max"}
NEEDS = ("data", "grad", "parents", "backward_rule")


def network_graph(net, x, y):
    """The graph of C for one example (x (n_in,), y (n_out,)): z = Σ w·a + b as one sum, a = f(z), the loss.

    Leaves are the inputs, weights, biases and targets, labelled as in the lessons (w⁽¹⁾₁₁ …).
    TypeError when ``net`` is not a Network or x, y are not numbers; ValueError for x or y of the wrong length or
    holding NaN or inf, and for an activation or loss without a scalar graph (softmax, cross-entropy)."""
    net = checks.network(net)
    x = checks.example(x, "x", net.sizes[0], "inputs (one per input neuron)")
    y = checks.example(y, "y", net.sizes[-1], "targets (one per output neuron)")
    losses = LOSS_POWER.get(net.loss_function.name)
    if losses is None or any(f.name not in GATES for f in net.activations):
        raise ValueError(f"a graph of scalar operations is drawn for sigmoid, tanh, ReLU or identity neurons and "
                         f"the loss 'half_squared_error' or 'squared_error'; got {net!r}")
    g = Graph()
    a = [g.leaf(f"x{k + 1}".translate(_SUB), v, role="input") for k, v in enumerate(x)]
    for l, (W, b, f) in enumerate(zip(net.weights, net.biases, net.activations)):
        layer = []
        for j in range(W.shape[0]):
            terms = [g.leaf(parameter_label(("weights", l, j, k)), W[j, k], role="weight",
                            extra={"key": ("weights", l, j, k)}) * a[k] for k in range(W.shape[1])]
            terms.append(g.leaf(parameter_label(("biases", l, j)), b[j], role="bias",
                                extra={"key": ("biases", l, j)}))
            z = total(terms).named(f"z{_layer(l, j)}")
            gate = GATES[f.name]
            layer.append((getattr(z, {"σ": "sigmoid", "tanh": "tanh", "ReLU": "relu"}[gate])() if gate else z)
                         .named(f"a{_layer(l, j)}"))
        a = layer
    scale, power = losses
    terms = [((y_hat - g.leaf(f"y{j + 1}".translate(_SUB), t, role="target")).named(f"e{j + 1}".translate(_SUB))
              ** power).named(f"e{j + 1}²".translate(_SUB)) for j, (y_hat, t) in enumerate(zip(a, y))]
    terms = [scale * term if scale != 1.0 else term for term in terms]
    (total(terms) if len(terms) > 1 else terms[0]).named("C")
    return g


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _layer(l, j):
    return f"⁽{str(l + 1).translate(str.maketrans('0123456789', '⁰¹²³⁴⁵⁶⁷⁸⁹'))}⁾{str(j + 1).translate(_SUB)}"


def is_value(obj):
    """Whether ``obj`` looks like lesson 09's Value: it has data, grad, parents and backward_rule."""
    return all(hasattr(obj, attr) for attr in NEEDS)


def learner_order(out):
    """The values ``out`` was made from, every one after its parents: the order lesson 09's backward() builds."""
    order, seen, stack = [], set(), [(out, False)]
    while stack:
        v, parents_done = stack.pop()
        if parents_done:
            order.append(v)
        elif id(v) not in seen:
            seen.add(id(v))
            stack.append((v, True))
            stack.extend((p, False) for p in _parents(v))
    return order


def learner_graph(out, limit=None):
    """(graph, values, labelled) of a learner's Value ``out``: one node per value, in learner_order.

    ``labelled``: True when every operation carries an ``op`` the core knows (then the graph can be re-evaluated),
    False when none says what it is; else the list of (node index, op given, number of parents) of the labels
    the core does not know or that do not fit their parents ('plus', '*' with three parents). Ops it cannot
    read are drawn '?'. TypeError for an object that is not a value graph; ValueError past ``limit`` values."""
    missing = [attr for attr in NEEDS if not hasattr(out, attr)]
    if missing:
        raise TypeError(f"GraphExplorer draws a value graph: lesson 09's Value (with {', '.join(NEEDS)}) or a "
                        f"backprop.graph expression; got a {type(out).__name__} without {', '.join(missing)}")
    values = learner_order(out)
    if limit is not None and len(values) > limit:
        raise ValueError(f"this graph has {len(values)} values; at most {limit} are drawn legibly in one "
                         "column. Draw a part of it: GraphExplorer(v) of an inner value v draws the graph up to v")
    index, g, unknown = {id(v): i for i, v in enumerate(values)}, Graph(), []
    for v in values:
        parents = [index[id(p)] for p in _parents(v)]
        given = getattr(v, "op", None)
        op = LEARNER_OPS.get(str(given), "?") if parents else "leaf"
        if op != "leaf" and (op == "?" or (ARITY[op] or len(parents)) != len(parents)):
            if given not in (None, ""):
                unknown.append((len(g.nodes), str(given), len(parents)))
            op = "?"
        label = str(getattr(v, "label", "") or "")
        g.add(label, op, parents, data=_float(v.data))
    g.nodes[-1].label = g.nodes[-1].label or "out"
    labelled = "?" not in (n.op for n in g.nodes)
    return g, values, labelled if labelled or not unknown else unknown


KNOWN_OPS = "'+', '-', '*', 'sigmoid', 'tanh', 'relu' and 'max' (or 'add', 'sub', 'mul')"


def mismatched(graph, ref):
    """[(i, data, recomputed)]: nodes whose own data differs from what their op gives from their parents in the
    re-evaluated ``ref``, first one first: the op label, or the learner's forward code, is wrong there."""
    out = []
    for i, (n, r) in enumerate(zip(graph.nodes, ref.nodes)):
        if n.parents and math.isfinite(n.data) and not math.isclose(n.data, r.data, rel_tol=1e-9, abs_tol=1e-12):
            out.append((i, n.data, r.data))
    return out


def reference(graph):
    """A copy of ``graph`` re-evaluated from its leaves by the core, with the reference gradients."""
    copy = Graph()
    for n in graph.nodes:
        copy.add(n.label, n.op, n.parents, n.power, n.data)
    copy.forward()
    copy.backward()
    return copy


def _parents(v):
    parents = v.parents
    if not isinstance(parents, (tuple, list, set, frozenset)):
        raise TypeError(f"a Value's parents must be a tuple of Values; got a {type(parents).__name__}")
    bad = [p for p in parents if not is_value(p)]
    if bad:
        raise TypeError(f"a Value's parents must be Values (data, grad, parents, backward_rule); one is a "
                        f"{type(bad[0]).__name__}")
    return tuple(parents)


def _float(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def upto(graph, i):
    """The part of ``graph`` that node ``i`` was made from, as a Graph whose output is node ``i``."""
    keep, stack = set(), [i]
    while stack:
        j = stack.pop()
        if j not in keep:
            keep.add(j)
            stack.extend(graph.nodes[j].parents)
    new, part = {}, Graph()
    for j in sorted(keep):
        n = graph.nodes[j]
        new[j] = part.add(n.label, n.op, [new[p] for p in n.parents], n.power, n.data, constant=n.constant,
                          role=n.role, extra=n.extra)
    return part
