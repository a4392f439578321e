"""Section 3: the cost of one forward + backward on note 003's 2-2-1 worked example, one example.

This is what a live view pays for the maths before it draws anything.
"""
import timeit

import numpy as np

from backprop import Network

from ._report import Section

X, Y = np.array([0.5, 0.1]), 0.6
WEIGHTS = [[[0.4, 0.3], [0.6, 0.9]], [[0.5, 0.7]]]
BIASES = [[0.1, 0.2], [0.3]]


def worked_example():
    """Note 003's network: 2 inputs, 2 sigmoid hidden neurons, 1 sigmoid output, ½(ŷ − y)² loss."""
    return Network.from_parameters(WEIGHTS, BIASES, activation="sigmoid", loss="half_squared_error")


def microseconds(fn, number, repeats):
    """Median over ``repeats`` of the mean µs per call over ``number`` calls (after one warm-up round)."""
    timeit.repeat(fn, number=number, repeat=1)
    return float(np.median(timeit.repeat(fn, number=number, repeat=repeats))) / number * 1e6


def run(quick=False):
    """The core-call section of the table."""
    net, number, repeats = worked_example(), (500 if quick else 2000), (5 if quick else 21)
    Xb, Yb = X[None, :], np.array([[Y]])                     # the shapes forward/backward use inside
    calls = {
        "net.backward(net.forward(x), y)  (public, validated)": lambda: net.backward(net.forward(X), Y),
        "net.loss_and_gradients(X, Y)  (fit's step: no trace copies)": lambda: net.loss_and_gradients(Xb, Yb),
        "net.forward(x) alone": lambda: net.forward(X),
    }
    section = Section(f"3. core call cost: 2-2-1 worked example, one example, "
                      f"median of {repeats} rounds × {number} calls",
                      ["call", "µs per call"])
    for name, fn in calls.items():
        section.rows.append([name, f"{microseconds(fn, number, repeats):.1f}"])
    return section
