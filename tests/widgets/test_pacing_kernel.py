"""Play's pace in a real kernel started as the class app starts it (BACKPROP_PLAY_FPS set): the wait is a timer
on the kernel's own event loop, which runs it between messages; re-running the cell drops the old view's wait.
"""
import json

import pytest

from test_rerun import Kernel, setup_cell

PLAYED = """\
from backprop.widgets import PlaygroundExplorer

view = PlaygroundExplorer()
view.play()
view.figure._handle_custom_msg({"drawn": view.figure.frame}, [])    # what the page sends once it painted
played = globals().setdefault("played", [])
played.append(view)
view
"""
SEEN = "import json\nprint(json.dumps([[v.closed, v.pacing.pending] for v in played] + [played[-1].figure.frame]))"
WAIT_FOR_FRAME = """\
import asyncio
view.pause()
view.play()                                             # a frame starts now …
frame = view.figure.frame
view.figure._handle_custom_msg({"drawn": frame}, [])   # … and is answered at once: the wait is most of 2 s
waiting = view.pacing.pending
for _ in range(300):                                    # the kernel's loop runs the wait while this cell awaits
    if view.figure.frame > frame:
        break
    await asyncio.sleep(0.1)
print(view.figure.frame - frame, waiting, view.pacing.pending)
"""


@pytest.fixture
def class_kernel(monkeypatch):
    def start(fps):
        monkeypatch.setenv("BACKPROP_PLAY_FPS", fps)
        started = Kernel()
        started.run(setup_cell(), cell_id="set-up")
        kernels.append(started)
        return started
    kernels = []
    yield start
    for started in kernels:
        started.shutdown()


def test_rerunning_a_playing_cell_drops_the_old_view_s_wait(class_kernel):
    kernel = class_kernel("0.01")                        # a frame every 100 s: the wait is still pending
    kernel.run(PLAYED, cell_id="play")
    kernel.run(PLAYED, cell_id="play")
    first, second, frame = json.loads(kernel.run(SEEN).strip().splitlines()[-1])
    assert first == [True, False] and second == [False, True] and frame == 2     # Play's first frame, answered
    assert kernel.stderr == [], "".join(kernel.stderr)


def test_the_kernel_s_loop_sends_the_next_frame_after_the_wait(class_kernel):
    kernel = class_kernel("0.5")                         # a frame every 2 s at most
    kernel.run(PLAYED, cell_id="play")
    assert kernel.run(WAIT_FOR_FRAME).split() == ["1", "True", "False"]
    assert kernel.stderr == [], "".join(kernel.stderr)
