"""The progress record: kept in a JSON file outside the repo, robust to a broken file."""
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from backprop.exercises import _progress, check_sigmoid, progress

progress_module = sys.modules["backprop.exercises.progress"]
REPO = Path(__file__).resolve().parents[1]


def right(z):
    return 1 / (1 + np.exp(-z))


def blank(z):
    return None


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A fresh kernel record and a progress file in a tmp dir; HOME points elsewhere."""
    path = tmp_path / "record" / "progress.json"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv(_progress.ENV_VAR, str(path))
    monkeypatch.setattr(_progress, "_passed_this_kernel", {})
    monkeypatch.setattr(_progress, "_noted", set())
    return path


def test_a_check_writes_the_file_named_by_the_env_var(store, tmp_path):
    check_sigmoid(right)
    assert json.loads(store.read_text())["exercises"] == {"check_sigmoid": True}
    assert not (tmp_path / "home" / ".backprop-course").exists()


def test_default_file_lives_in_home(store, tmp_path, monkeypatch):
    monkeypatch.delenv(_progress.ENV_VAR)
    assert _progress.progress_file() == tmp_path / "home" / ".backprop-course" / "progress.json"
    check_sigmoid(blank)
    assert json.loads(_progress.progress_file().read_text())["exercises"] == {"check_sigmoid": False}


def test_off_keeps_everything_in_memory(store, monkeypatch, capsys):
    monkeypatch.setenv(_progress.ENV_VAR, "off")
    check_sigmoid(right)
    assert _progress.passed_in_this_kernel() == {"check_sigmoid": True}
    assert not store.exists() and "note" not in capsys.readouterr().err


def test_a_new_process_sees_earlier_passes(store):
    check_sigmoid(right)
    code = "from backprop.exercises import progress; import json; print(json.dumps(progress(show=False).lessons))"
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ), capture_output=True,
                         text=True, check=True).stdout
    lessons = json.loads(out)
    assert lessons["01"]["check_sigmoid"] is True
    assert lessons["01"]["check_sigmoid_derivative"] is None


def test_a_reloaded_kernel_sees_the_saved_record(store, monkeypatch):
    check_sigmoid(right)
    monkeypatch.setattr(_progress, "_passed_this_kernel", {})     # as after a kernel restart
    assert progress(show=False).lessons["01"]["check_sigmoid"] is True


def test_a_pass_is_not_undone_by_a_later_fail(store, monkeypatch):
    check_sigmoid(right)
    check_sigmoid(blank)
    assert _progress.passed_in_this_kernel()["check_sigmoid"] is True
    assert json.loads(store.read_text())["exercises"]["check_sigmoid"] is True
    monkeypatch.setattr(_progress, "_passed_this_kernel", {})     # a later session fails it again
    check_sigmoid(blank)
    assert json.loads(store.read_text())["exercises"]["check_sigmoid"] is True


@pytest.mark.parametrize("garbage", ["{not json", "[1, 2]", '{"exercises": 3}', ""])
def test_a_corrupt_file_never_breaks_a_check(store, capsys, garbage):
    store.parent.mkdir(parents=True)
    store.write_text(garbage)
    first, second = check_sigmoid(right), check_sigmoid(blank)
    assert first.passed and not second.passed
    captured = capsys.readouterr()
    assert captured.out.count("check_sigmoid:") == 2
    assert captured.err.count("note:") == 1 and "could not be read" in captured.err
    assert json.loads(store.read_text())["exercises"] == {"check_sigmoid": True}   # healed


def test_an_unwritable_place_falls_back_to_memory_with_one_note(store, tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    monkeypatch.setenv(_progress.ENV_VAR, str(blocker / "progress.json"))   # its folder is a file
    verdicts = [check_sigmoid(right), check_sigmoid(blank), check_sigmoid(right)]
    assert [v.passed for v in verdicts] == [True, False, True]
    err = capsys.readouterr().err
    assert err.count("note:") == 1 and "this session only" in err
    assert progress(show=False).lessons["01"]["check_sigmoid"] is True


def test_lessons_come_from_the_modules_all(store, monkeypatch, capsys):
    fake = types.ModuleType("backprop.exercises.fake_lesson")
    fake.__all__ = ["check_alpha", "check_beta", "helper_not_a_check"]
    monkeypatch.setitem(sys.modules, fake.__name__, fake)
    monkeypatch.setattr(progress_module, "LESSON_MODULES", {"09": "fake_lesson", "10": "missing_module"})
    _progress.record("check_beta", False)
    _progress.record("check_alpha", True)
    _progress.record("check_elsewhere", True)
    summary = progress()
    assert summary.lessons == {"09": {"check_alpha": True, "check_beta": False},
                               "other": {"check_elsewhere": True}}
    assert (summary.passed, summary.total) == (1, 2)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Your progress: 1 of 2 exercises passed"
    assert lines[3].split() == ["09", "check_alpha", "✓", "passed"]
    assert lines[4].split() == ["09", "check_beta", "✗", "not", "yet"]


def test_every_lesson_module_present_is_listed(store):
    lessons = progress(show=False).lessons
    for lesson, module in progress_module.LESSON_MODULES.items():
        path = REPO / "lib" / "exercises" / f"{module}.py"
        if path.exists():
            src = path.read_text()
            assert lessons[lesson] and all(f'"{name}"' in src for name in lessons[lesson])
            assert all(value is None for value in lessons[lesson].values())


def test_a_check_listed_by_two_lessons_counts_once_under_the_first(store, monkeypatch):
    for name, names in (("fake_a", ["check_shared", "check_a"]), ("fake_b", ["check_shared"])):
        fake = types.ModuleType(f"backprop.exercises.{name}")
        fake.__all__ = names
        monkeypatch.setitem(sys.modules, fake.__name__, fake)
    monkeypatch.setattr(progress_module, "LESSON_MODULES", {"00": "fake_a", "05": "fake_b"})
    _progress.record("check_shared", True)
    summary = progress(show=False)
    assert summary.lessons == {"00": {"check_shared": True, "check_a": None}}
    assert (summary.passed, summary.total) == (1, 2)


def test_the_course_counts_every_exercise_once_and_exports_each_name_once():
    import backprop.exercises as exercises
    assert len(exercises.__all__) == len(set(exercises.__all__))
    summary = progress(show=False)
    names = [name for row in summary.lessons.values() for name in row]
    assert len(names) == len(set(names)) == summary.total
    assert set(names) == {n for n in exercises.__all__ if n.startswith("check_") and n != "check_function"}


def test_no_home_folder_keeps_the_record_in_memory(store, monkeypatch, capsys):
    monkeypatch.delenv(_progress.ENV_VAR)

    def no_home():
        raise RuntimeError("Could not determine home directory.")
    monkeypatch.setattr(_progress.Path, "home", staticmethod(no_home))
    assert check_sigmoid(right).passed and not check_sigmoid(blank).passed
    assert capsys.readouterr().err.count("no home folder") == 1
    assert progress(show=False).lessons["01"]["check_sigmoid"] is True


def test_in_a_notebook_the_table_is_shown_as_html_with_a_text_fallback(store, monkeypatch):
    import IPython
    import IPython.display
    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: types.SimpleNamespace(kernel=object()))
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: shown.append((obj, raw)))
    check_sigmoid(right)
    summary = progress()
    [(bundle, raw)] = shown
    assert raw and bundle["text/plain"] == summary.text()
    assert "<td><code>check_sigmoid</code></td><td>✓ passed</td>" in bundle["text/html"]
    assert bundle["text/html"].count("<tr>") == summary.total + 1
