"""The site's lesson editions (tools/lite/republish.py): what counts as the same lesson, and what a rebuild writes."""
import json
import subprocess

from tools.lite import republish


def notebook(*cells, **metadata):
    return {"cells": [dict(cell_type=kind, source=source, metadata={}, **({"outputs": [], "execution_count": None}
                                                                          if kind == "code" else {}))
                      for kind, source in cells], "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def test_an_edition_is_the_cells_types_and_sources_only():
    base = notebook(("markdown", "# δ, the blame"), ("code", "x = 1\nprint(x)"))
    ran = json.loads(json.dumps(base))
    ran["cells"][1].update(outputs=[{"output_type": "stream", "name": "stdout", "text": "1\n"}], execution_count=3)
    ran["cells"][1]["metadata"]["scrolled"] = True
    ran["metadata"]["widgets"] = {"state": {}}
    as_lines = notebook(("markdown", ["# δ, the blame"]), ("code", ["x = 1\n", "print(x)"]))
    assert republish.edition(base) == republish.edition(ran) == republish.edition(as_lines)
    edited = notebook(("markdown", "# δ, the blame"), ("code", "x = 2\nprint(x)"))
    retyped = notebook(("code", "# δ, the blame"), ("code", "x = 1\nprint(x)"))
    assert len({republish.edition(n) for n in (base, edited, retyped)}) == 3


def test_the_edition_is_fnv1a_of_the_cells_json_in_utf16_units():
    # FNV-1a 32 of the UTF-16 units of '[["code","é"]]', worked out by hand from the offset basis and prime
    value = 0x811C9DC5
    for unit in '[["code","é"]]'.encode("utf-16-le")[::2]:
        value = ((value ^ unit) * 0x01000193) & 0xFFFFFFFF
    assert republish.edition(notebook(("code", "é"))) == f"{value:08x}"
    assert republish.edition(notebook(("code", "😀"))) != republish.edition(notebook(("code", "😁")))


def test_a_rebuild_stamps_each_lesson_and_keeps_what_it_replaced_as_earlier(tmp_path):
    site, source = tmp_path / "site", tmp_path / "new"
    (site / "files").mkdir(parents=True)
    (site / "api" / "contents").mkdir(parents=True)
    source.mkdir()
    first, second = notebook(("markdown", "one")), notebook(("markdown", "one, corrected"))
    (site / "files" / "01_a.ipynb").write_text(json.dumps(first))
    editions = republish.write_editions(site / "files", [site / "files" / "01_a.ipynb"], tmp_path)
    assert editions == {"01_a.ipynb": {"edition": republish.edition(first), "earlier": []}}
    stamped = json.loads((site / "files" / "01_a.ipynb").read_text())
    assert stamped["metadata"][republish.STAMP] == republish.edition(first)
    (site / republish.EDITIONS).write_text(json.dumps(editions))
    (site / "api" / "contents" / "all.json").write_text(json.dumps({"content": [{"name": "01_a.ipynb", "size": 1}]}))

    (source / "01_a.ipynb").write_text(json.dumps(second))
    republish.republish(site, [source / "01_a.ipynb"], tmp_path)
    now = json.loads((site / republish.EDITIONS).read_text())
    assert now == {"01_a.ipynb": {"edition": republish.edition(second), "earlier": [republish.edition(first)]}}
    served = site / "files" / "01_a.ipynb"
    assert json.loads(served.read_text())["cells"][0]["source"] == "one, corrected"
    assert json.loads((site / "api" / "contents" / "all.json").read_text())["content"][0]["size"] == \
        served.stat().st_size


def test_earlier_editions_come_from_the_lessons_git_history(tmp_path):
    git = lambda *args: subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)
    git("init", "-q")
    lesson = tmp_path / "01_a.ipynb"
    editions = []
    for text in ("one", "two", "one"):
        nb = notebook(("markdown", text))
        lesson.write_text(json.dumps(nb))
        editions.append(republish.edition(nb))
        git("add", ".")
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", text)
    assert republish.earlier_editions(lesson, tmp_path) == editions[:2]
    assert republish.earlier_editions(tmp_path.parent / "elsewhere.ipynb", tmp_path) == []
