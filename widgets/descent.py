"""DescentExplorer: gradient descent across the loss over two weights.

Used in lessons/06_gradient_descent. The contours, the path and its verdict
(crawling, converged, zig-zagging, diverged) come from backprop.landscape.
"""
import html

import ipywidgets as widgets
import numpy as np

from backprop.landscape import OUTPUT_WEIGHTS, descent_example, descent_path, loss_surface, lowest_point

from ._base import View, float_slider

LR_MIN, LR_MAX, STEPS_MAX = 1e-3, 10.0, 100


class DescentExplorer(View):
    """Contours of the loss over two weights (drawn once) and the path of ``steps`` descent steps.

    By default: w31, w32 of a 2-2-1 network on 16 generated examples, where
    lr = 0.05 crawls, 1 converges, 2 zig-zags and 3 diverges. Converged means
    the gradient norm fell below ``tol``; diverged means the loss grew beyond
    1000 × its starting value (the path stops there, in words, never overflowing).
    """

    figsize = (7.0, 3.3)

    def __init__(self, net=None, X=None, y=None, keys=OUTPUT_WEIGHTS, start=(-2.0, -2.5), lr=1.0, steps=50,
                 w1_range=(-3.0, 3.0), w2_range=(-3.0, 3.0), tol=1e-2, grid=31, names=("w31", "w32")):
        if net is None:
            net, X, y = descent_example()
        if X is None or y is None:
            raise ValueError("give the data with the network: DescentExplorer(net, X, y, keys=...)")
        self.net, self.X, self.y, self.params, self.tol, self.weight_names = net, X, y, tuple(keys), tol, names
        self.w1 = np.linspace(*w1_range, grid)
        self.w2 = np.linspace(*w2_range, grid)
        self.surface = loss_surface(net, X, y, self.params, self.w1, self.w2)
        controls = {
            "lr": widgets.FloatLogSlider(value=float(np.clip(lr, LR_MIN, LR_MAX)), base=10, min=np.log10(LR_MIN),
                                         max=np.log10(LR_MAX), step=0.05, description="learning rate lr",
                                         readout_format=".3f", style={"description_width": "initial"}),
            "start_w1": float_slider(f"start {names[0]}", start[0], *w1_range, step=0.05),
            "start_w2": float_slider(f"start {names[1]}", start[1], *w2_range, step=0.05),
            "steps": widgets.IntSlider(value=int(np.clip(steps, 1, STEPS_MAX)), min=1, max=STEPS_MAX,
                                       description="steps", style={"description_width": "initial"}),
        }
        super().__init__(controls)

    def _compute(self):
        c = self.controls
        start = np.array([c["start_w1"].value, c["start_w2"].value])
        path = descent_path(self.net, self.X, self.y, self.params, start, c["lr"].value, c["steps"].value, self.tol)
        outcome = ("diverged" if path.diverged_at is not None else
                   path.converged_at if path.converged_at is not None else "not converged")
        return {"lr": path.lr, "start": start, "path": path.points, "losses": path.losses,
                "start_loss": path.losses[0], "final_loss": path.losses[-1], "final_w": path.points[-1],
                "gradient_norm": path.grad_norms[-1], "steps_taken": path.steps,
                "steps_to_converge": outcome, "verdict": path.verdict}

    def _draw(self):
        self.figure.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.86, wspace=0.28)
        self.ax_map, self.ax_loss = self.figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1]})
        low, high = self.surface.min(), self.surface.max()
        levels = np.geomspace(max(low, 1e-6) * 1.05, high, 14)
        self.ax_map.contour(self.w1, self.w2, self.surface, levels=levels, cmap="viridis", linewidths=0.9)
        best = lowest_point(self.w1, self.w2, self.surface)
        self.ax_map.plot(best[0], best[1], "x", color="k", ms=8, label="lowest loss")
        self.ax_map.set(xlim=(self.w1[0], self.w1[-1]), ylim=(self.w2[0], self.w2[-1]),
                        xlabel=self.weight_names[0], ylabel=self.weight_names[1])
        self.path_line, = self.ax_map.plot([], [], "o-", color="C3", ms=3, lw=1.2)
        self.start_point, = self.ax_map.plot([], [], "o", color="C3", ms=7, mfc="white")
        self.ax_loss.set(yscale="log", xlim=(0, STEPS_MAX), ylim=(10 ** np.floor(np.log10(max(low, 1e-6) / 2)),
                         10 ** np.ceil(np.log10(high * 1e3))), xlabel="step", title="loss after each step")
        self.loss_line, = self.ax_loss.plot([], [], "o-", color="C3", ms=2.5, lw=1)
        self.verdict_text = self.figure.suptitle("", fontsize=10)
        self._mark_dynamic(self.path_line, self.start_point, self.loss_line, self.verdict_text)

    def _update_artists(self):
        s = self.state
        self.path_line.set_data(s["path"][:, 0], s["path"][:, 1])
        self.start_point.set_data([s["start"][0]], [s["start"][1]])
        self.loss_line.set_data(np.arange(len(s["losses"])), s["losses"])
        self.verdict_text.set_text(s["verdict"].split(" — ")[0])

    def _readout_items(self):
        s = self.state
        return [("lr", s["lr"]), ("start loss", s["start_loss"]), ("final loss", s["final_loss"]),
                ("gradient norm", s["gradient_norm"]), (f"final ({', '.join(self.weight_names)})", s["final_w"])]

    def _readout_html(self):
        verdict = html.escape(self.state["verdict"])
        return super()._readout_html() + f"<div style='font-family:monospace'><b>{verdict}</b></div>"
