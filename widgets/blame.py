"""BlameExplorer: a network diagram that shows the forward pass or the blame δ flowing back.

Used in lessons/04_hidden_layer_blame and 05_worked_example (its default is note 003's
2-2-1 network). Every number comes from Network.forward/backward/step; backprop.explore
picks one parameter and hides the blame a backward pass has not reached yet.
"""
import ipywidgets as widgets
import numpy as np

from backprop import Network
from backprop.blame import reveal_blame, revealed_layers
from backprop.data import WORKED_LR, worked_example
from backprop.parameters import get_parameter, gradient_of, parameter_keys, set_parameter

from ._base import View, float_slider
from ._diagram import NetworkDiagram, parameter_table
from ._labels import Labels

P_MAX, X_MAX = 4.0, 2.0
MODES = (("forward: a and w", "forward"), ("blame: δ and ∂C/∂w", "blame"))


class BlameExplorer(View):
    """Neurons shaded by a (or δ), edges by w (or ∂C/∂w); sliders, Step, and backward one layer at a time."""

    def __init__(self, sizes=None, activation="sigmoid", output_activation=None, loss="half_squared_error",
                 x=None, y=None, lr=WORKED_LR, seed=0):
        if sizes is None:
            net, x0, y0 = worked_example()
        else:
            net = Network(sizes, activation, output_activation, loss, seed=seed)
            x0, y0 = np.linspace(0.1, 0.9, net.sizes[0])[None, :], np.full((1, net.sizes[-1]), 0.5)
        self.net, self.depth = net, len(net.sizes) - 1
        self._initial = (net.copy(), np.reshape(x0 if x is None else x, (1, -1)),
                         np.reshape(y0 if y is None else y, (1, -1)))
        self.steps, self.message = 0, ""
        controls = self._make_controls(lr, "Reset to note 003" if sizes is None else "Reset")
        controls["value"].observe(self._on_value, names="value")           # before the view's own refresh
        controls["parameter"].observe(self._on_parameter, names="value")
        controls["reveal"].observe(self._on_reveal, names="value")
        controls["step"].on_click(lambda _: self.step())
        controls["back"].on_click(lambda _: self.backward_one_layer())
        controls["reset"].on_click(lambda _: self.reset())
        super().__init__(controls)

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
                    "value": float_slider("its value", get_parameter(net, keys[0][1]), -P_MAX, P_MAX)}
        controls.update({f"x{k + 1}": float_slider(f"input x{k + 1}", v, -X_MAX, X_MAX) for k, v in enumerate(x[0])})
        controls.update({f"y{j + 1}": float_slider(f"target y{j + 1}", v, y_low, y_high) for j, v in enumerate(y[0])})
        controls.update({"lr": float_slider("learning rate η", lr, 0.01, 5.0),
                         "step": widgets.Button(description="Step (gradient descent)", button_style="primary"),
                         "reset": widgets.Button(description=reset)})
        return controls

    def _control_box(self):
        c, rows = self.controls, [["show", "back", "reveal"], ["parameter", "value"], ["lr", "step", "reset"]]
        io = [widgets.HBox([c[k] for k in c if k[0] in "xy" and k[1:].isdigit()], layout={"flex_flow": "row wrap"})]
        return widgets.VBox([widgets.HBox([c[k] for k in row]) for row in rows[:2]] + io +
                            [widgets.HBox([c[k] for k in rows[2]])])

    # ---- actions ------------------------------------------------------
    def _on_value(self, change):
        key = self.controls["parameter"].value
        echo = abs(change["new"] - get_parameter(self.net, key)) <= self.controls["value"].step / 2
        if not getattr(self, "_quiet", 0) and not echo:   # echo: the browser rounding our own update
            set_parameter(self.net, key, change["new"])

    def _on_parameter(self, change):
        with self._silenced():
            self.controls["value"].value = get_parameter(self.net, change["new"])

    def _on_reveal(self, change):
        with self._silenced():                    # moving the backward slider means: show the blame
            self.controls["show"].value = "blame"

    def _sync_value(self):
        self._on_parameter({"new": self.controls["parameter"].value})

    def step(self):
        """One gradient-descent update of every parameter (Network.step) with the lr on the slider."""
        trial, x, y = self.net.copy(), self._x(), self._y()
        try:
            with np.errstate(all="raise", under="ignore"):
                trial.step(trial.backward(trial.forward(x), y), self.controls["lr"].value)
                if not np.isfinite(trial.loss(x, y)):      # the core reports an overflow as C = inf
                    raise FloatingPointError("the loss overflowed")
            self.net, self.steps, self.message = trial, self.steps + 1, ""
        except (FloatingPointError, ValueError):          # ValueError: the core refused a step to inf/NaN
            self.message = "Step refused: the numbers would overflow (the descent diverged). Lower η or press Reset."
        self._sync_value()
        self._refresh()

    def backward_one_layer(self):
        """Show blame, one more layer from the output back (starting again after the first layer)."""
        c = self.controls
        with self._silenced():
            full = c["show"].value == "forward" or c["reveal"].value >= self.depth
            c["reveal"].value = 1 if full else c["reveal"].value + 1
            c["show"].value = "blame"
        self._refresh()

    def reset(self):
        """Back to the starting network, inputs and targets."""
        net, x, y = self._initial
        self.net, self.steps, self.message = net.copy(), 0, ""
        with self._silenced():
            for k, v in enumerate(x[0]):
                self.controls[f"x{k + 1}"].value = v
            for j, v in enumerate(y[0]):
                self.controls[f"y{j + 1}"].value = v
            self._sync_value()
        self._refresh()

    # ---- numbers and drawing -------------------------------------------
    def _x(self, name="x", n=None):
        n = self.net.sizes[0] if n is None else n
        return np.array([[self.controls[f"{name}{k + 1}"].value for k in range(n)]])

    def _y(self):
        return self._x("y", self.net.sizes[-1])

    def _compute(self):
        x, y, net = self._x(), self._y(), self.net
        trace = net.forward(x)
        grads = net.backward(trace, y)
        reveal = self.controls["reveal"].value
        state = {"mode": self.controls["show"].value, "x": x[0], "y": y[0], "y_hat": trace.y_hat[0],
                 "loss": net.loss_function(trace.y_hat, net.targets(y, 1)), "steps": self.steps, "revealed": revealed_layers(self.depth, reveal),
                 "parameter": self.controls["parameter"].value, "shown": reveal_blame(grads, reveal),
                 "lr": self.controls["lr"].value}
        for L in range(1, self.depth + 1):
            state[f"z[{L}]"], state[f"a[{L}]"], state[f"delta[{L}]"] = trace.z[L][0], trace.a[L][0], grads.delta[L][0]
        for l in range(self.depth):
            state[f"weights[{l}]"], state[f"biases[{l}]"] = net.weights[l].copy(), net.biases[l].copy()
            state[f"grad_weights[{l}]"], state[f"grad_biases[{l}]"] = grads.weights[l], grads.biases[l]
        state["gradients"] = grads
        return state

    def _draw(self):
        ax = self.figure.add_axes([0.0, 0.0, 1.0, 0.92])
        self.diagram = NetworkDiagram(ax, self.net.sizes)
        self.title = Labels(self.figure, [(0.5, 0.95)], fontsize=9, transform=self.figure.transFigure)
        self._mark_dynamic(*self.diagram.dynamic_artists(), self.title)

    def _update_artists(self):
        s, layers = self.state, range(1, self.depth + 1)
        if s["mode"] == "forward":
            self.diagram.show_forward([s["x"]] + [s[f"a[{L}]"] for L in layers],
                                      [s[f"weights[{l}]"] for l in range(self.depth)])
            y_hat = ", ".join(f"{v:.4f}" for v in s["y_hat"])
            self.title.set_texts([f"forward pass: ŷ = {y_hat}, C = {s['loss']:.5f}, η = {s['lr']:.2f}"])
        else:
            shown = s["shown"]
            self.diagram.show_blame([None if d is None else d[0] for d in shown.delta[1:]], shown.weights)
            self.title.set_texts([f"blame δ and ∂C/∂w: {len(s['revealed'])} of {self.depth} layers back, "
                                  f"C = {s['loss']:.5f}, η = {s['lr']:.2f}"])
        self.diagram.mark(s["parameter"])

    def _readout_items(self):
        s = self.state
        return [("C", s["loss"]), ("ŷ", s["y_hat"]), ("steps", self.steps)]

    def _readout_html(self):
        s = self.state
        known = s["revealed"] if s["mode"] == "blame" else range(1, self.depth + 1)
        rows = [(label, get_parameter(self.net, key), gradient_of(s["gradients"], key) if key[1] + 1 in known
                 else None) for label, key in parameter_keys(self.net)]
        warning = f"<p style='color:#b2182b'>{self.message}</p>" if self.message else ""
        return warning + super()._readout_html() + parameter_table(rows)
