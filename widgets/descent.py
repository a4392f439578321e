"""DescentExplorer: gradient descent across the loss over two weights.

Used in lessons/06_gradient_descent. The contours, the path and its verdict
(crawling, converged, zig-zagging, diverged) come from backprop.landscape.
"""

import numpy as np

from backprop.landscape import OUTPUT_WEIGHTS, descent_example, descent_path, loss_surface, lowest_point
from backprop.parameters import get_parameter, set_parameter

from backprop import checks as check
from ._base import Demo, View
from ._readout import words
from ._sliders import ExactLogSlider, ExactSlider, int_slider
from .figures import contours, legend, line, panel, points

LR_MIN, LR_MAX, STEPS_MAX, MOST_STEPS, GRID_MAX = 1e-3, 10.0, 100, 1000, 201
EXAMPLE_START, SPAN_MOST = (-2.0, -2.5), 1000.0


class DescentExplorer(View):
    """Contours of the loss over two weights (drawn once) and the path of ``steps`` descent steps.

    By default: w31, w32 of a 2-2-1 network on 16 generated examples, where
    lr = 0.05 crawls, 1 converges, 2 zig-zags and 3 diverges. Converged means
    the gradient norm fell below ``tol``; diverged means the loss grew beyond
    1000 × its starting value (the path stops there, in words, never overflowing).
    With your own ``net`` the view works on a copy; the path starts at its two
    weights ``keys`` unless you give ``start`` (the map grows to hold the start).
    """

    demo = Demo("learning rate lr")

    plot_size = (700, 330)

    def __init__(self, net=None, X=None, y=None, keys=OUTPUT_WEIGHTS, start=None, lr=1.0, steps=50,
                 w1_range=(-3.0, 3.0), w2_range=(-3.0, 3.0), tol=1e-2, grid=31, names=("w31", "w32")):
        self.net, self.X, self.y, start = self._data(net, X, y, start)
        self.params, self.weight_names = self._keys(self.net, keys), self._names(names)
        self.tol, lr = check.positive(tol, "tol"), check.positive(lr, "lr")
        spans = [check.pair(span, f"w{i + 1}_range", True) for i, span in enumerate((w1_range, w2_range))]
        for i, (low, high) in enumerate(spans):
            if max(-low, high) > SPAN_MOST:
                raise ValueError(f"w{i + 1}_range must lie between {-SPAN_MOST:g} and {SPAN_MOST:g}; got "
                                 f"({low:g}, {high:g}) — pick a smaller range, e.g. (-3, 3)")
        steps, grid = check.whole(steps, "steps", 1, MOST_STEPS), check.whole(grid, "grid", 2, GRID_MAX)
        start = [get_parameter(self.net, k) for k in self.params] if start is None else check.pair(start, "start")
        controls = {"lr": ExactLogSlider("learning rate lr", lr, np.log10(LR_MIN), np.log10(LR_MAX), name="lr"),
                    **{f"start_w{i + 1}": self._start_slider(i, start[i], spans[i]) for i in range(2)},
                    "steps": int_slider("steps", steps, 1, STEPS_MAX)}
        self.w1, self.w2 = (np.linspace(c.min, c.max, grid) for c in (controls["start_w1"], controls["start_w2"]))
        self.surface = loss_surface(self.net, self.X, self.y, self.params, self.w1, self.w2)
        super().__init__(controls)

    @staticmethod
    def _data(net, X, y, start):
        """(a copy of net, X (n, n_in), y (n, n_out) as float64, start): the built-in example where not given."""
        if net is None:
            net, X0, y0 = descent_example()
            X, y, start = X0 if X is None else X, y0 if y is None else y, EXAMPLE_START if start is None else start
        if X is None or y is None:
            raise ValueError("X and y, the data, must come with your network: DescentExplorer(net, X, y, keys=...); "
                             f"got {'X' if X is None else 'y'}=None")
        net = check.network(net).copy()
        with check.argument("X"):
            X = net.forward(X).a[0]
        with check.argument("y"):
            return net, X, net.targets(y, X.shape[0]), start

    def _start_slider(self, i, value, span):
        """The slider of start w_i: writes the start into the view's network (the map holds its range)."""
        slider = ExactSlider(f"start {self.weight_names[i]}", value, *span, step=0.05, name="start")
        set_parameter(self.net, self.params[i], slider.exact)
        slider.on_move(lambda v: set_parameter(self.net, self.params[i], v))
        return slider

    @staticmethod
    def _keys(net, keys):
        keys = [check.key(net, k, "keys") for k in check.items(keys, "keys", 2)]
        if keys[0] == keys[1]:
            raise ValueError(f"keys must name two different parameters, e.g. {OUTPUT_WEIGHTS}; got {keys[0]!r} twice")
        return tuple(keys)

    @staticmethod
    def _names(names):
        names = check.items(names, "names", 2)
        if not all(isinstance(n, str) for n in names):
            raise TypeError(f"names must be two labels such as ('w31', 'w32'); got {names!r}")
        return tuple(names)

    def _compute(self):
        c = self.controls
        start = np.array([c["start_w1"].exact, c["start_w2"].exact])
        path = descent_path(self.net, self.X, self.y, self.params, start, c["lr"].exact, c["steps"].value, self.tol)
        outcome = ("diverged" if path.diverged_at is not None else
                   path.converged_at if path.converged_at is not None else "not converged")
        return {"descent": path, "lr": path.lr, "start": start, "path": path.points, "losses": path.losses,
                "start_loss": path.losses[0], "final_loss": path.losses[-1], "final_w": path.points[-1],
                "gradient_norm": path.grad_norms[-1], "steps_taken": path.steps,
                "steps_to_converge": outcome, "verdict": path.verdict}

    def _draw(self):
        """The two panels and the backdrop (contours, lowest point), made once: a change sends only the path."""
        low, high = self.surface.min(), self.surface.max()
        backdrop = []
        if high > max(low, 1e-6) * 1.1:                 # a flat map (these weights change nothing) has no contours
            backdrop += contours(0, self.w1, self.w2, self.surface, np.geomspace(max(low, 1e-6) * 1.05, high, 14),
                                 width=0.9)
        best = lowest_point(self.w1, self.w2, self.surface)
        backdrop += [points(0, [best[0]], [best[1]], color="reference", shape="x", size=5),
                     legend(0, [("lowest loss", "reference", "x"), ("descent path", "learner", "line")], x=0.03, y=0.97)]
        bottom, top = 10 ** np.floor(np.log10(max(low, 1e-6) / 2)), 10 ** np.ceil(np.log10(high * 1e3))
        self.panels = [panel((0.08, 0.15, 0.45, 0.71), xlim=(self.w1[0], self.w1[-1]), ylim=(self.w2[0], self.w2[-1]),
                             xlabel=self.weight_names[0], ylabel=self.weight_names[1], title="loss over two weights"),
                       panel((0.62, 0.15, 0.36, 0.71), xlim=(0, self.controls["steps"].max), ylim=(bottom, top),
                             yscale="log", xlabel="step", title="loss after each step")]
        self.backdrop = backdrop

    def _update_artists(self):
        s = self.state
        marks = [line(0, s["path"][:, 0], s["path"][:, 1], color="learner", width=1.2, marker="o", size=2),
                 points(0, [s["start"][0]], [s["start"][1]], color="learner", shape="ring", size=5),
                 line(1, np.arange(len(s["losses"])), s["losses"], color="learner", width=1, marker="o", size=1.5)]
        self.figure.show(marks, backdrop=self.backdrop, panels=self.panels, title=s["descent"].headline,
                         description=self._description())

    def _description(self):
        """The figure's text alternative: the current numbers."""
        s, (n1, n2) = self.state, self.weight_names
        return (f"Gradient descent on the loss over {n1} and {n2} with lr = {s['lr']:.4g}, from ({n1}, {n2}) = "
                f"({s['start'][0]:.3f}, {s['start'][1]:.3f}) with loss {s['start_loss']:.4f}: {s['steps_taken']} "
                f"steps to ({s['final_w'][0]:.3f}, {s['final_w'][1]:.3f}) with loss {s['final_loss']:.4g}, "
                f"gradient norm {s['gradient_norm']:.4g}. {s['verdict']}.")

    def _readout_items(self):
        s = self.state
        return [("lr", s["lr"]), ("start loss", s["start_loss"]), ("final loss", s["final_loss"]),
                ("gradient norm", s["gradient_norm"]), (f"final ({', '.join(self.weight_names)})", s["final_w"])]

    def _readout_html(self):
        verdict = words(self.state["verdict"])
        return super()._readout_html() + f"<div style='font-family:monospace'><b>{verdict}</b></div>"
