"""A student of the class Play benchmark who presses Play on one of the page's playgrounds and answers every frame.

It speaks the Jupyter protocol as ProtocolStudent does. The page's playgrounds are the shown views with a
button 'Play' and a figure model with a ``frame`` number; Play and Pause are that button's click (ipywidgets'
custom message {event: 'click'}). Each new frame is answered as widgets/figures/playground.js answers it
once painted: the custom message {drawn: frame} on the figure's comm, sent at once (a page that paints in
no time), so the kernel alone sets the pace.
"""
import asyncio
import time

from ._class_protocol import ProtocolStudent, descendants


def playgrounds(states, shown):
    """[(Play button id, figure id)] of the shown views that are playgrounds, in page order."""
    found = []
    for model_id in shown:
        tree = descendants(states, model_id)
        buttons = [m for m in tree if states[m]["model_name"] == "ButtonModel"
                   and states[m]["state"].get("description") in ("Play", "Pause")]
        figures = [m for m in tree if "frame" in states[m]["state"] and "setup" in states[m]["state"]]
        if buttons and figures and (buttons[0], figures[0]) not in found:
            found.append((buttons[0], figures[0]))
    return found


class PlayingStudent(ProtocolStudent):
    """``open(url)``, then ``play()`` and ``pause()`` the ``which``-th playground of the page (wrapping round);
    ``frames`` counts the frames received, ``times`` when each came (time.monotonic)."""

    def __init__(self, which=0):
        super().__init__()
        self.which, self.frames, self.times, self.button, self.figure = which, 0, [], None, None
        self._answers = set()                                   # answers being sent

    async def connect(self):
        await super().connect()
        self.choose()

    def choose(self):
        """Pick this student's playground among the page's widget states; LookupError when the page has none."""
        found = playgrounds(self.states, self.shown)
        if not found:
            raise LookupError(f"no playground (a Play button and a figure with frames) among {self.shown}")
        self.button, self.figure = found[self.which % len(found)]

    async def play(self):
        """Press Play; return once the kernel has handled the click (its first frame is sent)."""
        await self._click("Play")

    async def pause(self):
        """Press Pause; return once the kernel has handled the click."""
        await self._click("Pause")

    async def _click(self, expected):
        description = self.states[self.button]["state"].get("description")
        if description != expected:
            raise RuntimeError(f"the playground's button says {description!r}, not {expected!r}")
        await self._request("comm_msg", {"comm_id": self.button,
                                         "data": {"method": "custom", "content": {"event": "click"}}})

    def on_update(self, model_id, state):
        if model_id == self.figure and "frame" in state:
            self.frames += 1
            self.times.append(time.monotonic())
            content = {"comm_id": self.figure, "data": {"method": "custom", "content": {"drawn": state["frame"]}}}
            task = asyncio.ensure_future(self.send("comm_msg", content))
            self._answers.add(task)
            task.add_done_callback(self._answers.discard)
