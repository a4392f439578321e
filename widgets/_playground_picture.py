"""The playground as a PNG, for places without a live page (nbconvert, GitHub): the boundary painted through
the same colour tables as the page, the points, the loss curves and the verdict; no network diagram."""
import io

import numpy as np


def _image(setup, boundary):
    tables = np.array(setup["tables"], dtype=np.uint8).reshape(-1, 256, 4)
    if boundary.ndim == 2:
        return tables[0][np.round(255 * boundary).astype(int)]
    k = boundary.shape[2]
    winner = np.argmax(boundary, axis=2)
    margin = np.round(255 * np.clip((boundary.max(axis=2) - 1 / k) / (1 - 1 / k), 0, 1)).astype(int)
    return tables[winner, margin]


def png(setup, state, curves, dpi=100):
    """PNG bytes: the boundary with training (circles) and test (squares) points beside the loss curves."""
    import matplotlib
    from matplotlib.figure import Figure
    matplotlib.rcParams["svg.hashsalt"] = "backprop"
    figure = Figure(figsize=(8.4, 4.4), dpi=dpi)
    left, right = figure.add_axes((0.06, 0.25, 0.42, 0.68)), figure.add_axes((0.58, 0.3, 0.38, 0.56))
    x0, x1, y0, y1 = setup["extent"]
    left.imshow(_image(setup, state["boundary"]), origin="lower", extent=(x0, x1, y0, y1), interpolation="bilinear")
    p = setup["points"]
    for test, marker in ((0, "o"), (1, "s")):                  # training points circles, test points squares
        at = [i for i, t in enumerate(p["test"]) if t == test]
        left.scatter([p["x"][i] for i in at], [p["y"][i] for i in at], marker=marker, s=16, linewidths=0.8,
                     c=[setup["colours"]["classes"][p["c"][i]] for i in at], edgecolors=setup["colours"]["ink"])
    left.set_xlim(x0, x1), left.set_ylim(y0, y1)
    left.set_title(f"epoch {state['epoch']}: train accuracy {state['train_accuracy']:.2f}, "
                   f"test {state['test_accuracy']:.2f}", fontsize=10)
    right.plot(curves["steps"], [np.nan if v is None else v for v in curves["train"]],
               color=setup["colours"]["train"], label="train")
    right.plot(curves["steps"], [np.nan if v is None else v for v in curves["test"]],
               color=setup["colours"]["test"], label="test")
    right.set_ylim(0, curves["top"]), right.set_xlabel("mini-batch steps", fontsize=9)
    right.set_title(curves["label"], fontsize=10), right.legend(fontsize=9, frameon=False)
    if state["message"]:
        words = state["message"] if len(state["message"]) < 110 else state["message"][:state["message"].find(" —")]
        figure.text(0.5, 0.02, words, ha="center", va="bottom", fontsize=8.5, wrap=True)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()
