"""OverfittingExplorer: training-set size, weight decay and dropout → train and test loss.

Used in lessons/08_challenges. Every number comes from backprop's Network.fit
(weight_decay, dropout, validation on unseen digits): the curves are its History.
"""

import numpy as np

from backprop import Network
from backprop.data import load_digits

from backprop import checks as check
from ._base import Demo, View
from ._readout import words
from ._sliders import choice_slider
from .figures import legend, line, panel, texts

SIZES = (25, 50, 100, 200)
DECAYS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1)
DROPOUTS = (0.0, 0.1, 0.2, 0.3, 0.5)
LOSS_LIMITS = (5e-3, 5.0)
MOST_EPOCHS, MOST_HIDDEN, MOST_DECAY = 1000, 512, 1.0


class OverfittingExplorer(View):
    """Loss on the training digits and on unseen test digits after each epoch, and the gap at the end.

    Kept fast for sliders: a 64-32-10 ReLU network, one full-batch step per
    epoch for ``epochs`` epochs, losses recorded (History.record_every) every
    ``every`` epochs (by default 4, or ``epochs`` if fewer) on the training digits and 200
    test digits — a new setting costs 10-20 ms of the kernel on 2 cores; each setting is
    trained once and cached, so going back to it costs only sending the curves.
    Every control is a slider over a few fixed values.
    """

    demo = Demo("weight decay λ", snake="dropout")

    def __init__(self, n_train=25, weight_decay=0.0, dropout=0.0, epochs=40, lr=0.5, hidden=32,
                 n_test=200, every=None, seed=0):
        self.epochs = check.whole(epochs, "epochs", 1, MOST_EPOCHS)
        self.lr, self.hidden = check.positive(lr, "lr"), check.whole(hidden, "hidden", 1, MOST_HIDDEN)
        self.seed, self.every, self._runs = check.whole(seed, "seed"), check.whole(
            min(4, self.epochs) if every is None else every, "every", 1, self.epochs), {}
        self.split = load_digits()                        # the core reads the file once per kernel
        n_test = check.whole(n_test, "n_test", 1, len(self.split.X_test))
        self.X_test, self.y_test = self.split.X_test[:n_test], self.split.y_test[:n_test]
        n_train = check.whole(n_train, "n_train", 1, len(self.split.X_train))
        weight_decay = check.number(weight_decay, "weight_decay", 0.0, MOST_DECAY)
        dropout = check.fraction(dropout, "dropout")              # the core's rule: 0 up to (not including) 1
        controls = {"n_train": choice_slider("training examples", SIZES, n_train, "{:d}"),
                    "weight_decay": choice_slider("weight decay λ", DECAYS, weight_decay, "{:g}"),
                    "dropout": choice_slider("dropout", DROPOUTS, dropout, "{:.1f}")}
        super().__init__(controls)

    def _release(self):
        self.split, self.X_test, self.y_test, self._runs = None, None, None, {}

    def train(self, n_train, weight_decay, dropout):
        """A fresh network trained on ``n_train`` digits: (its History, train accuracy, test accuracy).

        The History holds train_loss and val_loss (the test digits), one per ``every`` epochs, at recorded_at.
        """
        key = (n_train, weight_decay, dropout)
        if key not in self._runs:
            X, y = self.split.X_train[:n_train], self.split.y_train[:n_train]
            net = Network([64, self.hidden, 10], "relu", "softmax", "cross_entropy", init="he", seed=self.seed)
            history = net.fit(X, y, epochs=self.epochs, batch_size=n_train, lr=self.lr, seed=self.seed,
                              weight_decay=weight_decay, dropout=dropout, validation=(self.X_test, self.y_test),
                              record_every=self.every)     # one full-batch step per epoch: every k steps = k epochs
            self._runs[key] = (history, net.accuracy(X, y), net.accuracy(self.X_test, self.y_test))
        return self._runs[key]

    def _compute(self):
        c = self.controls
        history, train_acc, test_acc = self.train(c["n_train"].value, c["weight_decay"].value, c["dropout"].value)
        train_loss, test_loss = np.array(history.train_loss), np.array(history.val_loss)
        recorded = train_loss.size > 0                   # a run that diverged at once recorded no epoch
        return {"history": history, "n_train": c["n_train"].value, "weight_decay": c["weight_decay"].value,
                "dropout": c["dropout"].value, "epoch": np.array(history.recorded_at), "train_loss": train_loss,
                "test_loss": test_loss, "final_train_loss": train_loss[-1] if recorded else None,
                "final_test_loss": test_loss[-1] if recorded else None,
                "gap": history.gap, "train_accuracy": train_acc,
                "test_accuracy": test_acc, "message": history.message if history.diverged else ""}

    def _draw(self):
        self.panels = [panel((0.1, 0.16, 0.87, 0.72), xlim=(0, self.epochs + 1), ylim=LOSS_LIMITS, yscale="log",
                             xlabel="epoch", ylabel="cross-entropy loss")]
        self.backdrop = [legend(0, [("training digits", "train", "line"), ("unseen test digits", "test", "line")],
                                x=0.03, y=0.12)]

    def _update_artists(self):
        s = self.state
        if s["final_train_loss"] is None:               # diverged before the first recorded epoch: say so
            marks = [texts(0, [(0.5, 0.5)], [s["message"]], coords="axes", size=12, halo=True)]
            self.figure.show(marks, backdrop=self.backdrop, panels=self.panels, title=s["message"],
                             description=self._description(s["message"]))
            return
        end, middle = s["epoch"][-1], np.sqrt(s["final_train_loss"] * s["final_test_loss"])
        marks = [line(0, s["epoch"], s["train_loss"], color="train", width=2),
                 line(0, s["epoch"], s["test_loss"], color="test", width=2),
                 line(0, [end, end], [s["final_train_loss"], s["final_test_loss"]], color="ink", width=1.5, dash=True),
                 texts(0, [(end - 1, middle)], [f"gap {s['gap']:.3f}"], anchor="end", size=12, halo=True)]
        title = (f"{s['n_train']} training digits: train accuracy {s['train_accuracy']:.2f}, "
                 f"test accuracy {s['test_accuracy']:.2f}")
        self.figure.show(marks, backdrop=self.backdrop, panels=self.panels, title=title,
                         description=self._description(title))

    def _description(self, title):
        """The figure's text alternative: the settings, the last losses and the gap."""
        s = self.state
        if s["final_train_loss"] is None:
            return (f"Loss per epoch with weight decay λ = {s['weight_decay']:g} and dropout {s['dropout']:g}: "
                    f"no epoch recorded — training {s['message']}.")
        return (f"Loss per epoch with weight decay λ = {s['weight_decay']:g} and dropout {s['dropout']:g}; {title}. "
                f"After epoch {s['epoch'][-1]}: training loss {s['final_train_loss']:.4f}, test loss "
                f"{s['final_test_loss']:.4f}, gap {s['gap']:.4f}." + (f" Training {s['message']}." if s["message"]
                                                                       else ""))

    def _readout_html(self):
        s = self.state
        said = f"<div style='font-family:monospace'>training {words(s['message'])}</div>" if s["message"] else ""
        return super()._readout_html() + said

    def _readout_items(self):
        s = self.state
        if s["final_train_loss"] is None:
            return [("test accuracy", s["test_accuracy"])]
        return [("train loss", s["final_train_loss"]), ("test loss", s["final_test_loss"]), ("gap", s["gap"]),
                ("test accuracy", s["test_accuracy"])]
