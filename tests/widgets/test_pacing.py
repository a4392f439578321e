"""Play's pace in the class app (widgets/_pacing.py): a frame-rate cap and a back-off from the round trip, on a
fake clock and a fake event loop; the playground really waits in class mode, Pause and closing drop the wait,
and the desktop default stays lockstep."""
import asyncio

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from backprop.widgets import PlaygroundExplorer  # noqa: E402
from backprop.widgets._pacing import BACKOFF_VARIABLE, FPS_VARIABLE, LONGEST_WAIT, Pacing  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


class Handle:
    def __init__(self, when, callback, args):
        self.when, self.callback, self.args, self.cancelled = when, callback, args, False

    def cancel(self):
        self.cancelled = True


class FakeLoop:
    """asyncio's call_later on a clock that moves only when told (``advance``)."""

    def __init__(self):
        self.now, self.handles = 0.0, []

    def time(self):
        return self.now

    def call_later(self, delay, callback, *args):
        self.handles.append(Handle(self.now + delay, callback, args))
        return self.handles[-1]

    def advance(self, seconds):
        end = self.now + seconds
        while due := sorted((h for h in self.handles if not h.cancelled and h.when <= end), key=lambda h: h.when):
            handle = due[0]
            self.handles.remove(handle)
            self.now = handle.when
            handle.callback(*handle.args)
        self.now = end


def paced(fps, backoff):
    loop = FakeLoop()
    return Pacing(fps, backoff, clock=loop.time, loop=loop), loop


def play_for(pacing, loop, seconds, round_trip):
    """Frames played for ``seconds`` s when every round trip takes ``round_trip(t)`` s: the frames' start times."""
    starts, end = [], loop.now + seconds

    def frame():
        if loop.now >= end:
            return
        pacing.started()
        starts.append(loop.now)
        loop.advance(round_trip(loop.now))                     # in flight: steps, message, paint, answer
        pacing.later(pacing.wait(), frame)
    frame()
    loop.advance(end - loop.now + LONGEST_WAIT)
    return starts


def rate(starts, since, until):
    return sum(since <= t < until for t in starts) / (until - since)


def test_lockstep_is_the_default_and_never_waits():
    pacing = Pacing.from_environment({})
    assert pacing.lockstep
    pacing.started()
    assert pacing.wait() == 0.0
    ran = []
    pacing.later(pacing.wait(), lambda: ran.append(1))
    assert ran == [1] and not pacing.pending


def test_the_cap_holds_when_round_trips_are_short():
    pacing, loop = paced(fps=10, backoff=1.0)
    starts = play_for(pacing, loop, 10.0, lambda t: 0.02)
    assert rate(starts, 0.0, 10.0) == pytest.approx(10, abs=0.15)
    assert min(b - a for a, b in zip(starts, starts[1:])) >= 0.1 - 1e-9
    assert pacing.round_trip == pytest.approx(0.02)


def test_longer_round_trips_back_off_in_proportion_and_shorter_ones_speed_back_up_to_the_cap():
    pacing, loop = paced(fps=10, backoff=1.0)
    slow = lambda t: 0.5 if 5.0 <= t < 15.0 else 0.02             # the server is busy from 5 s to 15 s
    starts = play_for(pacing, loop, 25.0, slow)
    assert rate(starts, 0.0, 5.0) == pytest.approx(10, abs=0.3)
    assert rate(starts, 8.0, 15.0) == pytest.approx(1 / (0.5 + 1.0 * 0.5), abs=0.15)   # in flight half the time
    assert rate(starts, 17.0, 25.0) == pytest.approx(10, abs=0.3)                       # back at the cap
    busy = [b - a for a, b in zip(starts, starts[1:]) if 10.0 <= a < 15.0]
    assert all(gap >= 0.99 * 2 * 0.5 for gap in busy)                 # the smoothed round trip nears 0.5 s


