"""The student edition: no solution and no output survives, and every notebook still runs."""
import importlib.util
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
LESSONS = sorted((REPO / "lessons").glob("[0-9][0-9]_*.ipynb"))
CHECK_CALL = re.compile(r"\bcheck_\w+\s*\(")

_spec = importlib.util.spec_from_file_location("student_edition", REPO / "tools" / "student_edition.py")
edition = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(edition)


def code(source, tags=(), outputs=()):
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": list(tags)} if tags else {})
    cell.outputs, cell.execution_count = [nbformat.v4.new_output("stream", text=t) for t in outputs], 1
    return cell


def demo_notebook():
    """A tiny lesson laid out like the real ones: blank → check → solution → check again."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Demo lesson\nFill in `my_sigmoid`."),
        code("import numpy as np\nfrom backprop.exercises import check_sigmoid"),
        code("def my_sigmoid(z):\n    return None   # your code here"),
        code("check_sigmoid(my_sigmoid)", outputs=["check_sigmoid: ✗ not yet — …\n"]),
        code("def my_sigmoid(z):\n    return 1 / (1 + np.exp(-z))", tags=["solution"]),
        code("check_sigmoid(my_sigmoid)", outputs=["check_sigmoid: ✓ passed — …\n"]),
        nbformat.v4.new_markdown_cell("A solution in words.", metadata={"tags": ["solution"]}),
        code("print(f'{np.tanh(0.5):.4f}')", outputs=["0.4621\n"]),
    ])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"abc": {}}}}
    return nb


@pytest.fixture
def fake_repo(tmp_path):
    """A repo with one demo lesson, a picture beside it, a checkpoint, and the package files."""
    repo = tmp_path / "repo"
    (repo / "lessons" / "img").mkdir(parents=True)
    (repo / "lessons" / ".ipynb_checkpoints").mkdir()
    nbformat.write(demo_notebook(), repo / "lessons" / "01_demo.ipynb")
    (repo / "lessons" / "img" / "cycle.svg").write_text("<svg/>")
    (repo / "lessons" / ".ipynb_checkpoints" / "01_demo-checkpoint.ipynb").write_text("{}")
    for name in ("lib", "widgets"):
        (repo / name / "__pycache__").mkdir(parents=True)
        (repo / name / "__init__.py").write_text(f'"""{name}"""\n')
        (repo / name / "__pycache__" / "x.pyc").write_bytes(b"")
    (repo / "docs").mkdir()
    (repo / "docs" / "teaching.md").write_text("notes\n")
    for name in ("pyproject.toml", "requirements.txt", "environment.yml", "README.md"):
        (repo / name).write_text(f"# {name}\n")
    return repo


def solution_only_lines(nb):
    """Stripped lines that appear in solution cells and in no other cell of the notebook."""
    def lines(cells):
        return {line.strip() for c in cells for line in c.source.splitlines() if line.strip()}
    solution = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    return lines(solution) - lines(c for c in nb.cells if c not in solution)


def student_lines(nb):
    """Every stripped line a student could read in a notebook: sources, outputs, metadata."""
    texts = [c.source for c in nb.cells] + [json.dumps(c.get("outputs", []), indent=1) for c in nb.cells]
    texts.append(json.dumps(nb.metadata, indent=1, ensure_ascii=False))
    return {line.strip() for text in texts for line in text.splitlines()}


def assert_clean(original, student):
    nbformat.validate(student)
    assert not [c for c in student.cells if "solution" in c.metadata.get("tags", [])]
    for cell in student.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    assert "widgets" not in student.metadata
    survived = solution_only_lines(original) & student_lines(student)
    assert not survived, f"solution text survived: {sorted(survived)}"
    whole = "\n".join(c.source for c in student.cells)
    for cell in original.cells:
        if "solution" in cell.metadata.get("tags", []) and cell.source.strip().count("\n") >= 1:
            assert cell.source.strip() not in whole


def pre_solution_checks(nb):
    """The check cells that come right before a solution: run on a blank, they must say 'not yet'."""
    found = []
    for i, cell in enumerate(nb.cells):
        if "solution" in cell.metadata.get("tags", []):
            earlier = [c for c in nb.cells[:i] if c.cell_type == "code" and "solution" not in c.metadata.get("tags", [])]
            if earlier and CHECK_CALL.search(earlier[-1].source):
                found.append(earlier[-1])
    return found


def execute(nb, cwd, monkeypatch, tmp_path):
    monkeypatch.setenv("BACKPROP_PROGRESS_FILE", str(tmp_path / "progress.json"))
    NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def stdout_of(cell):
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def assert_not_yet_after_blanks(original, executed):
    by_id = {c.get("id"): c for c in executed.cells}
    checks = [c for c in pre_solution_checks(original) if c.get("id") in by_id or "id" not in c]
    for check in checks:          # (a "check again" dropped from the student edition is not counted)
        ran = by_id.get(check.get("id")) or next(c for c in executed.cells if c.source == check.source)
        assert "not yet" in stdout_of(ran), f"no 'not yet' verdict after the blank in:\n{check.source}"
    return len(checks)


# ---- on a small notebook made here -------------------------------------------------------
def test_student_edition_of_a_demo_lesson(fake_repo, tmp_path):
    target = edition.build("student", tmp_path / "dist", repo=fake_repo)
    original = nbformat.read(fake_repo / "lessons" / "01_demo.ipynb", as_version=4)
    student = nbformat.read(target / "lessons" / "01_demo.ipynb", as_version=4)
    assert_clean(original, student)
    assert solution_only_lines(original) == {"return 1 / (1 + np.exp(-z))", "A solution in words."}
    assert [c.source for c in student.cells] == [original.cells[i].source for i in (0, 1, 2, 3, 7)]
    for name in ("lib/__init__.py", "widgets/__init__.py", "pyproject.toml", "requirements.txt",
                 "environment.yml", "README.md", "Makefile", "lessons/img/cycle.svg"):
        assert (target / name).is_file(), name
    assert not list(target.rglob("__pycache__")) and not list(target.rglob(".ipynb_checkpoints"))
    assert "make lab" in (target / "README.md").read_text() and not (target / "docs").exists()


def test_the_zip_holds_the_same_files(fake_repo, tmp_path):
    target = edition.build("student", tmp_path / "dist", repo=fake_repo)
    with zipfile.ZipFile(tmp_path / "dist" / "student.zip") as archive:
        names = {n: archive.read(n) for n in archive.namelist()}
    on_disk = {f"backprop-course-student/{p.relative_to(target).as_posix()}": p.read_bytes()
               for p in target.rglob("*") if p.is_file()}
    assert names == on_disk


def test_solutions_edition_keeps_everything(fake_repo, tmp_path):
    target = edition.build("solutions", tmp_path / "dist", repo=fake_repo)
    original = nbformat.read(fake_repo / "lessons" / "01_demo.ipynb", as_version=4)
    assert nbformat.read(target / "lessons" / "01_demo.ipynb", as_version=4) == original
    assert "instructor edition" in (target / "README.md").read_text()
    assert (target / "docs" / "teaching.md").read_text() == "notes\n"
    assert (tmp_path / "dist" / "solutions.zip").is_file()


def test_rebuilding_removes_stale_files(fake_repo, tmp_path):
    edition.build("student", tmp_path / "dist", repo=fake_repo)
    (fake_repo / "lessons" / "img" / "cycle.svg").unlink()
    target = edition.build("student", tmp_path / "dist", repo=fake_repo)
    assert not (target / "lessons" / "img" / "cycle.svg").exists()


def test_the_demo_student_notebook_runs_and_says_not_yet(fake_repo, tmp_path, monkeypatch):
    target = edition.build("student", tmp_path / "dist", repo=fake_repo)
    original = nbformat.read(fake_repo / "lessons" / "01_demo.ipynb", as_version=4)
    executed = execute(nbformat.read(target / "lessons" / "01_demo.ipynb", as_version=4),
                       target / "lessons", monkeypatch, tmp_path)
    assert assert_not_yet_after_blanks(original, executed) == 1
    assert stdout_of(executed.cells[-1]) == "0.4621\n"


def test_command_line_writes_the_edition(tmp_path):
    out = subprocess.run([sys.executable, str(REPO / "tools" / "student_edition.py"), "student",
                          "--out", str(tmp_path)], capture_output=True, text=True, check=True).stdout
    assert out.startswith(f"wrote {tmp_path / 'student'} ({len(LESSONS)} lessons)")
    assert (tmp_path / "student" / "environment.yml").read_text() == (REPO / "environment.yml").read_text()


# ---- on the real lessons, when they exist ---------------------------------------------------
@pytest.fixture(scope="module")
def real_edition(tmp_path_factory):
    return edition.build("student", tmp_path_factory.mktemp("dist"))


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_real_lesson_student_edition_runs_clean(lesson, real_edition, tmp_path, monkeypatch):
    original = nbformat.read(lesson, as_version=4)
    student = nbformat.read(real_edition / "lessons" / lesson.name, as_version=4)
    assert_clean(original, student)
    executed = execute(student, real_edition / "lessons", monkeypatch, tmp_path)    # raises on any error
    has_solutions = any("solution" in c.metadata.get("tags", []) for c in original.cells)
    assert assert_not_yet_after_blanks(original, executed) >= has_solutions
