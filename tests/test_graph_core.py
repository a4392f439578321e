"""backprop.graph, graph_rules, graph_walk, graph_sources: every gate against float64 centred finite differences,
reuse and forks, the rules in words, the paths and their sum, note 003's network as a graph. (Not test_graph.py:
tests/widgets/test_graph.py tests the view, and pytest refuses two test modules of one basename.)"""
import math

import numpy as np
import pytest

from backprop.data import worked_example
from backprop.graph import Graph, total
from backprop.graph_rules import paths, rule, why
from backprop.graph_sources import network_graph
from backprop.graph_walk import Walk


def centred(graph, i, eps=1e-6):
    """∂output/∂node i of a leaf by a float64 centred difference, the graph left as it was."""
    x = graph.nodes[i].data
    up = graph.forward({i: x + eps})
    down = graph.forward({i: x - eps})
    graph.forward({i: x})
    return (up - down) / (2 * eps)


def assert_matches_differences(graph):
    grads = Walk(graph).run_to_end()
    assert grads == pytest.approx(graph.backward(), rel=1e-12, abs=1e-15)
    for i in graph.leaves():
        assert grads[i] == pytest.approx(centred(graph, i), rel=1e-6, abs=1e-9), graph.nodes[i].label


def expression(make):
    g = Graph()
    a, b, c = g.leaf("a", 0.7), g.leaf("b", -1.3), g.leaf("c", 0.4)
    make(a, b, c)
    return g


@pytest.mark.parametrize("make", [
    lambda a, b, c: a + b + c, lambda a, b, c: a - b, lambda a, b, c: 2.0 - a * b, lambda a, b, c: a * b * c,
    lambda a, b, c: (a * b) ** 2, lambda a, b, c: (a + 3.0) ** 0.5, lambda a, b, c: (a * b + c).sigmoid(),
    lambda a, b, c: (a - b).tanh(), lambda a, b, c: (a + c).relu() * b, lambda a, b, c: a.max(b, c) * a,
    lambda a, b, c: total([a, b * c, c]).sigmoid(),
], ids=["add", "sub", "rsub", "mul", "pow2", "sqrt", "sigmoid", "tanh", "relu", "max", "sum"])
def test_every_gate_matches_finite_differences(make):
    assert_matches_differences(expression(make))


def test_reuse_and_forks_add_up():
    g = Graph()
    x = g.leaf("x", 3.0)
    (x * x).named("out")                       # one value used twice by one node: 2x
    assert Walk(g).run_to_end()[0] == pytest.approx(6.0)
    g = Graph()
    x, w = g.leaf("x", 0.8), g.leaf("w", -1.2)
    h = (w * x).sigmoid()
    ((h * x + h) * h).named("out")             # h feeds three nodes, x two: a fork at each
    assert_matches_differences(g)


def test_a_fork_shows_the_contributions_adding_up():
    g = Graph()
    x = g.leaf("x", 2.0)
    (x * 3.0 + x).named("out")
    walk = Walk(g)
    words = []
    while not walk.done:
        words += [s.words(g) for s in walk.step().sent]
    assert "x.grad = 1.0000 + 3.0000 = 4.0000" in words or "x.grad = 3.0000 + 1.0000 = 4.0000" in words


def test_network_graph_is_note_003s_network():
    net, x, y = worked_example()
    g = network_graph(net, x, y)
    assert len(g) == 28
    assert g.nodes[-1].data == pytest.approx(net.loss_of(net.forward(x), y), rel=1e-14)
    grads, core = Walk(g).run_to_end(), net.backward(net.forward(x), y)
    for i, n in enumerate(g.nodes):
        if n.role in ("weight", "bias"):
            kind, l, *rest = n.extra["key"]
            assert grads[i] == pytest.approx(getattr(core, kind)[l][tuple(rest)], rel=1e-12)
    assert_matches_differences(g)


