"""PlaygroundExplorer: Play and train(epochs=…) take the same steps; the boundary is the core's forward pass;
the defaults learn circles and XOR; a deep sigmoid network does not learn the spiral and the verdict says why."""
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import Network  # noqa: E402
from backprop.widgets import PlaygroundExplorer  # noqa: E402
from backprop.widgets._playground_setup import STEPS_PER_FRAME  # noqa: E402

from _views import parameters_bytes  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


def page_drew(view):
    """What the page sends after painting the latest frame."""
    view.figure._handle_custom_msg({"drawn": view.figure.frame}, [])


def play_steps(view, steps):
    """Press Play, let the page paint frame after frame until ``steps`` steps were taken, press Pause."""
    assert steps % STEPS_PER_FRAME == 0
    view.controls["play"].click()
    assert view.playing and view.controls["play"].description == "Pause"
    while view.training.steps < steps:
        page_drew(view)
    view.controls["play"].click()
    assert not view.playing and view.training.steps == steps


def test_train_from_code_is_play_bit_for_bit():
    played, trained = PlaygroundExplorer(), PlaygroundExplorer()
    epochs = 3
    play_steps(played, epochs * played.training.steps_per_epoch)          # 10 steps an epoch: 6 frames of 5
    trained.train(epochs=epochs)
    assert isinstance(trained.network, Network) and trained.network is trained.net
    assert parameters_bytes(played.network) == parameters_bytes(trained.network)
    assert played.state["epoch"] == trained.state["epoch"] == epochs
    assert np.array_equal(played.state["boundary"], trained.state["boundary"])


