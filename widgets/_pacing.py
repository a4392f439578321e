"""Play's pace: how long the playground waits, once the page has painted a frame, before it starts the next one.

On a desktop kernel Play runs in lockstep: the next frame starts as soon as the page answers the one before
(the fastest the round trip allows). In the class app (`make app`) thirty kernels share a few cores and one
server that relays every message; there the Makefile sets two variables for the kernels (the class's
defaults are its PLAY_FPS and PLAY_BACKOFF):

- BACKPROP_PLAY_FPS: the most frames per second one view plays (0: no cap);
- BACKPROP_PLAY_BACKOFF: after each frame, wait this many times the frame's round trip (from the start of
  its steps to the page's answer, smoothed over the last frames; 0: no back-off).

A busy machine makes round trips longer, so each playing view waits longer and takes a bounded share
(at most 1 / (1 + BACKOFF) of the time it is in flight); when they shrink again it speeds back up, up to
the cap. The wait is a timer on the kernel's own event loop (asyncio's ``call_later``), so sliders and
Pause are heard while it runs; ``cancel`` drops it (Pause, closing the view). Used by PlaygroundExplorer
(lessons/08_challenges).
"""
import asyncio
import math
import os
import time

FPS_VARIABLE, BACKOFF_VARIABLE = "BACKPROP_PLAY_FPS", "BACKPROP_PLAY_BACKOFF"
SMOOTHING = 0.5         # weight of the newest round trip in the smoothed one
LONGEST_WAIT = 5.0      # s: the most a back-off waits (a very slow round trip never stalls Play for longer)


def _setting(environ, name):
    text = environ.get(name, "").strip()
    try:
        value = float(text or 0)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{name}={text!r}: give a number ≥ 0 (0 or unset: Play runs in lockstep, without waits)")
    return value


class Pacing:
    """When Play's next frame starts: ``started()`` as a frame starts, ``wait()`` (s) when the page answered it.

    ``fps`` (frames/s, 0 = no cap) and ``backoff`` (× the smoothed round trip, 0 = none) are ≥ 0; both 0 is
    lockstep (wait 0). ``clock`` gives seconds (time.monotonic); ``loop`` the asyncio loop for ``later``
    (None: the running one, the kernel's).
    """

    def __init__(self, fps=0.0, backoff=0.0, clock=time.monotonic, loop=None):
        self.fps, self.backoff, self.clock, self.loop = float(fps), float(backoff), clock, loop
        self.round_trip, self._start, self._pending = None, None, None

    @classmethod
    def from_environment(cls, environ=None):
        """The pace the kernel was started with (BACKPROP_PLAY_FPS, BACKPROP_PLAY_BACKOFF); ValueError if bad."""
        environ = os.environ if environ is None else environ
        return cls(_setting(environ, FPS_VARIABLE), _setting(environ, BACKOFF_VARIABLE))

    @property
    def lockstep(self):
        """True when Play never waits (the desktop default)."""
        return not self.fps and not self.backoff

    def started(self):
        """A frame starts now (its steps, then its message to the page)."""
        self._start = self.clock()

    def wait(self):
        """Seconds to wait before the next frame, now that the page answered the frame started last."""
        if self.lockstep or self._start is None:
            return 0.0
        took = self.clock() - self._start
        self.round_trip = took if self.round_trip is None else SMOOTHING * took + (1 - SMOOTHING) * self.round_trip
        to_cap = 1.0 / self.fps - took if self.fps else 0.0
        return max(0.0, to_cap, min(LONGEST_WAIT, self.backoff * self.round_trip))

    def later(self, delay, callback):
        """Call ``callback()`` after ``delay`` s on the event loop (at once when 0, or with no loop running:
        outside a kernel there is no page to pace for); a call still pending is dropped first."""
        self.cancel()
        loop = self.loop
        if delay > 0 and loop is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
        if delay <= 0 or loop is None:
            callback()
            return
        self._pending = loop.call_later(delay, self._fire, callback)

    def _fire(self, callback):
        self._pending = None
        callback()

    @property
    def pending(self):
        """True while a call of ``later`` waits to run."""
        return self._pending is not None

    def cancel(self):
        """Drop the pending call, if any (Pause; the view closed)."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
