"""Small timing helpers shared by every benchmark section: medians after warm-ups."""
import os
import time

import numpy as np


def repeat(fn, repeats, warmups=1):
    """Seconds per call of ``fn()`` for each of ``repeats`` timed calls, after ``warmups`` untimed ones."""
    for _ in range(warmups):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return np.array(times)


def interleaved(fns, repeats, warmups=1, clock=time.perf_counter):
    """{name: seconds per call} for a dict of functions timed in turns, so a burst of load hits them all alike.

    ``clock=time.process_time`` counts only this process's CPU seconds: time spent waiting for a
    core that other processes hold is left out (for pure computation on a shared machine).
    """
    for _ in range(warmups):
        for fn in fns.values():
            fn()
    times = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = clock()
            fn()
            times[name].append(clock() - start)
    return {name: np.array(t) for name, t in times.items()}


def median(times):
    """The median of a sequence of timings (a float)."""
    return float(np.median(times))


def p95(times):
    """The 95th percentile of a sequence of timings (a float)."""
    return float(np.percentile(times, 95))


def growth_exponent(sizes, seconds):
    """Slope k of log(seconds) = k·log(size) + c, by least squares: time grows like size**k."""
    k, _ = np.polyfit(np.log(sizes), np.log(seconds), 1)
    return float(k)


def load_average():
    """The 1-minute load average (how busy the machine was), or NaN where unknown."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def verdict(ok):
    """'ok' or 'MISSED' for a goal."""
    return "ok" if ok else "MISSED"
