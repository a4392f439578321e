"""Where each node of a computational graph goes: columns by depth, left to right, rows ordered to cross less.

A node's column is one more than its deepest parent's; a leaf moves to the column just before the first
node it feeds, so a bias or a target sits beside its sum instead of far left. Within a column, a few
barycentre sweeps (Sugiyama's heuristic) order the nodes by the mean row of their neighbours.
benchmarks/FIGURES.md compares this with dagre's layered layout (crossings and time at 30 and 100 nodes).
"""


def columns(graph):
    """The column of every node: leaves just left of their first consumer, operations one past their parents."""
    col = [0] * len(graph)
    for i, n in enumerate(graph.nodes):
        if n.parents:
            col[i] = 1 + max(col[p] for p in n.parents)
    kids = graph.children()
    for i, n in enumerate(graph.nodes):
        if not n.parents and kids[i]:
            col[i] = min(col[c] for c in kids[i]) - 1
    return col


def rows(graph, col, sweeps=4):
    """[[node, …] per column], each column ordered by barycentre sweeps (left to right, then back)."""
    n_cols = max(col) + 1 if col else 0
    order = [[i for i in range(len(graph)) if col[i] == c] for c in range(n_cols)]
    kids, parents = graph.children(), [n.parents for n in graph.nodes]
    for sweep in range(sweeps):
        where = _rank(order)
        forward = sweep % 2 == 0
        for c in (range(1, n_cols) if forward else range(n_cols - 2, -1, -1)):
            near = parents if forward else kids
            order[c].sort(key=lambda i: _mean([where[j] for j in near[i]], where[i]))
            where.update(_rank([order[c]]))
    return order


def _rank(order):
    """{node: its position in its column, from 0 to 1}."""
    return {i: (k + 0.5) / len(column) for column in order for k, i in enumerate(column)}


def _mean(values, otherwise):
    return sum(values) / len(values) if values else otherwise


def positions(graph, width, height, box, margin=(6, 30)):
    """(x, y) centre of every node in pixels: columns spread over ``width``, rows over ``height`` below a title."""
    col = columns(graph)
    order = rows(graph, col)
    n_cols = max(len(order), 1)
    left, top = margin[0] + box[0] / 2, margin[1] + box[1] / 2
    dx = (width - 2 * left) / max(n_cols - 1, 1)
    tallest = max((len(c) for c in order), default=1)
    dy = (height - top - margin[0] - box[1] / 2) / max(tallest - 1, 1)
    xy = [(0.0, 0.0)] * len(graph)
    for c, column in enumerate(order):
        start = top + (tallest - len(column)) * dy / 2
        for k, i in enumerate(column):
            xy[i] = (left + c * dx, start + k * dy)
    return xy


def crossings(graph, xy):
    """How many pairs of edges (straight, parent to child) cross: the layout's cost, for the benchmark."""
    edges = [(xy[p], xy[i]) for i, n in enumerate(graph.nodes) for p in set(n.parents)]
    count = 0
    for a in range(len(edges)):
        for b in range(a + 1, len(edges)):
            count += _cross(*edges[a], *edges[b])
    return count


def _cross(p1, p2, q1, q2):
    """Whether segments p1p2 and q1q2 cross at a point inside both (shared ends do not count)."""
    def side(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    if {p1, p2} & {q1, q2}:
        return False
    d1, d2, d3, d4 = side(q1, q2, p1), side(q1, q2, p2), side(p1, p2, q1), side(p1, p2, q2)
    return (d1 * d2 < 0) and (d3 * d4 < 0)
