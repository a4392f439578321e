"""Sliders that hold the learner's exact number (widgets/_sliders.py): never clamped, never rounded, deaf to echoes."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop.widgets._sliders import ExactLogSlider, ExactSlider, choice_slider, int_slider

from _views import echoes

pytestmark = pytest.mark.filterwarnings("error")
VALUES = st.one_of(st.floats(-4, 4), st.floats(-1e3, 1e3))


def moves_seen(slider):
    seen = []
    slider.on_move(seen.append)
    return seen


@settings(max_examples=60, deadline=None)
@given(value=VALUES, other=VALUES)
def test_a_slider_holds_any_value_exactly_and_echoes_change_nothing(value, other):
    slider = ExactSlider("p", value, -4.0, 4.0)
    seen = moves_seen(slider)
    for shown in (value, other):
        slider.show(shown)
        assert slider.exact == shown and slider.value == shown and slider.min <= shown <= slider.max
        tiny = 0 < abs(shown) < 0.01                                       # below a step: a finer one shows it
        assert slider.min == -slider.max and slider.max >= 4.0
        assert slider.step >= 0.01 or (tiny and 1e-5 <= slider.step <= max(abs(shown) * (1 + 1e-9), 1e-5))
        assert (slider.max - slider.min) / slider.step <= 1000 or slider.step == 0.01 or tiny
        assert 10 ** -int(slider.readout_format[1:-1]) <= slider.step       # the readout is as fine as a step
        sent = echoes(slider)                                              # what the browser was sent, rounded
        for echo in sent:
            slider.value = echo
            assert slider.exact == shown
        slider.set_state({"value": sent[0]})                               # the same echo as a comm message
        assert slider.exact == shown and seen == []


def test_the_range_grows_to_hold_5_and_1e3_and_comes_home():
    slider = ExactSlider("p", 5.0, -4.0, 4.0)
    assert (slider.min, slider.max, slider.value) == (-10.0, 10.0, 5.0)
    slider.show(1e3)
    assert slider.max >= 1e3 and slider.value == 1e3 and slider.step > 0.01
    slider.show(-0.43737)
    assert (slider.min, slider.max, slider.step, slider.value) == (-4.0, 4.0, 0.01, -0.43737)
    assert ExactSlider("lr", 0.001, 0.01, 5.0).min == 0.0                 # a positive range grows down to 0
    assert ExactSlider("y", 3.0, 0.0, 1.0).max >= 3.0


def test_a_number_below_one_step_is_shown_to_its_leading_digit():
    """Lesson 03's Δp = 0.001 read 0.00 and a weight of 0.004 read 0.00: the step and readout follow the number."""
    for value, shown in ((0.001, "0.001"), (0.004, "0.004"), (0.00025, "0.0003"), (0.5, "0.50")):
        slider = ExactSlider("Δp", value, -1.0, 1.0)
        assert f"{slider.value:{slider.readout_format}}" == shown and slider.exact == value
    slider = ExactSlider("Δp", 0.001, -1.0, 1.0)
    slider.show(0.5)
    assert slider.step == 0.01                                             # back to the range's own step
    lr = ExactLogSlider("lr", 0.3, -3, 1)
    shown = 10 ** (round(math.log10(0.3) / lr.step) * lr.step)              # where the browser's grid puts it
    assert f"{shown:{lr.readout_format}}" == "0.300"                      # not 0.316


def test_a_move_of_one_step_is_heard_with_its_exact_value():
    slider = ExactSlider("p", -0.43737, -4.0, 4.0)
    seen = moves_seen(slider)
    slider.value = -0.44                                                   # the browser's echo
    assert seen == [] and slider.exact == -0.43737
    slider.value = -0.45                                                   # one step from what it shows
    assert seen == [-0.45] and slider.exact == -0.45
    slider.value = 7.0                                                     # code beyond the range: the slider's max
    assert seen[-1] == slider.max == 4.0


def test_a_log_slider_holds_its_number_and_ignores_an_echo_in_exponents():
    slider = ExactLogSlider("lr", 0.3, -3, 1)
    seen = moves_seen(slider)
    echo, = echoes(slider)
    assert echo != 0.3 and slider.exact == 0.3
    slider.value = echo
    assert slider.exact == 0.3 and seen == []
    slider.value = 10 ** (slider.min + round((math.log10(0.3) - slider.min) / slider.step + 1) * slider.step)
    assert seen == [slider.value] and slider.exact == slider.value
    wide = ExactLogSlider("lr", 1e-5, -3, 1)
    assert wide.min <= -5 and wide.value == 1e-5 and float(f"{wide.value:{wide.readout_format}}") > 0
    assert ExactLogSlider("lr", 20.0, -3, 1).max >= math.log10(20.0)


def test_int_and_choice_sliders_hold_a_value_outside_their_usual_choices():
    assert int_slider("epochs", 80, 1, 50).max == 80 and int_slider("hidden", 1, 2, 128).min == 1
    slider = choice_slider("n", (25, 50, 100), 30, "{:d}")
    assert slider.value == 30 and [value for _, value in slider.options] == [25, 30, 50, 100]
    slider = choice_slider("dropout", (0.0, 0.1, 0.2), 0.25, "{:.1f}")
    labels = [label for label, _ in slider.options]
    assert slider.value == 0.25 and len(set(labels)) == len(labels)


def test_a_late_echo_of_a_value_code_set_before_is_no_move():
    """Lesson 06 in the zero-install site: code sets lr 3.0 then 1.0; the browser's 3.16 for the 3.0 comes after."""
    slider = ExactLogSlider("lr", 0.05, -3, 1)
    seen = moves_seen(slider)
    for value in (1.0, 2.4, 3.0, 1.0):
        slider.value = value                                     # the lesson's cell sets each in turn
    late, = echoes(slider, 3.0)
    slider.set_state({"value": late})                            # the browser's echo of 3.0, arriving now
    assert slider.exact == 1.0 and seen == [1.0, 2.4, 3.0, 1.0], "a late echo must not undo what code set last"
    assert slider.value == 1.0, "and the browser is sent the value again, so that it shows it"
    slider.set_state({"value": late})                            # the same position again: now the learner's move
    assert slider.exact == late and seen[-1] == late
    slider.set_state({"value": 0.5})                             # a learner's move near no value code set
    assert slider.exact == 0.5 and seen[-1] == 0.5


def test_after_the_learners_move_an_old_value_is_a_move_again():
    slider = ExactSlider("w", 0.0, -4.0, 4.0)
    seen = moves_seen(slider)
    slider.value = 2.0                                           # code
    slider.set_state({"value": -1.0})                            # the learner
    slider.set_state({"value": 2.0})                             # back to where code had put it: heard
    assert slider.exact == 2.0 and seen == [2.0, -1.0, 2.0]
