"""Note 000's two rules of blame, measured on the core's deltas."""
import numpy as np

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
