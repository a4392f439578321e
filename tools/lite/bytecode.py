"""Compiled bytecode in the site's wheels and standard library, so Pyodide imports without compiling sources.

No wheel of Pyodide's release, no pure wheel from PyPI and not its python_stdlib.zip carries .pyc
files: every start of the kernel compiled the standard library, IPython, numpy, matplotlib,
ipywidgets and the course from source, in WebAssembly (measured in Chromium, warm: loadPyodide
1.5 → 0.6 s, `import IPython` 3.1 → 0.6 s, numpy + matplotlib + pyplot 2.5 → 0.9 s).
The build runs the site's own Pyodide in Node.js, imports there what the kernel and the course import
(IMPORTS), and compiles exactly those modules, so the bytecode is the browser's Python's own (3.12,
cache tag cpython-312) and the site grows by 9 MB (2.3 of them the standard library's), not 14
(fontTools or most of pygments are never imported). The standard library's .pyc go into its zip
beside each .py, where zipimport takes them first. The .pyc files are hash-based and unchecked
(PEP 552), because unpacking a wheel sets new file times, and each .py stays beside its .pyc for
tracebacks and `??`. Every wheel was checked against the official sha256 before (sources.copy_wheels);
the site's lock then carries the sha256 of the wheel as shipped. Without Node.js the site is built
without bytecode, and the build says so.
"""
import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from . import sources

SITE_PACKAGES = "/lib/python3.12/site-packages"
#: The standard library, imported from python_stdlib.zip, whose zipimport takes json/__init__.pyc before .py.
STDLIB = "/lib/python312.zip"
STDLIB_ZIP = "python_stdlib.zip"
#: What a learner's session imports: the kernel, then the course (every module of the package). Only the modules
#: these import get bytecode (fontTools, most of pygments or numpy's tests are never imported; the site stays small).
IMPORTS = ("IPython", "ipykernel", "comm", "piplite", "micropip", "pyodide_kernel", "numpy", "matplotlib.pyplot",
           "matplotlib_inline.backend_inline", "ipywidgets", "anywidget", "backprop")
#: Pyodide's matplotlib reads its font cache from the package (its own patch), but the file it ships was written by
#: another matplotlib (version 390, not 3.8's 330): every session rebuilt it and printed "Matplotlib is building the
#: font cache" in red in the first cell that plots. The build ships the cache its Node.js import wrote instead.
FONT_CACHE = "matplotlib/fontlist.json"
#: Pyodide in Node.js: load the site's packages, import IMPORTS and every module of the course, then compile each
#: imported module's source, in the unpacked wheel it came from, into its __pycache__ folder.
NODE_SCRIPT = r"""
const path = require("path");
const [indexURL, root, packages, imports, stdlibOut] = process.argv.slice(2);
const { loadPyodide } = require(path.join(indexURL, "pyodide.js"));
(async () => {
  const pyodide = await loadPyodide({ indexURL: indexURL + path.sep, stdout: () => {}, stderr: () => {} });
  await pyodide.loadPackage(JSON.parse(packages), { messageCallback: () => {}, errorCallback: () => {} });
  pyodide.FS.mkdirTree("/mnt/wheels");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root }, "/mnt/wheels");
  pyodide.FS.mkdirTree("/mnt/stdlib");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: stdlibOut }, "/mnt/stdlib");
  pyodide.globals.set("IMPORTS", JSON.parse(imports));
  const result = pyodide.runPython(`
import importlib, importlib.util, json, os, pkgutil, py_compile, shutil, sys
failed = []
def attempt(name):
    try:
        return importlib.import_module(name)
    except BaseException as error:
        failed.append(f"{name}: {type(error).__name__}")
for name in IMPORTS:
    attempt(name)
import backprop
for info in pkgutil.walk_packages(backprop.__path__, "backprop."):
    attempt(info.name)
site = "${SITE_PACKAGES}/"
wheels = sorted(os.listdir("/mnt/wheels"))
compiled = 0
for module in list(sys.modules.values()):
    source = getattr(module, "__file__", None) or ""
    if not (source.startswith(site) and source.endswith(".py")):
        continue
    for wheel in wheels:
        unpacked = f"/mnt/wheels/{wheel}/{source[len(site):]}"
        if os.path.exists(unpacked):
            py_compile.compile(unpacked, cfile=importlib.util.cache_from_source(unpacked), dfile=source,
                               invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH, doraise=True)
            compiled += 1
            break
import zipfile
stdlib, from_stdlib = "${STDLIB}/", 0
archive = zipfile.ZipFile("${STDLIB}")
for module in list(sys.modules.values()):
    source = getattr(module, "__file__", None) or ""
    if not (source.startswith(stdlib) and source.endswith(".py")):
        continue
    data = archive.read(source[len(stdlib):])
    code = compile(data, source, "exec", dont_inherit=True)
    cached = "/mnt/stdlib/" + source[len(stdlib):] + "c"
    os.makedirs(os.path.dirname(cached), exist_ok=True)
    with open(cached, "wb") as out:
        out.write(importlib._bootstrap_external._code_to_hash_pyc(code, importlib.util.source_hash(data), False))
    from_stdlib += 1
for wheel in wheels:             # matplotlib.pyplot's import (IMPORTS) rewrote the cache in site-packages
    if os.path.isfile(f"/mnt/wheels/{wheel}/${FONT_CACHE}"):
        shutil.copy(f"{site}${FONT_CACHE}", f"/mnt/wheels/{wheel}/${FONT_CACHE}")
json.dumps({"compiled": compiled, "stdlib": from_stdlib, "failed": failed})
`);
  process.stdout.write("RESULT " + result + "\n");
})().catch((error) => { console.error(error); process.exit(1); });
""".replace("${SITE_PACKAGES}", SITE_PACKAGES).replace("${STDLIB}", STDLIB).replace("${FONT_CACHE}", FONT_CACHE)


