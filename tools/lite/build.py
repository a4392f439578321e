"""`make lite`: every lesson in a static JupyterLite site, dist/lite/, that runs Python in the browser.

    .venv/bin/python -m tools.lite.build [--out dist/lite] [--wheels provisa|release[:URL|PATH]|DIR] [--no-bytecode]

Built clean every time, in a fresh temporary folder (an incremental build once lost the local
Pyodide and fell back to a CDN), then checked before it replaces dist/lite/: the kernel loads the
site's own Pyodide, and every file the site's lock names is there (tests/browser/test_lite_site.py
checks more, and test_lite.py runs it offline in Chromium).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import bytecode, drive, early, lock, reopen, republish, sources
from .patching import replace_exactly

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "dist" / "lite"
LESSONS = REPO / "lessons"
LABEXTENSIONS = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
KERNEL_EXTENSION = "@jupyterlite/pyodide-kernel-extension"
#: The front-end extensions the site carries: the widget manager, anywidget, the Pyodide kernel.
EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "anywidget", KERNEL_EXTENSION)
APPS = ("lab", "notebooks", "repl", "tree")
PYODIDE_URL = "./static/pyodide/pyodide.js"
#: What Pyodide loads as it starts, in one go: the kernel's packages (which it would otherwise install
#: one by one) and the course with its dependencies (so the lessons' first cell has nothing to load), less
#: matplotlib, which the kernel loads when a cell imports it (tools/lite/lock.py COURSE_NOT_LOADED).
PRELOAD = ["micropip", "piplite", "sqlite3", "ipykernel", "comm", "pyodide_kernel", "ipython", "backprop-course"]
KERNEL_SETTINGS = {"disablePyPIFallback": True,          # piplite never asks PyPI: the site is all there is
                   "loadPyodideOptions": {"packages": PRELOAD}}
#: JupyterLab 4.4's notebook takes the arrow keys from any focused element in command mode: a key
#: pressed on a live view's slider would move the notebook's selection. They apply on a cell instead.
COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) "
ARROWS = {"ArrowDown": "notebook:move-cursor-down", "ArrowUp": "notebook:move-cursor-up",
          "ArrowLeft": "notebook:move-cursor-heading-above-or-collapse",
          "ArrowRight": "notebook:move-cursor-heading-below-or-expand"}
SHORTCUTS = [shortcut for key, command in ARROWS.items() for shortcut in (
    {"command": command, "keys": [key], "selector": COMMAND_MODE + ":focus", "disabled": True},
    {"command": command, "keys": [key], "selector": COMMAND_MODE + ".jp-Notebook-cell:focus"})]
#: JupyterLab 4.4's default "full" windowing detaches cells far from the viewport, live views with them;
#: "none" keeps every cell attached (JupyterLab 4.6 on the desktop paints them all too). ("defer", which attaches them
#: once the page is idle, raised "Cannot read properties of undefined (reading 'type')" at every notebook opened.)
SETTINGS = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
            "@jupyterlab/shortcuts-extension:shortcuts": {"shortcuts": SHORTCUTS}}

#: JupyterLite 0.6's service worker answers every GET of the site with fetch() when its cache is off (the default),
#: so the kernel's worker got pyodide.asm.wasm from the service worker, and Chromium keeps no compiled code for a
#: response a service worker made: every start compiled the 10 MB module again, and each of the ~190 files took a
#: detour through the worker. With the cache off it has nothing to add to such a GET: the build makes it let the
#: browser fetch the file itself (HTTP cache, compiled-code cache). It still answers /api/drive and /api/stdin
#: (the kernel's files and input()) and its heartbeat.
SERVICE_WORKER = ("function shouldDrop(e,t){return", "function shouldDrop(e,t){return!enableCache||")

#: pyodide-kernel 0.6's worker installs ssl, sqlite3, jedi and IPython at every start unless they are preloaded.
#: The lessons need neither ssl (with openssl, 2.1 MB: nothing in the kernel or the course opens a TLS socket;
#: the browser does the fetching) nor jedi (with parso, 2.3 MB), so the site ships neither and the build takes them
#: off that list. Its kernel turns jedi on whatever is installed: the build turns it off after, so Tab completes
#: with IPython's own, simpler completer instead of failing on a missing jedi. sqlite3 stays: IPython 8.23's history
#: module imports it unconditionally (the kernel keeps no history: its HistoryManager is disabled).
#: The kernel's working directory is /drive, the learner's files, where every stat() is a synchronous request to the
#: service worker (6 ms, against 0.006 ms in memory), and Python's sys.path starts with '' (that directory): each
#: new top-level import looked there first, about 200 of them as the kernel starts (piplite, IPython). The build moves
#: '' to the end of sys.path before the kernel's first import: a learner's own module in their files still
#: imports, after the standard library and the site's packages (so a file named random.py no longer hides one).
#: Its package manager also imported piplite at every start to give it two settings (the site's wheel index, no
#: PyPI), and piplite imports micropip and unittest.mock: 0.35 s. Only a %pip line needs piplite, so the build gives
#: the settings as that first import happens (an import hook that removes itself), not before.
PIPLITE_SETTINGS = ('${n?"True":"False"}', "${JSON.stringify(i)}")       # the worker's own expressions, kept
PIPLITE_LATER = """
import sys
sys.path[:] = [p for p in sys.path if p] + ['']
class _PipliteSettings:
    def find_spec(self, name, path=None, target=None):
        if name != "piplite.piplite":
            return None
        sys.meta_path.remove(self)
        from importlib.machinery import PathFinder
        spec = PathFinder.find_spec(name, path)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            module._PIPLITE_DISABLE_PYPI, module._PIPLITE_URLS = self.disable_pypi, self.urls
        spec.loader.exec_module = exec_module
        return spec
