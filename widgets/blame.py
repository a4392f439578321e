"""BlameExplorer: a network diagram that shows the forward pass, the blame δ, or the blame w·δ passed back.

Used in lessons/04_hidden_layer_blame and 05_worked_example (its default is note 003's
2-2-1 network). A move asks the core once: one forward and one backward pass, whose Trace and
Gradients are the state; Step descends with those Gradients (Network.step). backprop.blame
hides the blame a backward pass has not reached yet. The diagram is a browser-drawn Plot
(figures/network.py) whose marks and words, like the readout, come from ``state`` alone.
"""

import ipywidgets as widgets
import numpy as np

from backprop import Network
from backprop.activations import HIDDEN_ACTIVATIONS
from backprop.blame import passed_back, reveal_blame, revealed_layers, why_parameter
from backprop.data import WORKED_LR, worked_example
from backprop.parameters import get_parameter, parameter_keys

from backprop import checks as check
from ._base import Demo, View
from ._blame_figure import describe, diagram_marks, parameter_rows
from ._readout import parameter_table, words
from ._sliders import ExactSlider
from .figures import NetworkFigure

P_MAX, X_MAX, MAX_LAYERS, MAX_WIDTH = 4.0, 2.0, 10, 32
MODES = (("forward: a and w", "forward"), ("blame: δ and ∂C/∂w", "blame"), ("passed back: w·δ", "passed"))


def starting_network(sizes, activation, output_activation, loss, seed, net):
    """(network, default x, default y, reset label): note 003's, a new one of ``sizes``, or a copy of ``net``."""
    activation, loss = check.choice(activation, "activation", HIDDEN_ACTIVATIONS), check.loss(loss)
    if output_activation is not None:
        output_activation = check.activation(output_activation, "output_activation")
    seed = check.whole(seed, "seed")
    if net is not None and sizes is not None:
        raise ValueError("give sizes or net, not both: BlameExplorer(sizes=[2, 2, 1]) or BlameExplorer(net=net); "
                         f"got sizes={sizes!r} and a net")
    if net is None and sizes is None:
        net, x, y = worked_example()
        return net, x, y, "Reset to note 003"
    if net is None:
        sizes = check.sizes(sizes, MAX_LAYERS, MAX_WIDTH)      # its own message, not under "loss"
        with check.argument("loss"):
            net = Network(sizes, activation, output_activation, loss, seed=seed)
    elif len(check.network(net).sizes) > MAX_LAYERS or max(net.sizes) > MAX_WIDTH:
        raise ValueError(f"net must have at most {MAX_LAYERS} layers of at most {MAX_WIDTH} neurons for the "
                         f"diagram to show each one; got sizes {net.sizes} — try NudgeExplorer(net, x, y)")
    else:
        net = net.copy()
    return net, np.linspace(0.1, 0.9, net.sizes[0]), np.full(net.sizes[-1], 0.5), "Reset"


