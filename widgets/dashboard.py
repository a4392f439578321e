"""TrainingDashboard: train a network on handwritten digits and watch it learn, epoch by epoch.

Used in lessons/07_sgd_minibatches (and 09_build_it_yourself, with the learner's own SGD).
Training is backprop.Training, one epoch at a time: the first in the Train click itself, the others
in an asyncio task on the kernel's running event loop that yields between epochs, so the notebook
stays usable, Stop is heard and the curves and progress bar move; no thread is started (the
zero-install site's Pyodide has none).
After each epoch the core's History records loss and accuracy on the training and test digits,
and the figure shows them. ``train(blocking=True)`` runs every epoch before returning (tests, nbconvert).
"""
import asyncio

import ipywidgets as widgets
import numpy as np

from backprop import History, Network, Training
from backprop.activations import HIDDEN_ACTIVATIONS
from backprop.data import load_digits

from backprop import checks as check
from ._base import Demo, View
from ._readout import words
from ._dashboard_figure import CURVES, DashboardFigure
from ._sliders import ExactLogSlider, int_slider
from ._stepping import event_loop, one_blas_thread

SETTINGS = ("hidden", "activation", "lr", "batch_size", "epochs")
MOST_HIDDEN, MOST_BATCH, MOST_EPOCHS = 1024, 4096, 1000


def _controls(hidden, activation, lr, batch_size, epochs):
    """The labelled settings (each slider grown to hold the value given) and the Train/Stop buttons."""
    hidden, activation = check.whole(hidden, "hidden", 1, MOST_HIDDEN), check.choice(activation, "activation",
                                                                                      HIDDEN_ACTIVATIONS)
    lr, batch_size = check.positive(lr, "lr"), check.whole(batch_size, "batch_size", 1, MOST_BATCH)
    epochs = check.whole(epochs, "epochs", 1, MOST_EPOCHS)
    return {"hidden": int_slider("hidden neurons", hidden, 2, 128),
            "activation": widgets.Dropdown(options=HIDDEN_ACTIVATIONS, value=activation, description="activation"),
            "lr": ExactLogSlider("learning rate lr", lr, -3, 1, step=0.1, name="lr"),
            "batch_size": int_slider("batch size", batch_size, 1, 256),
            "epochs": int_slider("epochs", epochs, 1, 50),
            "train": widgets.Button(description="Train", button_style="success", icon="play"),
            "stop": widgets.Button(description="Stop", button_style="danger", icon="stop", disabled=True)}