_PipliteSettings.disable_pypi = %s
_PipliteSettings.urls = %s
sys.meta_path.insert(0, _PipliteSettings())
del _PipliteSettings
""" % PIPLITE_SETTINGS
#: The learner's folder never tells Python it changed (/drive keeps one modification time), so the import system's
#: cached listing of it went stale: a module written in one cell (%%writefile helper.py) was not found by the next
#: cell's import. Before each cell the kernel forgets its listings of the learner's folders (a listing is read again
#: only when an import gets as far as that folder, which comes last on sys.path).
DRIVE_FRESH = ("pyodide_kernel.ipython_shell.events.register('pre_run_cell', lambda info, cache=__import__('sys')"
               ".path_importer_cache: [f.invalidate_caches() for p, f in list(cache.items()) if f is not None and "
               "str(p).startswith('/drive')] and None)")
KERNEL_START = (('["ssl","sqlite3","ipykernel","comm","pyodide_kernel","jedi","ipython"]',
                 '["sqlite3","ipykernel","comm","pyodide_kernel","ipython"]'),
                ('i.push("import pyodide_kernel")',
                 'i.push("import pyodide_kernel","pyodide_kernel.ipython_shell.Completer.use_jedi = False",'
                 '"%s")' % DRIVE_FRESH),
                (r"runPythonAsync(`\n      import piplite.piplite\n      piplite.piplite._PIPLITE_DISABLE_PYPI = %s\n"
                 r"      piplite.piplite._PIPLITE_URLS = %s\n    `)" % PIPLITE_SETTINGS,
                 "runPythonAsync(`" + PIPLITE_LATER.replace("\n", r"\n      ") + "`)"))
#: The site's root page names no icon, so every visit asked for /favicon.ico and got a 404: it names the site's own.
ROOT_ICON = ("  <head>\n", '  <head>\n    <link rel="icon" type="image/png" href="./icon-120x120.png" />\n')
#: Font Awesome comes in five formats, four of them for browsers older than WebAssembly; every browser that runs
#: Pyodide takes the woff2, which the stylesheets list first. The build leaves out the other four (2.8 MB).
LEGACY_FONTS = (".eot", ".ttf", ".woff", ".svg")


def site_config():
    """jupyter-lite.json of the site: its name and the kernel's settings (pyodideUrl is added by the build)."""
    return {"jupyter-lite-schema-version": 0,
            "jupyter-config-data": {"appName": "Backpropagation, hands on", "settingsOverrides": SETTINGS,
                                    "litePluginSettings": {f"{KERNEL_EXTENSION}:kernel": KERNEL_SETTINGS}}}


