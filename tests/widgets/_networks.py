"""A learner's network for hypothesis (parameters up to ±1e3), and what a view that takes it must keep.

The rule (issue 12): a view shows a copy of the learner's network that starts bit-identical to
it; the only entry that ever changes is the one the learner moves; an echo from the browser
changes nothing; the loss the view reports is the core's loss on that network.
"""
import numpy as np
from hypothesis import strategies as st

from backprop import Network
from backprop.activations import HIDDEN_ACTIVATIONS
from backprop.parameters import get_parameter, parameter_keys

from _views import echoes, float_sliders, parameters_bytes

PARAMETER = st.one_of(st.floats(-4, 4), st.floats(-1e3, 1e3))
OUTPUTS = ("sigmoid", "tanh", "identity", "softmax")


@st.composite
def learners_networks(draw, n_examples=1):
    """(net, x (n, n_in), y (n, n_out)): any architecture up to 4 layers of 3, any activation, any parameters."""
    sizes = draw(st.lists(st.integers(1, 3), min_size=2, max_size=4))
    output = draw(st.sampled_from(OUTPUTS if len(sizes) > 2 else OUTPUTS[:3]))
    if output == "softmax":
        sizes[-1] = max(sizes[-1], 2)
    weights = [draw(arrays((n_out, n_in))) for n_in, n_out in zip(sizes, sizes[1:])]
    biases = [draw(arrays((n_out,))) for n_out in sizes[1:]]
    net = Network.from_parameters(weights, biases, draw(st.sampled_from(HIDDEN_ACTIVATIONS)), output,
                                  "cross_entropy" if output == "softmax" else "half_squared_error")
    x = draw(arrays((n_examples, sizes[0]), st.floats(-5, 5)))
    low = 0.0 if output in ("sigmoid", "softmax") else -2.0
    y = draw(arrays((n_examples, sizes[-1]), st.floats(low, 1.0)))
    return net, x, y


def arrays(shape, elements=PARAMETER):
    return st.lists(elements, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))).map(
        lambda values: np.array(values, dtype=float).reshape(shape))


def assert_shows(view_net, expected, view_loss, x, y):
    """The view's network is ``expected`` bit for bit, and the loss it reports is the core's on it."""
    assert parameters_bytes(view_net) == parameters_bytes(expected)
    assert view_loss == expected.loss(x, y)


def play(data, view, net, x, y, events, act, loss="loss"):
    """Play a drawn list of ``events`` (``act(event, expected)`` does one) on a view of ``net``; after each,
    and after the browser's echoes, the view shows the expected network and the core's loss on it."""
    learners, expected = parameters_bytes(net), net.copy()
    assert_shows(view.net, expected, view.state[loss], x, y)
    for event in data.draw(st.lists(st.sampled_from(events), max_size=3)):
        act(event, expected)
        assert_shows(view.net, expected, view.state[loss], x, y)
        send_echoes(view)
        assert_shows(view.net, expected, view.state[loss], x, y)
    assert parameters_bytes(net) == learners                  # the learner's own network is never touched


def pick_or_move(data, controls, expected, keys, event, slider):
    """A parameter picker's two events: pick one of ``keys``, or move ``slider``; False for any other event."""
    if event == "parameter":
        controls["parameter"].value = data.draw(st.sampled_from(keys))
    elif event == slider:
        move(expected, controls["parameter"].value, controls[slider], a_move(data.draw, controls[slider]))
    else:
        return False
    return True


def a_move(draw, slider):
    """A value the browser can send for ``slider``: a point of its step grid."""
    steps = round((slider.max - slider.min) / slider.step)
    return slider.min + draw(st.integers(0, steps)) * slider.step


def move(expected, key, slider, value):
    """Move ``slider`` to ``value`` as the learner does; write it into ``expected`` unless it is an echo."""
    if abs(value - get_parameter(expected, key)) > slider.step / 2:
        getattr(expected, key[0])[key[1]][key[2:]] = value
    slider.value = value


def send_echoes(view):
    """Every float slider of the view gets back what a browser may echo of the value the kernel sent it
    (the slider's exact number: an earlier echo is not sent to the browser again)."""
    for slider in float_sliders(view).values():
        for echo in echoes(slider, sent=slider.exact):
            slider.value = echo


def some_key(draw, net):
    """One of ``net``'s parameter keys."""
    return draw(st.sampled_from([key for _, key in parameter_keys(net)]))
