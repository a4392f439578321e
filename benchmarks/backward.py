"""Section: Network._backward as the lesson writes it (BP1–BP4) against the loop it replaced.

The earlier loop, kept below as ``earlier_backward``, mixed L, L-1 and L-2 in one
statement and reached σ′ through Activation.backward's dispatch; the core now reads
like lesson 09 (BP1 the output layer's, BP2 one line with σ′ read from a, BP4 the mean
of δ's rows). Both take that mean as a row of 1/n times δ, one BLAS call: written as
delta.mean(axis=0) the new loop took 1.27-1.48 × the earlier one's time here, as
delta.sum(axis=0) / n 1.13-1.18 × (numpy's reduction has a fixed cost per call that
dominates at these sizes). Both run on the same traces, in turns, so a burst of load hits
them alike; the goal is new / earlier ≤ 1.05 in the median.

    .venv/bin/python -m benchmarks.run --only backward
"""
import time

import numpy as np

from backprop import Gradients, Network

from ._report import Section
from ._timing import interleaved, median, verdict

GOAL = 1.05
CASES = [  # (name, sizes, hidden, output, loss, batch)
    ("note 003's 2-2-1, one example", [2, 2, 1], "sigmoid", "sigmoid", "half_squared_error", 1),
    ("digits 64-32-10 sigmoid, batch 10", [64, 32, 10], "sigmoid", "softmax", "cross_entropy", 10),
    ("digits 64-64-10 ReLU, batch 32", [64, 64, 10], "relu", "softmax", "cross_entropy", 32),
    ("deep 32×10-1 tanh, batch 64", [32] * 11 + [1], "tanh", "identity", "half_squared_error", 64),
]


def earlier_backward(net, trace, Y):
    """Network._backward before it was written as BP1–BP4: the benchmark's twin, kept as it was."""
    depth, n = len(net._weights), Y.shape[0]
    mean_row = np.full(n, 1.0 / n)      # mean_row @ delta = the batch mean of delta, as one BLAS call
    delta, grad_w, grad_b = [None] * (depth + 1), [None] * depth, [None] * depth
    delta[depth] = net.output.delta(trace.z[depth], trace.a[depth], Y)
    # z, a and delta count layers from 1 as the lessons do; weights[L-1], biases[L-1] are layer L's.
    for L in range(depth, 0, -1):
        grad_w[L - 1] = delta[L].T @ trace.sent(L - 1) / n
        grad_b[L - 1] = mean_row @ delta[L]
        if L > 1:                       # blame flows back through the weights, times σ'(z) (lesson 04)
            dC_da = delta[L] @ net._weights[L - 1]
            dC_da = dC_da if trace.masks[L - 1] is None else dC_da * trace.masks[L - 1]
            delta[L - 1] = net.activations[L - 2].backward(trace.z[L - 1], trace.a[L - 1], dC_da)
    return Gradients(grad_w, grad_b, delta)


def problem(sizes, hidden, output, loss, batch, seed=0):
    """(net, trace, Y) for one case: a seeded network and a batch pushed through it."""
    rng = np.random.default_rng(seed)
    net = Network(sizes, hidden, output, loss, init="he" if hidden == "relu" else "xavier", seed=seed)
    X = rng.normal(size=(batch, sizes[0]))
    Y = net.targets(rng.integers(0, sizes[-1], batch) if output == "softmax" else rng.uniform(size=(batch, 1)),
                    batch)
    return net, net.forward(X), Y


def ratio(case, rounds, calls):
    """(median seconds per call of the new loop, of the earlier one, the median of the rounds' ratios).

    Each round times ``calls`` calls of one, then of the other, so the ratio of a round compares
    two neighbours in time; the clock is this process's CPU time, so the time spent waiting for a
    core held by other processes is left out.
    """
    net, trace, Y = problem(*case[1:])

    def many(fn):
        def calls_in_a_row():           # each result dropped at once, as fit drops a step's gradients
            for _ in range(calls):
                fn(trace, Y)
        return calls_in_a_row
    times = interleaved({"new": many(net._backward), "earlier": many(lambda t, y: earlier_backward(net, t, y))},
                        rounds, warmups=2, clock=time.process_time)
    return median(times["new"]) / calls, median(times["earlier"]) / calls, median(times["new"] / times["earlier"])


def run(quick=False):
    """The backward section of the table: one row per case, and the median of the ratios."""
    rounds, calls = (7, 100) if quick else (31, 200)
    section = Section(f"backward as BP1–BP4 against the earlier loop: median of {rounds} alternating rounds "
                      f"× {calls} calls, CPU time (ratio: the median of the rounds' ratios)",
                      ["case", "new µs", "earlier µs", "new / earlier", f"goal ≤ {GOAL:g}"])
    ratios = []
    for case in CASES:
        new, old, r = ratio(case, rounds, calls)
        ratios.append(r)
        section.rows.append([case[0], f"{new * 1e6:.1f}", f"{old * 1e6:.1f}", f"{r:.3f}", verdict(r <= GOAL)])
    overall = float(np.median(ratios))
    section.notes.append(f"median ratio over the cases: {overall:.3f} ({verdict(overall <= GOAL)})")
    return section
