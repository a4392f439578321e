"""Time the core's fit against a patched copy of lib/, to show what a proposed hot-path change gains.

    .venv/bin/python -m benchmarks.patched my_change.diff     # a diff of lib/, as git diff writes it

The diff (paths a/lib/…, b/lib/…) is applied to a temporary copy of lib/ imported
as ``backprop_patched``; the current core, the patched core and the per-example
loop are timed in turns in this one process, so the ratios share the same load.
"""
import importlib
import os
import shutil
import subprocess
import sys
import tempfile

from backprop.data import load_digits

from . import baseline, training
from ._report import Section, seconds
from ._timing import interleaved, median

LIB = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib")


def patched_package(diff, workdir):
    """Import ``backprop_patched``: lib/ copied into ``workdir`` with ``diff`` applied."""
    shutil.copytree(LIB, os.path.join(workdir, "lib"))
    with open(diff) as patch:
        subprocess.run(["patch", "-s", "-p1"], stdin=patch, cwd=workdir, check=True)
    os.rename(os.path.join(workdir, "lib"), os.path.join(workdir, "backprop_patched"))
    sys.path.insert(0, workdir)
    return importlib.import_module("backprop_patched")


def run(diff, epochs=20, repeats=7):
    """A Section with s/epoch of the current core, the patched core and the loop at each benchmark batch size."""
    X, y, _, _ = load_digits()
    with tempfile.TemporaryDirectory() as workdir:
        patched = patched_package(diff, workdir)
        section = Section(f"core before/after {os.path.basename(diff)}: {epochs} epochs per fit, median of {repeats}",
                          ["batch", "implementation", "s/epoch", "× faster than the loop"])
        for batch_size, lr in training.CASES:
            start = training.new_network()
            fits = {"core (lib/ now)": lambda: training.new_network().fit(X, y, epochs, batch_size, lr),
                    "core patched": lambda: patched.Network(training.SIZES, "sigmoid", "softmax",
                                                            "cross_entropy").fit(X, y, epochs, batch_size, lr),
                    "per-example loop": lambda: baseline.fit_per_example(start.weights, start.biases, X, y,
                                                                         epochs, batch_size, lr)}
            times = {name: median(t) / epochs for name, t in interleaved(fits, repeats).items()}
            for name, t in times.items():
                section.rows.append([batch_size, name, seconds(t), f"{times['per-example loop'] / t:.1f}"])
    return section


if __name__ == "__main__":
    print("\n".join(run(sys.argv[1]).lines()))