def build_config(contents, output):
    """jupyter_lite_config.json: what goes in, where it goes, and nothing from the environment by chance."""
    return {"LiteBuildConfig": {"contents": [str(contents)], "output_dir": str(output), "apps": list(APPS),
                                "no_sourcemaps": True, "ignore_sys_prefix": ["federated_extensions"],
                                "federated_extensions": [str(LABEXTENSIONS / e) for e in EXTENSIONS]}}


def stage_lessons(folder):
    """Copy every lesson into ``folder`` (the site's files), without the widgets' saved state: the site's kernel
    draws every view live, and the saved state of lesson 08's playgrounds alone (their heat maps) is about 1 MB."""
    folder.mkdir(parents=True)
    lessons = sorted(LESSONS.glob("[0-9][0-9]_*.ipynb"))
    for lesson in lessons:
        notebook = json.loads(lesson.read_text(encoding="utf-8"))
        notebook.get("metadata", {}).pop("widgets", None)
        (folder / lesson.name).write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return lessons


def stage_pyodide(folder, wheels, compiled=True):
    """The Pyodide the kernel loads: runtime, checked compiled wheels, pure wheels and the site's lock; with
    ``compiled``, bytecode in the wheels (tools/lite/bytecode.py). Returns compile_wheels' answer, or None."""
    official = sources.runtime(folder)
    shipped = lock.closure(official, lock.KERNEL + lock.COURSE)
    sources.copy_wheels(wheels, official, shipped, folder)
    added = lock.pure_wheels(folder, LABEXTENSIONS / KERNEL_EXTENSION / "static" / "pypi")
    lock.write(official, shipped, added, folder / sources.LOCK)
    return bytecode.compile_wheels(folder, folder / sources.LOCK, PRELOAD + ["matplotlib"]) if compiled else None


def patch_service_worker(site):
    """Let the browser itself fetch the site's files (see SERVICE_WORKER); fail if this JupyterLite's worker differs."""
    workers = sorted(site.rglob("service-worker.js"))
    for path in workers:
        if SERVICE_WORKER[1] not in path.read_text():
            replace_exactly(site, path, [SERVICE_WORKER], 1, "the service worker of JupyterLite 0.6 that "
                            "tools/lite/build.py patches (SERVICE_WORKER): check what it answers now")
    if not workers:
        raise sources.SourceError("the site has no service-worker.js")


def patch_kernel_start(site):
    """Take ssl and jedi off what the kernel installs as it starts, turn jedi off, put the learner's folder last
    on sys.path and configure piplite when it is first imported (see KERNEL_START); fail if this kernel starts
    otherwise. Returns how many start-ups it patched."""
    patched = 0
    for path in sorted((site / "extensions" / KERNEL_EXTENSION).rglob("*.js")):
        text = path.read_text()
        starts = text.count("async initKernel(")
        if starts:
            replace_exactly(site, path, KERNEL_START, starts, "the kernel worker of pyodide-kernel 0.6 that "
                            "tools/lite/build.py patches (KERNEL_START): check which packages it installs as it "
                            "starts now", also_ok='"jedi"' not in text.replace(KERNEL_START[0][0], ""))
            patched += starts
    if not patched:
        raise sources.SourceError(f"no script of {KERNEL_EXTENSION} starts the kernel (KERNEL_START)")
    return patched


