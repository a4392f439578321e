"""OverfittingExplorer: training-set size, weight decay and dropout → train and test loss.

Used in lessons/08_challenges. Every number comes from backprop's Network.fit
(weight_decay, dropout) and Network.loss / Network.accuracy on digits.
"""

import numpy as np

from backprop import Network
from backprop.data import load_digits

from . import _checks as check
from ._base import View
from ._sliders import choice_slider

SIZES = (25, 50, 100, 200)
DECAYS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1)
DROPOUTS = (0.0, 0.1, 0.2, 0.3, 0.5)
LOSS_LIMITS = (5e-3, 5.0)
MOST_EPOCHS, MOST_HIDDEN = 1000, 512


class OverfittingExplorer(View):
    """Loss on the training digits and on unseen test digits after each epoch, and the gap at the end.

    Kept fast for sliders: a 64-32-10 ReLU network, one full-batch step per
    epoch for ``epochs`` epochs, losses recorded ``every`` 2 epochs on 200 test
    digits (15-30 ms for a new setting on 2 shared cores); each setting is trained
    once and cached, so going back to it costs only the redraw (about 5 ms).
    Every control is a slider over a few fixed values.
    """

    def __init__(self, n_train=25, weight_decay=0.0, dropout=0.0, epochs=40, lr=0.5, hidden=32,
                 n_test=200, every=2, seed=0):
        self.epochs = check.whole(epochs, "epochs", 1, MOST_EPOCHS)
        self.lr, self.hidden = check.positive(lr, "lr"), check.whole(hidden, "hidden", 1, MOST_HIDDEN)
        self.seed, self.every, self._runs = check.whole(seed, "seed"), check.whole(every, "every", 1, self.epochs), {}
        self.split = load_digits()                        # the core reads the file once per kernel
        n_test = check.whole(n_test, "n_test", 1, len(self.split.X_test))
        self.X_test, self.y_test = self.split.X_test[:n_test], self.split.y_test[:n_test]
        n_train = check.whole(n_train, "n_train", 1, len(self.split.X_train))
        weight_decay, dropout = check.number(weight_decay, "weight_decay", 0.0), self._dropout(dropout)
        controls = {"n_train": choice_slider("training examples", SIZES, n_train, "{:d}"),
                    "weight_decay": choice_slider("weight decay λ", DECAYS, weight_decay, "{:g}"),
                    "dropout": choice_slider("dropout", DROPOUTS, dropout, "{:.1f}")}
        super().__init__(controls)

    @staticmethod
    def _dropout(dropout):
        dropout = check.number(dropout, "dropout", 0.0, 1.0)
        if dropout == 1.0:
            raise ValueError("dropout must be a fraction from 0 up to (not including) 1; got 1.0, which drops "
                             "every neuron")
        return dropout

    def _release(self):
        self.split, self.X_test, self.y_test, self._runs = None, None, None, {}

    def train(self, n_train, weight_decay, dropout):
        """A fresh network trained on ``n_train`` digits: ({train_loss, test_loss}, train and test accuracy).

        Each curve has one loss per ``every`` epochs, shape (epochs // every,).
        """
        key = (n_train, weight_decay, dropout)
        if key not in self._runs:
            X, y = self.split.X_train[:n_train], self.split.y_train[:n_train]
            net = Network([64, self.hidden, 10], "relu", "softmax", "cross_entropy", init="he", seed=self.seed)
            curves = {"train_loss": [], "test_loss": []}

            def record(epoch, history):
                if (epoch + 1) % self.every == 0:                     # every few epochs: half the cost
                    curves["train_loss"].append(net.loss(X, y))      # without dropout: the network as it is
                    curves["test_loss"].append(net.loss(self.X_test, self.y_test))
            net.fit(X, y, epochs=self.epochs, batch_size=n_train, lr=self.lr, seed=self.seed,
                    weight_decay=weight_decay, dropout=dropout, callback=record)
            self._runs[key] = ({k: np.array(v) for k, v in curves.items()},
                               net.accuracy(X, y), net.accuracy(self.X_test, self.y_test))
        return self._runs[key]

    def _compute(self):
        c = self.controls
        curves, train_acc, test_acc = self.train(c["n_train"].value, c["weight_decay"].value, c["dropout"].value)
        train_loss, test_loss = curves["train_loss"], curves["test_loss"]
        return {"n_train": c["n_train"].value, "weight_decay": c["weight_decay"].value,
                "dropout": c["dropout"].value, "train_loss": train_loss, "test_loss": test_loss,
                "final_train_loss": train_loss[-1], "final_test_loss": test_loss[-1],
                "gap": test_loss[-1] - train_loss[-1], "train_accuracy": train_acc, "test_accuracy": test_acc}

    def _draw(self):
        self.figure.subplots_adjust(left=0.1, right=0.97, bottom=0.16, top=0.88)
        ax = self.ax = self.figure.subplots()
        ax.set(yscale="log", ylim=LOSS_LIMITS, xlim=(0, self.epochs + 1), xlabel="epoch",
               ylabel="cross-entropy loss")
        self.epoch_axis = np.arange(self.every, self.epochs + 1, self.every)
        self.train_line, = ax.plot([], [], color="C0", lw=2, label="training digits")
        self.test_line, = ax.plot([], [], color="C3", lw=2, label="unseen test digits")
        self.gap_line, = ax.plot([], [], color="k", lw=1.5, ls=":", marker="_", ms=10)
        self.gap_text = ax.text(self.epochs - 1, 1.0, "", ha="right", va="center", fontsize=9)
        ax.legend(loc="lower left", fontsize=8, frameon=False)
        self.verdict_text = ax.set_title("", fontsize=10)
        self._mark_dynamic(self.train_line, self.test_line, self.gap_line, self.gap_text, self.verdict_text)

    def _update_artists(self):
        s = self.state
        self.train_line.set_data(self.epoch_axis[:len(s["train_loss"])], s["train_loss"])
        self.test_line.set_data(self.epoch_axis[:len(s["test_loss"])], s["test_loss"])
        self.gap_line.set_data([self.epoch_axis[-1]] * 2, [s["final_train_loss"], s["final_test_loss"]])
        self.gap_text.set_position((self.epochs - 1, np.sqrt(s["final_train_loss"] * s["final_test_loss"])))
        self.gap_text.set_text(f"gap {s['gap']:.3f}")
        self.verdict_text.set_text(f"{s['n_train']} training digits: train accuracy {s['train_accuracy']:.2f}, "
                                   f"test accuracy {s['test_accuracy']:.2f}")

    def _readout_items(self):
        s = self.state
        return [("train loss", s["final_train_loss"]), ("test loss", s["final_test_loss"]), ("gap", s["gap"]),
                ("test accuracy", s["test_accuracy"])]
