"""Section 1: seconds per epoch on digits, 64 → 32 → 10, the core against its peers.

Every implementation trains the same network (sigmoid hidden, softmax +
cross-entropy) with the same batch size, lr and epochs; ratios are core/peer
measured in this run, so a ratio below 1 means the core is faster.
"""
import os

from backprop import Network
from backprop.data import load_digits

from . import baseline, peers
from ._report import Section, seconds
from ._timing import interleaved, median, verdict

SIZES = [64, 32, 10]
CASES = [(10, 0.5), (100, 0.5)]               # (batch_size, lr): the same for every implementation
GOAL_VS_LOOP = {10: 4.0, 100: 20.0}           # the core must be this many times faster than the loop
TORCH_RUNS = [("float64", None), ("float32", None), ("float64", 1)]   # None: one thread per core (the goal)


def new_network(seed=0):
    """The benchmark network, initialised from ``seed`` (the loop and torch start from its parameters)."""
    return Network(SIZES, activation="sigmoid", output_activation="softmax", loss="cross_entropy", seed=seed)


def contenders(data, batch_size, lr, epochs):
    """{name: (fit(), accuracy_of_last_fit())} for the core, the loop, scikit-learn and PyTorch if present."""
    X, y, X_test, y_test = data
    last = {}

    def core():
        last["core"] = new_network()
        last["core"].fit(X, y, epochs=epochs, batch_size=batch_size, lr=lr)

    def loop():
        start = new_network()
        last["loop"] = Network.from_parameters(*baseline.fit_per_example(
            start.weights, start.biases, X, y, epochs, batch_size, lr), "sigmoid", "softmax", "cross_entropy")

    def sklearn():
        last["sklearn"] = peers.fit_sklearn(peers.sklearn_model(batch_size, lr, epochs), X, y)

    out = {"core Network.fit": (core, lambda: last["core"].accuracy(X_test, y_test)),
           "per-example loop": (loop, lambda: last["loop"].accuracy(X_test, y_test)),
           "scikit-learn MLPClassifier": (sklearn, lambda: last["sklearn"].score(X_test, y_test))}
    return {**out, **torch_contenders(data, batch_size, lr, epochs)}


def torch_contenders(data, batch_size, lr, epochs):
    """{name: (fit(), accuracy_of_last_fit())} for each PyTorch run, or {} when torch is absent."""
    X, y, X_test, y_test = data
    out, last = {}, {}
    for dtype, threads in TORCH_RUNS if peers.torch_available() else []:
        name = f"PyTorch CPU {dtype}, {threads or os.cpu_count()} thread(s)"

        def fit(dtype=dtype, threads=threads, name=name):
            last[name] = peers.fit_torch(peers.torch_model(new_network(), dtype), X, y, epochs,
                                         batch_size, lr, threads=threads)
        out[name] = (fit, lambda name=name: peers.torch_accuracy(last[name], X_test, y_test))
    return out


def goal_for(name, batch_size):
    """The largest allowed core/peer ratio for ``name`` (None: information only)."""
    if name == "per-example loop":
        return 1.0 / GOAL_VS_LOOP[batch_size]
    if name.startswith("scikit") or name == f"PyTorch CPU float64, {os.cpu_count()} thread(s)":
        return 1.0
    return None


def run(quick=False):
    """The training-speed section of the table."""
    data, epochs, repeats = load_digits(), (5 if quick else 20), (3 if quick else 5)
    section = Section(f"1. training speed on digits, {' → '.join(map(str, SIZES))}, {epochs} epochs per fit, "
                      f"median of {repeats} fits after 1 warm-up, contenders timed in turns",
                      ["batch", "lr", "implementation", "s/epoch", "core/peer", "goal", "", "test acc"])
    for batch_size, lr in CASES:
        fits = contenders(data, batch_size, lr, epochs)
        times = interleaved({name: fit for name, (fit, _) in fits.items()}, repeats)
        core_time = median(times["core Network.fit"]) / epochs
        for name, (_, accuracy) in fits.items():
            per_epoch = median(times[name]) / epochs
            ratio, goal = core_time / per_epoch, goal_for(name, batch_size)
            section.rows.append([batch_size, lr, name, seconds(per_epoch), f"{ratio:.3f}",
                                 f"≤ {goal:.3f}" if goal else "-", verdict(ratio <= goal) if goal else "",
                                 f"{accuracy():.3f}"])
    if not peers.torch_available():
        section.notes.append("PyTorch is not installed: its rows are skipped (pip install torch to measure it)")
    section.notes.append("the goal compares PyTorch in float64 (the core's dtype) on every core; float32 and "
                         "one thread are shown for information (threads waiting on a busy machine cost a lot)")
    return section
