"""How often the network's predicted class is right. Introduced in lessons/07_sgd_minibatches."""
import numpy as np

from ._guards import class_labels


def classes_of(y_hat):
    """Predicted class per example (n,) from ŷ (n, n_out): argmax, or ŷ ≥ 0.5 for a single output."""
    return (y_hat[:, 0] >= 0.5).astype(int) if y_hat.shape[1] == 1 else y_hat.argmax(axis=1)


class Scores:
    """``classify`` and ``accuracy`` for a network with ``forward`` and ``sizes``."""

    def classify(self, X):
        """Predicted class per example (n,): argmax of ŷ, or ŷ ≥ 0.5 for a single output."""
        return classes_of(self.forward(X).y_hat)

    def accuracy(self, X, labels):
        """Fraction of examples (a float in 0..1) whose predicted class equals ``labels`` (n,) or one-hot."""
        return accuracy_of(self.forward(X).y_hat, labels)


def accuracy_of(y_hat, labels):
    """Fraction (0..1) of the rows of ŷ (n, n_out) whose predicted class equals ``labels`` (n,) or one-hot."""
    predicted, labels = classes_of(y_hat), class_labels(labels, y_hat.shape[1])
    if labels.shape != predicted.shape:
        raise ValueError(f"labels must have one class per example ({predicted.shape[0]}); got shape {labels.shape}")
    return float(np.mean(predicted == labels))
