"""A click on BlameExplorer's diagram picks a parameter: each edge carries its weight's name and each neuron past
the inputs its bias's name (the key plot.js sends back on a click); the message a click sends sets the dropdown,
its slider and the readout's "why this number" (δ · a, from backprop.blame, not the view)."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import Network  # noqa: E402
from backprop.blame import why_parameter  # noqa: E402
from backprop.graph_rules import fmt  # noqa: E402
from backprop.parameters import get_parameter, parameter_keys  # noqa: E402
from backprop.widgets import BlameExplorer  # noqa: E402
from backprop.widgets._readout import words  # noqa: E402

from _views import X, Y, diagram, note_003  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


def click(view, content):
    """What the kernel receives when plot.js sends ``content`` (model.send) from the view's figure."""
    view.figure._handle_msg({"content": {"data": {"method": "custom", "content": content}}, "buffers": []})


def neuron_at(sizes, layer, index):
    """The position of neuron ``index`` of ``layer`` among the diagram's neurons (layer by layer)."""
    return sum(sizes[:layer]) + index


@pytest.mark.parametrize("sizes", [None, [3, 4, 2], [2, 3, 3, 1]])
def test_every_edge_carries_its_weights_name_and_every_neuron_its_biases(sizes):
    net = note_003() if sizes is None else Network(sizes, seed=1)
    view = BlameExplorer(net=net)
    sizes, shown = net.sizes, diagram(view)
    edges, nodes = shown["edges"], shown["nodes"]
    labelled = parameter_keys(net)
    weights = [(label, key) for label, key in labelled if key[0] == "weights"]
    assert sorted(edges["keys"]) == sorted(label for label, _ in weights)        # one edge per weight, no other
    for label, (_, l, j, k) in weights:
        i = edges["keys"].index(label)
        start, end = neuron_at(sizes, l, k), neuron_at(sizes, l + 1, j)        # from a⁽ˡ⁾ₖ to neuron j of layer l+1
        assert (edges["x0"][i], edges["y0"][i]) == (nodes["x"][start], nodes["y"][start]), label
        assert (edges["x1"][i], edges["y1"][i]) == (nodes["x"][end], nodes["y"][end]), label
        if shown["edge_words"]:                                                # the number written on that edge
            assert shown["edge_words"][i] == f"{net.weights[l][j, k]:+.2f}", label
    biases = {label: key for label, key in labelled if key[0] == "biases"}
    assert nodes["keys"][:sizes[0]] == [""] * sizes[0]                         # an input has no bias
    assert len(nodes["keys"]) == sum(sizes)
    for label, (_, l, j) in biases.items():
        assert nodes["keys"][neuron_at(sizes, l + 1, j)] == label
    assert all(m.get("keys") is None for m in view.figure.marks if m["type"] in ("points", "segments")
               and m not in (edges, nodes))                                    # the highlight is not a target
    view.close()


def test_a_click_on_an_edge_sets_the_dropdown_and_the_why_this_number_of_that_weight():
    view = BlameExplorer()
    net = note_003()
    trace = net.forward(X)
    grads = net.backward(trace, Y)
    for label, key in parameter_keys(net):
        click(view, {"clicked": label})
        assert view.controls["parameter"].value == key
        assert view.controls["value"].exact == get_parameter(net, key)
        gradient, blame = why_parameter(net, trace, grads, Y, key)       # the core's words, for the same example
        assert view.state["why"] == (gradient, blame)
        assert words(gradient) in view.readout.value and words(blame) in view.readout.value   # as the readout writes them
        l, j = key[1], key[2]
        if key[0] == "weights":                                         # δ · a with its numbers, by hand
            delta, a = grads.delta[l + 1][0, j], trace.a[l][0, key[3]]
            assert f"= {fmt(delta)} × {fmt(a)} = {fmt(delta * a)}" in gradient
            assert fmt(delta * a) == fmt(grads.weights[l][j, key[3]])
        else:
            assert gradient.endswith(f"· 1 = {fmt(grads.delta[l + 1][0, j])}") and fmt(grads.biases[l][j]) == \
                fmt(grads.delta[l + 1][0, j])
    view.close()


def test_the_same_edge_clicked_again_after_the_dropdown_moved_picks_it_again():
    view = BlameExplorer()
    click(view, {"clicked": "w⁽¹⁾₂₁"})
    view.controls["parameter"].value = ("biases", 1, 0)                  # the keyboard's way, in between
    assert view.state["why"][0].startswith("∂C/∂b⁽²⁾₁ = δ⁽²⁾₁ · 1")
    click(view, {"clicked": "w⁽¹⁾₂₁"})
    assert view.controls["parameter"].value == ("weights", 0, 1, 0)
    assert view.state["why"][0].startswith("∂C/∂w⁽¹⁾₂₁ = δ⁽¹⁾₂ · x₁ = ")
    view.close()


@pytest.mark.parametrize("content", [{"clicked": "w⁽³⁾₁₁"}, {"clicked": ""}, {"clicked": 3}, {"other": "w⁽¹⁾₁₁"},
                                     "w⁽¹⁾₁₁", {"clicked": "<b>"}])
def test_a_click_message_naming_no_parameter_changes_nothing(content):
    view = BlameExplorer()
    before = (view.controls["parameter"].value, view.readout.value, view.figure.description)
    click(view, content)
    assert (view.controls["parameter"].value, view.readout.value, view.figure.description) == before
    view.close()
