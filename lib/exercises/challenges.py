"""Checks for lessons/08_challenges: gradient norm per layer, weight decay, inverted dropout."""
import numpy as np

from ..flow import gradient_flow
from ..activations import dropout_mask
from ..network import Network
from .compare import check_function
from .toolkit import Mistake, table

__all__ = ["check_layer_gradient_norms", "check_weight_decay_step", "check_dropout"]


# ---- gradient norm per layer ---------------------------------------------
def _deep_problem(seed):
    """A seeded 5-layer sigmoid network and 6 examples: (net, X (6, 4), labels (6,))."""
    rng = np.random.default_rng(seed)
    net = Network([4, 6, 6, 6, 3], activation="sigmoid", init=1.0 + seed, seed=seed)
    return net, rng.normal(size=(6, 4)), rng.integers(0, 3, size=6)


def _norms_of(fn):
    """fn(net, X, labels) as a function of a seed, so the verdict prints the seed only."""
    return lambda seed: fn(*_deep_problem(seed))


def _core_norms(net, X, labels):
    return gradient_flow(net, X, labels).norms


def _weight_norms(net, X, labels):
    return np.array([np.linalg.norm(W) for W in net.weights])


def _bias_norms(net, X, labels):
    return np.array([np.linalg.norm(b) for b in net.backward(net.forward(X), labels).biases])


def _delta_norms(net, X, labels):
    return np.array([np.linalg.norm(d) for d in net.backward(net.forward(X), labels).delta[1:]])


@table(
    Mistake("weights", "those are the norms of the weights themselves; measure the gradients, "
                       "grads.weights[l], from net.backward(net.forward(X), labels).", _norms_of(_weight_norms)),
    Mistake("reversed", "the right numbers in the wrong order: list the first hidden layer first, "
                        "the output layer last.", _norms_of(lambda *p: _core_norms(*p)[::-1])),
    Mistake("squared", "you returned the squared norms; take the square root of the sum of squares "
                       "(np.linalg.norm).", _norms_of(lambda *p: _core_norms(*p) ** 2)),
    Mistake("delta", "those are the norms of the blames delta[L]; the exercise asks for the weight "
                     "gradients grads.weights[l].", _norms_of(_delta_norms)),
    Mistake("biases", "those are the norms of the bias gradients grads.biases[l]; the exercise asks for the "
                      "weight gradients grads.weights[l].", _norms_of(_bias_norms)),
    Mistake("spectral", "np.linalg.norm(g, 2) of a matrix is its largest singular value; the norm here is the "
            "square root of the sum of the squares of every entry, np.linalg.norm(g) (no second argument).",
            _norms_of(lambda net, X, labels: np.array([np.linalg.norm(g, 2) for g in net.backward(
                net.forward(X), labels).weights]))),
)
def check_layer_gradient_norms(fn):
    """Check fn(net, X, labels) → ‖∂C/∂W⁽ˡ⁾‖ for each layer, first hidden layer first: (n_layers,)."""
    return check_function("check_layer_gradient_norms", _norms_of(fn), [(0,), (1,), (2,)],
                          _norms_of(_core_norms), mistakes=check_layer_gradient_norms.mistakes)


# ---- weight decay --------------------------------------------------------
_DECAY = [(np.array([[0.5, -1.0], [2.0, 0.0]]), np.array([[0.1, 0.2], [-0.3, 0.4]]), 0.1, 0.01),
          (np.array([1.5, -0.5, 3.0]), np.array([0.0, 0.5, -1.0]), 0.5, 0.1),
          (np.array([[4.0]]), np.array([[-2.0]]), 0.2, 0.5)]


@table(
    Mistake("no_decay", "that is a plain gradient step: add weight_decay·W to the gradient first.",
            lambda W, g, lr, wd: W - lr * g),
    Mistake("decay_sign", "the decay pushes the weights away from zero: add +weight_decay·W to the "
                          "gradient, so the step pulls them back toward 0.",
            lambda W, g, lr, wd: W - lr * (g - wd * W)),
    Mistake("decay_no_lr", "the decay term should be scaled by lr too: W − lr·(grad + weight_decay·W).",
            lambda W, g, lr, wd: W - lr * g - wd * W),
    Mistake("half", "the penalty ½λ‖W‖² has slope λ·W, not ½λ·W: drop the ½.",
            lambda W, g, lr, wd: W - lr * (g + 0.5 * wd * W)),
)
def check_weight_decay_step(fn):
    """Check fn(W, grad, lr, weight_decay) → W − lr·(grad + weight_decay·W), like Network.fit."""
    return check_function("check_weight_decay_step", fn, _DECAY,
                          lambda W, g, lr, wd: W - lr * (g + wd * W), mistakes=check_weight_decay_step.mistakes)


# ---- inverted dropout ----------------------------------------------------
_A = np.linspace(0.1, 1.2, 12).reshape(3, 4)
_DROP = [(_A, 0.5, 0), (_A, 0.25, 1), (_A.ravel(), 0.1, 2)]


def _dropout_of(fn):
    """fn(a, rate, rng) as a function of (a, rate, seed)."""
    return lambda a, rate, seed: fn(a, rate, np.random.default_rng(seed))


def _core_dropout(a, rate, rng):
    return a * dropout_mask(a.shape, rate, rng)


@table(
    Mistake("no_rescale", "the kept activations must be divided by (1 − rate), so their average "
                          "stays the same as without dropout.",
            _dropout_of(lambda a, r, rng: a * (rng.random(a.shape) >= r))),
    Mistake("swapped", "you kept the fraction `rate` and dropped the rest; keep where "
                       "rng.random(a.shape) >= rate.",
            _dropout_of(lambda a, r, rng: a * (rng.random(a.shape) < r) / (1.0 - r))),
    Mistake("multiply", "you multiplied by (1 − rate); divide by it instead, to scale the survivors up.",
            _dropout_of(lambda a, r, rng: a * (rng.random(a.shape) >= r) * (1.0 - r))),
    Mistake("keep_below", "your mask keeps where rng.random(a.shape) < 1 − rate: the same share, but other "
            "neurons than the exercise's rule, keep = rng.random(a.shape) >= rate (the core's, so that a check "
            "can compare).", _dropout_of(lambda a, r, rng: a * (rng.random(a.shape) < 1.0 - r) / (1.0 - r))),
)
def check_dropout(fn):
    """Check fn(a, rate, rng) → inverted dropout of activations a, with keep = rng.random(a.shape) ≥ rate."""
    return check_function("check_dropout", _dropout_of(fn), _DROP, _dropout_of(_core_dropout),
                          mistakes=check_dropout.mistakes)
