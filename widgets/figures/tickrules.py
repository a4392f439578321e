"""Tick marks for a live figure's axes: about six round values (1, 2, 2.5 or 5 × 10ⁿ apart), or powers of ten.

The linear rule is matplotlib's MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]), ported so that the views need
no matplotlib (see colours.py for why); tests/widgets/test_ticks.py compares it with matplotlib's own on
thousands of ranges. The log rule keeps every decade inside the limits, or every second, third … when there
are more than seven.
"""
import math

import numpy as np

NBINS, STEPS, MIN_TICKS, MAX_DECADES = 6, np.array([1.0, 2.0, 2.5, 5.0, 10.0]), 2, 7
_STAIRCASE = np.concatenate([0.1 * STEPS[:-1], STEPS, [10 * STEPS[1]]])


def _nonsingular(lo, hi, expander=1e-13, tiny=1e-14):
    """Limits widened a little when they (nearly) coincide, as matplotlib's transforms._nonsingular."""
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return -expander, expander
    lo, hi = sorted((float(lo), float(hi)))
    biggest = max(abs(lo), abs(hi))
    if biggest < (1e6 / tiny) * np.finfo(float).tiny or (hi == 0 and lo == 0):
        return -expander, expander
    if hi - lo <= biggest * tiny:
        return lo - expander * abs(lo), hi + expander * abs(hi)
    return lo, hi


def _multiples(x, step, offset, below):
    """The number of whole steps in x, rounded down (below) or up, forgiving float error as matplotlib does."""
    tol = min(0.4999, max(1e-10, 10 ** (np.log10(abs(offset) / step) - 12))) if offset else 1e-10
    d, m = divmod(x, step)
    if below:
        return d + 1 if abs(m / step - 1) < tol else d
    return d if abs(m / step) < tol else d + 1


def linear(lo, hi):
    """Round tick values covering [lo, hi] (an array; the ends may lie just outside the limits)."""
    lo, hi = _nonsingular(lo, hi)
    span, middle = hi - lo, (hi + lo) / 2
    offset = 0 if abs(middle) / span < 100 else math.copysign(10 ** (math.log10(abs(middle)) // 1), middle)
    steps = _STAIRCASE * 10 ** (math.log10(span / NBINS) // 1)
    lo, hi = lo - offset, hi - offset
    large = np.nonzero(steps >= (hi - lo) / NBINS)[0]
    first = large[0] if len(large) else len(steps) - 1
    for step in steps[:first + 1][::-1]:
        start = (lo // step) * step
        values = np.arange(_multiples(lo - start, step, offset, True),
                           _multiples(hi - start, step, offset, False) + 1) * step + start
        if ((values <= hi) & (values >= lo)).sum() >= MIN_TICKS:
            break
    return values + offset


def log(lo, hi):
    """The powers of ten inside [lo, hi] (both > 0): every one, or those whose exponent is a multiple of the
    smallest k that leaves at most seven. Raises ValueError for limits at or below 0."""
    lo, hi = sorted((float(lo), float(hi)))
    if not lo > 0:
        raise ValueError(f"a log axis needs limits above 0, not {lo:g} … {hi:g}")
    first, last = math.ceil(math.log10(lo)), math.floor(math.log10(hi))
    stride = max(1, math.ceil((last - first + 1) / MAX_DECADES))
    return 10.0 ** np.arange(math.ceil(first / stride) * stride, last + 1, stride)     # 10⁰ is one when inside
