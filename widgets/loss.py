"""LossExplorer: target y, prediction ŷ and the loss choice → C, dC/dŷ, and the factor 2.

Used in lessons/02_error_and_loss. The numbers come from backprop.explore.output_loss.
"""
import ipywidgets as widgets
import numpy as np

from backprop.data import worked_example
from backprop.explore import output_loss, tangent
from backprop.losses import error

from backprop import checks as check
from ._base import Demo, View
from ._sliders import ExactSlider
from .figures import bars, hline, line, panel, points, texts, vline

LOSS_NAMES = (("½ squared error ½(ŷ−y)²", "half_squared_error"), ("squared error (ŷ−y)²", "squared_error"),
              ("cross-entropy (2 classes)", "cross_entropy"))
Y_HAT_MIN, Y_HAT_MAX = 0.01, 0.99


def _worked_prediction():
    net, x, y = worked_example()
    return float(net.predict(x)[0, 0]), float(y[0, 0])


class LossExplorer(View):
    """The loss of one output as ŷ moves: curve, current point, tangent of slope dC/dŷ, both squared slopes."""

    demo = Demo("prediction ŷ")

    plot_size = (640, 320)

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
        return {"loss_name": loss, "y": y, "y_hat": y_hat, "error": error(y_hat, y), "loss": float(C), "dC_dy_hat": float(dC),
                "dC_dy_hat_half": float(half), "dC_dy_hat_squared": float(full), "curve": curve,
                "y_hat_grid": self.y_hat_grid, "top": self._top(),
                "tangent": tangent(y_hat, float(C), float(dC), self._tangent_x(y_hat))}

    @staticmethod
    def _tangent_x(y_hat):
        return np.array([y_hat - 0.3, y_hat + 0.3])

    def _draw(self):
        self.names = ["y − ŷ", "ŷ − y", "2(ŷ − y)"]    # the error, then dC/dŷ of ½(ŷ−y)² and of (ŷ−y)²

    def _panels(self, s, limit):
        """The loss axes (a fixed height per loss) and the error-and-slopes axes (±limit)."""
        return [panel((0.09, 0.16, 0.47, 0.74), xlim=(0, 1), ylim=(-0.05 * s["top"], s["top"]),
                      xlabel="prediction ŷ", title="loss C(ŷ) and its slope dC/dŷ"),
                panel((0.68, 0.16, 0.3, 0.74), xlim=(-0.6, 2.6), ylim=(-limit, limit),
                      xticks=list(enumerate(self.names)), title="error and dC/dŷ")]

    def _update_artists(self):
        s = self.state
        heights = [s["error"], s["dC_dy_hat_half"], s["dC_dy_hat_squared"]]
        limit = 1.15 * self._steady_limit("slopes", heights)
        backdrop = [line(0, s["y_hat_grid"], s["curve"], color="ink", width=2), hline(1, 0, (-0.6, 2.6), color="muted")]
        marks = [vline(0, s["y"], (-0.05 * s["top"], s["top"]), color="reference", dash=True),
                 line(0, self._tangent_x(s["y_hat"]), s["tangent"], color="slope", dash=True),
                 points(0, [s["y_hat"]], [s["loss"]], color="learner", size=4.5),
                 texts(0, [(0.03, 0.93)], [f"C = {s['loss']:.4f},  dC/dŷ = {s['dC_dy_hat']:+.4f}"],
                       coords="axes", anchor="start", size=12, halo=True),
                 bars(1, np.arange(3), heights, color=["positive" if h >= 0 else "negative" for h in heights])]
        self.figure.show(marks, backdrop=backdrop, panels=self._panels(s, limit), description=self._description())

    def _description(self):
        """The figure's text alternative: the current numbers."""
        s = self.state
        name = dict((v, k) for k, v in LOSS_NAMES)[s["loss_name"]]
        return (f"Loss {name} at target y = {s['y']:.4f} and prediction ŷ = {s['y_hat']:.4f}: C = {s['loss']:.4f}, "
                f"slope dC/dŷ = {s['dC_dy_hat']:+.4f}; error y − ŷ = {s['error']:+.4f}, slope of ½ squared error "
                f"{s['dC_dy_hat_half']:+.4f}, of squared error {s['dC_dy_hat_squared']:+.4f} (twice as steep).")

    def _top(self):
        """A fixed height per loss: its largest value over every ŷ and target on the sliders."""
        worst, _ = output_loss(self.controls["loss"].value, [Y_HAT_MIN, Y_HAT_MAX], [1.0, 0.0])
        return 1.1 * float(worst.max())

    def _readout_items(self):
        s = self.state
        return [("y", s["y"]), ("ŷ", s["y_hat"]), ("error y − ŷ", s["error"]), ("C", s["loss"]),
                ("dC/dŷ", s["dC_dy_hat"]), ("½-squared slope", s["dC_dy_hat_half"]),
                ("squared slope", s["dC_dy_hat_squared"])]
