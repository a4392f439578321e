"""Section 5: how the core's training time grows with hidden width, batch size and data size.

Lesson 08 quotes these exponents: time ∝ size**k, k fitted by least squares on
log-log axes, over the whole range and over its largest sizes (where fixed
per-call costs no longer hide the arithmetic). The sweeps run numpy's BLAS on
one thread, so k measures arithmetic, not thread hand-offs on a shared machine;
one width sweep with the default threads shows the difference.
"""
import contextlib

import numpy as np

from backprop import Network
from backprop.data import load_digits

from ._report import Section, seconds
from ._timing import growth_exponent, interleaved, median

WIDTHS = [32, 64, 128, 256, 512, 1024]
BATCHES = [1, 2, 5, 10, 20, 50, 100, 200, 500]
EXAMPLES = [180, 360, 720, 1437]


def blas_threads(n):
    """A context running numpy's BLAS on ``n`` threads (None: the library's default)."""
    if n is None:
        return contextlib.nullcontext()
    from threadpoolctl import threadpool_limits      # installed with scikit-learn
    return threadpool_limits(limits=n, user_api="blas")


def epoch_seconds(cases, epochs, repeats):
    """Median seconds per epoch of Network([64, hidden, 10]).fit for each (X, y, hidden, batch_size), timed in turns."""
    def fit(X, y, hidden, batch_size):
        net = Network([X.shape[1], hidden, 10], "sigmoid", "softmax", "cross_entropy")
        net.fit(X, y, epochs=epochs, batch_size=batch_size, lr=0.1)
    times = interleaved({i: (lambda case=case: fit(*case)) for i, case in enumerate(cases)}, repeats)
    return [median(times[i]) / epochs for i in range(len(cases))]


def series(label, sizes, times, per_step=None):
    """Rows for one sweep plus its exponents (all sizes, and the largest three)."""
    rows = [[label, size, seconds(t), seconds(s) if s else ""] for size, t, s in
            zip(sizes, times, per_step or [None] * len(sizes))]
    fitted = per_step or times
    what = "time per step" if per_step else "time per epoch"
    k_all, k_top = growth_exponent(sizes, fitted), growth_exponent(sizes[-3:], fitted[-3:])
    rows.append([label, f"fit: {what} ∝ size^k", f"k = {k_all:.2f} (all sizes)", f"k = {k_top:.2f} (largest 3)"])
    return rows


def sweeps(X, y, epochs, repeats):
    """The rows of every sweep."""
    rows = []
    by_width = [(X, y, h, 100) for h in WIDTHS]
    with blas_threads(1):
        rows += series("hidden width (batch 100)", WIDTHS, epoch_seconds(by_width, epochs, repeats))
        batches = epoch_seconds([(X, y, 32, b) for b in BATCHES], epochs, repeats)
        steps = [t / int(np.ceil(len(X) / b)) for t, b in zip(batches, BATCHES)]
        rows += series("batch size (width 32)", BATCHES, batches, steps)
        rows += series("examples per epoch (width 32, batch 100)", EXAMPLES,
                       epoch_seconds([(X[:n], y[:n], 32, 100) for n in EXAMPLES], epochs, repeats))
    rows += series("hidden width, default BLAS threads", WIDTHS, epoch_seconds(by_width, epochs, repeats))
    return rows


def run(quick=False):
    """The scaling section of the table."""
    X, y, _, _ = load_digits()
    epochs, repeats = (1, 3) if quick else (3, 5)
    section = Section(f"5. scaling of the core's fit on digits (lr 0.1), one BLAS thread, "
                      f"median of {repeats} fits × {epochs} epochs, sizes timed in turns", ["sweep", "size", "s/epoch", "s/step"])
    section.rows = sweeps(X, y, epochs, repeats)
    section.notes.append("per-epoch time falls as the batch grows (fewer Python-level steps) while each step costs more")
    return section