def test_a_larger_back_off_waits_longer_and_no_wait_outlasts_the_longest():
    waits = {}
    for backoff in (1.0, 3.0):
        pacing, loop = paced(fps=0, backoff=backoff)
        pacing.started()
        loop.advance(0.4)
        waits[backoff] = pacing.wait()
    assert waits == {1.0: pytest.approx(0.4), 3.0: pytest.approx(1.2)}
    pacing, loop = paced(fps=0, backoff=1.0)
    pacing.started()
    loop.advance(60.0)
    assert pacing.wait() == LONGEST_WAIT


def test_cancel_drops_the_pending_call():
    pacing, loop = paced(fps=1, backoff=0)
    ran = []
    pacing.later(0.5, lambda: ran.append("late"))
    assert pacing.pending
    pacing.cancel()
    loop.advance(10.0)
    assert ran == [] and not pacing.pending and loop.handles[0].cancelled


@pytest.mark.parametrize("text", ["fast", "-1", "nan", "inf"])
def test_a_bad_setting_names_the_variable_and_what_to_give(text):
    for name in (FPS_VARIABLE, BACKOFF_VARIABLE):
        with pytest.raises(ValueError, match=f"{name}=.*give a number ≥ 0"):
            Pacing.from_environment({name: text})


def page_drew(view):
    view.figure._handle_custom_msg({"drawn": view.figure.frame}, [])


@pytest.fixture
def class_view(monkeypatch):
    """A playground as the class app makes it, with a tiny cap (a frame every 1000 s), on a fake loop."""
    monkeypatch.setenv(FPS_VARIABLE, "0.001")
    monkeypatch.setenv(BACKOFF_VARIABLE, "1")
    view = PlaygroundExplorer()
    loop = FakeLoop()
    view.pacing.clock, view.pacing.loop = loop.time, loop
    yield view, loop
    view.close()


def test_in_the_class_app_play_waits_its_interval_before_the_next_frame(class_view):
    view, loop = class_view
    view.play()
    first = view.figure.frame
    page_drew(view)
    page_drew(view)                                        # a second view of the figure answers too: one wait
    assert view.figure.frame == first and view.pacing.pending and len(loop.handles) == 1
    loop.advance(999.0)
    assert view.figure.frame == first
    loop.advance(1.0)
    assert view.figure.frame == first + 1 and not view.pacing.pending


def test_pause_and_close_drop_the_wait(class_view):
    view, loop = class_view
    view.play()
    page_drew(view)
    view.controls["play"].click()                          # Pause while waiting: no frame comes
    assert not view.pacing.pending and loop.handles[0].cancelled
    frame = view.figure.frame
    loop.advance(5000.0)
    assert view.figure.frame == frame
    view.play()                                            # Play again: a frame at once
    assert view.figure.frame == frame + 1
    page_drew(view)
    view.close()
    assert not view.pacing.pending and loop.handles[-1].cancelled
    loop.advance(5000.0)                                   # nothing left to run: no 'Cannot send'


def test_the_wait_is_a_timer_on_the_running_event_loop_which_close_cancels(monkeypatch):
    monkeypatch.setenv(FPS_VARIABLE, "0.001")

    async def scenario():
        loop = asyncio.get_running_loop()
        view = PlaygroundExplorer()
        view.play()
        page_drew(view)
        handle = view.pacing._pending
        due_in = handle.when() - loop.time()
        view.close()
        return due_in, handle.cancelled(), view.pacing.pending
    due_in, cancelled, pending = run_apart(scenario)
    assert 990 < due_in <= 1000 and cancelled and not pending


def test_the_desktop_default_plays_in_lockstep(monkeypatch):
    monkeypatch.delenv(FPS_VARIABLE, raising=False)
    monkeypatch.delenv(BACKOFF_VARIABLE, raising=False)
    view = PlaygroundExplorer()
    view.play()
    for _ in range(3):
        frame = view.figure.frame
        page_drew(view)                                    # the answer starts the next frame at once
        assert view.figure.frame == frame + 1 and not view.pacing.pending
    view.close()


def run_apart(scenario):
    """asyncio.run(scenario()) in a thread of its own: the browser tests' Playwright (sync API) keeps an event
    loop running in the main thread for the session, where asyncio.run refuses to start."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(scenario())).result()
