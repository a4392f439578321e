"""The numbers of one playground frame beyond the boundary: each neuron's picture, the edges, the loss curves,
and the setup that changes only with the data or the network (grid, points, colours, colour tables).
"""
import numpy as np

from backprop.flow import norm

from ._playground_figure import class_colours, colour_tables, colours
from .figures.style import number

HIDDEN_GRID = 4          # a hidden neuron's picture takes every 4th grid point along each side
MOST_CURVE = 200         # points of each loss curve sent to the page
TOP_RISE = 10            # the loss panel's top: at most this × the first recorded losses


def pictures(trace, grid_shape, half, activation):
    """Each input's and hidden neuron's value over the plane, every HIDDEN_GRID-th grid point, in [-1, 1]
    (n, h, w): the inputs over the half-width ``half``, tanh as it is, sigmoid as 2a − 1, ReLU and identity
    over their largest |a| on the grid."""
    ny, nx = grid_shape
    out = [trace.a[0][:, i] / half for i in range(2)]
    for a in trace.a[1:-1]:
        for j in range(a.shape[1]):
            v = a[:, j]
            if activation == "sigmoid":
                v = 2 * v - 1
            elif activation != "tanh":
                top = float(np.max(np.abs(v)))
                v = v / top if top > 0 else v
            out.append(v)
    return np.stack([p.reshape(ny, nx)[::HIDDEN_GRID, ::HIDDEN_GRID] for p in out])


def edges(arrays):
    """Per layer, each entry (a weight, or its gradient) over the layer's largest |…|, in [-1, 1], 3 decimals."""
    out = []
    for W in arrays:
        top = norm(W) and float(np.max(np.abs(W)))
        out.append(np.round(W / top if top and np.isfinite(top) else np.zeros_like(W), 3).ravel().tolist())
    return out


def setup(split, net, extent, grid_shape):
    """The frame's setup: grid (nx, ny), extent, classes k, colour tables (light and dark theme), sizes, the
    points, colours, words."""
    k = 2 if net.sizes[-1] == 1 else net.sizes[-1]
    X = np.vstack([split.X_train, split.X_test])
    labels = np.r_[split.y_train, split.y_test]
    half = extent[1]
    return {"grid": [grid_shape[1], grid_shape[0]], "extent": list(extent), "k": k,
            "tables": colour_tables(k).ravel().tolist(), "dark_tables": colour_tables(k, "dark").ravel().tolist(),
            "sizes": net.sizes,
            "hidden_grid": [len(range(0, grid_shape[1], HIDDEN_GRID)), len(range(0, grid_shape[0], HIDDEN_GRID))],
            "points": {"x": np.round(X[:, 0], 4).tolist(), "y": np.round(X[:, 1], 4).tolist(),
                       "c": labels.astype(int).tolist(), "test": [0] * len(split.y_train) + [1] * len(split.y_test)},
            "colours": {"classes": class_colours(k), **colours()},
            "columns": ["input"] + [f"layer {L}" for L in range(1, len(net.sizes) - 1)] + ["output"],
            "ticks": [-half, -half / 2, 0.0, half / 2, half]}


def _rounded(values):
    picked = np.round(np.asarray(values, dtype=float), 4)
    finite = np.isfinite(picked)
    return picked.tolist() if finite.all() else [v if ok else None for v, ok in zip(picked.tolist(), finite)]


def curves(history, loss_name):
    """The recorded training and test losses (at most MOST_CURVE points each, inf/NaN as None), their steps,
    the axis top (a multiple of 0.5 holding the first and last values, but at most TOP_RISE × the first ones: a
    loss that runs away leaves the panel through its top, marked '↑', instead of flattening the rest), its label
    and the panel's label."""
    every = max(1, -(-len(history.recorded_at) // MOST_CURVE))
    finite = [v for v in history.train_loss + history.val_loss if np.isfinite(v)]
    wanted = max(finite[:2] + finite[-2:] + [0.5]) if finite else 1.0
    cap = TOP_RISE * max(finite[:2] + [0.5]) if finite else 1.0
    top = float(np.ceil(min(wanted, cap) * 2) / 2)
    return {"steps": history.recorded_at[::every], "train": _rounded(history.train_loss[::every]),
            "test": _rounded(history.val_loss[::every]), "top": top,
            "top_label": number(top) + ("↑" if wanted > top else ""),
            "label": f"loss ({loss_name.replace('_', ' ')}): train, test"}
