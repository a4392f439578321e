"""Sliders that hold the learner's exact number: never clamped, never rounded, deaf to echoes.

A slider stands for one number (a weight, an input, a learning rate) kept in ``exact``.
Its range starts at the view's usual one and grows (1-2-5 steps) to hold a number
outside it, up to REACH × the home range (a view's argument beyond that is refused with a
message naming it and the range); its step follows the range. A browser writes back the
value it shows, rounded to the step or to the readout: a change within half a step of ``exact`` is
such an echo and changes nothing. An echo may also arrive late, after code has set another value
(Run All in the zero-install site: lesson 06 sets lr to 3.0 and then back to 1.0, and the browser's
3.16 for the 3.0 came after): a message from the browser within half a step of a value code set
since the learner's last move is that value's echo too. A learner's move changes ``exact`` and
calls the slider's ``on_move`` callbacks (before any observer a view adds later).
"""
import math
from collections import deque

import ipywidgets as widgets
import numpy as np

STYLE = {"description_width": "initial"}
REACH = 1000.0        # a slider grows to hold up to REACH × its home range (log sliders: 3 decades either side)


def nice_limit(values, smallest=0.01):
    """The smallest of 1, 2, 5 × 10ⁿ (≥ ``smallest``) that holds max |values|: axis limits that rarely change."""
    top = max(float(np.max(np.abs(values))), smallest)
    for step in (1.0, 2.0, 5.0, 10.0):
        limit = step * 10.0 ** np.floor(np.log10(top))
        if limit >= top * (1 - 1e-12):
            return float(limit)
    return float(10.0 ** np.ceil(np.log10(top)))


class _Exact:
    """What both exact sliders share: ``exact``, ``show``, ``on_move`` and the echo rule."""

    SENT = 8              # how many values set by code since the learner's last move a late echo may answer

    def _hold(self, value):
        self.exact, self._moves, self._from_browser = float(value), [], False
        self._sent = deque([self.exact], maxlen=self.SENT)
        self.observe(self._on_value, names="value")

    def set_state(self, sync_data):
        """A message from the browser (the learner, or an echo of what code set)."""
        self._from_browser = True
        try:
            super().set_state(sync_data)
        finally:
            self._from_browser = False

    def on_move(self, callback):
        """Call ``callback(exact)`` whenever the learner moves the slider (not for echoes or ``show``)."""
        self._moves.append(callback)

    def is_echo(self, value, of=None):
        """True when ``value`` is ``of`` (default ``exact``) as the browser shows it: within half a step."""
        of = self.exact if of is None else of
        return abs(self._position(value) - self._position(of)) <= self.step / 2 * (1 + 1e-9)

    def _late_echo(self, value):
        """True (and that value forgotten) when a browser's ``value`` echoes one code set since the last move."""
        for sent in self._sent:
            if self.is_echo(value, sent):
                self._sent.remove(sent)
                return True
        return False

    def show(self, value):
        """Hold ``value`` exactly: the range fits it (growing or returning home), then the slider moves to it."""
        low, high = self._fit(value)
        self.exact = float(value)
        self._sent.append(self.exact)
        with self.hold_sync():
            self.min, self.max = min(low, self.min), max(high, self.max)   # widen first: nothing clamps
            self.value = self.exact
            self.min, self.max = low, high
            self._restep()

    def _on_value(self, change):
        if self.is_echo(change["new"]):
            return
        if self._from_browser and self._late_echo(change["new"]):
            self.value = self.exact                  # the browser shows what the slider holds again
            return
        self.exact = float(change["new"])
        if self._from_browser:
            self._sent.clear()
        else:
            self._sent.append(self.exact)
        for callback in self._moves:
            callback(self.exact)