@pytest.mark.parametrize("activation", ["tanh", "relu", "identity"])
def test_network_graph_other_neurons(activation):
    from backprop import Network
    net = Network([3, 2, 2], activation=activation, output_activation="sigmoid", seed=1)
    assert_matches_differences(network_graph(net, [0.3, -0.2, 0.9], [0.2, 0.7]))


def test_network_graph_refuses_softmax():
    from backprop import Network
    with pytest.raises(ValueError, match="scalar operations"):
        network_graph(Network([2, 3], output_activation="softmax", loss="cross_entropy"), [0.1, 0.2], [0, 0, 1])


def test_rules_in_words_with_their_numbers():
    g = Graph()
    a, b = g.leaf("a", 0.3), g.leaf("b", 0.14)
    out = (a * b).named("out")
    assert rule(g, out.index, 0.5)[1] == ("× swaps: a gets b · out.grad = 0.1400 × 0.5000 = 0.0700; "
                                          "b gets a · out.grad = 0.3000 × 0.5000 = 0.1500")
    g = Graph()
    a, b = g.leaf("a", 0.3), g.leaf("b", 0.9)
    m = a.max(b)
    assert rule(g, m.index, 2.0)[1] == ("max routes it to the winner, none to the others: a gets 0 (not the winner) "
                                        "= 0.0000; b gets out.grad (the winner) = 2.0000")
    s = g.leaf("z", 0.0).sigmoid()
    assert rule(g, s.index, 1.0)[1].startswith("σ scales it by σ(1−σ): z gets out(1 − out) · out.grad = "
                                               "0.5000 × 0.5000 × 1.0000 = 0.2500")


def test_paths_products_sum_to_the_gradient():
    net, x, y = worked_example()
    g = network_graph(net, x, y)
    grads = g.backward()
    x1 = 0
    found, count = paths(g, x1)
    assert count == 2 == len(found)            # x₁ reaches C through both hidden neurons
    assert math.fsum(p.product for p in found) == pytest.approx(grads[x1], rel=1e-12)
    assert why(g, x1).startswith("∂C/∂x₁ = the sum over its 2 paths: (")
    assert why(g, x1).split(" = ")[-1].startswith(f"{grads[x1]:.4f}")


def test_paths_count_many_without_listing_them():
    g = Graph()
    v = g.leaf("x", 0.5)
    for _ in range(10):
        v = v * v                               # 2¹⁰ paths from x
    found, count = paths(g, 0, limit=8)
    assert (len(found), count) == (8, 1024)
    assert "(960 more paths)" in why(g, 0)          # why lists MAX_PATHS = 64 of them


def test_back_restores_and_step_stops_at_the_end():
    net, x, y = worked_example()
    g = network_graph(net, x, y)
    walk = Walk(g)
    first = list(walk.grads)
    walk.step()
    after_one = list(walk.grads)
    walk.step()
    walk.back()
    assert walk.grads == after_one
    walk.back()
    assert walk.grads == first and walk.position == 0
    walk.run_to_end()
    assert walk.step() is None


def test_nan_and_inf_flow_through_without_a_warning():
    g = Graph()
    a = g.leaf("a", 800.0)
    b = g.leaf("b", math.nan)
    with np.errstate(all="raise"):
        big = (a ** 200 * 2.0).named("big")
        (a.sigmoid() + b + big).named("out")
        assert math.isinf(big.node.data) and math.isnan(g.forward())
        assert not math.isfinite(Walk(g).run_to_end()[0])   # a reaches the output through the overflow


def test_huge_numbers_are_written_in_scientific_notation_not_with_all_their_digits():
    import re
    from backprop.graph_rules import fmt
    assert fmt(1e200) == "1.000e+200" and fmt(-2.5e7) == "-2.500e+07" and fmt(999999.0) == "999999.0000"
    assert fmt(0.5) == "0.5000" and fmt(1.234e-5) == "1.23e-05"
    g = Graph()
    x = g.leaf("x", 1e200)
    (x * 3.0).named("out")
    g.backward()
    walk = Walk(g)
    walk.run_to_end()
    assert not re.search(r"\d{13}", walk.last.text)
