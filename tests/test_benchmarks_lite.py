"""The zero-install section of make bench: its rows and its own block of benchmarks/RESULTS.md."""
from benchmarks import lite
from benchmarks._report import Section


def test_a_run_replaces_its_own_block_and_keeps_every_other_section(tmp_path, monkeypatch):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmarks in the browser\n\n```\nkey press table\n```\n\n<!-- class -->\nclass\n<!-- /class -->\n")
    monkeypatch.setattr(lite, "RESULTS", results)
    for figure in ("first run", "second run"):
        lite.write_results(["machine"], Section("8. zero install", ["load"], [[figure]]))
    text = results.read_text()
    assert text.startswith("# Benchmarks in the browser") and "<!-- class -->\nclass\n<!-- /class -->" in text
    assert text.count(lite.BEGIN) == 1 and "second run" in text and "first run" not in text


def test_the_warm_reload_is_held_to_its_goal_and_the_cold_load_is_reported():
    steps = {"page shown": 2.0, "kernel idle": 8.0, "lesson ran": 9.0, "slider shown": 9.2, "slider answered": 9.5}
    assert lite.row("warm reload", steps, 40, 0)[6] == "ok"
    assert lite.row("warm reload", {**steps, "slider answered": 10.5}, 40, 0)[6] == "MISSED"
    assert lite.row("cold (empty cache)", {**steps, "slider answered": 30.0}, 400, 43e6)[6:] == ["n/a", "400", "43.0 MB"]


def test_a_load_blocked_before_the_slider_shows_dashes_not_numbers():
    cells = lite.row("warm reload", {"page shown": 2.0, "kernel idle": 8.0, "lesson ran": 9.0, "blocked": "why"}, 1, 0)
    assert cells[4:7] == ["—", "—", "MISSED"]
