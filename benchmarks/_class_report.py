"""The class section's tables (time to first view, slider round trips, memory, culling) and its part of RESULTS.md."""
import numpy as np

from ._report import Section, seconds
from ._results_md import write_block
from ._timing import verdict

BEGIN, END = "<!-- class: written by benchmarks/classroom.py -->", "<!-- /class -->"
GOAL_FIRST_VIEW, GOAL_ROUND_TRIP, GOAL_REFILL, MIN_SAMPLES = 5.0, 2.0, 98.0, 100
PHASES = (("load", "slider round trip while the class arrives"),
          ("refill", "slider round trip while the pool refills"),
          ("steady", "slider round trip once the pool is warm again"))
NOTES = [
    "first view, Chromium: navigation start → first animation frame showing a view (a widget box with a readout "
    "and a slider handle) with a figure element drawn in it (canvas, SVG or image: ipympl or anywidget alike)",
    "first view, protocol: GET of the page → websocket open → ipywidgets' control comm returns every state, the "
    "page's view model among them with a slider and a readout (the figure's model is not required)",
    "round trip, Chromium: arrow key on the view's first slider → its readout text and its figure changed (timed "
    "in the page); protocol: a slider's new value sent → the kernel idle again after sending the view's new state",
    "each student moves a slider 5 times, 0.5–1.5 s apart, as the class arrives, then again every 0.5–1.5 s (up "
    "to 80 times) from FILL_DELAY s after the first arrival until the refilled pool is warm, then 5 times more",
    "goals are judged on each phase's combined row (every student, Chromium and protocol) with ≥ 100 samples, on the "
    "median of the runs' p95; the Chromium rows are reported, not judged (3 pages, a handful of samples)",
    "the load generator (Chromium and the protocol clients) shares the 2 cores with the server and the kernels",
    "Voilà's lab template asks cdn.jsdelivr.net for fontawesome icons: harmless offline, and not timed here",
]


class Report:
    """Several sections printed one after the other (what benchmarks/run.py prints and saves)."""

    def __init__(self, sections):
        self.sections = sections

    def lines(self):
        out = []
        for section in self.sections:
            out += ([""] if out else []) + section.lines()
        return out


def timings(title, values, goal=""):
    """A row: title, count, p50, p95, max (or dashes when nothing was measured)."""
    if not values:
        return [title, 0, "—", "—", "—", goal]
    return [title, len(values), seconds(np.percentile(values, 50)), seconds(np.percentile(values, 95)),
            seconds(max(values)), goal]


def by_kind(seen, field, kind=None):
    """Every value of ``field`` ('first', 'load', 'refill') of the students of one kind (or all)."""
    values = []
    for result, name in zip(seen["results"], seen["kinds"]):
        if "error" not in result and kind in (None, name):
            value = result[field]
            values += value if isinstance(value, list) else [value]
    return values


def p95(values):
    return float(np.percentile(values, 95)) if values else float("nan")


def refill_seconds(seen):
    refill = seen["refill"]
    return refill.end - refill.start if refill.end and refill.start else float("nan")


def summary_section(runs, cold, settings):
    """Per phase: each run's combined p95 (n), the median of the runs, the goal's verdict."""
    def row(title, values_of, goal, limit, min_n=0):
        values = [values_of(seen) for seen in runs]
        medians = float(np.median([p95(v) for v in values]))
        ok = all(len(v) >= min_n for v in values) and medians <= limit
        return [title, *(f"{seconds(p95(v))} (n={len(v)})" for v in values), seconds(medians), f"{goal}: {verdict(ok)}"]
    rows = [row("first view, p95", lambda seen: by_kind(seen, "first"), "p95 ≤ 5 s", GOAL_FIRST_VIEW)]
    rows += [row(f"{title}, p95", lambda seen, f=field: by_kind(seen, f), "p95 ≤ 2 s, n ≥ 100", GOAL_ROUND_TRIP,
                 MIN_SAMPLES) for field, title in PHASES]
    refills = [refill_seconds(seen) for seen in runs]
    in_time = verdict(all(r <= GOAL_REFILL for r in refills))
    rows.append(["pool full again after the first replacement started", *(f"{r:.0f} s" for r in refills),
                 f"{np.median(refills):.0f} s", f"≤ {GOAL_REFILL:.0f} s: {in_time}"])
    failed = sum(1 for seen in runs for r in seen["results"] if "error" in r)
    rows.append(["failed sessions", *(str(sum("error" in r for r in seen["results"])) for seen in runs), "",
                 f"none: {verdict(not failed)}"])
    rows.append(["load average before → after the run", *(f"{a:.2f} → {b:.2f}" for a, b in
                                                           (seen["load"] for seen in runs)), "", ""])
    if cold:
        rows.append(["first view without a pool (SEATS=0), p95", f"{seconds(p95(cold))} (n={len(cold)})",
                     *([""] * (len(runs) - 1)), "", "reference"])
    title = ("7. a class on one machine: make app LESSON=04 " + " ".join(f"{k}={v}" for k, v in settings.items())
             + f", students arrive within 5 s ({runs[0]['kinds'].count('BrowserStudent')} in Chromium), "
             f"{len(runs)} run(s) on a fresh server each")
    return Section(title, ["measure", *(f"run {i + 1}" for i in range(len(runs))), "median", "goal"], rows, NOTES)


