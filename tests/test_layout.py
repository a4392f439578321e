"""The project's layout rules: pins, the conda environment, one-way imports, no path hacks."""
import ast
import json
import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_every_requirement_is_pinned_exactly():
    lines = [l.strip() for l in (ROOT / "requirements.txt").read_text().splitlines()]
    reqs = [l for l in lines if l and not l.startswith("#")]
    assert reqs and all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.]*", r) for r in reqs), reqs
    named = {r.split("==")[0].lower().replace("_", "-") for r in reqs}
    for needed in ["jupyterlab", "ipywidgets", "jupyterlab-widgets", "ipympl", "numpy", "matplotlib",
                   "scikit-learn", "nbval", "pytest", "hypothesis", "playwright", "voila"]:
        assert needed in named, f"{needed} is not pinned in requirements.txt"


def test_environment_yml_reuses_the_pins():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps = env["dependencies"]
    assert any(str(d).startswith("python") for d in deps) and "pip" in deps
    pip = next(d["pip"] for d in deps if isinstance(d, dict))
    assert pip == ["-r requirements.txt", "-e ."]


def _imports(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield ("." * node.level) + (node.module or "")


def test_lib_never_imports_widgets_or_plotting():
    for path in (ROOT / "lib").rglob("*.py"):
        for name in _imports(path):
            assert "widgets" not in name and not name.startswith(("matplotlib", "ipywidgets")), \
                f"{path.relative_to(ROOT)} imports {name}: lib/ must stay free of views and plots"


def test_lessons_import_the_installed_package():
    for nb in (ROOT / "lessons").glob("*.ipynb"):
        cells = json.loads(nb.read_text())["cells"]
        source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        assert "sys.path" not in source, f"{nb.name} changes sys.path; import the installed backprop instead"
