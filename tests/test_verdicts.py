"""Rules and sentences the views used to make up themselves, now said by the core: note 000's error, the
generalisation gap, a verdict's headline, and when a descent diverged (History.rose, scores_blew_up)."""
import numpy as np
import pytest

from backprop import History, Network
from backprop.flow import EXPLODING, HUGE, TINY, VANISHING, Flow
from backprop.landscape import OUTPUT_WEIGHTS, descent_example, descent_path
from backprop.losses import error


def test_note_000s_error_is_true_minus_predicted():
    assert error(0.75, 0.5) == -0.25 and error(0.25, 1.0) == 0.75
    np.testing.assert_array_equal(error(np.array([0.25, 0.5]), np.array([0.0, 1.0])), [-0.25, 0.5])


def test_the_gap_is_the_last_validation_loss_minus_the_last_training_loss():
    h = History(train_loss=[0.9, 0.25], val_loss=[1.0, 0.75])
    assert h.gap == 0.5
    assert History(train_loss=[0.3]).gap is None and History().gap is None


@pytest.mark.parametrize("norms, headline", [
    ([0.5, 1.0, 2.0], f"healthy: every gradient norm between {TINY:g} and {HUGE:g}"),
    ([0.5 * TINY, 0.5 * TINY], f"vanishing: every gradient norm is below {TINY:g} (largest 5.0e-03)"),
    ([0.5 * VANISHING, 1.0], f"vanishing: layer 1 gets {0.5 * VANISHING:.1e} × the output layer's gradient"),
    ([2 * EXPLODING * 0.1, 0.1], f"exploding: gradient norms up to {2 * EXPLODING * 0.1:.1e}"),
])
def test_a_flows_headline_is_its_verdict_without_the_numbers_behind_it(norms, headline):
    flow = Flow(np.array(norms))
    assert flow.headline == headline and flow.verdict.startswith(headline)
    assert len(flow.verdict) > len(flow.headline) or flow.kind == "vanishing"


@pytest.mark.parametrize("lr, headline, advice", [
    (0.05, "crawling: not converged after 50 steps", "lr = 0.05 is too low, or take more steps"),
    (1.0, "converged in", ""),
    (3.0, "diverged at step", "every step overshoots the valley further and the loss blows up"),
])
def test_a_descents_headline_is_its_verdict_before_the_advice(lr, headline, advice):
    net, X, y = descent_example()
    path = descent_path(net, X, y, OUTPUT_WEIGHTS, (-2.0, -2.5), lr, 50)
    assert path.headline.startswith(headline) and " — " not in path.headline
    assert path.verdict == (f"{path.headline} — {advice}" if advice else path.headline)


def test_one_examples_descent_diverges_when_the_loss_rises_or_overflows():
    h = History(lr=0.5, step_loss=[0.5, 0.25])
    assert not h.rose() and h.verdict == "finished"
    h.step_loss.append(0.375)
    assert h.rose() and h.diverged
    assert h.message == "diverged after step 2: the loss rose from 0.25 to 0.375 — the learning rate lr=0.5 is " \
                        "too high; try lr=0.05"
    h = History(lr=2.0, step_loss=[0.5, float("inf")])
    assert h.rose() and h.message.startswith("diverged after step 1: the loss became inf or NaN — ")


def test_a_score_that_overflowed_is_a_divergence_said_without_a_made_up_rate():
    h = History(train_loss=[0.5, float("inf")], val_loss=[0.6, 0.7], epochs_run=2)
    assert h.scores_blew_up() and h.message == ("diverged in epoch 2: the loss became inf or NaN — the learning "
                                                "rate is too high; try a smaller lr")
    assert not History(train_loss=[0.5], val_loss=[0.6]).scores_blew_up()


def test_a_training_epoch_that_blew_up_says_so_as_before():
    net = Network([1, 1], "identity", init=1.0)
    h = net.fit([[1.0]] * 4, [[0.0]] * 4, epochs=3, batch_size=4, lr=1e3)
    assert h.diverged and h.message.startswith(f"diverged in epoch {h.epochs_run}: the weights blew up")
    assert h.message.endswith("— the learning rate lr=1000 is too high; try lr=100")
