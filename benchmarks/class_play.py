"""Section 7d: Play in a class — `make app LESSON=08` while some students play a playground and the rest move sliders.

Two class apps run side by side on the same machine, each with SEATS pre-heated kernels of lesson 08 (four
playgrounds) and SEATS students connected to it: one with the class app's pace for Play (`make app`'s
defaults PLAY_FPS and PLAY_BACKOFF, widgets/_pacing.py), one with `PLAY_FPS=0 PLAY_BACKOFF=0` (desktop
lockstep: each frame as soon as the page answered the one before). Rounds alternate between the two
apps (paced, lockstep, paced, …; the idle app's students stay connected and quiet). In each round the
movers (every student but PLAYERS) move a slider every 0.5–1.5 s, first QUIET s with nobody playing,
then PLAY s while the players play (each one of the page's playgrounds, in turn; frames answered at
once, as a page that paints in no time), then the players press Pause. Reported per app: the movers'
slider round trip p95 with nobody playing and while the players play (each round's, and the median of
the rounds), frames/s per player, frames that came after Pause, the load average. FILL_DELAY is longer
than the run: no pool refill runs during it. All students speak the Jupyter protocol (no Chromium
pages); they run in this process, on the same 2 cores. Goal (COURSE.md): slider round trip p95 ≤ 2 s.
"""
import asyncio
import os
import random
import tempfile
import time

import numpy as np

from . import _class_server as app
from ._class_player import PlayingStudent
from ._class_protocol import ProtocolStudent
from ._class_play_report import write_report
from .classroom import makefile_default

LESSON, SEATS, PLAYERS = "08", 15, 10           # a class of 15 (both apps: 30 kernels pre-heat), two thirds play
QUIET, PLAY, SETTLE = 6.0, 20.0, 2.0            # s of sliders alone, of Play, after Pause
THINK = (0.5, 1.5)                              # s a mover waits between two moves
ROUNDS = 3                                      # rounds per app
MODES = {"paced (make app's PLAY_FPS, PLAY_BACKOFF)": {},
         "lockstep (PLAY_FPS=0 PLAY_BACKOFF=0)": {"PLAY_FPS": 0, "PLAY_BACKOFF": 0}}
FILL_DELAY, IDLE_TIMEOUT, CULL_INTERVAL = 3600, 3600, 60
DEADLINE = 900                                  # s for the whole section


async def slide(student, until, rng, times):
    """Move a slider every THINK s until ``until`` (time.monotonic); each round trip into ``times``."""
    while time.monotonic() < until:
        await asyncio.sleep(rng.uniform(*THINK))
        times.append(await asyncio.wait_for(student.move(), 60))


async def one_round(students, rng):
    """Sliders alone, then sliders while the players play, then Pause: what was seen in this round."""
    players = [s for s in students if isinstance(s, PlayingStudent)]
    movers = [s for s in students if s not in players]
    quiet, playing, before = [], [], os.getloadavg()[0]
    start = time.monotonic()
    await asyncio.gather(*(slide(s, start + QUIET, rng, quiet) for s in movers))
    await asyncio.gather(*(p.play() for p in players))
    counts, start = [p.frames for p in players], time.monotonic()
    await asyncio.gather(*(slide(s, start + PLAY, rng, playing) for s in movers))
    elapsed = time.monotonic() - start
    rates = [(p.frames - c) / elapsed for p, c in zip(players, counts)]
    await asyncio.gather(*(p.pause() for p in players))
    paused = [p.frames for p in players]
    await asyncio.sleep(SETTLE)
    late = sum(p.frames - n for p, n in zip(players, paused))
    return {"quiet": quiet, "playing": playing, "fps": rates, "late": late,
            "load": (before, os.getloadavg()[0])}


def class_of(seats, players):
    """SEATS students, PLAYERS of them (spread over the seats) playing the page's playgrounds in turn."""
    chosen = list(np.linspace(0, seats - 1, players).round().astype(int)) if players else []
    return [PlayingStudent(chosen.index(i)) if i in chosen else ProtocolStudent() for i in range(seats)]


async def classes(servers, seats, players, rounds, seed=0):
    """Every app's class arrives (one student after the other), then the rounds alternate between the apps."""
    rng, seen = random.Random(seed), {mode: [] for mode in servers}
    students = {mode: class_of(seats, players) for mode in servers}
    try:
        for mode, server in servers.items():
            for student in students[mode]:
                await asyncio.wait_for(student.open(server.url), 120)
        for _ in range(rounds):
            for mode in servers:
                seen[mode].append(await one_round(students[mode], rng))
    finally:
        await asyncio.gather(*(s.drop() for group in students.values() for s in group))
    return seen


def measure(seats, players, rounds):
    """Both apps started, pre-heated and measured; {mode: [round, …]}; the servers are always stopped."""
    servers = {}
    with tempfile.TemporaryDirectory() as home:
        try:
            for number, (mode, options) in enumerate(MODES.items()):
                os.makedirs(os.path.join(home, str(number)))
                servers[mode] = app.start_app(os.path.join(home, str(number)), seats, FILL_DELAY, IDLE_TIMEOUT,
                                              CULL_INTERVAL, lesson=LESSON, **options)
            for server in servers.values():
                app.wait_warm(server, seats, timeout=60 + 30 * seats)      # both pools pre-heat together
            return asyncio.run(asyncio.wait_for(classes(servers, seats, players, rounds), DEADLINE))
        finally:
            for server in servers.values():
                server.stop()


def run(quick=False):
    """The class Play section, written to benchmarks/RESULTS.md (quick: 6 seats, 2 players, 1 round)."""
    return bench(*((6, 2, 1) if quick else (SEATS, PLAYERS, ROUNDS)))


def bench(seats, players, rounds):
    """A class of ``seats`` on each app, ``players`` of them playing, ``rounds`` rounds each; written to RESULTS.md."""
    from .run import machine_lines
    machine = machine_lines()
    settings = {"LESSON": LESSON, "SEATS": seats, "players": players, "rounds": rounds,
                "PLAY_FPS": makefile_default("PLAY_FPS"), "PLAY_BACKOFF": makefile_default("PLAY_BACKOFF")}
    return write_report(measure(seats, players, rounds), settings, machine)


if __name__ == "__main__":          # another class size: python -m benchmarks.class_play SEATS PLAYERS ROUNDS
    import sys
    print("\n".join(bench(*map(int, sys.argv[1:4])).lines()))
