"""widgets/figures/network.py: the diagram's marks carry the network's numbers, colours and words."""
import numpy as np
import pytest
from matplotlib.colors import to_hex

from backprop.widgets.figures import NetworkFigure

pytestmark = pytest.mark.filterwarnings("error")
W = [np.array([[0.4, 0.3], [0.6, 0.9]]), np.array([[0.5, -0.7]])]
A = [np.array([0.5, 0.1]), np.array([0.58, 0.57]), np.array([0.7])]


def by_type(marks, kind):
    return [m for m in marks if m["type"] == kind]


def test_forward_labels_neurons_by_a_and_edges_by_w():
    net = NetworkFigure([2, 2, 1])
    marks = net.forward(A, W, ("weights", 0, 0, 0))
    node_words, edge_words = by_type(marks, "text")
    assert node_words["text"] == ["0.500", "0.100", "0.580", "0.570", "0.700"]
    assert edge_words["text"] == ["+0.40", "+0.30", "+0.60", "+0.90", "+0.50", "-0.70"]   # weights[l][j, k] order
    edges = by_type(marks, "segments")[-1]
    assert edges["color"][-1] == "negative" and edges["color"][0] == "positive"            # sign: red < 0 < blue
    widths = np.array(edges["width"])
    scale = 1.0                                   # the largest |w| (0.9), but at least 1 in the forward view
    np.testing.assert_allclose((widths - 0.8) / 7.0, np.abs(np.concatenate([w.ravel() for w in W])) / scale)


def test_nodes_sit_left_to_right_neuron_one_on_top():
    marks = NetworkFigure([2, 3, 1]).forward([np.zeros(2), np.zeros(3), np.zeros(1)],
                                             [np.zeros((3, 2)), np.zeros((1, 3))], ("biases", 0, 1))
    nodes = by_type(marks, "points")[-1]
    assert nodes["x"] == [0, 0, 1, 1, 1, 2] and nodes["y"] == [0.5, -0.5, 1, 0, -1, 0]
    ring = by_type(marks, "points")[0]                       # the bias of neuron 2 in layer 1 is marked
    assert (ring["x"], ring["y"], ring["color"]) == ([1.0], [0.0], "highlight")


def test_blame_not_yet_revealed_is_grey_with_question_marks():
    net = NetworkFigure([2, 2, 1])
    deltas, grads = [None, np.array([0.25])], [None, np.array([[0.1, -0.2]])]
    marks = net.blame(deltas, grads, ("weights", 1, 0, 1))
    nodes, (node_words, edge_words) = by_type(marks, "points")[-1], by_type(marks, "text")
    assert nodes["color"][:2] == ["#ffffff"] * 2 and nodes["color"][2:4] == ["#d9d9d9"] * 2
    assert node_words["text"] == ["", "", "?", "?", "+0.2500"]
    assert edge_words["text"] == ["?"] * 4 + ["+0.1000", "-0.2000"]
    highlight = by_type(marks, "segments")[0]
    assert (highlight["x0"], highlight["y0"], highlight["x1"], highlight["y1"]) == ([1.0], [-0.5], [2.0], [0.0])


def test_backdrop_names_the_layers():
    assert NetworkFigure([3, 4, 4, 2]).backdrop()[0]["text"] == ["inputs", "hidden 1", "hidden 2", "output"]