class BlameExplorer(View):
    """Neurons shaded by a (or δ), edges by w (or ∂C/∂w, or w·δ); sliders, Step, backward one layer at a time.

    show "passed": each edge carries the blame w·δ it passes back from neuron j to neuron k
    (weights[l][j, k] * delta[l+1][j]), each neuron the sum it receives, Σ_j w_jk·δ_j = ∂C/∂a_k;
    the output neurons their own δ. A zero weight passes back no blame, yet its own gradient δ_j·a_k
    need not be zero.
    ``net``: show a copy of your own network (bit-identical; only what you move or Step changes).
    The **parameter** dropdown (or a click on an edge of the diagram: its weight; on a neuron: its bias) picks the
    parameter its slider moves and the readout's "why this number" explains.
    """

    demo = Demo("its value")

    plot_size = (640, 320)

    def __init__(self, sizes=None, activation="sigmoid", output_activation=None, loss="half_squared_error",
                 x=None, y=None, lr=WORKED_LR, seed=0, net=None):
        net, x0, y0, reset = starting_network(sizes, activation, output_activation, loss, seed, net)
        self.net, self.depth, self._labelled = net, len(net.sizes) - 1, parameter_keys(net)    # (label, key) pairs
        self._initial = (net.copy(), check.example(x0 if x is None else x, "x", net.sizes[0], "inputs"),
                         check.example(y0 if y is None else y, "y", net.sizes[-1], "targets"))
        self.steps, self.message = 0, ""
        controls = self._make_controls(check.positive(lr, "lr"), reset)
        self._sync_value = self._bind_parameter(controls["parameter"], controls["value"])
        controls["reveal"].observe(self._on_reveal, names="value")
        super().__init__(controls, actions={"step": self.step, "back": self.backward_one_layer, "reset": self.reset})
        self.figure.on_click(self.choose)

    def _make_controls(self, lr, reset):
        net, x, y = self._initial
        keys = parameter_keys(net)
        y_low = 0.0 if net.output_activation.name in ("sigmoid", "softmax") else -X_MAX
        y_high = 1.0 if y_low == 0.0 else X_MAX
        controls = {"show": widgets.ToggleButtons(options=MODES, value="forward", description="show"),
                    "reveal": widgets.IntSlider(self.depth, 0, self.depth, description="backward steps shown",
                                                style={"description_width": "initial"}),
                    "back": widgets.Button(description="◀ backward one layer"),
                    "parameter": widgets.Dropdown(options=keys, value=keys[0][1], description="parameter"),
                    "value": ExactSlider("its value", get_parameter(net, keys[0][1]), -P_MAX, P_MAX,
                                             name=f"net's parameter {keys[0][0]}")}
        controls.update({f"x{k + 1}": ExactSlider(f"input x{k + 1}", v, -X_MAX, X_MAX, name="x")
                         for k, v in enumerate(x)})
        controls.update({f"y{j + 1}": ExactSlider(f"target y{j + 1}", v, y_low, y_high, name="y")
                         for j, v in enumerate(y)})
        controls.update({"lr": ExactSlider("learning rate η", lr, 0.01, 5.0, name="lr", positive=True),
                         "step": widgets.Button(description="Step (gradient descent)", button_style="primary"),
                         "reset": widgets.Button(description=reset)})
        return controls

    def _release(self):
        self._sync_value = None                   # it holds the parameter's dropdown and slider

    def _control_box(self):
        c, rows = self.controls, [["show", "back", "reveal"], ["parameter", "value"], ["lr", "step", "reset"]]
        io = [widgets.HBox([c[k] for k in c if k[0] in "xy" and k[1:].isdigit()], layout={"flex_flow": "row wrap"})]
        return widgets.VBox([widgets.HBox([c[k] for k in row]) for row in rows[:2]] + io +
                            [widgets.HBox([c[k] for k in rows[2]])])

    # ---- actions ------------------------------------------------------
    def choose(self, label):
        """Pick the parameter named ``label`` ('w⁽¹⁾₁₂', 'b⁽²⁾₁'), as a click on its edge (a weight) or its neuron
        (a bias) in the diagram does: the dropdown, its value's slider and the readout's why-this-number follow.
        A name the network has no parameter of is ignored."""
        key = dict(self._labelled).get(label)
        if key is not None:
            self.controls["parameter"].value = key

    def _on_reveal(self, change):
        if self.controls["show"].value == "forward":
            with self._silenced():                # moving the backward slider means: show the blame
                self.controls["show"].value = "blame"

    def step(self):
        """One gradient-descent update of every parameter (Network.step) with the gradients shown and the lr
        on the slider; refused, in words, when the numbers would overflow."""
        if not all(np.array_equal(old, now) for old, now in zip(self.state["trace"].parameters,
                                                                 self.net.parameters())):
            self._refresh()                            # the network was edited by hand since it was shown
        before, trial, state = (self.net, self.steps), self.net.copy(), None
        try:
            with np.errstate(all="raise", under="ignore"):
                trial.step(self.state["gradients"], self.controls["lr"].exact)
                self.net, self.steps, self.message = trial, self.steps + 1, ""
                state = self._compute()                # the stepped network's passes: the next state
                if not np.isfinite(state["loss"]):     # the core reports an overflow as C = inf
                    raise FloatingPointError("the loss overflowed")
        except (FloatingPointError, ValueError):          # ValueError: the core refused a step to inf/NaN
            (self.net, self.steps), state = before, None
            self.message = "Step refused: the numbers would overflow (the descent diverged). Lower η or press Reset."
        self._sync_value()
        self._refresh(state)

    def backward_one_layer(self):
        """Show blame, one more layer from the output back (starting again after the first layer)."""
        c = self.controls
        with self._silenced():
            full = c["show"].value == "forward" or c["reveal"].value >= self.depth
            c["reveal"].value = 1 if full else c["reveal"].value + 1
            c["show"].value = "blame" if c["show"].value == "forward" else c["show"].value
        self._refresh()

    def reset(self):
        """Back to the starting network, inputs and targets."""
        net, x, y = self._initial
        self.net, self.steps, self.message = net.copy(), 0, ""
        with self._silenced():
            for k, v in enumerate(x):
                self.controls[f"x{k + 1}"].show(v)
            for j, v in enumerate(y):
                self.controls[f"y{j + 1}"].show(v)
            self._sync_value()
        self._refresh()

    # ---- numbers and drawing -------------------------------------------
    def _x(self, name="x", n=None):
        n = self.net.sizes[0] if n is None else n
        return np.array([[self.controls[f"{name}{k + 1}"].exact for k in range(n)]])

    def _y(self):
        return self._x("y", self.net.sizes[-1])

    def _compute(self):
        x, y, net = self._x(), self._y(), self.net
        trace = net.forward(x)
        grads, reveal, key = net.backward(trace, y), self.controls["reveal"].value, self.controls["parameter"].value
        shown = reveal_blame(grads, reveal)
        deltas = [None if d is None else d[0] for d in shown.delta[1:]]
        passed, received = passed_back(trace.parameters[0::2], deltas)
        return {"mode": self.controls["show"].value, "x": x[0], "y": y[0], "y_hat": trace.y_hat[0],
                "loss": net.loss_of(trace, y), "steps": self.steps, "lr": self.controls["lr"].exact,
                "trace": trace, "gradients": grads, "shown": shown, "revealed": revealed_layers(self.depth, reveal),
                "passed": passed, "received": received + [deltas[-1]],   # the output neurons hold their own δ
                "parameter": key, "label": dict((k, name) for name, k in self._labelled)[key], "keys": self._labelled,
                "why": why_parameter(net, trace, grads, y, key), "message": self.message}

    def _draw(self):
        self.diagram = NetworkFigure(self.net.sizes)

    def _update_artists(self):
        s = self.state
        marks, title = diagram_marks(self.diagram, s)
        self.figure.show(marks, backdrop=self.diagram.backdrop(), panels=[self.diagram.panel()], title=title,
                         description=describe(s, title))

    def _readout_items(self):
        s = self.state
        return [("C", s["loss"]), ("ŷ", s["y_hat"]), ("steps", s["steps"])]

    def _readout_html(self):
        s = self.state
        warning = f"<p style='color:var(--bp-wrong, #8c510a)'>{words(s['message'])}</p>" if s["message"] else ""
        why = "<p><b>why this number:</b> " + "<br>".join(words(line) for line in s["why"]) + "</p>"
        return warning + super()._readout_html() + why + parameter_table(parameter_rows(s))

