"""NudgeExplorer: nudge one weight of a small network and compare ΔC with dC/dw · Δw.

Used in lessons/03_chain_rule. The numbers come from backprop.explore: a move asks ``nudged`` once
(forward and backward at p, forward at p + Δp); the curve C(p), ``loss_along``, only when the
parameter picked or another parameter changed.
"""
import ipywidgets as widgets
import numpy as np

from backprop.data import worked_example
from backprop.explore import loss_along, nudged, tangent
from backprop.parameters import get_parameter, parameter_keys, parameter_label

from backprop import checks as check
from ._base import Demo, View
from ._sliders import ExactSlider
from .figures import bars, hline, legend, line, panel, points, texts

P_MAX, DP_MAX, DP_MOST, GRID = 4.0, 1.0, 4.0, 121


class NudgeExplorer(View):
    """The loss along one parameter p, its tangent dC/dp, the nudge Δp and the chain-rule factors as bars.

    The view works on a copy of ``net`` that starts bit-identical to it; only the
    parameter the learner moves changes, and its slider grows to hold any value.
    """

    demo = Demo("value of p")
    passes = (2, 1)                                # at p: forward and backward; at p + Δp: forward

    plot_size = (640, 320)

    def __init__(self, net=None, x=None, y=None, parameter=None, dp=0.5):
        self.net, self.x, self.y = self._example(net, x, y)
        self.parameter_options = [(label, key) for label, key in parameter_keys(self.net)
                                  if self.net.activations[key[1]].prime is not None]   # softmax mixes neurons
        parameter, dp = self._parameter(parameter), self._nudge(dp)
        self._curves = {}    # (parameter, grid, the other parameters) → C along p
        controls = {"parameter": widgets.Dropdown(options=self.parameter_options, value=parameter,
                                                  description="parameter p"),
                    "p": ExactSlider("value of p", get_parameter(self.net, parameter), -P_MAX, P_MAX,
                                     name="net's parameter"),
                    "dp": ExactSlider("nudge Δp", dp, -DP_MAX, DP_MAX, name="dp")}
        self._bind_parameter(controls["parameter"], controls["p"])
        super().__init__(controls)

    @staticmethod
    def _nudge(dp):
        """Δp: a positive nudge of at most DP_MOST (a number, else TypeError)."""
        dp = check.number(dp, "dp")
        if not 0 < dp <= DP_MOST:
            raise ValueError(f"dp must be a positive nudge, above 0 and at most {DP_MOST:g} (e.g. 0.5); got {dp:g} "
                             "— pass a small positive number (move the slider to nudge the other way)")
        return dp

    @staticmethod
    def _example(net, x, y):
        """(a copy of net, x (1, n_in), y (1, n_out)) as float64; note 003's example by default."""
        if net is None:
            net, x0, y0 = worked_example()        # note 003's 2-2-1 network; p = w⁽²⁾₁₁ = 0.5 (note's w31)
            x, y = x0 if x is None else x, y0 if y is None else y
        elif x is None or y is None:
            raise ValueError("x and y, one example, must come with your network: NudgeExplorer(net, x, y), e.g. "
                             f"x=[0.5, 0.1], y=[0.6]; got {'x' if x is None else 'y'}=None")
        net = check.network(net).copy()
        return (net, check.example(x, "x", net.sizes[0], "inputs")[None, :],
                check.example(y, "y", net.sizes[-1], "targets")[None, :])

    def _parameter(self, parameter):
        """The key to start with: ``parameter``, or the output layer's first weight."""
        keys = [key for _, key in self.parameter_options]
        if not keys:
            raise ValueError("net has no element-wise layer (all softmax); use e.g. 'sigmoid' somewhere")
        if parameter is None:
            return "weights", max(key[1] for key in keys), 0, 0
        parameter = check.key(self.net, parameter)
        if parameter not in keys:
            raise ValueError(f"parameter must be one of this network's keys, e.g. {keys[0]!r}; got {parameter!r}")
        return parameter

    def _compute(self):
        key, dp = self.controls["parameter"].value, self.controls["dp"].exact
        p_grid = np.linspace(self.controls["p"].min, self.controls["p"].max, GRID)
        curve_key = (key, p_grid[0], p_grid[-1], self._others(key))
        if curve_key not in self._curves:          # the curve depends on the other parameters only
            self._curves[curve_key] = loss_along(self.net, self.x, self.y, key, p_grid)
        n = nudged(self.net, self.x, self.y, key, dp)
        return {"nudge": n, "parameter": parameter_label(key), "p": n.p, "dp": dp, "loss": n.loss,
                "p_grid": p_grid, "curve": self._curves[curve_key],
                "dC_da": n.dC_da, "da_dz": n.da_dz, "dz_dp": n.dz_dp, "dC_dp": n.gradient,
                "actual_dC": n.actual, "predicted_dC": n.predicted,
                "tangent": tangent(n.p, n.loss, n.gradient, [n.p - DP_MAX, n.p + DP_MAX])}

    def _draw(self):
        self.names = ["∂C/∂a", "∂a/∂z", "∂z/∂p", "∂C/∂p"]

    def _release(self):
        self._curves = {}

    def _others(self, key):
        """Every parameter but ``key`` (set to 0) as bytes: equal when only p moved."""
        arrays = [getattr(self.net, key[0])[key[1]].copy() if (name, l) == key[:2] else array
                  for name in ("weights", "biases") for l, array in enumerate(getattr(self.net, name))]
        held = arrays[key[1] + (0 if key[0] == "weights" else len(self.net.weights))]
        held[key[2:]] = 0.0
        return b"".join(array.tobytes() for array in arrays)

    def _panels(self, s, limit):
        """The loss axes (y fits the curve C(p)) and the chain-rule factors' axes (±limit)."""
        low, high = float(s["curve"].min()), float(s["curve"].max())
        pad = 0.1 * max(high - low, 1e-3 * max(1.0, abs(high)))   # a flat curve of any height
        return [panel((0.1, 0.16, 0.45, 0.74), xlim=(s["p_grid"][0], s["p_grid"][-1]),
                      ylim=(low - pad, high + 5 * pad), xlabel=f"parameter {s['parameter']}",
                      title="loss C(p), tangent, nudge Δp"),
                panel((0.68, 0.16, 0.3, 0.74), xlim=(-0.6, 3.6), ylim=(-limit, limit),
                      xticks=list(enumerate(self.names)), title="chain-rule factors")]

    def _update_artists(self):
        s = self.state
        heights = [s["dC_da"], s["da_dz"], s["dz_dp"], s["dC_dp"]]
        limit = 1.15 * self._steady_limit("factors", heights)
        p_new = s["p"] + s["dp"]
        backdrop = [line(0, s["p_grid"], s["curve"], color="ink", width=2), hline(1, 0, (-0.6, 3.6), color="muted"),
                    legend(0, [("actual C(p + Δp)", "reference", "ring"), ("predicted C + dC/dp·Δp", "slope", "x")],
                           x=0.3, y=0.86)]
        marks = [line(0, [s["p"] - DP_MAX, s["p"] + DP_MAX], s["tangent"], color="slope", width=1.2, dash=True),
                 points(0, [s["p"]], [s["loss"]], color="learner", size=4.5),
                 points(0, [p_new], [s["loss"] + s["actual_dC"]], color="reference", shape="ring", size=4.5),
                 points(0, [p_new], [s["loss"] + s["predicted_dC"]], color="slope", shape="x", size=5),
                 bars(1, np.arange(4), heights, color=["positive" if h >= 0 else "negative" for h in heights]),
                 texts(1, [(i, h + (0.08 if h >= 0 else -0.08) * limit) for i, h in enumerate(heights)],
                       [f"{h:+.4f}" for h in heights], size=12, halo=True),
                 texts(0, [(0.03, 0.93)], [f"ΔC = {s['actual_dC']:+.5f},  ∂C/∂p·Δp = {s['predicted_dC']:+.5f}"],
                       coords="axes", anchor="start", size=12, halo=True)]
        self.figure.show(marks, backdrop=backdrop, panels=self._panels(s, limit), description=self._description())

    def _description(self):
        """The figure's text alternative: the current numbers."""
        s = self.state
        return (f"Loss C along the parameter {s['parameter']}: at p = {s['p']:.4f}, C = {s['loss']:.5f}; "
                f"slope ∂C/∂p = {s['dC_dp']:.4f} = ∂C/∂a·∂a/∂z·∂z/∂p = {s['dC_da']:.4f}·{s['da_dz']:.4f}·"
                f"{s['dz_dp']:.4f}. Nudge Δp = {s['dp']:.4f}: actual ΔC = {s['actual_dC']:+.5f}, "
                f"predicted ∂C/∂p·Δp = {s['predicted_dC']:+.5f}.")

    def _readout_items(self):
        s = self.state
        return [("p", s["p"]), ("Δp", s["dp"]), ("C", s["loss"]), ("∂C/∂p", s["dC_dp"]),
                ("∂C/∂a", s["dC_da"]), ("∂a/∂z", s["da_dz"]), ("∂z/∂p", s["dz_dp"]),
                ("actual ΔC", s["actual_dC"]), ("predicted ∂C/∂p·Δp", s["predicted_dC"])]
