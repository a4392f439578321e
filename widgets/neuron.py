"""NeuronExplorer: inputs, weights, bias and activation of one neuron → z, a, f'(z).

Used in lessons/01_neuron_anatomy. The numbers come from backprop.explore.neuron.
"""
import ipywidgets as widgets
import numpy as np

from backprop.activations import HIDDEN_ACTIVATIONS
from backprop.explore import activation_curve, neuron, tangent

from . import _checks as check
from ._base import View, curve_with_tangent
from ._sliders import ExactSlider

X_MAX, W_MAX, B_MAX, MOST_INPUTS = 1.0, 3.0, 2.0, 8


class NeuronExplorer(View):
    """One neuron: sliders for x, w, b and an activation dropdown; the curve a = f(z) with its tangent."""

    def __init__(self, x=(0.5, 0.1), w=(0.4, 0.3), b=0.1, activation="sigmoid"):
        x = check.vector(x, "x", what="inputs", most=MOST_INPUTS)
        w = check.vector(w, "w", what="weights", most=MOST_INPUTS)
        if x.size != w.size:
            raise ValueError(f"x and w must be the same length, one weight per input; got {x.size} inputs in x "
                             f"and {w.size} weights in w")
        self.n_in, b = x.size, check.number(b, "b")
        activation = check.choice(activation, "activation", HIDDEN_ACTIVATIONS)
        controls = {"activation": widgets.Dropdown(options=HIDDEN_ACTIVATIONS, value=activation,
                                                   description="activation f")}
        controls.update({f"x{k + 1}": ExactSlider(f"input x{k + 1}", v, -X_MAX, X_MAX) for k, v in enumerate(x)})
        controls.update({f"w{k + 1}": ExactSlider(f"weight w{k + 1}", v, -W_MAX, W_MAX) for k, v in enumerate(w)})
        controls["b"] = ExactSlider("bias b", b, -B_MAX, B_MAX)
        reach = {name: max(-c.min, c.max) for name, c in controls.items() if name != "activation"}
        self.z_max = sum(reach[f"x{k + 1}"] * reach[f"w{k + 1}"] for k in range(self.n_in)) + reach["b"]
        super().__init__(controls)                 # z_max: the largest |z| the sliders allow

    def _values(self, prefix):
        return np.array([self.controls[f"{prefix}{k + 1}"].exact for k in range(self.n_in)])

    def _compute(self):
        x, w, b = self._values("x"), self._values("w"), self.controls["b"].exact
        state = {"x": x, "w": w, "b": b, **neuron(x, w, b, self.controls["activation"].value)}
        state["tangent"] = tangent(state["z"], state["a"], state["da_dz"], self._tangent_z(state["z"]))
        return state

    @staticmethod
    def _tangent_z(z):
        return np.array([z - 2.0, z + 2.0])

    def _draw(self):
        self.figure.subplots_adjust(left=0.09, right=0.98, bottom=0.16, top=0.9, wspace=0.3)
        self.ax_curve, self.ax_terms = self.figure.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
        self.z_grid = np.linspace(-self.z_max, self.z_max, 241)
        ax = self.ax_curve
        ax.set(xlim=(-self.z_max, self.z_max), xlabel="weighted input z", title="a = f(z) and its slope f'(z)")
        ax.axhline(0, color="0.8", lw=0.8)
        ax.axvline(0, color="0.8", lw=0.8)
        self.curve, self.tangent_line, self.point, self.numbers = curve_with_tangent(ax)
        names = [f"w{k + 1}·x{k + 1}" for k in range(self.n_in)] + ["b", "z"]
        self.ax_terms.set_title("z = Σ w·x + b")
        self.ax_terms.axhline(0, color="0.5", lw=0.8)
        self.bars = self.ax_terms.bar(names, np.zeros(len(names)), color=["C0"] * self.n_in + ["C2", "C1"])
        self.ax_terms.tick_params(axis="x", labelsize=8)
        self._mark_dynamic(self.curve, self.tangent_line, self.point, self.numbers, *self.bars)

    def _update_artists(self):
        s = self.state
        a_grid, _ = activation_curve(self.controls["activation"].value, self.z_grid)
        self.curve.set_data(self.z_grid, a_grid)
        low, high = min(a_grid.min(), -0.1), max(a_grid.max(), 1.1)
        self.ax_curve.set_ylim(low - 0.05 * (high - low), high + 0.05 * (high - low))
        self.tangent_line.set_data(self._tangent_z(s["z"]), s["tangent"])
        self.point.set_data([s["z"]], [s["a"]])
        self.numbers.set_texts([f"z = {s['z']:+.3f}   a = {s['a']:.3f}   f'(z) = {s['da_dz']:.3f}"])
        heights = [*s["terms"], s["b"], s["z"]]
        limit = 1.1 * self._steady_limit("terms", heights, smallest=0.5)
        self.ax_terms.set_ylim(-limit, limit)
        for bar, height in zip(self.bars, heights):
            bar.set_height(height)

    def _readout_items(self):
        s = self.state
        return [("z", s["z"]), ("a = f(z)", s["a"]), ("f'(z)", s["da_dz"]), ("w·x terms", s["terms"])]
