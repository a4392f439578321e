"""A learner in JupyterLab: open lesson 01, run all cells, move a weight with the keyboard.

The z and a the page shows after the move must equal what the core computes,
here in the test, for the slider values read back from the page.
"""
import re

import numpy as np
import pytest
from playwright.sync_api import expect

from backprop import Network

from tools.browser.page import PLOT, expect_readout, nudge, shoot, slider_value, view_with, wait_for_figures

LESSON = "01_neuron_anatomy.ipynb"


def neuron_z_a(x, w, b, activation):
    """z and a of one neuron with inputs x (n,), weights w (n,), bias b, through a 1-layer Network."""
    net = Network.from_parameters([np.reshape(w, (1, -1))], [[b]], activation=activation,
                                  output_activation=activation)
    trace = net.forward(np.reshape(x, (1, -1)))
    return float(trace.z[1][0, 0]), float(trace.a[1][0, 0])


def run_all_cells(page):
    """Clear every output, then Run ▸ Run All Cells, and wait until no cell is
    waiting ([*]) or unrun ([ ]); a cell with its code collapsed shows no prompt."""
    page.get_by_role("menuitem", name="Edit", exact=True).click()
    page.get_by_role("menuitem", name="Clear Outputs of All Cells").click()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function("""() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
        .every(p => /^(\\[\\d+\\]:)?$/.test(p.textContent.trim()))""", timeout=120_000)


def read_neuron(view):
    """Inputs, weights, bias and activation as the NeuronExplorer's controls show them."""
    n = view.locator(".widget-label", has_text="weight w").count()
    x = [slider_value(view, f"input x{k}") for k in range(1, n + 1)]
    w = [slider_value(view, f"weight w{k}") for k in range(1, n + 1)]
    activation = view.locator("select").first.input_value()
    return np.array(x), np.array(w), slider_value(view, "bias b"), activation


def test_weight_slider_moves_z_and_a_in_jupyterlab(jupyterlab, page):
    page.goto(f"{jupyterlab.url}/lab/tree/{LESSON}?reset")       # a fresh workspace: this lesson alone
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for()
    shoot(page, "lab-01-opened")
    run_all_cells(page)
    view = view_with(page, "weight w1")
    view.scroll_into_view_if_needed()
    wait_for_figures(page)
    shoot(page, "lab-02-ran-all-cells")

    x, w, b, activation = read_neuron(view)
    k = int(np.argmax(np.abs(x)))                 # the weight whose input is largest moves z the most
    assert x[k] != 0, f"every input of the NeuronExplorer is 0, so no weight can move z: x = {x}"
    z, a = neuron_z_a(x, w, b, activation)
    expect_readout(view, "z", z)
    expect_readout(view, "a = f(z)", a)

    direction = nudge(view, f"weight w{k + 1}")
    x_new, w_new, b_new, _ = read_neuron(view)
    assert w_new[k] == pytest.approx(w[k] + direction * 0.01), "one key press moves the weight by one step"
    assert (x_new == x).all() and b_new == b
    z_new, a_new = neuron_z_a(x_new, w_new, b_new, activation)
    assert abs(z_new - z) >= 1e-4, "the move must show at the readout's 4 decimals"
    expect_readout(view, "z", z_new)
    expect_readout(view, "a = f(z)", a_new)
    figure = view.locator(PLOT)           # drawn by the browser, labelled
    expect(figure).to_have_attribute("aria-label", re.compile(rf"z = {z_new:.3f}; a = f\(z\) = {a_new:.3f}"))
    wait_for_figures(page)
    shoot(page, "lab-03-weight-moved")
