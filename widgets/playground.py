"""PlaygroundExplorer: a 2-D data set, a small network, Play — the decision boundary learns live.

Used in lessons/08_challenges (overfitting; vanishing gradients). Every number comes from the core:
the data from backprop.data.planar, the network from backprop.Network, each step from
backprop.Training (Play runs frames of STEPS_PER_FRAME mini-batch steps, Step one mini-batch or one
epoch, ``train(epochs=N)`` N epochs from code — the same steps, bit for bit), the verdict from
Training.judge. The figure (PlaygroundFigure, playground.js) only paints; the kernel sends the next
frame of Play only once the page has painted the one before, so Pause is heard between two frames; in the
class app it also waits a while before the next frame (Pacing, widgets/_pacing.py: a frame-rate cap and a
back-off from the measured round trip), so that many students playing at once leave the machine to the others.
"""
import html

import ipywidgets as widgets
import numpy as np

from backprop import checks as check
from backprop.planar import DEFAULT_CLASSES, FIXED_CLASSES, SETS

from ._base import Demo, View
from ._lifetime import close_widgets
from ._pacing import Pacing
from . import _playground_frame as frame
from ._playground_figure import PlaygroundFigure
from ._playground_setup import ACTIVATIONS, OUTPUTS, STEPS_PER_FRAME, Settings, extent_of, grid_size
from ._sliders import choice_slider, int_slider

LRS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
DECAYS, DROPOUTS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1), (0.0, 0.1, 0.2, 0.3, 0.5)
NOISES, POINTS, BATCHES = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5), (20, 40, 100, 200, 400, 1000), (1, 5, 10, 20, 50, 100)
PLAYING = ("<div><i>Playing: the figure shows the numbers as they change. Pause (or Step) to read them "
           "here.</i></div>")
CONTROL_COLUMN = 300    # px: a slider's longest label, its 120 px track and its readout side by side
SETTING_CONTROLS = ("data", "n", "noise", "test_fraction", "classes", "layers", "width", "activation", "output",
                    "lr", "batch_size", "weight_decay", "dropout")


def _controls(s):
    sel = choice_slider
    return {"data": widgets.Dropdown(options=list(SETS), value=s.data, description="data"),
            "n": sel("points", POINTS, s.n, "{:d}"), "noise": sel("noise", NOISES, s.noise, "{:g}"),
            "test_fraction": sel("test share", (0.2, 0.3, 0.5, 0.7), s.test_fraction, "{:g}"),
            "classes": int_slider("classes", s.classes, 2, 6),
            "layers": int_slider("hidden layers", s.layers, 0, 6), "width": int_slider("neurons", s.width, 1, 8),
            "activation": widgets.Dropdown(options=ACTIVATIONS, value=s.activation, description="activation"),
            "output": widgets.Dropdown(options=OUTPUTS, value=s.output, description="output"),
            "lr": sel("learning rate", LRS, s.lr, "{:g}"),
            "batch_size": sel("batch size", BATCHES, s.batch_size, "{:d}"),
            "weight_decay": sel("weight decay λ", DECAYS, s.weight_decay, "{:g}"),
            "dropout": sel("dropout", DROPOUTS, s.dropout, "{:g}"),
            "edges": widgets.ToggleButtons(options=["weight", "gradient"], value="weight", description="edges by"),
            "play": widgets.Button(description="Play", icon="play", button_style="success"),
            "step": widgets.Button(description="Step"), "epoch": widgets.Button(description="Step epoch"),
            "reset": widgets.Button(description="Reset"), "code": widgets.Button(description="Code")}


