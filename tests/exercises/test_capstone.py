"""Lesson 09's forward and backward checks (backprop.exercises.capstone): every named mistake gets
its own wrong implementation, written here in plain numpy, independently of the checks' reference."""
import numpy as np
import pytest

from backprop.exercises.capstone import check_backward, check_forward

from ._sweep import Case, dsig, sig, sweep


# ---- forward ----------------------------------------------------------------------------------
def forward(weights, biases, X, bias=True, transpose=False, activate=True, z_is_a=False):
    z, a = [None], [X]
    for W, b in zip(weights, biases):
        zl = np.einsum("nk,jk->nj", a[-1], W) if not transpose else a[-1] @ W
        zl = zl + b if bias else zl
        al = sig(zl) if activate else zl
        z.append(al if z_is_a else zl)
        a.append(al)
    return z, a


def forward_off_by_one(weights, biases, X):
    z, a = forward(weights, biases, X)
    return z[1:], a[1:]


def forward_shape(weights, biases, X):
    z, a = forward(weights, biases, X)
    return [None] + [v.T for v in z[1:]], [X] + [v.T for v in a[1:]]


# ---- backward ---------------------------------------------------------------------------------
def backward(weights, z, a, y, delta_out=None, out_slope="z", hidden_slope="z", transpose_at=(), own_weights=False,
             scale="mean", bias_axis=0, prev_activation=True, sign=1.0, factor=1.0, order=1):
    """Half squared error, sigmoid everywhere, delta_out the output delta when given; each other keyword
    makes one mistake (defaults: right)."""
    slopes = {"z": lambda l: dsig(z[l]), "a": lambda l: dsig(a[l]), "a1a_z": lambda l: z[l] * (1 - z[l]),
              "none": lambda l: 1.0}
    depth, n = len(weights), len(y)
    delta = sign * factor * (a[depth] - y) * slopes[out_slope](depth) if delta_out is None else delta_out
    grad_w, grad_b = [None] * depth, [None] * depth
    for l in range(depth, 0, -1):
        divide = n if scale == "mean" else 1.0
        grad_w[l - 1] = np.einsum("nj,nk->jk", delta, a[l - 1] if prev_activation else a[l]) / divide
        grad_b[l - 1] = delta.sum(axis=0) / divide if bias_axis == 0 else delta.mean(axis=1)
        if l > 1:
            W = weights[l - 2] if own_weights else weights[l - 1]
            W = W.T if l in transpose_at else W
            delta = (delta @ W) * slopes[hidden_slope](l - 1)
    return grad_w[::order], grad_b[::order]


def with_(**mistake):
    return lambda weights, z, a, y: backward(weights, z, a, y, **mistake)


def backward_everywhere_transposed(weights, z, a, y):
    return backward(weights, z, a, y, transpose_at=range(len(weights) + 1))


def backward_leading_none(weights, z, a, y):
    grad_w, grad_b = backward(weights, z, a, y)
    return [None] + grad_w, [None] + grad_b


def backward_transposed_gradient(weights, z, a, y):
    grad_w, grad_b = backward(weights, z, a, y)
    return [g.T for g in grad_w], grad_b


CASES = {
    "forward": Case(check_forward, forward, {
        "no_bias": lambda W, b, X: forward(W, b, X, bias=False),
        "transposed": lambda W, b, X: forward(W, b, X, transpose=True),
        "no_sigmoid": lambda W, b, X: forward(W, b, X, activate=False),
        "z_is_a": lambda W, b, X: forward(W, b, X, z_is_a=True),
        "off_by_one": forward_off_by_one, "shape": forward_shape},
        unrecognised=lambda W, b, X: tuple(forward([w * 1.01 for w in W], b, X))),
    "backward": Case(check_backward, backward, {
        "transposed": backward_everywhere_transposed,
        "sum": with_(scale="sum"), "wrong_axis": with_(bias_axis=1),
        "slope_at_a": with_(out_slope="a", hidden_slope="a"),
        "a1a_of_z": with_(out_slope="a1a_z", hidden_slope="a1a_z"),
        "no_output_slope": with_(out_slope="none"), "no_hidden_slope": with_(hidden_slope="none"),
        "shape": backward_transposed_gradient, "off_by_one": with_(prev_activation=False),
        "sign": with_(sign=-1.0), "factor_2": with_(factor=2.0)},
        unrecognised=lambda W, z, a, y: backward([w * 1.01 for w in W], z, a, y)),
}

TestSweep = sweep(CASES)


# ---- the same mistake made in one place only still gets its name ----------------------------------
@pytest.mark.parametrize("layer", [2, 3, 4], ids=["lowest", "middle", "top"])
def test_a_transposed_weight_in_one_layer_only_is_named(layer, capsys):
    verdict = check_backward(with_(transpose_at=(layer,)))
    assert verdict.mistake == "transposed" and f"layer {layer - 1}:" in verdict.message


@pytest.mark.parametrize("mistake, code", [
    (dict(hidden_slope="a"), "slope_at_a"), (dict(out_slope="a"), "slope_at_a"),
    (dict(hidden_slope="a1a_z"), "a1a_of_z"), (dict(own_weights=True), "off_by_one"),
    (dict(order=-1), "off_by_one")], ids=["hidden-slope-at-a", "output-slope-at-a", "hidden-a1a", "own-weights",
                                          "reversed-layers"])
def test_a_mistake_in_one_place_is_named(mistake, code, capsys):
    assert check_backward(with_(**mistake)).mistake == code


def test_lists_that_start_with_none_are_off_by_one(capsys):
    verdict = check_backward(backward_leading_none)
    assert verdict.mistake == "off_by_one" and "start with None" in verdict.message


def test_a_transposed_gradient_says_so(capsys):
    assert "transposed" in check_backward(backward_transposed_gradient).message


def test_the_check_covers_depths_widths_and_batches():
    from backprop.exercises.capstone_ref import SIZES
    assert {len(s) - 1 for s, _ in SIZES} == {1, 2, 3, 4}
    assert {w for s, _ in SIZES for w in s} == {1, 2, 3, 4, 5} and {n for _, n in SIZES} == {1, 7}


def test_a_learner_who_changes_the_arrays_passed_in_is_told_so(capsys):
    """Overwriting a[-1] in place spoils lesson 09's second call on the same z and a (its planted bug): the check
    names it, and the learner's copies keep it from spoiling the reference the check compares with."""
    def clobbering(weights, z, a, y, delta_out=None):
        grads = backward(weights, z, a, y, delta_out)
        for arr in a + z[1:]:
            arr[...] = 0.0
        return grads

    def delta_from_a(weights, z, a, y, delta_out=None):
        delta = a[-1]
        delta -= y                                   # a[-1] itself becomes a − y
        return backward(weights, z, a[:-1] + [delta + y], y, delta_out)
    for wrong in (clobbering, delta_from_a):
        verdict = check_backward(wrong)
        assert verdict.mistake == "changed_input" and "a[" in verdict.message and "a[-1] -= y" in verdict.message


def test_delta_out_must_be_kept_and_used(capsys):
    """Section 7's softmax swap calls my_backward(..., delta_out=ŷ − y): the check makes sure it can."""
    without = check_backward(lambda weights, z, a, y: backward(weights, z, a, y))
    ignored = check_backward(lambda weights, z, a, y, delta_out=None: backward(weights, z, a, y))
    assert without.mistake == ignored.mistake == "delta_out" and "delta_out" in without.message
    assert without.message != ignored.message
