"""The exercise checks of lessons 00–05: a right answer passes, each named mistake gets
its own hint, a blank answer is "not yet", and a learner's exception is reported, not raised.

The right answers here are written by hand (plain numpy), independently of the core.
"""
import numpy as np
import pytest

from backprop import exercises as ex


@pytest.fixture(autouse=True)
def _progress_in_memory(monkeypatch):
    """Checks record passes in the learner's home; tests must not write there."""
    monkeypatch.setenv("BACKPROP_PROGRESS_FILE", "off")


def sig(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def dsig(z):
    return sig(z) * (1 - sig(z))


def worked_backward(x, y, W1, b1, W2, b2, crossed=False):
    """Note 003's nine gradients by hand, one scalar at a time (½(ŷ − y)² loss)."""
    (w11, w12), (w21, w22), (w31, w32) = W1[0], W1[1], W2[0]
    h1, h2 = sig(w11 * x[0] + w12 * x[1] + b1[0]), sig(w21 * x[0] + w22 * x[1] + b1[1])
    y_hat = sig(w31 * h1 + w32 * h2 + b2[0])
    d3 = (y_hat - y) * y_hat * (1 - y_hat)
    back1, back2 = (w32, w31) if crossed else (w31, w32)
    d1, d2 = d3 * back1 * h1 * (1 - h1), d3 * back2 * h2 * (1 - h2)
    return (d1 * x[0], d1 * x[1], d2 * x[0], d2 * x[1], d1, d2, d3 * h1, d3 * h2, d3)


def worked_forward(x, W1, b1, W2, b2):
    z1, z2 = W1[0] @ x + b1[0], W1[1] @ x + b1[1]
    z3 = W2[0, 0] * sig(z1) + W2[0, 1] * sig(z2) + b2[0]
    return (z1, sig(z1), z2, sig(z2), z3, sig(z3))


def half_grad(y_hat, y):
    return y_hat - y


# checker, right answer, [(mistake code, wrong answer), ...]
CASES = {
    "sigmoid": (ex.check_sigmoid, sig, [
        ("sign", lambda z: 1 / (1 + np.exp(z)))]),
    "sigmoid_derivative": (ex.check_sigmoid_derivative, dsig, [
        ("sigma_only", sig), ("z_not_sigma", lambda z: z * (1 - z)), ("sign", lambda z: sig(z) * (sig(z) - 1))]),
    "neuron": (ex.check_neuron, lambda x, w, b: sig(sum(wi * xi for wi, xi in zip(w, x)) + b), [
        ("no_activation", lambda x, w, b: w @ x + b), ("no_bias", lambda x, w, b: sig(w @ x)),
        ("bias_outside", lambda x, w, b: sig(w @ x) + b), ("sign", lambda x, w, b: sig(-(w @ x) + b))]),
    "layer_forward": (ex.check_layer_forward, lambda X, W, b: sig(np.einsum("nk,jk->nj", X, W) + b), [
        ("transposed", lambda X, W, b: sig(X @ W + b)), ("no_activation", lambda X, W, b: X @ W.T + b),
        ("no_bias", lambda X, W, b: sig(X @ W.T)), ("shape", lambda X, W, b: sig(W @ X.T + b[:, None]))]),
    "error": (ex.check_error, lambda y_hat, y: -(y_hat - y), [
        ("sign", lambda y_hat, y: y_hat - y), ("absolute", lambda y_hat, y: abs(y - y_hat)),
        ("mean", lambda y_hat, y: (y - y_hat).mean()), ("shape", lambda y_hat, y: (y - y_hat).T)]),
    "squared_error": (ex.check_squared_error, lambda y_hat, y: np.sum((y_hat - y) ** 2) / (2 * len(y)), [
        ("factor_2", lambda y_hat, y: np.sum((y_hat - y) ** 2) / len(y)),
        ("sum_not_mean", lambda y_hat, y: np.sum((y_hat - y) ** 2) / 2),
        ("per_example", lambda y_hat, y: np.sum((y_hat - y) ** 2, axis=1) / 2),
        ("mean_over_outputs", lambda y_hat, y: ((y_hat - y) ** 2).mean()),
        ("not_squared", lambda y_hat, y: np.sum(y_hat - y) / (2 * len(y)))]),
    "squared_error_derivative": (ex.check_squared_error_derivative, half_grad, [
        ("sign", lambda y_hat, y: y - y_hat), ("factor_2", lambda y_hat, y: 2 * y_hat - 2 * y),
        ("divided_by_n", lambda y_hat, y: (y_hat - y) / y.shape[0]),
        ("loss_not_slope", lambda y_hat, y: (y_hat - y) ** 2 / 2),
        ("shape", lambda y_hat, y: (y_hat - y).T)]),
    "chain_factors": (ex.check_chain_factors,
                      lambda p, w, b, y: (sig(w * p + b) - y, dsig(w * p + b), p), [
        ("sign", lambda p, w, b, y: (y - sig(w * p + b), dsig(w * p + b), p)),
        ("factor_2", lambda p, w, b, y: (2 * (sig(w * p + b) - y), dsig(w * p + b), p)),
        ("no_sigma_prime", lambda p, w, b, y: (sig(w * p + b) - y, sig(w * p + b), p)),
        ("w_not_input", lambda p, w, b, y: (sig(w * p + b) - y, dsig(w * p + b), w))]),
    "weight_gradient": (ex.check_weight_gradient, lambda p, w, b, y: (sig(w * p + b) - y) * dsig(w * p + b) * p, [
        ("sign", lambda p, w, b, y: (y - sig(w * p + b)) * dsig(w * p + b) * p),
        ("factor_2", lambda p, w, b, y: 2 * (sig(w * p + b) - y) * dsig(w * p + b) * p),
        ("no_sigma_prime", lambda p, w, b, y: (sig(w * p + b) - y) * p),
        ("w_not_input", lambda p, w, b, y: (sig(w * p + b) - y) * dsig(w * p + b) * w)]),
    "bias_gradient": (ex.check_bias_gradient, lambda p, w, b, y: (sig(w * p + b) - y) * dsig(w * p + b), [
        ("times_input", lambda p, w, b, y: (sig(w * p + b) - y) * dsig(w * p + b) * p),
        ("sign", lambda p, w, b, y: (y - sig(w * p + b)) * dsig(w * p + b)),
        ("no_sigma_prime", lambda p, w, b, y: sig(w * p + b) - y),
        ("factor_2", lambda p, w, b, y: 2 * (sig(w * p + b) - y) * dsig(w * p + b))]),
    "hidden_blame": (ex.check_hidden_blame, lambda d, w, z: d * w * dsig(z), [
        ("no_sigma_prime", lambda d, w, z: d * w), ("sigma_not_slope", lambda d, w, z: d * w * sig(z)),
        ("sign", lambda d, w, z: -d * w * dsig(z)), ("no_weight", lambda d, w, z: d * dsig(z))]),
    "hidden_delta": (ex.check_hidden_delta, lambda d, W, z: np.einsum("nj,jk->nk", d, W) * dsig(z), [
        ("transposed", lambda d, W, z: (d @ W.T) * dsig(z)), ("no_sigma_prime", lambda d, W, z: d @ W),
        ("sigma_not_slope", lambda d, W, z: (d @ W) * sig(z)),
        ("one_path", lambda d, W, z: np.outer(d[:, 0], W[0]) * dsig(z)),
        ("sign", lambda d, W, z: -(d @ W) * dsig(z)), ("shape", lambda d, W, z: ((d @ W) * dsig(z)).T)]),
    "worked_forward": (ex.check_worked_forward, worked_forward, [
        ("transposed", lambda x, W1, b1, W2, b2: worked_forward(x, W1.T, b1, W2, b2)),
        ("no_bias", lambda x, W1, b1, W2, b2: worked_forward(x, W1, 0 * b1, W2, 0 * b2))]),
    "worked_backward": (ex.check_worked_backward, worked_backward, [
        ("sign", lambda *a: [-g for g in worked_backward(*a)]),
        ("factor_2", lambda *a: [2 * g for g in worked_backward(*a)]),
        ("transposed", lambda *a: np.array(worked_backward(*a))[[0, 2, 1, 3, 4, 5, 6, 7, 8]]),
        ("crossed", lambda *a: worked_backward(*a, crossed=True))]),
    "update": (ex.check_update, lambda W, g, lr: W - lr * g, [
        ("sign", lambda W, g, lr: W + lr * g), ("no_lr", lambda W, g, lr: W - g),
        ("grad_only", lambda W, g, lr: -lr * g)]),
}
MISTAKES = [(name, code, wrong) for name, (_, _, ms) in CASES.items() for code, wrong in ms]


@pytest.mark.parametrize("name", CASES)
def test_right_answer_passes(name, capsys):
    check, right, _ = CASES[name]
    verdict = check(right)
    assert verdict.passed and verdict.mistake == ""
    assert "✓ passed" in capsys.readouterr().out


@pytest.mark.parametrize("name, code, wrong", MISTAKES, ids=[f"{n}-{c}" for n, c, _ in MISTAKES])
def test_each_named_mistake_gets_its_own_hint(name, code, wrong, capsys):
    verdict = CASES[name][0](wrong)
    assert not verdict.passed and verdict.mistake == code
    assert "✗ not yet" in capsys.readouterr().out


@pytest.mark.parametrize("name", CASES)
def test_hints_differ_between_mistakes(name, capsys):
    check, _, mistakes = CASES[name]
    messages = [check(wrong).message for _, wrong in mistakes]
    assert len(set(messages)) == len(messages)


@pytest.mark.parametrize("name", CASES)
def test_blank_answer_is_not_yet(name, capsys):
    verdict = CASES[name][0](lambda *args: None)
    assert not verdict.passed
    assert "not yet" in capsys.readouterr().out and "returns None" in verdict.message


@pytest.mark.parametrize("name", CASES)
def test_learner_exception_is_reported_not_raised(name, capsys):
    def broken(*args):
        raise KeyError("w13")
    verdict = CASES[name][0](broken)
    assert not verdict.passed and "raised KeyError" in capsys.readouterr().out


@pytest.mark.parametrize("name", CASES)
def test_unrecognised_mistake_shows_expected_and_given(name, capsys):
    check, right, _ = CASES[name]
    verdict = check(lambda *args: np.asarray(right(*args), dtype=float) + 0.123)
    assert not verdict.passed and verdict.mistake == ""
    assert "expected:" in verdict.message and "yours:" in verdict.message


def test_factor_2_hint_names_both_conventions(capsys):
    verdict = ex.check_squared_error_derivative(lambda y_hat, y: 2 * (y_hat - y))
    assert "½" in verdict.message and "2(ŷ − y)" in verdict.message


def test_worked_backward_matches_note_003_by_hand(capsys):
    """The check's reference (the core) agrees with the hand formulas on note 003's numbers."""
    from backprop.exercises.worked import _NOTE_003, _backward
    d3 = (0.73908829 - 0.6) * 0.73908829 * (1 - 0.73908829)
    assert _backward(*_NOTE_003)[8] == pytest.approx(d3, rel=1e-6)
    assert np.allclose(_backward(*_NOTE_003), worked_backward(*_NOTE_003))
