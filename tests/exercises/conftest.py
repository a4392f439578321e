import pytest


@pytest.fixture(autouse=True)
def _progress_in_memory(monkeypatch):
    """Checks record passes in the learner's home; tests must not write there."""
    monkeypatch.setenv("BACKPROP_PROGRESS_FILE", "off")