class PlaygroundExplorer(View):
    """The decision boundary over the plane with the training (circles) and test (squares) points, the
    network with each neuron's own picture and its edges by weight (or gradient), the loss curves, the verdict.

    Arguments are the defaults of backprop.widgets._playground_setup.Settings (data, n, noise, test_fraction,
    classes, layers, width, activation, output, lr, batch_size, weight_decay, dropout, seed); a bad one raises
    a ValueError or TypeError naming the choices or the limit. ``state["boundary"]`` is P(class 1) on the
    (ny, nx) grid over ``state["extent"]`` = (x_min, x_max, y_min, y_max), row 0 at y_min ((ny, nx, k) for k
    classes); ``network`` is the core Network being trained.
    """

    demo = Demo("button:Step", "Enter")
    passes = (5, 1)      # the grid, the training points, the test points, the verdict's look; a gradient on demand
    plot_size = (960, 430)

    def __init__(self, data="circles", seed=0, wire="bytes", **settings):
        self.settings = Settings.checked(**{**Settings().as_dict(), "data": data, "seed": seed, "classes": None,
                                            **settings})
        self.wire, self.playing, self._sent, self.code_text = wire, False, None, ""
        self.pacing = Pacing.from_environment()        # lockstep unless the class app set a pace
        self._new_run()
        controls = _controls(self.settings)
        self.code_box = widgets.HTML()
        super().__init__(controls, actions={"play": self.toggle, "step": lambda: self.step(1),
                                            "epoch": self.step_epoch, "reset": self.reset, "code": self.show_code})
        self.figure.on_drawn(self._on_drawn)
        self.children = (*self.children, self.code_box)

    def _make_figure(self):
        return PlaygroundFigure(wire=self.wire, width=self.plot_size[0], height=self.plot_size[1])

    def _control_box(self):
        """The settings in a grid of as many equal columns of at least CONTROL_COLUMN px as fit (one on a phone),
        in reading order (data, network, training), then the buttons and the edges' choice, wrapping."""
        c = self.controls
        grid = widgets.GridBox([c[name] for name in SETTING_CONTROLS], layout=widgets.Layout(
            grid_template_columns=f"repeat(auto-fill, minmax(min(100%, {CONTROL_COLUMN}px), 1fr))",
            grid_gap="0 16px", width="100%"))
        buttons = widgets.HBox([c[name] for name in ("play", "step", "epoch", "reset", "code")])
        return widgets.VBox([grid, buttons, c["edges"]])

    # ---- the run -----------------------------------------------------------
    @property
    def network(self):
        """The core backprop.Network being trained."""
        return self.net

    def _new_run(self):
        self.split = self.settings.split()
        self.net = self.settings.network()
        self.training = self.settings.training(self.net, self.split)
        self.extent, n = extent_of(self.split), grid_size()
        xs, ys = np.linspace(self.extent[0], self.extent[1], n), np.linspace(self.extent[2], self.extent[3], n)
        self.grid_shape, self.grid = (n, n), np.c_[np.tile(xs, n), np.repeat(ys, n)]   # row 0 at y_min
        self._setup_sent = None

    def train(self, epochs):
        """Train ``epochs`` more epochs from code, as Play would (the same steps), then show the result."""
        check.whole(epochs, "epochs", 1, 10000)
        for _ in range(epochs):
            if not self.training.run_epoch():
                break
        self._refresh()
        return self

    def step(self, k=1):
        """``k`` mini-batch steps (the Step button: one), then show them."""
        self.training.run_steps(check.whole(k, "k (mini-batch steps)", 1, 100000))
        self._refresh()

    def step_epoch(self):
        """The rest of the epoch under way (a whole epoch when none is), then show it."""
        self.training.run_epoch()
        self._refresh()

    def reset(self):
        """A fresh network and training of the current settings (the same seed: the same start)."""
        self._new_run()
        self._refresh()

    def toggle(self):
        """Play, or Pause when playing."""
        self.pause() if self.playing else self.play()

    def play(self):
        """Play: a frame of STEPS_PER_FRAME steps each time the page has painted the one before (in the class app
        after the wait ``pacing`` asks for). Twice: once."""
        if self.playing or self.closed:
            return
        self.playing = True
        self._set_button()
        self._frame()

    def pause(self):
        """Stop after the frame under way (the page hears it within that frame); a wait for the next is dropped."""
        self.playing = False
        self.pacing.cancel()
        self._set_button()
        if self.readout is not None and getattr(self, "state", None):
            self.readout.value = self._readout_html()      # the numbers of the frame on show

    def _set_button(self):
        button = self.controls.get("play")
        if button is not None:
            button.description, button.icon = ("Pause", "pause") if self.playing else ("Play", "play")

    def _on_drawn(self, frame):
        if self.playing and not self.closed and frame == self._sent and not self.pacing.pending:
            self.pacing.later(self.pacing.wait(), self._frame)

    def _frame(self):
        if not self.playing or self.closed:
            return
        self.pacing.started()
        self._sent = None
        if not self.training.run_steps(STEPS_PER_FRAME):
            self.playing = False              # diverged: the picture freezes at the last finite weights
            self._set_button()
        self._refresh()

    def show_code(self):
        """Show the lines that rebuild this data set and network, trained as far as now, bit for bit."""
        epochs, steps = divmod(self.training.steps, self.training.steps_per_epoch)
        self.code_text = self.settings.code(epochs, steps)
        self.code_box.value = f"<pre style='font-size:12px'>{html.escape(self.code_text)}</pre>"
        return self.code_text

    def close(self):
        """Stop playing (a wait for the next frame is dropped), then close the view (re-running its cell does this)."""
        self.playing = False
        if getattr(self, "pacing", None) is not None:
            self.pacing.cancel()
        if not self.closed and getattr(self, "figure", None) is not None:
            self.figure.forget()
            close_widgets([self.code_box])
        super().close()

    def _release(self):
        self.split = self.net = self.training = self.grid = self.code_box = self._setup_sent = None

    def _on_change(self, change=None):
        if self._quiet or change is None or change["owner"] is self.controls.get("edges"):
            return super()._on_change(change)
        values, notes = {name: self._setting(name) for name in SETTING_CONTROLS}, []
        if change["owner"] is self.controls["data"] or values["data"] in FIXED_CLASSES:
            if change["owner"] is self.controls["classes"]:
                free = " and ".join(name for name in SETS if name not in FIXED_CLASSES)
                notes.append(f"{values['data']} has {DEFAULT_CLASSES[values['data']]} classes; the classes "
                             f"setting is for {free}")
            values["classes"] = DEFAULT_CLASSES[values["data"]]       # a new data set comes with its classes
        if values["classes"] > 2 and values["output"] != "multi-class":
            if change["owner"] is self.controls["output"]:
                notes.append(f"a binary output (sigmoid and binary cross-entropy) separates 2 classes and these data "
                             f"have {values['classes']}, so the output stays multi-class (softmax)")
            values["output"] = "multi-class"
        self.code_box.value = "".join(f"<div>{html.escape(note)}</div>" for note in notes)
        try:
            self.settings = Settings.checked(**values, seed=self.settings.seed)
        except ValueError as error:
            self.code_box.value = f"<div style='font-family:monospace'>{html.escape(str(error))}</div>"
            return
        with self._silenced():
            self.controls["classes"].value, self.controls["output"].value = self.settings.classes, self.settings.output
        self._new_run()
        super()._on_change(change)

    # ---- the numbers and the figure -------------------------------------------
    def _compute(self):
        net, split, s, training = self.net, self.split, self.settings, self.training
        history, (ny, nx) = training.history, self.grid_shape
        trace = net.forward(self.grid)
        k = net.sizes[-1]
        boundary = trace.y_hat[:, 0].reshape(ny, nx) if k == 1 else trace.y_hat.reshape(ny, nx, k)
        verdict, message = training.judge()
        epochs, steps = divmod(training.steps, training.steps_per_epoch)
        train_accuracy, test_accuracy = self._accuracies()
        return {"boundary": boundary, "extent": self.extent, "hidden": self._pictures(trace),
                "edges": self._edges(), "train_accuracy": train_accuracy, "test_accuracy": test_accuracy,
                "train_loss": history.train_loss[-1] if history.train_loss else None,
                "test_loss": history.val_loss[-1] if history.val_loss else None,
                "epoch": history.epochs_run, "steps": training.steps, "steps_in_epoch": steps,
                "verdict": verdict, "message": message, "history": history, "settings": s,
                "curves": self._curves(), "setup": self._setup()}

    def _accuracies(self):
        """(train, test) accuracy now: the History's record when it was scored at this step, else the core's."""
        h, split, s = self.training.history, self.split, self.settings
        if h.recorded_at and h.recorded_at[-1] == self.training.steps and h.train_accuracy and h.val_accuracy:
            return h.train_accuracy[-1], h.val_accuracy[-1]
        return (self.net.accuracy(split.X_train, s.targets(split.y_train)),
                self.net.accuracy(split.X_test, s.targets(split.y_test)))

    def _pictures(self, trace):
        return frame.pictures(trace, self.grid_shape, self.extent[1], self.net.activation.name)

    def _edges(self):
        if self.controls and self.controls["edges"].value == "gradient":
            split = self.split
            return frame.edges(self.net.backward(self.net.forward(split.X_train),
                                                 self.settings.targets(split.y_train)).weights)
        return frame.edges(self.net.weights)

    def _setup(self):
        """What changes only with the data or the network, made once per run."""
        if self._setup_sent is None:
            self._setup_sent = frame.setup(self.split, self.net, self.extent, self.grid_shape)
        return self._setup_sent

    def _curves(self):
        return frame.curves(self.training.history, self.net.loss_function.name)

    def _update_artists(self):
        s = self.state
        self.figure.state = s
        title = f"{s['settings'].data}: epoch {s['epoch']}, step {s['steps']}"
        numbers = [("train loss", s["train_loss"]), ("test loss", s["test_loss"]),
                   ("train accuracy", s["train_accuracy"]), ("test accuracy", s["test_accuracy"])]
        lines = [f"{name} {value:.3f}" if value is not None else f"{name} –" for name, value in numbers]
        said = f"{s['verdict']}: {s['message'].split(': ', 1)[-1]}" if s["message"] else s["verdict"]
        description = (f"Decision boundary of a {'-'.join(map(str, s['setup']['sizes']))} {s['settings'].activation} "
                       f"network on the {s['settings'].data} data, {title.split(': ', 1)[1]}; " + "; ".join(lines)
                       + f". Verdict: {said}.")
        self.figure.show(s["boundary"], s["hidden"], s["edges"], s["curves"],
                         {"title": title, "lines": lines, "verdict": s["message"]}, description, setup=s["setup"])
        self._sent = self.figure.frame

    def _readout_items(self):
        s = self.state
        return [("epoch", s["epoch"]), ("steps", s["steps"]), ("train accuracy", s["train_accuracy"]),
                ("test accuracy", s["test_accuracy"])]

    def _readout_html(self):
        """The numbers and the verdict in words; while playing, one fixed sentence instead: numbers that change
        many times a second cannot be read, a copy a frame behind the figure disagreed with it, and rewriting
        the HTML at every frame cost JupyterLab a relayout each time. Pause writes them (``pause``)."""
        if self.playing:
            return PLAYING
        words = html.escape(self.state["message"] or self.state["verdict"])
        return super()._readout_html() + f"<div>{words}</div>"
