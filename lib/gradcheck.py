"""Gradient checking: backward against float64 centred finite differences.

Introduced in lessons/03_chain_rule ("the derivative as a nudge"). Two formulas:

- lesson 03's number, per parameter array: ‖g_bp − g_fd‖ / max(‖g_bp‖ + ‖g_fd‖, FLOOR), the
  largest over the arrays (g_bp: backward's gradient, g_fd: the finite difference);
- the report's, per entry: |g_bp − g_fd| / max(|g_bp|, |g_fd|, FLOOR). The rules of thumb (cs231n)
  are for this one: above 1e-2 wrong, below 1e-4 fine where a kink is near, below 1e-7
  excellent. Entries where a nudge of ±2·eps crosses a ReLU kink, or where both gradients
  are below FLOOR (an exact minimum, a dead unit), are named: there the finite difference
  is not the derivative, so a large error there says nothing about backprop.
"""
from dataclasses import dataclass

import numpy as np

from . import checks as check
from .flow import norm
from .parameters import parameter_label

FLOOR = 1e-6       # gradients below this count as zero: finite differences are rounding noise there
EPS_RANGE = (1e-8, 0.1)   # the nudge: smaller drowns in rounding, larger is no longer a nudge
WRONG, FINE_WITH_KINKS, EXCELLENT = 1e-2, 1e-4, 1e-7
KINK_NOTE = ("a nudge crossed a ReLU kink, where the finite difference is not the derivative: "
             "this number may be large with backprop right; the entries elsewhere decide")


def numerical_gradients(net, X, y, eps=1e-3):
    """∂C/∂p for every parameter by the centred five-point stencil (error O(eps⁴)).

    Returns [dW0, db0, dW1, db1, …] in the order of ``net.parameters()``, each of its shape. ``eps`` is the nudge,
    within EPS_RANGE (TypeError / ValueError otherwise).
    """
    return _scan(net, X, y, nudge(eps))[0]


def nudge(eps):
    """``eps`` as a float when it is a number within EPS_RANGE; else a TypeError or ValueError saying why."""
    low, high = EPS_RANGE
    return check.number(eps, "eps (the nudge; default 0.001)", low=low, high=high)


def _scan(net, X, y, eps):
    """(finite-difference gradients, booleans of the same shapes: True where a nudge crosses a kink)."""
    kinked = [L for L, f in enumerate(net.activations, start=1) if f.kink is not None]
    base = _pattern(net, net.forward(X), kinked)
    grads, kinks = [], []
    for p in net.parameters():
        g, k = np.zeros_like(p), np.zeros(p.shape, dtype=bool)
        for i in np.ndindex(p.shape):
            original, values = p[i], []
            for shift in (2 * eps, eps, -eps, -2 * eps):
                p[i] = original + shift
                trace = net.forward(X)
                values.append(net.loss_of(trace, y))
                k[i] |= any(not np.array_equal(s, b) for s, b in zip(_pattern(net, trace, kinked), base))
            p[i] = original
            c2, c1, m1, m2 = values
            g[i] = (8 * (c1 - m1) - (c2 - m2)) / (12 * eps)
        grads.append(g)
        kinks.append(k)
    return grads, kinks


def _pattern(net, trace, layers):
    return [trace.z[L] > net.activations[L - 1].kink for L in layers]


def entry_errors(g_bp, g_fd):
    """Per entry |g_bp − g_fd| / max(|g_bp|, |g_fd|, FLOOR), and where both are below FLOOR (flat): two arrays
    of the inputs' shape. The rules of thumb (``verdict_word``) are for these numbers."""
    g_bp, g_fd = np.asarray(g_bp, dtype=float), np.asarray(g_fd, dtype=float)
    largest = np.maximum(np.abs(g_bp), np.abs(g_fd))
    return np.abs(g_bp - g_fd) / np.maximum(largest, FLOOR), largest < FLOOR


def verdict_word(error):
    """The rules of thumb for one per-entry error: wrong, suspect, fine only near a kink, excellent."""
    if error > WRONG:
        return "wrong"
    if error < EXCELLENT:
        return "excellent"
    return "fine only near a kink" if error < FINE_WITH_KINKS else "suspect"


def relative_error(analytic, numeric, floor=FLOOR):
    """Lesson 03's number for one array: ‖g_bp − g_fd‖ / max(‖g_bp‖ + ‖g_fd‖, floor) (0 when both are zero)."""
    diff = norm(np.asarray(analytic, dtype=float) - np.asarray(numeric, dtype=float))   # norm: no overflow
    return float(diff / max(norm(analytic) + norm(numeric), floor))