def node():
    """The Node.js that runs the build's Pyodide, or None."""
    return shutil.which("node") or shutil.which("nodejs")


def compile_wheels(folder, lock_path, packages):
    """Add bytecode of what IMPORTS import to the wheels in ``folder`` (the site's Pyodide, ``packages`` loaded
    as the kernel loads them) and the new sha256 to its lock.

    Returns (the number of .pyc files added, the imports that failed in Node.js), or None when there is no
    Node.js (the wheels stay as they were)."""
    runner = node()
    if runner is None:
        return None
    wheels = sorted(folder.glob("*.whl"))
    added = 0
    with tempfile.TemporaryDirectory(prefix="backprop-pyc-") as tmp:
        tmp = Path(tmp)
        for wheel in wheels:
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(tmp / "wheels" / wheel.name)
        script = tmp / "compile.js"
        script.write_text(NODE_SCRIPT)
        stdlib = tmp / "stdlib"
        stdlib.mkdir()
        done = subprocess.run([runner, str(script), str(folder.resolve()), str(tmp / "wheels"),
                               json.dumps(list(packages)), json.dumps(list(IMPORTS)), str(stdlib)],
                              capture_output=True, text=True, timeout=900)
        result = next((json.loads(line[7:]) for line in done.stdout.splitlines() if line.startswith("RESULT ")), None)
        if done.returncode != 0 or result is None or result["compiled"] == 0:
            raise sources.SourceError(f"compiling the wheels with Pyodide in Node.js failed:\n"
                                      f"{done.stdout[-1500:]}\n{done.stderr[-1500:]}")
        for wheel in wheels:
            added += _add_bytecode(wheel, tmp / "wheels" / wheel.name)
        added += _add_to_stdlib(folder / STDLIB_ZIP, stdlib)
    _update_lock(folder, lock_path)
    return added, result["failed"]


def _add_bytecode(wheel, unpacked):
    """Rewrite ``wheel`` with the .pyc files compiled under ``unpacked``, listed in its RECORD, and with the
    FONT_CACHE written there; return how many .pyc files."""
    compiled = sorted(p.relative_to(unpacked).as_posix() for p in unpacked.rglob("__pycache__/*.pyc"))
    if not compiled:
        return 0
    rewritten = wheel.with_suffix(".tmp")
    with zipfile.ZipFile(wheel) as old, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as new:
        names = old.namelist()
        for info in old.infolist():
            data = old.read(info)
            if info.filename.endswith(".dist-info/RECORD"):
                data = re.sub(rb"(?m)^(" + re.escape(FONT_CACHE.encode()) + rb"),.*$", rb"\1,,", data)
                data = data.rstrip(b"\n") + b"\n" + "".join(f"{name},,\n" for name in compiled).encode()
            elif info.filename == FONT_CACHE:
                data = (unpacked / FONT_CACHE).read_bytes()
            new.writestr(info, data)
        for name in compiled:
            if name not in names:
                new.write(unpacked / name, name)
    rewritten.replace(wheel)
    return len(compiled)


def _add_to_stdlib(archive_path, compiled):
    """Add the .pyc files under ``compiled`` to the standard library's zip, beside their sources; return how many."""
    files = sorted(p for p in compiled.rglob("*.pyc"))
    with zipfile.ZipFile(archive_path, "a", zipfile.ZIP_DEFLATED) as archive:
        present = set(archive.namelist())
        for path in files:
            name = path.relative_to(compiled).as_posix()
            if name not in present:
                archive.write(path, name)
    return len(files)


def _update_lock(folder, lock_path):
    """Set each package's sha256 in the lock to that of its file as shipped."""
    lock = json.loads(lock_path.read_text())
    for entry in lock["packages"].values():
        entry["sha256"] = sources.file_sha256(folder / entry["file_name"])
    lock_path.write_text(json.dumps(lock, indent=1))
