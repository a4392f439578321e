"""The browser benchmark presses keys fairly: every timed press lands on settings never visited, and the
headless twin applies a key exactly as the browser's slider does. No timing here (see benchmarks/)."""
import json
import sys
from pathlib import Path

import ipywidgets as widgets
import pytest

try:
    from benchmarks import _browser_cases as cases, _browser_twin as twin, browser
except ModuleNotFoundError:      # plain `pytest` (not `python -m pytest`) leaves the repo root off sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks import _browser_cases as cases, _browser_twin as twin, browser


def test_snake_visits_a_new_cell_of_the_grid_at_every_press():
    cell, seen = [0, 0], {(0, 0)}
    for label, key, timed in cases.snake("decay", "dropout", 15):
        axis = 0 if label == "decay" else 1
        cell[axis] += 1 if key == "ArrowRight" else -1
        assert 0 <= cell[0] <= 5 and timed and tuple(cell) not in seen
        seen.add(tuple(cell))


@pytest.mark.parametrize("case", cases.view_cases(), ids=lambda c: c.name)
def test_every_view_presses_an_existing_control_towards_new_values(case):
    view = twin.view_class(case.view)(**case.kwargs)
    labels = {getattr(c, "description", None) for c in view.controls.values()}
    assert {label.removeprefix("button:") for label, _, _ in case.plan} <= labels
    assert sum(timed for _, _, timed in case.plan) == cases.PRESSES


@pytest.mark.parametrize("control, key, expected", [
    (widgets.FloatSlider(value=0.4, min=-3, max=3, step=0.01), "ArrowRight", 0.41),
    (widgets.FloatSlider(value=3.0, min=-3, max=3, step=0.01), "ArrowRight", 3.0),
    (widgets.IntSlider(value=10, min=1, max=30), "ArrowLeft", 9),
    (widgets.FloatLogSlider(value=1.0, base=10, min=-3, max=1, step=0.05), "ArrowRight", 10 ** 0.05),
    (widgets.SelectionSlider(options=[("0", 0.0), ("0.1", 0.1)], value=0.0), "ArrowRight", 0.1)])
def test_a_key_moves_a_control_one_step_as_the_browser_does(control, key, expected):
    twin.press(control, key)
    assert control.value == pytest.approx(expected)


def test_a_handle_position_sets_the_control_on_its_grid():
    log = widgets.FloatLogSlider(value=1.0, base=10, min=-3, max=1, step=0.05)
    twin.set_from_handle(log, 0.7)
    assert log.value == pytest.approx(10 ** 0.7)
    choice = widgets.SelectionSlider(options=[("a", 1), ("b", 2), ("c", 3)], value=1)
    twin.set_from_handle(choice, 2.0)
    assert choice.value == 3


def test_medians_count_the_presses_the_figure_never_answered():
    assert browser.ms([10.0, None, 30.0]) == ("20 ms (1 never)", 20.0)
    assert browser.ms([None]) == ("never", None)


def test_each_case_becomes_a_notebook_with_the_kernel_clock_first(tmp_path):
    name, clock = browser.write_notebook(tmp_path, 3, cases.baselines(False)[0])
    cells = json.loads((tmp_path / name).read_text())["cells"]
    assert name == "3.ipynb" and repr(str(clock)) in cells[0]["source"]
    assert "shell_handlers" in cells[0]["source"] and "%matplotlib widget" in cells[1]["source"]
    compile(cells[0]["source"], "clock", "exec")
