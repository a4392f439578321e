"""The site's pyodide-lock.json: the official entries the course needs, plus pure-Python wheels.

Only what is shipped is listed, so an import of anything else fails by name instead of asking
the network. Pure-Python wheels (the widget libraries, the kernel's comm, and the course itself)
are added with pyodide-lock, so `import backprop` loads everything with no `%pip` cell.
"""
import re
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from . import sources

REPO = Path(__file__).resolve().parents[2]
#: What the JupyterLite kernel installs at start (less ssl and jedi: tools/lite/build.py KERNEL_START), and what
#: the course imports, from Pyodide's own build.
KERNEL = ("micropip", "packaging", "sqlite3", "ipython")
COURSE = ("numpy", "matplotlib", "matplotlib-inline", "traitlets")
#: What `import backprop` loads in the site: the course's own dependencies (pyproject.toml), but not matplotlib
#: (12 packages, 14 MB, ~1 s of every kernel start): the live views draw in the browser and read its colours and
#: ticks as data (widgets/figures/colours.py), so the kernel loads matplotlib only when a cell imports it (lessons
#: 00 and 02-08 do; 01 and 09 never). The views do need the two pieces of it below: contourpy (DescentExplorer's
#: contours) and Pillow (the digits as pictures).
COURSE_NOT_LOADED, COURSE_ALSO_LOADED = ("matplotlib",), ("contourpy", "pillow")
#: Pure-Python wheels from PyPI, at the versions installed here (so the kernel matches the site's front end).
PURE = ("ipywidgets", "jupyterlab_widgets", "comm", "anywidget", "psygnal", "typing_extensions")
#: The kernel's own wheels, from its extension's pypi folder (with the stand-in for widgetsnbextension,
#: which ipywidgets asks for): in the lock, Pyodide loads the kernel in one go as it starts.
KERNEL_WHEELS = ("piplite-*.whl", "pyodide_kernel-*.whl", "ipykernel-*.whl", "widgetsnbextension-4.0.999-*.whl")


def canonical(name):
    """A package name as the lock keys it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(lock, names):
    """``names`` and everything they depend on in ``lock``, sorted."""
    seen, todo = set(), [canonical(n) for n in names]
    while todo:
        name = todo.pop()
        if name not in seen:
            if name not in lock["packages"]:
                raise sources.SourceError(f"Pyodide {sources.PYODIDE_VERSION} has no package {name!r}")
            seen.add(name)
            todo += [canonical(d) for d in lock["packages"][name]["depends"]]
    return sorted(seen)


def pure_wheels(dest, kernel_wheels):
    """Download the PURE wheels, copy the KERNEL_WHEELS, build the course wheel: their paths in ``dest``."""
    pins = [f"{name}=={metadata.version(name)}" for name in PURE]
    folder = sources.pip_download(pins, "pypi", pure=True)
    wheels = [_one(folder, pin) for pin in pins] + [_found(kernel_wheels, pattern) for pattern in KERNEL_WHEELS]
    return [Path(shutil.copy2(wheel, dest / wheel.name)) for wheel in wheels] + [course_wheel(dest)]


def _one(folder, pin):
    name, version = pin.split("==")
    return _found(folder, f"{canonical(name).replace('-', '_')}-{version}-*none-any.whl")


def _found(folder, pattern):
    found = sorted(folder.glob(pattern))
    if not found:
        raise sources.SourceError(f"no wheel {pattern} in {folder}")
    return found[-1]


#: Course modules the site's wheel leaves out (module: file): they set up a Jupyter server, and the site has none
#: (its kernel runs in the page).
SERVER_SIDE = {"backprop.widgets.server": "widgets/server.py"}


def course_wheel(out):
    """The backprop package as a wheel, built from a clean copy of lib/, widgets/ and pyproject.toml, less
    SERVER_SIDE."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
        for folder in ("lib", "widgets"):
            shutil.copytree(REPO / folder, src / folder, ignore=skip)
        for path in SERVER_SIDE.values():
            (src / path).unlink()
        shutil.copy2(REPO / "pyproject.toml", src / "pyproject.toml")
        done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
                               "--no-deps", "-w", tmp, str(src)], capture_output=True, text=True)
        if done.returncode != 0:
            raise sources.SourceError(f"could not build the course wheel:\n{done.stderr[-2000:]}")
        [wheel] = Path(tmp).glob("backprop_course-*.whl")
        return Path(shutil.copy2(wheel, out / wheel.name))


def write(official, shipped, wheels, path):
    """Write the lock: the official entries of ``shipped`` plus ``wheels`` (in the same folder); there the course
    depends on its own dependencies less COURSE_NOT_LOADED, plus COURSE_ALSO_LOADED."""
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec
    spec = PyodideLockSpec(info=official["info"], packages={n: official["packages"][n] for n in shipped})
    spec = add_wheels_to_spec(spec, wheels, base_path=path.parent)
    course = spec.packages["backprop-course"]
    course.depends = [d for d in course.depends if d not in COURSE_NOT_LOADED] + list(COURSE_ALSO_LOADED)
    spec.to_json(path, indent=1)
    return spec
