"""LossExplorer: target y, prediction ŷ and the loss choice → C, dC/dŷ, and the factor 2.

Used in lessons/02_error_and_loss. The numbers come from backprop.explore.output_loss.
"""
import ipywidgets as widgets
import numpy as np

from backprop.data import worked_example
from backprop.explore import output_loss, tangent

from . import _checks as check
from ._base import View, curve_with_tangent
from ._sliders import ExactSlider

LOSS_NAMES = (("½ squared error ½(ŷ−y)²", "half_squared_error"), ("squared error (ŷ−y)²", "squared_error"),
              ("cross-entropy (2 classes)", "cross_entropy"))
Y_HAT_MIN, Y_HAT_MAX = 0.01, 0.99


def _worked_prediction():
    net, x, y = worked_example()
    return float(net.predict(x)[0, 0]), float(y[0, 0])


class LossExplorer(View):
    """The loss of one output as ŷ moves: curve, current point, tangent of slope dC/dŷ, both squared slopes."""

    def __init__(self, y_hat=None, y=None, loss="half_squared_error"):
        worked_y_hat, worked_y = _worked_prediction()          # default: note 003's output and target
        y_hat = check.number(worked_y_hat if y_hat is None else y_hat, "y_hat", Y_HAT_MIN, Y_HAT_MAX)
        y = check.number(worked_y if y is None else y, "y", 0.0, 1.0)
        loss = check.choice(loss, "loss", [name for _, name in LOSS_NAMES])
        controls = {"loss": widgets.Dropdown(options=LOSS_NAMES, value=loss, description="loss C"),
                    "y": ExactSlider("target y", y, 0.0, 1.0),
                    "y_hat": ExactSlider("prediction ŷ", y_hat, Y_HAT_MIN, Y_HAT_MAX)}
        self.y_hat_grid = np.linspace(Y_HAT_MIN, Y_HAT_MAX, 197)
        super().__init__(controls)

    def _compute(self):
        y, y_hat, loss = self.controls["y"].exact, self.controls["y_hat"].exact, self.controls["loss"].value
        C, dC = output_loss(loss, y_hat, y)
        _, half = output_loss("half_squared_error", y_hat, y)
        _, full = output_loss("squared_error", y_hat, y)
        curve, _ = output_loss(loss, self.y_hat_grid, y)
        return {"y": y, "y_hat": y_hat, "error": y - y_hat, "loss": float(C), "dC_dy_hat": float(dC),
                "dC_dy_hat_half": float(half), "dC_dy_hat_squared": float(full), "curve": curve,
                "tangent": tangent(y_hat, float(C), float(dC), self._tangent_x(y_hat))}

    @staticmethod
    def _tangent_x(y_hat):
        return np.array([y_hat - 0.3, y_hat + 0.3])

    def _draw(self):
        self.figure.subplots_adjust(left=0.09, right=0.98, bottom=0.16, top=0.9, wspace=0.35)
        self.ax_loss, self.ax_slopes = self.figure.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
        ax = self.ax_loss
        ax.set(xlim=(0, 1), xlabel="prediction ŷ", title="loss C(ŷ) and its slope dC/dŷ")
        self.curve, self.tangent_line, self.point, self.numbers = curve_with_tangent(ax)
        self.target = ax.axvline(0, color="C2", lw=1, ls=":")
        names = ["error\ny − ŷ", "½ squared\nŷ − y", "squared\n2(ŷ − y)"]
        ax = self.ax_slopes
        ax.set_title("error and dC/dŷ")
        ax.axhline(0, color="0.5", lw=0.8)
        self.bars = ax.bar(names, np.zeros(3), color=["C2", "C0", "C1"])
        ax.tick_params(axis="x", labelsize=8)
        self._mark_dynamic(self.curve, self.tangent_line, self.point, self.target, self.numbers, *self.bars)

    def _update_artists(self):
        s = self.state
        self.curve.set_data(self.y_hat_grid, s["curve"])
        self.ax_loss.set_ylim(-0.05 * self._top(), self._top())
        self.tangent_line.set_data(self._tangent_x(s["y_hat"]), s["tangent"])
        self.point.set_data([s["y_hat"]], [s["loss"]])
        self.numbers.set_texts([f"C = {s['loss']:.4f}   dC/dŷ = {s['dC_dy_hat']:+.4f}"])
        self.target.set_xdata([s["y"], s["y"]])
        heights = [s["error"], s["dC_dy_hat_half"], s["dC_dy_hat_squared"]]
        limit = 1.15 * self._steady_limit("slopes", heights)
        self.ax_slopes.set_ylim(-limit, limit)
        for bar, height in zip(self.bars, heights):
            bar.set_height(height)

    def _top(self):
        """A fixed height per loss: its largest value over every ŷ and target on the sliders."""
        worst, _ = output_loss(self.controls["loss"].value, [Y_HAT_MIN, Y_HAT_MAX], [1.0, 0.0])
        return 1.1 * float(worst.max())

    def _readout_items(self):
        s = self.state
        return [("y", s["y"]), ("ŷ", s["y_hat"]), ("error y − ŷ", s["error"]), ("C", s["loss"]),
                ("dC/dŷ", s["dC_dy_hat"]), ("½-squared slope", s["dC_dy_hat_half"]),
                ("squared slope", s["dC_dy_hat_squared"])]
