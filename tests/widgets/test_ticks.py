"""widgets/figures/tickrules.py: the live figures' tick values, without matplotlib.

The linear rule is matplotlib's MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]) ported: it must give the same
values on ranges of every size and place, including tiny, huge, negative, reversed and equal limits. The log
rule keeps at most seven powers of ten, evenly strided, all inside the limits.
"""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from matplotlib.ticker import MaxNLocator

from backprop.widgets.figures import tickrules
from backprop.widgets.figures.plot import ticks

pytestmark = pytest.mark.filterwarnings("error")
MATPLOTLIB = MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10])


def same(lo, hi):
    np.testing.assert_array_equal(tickrules.linear(lo, hi), MATPLOTLIB.tick_values(lo, hi))


@pytest.mark.parametrize("lo, hi", [(0, 1), (-4, 4), (0.5, 30.5), (-0.03, 0.6), (1e-9, 3e-9), (1000, 1000.5),
                                    (-1e6, -999990), (2, 2), (0, 0), (5, -5), (0.1, 0.1000001), (1e300, 1.1e300)])
def test_linear_ticks_are_matplotlibs_on_hand_picked_ranges(lo, hi):
    same(lo, hi)


@settings(max_examples=2000, deadline=None)
@given(st.floats(-1e6, 1e6), st.floats(1e-6, 1e6))
def test_linear_ticks_are_matplotlibs_on_any_range(lo, span):
    same(lo, lo + span)


def test_the_axis_shows_only_ticks_inside_its_limits_with_round_labels():
    assert ticks((0.0, 1.0)) == [[0.0, "0"], [0.2, "0.2"], [0.4, "0.4"], [0.6, "0.6"], [0.8, "0.8"], [1.0, "1"]]
    assert ticks((-4, 4)) == [[-4.0, "−4"], [-2.0, "−2"], [0.0, "0"], [2.0, "2"], [4.0, "4"]]
    assert ticks((0.5, 30.5)) == [[5.0, "5"], [10.0, "10"], [15.0, "15"], [20.0, "20"], [25.0, "25"], [30.0, "30"]]


@pytest.mark.parametrize("lo, hi, expected", [
    (1e-3, 10, [-3, -2, -1, 0, 1]), (0.5, 2000, [0, 1, 2, 3]), (1e-8, 1e5, [-8, -6, -4, -2, 0, 2, 4]),
    (3, 7, []), (1, 1e6, [0, 1, 2, 3, 4, 5, 6])])
def test_log_ticks_are_the_powers_of_ten_inside_at_most_seven(lo, hi, expected):
    assert [round(math.log10(v)) for v in tickrules.log(lo, hi)] == expected
    assert [v for v, _ in ticks((lo, hi), "log")] == [10.0 ** e for e in expected]


def test_a_log_axis_refuses_limits_at_or_below_zero():
    with pytest.raises(ValueError, match="above 0"):
        tickrules.log(0, 10)
