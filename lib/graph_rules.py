"""Each node's backward rule in words with its numbers, the gate patterns, and "why this number": paths.

Introduced in lessons/03_chain_rule (cs231n's patterns in backward flow: add passes the gradient on,
multiply swaps, max routes, σ scales by σ(1−σ)) and lessons/04_hidden_layer_blame (a gradient as a
sum over paths, Nielsen's "sum over all paths"). Works on a backprop.graph.Graph.
"""
import math
from dataclasses import dataclass

PATTERNS = {
    "+": "+ passes the gradient on unchanged",
    "−": "− passes it on, to the second input with its sign flipped",
    "×": "× swaps: each input gets the other's value times out.grad",
    "^": "a power scales it by k·x^(k−1)",
    "σ": "σ scales it by σ(1−σ)",
    "tanh": "tanh scales it by 1 − tanh²",
    "ReLU": "ReLU routes it: all of it if its input is above 0, none otherwise",
    "max": "max routes it to the winner, none to the others",
}
MAX_PATHS = 64                     # "why this number" lists at most this many paths and says how many there are


def fmt(v):
    """A number as the views print it: 4 decimals, 3 significant digits below 0.001 and 4 from 10⁶ up (1e200 was
    written with its 201 digits), 'NaN' or '±inf' in words."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    v += 0.0                                        # -0.0 is written 0.0000
    if abs(v) >= 1e6:
        return f"{v:.3e}"
    return f"{v:.4f}" if v == 0 or abs(v) >= 1e-3 else f"{v:.2e}"


def short(v):
    """A number in at most 7 characters, for a box in a drawing: '0.0193', '-0.6000', '8.6e-04', 'NaN', 'inf'."""
    if not math.isfinite(v) or v == 0 or 1e-3 <= abs(v) < 1e4:
        return fmt(v) if not math.isfinite(v) else f"{v:.4f}" if abs(v) < 100 else f"{v:.1f}"
    return f"{v:.1e}"


SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
STEMS = {"^": "pow"}                # an unnamed node's name is its operation's symbol, numbered (a power: pow₁)


def name(graph, i):
    """A node's name: its label, or for a node nobody named its operation numbered in the order the graph
    computes it: '×₁' is the first unnamed ×, 'σ₂' the second unnamed σ, 'leaf₁' the first unnamed leaf,
    'pow₁' the first unnamed power, '?₁' the first operation without an op label (lessons/09)."""
    node = graph.nodes[i]
    if node.label:
        return node.label
    count = sum(1 for n in graph.nodes[:i + 1] if not n.label and n.op == node.op)
    return STEMS.get(node.op, node.op) + str(count).translate(SUBSCRIPT)


def named(graph, i):
    """Whether node ``i`` carries its own label (else name() derives one from its operation)."""
    return bool(graph.nodes[i].label)


def rule(graph, i, out_grad):
    """(pattern, sentence) of node ``i``'s backward rule with the numbers, given the gradient that reached it."""
    n = graph.nodes[i]
    if not n.parents:
        return "leaf", f"{name(graph, i)} is a leaf: no rule, it keeps the gradient it collected"
    if n.op not in PATTERNS:
        return "?", f"{name(graph, i)}: its operation is not labelled, so its rule cannot be written out"
    slopes, g = graph.local(i), fmt(out_grad)
    parts = []
    for position, (p, slope) in enumerate(zip(n.parents, slopes)):
        factors, result = _factors(graph, i, position, g), fmt(slope * out_grad)
        parts.append(f"{name(graph, p)} gets {_why_slope(graph, i, position)} = "
                     + (result if factors == result else f"{factors} = {result}"))
    return PATTERNS[n.op], f"{PATTERNS[n.op].split(':')[0]}: " + "; ".join(parts)


def _why_slope(graph, i, position):
    n, names = graph.nodes[i], [name(graph, p) for p in graph.nodes[i].parents]
    if n.op == "×":
        return f"{names[1 - position]} · out.grad"
    if n.op == "σ":
        return "out(1 − out) · out.grad"
    if n.op == "tanh":
        return "(1 − out²) · out.grad"
    if n.op == "^":
        return f"{n.power:g}·{names[0]}^{n.power - 1:g} · out.grad"
    if n.op in ("ReLU", "max"):
        return ("out.grad (the winner)" if graph.local(i)[position] else "0 (not the winner)") if n.op == "max" \
            else ("out.grad (input above 0)" if graph.local(i)[0] else "0 (input at or below 0)")
    return "-out.grad" if n.op == "−" and position == 1 else "out.grad"


def _factors(graph, i, position, g):
    n, slope = graph.nodes[i], graph.local(i)[position]
    if n.op == "σ":
        return f"{fmt(n.data)} × {fmt(1.0 - n.data)} × {g}"
    if n.op in ("ReLU", "max"):
        return g if slope else fmt(0.0)
    if n.op in ("+", "−"):
        return f"{'-' if slope < 0 else ''}{g}"
    return f"{fmt(slope)} × {g}"


@dataclass(frozen=True)
class Path:
    """One path from a node to the output: its nodes, the local slope of each step, and their product."""
    nodes: tuple
    factors: tuple

    @property
    def product(self):
        return math.prod(self.factors)


def paths(graph, i, limit=MAX_PATHS):
    """(up to ``limit`` Paths from node ``i`` to the output, how many there are in all): ∂out/∂node = Σ products."""
    kids, found = graph.children(), []
    uses = {j: [(c, pos) for c in set(kids[j]) for pos, p in enumerate(graph.nodes[c].parents) if p == j]
            for j in kids}
    count = [0] * len(graph)
    count[graph.output] = 1
    for j in range(graph.output - 1, -1, -1):
        count[j] = sum(count[c] for c, _ in uses[j])
    stack = [((i,), ())]
    while stack and len(found) < limit:
        nodes, factors = stack.pop()
        if nodes[-1] == graph.output:
            found.append(Path(nodes, factors))
            continue
        for c, pos in sorted(uses[nodes[-1]], reverse=True):
            stack.append((nodes + (c,), factors + (graph.local(c)[pos],)))
    return found, count[i]


def why(graph, i):
    """'∂C/∂w = (0.30 × 0.14) + (…) = 0.0123': node ``i``'s gradient as the sum over its paths of the products."""
    out, found = name(graph, graph.output), paths(graph, i)
    shown, total = found
    head = f"∂{out}/∂{name(graph, i)}"
    if i == graph.output:
        return f"{head} = 1 (the output's own gradient, where backward starts)"
    if not total:
        return f"{head} = 0: no path leads from {name(graph, i)} to {out}"
    terms = [" × ".join(fmt(f) for f in p.factors if f != 1.0) or "1" for p in shown]
    more = f" + … ({total - len(shown)} more paths)" if total > len(shown) else ""
    over = f"the sum over its {total} paths" if total > 1 else "the product along its one path"
    return f"{head} = {over}: " + " + ".join(f"({t})" for t in terms) + more + \
        f" = {fmt(math.fsum(p.product for p in shown))}" + (" (the paths shown)" if more else "") + \
        (" — factors of 1 (from + gates) left out" if any(1.0 in p.factors for p in shown) else "")
