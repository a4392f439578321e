"""TrainingDashboard: train a network on handwritten digits and watch it learn, epoch by epoch.

Used in lessons/07_sgd_minibatches. Training is Network.fit; after every epoch
its callback asks the core for train/test loss and accuracy and moves the curves.
Training runs in a background thread, so the notebook stays usable and the Stop
button is heard (the callback returns False to stop); ``train(blocking=True)``
runs in the caller's thread instead (tests, scripts).
"""
import contextlib
import html
import threading

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from backprop import Network
from backprop.activations import HIDDEN_ACTIVATIONS
from backprop.data import load_digits

from . import _checks as check
from ._base import View
from ._sliders import ExactLogSlider, int_slider

CURVES = ("train_loss", "test_loss", "train_accuracy", "test_accuracy")
SAMPLE_SHAPE = (3, 4)                         # the grid of test digits shown with their predicted labels
LOSS_LIMITS = (1e-2, 5.0)
MOST_HIDDEN, MOST_BATCH, MOST_EPOCHS = 1024, 4096, 1000


def _one_blas_thread():
    """Run numpy's BLAS on one thread: for these small matrices, threads on a busy 2-core machine cost 3-4×."""
    try:
        from threadpoolctl import threadpool_limits          # installed with scikit-learn
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _controls(hidden, activation, lr, batch_size, epochs):
    """The labelled settings (each slider grown to hold the value given) and the Train/Stop buttons."""
    hidden, activation = check.whole(hidden, "hidden", 1, MOST_HIDDEN), check.choice(activation, "activation",
                                                                                      HIDDEN_ACTIVATIONS)
    lr, batch_size = check.positive(lr, "lr"), check.whole(batch_size, "batch_size", 1, MOST_BATCH)
    epochs = check.whole(epochs, "epochs", 1, MOST_EPOCHS)
    return {"hidden": int_slider("hidden neurons", hidden, 2, 128),
            "activation": widgets.Dropdown(options=HIDDEN_ACTIVATIONS, value=activation, description="activation"),
            "lr": ExactLogSlider("learning rate lr", lr, -3, 1, step=0.1),
            "batch_size": int_slider("batch size", batch_size, 1, 256),
            "epochs": int_slider("epochs", epochs, 1, 50),
            "train": widgets.Button(description="Train", button_style="success", icon="play"),
            "stop": widgets.Button(description="Stop", button_style="danger", icon="stop", disabled=True)}


