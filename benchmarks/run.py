"""Run the benchmark sections and print one table; also save it to benchmarks/results/latest.txt.

    .venv/bin/python -m benchmarks.run [--quick] [--only training views core backward course scaling browser class class-play
                                             lite playground roundtrip]
"""
import argparse
import datetime
import os
import platform
import subprocess
from importlib import metadata

from . import (backward, browser, class_play, classroom, core_call, course, lite, playground, roundtrip, scaling,
               training, views)
from ._timing import load_average

SECTIONS = {"training": training, "views": views, "core": core_call, "backward": backward, "course": course,
            "scaling": scaling, "browser": browser, "class": classroom, "class-play": class_play, "lite": lite,
            "playground": playground, "roundtrip": roundtrip}
RESULTS = os.path.join(os.path.dirname(__file__), "results", "latest.txt")


def version(package):
    """The installed version of ``package``, or 'absent'."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def machine_lines():
    """When, where and on what the numbers were measured."""
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor()) if os.path.exists("/proc/cpuinfo") else platform.processor()
    versions = ", ".join(f"{p} {version(p)}" for p in ("numpy", "scikit-learn", "torch", "matplotlib"))
    return [f"benchmarks of the backprop course — {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, "
            f"commit {commit or '?'}",
            f"machine: {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; {versions}",
            f"load average at start: {load_average():.2f} (other processes share the cores)"]


def main(argv=None):
    parser = argparse.ArgumentParser(description="Benchmarks of the backprop course (see COURSE.md budgets).")
    parser.add_argument("--quick", action="store_true", help="fewer repeats and epochs; skips the course run")
    parser.add_argument("--only", nargs="+", choices=list(SECTIONS), default=list(SECTIONS), help="sections to run")
    args = parser.parse_args(argv)
    lines = machine_lines()
    print("\n".join(lines), flush=True)
    for name in args.only:
        block = [""] + SECTIONS[name].run(quick=args.quick).lines()
        print("\n".join(block), flush=True)
        lines += block
    lines.append(f"\nload average at end: {load_average():.2f}")
    print(lines[-1])
    os.makedirs(os.path.dirname(RESULTS), exist_ok=True)
    with open(RESULTS, "w") as out:
        out.write("\n".join(lines) + "\n")
    print(f"saved to {os.path.relpath(RESULTS)}")


if __name__ == "__main__":
    main()
