"""The reference maths of lessons/09_build_it_yourself, written once for its checks.

Sigmoid on every layer, half squared error, batch means; weights[l] (n_{l+1}, n_l),
X (n, n_in), y (n, n_out); z, a, delta count layers from 1 (z[0] None, a[0] X).
"""
import numpy as np

from ..activations import sigmoid, sigmoid_prime, softmax


def problem(sizes, n, seed):
    """(weights, biases, X (n, n_in), y (n, n_out)) drawn from ``seed``: weights[l] (sizes[l+1], sizes[l])."""
    rng = np.random.default_rng(seed)
    weights = [rng.normal(0, 1.0, (m, k)) for k, m in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(0, 0.5, m) for m in sizes[1:]]
    return weights, biases, rng.normal(0, 1.0, (n, sizes[0])), rng.uniform(0, 1, (n, sizes[-1]))


def forward(weights, biases, X):
    """The reference: z[L] = a[L-1] @ weights[L-1].T + biases[L-1], a[L] = σ(z[L]); z[0] None, a[0] X."""
    z, a = [None], [X]
    for W, b in zip(weights, biases):
        z.append(a[-1] @ W.T + b)
        a.append(sigmoid(z[-1]))
    return z, a


def deltas(weights, z, a, y, delta_out=None):
    """delta[L] (n, n_L) for L = 1 … depth (delta[0] None), half squared error, sigmoid everywhere.

    ``delta_out``, when given, is the output layer's delta instead (lesson 09's softmax swap).
    """
    depth = len(weights)
    delta = [None] * (depth + 1)
    delta[depth] = (a[depth] - y) * sigmoid_prime(z[depth]) if delta_out is None else delta_out
    for L in range(depth - 1, 0, -1):          # weights[L] is layer L+1's: lists of weights count from 0
        delta[L] = (delta[L + 1] @ weights[L]) * sigmoid_prime(z[L])
    return delta


def backward(weights, z, a, y, delta_out=None):
    """The reference: ([∂C/∂weights[l]], [∂C/∂biases[l]]), batch means, the parameters' shapes."""
    delta, n = deltas(weights, z, a, y, delta_out), len(y)
    return ([delta[L].T @ a[L - 1] / n for L in range(1, len(weights) + 1)],
            [delta[L].mean(axis=0) for L in range(1, len(weights) + 1)])


def softmax_forward(weights, biases, X):
    """forward, with the output layer's a replaced by softmax(z)."""
    z, a = forward(weights, biases, X)
    a[-1] = softmax(z[-1])
    return z, a


def softmax_backward(weights, z, a, y):
    """backward with the softmax + cross-entropy output delta, ŷ − y."""
    return backward(weights, z, a, y, delta_out=a[-1] - y)


def sgd(weights, biases, X, y, lr, batch_size, epochs, seed, order="shuffle", sign=-1.0, stale=False,
        rescale=False, passes=(forward, backward)):
    """The reference mini-batch SGD in place: one generator from ``seed``, a fresh permutation each epoch.

    order="fixed" (no shuffle) or "reseeded" (the same shuffle every epoch), sign=+1 (uphill),
    stale=True (each layer stepped before the blame passes through it) and rescale=True (each step
    scaled by len(batch) / batch_size) make the named mistakes; passes=(forward, backward) are the
    two passes a step runs.
    """
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        if order == "reseeded":
            rng = np.random.default_rng(seed)
        perm = np.arange(len(X)) if order == "fixed" else rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = perm[start:start + batch_size]
            z, a = passes[0](weights, biases, X[idx])
            if stale:
                _stale_step(weights, biases, z, a, y[idx], lr)
                continue
            grad_w, grad_b = passes[1](weights, z, a, y[idx])
            step = lr * (len(idx) / batch_size if rescale else 1.0)
            for p, g in zip(weights + biases, grad_w + grad_b):
                p += sign * step * g
    return weights, biases


def _stale_step(weights, biases, z, a, y, lr):
    """A step that updates each layer before the blame passes back through its (new) weights."""
    n, delta = len(y), (a[-1] - y) * sigmoid_prime(z[-1])
    for L in range(len(weights), 0, -1):
        weights[L - 1] -= lr * delta.T @ a[L - 1] / n
        biases[L - 1] -= lr * delta.mean(axis=0)
        if L > 1:
            delta = (delta @ weights[L - 1]) * sigmoid_prime(z[L - 1])


# equal widths first (a transposed square matrix still runs), then every shape: depths 1–4, widths 1–5
SIZES = [([3, 3, 3, 3], 7), ([4, 4, 4, 4, 4], 7), ([2, 2], 1), ([5, 5, 5], 1),
         ([5, 4, 3, 2, 1], 7), ([1, 3, 2], 1), ([2, 5, 1], 7), ([4, 1, 3], 7), ([3, 2], 7)]


def schedule(n, batch_size, epochs, seed):
    """The reference's batches, as arrays of row indices, one epoch after the other."""
    rng = np.random.default_rng(seed)
    return [perm[start:start + batch_size] for perm in (rng.permutation(n) for _ in range(epochs))
            for start in range(0, n, batch_size)]


def cases():
    """The networks the forward and backward checks try: (weights, biases, X, y) for each of SIZES."""
    return [problem(sizes, n, seed) for seed, (sizes, n) in enumerate(SIZES)]


def copies(items):
    """Fresh float copies of a list of arrays (None kept), so the learner cannot change the check's own."""
    return [None if x is None else np.array(x, dtype=float) for x in items]


def maybe(compute):
    """compute(), or None where its shapes do not fit (a mistake that could not have run here)."""
    try:
        return compute()
    except ValueError:
        return None