class TrainingDashboard(View):
    """Controls for the network and training, a Train/Stop pair with a progress bar, curves and sample digits."""

    figsize = (8.0, 4.0)

    def __init__(self, hidden=32, activation="sigmoid", lr=0.5, batch_size=32, epochs=10, seed=0):
        self.data, self.seed = load_digits(), check.whole(seed, "seed")
        self.samples = self.data.X_test[:np.prod(SAMPLE_SHAPE)]
        self.curves, self.message, self._thread, self._stop = {k: [] for k in CURVES}, "not trained yet", None, False
        self._trained = None
        controls = _controls(hidden, activation, lr, batch_size, epochs)
        self.progress = widgets.IntProgress(value=0, min=0, max=controls["epochs"].value, description="epochs run")
        self.net = self._new_network(controls)
        super().__init__(controls, actions={"train": self.train, "stop": self.stop})

    def _control_box(self):
        c = self.controls
        return widgets.VBox([widgets.HBox([c["hidden"], c["activation"], c["lr"]]),
                             widgets.HBox([c["batch_size"], c["epochs"]]),
                             widgets.HBox([c["train"], c["stop"], self.progress])])

    def _new_network(self, controls):
        activation = controls["activation"].value
        return Network([64, controls["hidden"].value, 10], activation, "softmax", "cross_entropy",
                       init="he" if activation == "relu" else "xavier", seed=self.seed)

    # ---- training ------------------------------------------------------
    def train(self, blocking=False):
        """Train a fresh network with the current settings: in a thread (returned), or here if ``blocking``."""
        if self.closed or (self._thread is not None and self._thread.is_alive()):
            return self._thread
        self.net, self._stop, self._trained = self._new_network(self.controls), False, self._settings()
        self.curves, self.message = {k: [] for k in CURVES}, "training …"
        self.progress.max, self.progress.value = self.controls["epochs"].value, 0
        for ax in (self.ax_loss, self.ax_acc):                 # only here: a new scale means a full redraw
            ax.set_xlim(0.5, self.progress.max + 0.5)
        self._set_training(True)
        if blocking:
            self._run()
            return None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self._thread

    def stop(self):
        """Ask the training to stop after the current epoch."""
        self._stop = True

    def close(self):
        """Stop the training (after its current epoch), then close the view."""
        self.stop()
        super().close()

    def _release(self):
        self.data = self.samples = None

    def _run(self):
        c, d = self.controls, self.data
        try:
            with _one_blas_thread():
                history = self.net.fit(d.X_train, d.y_train, epochs=c["epochs"].value, lr=c["lr"].exact,
                                       batch_size=c["batch_size"].value, seed=self.seed, callback=self._after_epoch)
            if "diverged" not in self.message:
                self.message = history.message
        finally:
            self._set_training(False)
            self._refresh()

    def _after_epoch(self, epoch, history):
        if self.closed:
            return False
        d = self.data
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            scores = (self.net.loss(d.X_train, d.y_train), self.net.loss(d.X_test, d.y_test),
                      self.net.accuracy(d.X_train, d.y_train), self.net.accuracy(d.X_test, d.y_test))
        if not np.all(np.isfinite(scores)):
            self._stop = True
            self.message = f"diverged in epoch {epoch + 1}: the loss overflowed — lr is too high; try a smaller lr"
            return False
        for name, value in zip(CURVES, scores):
            self.curves[name].append(float(value))
        self.progress.value = epoch + 1
        self._refresh()
        return not self._stop

    def _settings(self):
        return tuple(self._setting(name) for name in ("hidden", "activation", "lr", "batch_size", "epochs"))

    def _set_training(self, running):
        for name, control in self.controls.items():
            control.disabled = running if name != "stop" else not running

    # ---- the view --------------------------------------------------------
    def _compute(self):
        state = {name: np.array(values) for name, values in self.curves.items()}
        state.update(zip(("hidden", "activation", "lr", "batch_size", "epochs"), self._settings()))
        changed = self._trained not in (None, self._settings())
        state.update({"epochs_run": len(self.curves["train_loss"]), "epochs_planned": self.progress.max,
                      "message": "settings changed: press Train to train a new network" if changed else self.message,
                      "labels": self.data.y_test[:len(self.samples)]})
        if "diverged" not in self.message:
            state["predictions"] = self.net.classify(self.samples)
        return state

    def _draw(self):
        fig = self.figure
        grid = fig.add_gridspec(2, 2, width_ratios=[1.3, 1], left=0.08, right=0.99, bottom=0.11, top=0.84,
                                hspace=0.45, wspace=0.15)
        self.ax_loss, self.ax_acc = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[1, 0])
        self.ax_loss.set(yscale="log", ylim=LOSS_LIMITS, title="loss (cross-entropy)")
        self.ax_acc.set(ylim=(0, 1.02), xlabel="epoch", title="accuracy")
        self.lines = {}
        for name in CURVES:
            ax = self.ax_loss if name.endswith("loss") else self.ax_acc
            colour, label = ("C0", "train") if name.startswith("train") else ("C3", "test")
            self.lines[name], = ax.plot([], [], "o-", color=colour, ms=3, lw=1.5, label=label)
        self.ax_loss.legend(fontsize=8, frameon=False, loc="lower left")
        for ax in (self.ax_loss, self.ax_acc):
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_xlim(0.5, self.controls["epochs"].value + 0.5)
        cells = grid[:, 1].subgridspec(*SAMPLE_SHAPE, hspace=0.5, wspace=0.1)
        self.digit_titles = []
        for i, image in enumerate(self.samples):
            ax = fig.add_subplot(cells[i // SAMPLE_SHAPE[1], i % SAMPLE_SHAPE[1]])
            ax.imshow(image.reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
            ax.set_axis_off()
            self.digit_titles.append(ax.set_title("", fontsize=9))
        self.status = fig.suptitle("", fontsize=10, y=0.98)
        self._mark_dynamic(*self.lines.values(), *self.digit_titles, self.status)

    def _update_artists(self):
        s = self.state
        for name, line in self.lines.items():
            line.set_data(np.arange(1, len(s[name]) + 1), s[name])
        predictions = s.get("predictions", [None] * len(self.samples))
        for title, label, guess in zip(self.digit_titles, s["labels"], predictions):
            title.set_text("?" if guess is None else f"says {guess}")
            title.set_color("0.4" if guess is None else "C2" if guess == label else "C3")
        self.status.set_text(f"epoch {s['epochs_run']} of {s['epochs_planned']}: {s['message']}")

    def _readout_items(self):
        s = self.state
        if not s["epochs_run"]:
            return [("epochs run", 0)]
        return [("train loss", s["train_loss"][-1]), ("test loss", s["test_loss"][-1]),
                ("train accuracy", s["train_accuracy"][-1]), ("test accuracy", s["test_accuracy"][-1])]

    def _readout_html(self):
        message = html.escape(self.state["message"])
        return super()._readout_html() + f"<div style='font-family:monospace'>{message}</div>"
