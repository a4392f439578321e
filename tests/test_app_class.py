"""`make app` for a class, at 3 seats: Voilà's pre-heated pool, jupyter_server's culling, the memory bound.

One `make app LESSON=04 SEATS=3` (short refill delay and idle timeout) and one with SEATS=0 (every
visitor a fresh kernel, the comparison) run on free 127.0.0.1 ports; three students speak the
Jupyter protocol (benchmarks/_class_protocol.py), then vanish without closing. The timings of a
class of 30 are benchmarks, not tests (benchmarks/classroom.py).
"""
import asyncio
import concurrent.futures
import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))              # plain `pytest` leaves the repo root (benchmarks/) off sys.path
from benchmarks import _class_server as app                      # noqa: E402
from benchmarks._class_protocol import ProtocolStudent          # noqa: E402

SEATS, FILL_DELAY, IDLE_TIMEOUT, CULL_INTERVAL, KERNEL_MB = 3, 2, 8, 1, 1400
CULLED_WITHIN = IDLE_TIMEOUT + 2 * CULL_INTERVAL + 30        # s after the students vanished
LESSON = "04_hidden_layer_blame.ipynb"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of what `make app` reads (Makefile, pins, binder/, lesson 04), sharing the set-up .venv."""
    course = tmp_path_factory.mktemp("class")
    for path in [REPO / "Makefile", REPO / "pyproject.toml", *REPO.glob("requirements*.txt")]:
        shutil.copy2(path, course / path.name)                # copy2 keeps the stamps' times
    shutil.copytree(REPO / "binder", course / "binder")
    (course / "lessons").mkdir()
    shutil.copy2(REPO / "lessons" / LESSON, course / "lessons" / LESSON)
    (course / ".venv").symlink_to(REPO / ".venv")
    return course


def outputs(page):
    """The text outputs a Voilà page shows, in order (widget views left out: their ids differ by kernel).

    A kernel may flush one print in two messages (seen under load: 'hidden deltas:' then the numbers); a piece
    that ends mid-line is joined to the next of the same kind, as the page shows them: one text."""
    shown = []
    for mime, text in re.findall(r'data-mime-type="([^"]+)">\s*<pre>(.*?)</pre>', page, re.S):
        text = html.unescape(text)
        if shown and shown[-1][0] == mime and not shown[-1][1].endswith("\n"):
            shown[-1] = (mime, shown[-1][1] + text)
        else:
            shown.append((mime, text))
    return shown


def readout(student):
    """The HTML readout of the student's view, as its kernel last sent it."""
    from benchmarks._class_protocol import descendants
    tree = descendants(student.states, student.view)
    return next(student.states[m]["state"]["value"] for m in tree if student.states[m]["model_name"] == "HTMLModel")


async def visit_class(server, fresh_server):
    """What the tests look at: students arrive, move, vanish; a late visitor arrives long after pre-heating."""
    seen = {"pool": await asyncio.to_thread(app.wait_warm, server, SEATS)}
    seen["limits"] = app.address_space_limits(server)
    students = [ProtocolStudent() for _ in range(SEATS)]
    pages = await asyncio.gather(*(s.fetch(server.url) for s in students))
    await asyncio.gather(*(s.connect() for s in students))
    seen["ids"], seen["pages"] = [s.kernel_id for s in students], pages
    seen["readouts"] = [readout(s) for s in students]
    before = [s.updates for s in students[1:]]
    seen["first_moved"] = await students[0].move()
    await asyncio.sleep(0.5)
    seen["others_updates"] = [s.updates - b for s, b in zip(students[1:], before)]
    fresh = ProtocolStudent()
    seen["fresh_page"] = await fresh.fetch(fresh_server.url)
    await fresh.connect()
    seen["fresh_readout"] = readout(fresh)
    await asyncio.gather(*(s.drop() for s in [*students, fresh]))
    seen["culled_in"] = await asyncio.to_thread(app.wait_gone, server, seen["ids"], CULLED_WITHIN)
    seen["after"] = await asyncio.to_thread(app.wait_warm, server, SEATS)
    seen["log"] = server.log(tail=10**7)
    seen["late"] = await late_visitor(server, seen["after"])
    return seen


