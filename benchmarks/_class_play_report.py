"""The class Play section's table (benchmarks/class_play.py) and its part of RESULTS.md."""
import numpy as np

from ._class_report import p95
from ._report import Section, seconds
from ._results_md import write_block
from ._timing import verdict

MARKERS = "<!-- class-play, SEATS={}: written by benchmarks/class_play.py -->", "<!-- /class-play, SEATS={} -->"
GOAL_ROUND_TRIP = 2.0


def app_row(mode, rounds):
    """One app: slider p95 alone and while playing (each round's, their median), frames/s, late frames, load."""
    quiet = float(np.median([p95(r["quiet"]) for r in rounds]))
    playing = [p95(r["playing"]) for r in rounds]
    rates = [rate for r in rounds for rate in r["fps"]]
    fps = f"{np.median(rates):.1f} ({min(rates):.1f}–{max(rates):.1f})" if rates else "—"
    return [mode, f"{seconds(quiet)} (n={sum(len(r['quiet']) for r in rounds)})",
            " ".join(seconds(v) for v in playing) + f" (n={sum(len(r['playing']) for r in rounds)})",
            seconds(float(np.median(playing))), verdict(float(np.median(playing)) <= GOAL_ROUND_TRIP), fps,
            str(sum(r["late"] for r in rounds)), " ".join(f"{r['load'][0]:.1f}" for r in rounds)]


def section(seen, settings):
    s = settings
    title = (f"7d. Play in a class: make app LESSON={s['LESSON']} SEATS={s['SEATS']}, {s['players']} of the "
             f"{s['SEATS']} students playing, the others moving sliders; two apps side by side, {s['rounds']} "
             f"round(s) each, alternating")
    header = ["app", "slider p95, nobody plays", f"slider p95 while {s['players']} play, per round", "median",
              "≤ 2 s", "frames/s per player, median (min–max)", "frames after Pause", "load avg per round"]
    notes = [f"paced: make app's defaults PLAY_FPS={s['PLAY_FPS']} PLAY_BACKOFF={s['PLAY_BACKOFF']} "
             "(widgets/_pacing.py: at most PLAY_FPS frames/s, and after each frame a wait of PLAY_BACKOFF × its "
             "smoothed round trip); lockstep: the desktop's Play, the next frame as soon as the page answered",
             "slider round trip (protocol): a slider's new value sent → the kernel idle again after sending the "
             "view's new state (lesson 08's first view with a slider: the gradient-flow explorer)",
             "each round: the movers move a slider every 0.5–1.5 s, 6 s with nobody playing, then 20 s while the "
             "players play (player i: the page's playground i mod 4; each frame answered {drawn: n} at once, "
             "as playground.js does once painted), then Pause; rounds alternate between the two apps",
             "every student speaks the Jupyter protocol (no Chromium page paints); they run in the benchmark's "
             "process on the same 2 cores as the two servers and their kernels",
             "goal: the slider round trip's p95 while students play, the median of the rounds, ≤ 2 s"]
    return Section(title, header, [app_row(mode, rounds) for mode, rounds in seen.items()], notes)


def write_report(seen, settings, machine):
    """The section (``lines()``), also written in RESULTS.md between the markers of its class size."""
    block, seats = section(seen, settings), settings["SEATS"]
    write_block(*(marker.format(seats) for marker in MARKERS), [
        f"# Play in a class of {seats}", "",
        f"Written by `make bench ONLY=class-play` (a class of 15) or `python -m benchmarks.class_play {seats} "
        f"{settings['players']} {settings['rounds']}`; see benchmarks/class_play.py for the method.", "",
        "```", *machine, "", *block.lines(), "```"])
    return block
