"""Seeded 2-D data sets for the playground (lessons/08_challenges), generated, never downloaded.

Every set is X (n, 2) with integer labels y (n,), centred on 0 and about ±1 across (XOR and the
spiral a little wider); ``noise`` is the standard deviation of Gaussian noise added to each
coordinate, in those units. ``planar(name, …)`` makes one by name and splits it into a train/test Split.
"""
import numpy as np

from . import checks as check
from .data import Split, circles, two_moons

MOST_POINTS, MOST_NOISE = 2000, 1.0
MOST_CLASSES = 6


def noisy_xor(n=200, noise=0.1, seed=0):
    """Lesson 00's XOR, sampled: each coordinate ±(0.1 … 1) with a random sign (a margin of 0.1 about the
    axes), label 1 where x₁·x₂ < 0 (before the noise): the four points' corners, filled in."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(0.1, 1.0, (n, 2)) * rng.choice([-1.0, 1.0], (n, 2))
    y = (X[:, 0] * X[:, 1] < 0).astype(int)
    return X + rng.normal(0, noise, (n, 2)), y


def spiral(n=200, noise=0.1, seed=0, classes=2):
    """``classes`` arms that wind 1.25 turns about the origin, n // classes points each (label = arm)."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % classes
    r = rng.uniform(0.05, 1.0, n)
    angle = 2.5 * np.pi * r + 2 * np.pi * y / classes
    X = np.c_[r * np.sin(angle), r * np.cos(angle)] + rng.normal(0, noise, (n, 2))
    order = rng.permutation(n)
    return X[order], y[order]


def blobs(n=200, noise=0.1, seed=0, classes=3):
    """``classes`` Gaussian clouds of std 0.25 + noise about centres evenly spaced on a circle of radius 0.7."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % classes
    turn = 2 * np.pi * y / classes + np.pi / 2
    X = 0.7 * np.c_[np.cos(turn), np.sin(turn)] + rng.normal(0, 0.25 + noise, (n, 2))
    order = rng.permutation(n)
    return X[order], y[order]


def _moons(n, noise, seed):
    X, y = two_moons(n, noise, seed)
    return (X - [0.5, 0.25]) / 1.2, y               # centred, about ±1 across like the others


SETS = {"circles": lambda n, noise, seed, classes: circles(n, noise, 0.5, seed),
        "moons": lambda n, noise, seed, classes: _moons(n, noise, seed),
        "xor": lambda n, noise, seed, classes: noisy_xor(n, noise, seed),
        "spiral": lambda n, noise, seed, classes: spiral(n, noise, seed, classes),
        "blobs": lambda n, noise, seed, classes: blobs(n, noise, seed, classes)}
DEFAULT_CLASSES = {"circles": 2, "moons": 2, "xor": 2, "spiral": 2, "blobs": 3}
FIXED_CLASSES = ("circles", "moons", "xor")


def planar(name="circles", n=200, noise=0.1, test_fraction=0.5, seed=0, classes=None):
    """A named 2-D set ('circles', 'moons', 'xor', 'spiral', 'blobs') of n points, split into a Split.

    classes: the number of labels of 'spiral' and 'blobs' (2 … MOST_CLASSES; None: their default);
    the first round(test_fraction · n) points of the (already shuffled) set are the test points.
    Raises ValueError naming the choices or the limits.
    """
    name = check.choice(name, "data", tuple(SETS))
    n = check.whole(n, "n (the number of points)", 4, MOST_POINTS)
    noise = check.number(noise, "noise", 0.0, MOST_NOISE)
    check.number(test_fraction, "test_fraction", low=0.0, high=1.0, low_open=True, high_open=True)
    if classes is None:
        classes = DEFAULT_CLASSES[name]
    classes = check.whole(classes, "classes", 2, MOST_CLASSES)
    if name in FIXED_CLASSES and classes != 2:
        raise ValueError(f"data {name!r} has 2 classes; got classes={classes} — more classes: 'spiral' or 'blobs'")
    X, y = SETS[name](n, noise, check.whole(seed, "seed"), classes)
    n_test = min(max(int(round(test_fraction * n)), 1), n - 1)
    return Split(X[n_test:], y[n_test:], X[:n_test], y[:n_test])
