"""Section 7: a class on one machine — `make app LESSON=04 SEATS=30` while 30 students arrive within 5 s.

A few students are real Chromium pages (timed to the first painted view), the rest speak the
Jupyter protocol (timed to the view's widget model and its first state); every one moves a slider
a few times while the class arrives, again while Voilà refills its pool, and again once the pool is
warm (steady). Then they all vanish without closing (websockets dropped, no shutdown request):
jupyter_server must cull their kernels and leave the pool at SEATS. Memory is the proportional set
size (PSS) of the server and kernels. The whole scenario runs RUNS times on a fresh `make app`, each
with the load average before and after; the goals are judged on the median of the runs.
Loopback only; bounded in students, moves and time (DEADLINE); the server is always stopped.
Goals (COURSE.md): p95 to the first view ≤ 5 s with a warm pool, no failed session; slider round
trip p95 ≤ 2 s in every phase; the pool full again within REFILL_GOAL s.
"""
import asyncio
import os
import random
import re
import tempfile
import time

import numpy as np

from . import _class_server as app
from ._class_protocol import ProtocolStudent
from ._class_report import write_report

ARRIVAL, MOVES, REFILL_MOVES = 5.0, 5, 80        # s over which the class arrives; moves per phase (at most)
STEADY_MOVES = 5                                 # moves per student once the refilled pool is warm
THINK = (0.5, 1.5)                               # s a student waits between two moves
IDLE_TIMEOUT, CULL_INTERVAL = 30, 5              # shorter than `make app`'s defaults, so that the run ends
DEADLINE = 900                                   # s for one run
RUNS = 3


def makefile_default(name):
    """The default of a `make app` variable, read from the Makefile (e.g. FILL_DELAY ?= 15)."""
    return int(re.search(rf"^{name} \?= (\d+)", (app.REPO / "Makefile").read_text(), re.M).group(1))


class Refill:
    """Watches the server's kernels: when the pool's replacements start, and when all of them are warm again."""

    def __init__(self, server, pool, seats):
        self.server, self.old, self.seats, self.start, self.end = server, set(pool), seats, None, None
        self.cpu = {"server": 0.0, "kernels": 0.0}      # CPU seconds the refill cost the server and the new kernels

    async def watch(self):
        server, warm = app.server_process(self.server), set()
        while self.end is None:
            now = time.monotonic()
            new = {k: p for k, p in app.kernel_processes(self.server).items() if k not in self.old}
            if new and self.start is None:
                self.start, server_before = now, app.cpu_seconds(server)
            for kernel in set(new) - warm:                # warm: idle, and quiet since it ran the lesson
                model = await asyncio.to_thread(app.kernel_model, self.server, kernel)
                if model and model["execution_state"] == "idle" and app.quiet_for(model) >= app.QUIET:
                    warm.add(kernel)
            if len(warm) == self.seats:
                self.end = now
                self.cpu = {"server": app.cpu_seconds(server) - server_before,
                            "kernels": sum(app.cpu_seconds(p) for p in new.values())}
            await asyncio.sleep(0.5)

    def during(self, t):
        """Whether time ``t`` (time.monotonic) fell while the pool was refilling."""
        return self.start is not None and self.start <= t and (self.end is None or t <= self.end)


async def session(student, url, arrive, fill_at, refill, rng):
    """One student's visit: {'first': s, 'load': [s…], 'refill': [s…], 'steady': [s…]} or {'error': text}."""
    await asyncio.sleep(arrive)
    try:
        result = {"first": await asyncio.wait_for(student.open(url), 120), "load": [], "refill": [], "steady": []}
        for _ in range(MOVES):
            await asyncio.sleep(rng.uniform(*THINK))
            result["load"].append(await asyncio.wait_for(student.move(), 60))
        await asyncio.sleep(max(0.0, fill_at - time.monotonic()))
        for _ in range(REFILL_MOVES):
            if refill.end is not None:
                break
            sent = time.monotonic()
            took = await asyncio.wait_for(student.move(), 60)
            if refill.during(sent):
                result["refill"].append(took)
            await asyncio.sleep(rng.uniform(*THINK))
        while refill.end is None and time.monotonic() < fill_at + 300:
            await asyncio.sleep(0.5)
        for _ in range(STEADY_MOVES if refill.end is not None else 0):
            await asyncio.sleep(rng.uniform(*THINK))
            result["steady"].append(await asyncio.wait_for(student.move(), 60))
        if getattr(student, "errors", None):
            result["error"] = "page error: " + student.errors[0][:100]
        return result
    except Exception as error:
        return {"error": f"{type(error).__name__}: {str(error)[:100]}"}


