"""The loss over two weights, and the path gradient descent takes across it.

Introduced in lessons/06_gradient_descent: w ← w − lr · ∂C/∂w, drawn on the
contours of C over two weights while every other parameter stays fixed.
A parameter is named by a key: ("weights", l, j, k) is weights[l][j, k] and
("biases", l, j) is biases[l][j]. Points are arrays (2,) of the two values.
"""
from dataclasses import dataclass

import numpy as np

from .parameters import get_parameter, gradient_of, set_parameter  # noqa: F401 (get_parameter: part of the API)
from . import _validate as validate
from . import checks as check
from .network import Network
from .update import descend

OUTPUT_WEIGHTS = (("weights", 1, 0, 0), ("weights", 1, 0, 1))   # w31 and w32 of a 2-2-1 network
_HIDDEN = ([[1.5, 0.0], [0.0, -1.5]], [0.0, 0.0])                # a fixed hidden layer


def descent_example(n=16, noise=0.1, seed=0):
    """A 2-2-1 network (sigmoid hidden, linear output) and data: (net, X (n, 2), y (n, 1)).

    Over w31, w32 the loss is a tilted bowl: lr 0.05 crawls, 1 converges,
    2 zig-zags, 3 diverges (it diverges for lr above about 2.5).
    """
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2.0, 2.0, (n, 2))
    teacher = Network.from_parameters([_HIDDEN[0], [[1.0, -0.5]]], [_HIDDEN[1], [0.3]], "sigmoid", "identity")
    y = teacher.predict(X) + rng.normal(0.0, noise, (n, 1))
    net = Network.from_parameters([_HIDDEN[0], [[-2.0, 2.0]]], [_HIDDEN[1], [0.3]], "sigmoid", "identity")
    return net, X, y


def loss_surface(net, X, y, keys, w1, w2):
    """Loss (len(w2), len(w1)) with the two parameters ``keys`` set to every pair of w1 (m,) × w2 (p,)."""
    probe, X = net.copy(), np.asarray(X, dtype=float)
    Y, surface = net.targets(y, X.shape[0]), np.empty((len(w2), len(w1)))
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        for i, b in enumerate(w2):
            for j, a in enumerate(w1):
                set_parameter(probe, keys[0], a)
                set_parameter(probe, keys[1], b)
                surface[i, j] = probe.loss(X, Y)
    return surface


def loss_and_gradient(net, X, Y, keys):
    """(loss, gradient (2,)) of the batch-mean loss with respect to the two parameters ``keys``."""
    loss, grads = net.loss_and_gradients(X, Y)
    return loss, np.array([gradient_of(grads, key) for key in keys])


@dataclass
class DescentPath:
    """Where gradient descent went: points (k+1, 2) from the start, their losses and gradient norms (k+1,)."""
    points: np.ndarray
    losses: np.ndarray
    grad_norms: np.ndarray
    lr: float
    tol: float
    converged_at: object = None      # first step whose gradient norm is below tol, else None
    diverged_at: object = None       # step at which the loss blew up, else None
    overshoots: int = 0              # steps that reversed the direction of the step before

    @property
    def steps(self):
        """Number of steps taken (the path may stop early: converged or diverged)."""
        return len(self.points) - 1

    @property
    def verdict(self):
        """What happened, in words: the headline, then what to do about it after a dash."""
        return " — ".join(part for part in self._said() if part)

    @property
    def headline(self):
        """What happened in a few words, without the advice (a figure's title)."""
        return self._said()[0]

    def _said(self):
        lr, k = f"lr = {self.lr:g}", self.steps
        if self.diverged_at is not None:
            return (f"diverged at step {self.diverged_at}: {lr} is too high",
                    "every step overshoots the valley further and the loss blows up")
        if self.converged_at is not None:
            way = ", zig-zagging across the valley (overshooting)" if self.overshoots else ""
            return f"converged in {self.converged_at} steps{way}", ""
        if self.losses[-1] > self.losses[0]:
            return f"diverging: the loss grew from {self.losses[0]:.4f} to {self.losses[-1]:.4f}", f"{lr} is too high"
        if self.overshoots > k // 2:
            return f"oscillating: not converged after {k} steps, overshooting at every step", f"{lr} is high"
        return (f"crawling: not converged after {k} steps (gradient norm {self.grad_norms[-1]:.4f} > {self.tol:g})",
                f"{lr} is too low, or take more steps")


