"""Classroom editions of the course (`make student`, `make solutions`).

    python tools/student_edition.py student   [--out dist]   # dist/student/ and dist/student.zip
    python tools/student_edition.py solutions [--out dist]   # dist/solutions/ and dist/solutions.zip

The student edition holds every lesson without its `solution`-tagged cells and without
outputs; the instructor edition holds the lessons as stored (solutions and outputs).
Both carry the package source and the environment files, so either folder installs alone.
"""
import argparse
import copy
import json
import shutil
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = ["lib", "widgets", "pyproject.toml", "requirements.txt", "environment.yml"]
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info")
SOLUTION_TAG = "solution"
TEMPLATES = Path(__file__).resolve().parent / "templates"     # README.md and Makefile of an edition

INTRO = {
    "student": ("student edition", "Numbered notebooks in `lessons/`. Each exercise gives you a function with an "
                "empty body and a check cell below it: fill the body in, run the check, and read its verdict "
                "(\"✓ passed\", or \"✗ not yet\" with a hint about what to fix)."),
    "solutions": ("instructor edition", "The lessons in `lessons/` with every solution and every stored output. "
                  "`docs/teaching.md` explains how to run the course with a class; the student edition "
                  "(`make student` in the full repository) has the same lessons without solutions or outputs."),
}


def is_solution(cell):
    """True for a cell tagged `solution`."""
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def student_notebook(nb):
    """A copy of a notebook dict without solution cells, outputs, counts or widget state."""
    nb = copy.deepcopy(nb)
    nb.get("metadata", {}).pop("widgets", None)
    kept, dropped_after = [], None
    for cell in nb["cells"]:
        if is_solution(cell):
            dropped_after = _last_code_source(kept)
            continue
        if dropped_after is not None and cell["cell_type"] == "code" and _source(cell) == dropped_after:
            continue              # the "check again" right after a removed solution: the same check twice
        dropped_after = None
        kept.append(_without_outputs(cell))
    nb["cells"] = kept
    return nb


def _without_outputs(cell):
    if cell["cell_type"] == "code":
        cell["outputs"], cell["execution_count"] = [], None
    cell.get("metadata", {}).pop("execution", None)
    return cell


def _source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _last_code_source(cells):
    code = [c for c in cells if c["cell_type"] == "code"]
    return _source(code[-1]) if code else None


def build(edition, out=REPO / "dist", repo=REPO):
    """Write ``out/<edition>/`` and ``out/<edition>.zip``; return the folder. edition: student | solutions."""
    if edition not in ("student", "solutions"):
        raise ValueError(f"edition must be 'student' or 'solutions'; got {edition!r}")
    out, repo = Path(out), Path(repo)
    target = out / edition
    shutil.rmtree(target, ignore_errors=True)
    _copy_lessons(repo / "lessons", target / "lessons", student=edition == "student")
    _copy(repo, target, PACKAGE if edition == "student" else PACKAGE + ["docs"])
    title, intro = INTRO[edition]
    readme = (TEMPLATES / "README.md").read_text(encoding="utf-8")
    (target / "README.md").write_text(readme.format(title=title, intro=intro), encoding="utf-8")
    shutil.copy2(TEMPLATES / "Makefile", target / "Makefile")
    write_zip(target, out / f"{edition}.zip")
    return target


def _copy(repo, target, names):
    """Copy each named file or folder of the repo that exists."""
    for name in names:
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=SKIP)
        elif source.exists():
            shutil.copy2(source, target / name)


def _copy_lessons(source, target, student):
    """Copy lessons/ (notebooks and any pictures beside them); strip notebooks for students."""
    if source.is_dir():
        shutil.copytree(source, target, ignore=SKIP)
    else:
        target.mkdir(parents=True)
    if not student:
        return
    for path in sorted(target.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(student_notebook(nb), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def write_zip(folder, zip_path):
    """Zip ``folder`` under a top folder named ``backprop-course-<edition>``, with fixed timestamps."""
    folder, top = Path(folder), f"backprop-course-{Path(folder).name}"
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return zip_path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", choices=["student", "solutions"])
    parser.add_argument("--out", default=str(REPO / "dist"), help="folder for the edition and its zip")
    args = parser.parse_args(argv)
    target = build(args.edition, Path(args.out))
    lessons = len(list((target / "lessons").glob("*.ipynb")))
    print(f"wrote {target} ({lessons} lessons) and {target}.zip")


if __name__ == "__main__":
    main()
