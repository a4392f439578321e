"""GradientFlowExplorer: the gradient norm of every layer of a fresh deep network.

Used in lessons/08_challenges. The norms and the verdict (vanishing,
exploding, healthy) come from backprop.flow after one backward pass.
"""
import html
import numbers

import ipywidgets as widgets
import numpy as np

from backprop.activations import HIDDEN_ACTIVATIONS
from backprop.flow import HUGE, TINY, deep_network, gradient_flow, probe_batch

from backprop import checks as check
from ._readout import shown, words
from ._base import Demo, View
from ._sliders import ExactLogSlider, int_slider
from .figures import bars, panel, rect, texts

DEPTH_MAX, MOST_DEPTH, MOST_WIDTH, SCALE_MIN, SCALE_MAX = 30, 100, 256, 0.01, 10.0
INITS = ("small", "xavier", "he", "scale")          # "scale": weights drawn with the scale slider's std
Y_LIMITS = (1e-24, 1e24)                            # bars beyond are drawn to the edge; the readout has the number
COLOURS = {"vanishing": "wrong", "healthy": "right", "exploding": "wrong"}   # the verdict is also in words


class GradientFlowExplorer(View):
    """Bars (log scale) of ‖∂C/∂W‖ per layer after one backward pass on a fixed batch of 64 examples.

    Deep sigmoid vanishes, a large scale explodes, ReLU with "he" stays healthy.
    """

    demo = Demo("hidden layers")

    plot_size = (640, 320)

    def __init__(self, depth=10, activation="sigmoid", init="xavier", scale=1.0, width=32, seed=0):
        scale_name = "scale"
        if isinstance(init, numbers.Real) and not isinstance(init, bool):
            init, scale, scale_name = "scale", check.positive(init, "init"), "init"
        self.width, self.seed = check.whole(width, "width", 1, MOST_WIDTH), check.whole(seed, "seed")
        depth, scale = check.whole(depth, "depth", 1, MOST_DEPTH), check.positive(scale, "scale")
        activation = check.choice(activation, "activation", HIDDEN_ACTIVATIONS)
        init = check.choice(init, "init", INITS, " or a number (the weights' std)")
        self.X, self.y = probe_batch(self.width, seed=self.seed)
        controls = {
            "depth": int_slider("hidden layers", depth, 1, DEPTH_MAX),
            "activation": widgets.Dropdown(options=HIDDEN_ACTIVATIONS, value=activation, description="activation"),
            "init": widgets.Dropdown(options=INITS, value=init, description="initialisation"),
            "scale": ExactLogSlider("weight std (init = scale)", scale, np.log10(SCALE_MIN), np.log10(SCALE_MAX),
                                    name=scale_name),
        }
        super().__init__(controls)

    def _init(self):
        c = self.controls
        return c["scale"].exact if c["init"].value == "scale" else c["init"].value

    def _compute(self):
        c = self.controls
        net = deep_network(c["depth"].value, c["activation"].value, self._init(), self.width, self.seed)
        flow = gradient_flow(net, self.X, self.y)
        return {"flow": flow, "depth": c["depth"].value, "init": self._init(), "norms": flow.norms,
                "first_layer": flow.norms[0], "output_layer": flow.norms[-1], "ratio": flow.ratio,
                "kind": flow.kind, "verdict": flow.verdict}

    def _draw(self):
        """Fixed axes (a new depth only moves bars) and the healthy band, made once."""
        most = self.controls["depth"].max
        step = 1 if most <= 12 else 5
        self.panels = [panel((0.11, 0.16, 0.87, 0.72), xlim=(0.4, most + 1.6), ylim=Y_LIMITS, yscale="log",
                             xticks=[(l, str(l)) for l in range(step, most + 2, step)],
                             xlabel="layer (1 = first hidden layer, last = output)", ylabel="‖∂C/∂W‖")]
        self.backdrop = [rect(0, y0=TINY, y1=HUGE, color="muted", opacity=0.15),
                         texts(0, [(most + 1.4, HUGE / 2)], ["healthy range"], anchor="end", baseline="hanging",
                               size=12, color="muted")]

    def _update_artists(self):
        s = self.state
        layers = np.arange(1, len(s["norms"]) + 1)
        marks = [bars(0, layers, np.clip(s["norms"], *Y_LIMITS), bottom=Y_LIMITS[0], color=COLOURS[s["kind"]])]
        self.figure.show(marks, backdrop=self.backdrop, panels=self.panels, description=self._description(),
                         title=s["flow"].headline)
        self.controls["scale"].disabled = self.controls["init"].value != "scale"

    def _description(self):
        """The figure's text alternative: the norm of every layer's gradient."""
        s = self.state
        norms = ", ".join(f"{n:.2e}" for n in s["norms"])
        return (f"Gradient norm ‖∂C/∂W‖ per layer, first hidden layer to output, {s['depth']} hidden layers: "
                f"{norms}. {s['verdict']}")

    def _readout_html(self):
        s = self.state
        items = [("layer 1 ‖∂C/∂W‖", s["first_layer"]), ("output ‖∂C/∂W‖", s["output_layer"]),
                 ("ratio layer 1 / output", s["ratio"]), ("largest", np.max(s["norms"]))]
        cells = "".join(f"<td style='padding:0 .8em 0 0'><b>{html.escape(k)}</b> = {_number(v)}</td>" for k, v in items)
        return (f"<table class='bp-readout' style='font-family:monospace'><tr>{cells}</tr></table>"
                f"<div style='font-family:monospace'><b>{words(s['verdict'])}</b></div>")


def _number(value):
    """A readout number in the course's format, m×10ⁿ (4.92×10⁻⁷, not 4.920e-07, which a line broke after its
    minus), in a box that never wraps; a ratio of two overflowed norms says so instead of 'nan'."""
    return "undefined (inf / inf)" if np.isnan(value) else shown(value)
