"""Section 4: seconds to run every lesson under nbval, as `make test` does (budget: ≤ 60 s in all)."""
import glob
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict

from ._report import Section, seconds
from ._timing import verdict

BUDGET = 60.0


def lessons(root="."):
    """The numbered lesson notebooks, in order."""
    return sorted(glob.glob(os.path.join(root, "lessons", "[0-9][0-9]_*.ipynb")))


def run_nbval(paths):
    """(wall seconds, {notebook: seconds of its cells}, exit code, pytest's last line)."""
    with tempfile.TemporaryDirectory() as tmp:
        junit = os.path.join(tmp, "nbval.xml")
        command = [sys.executable, "-m", "pytest", "-q", "--nbval", "--nbval-sanitize-with",
                   "tests/sanitize.cfg", "-p", "no:randomly", "-o", "junit_family=xunit1",   # xunit1 names the file
                   f"--junitxml={junit}", *paths]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - start
        per_notebook = defaultdict(float)
        if os.path.exists(junit):
            for case in ET.parse(junit).getroot().iter("testcase"):
                per_notebook[case.get("file") or case.get("classname", "?")] += float(case.get("time", 0))
    last = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    return wall, dict(per_notebook), done.returncode, last


def run(quick=False):
    """The course-run section of the table (one run: nbval executes each notebook once)."""
    section = Section("4. course run: every lesson under nbval (pytest --nbval, sanitize file)",
                      ["lessons", "seconds", "goal ≤ 60 s", "pytest says"])
    paths = lessons()
    if not paths:
        section.notes.append("skipped: no lessons/NN_*.ipynb exist yet")
        return section
    if quick:
        section.notes.append("skipped in quick mode (run `make bench ONLY=course` to measure it)")
        return section
    wall, per_notebook, code, last = run_nbval(paths)
    section.rows.append([len(paths), seconds(wall), verdict(wall <= BUDGET), last])
    section.notes += [f"{os.path.basename(nb)}: {seconds(t)} in its cells" for nb, t in sorted(per_notebook.items())]
    if code != 0:
        section.notes.append(f"nbval exited with code {code}: some lessons fail — see `make test`")
    return section
