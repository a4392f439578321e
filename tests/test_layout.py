"""The project's layout rules: pins, the conda environment, one-way imports, no path hacks."""
import ast
import json
import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _pins(name):
    """The requirement lines of a requirements file (comments and blank lines left out)."""
    lines = [l.strip() for l in (ROOT / name).read_text().splitlines()]
    return [l for l in lines if l and not l.startswith("#")]


def _named(reqs):
    return {r.split("==")[0].split("[")[0].lower().replace("_", "-") for r in reqs}


def test_every_requirement_is_pinned_exactly():
    course, dev = _pins("requirements.txt"), _pins("requirements-dev.txt")
    assert dev[0] == "-r requirements.txt", "requirements-dev.txt starts from the course's own pins"
    for reqs in (course, dev[1:]):
        assert reqs and all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.]*", r) for r in reqs), reqs
    for needed in ["jupyterlab", "ipywidgets", "jupyterlab-widgets", "anywidget", "numpy", "matplotlib", "voila"]:
        assert needed in _named(course), f"{needed} is not pinned in requirements.txt"
    for needed in ["scikit-learn", "nbval", "pytest", "hypothesis", "playwright", "jupyterlite-core",
                   "jupyterlite-pyodide-kernel", "pyodide-lock"]:
        assert needed in _named(dev[1:]), f"{needed} is not pinned in requirements-dev.txt"


def test_the_course_pins_leave_the_tools_out():
    tools = {"scikit-learn", "nbval", "pytest", "hypothesis", "playwright", "jupyterlite-core"}
    assert not tools & _named(_pins("requirements.txt")), "a learner's make lab installs what the course needs"


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