async def late_visitor(server, pool):
    """A page handed a kernel pre-heated more than IDLE_TIMEOUT ago, whose scripts take 3 cull rounds to connect."""
    while min(app.quiet_for(app.kernel_model(server, k)) for k in pool) <= IDLE_TIMEOUT + 1:
        await asyncio.sleep(0.5)
    student = ProtocolStudent()
    await student.fetch(server.url)
    await asyncio.sleep(3 * CULL_INTERVAL + 1)
    alive = app.kernel_model(server, student.kernel_id) is not None
    if alive:
        await student.connect()
    await student.drop()
    return {"alive": alive, "view": alive and student.view is not None}


def run_apart(coroutine):
    """asyncio.run in a thread of its own: in a full run, the browser tests' Playwright keeps an event loop
    running in this thread until the session ends, and asyncio.run refuses to start under it."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def class_of_three(course, tmp_path_factory):
    server = app.start_app(tmp_path_factory.mktemp("app"), SEATS, FILL_DELAY, IDLE_TIMEOUT, CULL_INTERVAL,
                           KERNEL_MB, course=course)
    try:
        fresh_server = app.start_app(tmp_path_factory.mktemp("fresh"), 0, FILL_DELAY, IDLE_TIMEOUT, CULL_INTERVAL,
                                     course=course)
        try:
            yield run_apart(asyncio.wait_for(visit_class(server, fresh_server), 240))
        finally:
            fresh_server.stop()
    finally:
        server.stop()


def test_make_app_passes_the_class_options_to_voila_and_jupyter_server(course):
    done = subprocess.run(["make", "-n", "--no-print-directory", "app", "LESSON=04", "SEATS=30", "FILL_DELAY=20",
                           "IDLE_TIMEOUT=900", "CULL_INTERVAL=60", "KERNEL_MB=2048", "HOST=0.0.0.0", "PLAY_FPS=5",
                           "PLAY_BACKOFF=2"], cwd=course,
                          capture_output=True, text=True, timeout=30)
    for flag in ["--Voila.ip=0.0.0.0", "--preheat_kernel=True", "--pool_size=30", "--VoilaKernelManager.fill_delay=20",
                 "--MappingKernelManager.cull_idle_timeout=900", "--MappingKernelManager.cull_interval=60",
                 "--KernelManager.transport=ipc", "BACKPROP_KERNEL_MB=2048", "BACKPROP_PLAY_FPS=5", "BACKPROP_PLAY_BACKOFF=2", f"JUPYTER_PATH=\"{course}/binder/app", "BACKPROP_PROGRESS_FILE=off"]:
        assert flag in done.stdout, flag


def test_each_student_gets_a_pre_heated_kernel_of_their_own(class_of_three):
    seen = class_of_three
    assert len(set(seen["ids"])) == SEATS and set(seen["ids"]) <= set(seen["pool"])
    assert all(f"Using pre-heated kernel: {k}" in seen["log"] for k in seen["ids"])
    assert seen["first_moved"] > 0
    assert seen["others_updates"] == [0] * (SEATS - 1), "one student's slider moved another student's view"


def test_a_pre_heated_kernel_shows_what_a_fresh_one_shows(class_of_three):
    seen = class_of_three
    fresh = outputs(seen["fresh_page"])
    assert len(fresh) >= 5
    for seat, page in enumerate(seen["pages"]):
        shown = outputs(page)
        differ = [(i, a, b) for i, (a, b) in enumerate(zip(fresh, shown)) if a != b]
        assert shown == fresh, (f"seat {seat}: {len(shown)} outputs against a fresh kernel's {len(fresh)}; "
                                f"the first that differ (index, fresh, pre-heated): {differ[:2]}")
    assert seen["readouts"] == [seen["fresh_readout"]] * SEATS


def test_every_kernel_runs_under_the_memory_bound(class_of_three):
    assert class_of_three["limits"] == [KERNEL_MB * 2**20] * SEATS


def test_kernels_of_students_who_vanish_are_culled_and_the_pool_is_back_at_seats(class_of_three):
    seen = class_of_three
    assert all(re.search(rf"Culling 'idle' kernel .*\({k}\)", seen["log"]) for k in seen["ids"])
    assert seen["culled_in"] <= CULLED_WITHIN
    assert len(seen["after"]) == SEATS and not set(seen["after"]) & set(seen["ids"])


def test_a_kernel_pre_heated_long_ago_waits_for_its_page_to_connect(class_of_three):
    assert class_of_three["late"] == {"alive": True, "view": True}, \
        "jupyter_server culled a kernel handed to a page that had not connected yet (binder/app/voila.py)"
