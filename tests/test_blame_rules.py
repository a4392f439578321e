"""Note 000's two rules of blame, measured on the core's deltas; "why this number" against the graph's."""
import numpy as np
import pytest

from backprop import Network


def two_hidden_net(w_out, b_hidden=(0.0, 0.0)):
    return Network.from_parameters([[[0.5, -0.3], [0.8, 0.2]], [w_out]], [list(b_hidden), [0.1]])


def test_zero_outgoing_weight_gets_zero_blame():
    net = two_hidden_net([0.0, 0.9])
    grads = net.backward(net.forward([0.5, 0.1]), [0.0])
    assert grads.delta[1][0, 0] == 0.0
    assert np.all(grads.weights[0][0] == 0.0)
    assert abs(grads.delta[1][0, 1]) > 1e-3


def test_blame_grows_with_the_outgoing_weight():
    small = two_hidden_net([0.1, 0.9])
    large = two_hidden_net([0.6, 0.9])
    d_small = small.backward(small.forward([0.5, 0.1]), [0.0]).delta[1][0, 0]
    d_large = large.backward(large.forward([0.5, 0.1]), [0.0]).delta[1][0, 0]
    assert abs(d_large) > 5 * abs(d_small)


def test_saturated_hidden_neuron_gets_near_zero_blame():
    net = two_hidden_net([0.9, 0.9], b_hidden=(40.0, 0.0))     # neuron 0 sits far up its flat tail
    trace = net.forward([0.5, 0.1])
    grads = net.backward(trace, [0.0])
    assert trace.z[1][0, 0] > 30
    assert abs(grads.delta[1][0, 0]) < 1e-12
    assert abs(grads.delta[1][0, 1]) > 1e-3


def test_a_neuron_feeding_several_outputs_sums_its_blame_over_paths():
    net = Network([2, 3, 2], seed=1)
    trace = net.forward([0.3, -0.7])
    grads = net.backward(trace, [[1.0, 0.0]])
    h = trace.a[1][0]
    by_paths = sum(grads.delta[2][0, j] * net.weights[1][j] for j in range(2)) * h * (1 - h)
    np.testing.assert_allclose(grads.delta[1][0], by_paths, rtol=1e-14)


def test_why_a_parameter_is_delta_times_a_and_delta_a_sum_over_paths():
    """BlameExplorer's "why this number": each number it writes is the computational graph's (an independent
    formulation, backprop.graph) for note 003's network, and the product and sum it writes add up."""
    from backprop.blame import why_parameter
    from backprop.data import worked_example
    from backprop.graph_sources import network_graph
    net, x, y = worked_example()
    trace = net.forward(x)
    grads = net.backward(trace, y)
    g = network_graph(net, x, y)
    graph_grads = g.backward()
    by_label = {n.label: graph_grads[i] for i, n in enumerate(g.nodes)}
    gradient, blame = why_parameter(net, trace, grads, y, ("weights", 0, 1, 0))
    assert gradient.startswith("∂C/∂w⁽¹⁾₂₁ = δ⁽¹⁾₂ · x₁ = ")
    parts = gradient.split(" = ")                       # name, δ · x₁, the two numbers, their product
    delta, a = (float(v) for v in parts[2].split(" × "))
    product = float(parts[3])
    assert (a, product) == (0.5, round(by_label["w⁽¹⁾₂₁"], 4))
    assert delta == round(by_label["z⁽¹⁾₂"], 4) and blame.startswith("δ⁽¹⁾₂ = σ′(z) · Σ w·δ over the one neuron")
    slope, terms = blame.split(" = ")[2].split(" × (")
    w, delta_out = (float(v) for v in terms.rstrip(")").split(" × "))
    assert (w, delta_out) == (0.7, round(by_label["z⁽²⁾₁"], 4))
    assert float(blame.split(" = ")[-1]) == round(by_label["z⁽¹⁾₂"], 4)
    gradient, blame = why_parameter(net, trace, grads, y, ("biases", 1, 0))
    assert gradient == f"∂C/∂b⁽²⁾₁ = δ⁽²⁾₁ · 1 = {by_label['b⁽²⁾₁']:.4f}"
    assert blame.startswith("δ⁽²⁾₁ = ∂C/∂ŷ · σ′(z) = 0.1391 × ")         # ŷ − y = 0.7391 − 0.6, by hand


def test_why_a_delta_sums_over_every_neuron_it_feeds():
    from backprop.blame import why_parameter
    net = Network([2, 3, 2], seed=3)
    x, y = np.array([[0.8, 0.2]]), np.array([[1.0, 0.0]])
    trace = net.forward(x)
    grads = net.backward(trace, y)
    _, blame = why_parameter(net, trace, grads, y, ("weights", 0, 1, 0))
    inside = blame.split(" × (")[1].split(")")[0]
    terms = [tuple(float(v) for v in term.split(" × ")) for term in inside.split(" + ")]
    assert len(terms) == 2 and "the 2 neurons it feeds" in blame
    assert sum(w * d for w, d in terms) == pytest.approx(float(blame.split(" = ")[-2].split(" × ")[1]), abs=2e-4)
