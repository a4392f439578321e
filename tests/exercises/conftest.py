import pytest

from backprop.exercises import _progress


@pytest.fixture(autouse=True)
def _progress_in_memory(monkeypatch):
    """Checks record passes in the learner's home and in this process; tests must leave neither behind
    (a made-up check's name left in the record would count as an exercise of the course)."""
    monkeypatch.setenv(_progress.ENV_VAR, "off")
    monkeypatch.setattr(_progress, "_passed_this_kernel", {})