def latency_section(seen, number, count):
    failed = [r["error"] for r in seen["results"] if "error" in r]
    rows = [timings("first view, every student (warm pool)", by_kind(seen, "first")),
            timings("  Chromium: first painted view", by_kind(seen, "first", "BrowserStudent")),
            timings("  protocol: view model + first state", by_kind(seen, "first", "ProtocolStudent"))]
    for field, title in PHASES:
        rows += [timings(title, by_kind(seen, field)),
                 timings("  Chromium: key → readout and figure", by_kind(seen, field, "BrowserStudent")),
                 timings("  protocol: value → kernel idle", by_kind(seen, field, "ProtocolStudent"))]
    before, after = seen.get("load", (float("nan"),) * 2)
    return Section(f"7a. run {number} of {count} (load average {before:.2f} before, {after:.2f} after)",
                   ["measure", "n", "p50", "p95", "max"], [r[:5] for r in rows], [f"failed: {e}" for e in failed[:5]])


def memory_row(title, sizes, seats):
    kernels = [pss for pss, _ in sizes["kernels"]]
    total = sizes["server"][0] + sum(kernels)
    rss = sizes["server"][1] + sum(r for _, r in sizes["kernels"])
    mb = lambda b: f"{b / 2**20:.0f} MB"
    return [title, len(kernels), mb(sizes["server"][0]), mb(np.median(kernels)) if kernels else "—", mb(total),
            mb(total / seats), mb(rss)]


def memory_section(seen):
    seats = seen["seats"]
    rows = [memory_row(f"pool warm: {seats} pre-heated kernels", seen["warm"], seats),
            memory_row(f"class in, pool refilled: {seats} students + {seats} pre-heated", seen["peak"], seats),
            memory_row("students gone and culled, pool back", seen["after"], seats)]
    return Section("7b. memory of the class, last run (PSS: a page shared by several processes counts in shares)",
                   ["when", "kernels", "server", "per kernel", "total", "per seat", "total RSS"], rows,
                   ["per seat = total / SEATS; the class's peak counts each seat twice: the student's kernel "
                    "and the pre-heated one that replaced it"])


def vanished(seen, settings):
    """What became of the kernels of the students who left without closing."""
    ids, took = seen["ids"], seen["culled_in"]
    gone = f"all gone {took:.0f} s after the drop" if took is not None else "MISSED: not all gone"
    return (f"{seen['culled']}/{len(ids)} kernels culled by jupyter_server, {gone} "
            f"(IDLE_TIMEOUT {settings['IDLE_TIMEOUT']} s, CULL_INTERVAL {settings['CULL_INTERVAL']} s)")


def culling_section(seen, settings):
    ids, limits = seen["ids"], seen["limits"]
    refill = seen["refill"]
    bounded = sum(limit == settings["KERNEL_MB"] * 2**20 for limit in limits)
    rows = [["pool ready", f"{seen['warm_in']:.0f} s after the server answered: {seen['seats']} kernels have run "
                           "the lesson"],
            ["kernels that died and were restarted", f"{seen['restarts']} (server log)"],
            ["a kernel of their own", f"{len(set(ids))} distinct kernels for {seen['seats']} students, "
                                      f"{seen['preheated']} handed out pre-heated"],
            ["pool refill", f"{refill.end - refill.start:.0f} s from the first replacement started to all "
                            f"{seen['seats']} idle; CPU: {refill.cpu['server']:.0f} s in the server (it runs "
                            f"the lesson through each kernel), {refill.cpu['kernels']:.0f} s in the kernels"
             if refill.end and refill.start else "MISSED: not finished"],
            ["students vanish (websockets dropped, no shutdown)", vanished(seen, settings)],
            ["pool after the culling", f"{len(seen['after_ids'])} kernels, all pre-heated and idle "
                                       f"({'= SEATS: ok' if len(seen['after_ids']) == seen['seats'] else 'MISSED'})"],
            ["memory bound per kernel", f"address space ≤ {settings['KERNEL_MB']} MB (ulimit -v) on {bounded} of "
                                        f"{len(limits)} kernels"]]
    return Section("7c. the pool, each student's kernel and the culling, last run", ["what", "seen"], rows)


def write_report(runs, cold, settings, machine):
    """The summary, each run's round trips, and the last run's memory and culling as a Report; also written between
    this section's markers in benchmarks/RESULTS.md."""
    report = Report([summary_section(runs, cold, settings),
                     *(latency_section(seen, i + 1, len(runs)) for i, seen in enumerate(runs)),
                     memory_section(runs[-1]), culling_section(runs[-1], settings)])
    write_block(BEGIN, END, ["# A class on one machine", "",
                             "Written by `make bench` (`make bench ONLY=class` for this section alone); see "
                             "benchmarks/classroom.py for the method.", "", "```", *machine, "", *report.lines(),
                             "```"])
    return report
