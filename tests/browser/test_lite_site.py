"""The built site (dist/lite/) on disk: every URL in its configuration is relative, and its Pyodide is whole.

An incremental build once lost the local Pyodide and the kernel fell back to a CDN; these checks
would have caught it without a browser.
"""
import hashlib
import json
import re
import zipfile

import pytest

from tools.browser.lite import LESSONS, require_site

ELSEWHERE = re.compile(r"^([a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)     # http://host/…, //host/…


@pytest.fixture(scope="module")
def site():
    return require_site()


def configs(site):
    """(path, jupyter-config-data) of every page's configuration in the site."""
    for path in sorted(site.rglob("jupyter-lite.json")):
        yield path, json.loads(path.read_text()).get("jupyter-config-data", {})
    for path in sorted(site.rglob("jupyter-lite.ipynb")):
        yield path, json.loads(path.read_text())["metadata"].get("jupyter-lite", {}).get("jupyter-config-data", {})


def strings(value, key=""):
    """Every (key, string) inside a JSON value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v, key)
    elif isinstance(value, str):
        yield key, value


def test_every_url_in_the_sites_configuration_is_relative(site):
    """No string names another host; every *Url is relative, except appUrl, each page's route
    ("/lab"), which JupyterLite joins to baseUrl, itself "./" (so the site works under any path)."""
    checked = 0
    for path, config in configs(site):
        for key, value in strings(config):
            assert not ELSEWHERE.match(value), f"{path.relative_to(site)}: {key} = {value} leaves the site"
            if key.endswith(("Url", "Urls", "load")) and key != "appUrl":
                assert not value.startswith("/"), f"{path.relative_to(site)}: {key} = {value} is not relative"
                checked += 1
    assert checked > 10, "the configuration should name the site's own URLs"
    assert json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]["baseUrl"] == "./"


def test_the_kernel_loads_the_sites_own_pyodide(site):
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.js" and kernel["disablePyPIFallback"] is True
    for name in ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        assert (site / "static" / "pyodide" / name).is_file(), f"static/pyodide/{name} is missing"


def test_every_package_of_the_lock_is_in_the_site_with_its_sha256(site):
    folder = site / "static" / "pyodide"
    packages = json.loads((folder / "pyodide-lock.json").read_text())["packages"]
    for name, entry in packages.items():
        wheel = folder / entry["file_name"]
        assert wheel.is_file(), f"the lock names {entry['file_name']} for {name}, and the site lacks it"
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"], f"{wheel.name}: sha256 differs"
    assert packages["numpy"]["version"] == "2.0.2" and packages["matplotlib"]["version"] == "3.8.4"
    for name in ("backprop-course", "ipywidgets", "jupyterlab-widgets", "comm", "anywidget", "psygnal"):
        assert name in packages, f"{name} is not in the site's lock"
    assert packages["backprop-course"]["imports"] == ["backprop"], "import backprop must load the course's wheel"
    assert sorted(packages["backprop-course"]["depends"]) == ["anywidget", "contourpy", "ipywidgets", "numpy", "pillow"], \
        "import backprop loads what the live views need, not matplotlib (tools/lite/lock.py COURSE_NOT_LOADED)"
    assert "scikit-learn" not in packages and "scipy" not in packages


def test_every_lesson_is_in_the_site(site):
    assert sorted(p.name for p in (site / "files").glob("*.ipynb")) == LESSONS
    listed = json.loads((site / "api" / "contents" / "all.json").read_text())["content"]
    assert sorted(entry["name"] for entry in listed if entry["type"] == "notebook") == LESSONS


def test_the_service_worker_leaves_the_sites_files_to_the_browser(site):
    """JupyterLite's service worker would answer every GET itself, and Chromium keeps no compiled code of a
    pyodide.asm.wasm a service worker made: the build makes it leave them to the browser's own caches."""
    from tools.lite.build import SERVICE_WORKER
    text = (site / "service-worker.js").read_text()
    assert SERVICE_WORKER[1] in text, "service-worker.js answers every GET of the site (make lite patches it)"
    assert "/api/drive" in text and "/api/stdin/" in text, "it still answers the kernel's files and input()"


def test_the_wheels_carry_bytecode_beside_their_sources(site):
    """Pyodide would compile every module at each start (tools/lite/bytecode.py): what the kernel and the course
    import is compiled at build time, hash-based (unpacking sets new file times), and each .py stays."""
    import zipfile
    folder = site / "static" / "pyodide"
    expected = {"ipython": "IPython/core/interactiveshell", "matplotlib": "matplotlib/pyplot",
                "backprop_course": "backprop/network", "ipywidgets": "ipywidgets/widgets/widget"}
    for prefix, module in expected.items():
        [wheel] = folder.glob(f"{prefix}-*.whl")
        with zipfile.ZipFile(wheel) as archive:
            names = set(archive.namelist())
            folder_name, stem = module.rsplit("/", 1)
            cached = f"{folder_name}/__pycache__/{stem}.cpython-312.pyc"
            assert cached in names and f"{module}.py" in names, f"{wheel.name}: no {cached} beside {module}.py"
            flags = int.from_bytes(archive.read(cached)[4:8], "little")
            assert flags == 0b01, f"{cached} is not hash-based and unchecked (PEP 552 flags {flags:#b})"


def test_font_awesome_ships_as_woff2_only(site):
    """Every browser that runs Pyodide takes the woff2 the stylesheets list first (tools/lite/build.py)."""
    fonts = sorted(p.name for p in site.rglob("fa-*") if p.suffix in (".woff2", ".woff", ".ttf", ".eot", ".svg"))
    assert fonts and all(name.endswith(".woff2") for name in fonts), fonts


def test_matplotlib_ships_a_font_cache_of_its_own_version(site):
    """Else every session rebuilds it and the first plot prints "Matplotlib is building the font cache" in red."""
    [wheel] = (site / "static" / "pyodide").glob("matplotlib-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        version = re.search(r"__version__ = (\d+)", archive.read("matplotlib/font_manager.py").decode())[1]
        cache = json.loads(archive.read("matplotlib/fontlist.json"))
    assert cache["_version"] == int(version) and cache["ttflist"], "tools/lite/bytecode.py FONT_CACHE"
