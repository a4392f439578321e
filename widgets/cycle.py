"""CycleExplorer: the learning cycle on one screen — Step walks forward → loss → backward → update.

Used in lessons/00_start_here. Every number comes from Network.forward, loss_of, backward and
step (note 003's 2-2-1 network by default); the losses go into the core's History, which says when
the descent diverged. The view only chooses which of them to show.
"""
import html

import ipywidgets as widgets
import numpy as np

from backprop import History
from backprop.data import WORKED_LR, worked_example

from backprop import checks as check
from ._base import Demo, View
from ._readout import shown as shown_html
from .figures.style import number
from .figures import NetworkFigure, panel, points, rect, segments, texts
from .figures.marks import colour
from .figures.network import BLANK, HIGHLIGHT, scale_of, shade

STAGES = ("forward", "loss", "backward", "update")
WHAT = {"ready": "press Step to start: nothing computed yet",
        "forward": "forward: each layer computes z = W a + b, a = σ(z), up to ŷ",
        "loss": "loss: compare ŷ with the target y, C = {formula}",
        "backward": "backward: blame δ flows back; each weight gets ∂C/∂w = δ·a",
        "update": "update: every weight moves, w ← w − η·∂C/∂w"}
IDLE = "muted"


class CycleExplorer(View):
    """A small network and the four stages of the cycle; each Step runs the next stage in the core."""

    demo = Demo("button:Step ▶", "Enter")

    plot_size = (640, 300)

    def __init__(self, net=None, x=None, y=None, lr=WORKED_LR):
        if net is None:
            net, x0, y0 = worked_example()
            x, y = x0 if x is None else x, y0 if y is None else y
        elif x is None or y is None:
            raise ValueError("x and y, one example, must come with your network: CycleExplorer(net, x, y), "
                             f"e.g. x=[0.5, 0.1], y=[0.6]; got {'x' if x is None else 'y'}=None")
        self.net = check.network(net).copy()
        if len(self.net.sizes) > 5 or max(self.net.sizes) > 4:
            raise ValueError(f"net must have at most 5 layers of at most 4 neurons to fit on one screen; got sizes "
                             f"{self.net.sizes} — use BlameExplorer(net=net) for a larger one")
        self.x = check.example(x, "x", self.net.sizes[0], "inputs")[None, :]
        self.y = check.example(y, "y", self.net.sizes[-1], "targets")[None, :]
        self.lr, self._start = check.positive(lr, "lr"), self.net.copy()
        self._reset_numbers()
        controls = {"step": widgets.Button(description="Step ▶", button_style="primary",
                                           tooltip="run the next stage of the cycle (Enter or Space)"),
                    "reset": widgets.Button(description="Reset", tooltip="back to the starting weights")}
        super().__init__(controls, actions={"step": self.step, "reset": self.reset})

    def _reset_numbers(self):
        self.stage, self.rounds, self.trace, self.grads, self.loss = "ready", 0, None, None, None
        self.history, self.message = History(lr=self.lr), ""          # history.step_loss: C of each round

    def _control_box(self):
        return widgets.HBox(list(self.controls.values()))

    # ---- actions: one stage each, asked of the core ---------------------
    def step(self):
        """Run the next stage of the cycle: forward, loss, backward, update, then forward again."""
        following = STAGES[0] if self.stage in ("ready", "update") else STAGES[STAGES.index(self.stage) + 1]
        with np.errstate(all="raise", under="ignore"):
            if following == "forward":
                self.trace, self.grads, self.loss = self.net.forward(self.x), None, None
            elif following == "loss":
                self.loss = self.net.loss_of(self.trace, self.y)
                self.history.add_step(self.loss, 1)
                if self.history.rose():                # the core's rule: C rose, or overflowed
                    self.message = self.history.message
            elif following == "backward":
                self.grads = self.net.backward(self.trace, self.y)
            else:
                try:
                    self.net.step(self.grads, self.lr)         # the core refuses a step to inf or NaN
                    self.rounds += 1
                except (FloatingPointError, ValueError) as error:
                    self.message = f"Step refused: the descent diverged — {error}"
        self.stage = following
        self._refresh()

    def reset(self):
        """Back to the starting weights, nothing computed."""
        self.net = self._start.copy()
        self._reset_numbers()
        self._refresh()

    # ---- numbers and drawing -------------------------------------------
    def _compute(self):
        t, g = self.trace, self.grads
        return {"stage": self.stage, "rounds": self.rounds, "lr": self.lr, "x": self.x[0], "y": self.y[0],
                "y_hat": None if t is None else t.y_hat[0], "loss": self.loss, "losses": list(self.history.step_loss),
                "activations": None if t is None else [a[0] for a in t.a],
                "delta": None if g is None else [d[0] for d in g.delta[1:]],
                "grad_weights": None if g is None else [w.copy() for w in g.weights],
                "weights": [w.copy() for w in self.net.weights], "message": self.message,
                "sizes": self.net.sizes, "formula": self.net.loss_function.formula,
                "trace": t, "gradients": g, "history": self.history}       # the core's own objects

    def _draw(self):
        self.diagram = NetworkFigure(self.net.sizes, edge_labels=True)
        self.figure.panels = [self.diagram.panel((0.0, 0.0, 0.6, 0.9)),
                              panel((0.62, 0.02, 0.37, 0.88), xlim=(0, 1), ylim=(0, 1), frame=False)]

    def _update_artists(self):
        s, d = self.state, self.diagram
        shown = {"forward": "a", "loss": "a", "backward": "delta"}.get(s["stage"])
        edges = s["grad_weights"] if s["stage"] == "backward" else s["weights"]
        xy = np.vstack(d.centres)
        node_values = self._node_values(shown)
        scale = scale_of([v for v in node_values if v is not None], 1e-12 if shown == "delta" else 1.0)
        fills = [BLANK if v is None else colour(shade([v], scale))[0] for v in node_values]
        words = ["" if v is None else _fixed(v, 4, True) if shown == "delta" else _fixed(v, 3) for v in node_values]
        marks = self._stage_marks(xy, s) + [
            segments(0, d.starts, d.ends, *d.edge_style(edges, 1e-12, spread=6.0)),
            points(0, xy[:, 0], xy[:, 1], fills, size=d.radius, edge="0.25"),
            texts(0, xy, words, size=12, color="#1f1f1f"),
            texts(0, 0.72 * d.ends + 0.28 * d.starts,
                  [_fixed(edges[l][j, k], 3 if s['stage'] in ('ready', 'forward', 'loss') else 4, True)
                   for l, j, k in d.edge_index], size=12, halo=True)]   # 4 decimals: a step moves the 4th
        marks += self._cycle_marks(s)
        title = self._what() + (f" — {s['message']}" if s["message"] else "")
        self.figure.show(marks, backdrop=d.backdrop(), title=title, description=self._description())

    def _what(self):
        return WHAT[self.state["stage"]].format(formula=self.state["formula"])

    def _node_values(self, shown):
        s = self.state
        sizes = s["sizes"]
        if shown == "a":
            return [v for layer in s["activations"] for v in layer]
        if shown == "delta":
            return [None] * sizes[0] + [v for layer in s["delta"] for v in layer]
        return [None] * sum(sizes)

    def _stage_marks(self, xy, s):
        """A gold band under the layers the current stage works on."""
        d, stage = self.diagram, s["stage"]
        if stage == "loss":
            x, y = d.centres[-1][0]
            return [points(0, [x], [y], HIGHLIGHT, size=d.radius + 7)]
        if stage in ("forward", "backward", "update"):
            return [segments(0, d.starts, d.ends, HIGHLIGHT, 11, opacity=0.45)]
        return []

    def _cycle_marks(self, s):
        """The four stages as boxes, the current one on the highlight (its words dark, in either theme); ŷ, y and C
        are said once, in the readout under the figure."""
        tops = [0.97 - 0.15 * i for i in range(len(STAGES))]
        marks = [rect(1, 0.05, 0.95, top - 0.12, top, color=HIGHLIGHT if name == s["stage"] else IDLE,
                      opacity=0.9 if name == s["stage"] else 0.15) for name, top in zip(STAGES, tops)]
        names = [f"{i + 1}. {name}" + ("  ◀ now" if name == s["stage"] else "") for i, name in enumerate(STAGES)]
        words = ["#1f1f1f" if name == s["stage"] else "ink" for name in STAGES]
        marks.append(texts(1, [(0.1, top - 0.06) for top in tops], names, anchor="start", size=12, color=words))
        return marks

    @staticmethod
    def _numbers_lines(s, write=number, words=str):
        """The numbers of this stage, a line each: ``write`` turns a number into text, ``words`` the words."""
        y_hat = "?" if s["y_hat"] is None else ", ".join(write(v) for v in s["y_hat"])
        loss = "?" if s["loss"] is None else write(s["loss"]) + words(" (before this update)" if s["stage"] == "update"
                                                                      else "")
        return [f"ŷ = {y_hat}   y = {', '.join(write(v) for v in s['y'])}", f"C = {loss}",
                f"rounds done: {write(s['rounds'])}   η = {write(s['lr'])}"] + ([words(s["message"])] if s["message"]
                                                                                  else [])

    def _description(self):
        """The figure's text alternative: the stage and the current numbers."""
        s = self.state
        line = "; ".join(self._numbers_lines(s))
        history = ", ".join(number(c) for c in s["losses"])
        return (f"The learning cycle on a {'-'.join(map(str, s['sizes']))} network. Stage: {self._what()}. "
                f"{line}." + (f" Loss C of each round so far: {history}." if history else ""))

    def _readout_html(self):
        s = self.state
        return (f"<p><b>{html.escape(self._what())}</b></p><p style='font-family:monospace'>"
                + "<br>".join(self._numbers_lines(s, shown_html, html.escape)) + "</p>")


def _fixed(value, decimals, sign=False):
    """A diagram's label in fixed decimals (a step moves the same digit on every edge), m×10ⁿ from 10⁶ on."""
    value = float(value)
    return number(value, sign=sign) if abs(value) >= 1e6 else f"{value:{'+' if sign else ''}.{decimals}f}"
