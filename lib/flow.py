"""How large the gradient is in each layer of a fresh deep network.

Introduced in lessons/08_challenges: one backward pass through a new network
shows vanishing gradients (deep sigmoid), exploding ones (a large initial
weight scale) and a healthy flow (ReLU with He initialisation).
"""
from dataclasses import dataclass

import numpy as np

from . import checks as check
from .network import Network

VANISHING, EXPLODING = 1e-2, 1e2     # first-layer / output-layer ratios beyond these are not healthy
TINY, HUGE = 1e-2, 1e2               # with targets of size 1, a healthy gradient norm lies in between


@dataclass
class Flow:
    """Frobenius norm of ∂C/∂W for each layer, first layer first: norms (depth + 1,)."""
    norms: np.ndarray

    @property
    def ratio(self):
        """How much of the output layer's gradient reaches the first layer: norms[0] / norms[-1] (inf when
        the output's is 0, or the first layer's is inf; NaN only when both are inf)."""
        with np.errstate(all="ignore"):
            return float(self.norms[0] / self.norms[-1]) if self.norms[-1] > 0 else float("inf")

    @property
    def kind(self):
        """'exploding', 'vanishing' or 'healthy'."""
        if not np.all(np.isfinite(self.norms)) or self.norms.max() > HUGE or self.ratio > EXPLODING:
            return "exploding"
        if self.norms.max() < TINY or self.ratio < VANISHING:
            return "vanishing"
        return "healthy"

    @property
    def verdict(self):
        """The kind, with the numbers behind it in words."""
        return "".join(self._said())

    @property
    def headline(self):
        """The kind and its main number, in a few words (a figure's title)."""
        return self._said()[0]

    def _said(self):
        ratio = f"layer 1 gets {self.ratio:.1e} × the output layer's gradient"
        if self.kind == "healthy":
            return f"healthy: every gradient norm between {TINY:g} and {HUGE:g}", f"; {ratio}"
        if self.kind == "vanishing" and self.ratio >= VANISHING:
            return f"vanishing: every gradient norm is below {TINY:g} (largest {self.norms.max():.1e})", ""
        if self.kind == "vanishing":
            return f"vanishing: {ratio}", " — the first layers barely learn"
        if not np.all(np.isfinite(self.norms)):
            layers = ", ".join(str(l) for l in np.flatnonzero(~np.isfinite(self.norms)) + 1)
            return (f"exploding: the gradients overflowed (beyond {np.finfo(float).max:.1e}) in layer(s) {layers}",
                    " — steps would fly off")
        return f"exploding: gradient norms up to {self.norms.max():.1e}", f"; {ratio} — steps would fly off"


def deep_network(depth, activation="sigmoid", init="xavier", width=32, seed=0):
    """A fresh network of ``depth`` hidden layers of ``width`` neurons, width inputs, one linear output."""
    check.whole(depth, "depth (the number of hidden layers)", low=1)
    check.whole(width, "width (neurons per hidden layer)", low=1)
    sizes = [width] * (depth + 1) + [1]
    return Network(sizes, activation=activation, output_activation="identity", init=init, seed=seed)


def probe_batch(width=32, n=64, seed=0):
    """A fixed batch to push through: X (n, width) standard normal, y (n, 1) standard normal."""
    rng = np.random.default_rng(seed + 1)
    return rng.normal(size=(n, width)), rng.normal(size=(n, 1))


def norm(g):
    """‖g‖, the Frobenius (Euclidean) norm of an array of any shape, as max|g| · ‖g / max|g|‖ (a float).

    Squaring first overflows for entries beyond about 1e154 (the gradients of a deep network
    with large initial weights reach 1e190 and more while finite); scaled by the largest entry
    first, the norm is finite for every finite g whose norm a float can hold. inf when g
    holds inf or NaN.
    """
    g = np.asarray(g, dtype=float)
    largest = float(np.max(np.abs(g))) if g.size else 0.0
    if not np.isfinite(largest):
        return float("inf")
    if largest == 0.0:
        return 0.0
    with np.errstate(under="ignore"):           # entries far below the largest count as 0, as they should
        scaled = g / largest
        return largest * float(np.sqrt(np.sum(scaled * scaled)))


def gradient_flow(net, X, y):
    """Flow of one forward and backward pass of ``net`` on X (n, n_in), y (n, 1)."""
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):   # an overflow shows as inf, in words
        grads = net.backward(net.forward(X), y)
    return Flow(np.array([norm(g) for g in grads.weights]))
