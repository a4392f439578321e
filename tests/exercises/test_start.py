"""Lesson 00's checks (backprop.exercises.start): one round of the cycle, and the update rule."""
from backprop.exercises.start import check_cycle, check_update

from ._sweep import Case, sweep


def right_round(net, x, y, lr):
    trace = net.forward(x)
    loss = net.loss_of(trace, y)
    net.step(net.backward(trace, y), lr)
    return loss


def loss_after(net, x, y, lr):
    right_round(net, x, y, lr)
    return net.loss(x, y)


def two_steps(net, x, y, lr):
    loss = right_round(net, x, y, lr)
    right_round(net, x, y, lr)
    return loss


CASES = {
    "cycle": Case(check_cycle, right_round, {
        "loss_after": loss_after, "no_step": lambda net, x, y, lr: net.loss(x, y),
        "fixed_rate": lambda net, x, y, lr: right_round(net, x, y, 1.0), "two_steps": two_steps},
        unrecognised=lambda net, x, y, lr: right_round(net, x, y, lr) + 0.123),
    "update": Case(check_update, lambda W, g, lr: W - lr * g, {
        "sign": lambda W, g, lr: W + lr * g, "no_lr": lambda W, g, lr: W - g,
        "grad_only": lambda W, g, lr: -lr * g}),
}

TestSweep = sweep(CASES)


def test_the_round_is_checked_on_note_003s_network_and_a_second_one(capsys):
    seen = []
    check_cycle(lambda net, x, y, lr: seen.append(tuple(net.sizes)) or right_round(net, x, y, lr))
    assert seen == [(2, 2, 1), (3, 2, 2)]


def test_a_loss_that_is_not_one_number_is_reported():
    verdict = check_cycle(lambda net, x, y, lr: [1.0, 2.0])
    assert not verdict.passed and "return the loss as one number" in verdict.message
