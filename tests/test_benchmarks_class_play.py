"""The class Play benchmark's pieces that need no server: finding a page's playgrounds in the widget states of a
real PlaygroundExplorer, answering its frames as playground.js does, the report and its RESULTS.md block."""
import asyncio
import re
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))     # plain `pytest` leaves benchmarks/ off sys.path
from backprop.widgets import GradientFlowExplorer, PlaygroundExplorer  # noqa: E402
from backprop.widgets._lifetime import widget_tree  # noqa: E402
from benchmarks import _class_play_report as report  # noqa: E402
from benchmarks._class_player import PlayingStudent, playgrounds  # noqa: E402
from benchmarks._class_protocol import the_view  # noqa: E402


def states_of(*views):
    """What ipywidgets' control comm answers for these views: {model id: {model_name, state}}."""
    return {w.model_id: {"model_name": w.get_state()["_model_name"], "state": w.get_state()}
            for view in views for w in widget_tree(view)}


@pytest.fixture(scope="module")
def page():
    views = [GradientFlowExplorer(depth=3), PlaygroundExplorer(), PlaygroundExplorer("xor")]
    yield views, states_of(*views)
    for view in views:
        view.close()


def test_the_playgrounds_of_a_page_are_found_by_their_play_button_and_figure(page):
    views, states = page
    shown = [view.model_id for view in views]
    found = playgrounds(states, shown)
    assert found == [(v.controls["play"].model_id, v.figure.model_id) for v in views[1:]]
    assert the_view(states, shown)[0] == views[0].model_id                # the movers' view: the first with a slider


def test_a_player_answers_each_frame_as_the_page_does(page):
    views, states = page
    sent = []

    async def scenario():
        student = PlayingStudent(which=1)
        student.figure = views[2].figure.model_id

        async def send(msg_type, content):
            sent.append((msg_type, content))
        student.send = send
        student.on_update(student.figure, {"frame": 7})
        student.on_update(views[1].figure.model_id, {"frame": 3})          # another playground's frame: not ours
        student.on_update(student.figure, {"words": {}})                    # not a new frame
        await asyncio.sleep(0)
        return student.frames
    assert run_apart(scenario) == 1
    assert sent == [("comm_msg", {"comm_id": views[2].figure.model_id,
                                  "data": {"method": "custom", "content": {"drawn": 7}}})]


def one_round(playing, fps=(10.0, 12.0), late=0):
    return {"quiet": [0.05] * 20, "playing": [playing] * 40, "fps": list(fps), "late": late, "load": (3.0, 3.5)}


def test_the_report_judges_the_median_round_and_writes_its_block(monkeypatch):
    written = []
    monkeypatch.setattr(report, "write_block", lambda begin, end, lines: written.append(lines))
    seen = {"paced": [one_round(0.3), one_round(2.5), one_round(0.4)],
            "lockstep": [one_round(2.5, fps=(30.0, 40.0)), one_round(3.0), one_round(0.4, late=1)]}
    settings = {"LESSON": "08", "SEATS": 15, "players": 5, "rounds": 3, "PLAY_FPS": 10, "PLAY_BACKOFF": 1}
    lines = report.write_report(seen, settings, ["machine"]).lines()
    paced, lockstep = (re.split(r"\s{2,}", next(line for line in lines if line.startswith(mode))) for mode in seen)
    assert paced == ["paced", "50.00 ms (n=60)", "300.00 ms 2.50 s 400.00 ms (n=120)", "400.00 ms", "ok",
                     "11.0 (10.0–12.0)", "0", "3.0 3.0 3.0"]
    assert lockstep[3:7] == ["2.50 s", "MISSED", "12.0 (10.0–40.0)", "1"]   # the median round judged; late frames
    assert written and written[0][0] == "# Play in a class of 15" and "SEATS=15" in lines[0]


def test_a_player_takes_the_page_s_playgrounds_in_turn_and_names_a_page_without_one(page):
    views, states = page
    shown = [view.model_id for view in views]
    for which, view in [(0, views[1]), (1, views[2]), (2, views[1])]:
        student = PlayingStudent(which)
        student.states, student.shown = states, shown
        student.choose()
        assert (student.button, student.figure) == (view.controls["play"].model_id, view.figure.model_id)
    student.shown = shown[:1]
    with pytest.raises(LookupError, match="no playground"):
        student.choose()


def run_apart(scenario):
    """asyncio.run(scenario()) in a thread of its own: the browser tests' Playwright (sync API) keeps an event
    loop running in the main thread for the session, where asyncio.run refuses to start."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(scenario())).result()