class ExactSlider(_Exact, widgets.FloatSlider):
    """A FloatSlider over [low, high] (grown to hold ``value``) whose number is ``exact``."""

    def __init__(self, description, value, low, high, step=0.01, name=None, positive=False, **kw):
        self._home = (float(low), float(high), float(step))
        reach = REACH * max(abs(float(low)), abs(float(high)))
        least = 0.0 if positive else -reach        # positive: a number the view has checked is above 0 (lr)
        if not least <= value <= reach:            # refused: the argument ``name`` seeds this slider
            raise ValueError(f"{name or description} must be between {least:g} and {reach:g} for this view's "
                             f"slider; got {value:g} — pick a number in that range")
        low, high = self._fit(value)
        super().__init__(value=float(value), min=low, max=high, step=self._step_for(low, high),
                         description=description, continuous_update=True, style=STYLE, **kw)
        self._restep()
        self._hold(value)

    def _fit(self, value):
        """The home range, or one grown to hold ``value`` with room to move (symmetric stays symmetric)."""
        low, high, _ = self._home
        if low <= value <= high:
            return low, high
        grown = nice_limit(2 * value)
        if low == -high:
            return -grown, grown
        if value > high:
            return low, grown
        return (0.0 if value >= 0 else -grown), high

    def _step_for(self, low, high):
        return max(self._home[2], nice_limit((high - low) / 1000, smallest=1e-12))

    def _restep(self):
        """The step of the range, or a finer one (down to 1/1000 of it) for a number smaller than a step, so that
        the readout shows its leading digit (lesson 03's Δp = 0.001 reads 0.001, not 0.00; a weight 0.004, 0.004)."""
        step, exact = self._step_for(self.min, self.max), abs(self.exact if hasattr(self, "exact") else self.value)
        self.step = finer(exact, step) if 0 < exact < step else step
        self.readout_format = f".{max(0, -math.floor(math.log10(self.step) + 1e-9))}f"

    @staticmethod
    def _position(value):
        return value


class ExactLogSlider(_Exact, widgets.FloatLogSlider):
    """A FloatLogSlider over 10^low … 10^high (whole exponents, grown to hold ``value``) whose number is ``exact``."""

    def __init__(self, description, value, low, high, step=0.05, name=None, **kw):
        self._home, self._home_step = (float(low), float(high)), float(step)
        least, most = 10.0 ** (math.floor(low) - 3), 10.0 ** (math.ceil(high) + 3)
        if not least <= value <= most:             # refused: the argument ``name`` seeds this slider
            raise ValueError(f"{name or description} must be between {least:g} and {most:g} for this view's "
                             f"slider; got {value:g} — pick a number in that range")
        low, high = self._fit(value)
        super().__init__(value=float(value), base=10, min=low, max=high, step=step, description=description,
                         continuous_update=True, style=STYLE, **kw)
        self._restep()
        self._hold(value)

    def _fit(self, value):
        low, high = self._home
        position = self._position(value)
        return min(low, math.floor(position)), max(high, math.ceil(position))

    def _restep(self):
        """Exponent steps of the home step, or of 0.001 when the exact number is off that grid (lr 0.3 reads 0.300,
        not 0.316); the readout shows three significant digits of the number."""
        exact = self.exact if hasattr(self, "exact") else self.value
        position, step = self._position(exact), self._home_step
        self.step = step if abs(position / step - round(position / step)) <= 1e-6 else 0.001
        self.readout_format = f".{max(2, 2 - math.floor(math.log10(max(exact, 1e-300))))}f"

    @staticmethod
    def _position(value):
        return math.log10(max(value, 1e-300))


def finer(value, step):
    """The largest of step / 10, / 100, / 1000 that is no larger than |value| (at least step / 1000)."""
    for divisor in (10, 100, 1000):
        if step / divisor <= abs(value) * (1 + 1e-9):
            break
    return step / divisor


def int_slider(description, value, low, high):
    """An IntSlider over [low, high], grown to hold ``value``."""
    return widgets.IntSlider(value=value, min=min(low, value), max=max(high, value), description=description,
                             style=STYLE)


def choice_slider(description, options, value, fmt):
    """A SelectionSlider over ``options`` and ``value`` (added in order when it is not one of them)."""
    options = sorted(set(options) | {value})
    labels = [fmt.format(o) for o in options]
    if len(set(labels)) < len(labels):                  # the added value looks like a neighbour: say it in full
        labels = [f"{o:g}" for o in options]
    return widgets.SelectionSlider(options=list(zip(labels, options)), value=value,
                                   description=description, style=STYLE, continuous_update=True)
