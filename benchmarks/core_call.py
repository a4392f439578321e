"""Section 3: what one move of a live view costs in the core, against a budget: a twentieth of a frame.

A move asks the core once (tests/widgets/test_passes.py counts the passes): BlameExplorer one
forward and one backward pass, NudgeExplorer (backprop.explore.nudged) two forward and one
backward, on note 003's 2-2-1 worked example. Section 2 gives each move one 60 Hz frame in the
kernel, marks and message included; the core's share is at most 1/20 of it (833 µs), so the
drawing, not the maths, decides the latency. fit's inner step (loss_and_gradients, no checks and
no trace copies) runs beside them as the peer: what the same passes cost without the checks.
"""
from backprop.data import worked_example
from backprop.explore import nudged

from ._report import Section
from ._timing import interleaved, median, verdict
from .views import FRAME

BUDGET = FRAME / 20                     # seconds of core work per move
KEY = ("weights", 1, 0, 0)              # note 003's w31, NudgeExplorer's default parameter


def calls():
    """{row name: (a call, its budget in seconds or None for the peer)} on note 003's example."""
    net, x, y = worked_example()

    def blame_move():
        trace = net.forward(x)
        return net.backward(trace, y), net.loss_of(trace, y)
    return {"BlameExplorer's move: backward(forward(x)), loss_of (1 + 1 passes)": (blame_move, BUDGET),
            "NudgeExplorer's move: nudged(net, x, y, w31, 0.5) (2 + 1 passes)":
            (lambda: nudged(net, x, y, KEY, 0.5), BUDGET),
            "peer: loss_and_gradients(x, y, check=False), fit's step (1 + 1)":
            (lambda: net.loss_and_gradients(x, y, check=False), None)}


def run(quick=False):
    """The core-call section: µs per call (median of interleaved rounds), budget and verdict."""
    number, repeats = (200 if quick else 1000), (5 if quick else 21)
    table = calls()
    rounds = interleaved({name: (lambda fn=fn: [fn() for _ in range(number)]) for name, (fn, _) in table.items()},
                         repeats)
    section = Section(f"3. core call per move: note 003's 2-2-1 example, one example, median of {repeats} rounds × "
                      f"{number} calls (budget: 1/20 of a 60 Hz frame, {BUDGET * 1e6:.0f} µs)",
                      ["call", "µs per call", "budget", "verdict"])
    for name, (_, budget) in table.items():
        seconds = median(rounds[name]) / number
        section.rows.append([name, f"{seconds * 1e6:.1f}", "—" if budget is None else f"{budget * 1e6:.0f} µs",
                             "peer" if budget is None else verdict(seconds <= budget)])
    return section
