"""NeuronExplorer: inputs, weights, bias and activation of one neuron → z, a, f'(z).

Used in lessons/01_neuron_anatomy. The numbers come from backprop.explore.neuron.
"""
import ipywidgets as widgets
import numpy as np

from backprop.activations import HIDDEN_ACTIVATIONS
from backprop.explore import activation_curve, neuron, tangent

from backprop import checks as check
from ._base import Demo, View
from ._sliders import ExactSlider
from .figures import bars, hline, line, panel, points, texts, vline

X_MAX, W_MAX, B_MAX, MOST_INPUTS = 1.0, 3.0, 2.0, 8


class NeuronExplorer(View):
    """One neuron: sliders for x, w, b and an activation dropdown; the curve a = f(z) with its tangent."""

    demo = Demo("weight w1")

    plot_size = (640, 320)

    def __init__(self, x=(0.5, 0.1), w=(0.4, 0.3), b=0.1, activation="sigmoid"):
        x = check.vector(x, "x", what="inputs", most=MOST_INPUTS)
        w = check.vector(w, "w", what="weights", most=MOST_INPUTS)
        self.n_in, b = x.size, check.number(b, "b")
        activation = check.choice(activation, "activation", HIDDEN_ACTIVATIONS)
        neuron(x, w, b, activation)                # the core's rules for one neuron: one weight per input
        controls = {"activation": widgets.Dropdown(options=HIDDEN_ACTIVATIONS, value=activation,
                                                   description="activation f")}
        controls.update({f"x{k + 1}": ExactSlider(f"input x{k + 1}", v, -X_MAX, X_MAX, name="x")
                         for k, v in enumerate(x)})
        controls.update({f"w{k + 1}": ExactSlider(f"weight w{k + 1}", v, -W_MAX, W_MAX, name="w")
                         for k, v in enumerate(w)})
        controls["b"] = ExactSlider("bias b", b, -B_MAX, B_MAX, name="b")
        reach = {name: max(-c.min, c.max) for name, c in controls.items() if name != "activation"}
        self.z_max = sum(reach[f"x{k + 1}"] * reach[f"w{k + 1}"] for k in range(self.n_in)) + reach["b"]
        super().__init__(controls)                 # z_max: the largest |z| the sliders allow

    def _values(self, prefix):
        return np.array([self.controls[f"{prefix}{k + 1}"].exact for k in range(self.n_in)])

    def _compute(self):
        x, w, b = self._values("x"), self._values("w"), self.controls["b"].exact
        f = self.controls["activation"].value
        state = {"activation": f, "x": x, "w": w, "b": b, **neuron(x, w, b, f)}
        state["tangent"] = tangent(state["z"], state["a"], state["da_dz"], self._tangent_z(state["z"]))
        state["z_grid"] = self.z_grid
        state["a_grid"], _ = activation_curve(f, self.z_grid)
        return state

    @staticmethod
    def _tangent_z(z):
        return np.array([z - 2.0, z + 2.0])

    def _draw(self):
        self.z_grid = np.linspace(-self.z_max, self.z_max, 241)
        self.names = [f"w{k + 1}·x{k + 1}" for k in range(self.n_in)] + ["b", "z"]

    def _panels(self, a_grid, limit):
        """The curve's axes (y fits the curve) and the bars' axes (±limit), with the terms' names as ticks."""
        low, high = min(a_grid.min(), -0.1), max(a_grid.max(), 1.1)
        ylim = (low - 0.05 * (high - low), high + 0.05 * (high - low))
        return [panel((0.09, 0.16, 0.5, 0.74), xlim=(-self.z_max, self.z_max), ylim=ylim,
                      xlabel="weighted input z", title="a = f(z) and its slope f'(z)"),
                panel((0.68, 0.16, 0.3, 0.74), xlim=(-0.6, len(self.names) - 0.4), ylim=(-limit, limit),
                      xticks=list(enumerate(self.names)), title="z = Σ w·x + b")]

    def _update_artists(self):
        s = self.state
        heights = [*s["terms"], s["b"], s["z"]]
        limit = 1.1 * self._steady_limit("terms", heights, smallest=0.5)
        panels = self._panels(s["a_grid"], limit)
        (xlim, ylim), n = (panels[0]["xlim"], panels[0]["ylim"]), len(self.names)
        words = f"z = {s['z']:+.3f},  a = {s['a']:.3f},  f'(z) = {s['da_dz']:.3f}"
        backdrop = [hline(0, 0, xlim), vline(0, 0, ylim), hline(1, 0, (-0.6, n - 0.4), color="muted"),
                    line(0, s["z_grid"], s["a_grid"], color="ink", width=2)]    # sent only when it changes
        marks = [line(0, self._tangent_z(s["z"]), s["tangent"], color="slope", dash=True),
                 points(0, [s["z"]], [s["a"]], color="learner", size=4.5),
                 texts(0, [(0.03, 0.93)], [words], coords="axes", anchor="start", size=12, halo=True),
                 bars(1, np.arange(n), heights, color=["positive" if h >= 0 else "negative" for h in heights])]
        self.figure.show(marks, backdrop=backdrop, panels=panels, description=self._description())

    def _description(self):
        """The figure's text alternative: the current numbers, as the readout rounds them."""
        s, f = self.state, self.state["activation"]
        terms = ", ".join(f"{name} = {t:.3f}" for name, t in zip(self.names, s["terms"]))
        return (f"Neuron with {f}: {terms}, b = {s['b']:.3f}, so z = {s['z']:.3f}; a = f(z) = {s['a']:.3f}, "
                f"slope f'(z) = {s['da_dz']:.3f}.")

    def _readout_items(self):
        s = self.state
        return [("z", s["z"]), ("a = f(z)", s["a"]), ("f'(z)", s["da_dz"]), ("w·x terms", s["terms"])]