@dataclass
class Entry:
    """One parameter's check: its label, both gradients, the element-wise relative error, flags."""
    label: str
    analytic: float
    numeric: float
    error: float
    at_kink: bool
    flat: bool


class GradientCheck(float):
    """Lesson 03's number (a float), carrying ``entries`` and the names of kinks and flat spots.

    str(), print(), format and arithmetic are a float's. Shown as the last line of a notebook
    cell, a check whose nudges crossed a ReLU kink says so beside the number (the report),
    since there a large number is not a bug; without a kink it shows as the float.
    """

    def __new__(cls, value, entries):
        result = super().__new__(cls, value)
        result.entries = entries
        return result

    @property
    def kinks(self):
        """Labels of the parameters whose nudge crossed a ReLU kink."""
        return [e.label for e in self.entries if e.at_kink]

    @property
    def flat(self):
        """Labels of the parameters where both gradients are ~0 (below FLOOR)."""
        return [e.label for e in self.entries if e.flat and not e.at_kink]

    def _repr_pretty_(self, printer, cycle):
        """IPython's plain-text display: the float, and the report when a nudge crossed a kink."""
        printer.text(float.__repr__(self) + (f" — {KINK_NOTE}\n{self.report()}" if self.kinks else ""))

    def _repr_markdown_(self):
        """The notebook's display at a kink: the number, why it is not a bug, the report; None otherwise."""
        if not self.kinks:
            return None
        lines = "\n".join(f"- {line}" for line in self.report().splitlines())
        return f"**{float.__repr__(self)}** — {KINK_NOTE}\n\n{lines}"

    def report(self):
        """The check in words: the worst entry by the rules of thumb, then every kink and flat spot."""
        trusted = [e for e in self.entries if not (e.at_kink or e.flat)]
        worst = max(trusted, key=lambda e: e.error, default=None)
        lines = [f"largest relative error ‖g_bp − g_fd‖ / (‖g_bp‖ + ‖g_fd‖) over the arrays: "
                 f"{float(self):.1e}"]
        if worst is not None:
            word = verdict_word(worst.error)
            lines.append(f"worst entry (kinks and flat spots aside): {worst.label}, "
                         f"|g_bp − g_fd| / max(|g_bp|, |g_fd|) = {worst.error:.1e} "
                         f"({word}: > {WRONG:g} wrong, < {FINE_WITH_KINKS:g} fine with kinks, "
                         f"< {EXCELLENT:g} excellent)")
        for names, why in ((self.kinks, "a nudge crosses a ReLU kink, so the finite difference averages "
                            "two slopes: not a bug"),
                           (self.flat, f"both gradients are below {FLOOR:g} (a minimum or a dead unit): "
                            "relative error means nothing there")):
            if names:
                lines.append(f"{', '.join(names)}: {why}")
        return "\n".join(lines)


def gradient_check(net, X, y, eps=1e-3):
    """Compare backward with finite differences on X (n, n_in), y: a GradientCheck (a float).

    The float is lesson 03's number; ``.report()`` says which parameters sit at a kink or
    where both gradients are ~0, and judges the rest by the element-wise rules of thumb. ``eps``: see nudge.
    """
    eps = nudge(eps)
    with np.errstate(over="ignore", invalid="ignore"):         # huge numbers show as inf, not warnings
        analytic = net.backward(net.forward(X), y).parameters()
        numeric, kinks = _scan(net, X, y, eps)
        return _result(net, analytic, numeric, kinks)


def _result(net, analytic, numeric, kinks):
    entries = []
    for g_bp, g_fd, k, (l, name) in zip(analytic, numeric, kinks, _arrays(net)):
        errors, flat = entry_errors(g_bp, g_fd)
        for i in np.ndindex(g_bp.shape):
            entries.append(Entry(parameter_label((name, l) + i), float(g_bp[i]), float(g_fd[i]),
                                 float(errors[i]), bool(k[i]), bool(flat[i])))
    return GradientCheck(max(relative_error(g_bp, g_fd) for g_bp, g_fd in zip(analytic, numeric)), entries)


def _arrays(net):
    """(layer index, 'weights' or 'biases') in the order of net.parameters()."""
    return [(l, name) for l in range(len(net.sizes) - 1) for name in ("weights", "biases")]
