"""NudgeExplorer: nudge one weight of a small network and compare ΔC with dC/dw · Δw.

Used in lessons/03_chain_rule. The numbers come from backprop.explore (loss_along,
chain_factors, nudge), which ask the Network for forward, backward and loss.
"""
import ipywidgets as widgets
import numpy as np

from backprop.data import worked_example
from backprop.explore import chain_factors, loss_along, nudge, tangent
from backprop.parameters import get_parameter, parameter_keys, parameter_label, set_parameter

from . import _checks as check
from ._base import View
from ._labels import Labels
from ._sliders import ExactSlider

P_MAX, DP_MAX, GRID = 4.0, 1.0, 121


class NudgeExplorer(View):
    """The loss along one parameter p, its tangent dC/dp, the nudge Δp and the chain-rule factors as bars.

    The view works on a copy of ``net`` that starts bit-identical to it; only the
    parameter the learner moves changes, and its slider grows to hold any value.
    """

    def __init__(self, net=None, x=None, y=None, parameter=None, dp=0.5):
        self.net, self.x, self.y = self._example(net, x, y)
        self.parameter_options = [(label, key) for label, key in parameter_keys(self.net)
                                  if self.net.activations[key[1]].prime is not None]   # softmax mixes neurons
        parameter, dp = self._parameter(parameter), check.number(dp, "dp")
        self._curves, self._shown_curve = {}, None    # (parameter, grid, the other parameters) → C along p
        controls = {"parameter": widgets.Dropdown(options=self.parameter_options, value=parameter,
                                                  description="parameter p"),
                    "p": ExactSlider("value of p", get_parameter(self.net, parameter), -P_MAX, P_MAX),
                    "dp": ExactSlider("nudge Δp", dp, -DP_MAX, DP_MAX)}
        self._bind_parameter(controls["parameter"], controls["p"])
        super().__init__(controls)

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
        p = get_parameter(self.net, key)
        self.p_grid = np.linspace(self.controls["p"].min, self.controls["p"].max, GRID)
        self._curve_key = (key, self.p_grid[0], self.p_grid[-1], self._others(key))
        if self._curve_key not in self._curves:   # the curve depends on the other parameters only
            self._curves[self._curve_key] = loss_along(self.net, self.x, self.y, key, self.p_grid)
        factors = chain_factors(self.net, self.x, self.y, key)
        actual, predicted = nudge(self.net, self.x, self.y, key, dp)
        loss = self.net.loss(self.x, self.y)
        return {"parameter": parameter_label(key), "p": p, "dp": dp, "loss": loss,
                "p_grid": self.p_grid, "curve": self._curves[self._curve_key],
                "dC_da": factors["dC_da"], "da_dz": factors["da_dz"], "dz_dp": factors["dz_dp"],
                "dC_dp": factors["gradient"], "actual_dC": actual, "predicted_dC": predicted,
                "tangent": tangent(p, loss, factors["gradient"], [p - DP_MAX, p + DP_MAX])}

    def _draw(self):
        self.figure.subplots_adjust(left=0.1, right=0.98, bottom=0.16, top=0.9, wspace=0.35)
        self.ax_loss, self.ax_chain = self.figure.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
        ax = self.ax_loss
        ax.set_title("loss C(p), tangent, nudge Δp")
        self.xlabel = ax.set_xlabel("p")
        self.curve, = ax.plot([], [], color="C0", lw=2)
        self.tangent_line, = ax.plot([], [], color="C3", lw=1.2, ls="--")
        self.point, = ax.plot([], [], "o", color="C3", ms=7)
        self.actual, = ax.plot([], [], "o", color="C0", mfc="white", ms=7, label="actual C(p + Δp)")
        self.predicted, = ax.plot([], [], "x", color="C3", ms=8, mew=2, label="predicted C + dC/dp·Δp")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.9), fontsize=7, frameon=False)
        names = ["∂C/∂a", "∂a/∂z", "∂z/∂p", "∂C/∂p"]
        ax = self.ax_chain
        ax.set_title("chain-rule factors")
        ax.axhline(0, color="0.5", lw=0.8)
        self.bars = ax.bar(names, np.zeros(4), color=["C0", "C1", "C2", "C3"])
        ax.tick_params(axis="x", labelsize=8)
        self.values = Labels(ax, np.zeros((4, 2)), fontsize=7)
        self.compare = Labels(self.ax_loss, [(0.03, 0.93)], fontsize=8, transform=self.ax_loss.transAxes, ha="left")
        self._mark_dynamic(self.tangent_line, self.point, self.actual, self.predicted, *self.bars,
                           self.values, self.compare)

    def _release(self):
        self._curves = {}

    def _others(self, key):
        probe = self.net.copy()
        set_parameter(probe, key, 0.0)
        return np.concatenate([p.ravel() for p in probe.parameters()]).tobytes()

    def _background_key(self):
        return self._curve_key                    # the curve is drawn into the background

    def _update_artists(self):
        s = self.state
        if self._shown_curve != self._curve_key:
            self._shown_curve = self._curve_key
            self.xlabel.set_text(f"parameter {s['parameter']}")
            self.curve.set_data(s["p_grid"], s["curve"])
            self.ax_loss.set_xlim(s["p_grid"][0], s["p_grid"][-1])
            low, high = float(s["curve"].min()), float(s["curve"].max())
            pad = 0.1 * max(high - low, 1e-3 * max(1.0, abs(high)))   # a flat curve of any height
            self.ax_loss.set_ylim(low - pad, high + 5 * pad)   # curve and label: part of the background
        self.tangent_line.set_data([s["p"] - DP_MAX, s["p"] + DP_MAX], s["tangent"])
        self.point.set_data([s["p"]], [s["loss"]])
        self.actual.set_data([s["p"] + s["dp"]], [s["loss"] + s["actual_dC"]])
        self.predicted.set_data([s["p"] + s["dp"]], [s["loss"] + s["predicted_dC"]])
        heights = [s["dC_da"], s["da_dz"], s["dz_dp"], s["dC_dp"]]
        limit = 1.15 * self._steady_limit("factors", heights)
        self.ax_chain.set_ylim(-limit, limit)
        for bar, height in zip(self.bars, heights):
            bar.set_height(height)
        self.values.set_texts([f"{h:+.4f}" for h in heights],
                              [(i, h + (0.08 if h >= 0 else -0.08) * limit) for i, h in enumerate(heights)])
        self.compare.set_texts([f"ΔC = {s['actual_dC']:+.5f}   ∂C/∂p·Δp = {s['predicted_dC']:+.5f}"])

    def _readout_items(self):
        s = self.state
        return [("p", s["p"]), ("Δp", s["dp"]), ("C", s["loss"]), ("∂C/∂p", s["dC_dp"]),
                ("∂C/∂a", s["dC_da"]), ("∂a/∂z", s["da_dz"]), ("∂z/∂p", s["dz_dp"]),
                ("actual ΔC", s["actual_dC"]), ("predicted ∂C/∂p·Δp", s["predicted_dC"])]