async def arrive(server, seats, browsers, fill_delay, seed=0):
    """The class arrives at a warm pool, moves sliders, waits out the refill, vanishes; a dict of what was seen."""
    from playwright.async_api import async_playwright
    from ._class_browser import BrowserStudent, launch
    ready = time.monotonic()
    pool = await asyncio.to_thread(app.wait_warm, server, seats)
    warm_in, warm = time.monotonic() - ready, await asyncio.to_thread(app.memory, server)
    rng, chosen = random.Random(seed), set(np.linspace(0, seats - 1, browsers).round().astype(int)[:browsers])
    offsets = sorted(rng.uniform(0, ARRIVAL) for _ in range(seats))
    async with async_playwright() as playwright:
        browser = await launch(playwright) if browsers else None
        students = [BrowserStudent(browser) if i in chosen else ProtocolStudent() for i in range(seats)]
        refill, start = Refill(server, pool, seats), time.monotonic()
        watcher = asyncio.ensure_future(refill.watch())
        results = await asyncio.gather(*(session(s, server.url, offsets[i], start + fill_delay, refill, rng)
                                         for i, s in enumerate(students)))
        try:
            await asyncio.wait_for(watcher, 240)
        except asyncio.TimeoutError:                     # reported as an unfinished refill
            pass
        peak = await asyncio.to_thread(app.memory, server)
        await asyncio.gather(*(s.drop() for s in students))
        if browser:
            await browser.close()
    return {"seats": seats, "results": results, "kinds": [type(s).__name__ for s in students], "pool": pool,
            "ids": [s.kernel_id for s in students if s.kernel_id], "refill": refill, "warm": warm, "peak": peak,
            "warm_in": warm_in}


def measure(seats, browsers, fill_delay):
    """The whole scenario on a fresh `make app`: arrival, refill, culling; a dict of everything reported."""
    with tempfile.TemporaryDirectory() as home:
        server = app.start_app(home, seats, fill_delay, IDLE_TIMEOUT, CULL_INTERVAL)
        try:
            seen = asyncio.run(asyncio.wait_for(arrive(server, seats, browsers, fill_delay), DEADLINE))
            try:
                seen["culled_in"] = app.wait_gone(server, seen["ids"], IDLE_TIMEOUT + 2 * CULL_INTERVAL + 60)
                seen["after_ids"] = app.wait_warm(server, seats, timeout=120)
            except TimeoutError:                         # reported as MISSED
                seen["culled_in"], seen["after_ids"] = None, list(app.kernel_processes(server))
            seen["after"], seen["limits"] = app.memory(server), app.address_space_limits(server)
            log = server.log(tail=10**7)
            seen["preheated"] = sum(f"Using pre-heated kernel: {k}" in log for k in seen["ids"])
            seen["restarts"] = log.count("restarting kernel")
            seen["culled"] = sum(bool(re.search(rf"Culling 'idle' kernel .*\({k}\)", log)) for k in seen["ids"])
            return seen
        finally:
            server.stop()


async def fresh_visit(url, delay):
    """One visitor of a `make app` without a pool, ``delay`` s after the start: seconds to the first view."""
    await asyncio.sleep(delay)
    student = ProtocolStudent()
    try:
        return await asyncio.wait_for(student.open(url), 180)
    finally:
        await student.drop()


async def together(coroutines):
    return await asyncio.wait_for(asyncio.gather(*coroutines), DEADLINE)


def cold_reference(students=5, seed=1):
    """First views without a pool (SEATS=0: each visitor waits for a fresh kernel that runs the lesson)."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as home:
        server = app.start_app(home, 0, 1, IDLE_TIMEOUT, CULL_INTERVAL)
        try:
            return asyncio.run(together([fresh_visit(server.url, rng.uniform(0, ARRIVAL)) for _ in range(students)]))
        finally:
            server.stop()


def run(quick=False):
    """The class section: RUNS runs, each on a fresh `make app`, written to benchmarks/RESULTS.md."""
    from ._class_browser import CHROMIUM
    from ._timing import load_average
    from .run import machine_lines
    machine = machine_lines()                          # as the run starts
    seats, browsers, runs = (10, 1, 1) if quick else (30, 3, RUNS)
    browsers = browsers if os.access(CHROMIUM, os.X_OK) else 0
    settings = {"SEATS": seats, "FILL_DELAY": makefile_default("FILL_DELAY"), "IDLE_TIMEOUT": IDLE_TIMEOUT,
                "CULL_INTERVAL": CULL_INTERVAL, "KERNEL_MB": makefile_default("KERNEL_MB")}
    measured = []
    for number in range(runs):
        before = load_average()
        seen = measure(seats, browsers, settings["FILL_DELAY"])
        seen["load"] = (before, load_average())
        print(f"class run {number + 1} of {runs} done (load average {before:.2f} → {seen['load'][1]:.2f})",
              flush=True)
        measured.append(seen)
    return write_report(measured, None if quick else cold_reference(), settings, machine)
