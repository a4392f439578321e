"""The training dashboard's figure as Plot marks: loss and accuracy per epoch, and test digits with their guesses.

Used by TrainingDashboard (lessons/07_sgd_minibatches). The digit images are a backdrop, sent
once; an epoch sends only the four curves and the twelve guesses. Numbers in, marks out: no maths.
"""
import math

import numpy as np

from .figures import image, legend, line, panel, texts

CURVES = ("train_loss", "test_loss", "train_accuracy", "test_accuracy")
SAMPLE_SHAPE = (3, 4)                         # the grid of test digits shown with their predicted labels
LOSS_LIMITS = (1e-2, 5.0)
DIGITS = 2                                    # the panel index of the digits


def epoch_ticks(epochs):
    """Whole-number ticks for 1 … epochs, at most about eight."""
    step = max(1, math.ceil(epochs / 8))
    return [(e, str(e)) for e in range(step, epochs + 1, step)] if epochs > 1 else [(1, "1")]


class DashboardFigure:
    """Two curve panels on the left (loss, log scale; accuracy) and a grid of test digits on the right."""

    n_samples = SAMPLE_SHAPE[0] * SAMPLE_SHAPE[1]

    def __init__(self, samples):
        rows, cols = SAMPLE_SHAPE
        self.cells = [(i % cols, rows - 1 - i // cols) for i in range(len(samples))]     # (column, row from below)
        self.backdrop = [image(DIGITS, digit.reshape(8, 8), (c + 0.15, c + 0.85, r + 0.05, r + 0.75))
                         for digit, (c, r) in zip(samples, self.cells)]
        self.backdrop.append(legend(0, [("train", "train", "line"), ("test", "test", "line")], x=0.03, y=0.35))

    @staticmethod
    def panels(epochs):
        """Loss, accuracy and digits panels; the epoch axis holds ``epochs`` (a new scale per training)."""
        xlim, ticks = (0.5, epochs + 0.5), epoch_ticks(epochs)
        rows, cols = SAMPLE_SHAPE
        return [panel((0.07, 0.56, 0.5, 0.3), xlim=xlim, ylim=LOSS_LIMITS, yscale="log", xticks=ticks,
                      title="loss (cross-entropy)"),
                panel((0.07, 0.11, 0.5, 0.3), xlim=xlim, ylim=(0, 1.02), xticks=ticks, xlabel="epoch",
                      title="accuracy"),
                panel((0.62, 0.02, 0.37, 0.84), xlim=(0, cols), ylim=(0, rows), frame=False,
                      title="test digits: what the network says")]

    def marks(self, s):
        """The four curves and the guesses of the dashboard's state ``s``."""
        marks = [line(0 if name.endswith("loss") else 1, np.arange(1, len(s[name]) + 1), s[name],
                      color="train" if name.startswith("train") else "test", width=1.5, marker="o", size=2.5)
                 for name in CURVES]
        guesses = s.get("predictions", [None] * len(self.cells))
        words = ["?" if g is None else f"✓ says {g}" if g == label else f"✗ says {g}" for g, label in zip(guesses, s["labels"])]
        colours = ["muted" if g is None else "right" if g == label else "wrong" for g, label in zip(guesses, s["labels"])]
        marks.append(texts(DIGITS, [(c + 0.5, r + 0.88) for c, r in self.cells], words, size=12, color=colours))
        return marks

    @staticmethod
    def description(s):
        """The figure's text alternative: the network, the epoch, the last scores and the guesses."""
        head = f"Training a {'-'.join(map(str, s['sizes']))} network on digits: epoch {s['epochs_run']} of " \
               f"{s['epochs_planned']}, {s['message']}."
        if s["epochs_run"]:
            head += (f" Train loss {s['train_loss'][-1]:.4f}, test loss {s['test_loss'][-1]:.4f}, train accuracy "
                     f"{s['train_accuracy'][-1]:.3f}, test accuracy {s['test_accuracy'][-1]:.3f}.")
        if "predictions" in s:
            head += " Test digits " + ", ".join(f"{label} read as {guess}" for label, guess in
                                                zip(s["labels"], s["predictions"])) + "."
        return head