def test_the_boundary_is_the_core_forward_pass_on_the_grid():
    view = PlaygroundExplorer("moons").train(epochs=5)
    boundary, (x_min, x_max, y_min, y_max) = view.state["boundary"], view.state["extent"]
    ny, nx = boundary.shape
    xs, ys = np.linspace(x_min, x_max, nx), np.linspace(y_min, y_max, ny)
    for row in (0, ny // 3, ny - 1):                      # row 0 at y_min
        points = np.c_[xs, np.full(nx, ys[row])]
        assert np.array_equal(boundary[row], view.network.forward(points).y_hat[:, 0])
    assert x_min < view.split.X_train[:, 0].min() and y_max > view.split.X_train[:, 1].max()


def test_k_classes_give_k_probabilities_per_grid_point():
    view = PlaygroundExplorer("blobs", output="multi-class").train(epochs=2)
    boundary = view.state["boundary"]
    assert boundary.shape[2] == 3 and view.network.sizes[-1] == 3
    np.testing.assert_allclose(boundary.sum(axis=2), 1.0)
    ny, nx, _ = boundary.shape
    x_min, x_max, y_min, _ = view.state["extent"]
    np.testing.assert_array_equal(boundary[0], view.network.forward(np.c_[np.linspace(x_min, x_max, nx),
                                                                          np.full(nx, y_min)]).y_hat)


@pytest.mark.parametrize("data", ["circles", "xor"])
def test_the_defaults_learn_circles_and_xor(data):
    view = PlaygroundExplorer(data).train(epochs=300)
    assert view.state["test_accuracy"] >= 0.95 and view.state["train_accuracy"] >= 0.95
    assert view.state["verdict"] == "learning"
    split, y = view.split, view.split.y_test.reshape(-1, 1)
    assert view.state["test_accuracy"] == view.network.accuracy(split.X_test, y)      # the record is the core's


def test_a_deep_sigmoid_network_cannot_learn_the_spiral_and_the_verdict_says_why():
    view = PlaygroundExplorer("spiral", layers=6, width=8, activation="sigmoid", lr=0.1).train(epochs=300)
    assert view.state["test_accuracy"] < 0.6
    assert view.state["verdict"] == "not learning"
    assert "vanishing gradients" in view.state["message"] and "6 sigmoid layers" in view.state["message"]
    assert "vanishing gradients" in view.figure.words["verdict"] and "not learning" in view.readout.value


def test_seeded_runs_are_identical_and_seeds_differ():
    a, b, c = (PlaygroundExplorer("spiral", seed=s).train(epochs=4) for s in (3, 3, 4))
    assert parameters_bytes(a.network) == parameters_bytes(b.network)
    assert np.array_equal(a.state["boundary"], b.state["boundary"]) and a.figure.boundary == b.figure.boundary
    assert parameters_bytes(a.network) != parameters_bytes(c.network)


def test_the_code_rebuilds_the_network_bit_for_bit_in_a_fresh_process():
    view = PlaygroundExplorer("xor", layers=3, width=5, activation="relu", dropout=0.1, weight_decay=0.001)
    view.train(epochs=2)
    view.step(3)                                         # part of an epoch too
    view.controls["code"].click()
    code = view.code_text
    assert "training.run_steps(3)" in code and "range(2)" in code and code in view.code_box.value.replace("&#x27;", "'")
    probe = code + "\nimport sys\nsys.stdout.write(b''.join(p.tobytes() for p in net.parameters()).hex())"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout == b"".join(parameters_bytes(view.network)).hex()


def test_pause_stops_and_play_twice_plays_once():
    view = PlaygroundExplorer()
    view.play()
    frame = view.figure.frame
    view.play()                                          # twice: no second frame, no second chain of frames
    assert view.figure.frame == frame and view.training.steps == STEPS_PER_FRAME
    view.figure._handle_custom_msg({"drawn": frame - 1}, [])      # an old frame's answer starts nothing
    assert view.figure.frame == frame
    page_drew(view)
    page_drew(view)                                      # a second view of the same figure answers too …
    assert view.training.steps == 3 * STEPS_PER_FRAME    # … each answer of a new frame: one more frame
    view.pause()
    page_drew(view)
    assert view.training.steps == 3 * STEPS_PER_FRAME and view.controls["play"].description == "Play"


def test_step_buttons_take_one_mini_batch_and_one_epoch():
    view = PlaygroundExplorer()
    view.controls["step"].click()
    assert view.training.steps == 1 and view.state["steps"] == 1
    view.controls["epoch"].click()
    assert view.training.steps == view.training.steps_per_epoch and view.state["epoch"] == 1
    view.controls["reset"].click()
    assert view.training.steps == 0
    assert parameters_bytes(view.network) == parameters_bytes(PlaygroundExplorer().network)


def test_a_setting_changed_starts_a_new_run_of_it():
    view = PlaygroundExplorer().train(epochs=1)
    view.controls["layers"].value = 4
    assert view.network.sizes == [2, 6, 6, 6, 6, 1] and view.training.steps == 0
    view.controls["data"].value = "blobs"                   # 3 classes: softmax over 3
    assert view.network.sizes[-1] == 3 and view.controls["output"].value == "multi-class"
    view.controls["edges"].value = "gradient"
    assert view.network.sizes[-1] == 3 and len(view.state["edges"]) == 5


def test_a_diverging_rate_freezes_the_picture_at_its_last_finite_state_and_says_why():
    view = PlaygroundExplorer("blobs", output="multi-class", layers=6, width=8, activation="relu", lr=10.0)
    view.play()
    for _ in range(200):
        if not view.playing:
            break
        page_drew(view)
    assert not view.playing and view.state["verdict"] == "diverged"
    assert "lr=10 is too high; try lr=1" in view.state["message"]
    assert all(np.isfinite(p).all() for p in view.network.parameters())
    assert np.isfinite(view.state["boundary"]).all()
    frame = view.figure.frame
    page_drew(view)
    view.step(1)
    assert view.training.steps == view.state["steps"] and view.figure.frame == frame + 1   # shown, nothing moved


def test_closing_while_playing_stops_it():
    view = PlaygroundExplorer()
    view.play()
    figure, steps = view.figure, view.training.steps
    view.close()
    figure._handle_custom_msg({"drawn": figure.frame}, [])
    assert not view.playing and figure.comm is None and view.training is None and steps == STEPS_PER_FRAME


def test_json_wire_sends_the_same_grid_as_numbers():
    view, peer = PlaygroundExplorer().train(epochs=2), PlaygroundExplorer(wire="json").train(epochs=2)
    assert np.array_equal(np.round(view.state["boundary"], 4).ravel(), peer.figure.boundary_json)
    assert len(view.figure.boundary) == view.state["boundary"].size
    assert np.array_equal(np.frombuffer(view.figure.boundary, np.uint8),
                          np.round(255 * view.state["boundary"]).ravel())


def test_a_png_is_drawn_for_places_without_a_page():
    view = PlaygroundExplorer("spiral", layers=6, width=8, activation="sigmoid").train(epochs=20)
    assert view.figure.picture()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("kwargs, words", [
    ({"data": "swirl"}, "'circles', 'moons', 'xor', 'spiral', 'blobs'"),
    ({"activation": "softplus"}, "'sigmoid', 'tanh', 'relu'"),
    ({"output": "linear"}, "'binary', 'multi-class'"),
    ({"layers": 7}, "from 0 to 6"),
    ({"width": 9}, "from 1 to 8"),
    ({"n": 5000}, "from 10 to 1000"),
    ({"data": "blobs"}, "choose output='multi-class'"),
    ({"lr": 0.0}, "lr"),
    ({"dropout": 0.95}, "dropout"),
])
def test_bad_arguments_say_the_choices_or_the_limit(kwargs, words):
    with pytest.raises(ValueError) as error:
        PlaygroundExplorer(**kwargs)
    assert words in str(error.value)


@pytest.mark.parametrize("kwargs", [{"learning_rate": 0.1}, {"dropuot": 0.5}, {"lr": 0.1, "hidden": 3}])
def test_a_misspelled_setting_is_named_not_ignored(kwargs):
    with pytest.raises(TypeError) as error:
        PlaygroundExplorer("xor", **kwargs)
    wrong = next(name for name in kwargs if name != "lr")
    assert repr(wrong) in str(error.value) and "dropout" in str(error.value) and "check the spelling" in str(error.value)


def test_a_loss_that_runs_away_leaves_the_panel_through_its_top_and_the_label_fits():
    """The top tick read '54e+78' (its start cut off) once a diverging run's loss reached 1.54e78."""
    from backprop.history import History
    from backprop.widgets._playground_frame import TOP_RISE, curves
    history = History(train_loss=[0.7, 0.69, 1.54e78], val_loss=[0.71, 0.7, 2e78], recorded_at=[0, 5, 10])
    panel = curves(history, "binary_cross_entropy")
    assert panel["top"] == TOP_RISE * 0.7                 # ten times the first recorded loss
    assert panel["top_label"] == "7↑" and panel["train"][-1] == 1.54e78
    calm = curves(History(train_loss=[0.7, 0.4], val_loss=[0.72, 0.5], recorded_at=[0, 5]), "binary_cross_entropy")
    assert (calm["top"], calm["top_label"]) == (1.0, "1")


def test_while_playing_the_readout_is_left_alone_and_pause_writes_the_frame_on_show():
    """A readout a frame behind the canvas disagreed with it ('steps = 3280' beside 'step 3285'), and rewriting it
    at every frame cost JupyterLab a relayout: while playing it holds one sentence; Pause writes the numbers."""
    from backprop.widgets import PlaygroundExplorer
    from backprop.widgets.playground import PLAYING
    view = PlaygroundExplorer()
    writes = []
    view.readout.observe(lambda change: writes.append(change["new"]), names="value")
    view.play()
    for _ in range(5):
        view._on_drawn(view.figure.frame)
    assert writes == [PLAYING] and view.readout.value == PLAYING
    view.pause()
    steps = view.state["steps"]
    assert steps == 6 * 5 and f"step {steps}" in view.figure.words["title"]
    assert "steps" in view.readout.value and f">{steps}<" in view.readout.value
    assert view.readout.value != PLAYING and len(writes) == 2


def test_a_setting_that_cannot_apply_says_why_instead_of_snapping_back_silently():
    from backprop.widgets import PlaygroundExplorer
    view = PlaygroundExplorer("blobs", classes=5, output="multi-class")
    view.controls["output"].value = "binary"
    assert view.controls["output"].value == "multi-class"
    assert "binary output (sigmoid and binary cross-entropy) separates 2 classes" in view.code_box.value
    assert "these data have 5" in view.code_box.value
    view = PlaygroundExplorer("xor")
    view.controls["classes"].value = 4
    assert view.controls["classes"].value == 2 and "xor has 2 classes; the classes setting is for spiral and blobs" in view.code_box.value
    view.controls["lr"].value = 0.3                  # a setting that applies: the note goes
    assert view.code_box.value == "" and view.settings.lr == 0.3
