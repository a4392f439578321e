"""Numbers the lessons' prose and printed lines claim, worked out again by hand here (issue 23's errata).

Lesson 08 and 09 count multiply-adds per example: forward one per weight; backward one per weight for the
gradient and one per weight to pass the blame down, in every layer but the first (the core computes no blame
for the inputs). For a 64-h-10 network that is 74h forward and 84h backward.
"""
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from backprop import Network

LESSONS = Path(__file__).parent.parent / "lessons"


def printed(lesson, marker):
    """Everything the stored outputs of ``lesson`` printed, in the cell whose source contains ``marker``."""
    nb = nbformat.read(next(LESSONS.glob(f"{lesson}_*.ipynb")), as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and marker in c.source]
    assert len(cells) == 1, f"lesson {lesson}: {len(cells)} cells contain {marker!r}"
    return "".join(out.get("text", "") for out in cells[0].outputs if out.get("output_type") == "stream")


def test_the_core_passes_no_blame_to_the_inputs():
    net = Network([64, 32, 10], seed=0)
    grads = net.backward(net.forward(np.zeros((3, 64))), np.zeros((3, 10)))
    assert grads.delta[0] is None and grads.delta[1].shape == (3, 32)


@pytest.mark.parametrize("hidden", [16, 64, 256, 512])
def test_lesson_08_counts_the_64_h_10_networks(hidden):
    forward = 64 * hidden + hidden * 10                        # z = a Wᵀ, one multiply-add per weight
    backward = forward + hidden * 10                           # δᵀa per weight, δW for the output layer only
    assert (round(backward / forward, 2), round((forward + backward) / forward, 2)) == (1.14, 2.14)
    line = next(l for l in printed("08", "def multiply_adds").splitlines() if l.startswith(f"hidden {hidden:5d}"))
    assert f"forward {forward:6d}, backward {backward:6d} (1.14 × forward)" in line
    assert "per epoch 2.14 × weights × examples" in line
    assert f"{(forward + backward) * 1438 / 1e6:6.1f} million" in line


def test_lesson_09_counts_its_64_32_10_network():
    forward, backward = 64 * 32 + 32 * 10, 64 * 32 + 32 * 10 + 32 * 10
    assert (forward, backward) == (2368, 2688)
    assert f"forward {forward}, backward {backward} = 1.14 × forward" in printed("09", "forward_work, backward_work")


def test_lessons_08_and_09_state_a_bound_or_the_count_never_about_twice():
    for lesson in ("08", "09"):
        nb = nbformat.read(next(LESSONS.glob(f"{lesson}_*.ipynb")), as_version=4)
        prose = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert not re.search(r"about 2×|about twice|≈\s*3 \\times", prose), f"lesson {lesson} still claims about 2×"


def test_lesson_06_prints_the_grid_the_core_computes():
    text = printed("06", "steps_to_converge(")
    assert "fewest steps: 7, at lr = 1.55 to 1.80" in text
    assert "2/(λmin + λmax) = 2.18" in text and "edge 2/λmax = 2.54" in text
    assert "lr = 2.4: 50 steps" in text and "lr = 2.5: 197 steps" in text


def test_lesson_06_says_the_fastest_rate_is_well_below_the_edge():
    nb = nbformat.read(next(LESSONS.glob("06_*.ipynb")), as_version=4)
    prose = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "just below the cliff edge" not in prose and "usually sits just below the edge" not in prose
    assert "well below" in prose