class TrainingDashboard(View):
    """Controls for the network and training, a Train/Stop pair with a progress bar, curves and sample digits.

    train_epoch: None (the dashboard's own mini-batch SGD, backprop.Training), or your own training
    step, a callable ``train_epoch(network, epoch)`` that updates ``network.weights`` and
    ``network.biases`` in place for one epoch on the digits (``epoch`` counts from 0; what it returns
    is ignored). ``network`` is a fresh backprop.Network [64, hidden, 10] (the chosen activation,
    softmax output, cross-entropy loss) for each press of Train; your function brings its own data,
    lr and batch size, so those two sliders are switched off. After each epoch the dashboard still
    records loss and accuracy on the training and test digits in the core's History.
    """

    demo = Demo("button:Train", "Enter", {"hidden": 16, "epochs": 1},
                between=("hidden neurons", "ArrowRight"))

    plot_size = (800, 400)

    def __init__(self, hidden=32, activation="sigmoid", lr=0.5, batch_size=32, epochs=10, seed=0, train_epoch=None):
        if train_epoch is not None and not callable(train_epoch):
            raise TypeError("train_epoch must be a function train_epoch(network, epoch) that trains network for "
                            f"one epoch in place, or None; got {type(train_epoch).__name__} {train_epoch!r}")
        self.data, self.seed, self.train_epoch = load_digits(), check.whole(seed, "seed"), train_epoch
        self.samples = self.data.X_test[:DashboardFigure.n_samples]
        self.history, self.message, self._task, self._stop, self._trained = None, "not trained yet", None, False, None
        self.training, self._trainer, self._error, self._idle = False, None, None, None
        self._guessed = (None, None)                   # ((network, epochs run), its labels of the samples)
        controls = _controls(hidden, activation, lr, batch_size, epochs)
        self.progress = widgets.IntProgress(value=0, min=0, max=controls["epochs"].value, description="epochs run")
        self.net = self._new_network(controls)
        super().__init__(controls, actions={"train": self.train, "stop": self.stop})
        self._set_training(False)

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
        """Train a fresh network with the current settings: the first epoch here, the others in an asyncio task
        on the kernel's event loop (returned); or every epoch before returning if ``blocking`` (or no loop runs)."""
        if self.closed or self.training:
            return self._task
        c, d = self.controls, self.data
        self.net, self._stop, self._trained, self.training = self._new_network(c), False, self._settings(), True
        self._error, self._idle = None, None
        if self.train_epoch is None:
            self._trainer = Training(self.net, d.X_train, d.y_train, batch_size=c["batch_size"].value,
                                      lr=c["lr"].exact, seed=self.seed)
            self.history = self._trainer.history
        else:
            self._trainer, self.history = None, History()    # the learner's function has its own lr
        self.message, self.progress.max, self.progress.value = "training …", c["epochs"].value, 0
        loop = None if blocking else event_loop()
        going = self._epoch()                    # the first epoch at once: its curves answer the click first
        if going and loop is not None:
            self._set_training(True)
            self._task = loop.create_task(self._run())
            return self._task
        while going:
            going = self._epoch()
        self._finish()
        if self._error is not None and loop is None:    # the learner's train_epoch failed: show them where
            raise self._error
        return None

    async def _run(self):
        try:
            while self._epoch():
                await asyncio.sleep(0)          # the kernel hears Stop and sends the new curves
        finally:
            self._finish()

    def stop(self):
        """Ask the training to stop after the current epoch."""
        self._stop = True

    def close(self):
        """Stop the training (after its current epoch), then close the view."""
        self.stop()
        super().close()

    def _release(self):
        self.data = self.samples = self._trainer = self.progress = None
        self._guessed = (None, None)

    def _epoch(self):
        """Train one epoch and record its scores in the History; False when training should end."""
        epoch, h = self.history.epochs_run, self.history
        if self.closed or self._stop:
            h.stop(epoch - 1)
            return False
        with one_blas_thread(), np.errstate(over="ignore", invalid="ignore", under="ignore", divide="ignore"):
            if self._trainer is not None:
                going = self._trainer.run_epoch()
            else:
                before = [p.copy() for p in self.net.parameters()]
                try:
                    self.train_epoch(self.net, epoch)
                except Exception as error:          # the learner's code: say so in the dashboard
                    self._error, self.message = error, f"your train_epoch raised {type(error).__name__}: {error}"
                    return False
                h.epochs_run, going = epoch + 1, True
                if self._idle is None and all(np.array_equal(p, old) for p, old in zip(self.net.parameters(), before)):
                    self._idle = (f"your train_epoch changed no weight in epoch {epoch + 1} — does it update "
                                  "network.weights and network.biases in place?")
                    self.message = self._idle
            h.record(self.net, (self.data.X_train, self.data.y_train), (self.data.X_test, self.data.y_test))
        if h.diverged or h.scores_blew_up():              # the core's verdict, in its words
            self.message = h.message
            return False
        self.progress.value = epoch + 1
        self._refresh()
        return going and epoch + 1 < self.progress.max

    def _finish(self):
        if self._trainer is not None and not self.history.diverged:
            self._trainer.finish()
        if "diverged" not in self.message and self._error is None:
            self.message = self.history.message + (f"; but {self._idle}" if self._idle else "")
        self.training = False
        self._set_training(False)
        self._refresh()

    def _settings(self):
        return tuple(self._setting(name) for name in SETTINGS)

    def _set_training(self, running):
        for name, control in self.controls.items():
            mine = self.train_epoch is not None and name in ("lr", "batch_size")   # the learner's function's own
            control.disabled = (not running) if name == "stop" else (running or mine)

    # ---- the view --------------------------------------------------------
    def _compute(self):
        h = self.history
        curves = (h.train_loss, h.val_loss, h.train_accuracy, h.val_accuracy) if h else ([],) * 4
        state = {"history": h, **{name: np.array(values) for name, values in zip(CURVES, curves)}}
        state.update(zip(SETTINGS, self._settings()))
        changed = self._trained not in (None, self._settings())
        state.update({"sizes": self.net.sizes, "epochs_run": len(state["train_loss"]),
                      "epochs_planned": self.progress.max,
                      "message": "settings changed: press Train to train a new network" if changed else self.message,
                      "labels": self.data.y_test[:len(self.samples)]})
        if "diverged" not in self.message:
            state["predictions"] = self._guesses()
        return state

    def _guesses(self):
        """The network's labels of the sample digits: asked of the core once per network and epoch."""
        asked = (self.net, self.history.epochs_run if self.history else 0)
        if self._guessed[0] != asked:
            self._guessed = (asked, self.net.classify(self.samples))
        return self._guessed[1]

    def _draw(self):
        self.drawing = DashboardFigure(self.samples)

    def _update_artists(self):
        s = self.state
        self.figure.show(self.drawing.marks(s), backdrop=self.drawing.backdrop,
                         panels=self.drawing.panels(s["epochs_planned"]),
                         title=f"epoch {s['epochs_run']} of {s['epochs_planned']}: {s['message']}",
                         description=self.drawing.description(s))

    def _readout_items(self):
        s = self.state
        if not s["epochs_run"]:
            return [("epochs run", 0)]
        return [("train loss", s["train_loss"][-1]), ("test loss", s["test_loss"][-1]),
                ("train accuracy", s["train_accuracy"][-1]), ("test accuracy", s["test_accuracy"][-1])]

    def _readout_html(self):
        message = words(self.state["message"])
        return super()._readout_html() + f"<div style='font-family:monospace'>{message}</div>"