def drop_legacy_fonts(site):
    """Remove each Font Awesome font's LEGACY_FONTS siblings of its woff2; return the bytes saved."""
    saved = 0
    for woff2 in site.rglob("fa-*.woff2"):
        for other in (woff2.with_suffix(suffix) for suffix in LEGACY_FONTS):
            if other.is_file():
                saved += other.stat().st_size
                other.unlink()
    return saved


def check(site):
    """Refuse a site whose kernel would not load its own Pyodide, or whose lock names a missing file."""
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"][f"{KERNEL_EXTENSION}:kernel"]
    if kernel.get("pyodideUrl") != PYODIDE_URL or not (site / PYODIDE_URL).is_file():
        raise sources.SourceError(f"the site's kernel would load Pyodide from {kernel.get('pyodideUrl')!r}, "
                                  f"not from {PYODIDE_URL}")
    folder = site / "static" / "pyodide"
    packages = json.loads((folder / sources.LOCK).read_text())["packages"].values()
    missing = [p["file_name"] for p in packages if not (folder / p["file_name"]).is_file()]
    if missing:
        raise sources.SourceError(f"the site's lock names files it lacks: {', '.join(missing)}")


def build(out=OUT, wheels="", compiled=True):
    """Write the site to ``out`` (replacing what was there); return its size in bytes. ``compiled``: add bytecode
    to the wheels (tools/lite/bytecode.py; skipped, with a warning, where there is no Node.js)."""
    with tempfile.TemporaryDirectory(prefix="backprop-lite-") as tmp:
        tmp = Path(tmp)
        lite_dir, staged = tmp / "lite", tmp / "site"
        lessons = stage_lessons(tmp / "contents")
        editions = republish.write_editions(tmp / "contents", lessons, REPO)
        done = stage_pyodide(lite_dir / "static" / "pyodide", wheels, compiled)
        if compiled and done is None:
            print("lite: no Node.js, so the wheels carry no bytecode: Python compiles every module in the browser "
                  "at each start (apt-get install nodejs)", file=sys.stderr)
        elif done and done[1]:
            print(f"lite: bytecode for {done[0]} modules; these failed to import in Node.js: {', '.join(done[1])}",
                  file=sys.stderr)
        (lite_dir / "jupyter-lite.json").write_text(json.dumps(site_config(), indent=1))
        (lite_dir / "jupyter_lite_config.json").write_text(json.dumps(build_config(tmp / "contents", staged)))
        jupyter_lite = Path(sys.executable).with_name("jupyter-lite")
        done = subprocess.run([str(jupyter_lite), "build", "--lite-dir", str(lite_dir)], cwd=lite_dir,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise sources.SourceError(f"jupyter lite build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        patch_service_worker(staged)
        patch_kernel_start(staged)
        kernel_scripts = staged / "extensions" / KERNEL_EXTENSION / "static"
        early.patch(staged, kernel_scripts, KERNEL_SETTINGS["loadPyodideOptions"])
        drive.patch(staged, kernel_scripts)
        reopen.patch(staged)
        republish.patch(staged, editions, APPS)
        drop_legacy_fonts(staged)
        replace_exactly(staged, staged / "index.html", [ROOT_ICON], 1, "JupyterLite's root page (ROOT_ICON)")
        check(staged)
        (staged / ".nojekyll").touch()        # a GitHub Pages branch serves every file as it is
        shutil.rmtree(out, ignore_errors=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staged, out)
    return sum(p.stat().st_size for p in out.rglob("*") if p.is_file())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where the site goes (default dist/lite)")
    parser.add_argument("--wheels", default=os.environ.get("PYODIDE_WHEELS", ""),
                        help="where Pyodide's compiled wheels come from: provisa (default), release[:URL|PATH], DIR")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="ship the wheels without compiled bytecode (a faster build, a slower start)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        size = build(args.out, args.wheels, compiled=not args.no_bytecode)
    except sources.SourceError as error:
        sys.exit(f"make lite: {error}")
    print(f"lite: wrote {args.out} ({size / 1e6:.1f} MB) in {time.monotonic() - start:.0f} s")


if __name__ == "__main__":
    main()