def descent_path(net, X, y, keys, start, lr, steps, tol=1e-2, blowup=1e3):
    """Gradient descent on the two parameters ``keys`` from ``start`` (2,), all others fixed.

    Converged: the gradient norm drops below ``tol``. Diverged: the loss is not
    finite or exceeds ``blowup`` × the starting loss. The path stops at either.
    """
    check.positive(lr, "lr (the learning rate)")
    check.whole(steps, "steps", low=1)
    X = validate.check_inputs(X, net.sizes[0])
    probe, Y, w = net.copy(), net.targets(y, X.shape[0]), check.vector(start, "start", 2).copy()
    points, losses, norms, path = [], [], [], {}
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):   # divergence is reported in words
        for step in range(int(steps) + 1):
            set_parameter(probe, keys[0], w[0])
            set_parameter(probe, keys[1], w[1])
            loss, grad = loss_and_gradient(probe, X, Y, keys)
            if step and not (np.isfinite(loss) and loss <= blowup * max(losses[0], 1e-12)):
                path["diverged_at"] = step
                break
            points.append(w.copy()), losses.append(loss), norms.append(float(np.hypot(*grad)))
            if norms[-1] < tol:
                path["converged_at"] = step
                break
            if step < steps:                      # the last point is not moved on
                descend([w], [grad], lr)
    points = np.array(points)
    moves = np.diff(points, axis=0)
    overshoots = int(np.sum(np.einsum("ij,ij->i", moves[1:], moves[:-1]) < 0))
    return DescentPath(points, np.array(losses), np.array(norms), float(lr), float(tol),
                       overshoots=overshoots, **path)


def steps_to_converge(net, X, y, keys, start, lrs, steps, tol=1e-2):
    """Steps descent_path needs to converge from ``start`` (2,) at each rate of ``lrs`` (m,): floats (m,), NaN
    where it did not converge within ``steps`` (crawled or diverged). Lesson 06 plots it over a fine grid of lr."""
    paths = (descent_path(net, X, y, keys, start, lr, steps, tol) for lr in np.ravel(lrs))
    return np.array([np.nan if p.converged_at is None else float(p.converged_at) for p in paths])


def curvature(net, X, y, keys, at, eps=1e-4):
    """The curvature matrix (2, 2) of the batch-mean loss over the two parameters ``keys`` at ``at`` (2,).

    Column i is the centred difference of backward's gradient along parameter i, (g(at + eps e_i) −
    g(at − eps e_i)) / 2 eps, symmetrised; exact up to rounding where the loss is a quadratic bowl
    (lesson 06: descent converges for lr < 2/λmax, and 2/(λmin + λmax) shrinks the slowest direction fastest).
    """
    X = validate.check_inputs(X, net.sizes[0])
    probe, Y, at = net.copy(), net.targets(y, X.shape[0]), check.vector(at, "at", n=2)
    columns = []
    for i in range(2):
        grads = []
        for sign in (1.0, -1.0):
            point = at.copy()
            point[i] += sign * eps
            set_parameter(probe, keys[0], point[0])
            set_parameter(probe, keys[1], point[1])
            grads.append(loss_and_gradient(probe, X, Y, keys)[1])
        columns.append((grads[0] - grads[1]) / (2 * eps))
    H = np.array(columns).T
    return (H + H.T) / 2


def lowest_point(w1, w2, surface):
    """(w1, w2, loss) of the grid point with the lowest loss in ``surface`` (len(w2), len(w1))."""
    i, j = np.unravel_index(np.nanargmin(surface), surface.shape)
    return float(w1[j]), float(w2[i]), float(surface[i, j])
