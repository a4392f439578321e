"""Data sets that work offline: note 003's worked example, the digits, small generated sets.

The playground's seeded 2-D sets (noisy XOR, spiral, blobs, circles, moons; ``planar`` splits one
into train and test) are made in backprop.planar and importable from here.

Note 003's example is worked in lessons/05_worked_example; digits are introduced in
lessons/07_sgd_minibatches; XOR in lessons/00_start_here.
"""
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

DIGITS_FILE = Path(__file__).with_name("digits.npz")     # package data, see DIGITS.md
WORKED_LR = 0.1          # note 003's learning rate


@dataclass
class Split:
    """A train/test split: X_* (n, n_features) in 0..1, y_* integer labels (n,)."""
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray

    def __iter__(self):
        return iter((self.X_train, self.y_train, self.X_test, self.y_test))


def worked_example():
    """Note 003's 2-2-1 sigmoid network with ½ squared error: (net, x (1, 2), y (1, 1)).

    w⁽¹⁾ = [[0.4, 0.3], [0.6, 0.9]] (the note's w11, w12 / w21, w22), b⁽¹⁾ = [0.1, 0.2],
    w⁽²⁾ = [[0.5, 0.7]] (w31, w32), b⁽²⁾ = [0.3]; x = (0.5, 0.1), y = 0.6; lr = WORKED_LR.
    """
    from .network import Network
    net = Network.from_parameters([[[0.4, 0.3], [0.6, 0.9]], [[0.5, 0.7]]], [[0.1, 0.2], [0.3]],
                                  activation="sigmoid", loss="half_squared_error")
    return net, np.array([[0.5, 0.1]]), np.array([[0.6]])


@lru_cache(maxsize=1)
def _digit_pixels():
    """The digits in digits.npz beside this file, read once per process: X (1797, 64) in 0..1, y (1797,).

    The same numbers as scikit-learn's load_digits(), without scikit-learn; source and licence in DIGITS.md.
    """
    with np.load(DIGITS_FILE) as stored:
        return stored["pixels"] / 16.0, stored["labels"].astype(int)


def load_digits(test_fraction=0.2, seed=0):
    """The 1,797 8×8 handwritten digits (UCI, CC BY 4.0; see DIGITS.md), scaled to 0..1, split per class."""
    from ._guards import rng_from
    from .checks import number
    number(test_fraction, "test_fraction", low=0.0, high=1.0, low_open=True, high_open=True)
    X, y = _digit_pixels()          # indexed below, so callers get copies and the cache stays intact
    rng = rng_from(seed)
    test = np.zeros(len(y), dtype=bool)
    for label in np.unique(y):                  # the same share of every digit in the test set
        idx = rng.permutation(np.flatnonzero(y == label))
        test[idx[:int(round(test_fraction * len(idx)))]] = True
    train_idx, test_idx = rng.permutation(np.flatnonzero(~test)), rng.permutation(np.flatnonzero(test))
    return Split(X[train_idx], y[train_idx], X[test_idx], y[test_idx])


def xor():
    """The four XOR examples: X (4, 2), y (4, 1)."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array([[0.0], [1.0], [1.0], [0.0]])


def two_moons(n=200, noise=0.1, seed=0):
    """Two interleaved half circles: X (n, 2), labels y (n,) in {0, 1}."""
    rng = np.random.default_rng(seed)
    n_top = n // 2
    t = rng.uniform(0, np.pi, n)
    top = np.c_[np.cos(t[:n_top]), np.sin(t[:n_top])]
    bottom = np.c_[1 - np.cos(t[n_top:]), 0.5 - np.sin(t[n_top:])]
    X = np.vstack([top, bottom]) + rng.normal(0, noise, (n, 2))
    y = np.r_[np.zeros(n_top, int), np.ones(n - n_top, int)]
    order = rng.permutation(n)
    return X[order], y[order]


def circles(n=200, noise=0.05, factor=0.5, seed=0):
    """A small circle inside a large one: X (n, 2), labels y (n,) (1 = inner)."""
    rng = np.random.default_rng(seed)
    t = rng.uniform(0, 2 * np.pi, n)
    y = (np.arange(n) >= n // 2).astype(int)
    radius = np.where(y == 1, factor, 1.0)
    X = np.c_[radius * np.cos(t), radius * np.sin(t)] + rng.normal(0, noise, (n, 2))
    order = rng.permutation(n)
    return X[order], y[order]


def __getattr__(name):
    """The playground's sets, from backprop.planar (which builds on the sets above), on first use."""
    if name in ("blobs", "noisy_xor", "planar", "spiral"):
        from . import planar
        return getattr(planar, name)
    raise AttributeError(f"module 'backprop.data' has no attribute {name!r}")
