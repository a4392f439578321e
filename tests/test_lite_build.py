"""make lite's sources and lock: only files with the official sha256 get in, downloads are cached."""
import functools
import hashlib
import http.server
import io
import json
import tarfile
import threading

import pytest

from tools.lite import lock, sources

GOOD, OTHER = b"the official wheel", b"a wheel with the same name and other bytes"


def official_lock(**files):
    """A lock in the official format whose packages are ``name=bytes`` (each depends on nothing)."""
    packages = {name: {"name": name, "version": "1.0", "file_name": f"{name}-1.0-py3-none-any.whl",
                       "sha256": hashlib.sha256(data).hexdigest(), "depends": [], "imports": [name],
                       "install_dir": "site", "package_type": "package", "unvendored_tests": False}
                for name, data in files.items()}
    return {"info": {"arch": "wasm32", "platform": "emscripten_3_1_58", "version": "0.27.7", "python": "3.12.7",
                     "abi_version": "2024_0"}, "packages": packages}


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKPROP_LITE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_cache_lives_where_the_setting_says(cache, monkeypatch, tmp_path):
    assert sources.cache_dir() == cache
    monkeypatch.delenv("BACKPROP_LITE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert sources.cache_dir() == tmp_path / "xdg" / "backprop-course" / "lite"


def test_a_folder_of_wheels_is_copied_when_every_sha256_is_the_official_one(tmp_path):
    official = official_lock(numpy=GOOD)
    folder, dest = tmp_path / "wheels", tmp_path / "site"
    folder.mkdir(), dest.mkdir()
    (folder / "numpy-1.0-py3-none-any.whl").write_bytes(GOOD)
    assert sources.copy_wheels(str(folder), official, ["numpy"], dest) == ["numpy-1.0-py3-none-any.whl"]
    assert (dest / "numpy-1.0-py3-none-any.whl").read_bytes() == GOOD


def test_a_wheel_with_other_bytes_or_a_missing_wheel_fails_the_build_by_name(tmp_path):
    official = official_lock(numpy=GOOD, matplotlib=GOOD + b"!")
    folder, dest = tmp_path / "wheels", tmp_path / "site"
    folder.mkdir(), dest.mkdir()
    (folder / "numpy-1.0-py3-none-any.whl").write_bytes(OTHER)
    with pytest.raises(sources.SourceError) as refused:
        sources.copy_wheels(str(folder), official, ["numpy", "matplotlib"], dest)
    assert "numpy-1.0-py3-none-any.whl: sha256" in str(refused.value)
    assert "matplotlib-1.0-py3-none-any.whl: missing" in str(refused.value)
    assert not list(dest.iterdir()), "nothing is written when any file is refused"


def release_archive(path, **files):
    """A .tar.bz2 laid out like Pyodide's release: pyodide/<file name>."""
    with tarfile.open(path, "w:bz2") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"pyodide/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_the_release_archive_is_read_from_a_local_copy(tmp_path):
    archive = release_archive(tmp_path / "pyodide-0.27.7.tar.bz2", **{"numpy-1.0-py3-none-any.whl": GOOD})
    (tmp_path / "site").mkdir()
    sources.copy_wheels(f"release:{archive}", official_lock(numpy=GOOD), ["numpy"], tmp_path / "site")
    assert (tmp_path / "site" / "numpy-1.0-py3-none-any.whl").read_bytes() == GOOD


def test_the_release_archive_is_downloaded_once_then_read_from_the_cache(tmp_path, cache):
    served = tmp_path / "served"
    served.mkdir()
    release_archive(served / "pyodide-0.27.7.tar.bz2", **{"numpy-1.0-py3-none-any.whl": GOOD})
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/pyodide-0.27.7.tar.bz2"
    try:
        reader = sources.wheel_reader(f"release:{url}")
    finally:
        server.shutdown()
        server.server_close()
    assert reader(["numpy-1.0-py3-none-any.whl"]) == {"numpy-1.0-py3-none-any.whl": GOOD}
    assert sources.wheel_reader(f"release:{url}")(["numpy-1.0-py3-none-any.whl"]), "the second read needs no server"
    assert list(cache.rglob("pyodide-0.27.7.tar.bz2"))


def test_a_pinned_download_with_another_sha256_is_refused_and_not_kept(tmp_path, cache):
    (tmp_path / "file").write_bytes(OTHER)
    with pytest.raises(sources.SourceError, match="pinned sha256"):
        sources.download((tmp_path / "file").as_uri(), hashlib.sha256(GOOD).hexdigest(), "npm/file")
    assert not any(p.is_file() for p in cache.rglob("*"))


def test_an_unknown_setting_names_the_three_sources(tmp_path):
    with pytest.raises(sources.SourceError, match=r"provisa, release\[:URL\|PATH\] or a folder"):
        sources.wheel_reader(str(tmp_path / "nowhere"))


def test_the_lock_keeps_what_the_course_needs_and_what_that_depends_on():
    official = official_lock(numpy=GOOD, pandas=GOOD, six=GOOD, matplotlib=GOOD)
    official["packages"]["matplotlib"]["depends"] = ["numpy", "Six"]
    assert lock.closure(official, ["matplotlib"]) == ["matplotlib", "numpy", "six"]
    with pytest.raises(sources.SourceError, match="no package 'scipy'"):
        lock.closure(official, ["scipy"])


def test_a_site_whose_kernel_would_load_pyodide_elsewhere_is_refused(tmp_path):
    from tools.lite import build
    config = {"jupyter-config-data": {"litePluginSettings": {f"{build.KERNEL_EXTENSION}:kernel": {
        "pyodideUrl": "https://cdn.jsdelivr.net/pyodide/v0.27.6/full/pyodide.js"}}}}
    (tmp_path / "jupyter-lite.json").write_text(json.dumps(config))
    with pytest.raises(sources.SourceError, match="would load Pyodide from 'https://cdn"):
        build.check(tmp_path)


def test_the_service_worker_is_patched_and_another_one_refused(tmp_path):
    from tools.lite import build
    worker = tmp_path / "service-worker.js"
    worker.write_text('let enableCache=!1;function shouldDrop(e,t){return"GET"!==e.method}')
    build.patch_service_worker(tmp_path)
    assert 'function shouldDrop(e,t){return!enableCache||"GET"!==e.method}' in worker.read_text()
    worker.write_text('function shouldDrop(request,url){return"GET"!==request.method}')      # another version
    with pytest.raises(sources.SourceError, match="service-worker.js is not the service worker of JupyterLite 0.6"):
        build.patch_service_worker(tmp_path)


def test_bytecode_joins_its_wheel_beside_the_sources_and_the_lock_takes_the_new_sha256(tmp_path):
    import zipfile
    from tools.lite import bytecode
    wheel = tmp_path / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("demo/__init__.py", "x = 1\n")
        archive.writestr("demo-1.0.dist-info/RECORD", "demo/__init__.py,sha256=abc,6\n")
    unpacked = tmp_path / "unpacked"
    (unpacked / "demo" / "__pycache__").mkdir(parents=True)
    (unpacked / "demo" / "__pycache__" / "__init__.cpython-312.pyc").write_bytes(b"bytecode")
    assert bytecode._add_bytecode(wheel, unpacked) == 1
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("demo/__pycache__/__init__.cpython-312.pyc") == b"bytecode"
        assert archive.read("demo/__init__.py") == b"x = 1\n", "the source stays, for tracebacks"
        assert "demo/__pycache__/__init__.cpython-312.pyc,," in archive.read("demo-1.0.dist-info/RECORD").decode()
    lock_path = tmp_path / "pyodide-lock.json"
    lock_path.write_text(json.dumps(official_lock(demo=b"the wheel as downloaded")))
    bytecode._update_lock(tmp_path, lock_path)
    assert json.loads(lock_path.read_text())["packages"]["demo"]["sha256"] == sources.file_sha256(wheel)


def test_the_standard_librarys_bytecode_joins_its_zip_beside_the_sources(tmp_path):
    import zipfile
    from tools.lite import bytecode
    stdlib = tmp_path / "python_stdlib.zip"
    with zipfile.ZipFile(stdlib, "w") as archive:
        archive.writestr("json/__init__.py", "x = 1\n")
    compiled = tmp_path / "compiled"
    (compiled / "json").mkdir(parents=True)
    (compiled / "json" / "__init__.pyc").write_bytes(b"bytecode")
    assert bytecode._add_to_stdlib(stdlib, compiled) == 1
    with zipfile.ZipFile(stdlib) as archive:           # zipimport takes json/__init__.pyc before json/__init__.py
        assert archive.read("json/__init__.pyc") == b"bytecode" and archive.read("json/__init__.py") == b"x = 1\n"


def test_legacy_font_formats_are_left_out_where_a_woff2_stands_beside_them(tmp_path):
    from tools.lite import build
    for name in ("fa-solid-900.woff2", "fa-solid-900.woff", "fa-solid-900.svg", "fa-solid-900.eot", "icon.svg"):
        (tmp_path / name).write_bytes(b"font")
    assert build.drop_legacy_fonts(tmp_path) == 12
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fa-solid-900.woff2", "icon.svg"]


def test_the_kernels_start_loses_ssl_and_jedi_puts_the_drive_last_and_another_start_is_refused(tmp_path):
    """What the build changes in pyodide-kernel 0.6's worker; the site's browser tests check that it works."""
    from tools.lite import build
    folder = tmp_path / "extensions" / build.KERNEL_EXTENSION / "static"
    folder.mkdir(parents=True)
    worker = folder / "620.js"
    manager = ("async initPackageManager(e){await this._pyodide." + build.KERNEL_START[2][0] + "}")
    start = ('async initKernel(e){let t=(e.loadPyodideOptions||{}).packages||[],n=%s,i=[];for(let e of n)'
             't.includes(e)||i.push(`await piplite.install(...)`);i.push(%s),e.mountDrive')
    listed = '["ssl","sqlite3","ipykernel","comm","pyodide_kernel","jedi","ipython"]'
    before = manager + start % (listed, '"import pyodide_kernel"')
    worker.write_text("await this.initKernel(e);" + before)
    (folder / "other.js").write_text("nothing to patch here")
    assert build.patch_kernel_start(tmp_path) == 1
    jedi_off = ('"import pyodide_kernel","pyodide_kernel.ipython_shell.Completer.use_jedi = False",'
                f'"{build.DRIVE_FRESH}"')
    patched = worker.read_text()
    assert start % ('["sqlite3","ipykernel","comm","pyodide_kernel","ipython"]', jedi_off) in patched
    assert (r"runPythonAsync(`\n      import sys\n      sys.path[:] = [p for p in sys.path if p] + ['']\n"
            r"      class _PipliteSettings:\n") in patched, "'' goes last before the kernel's first import"
    assert r'_PipliteSettings.disable_pypi = ${n?"True":"False"}\n' in patched and "import piplite" not in patched
    for other in (before.replace('"ipython"]', '"ipython","foo"]'), before.replace("i.push(", "i.unshift("),
                  before.replace("import piplite.piplite", "import piplite")):
        worker.write_text(other)
        with pytest.raises(sources.SourceError, match="620.js is not the kernel worker of pyodide-kernel 0.6"):
            build.patch_kernel_start(tmp_path)
    worker.write_text("a kernel that starts otherwise")
    with pytest.raises(sources.SourceError, match="no script of @jupyterlite/pyodide-kernel-extension starts"):
        build.patch_kernel_start(tmp_path)


def test_the_site_ships_neither_ssl_nor_jedi_but_keeps_sqlite3_which_ipython_imports():
    from tools.lite import build
    for name in ("ssl", "jedi"):
        assert name not in build.PRELOAD and name not in lock.KERNEL
    assert "sqlite3" in build.PRELOAD and "sqlite3" in lock.KERNEL


@pytest.mark.parametrize("platform, png", [("linux", True), ("emscripten", False)])
def test_a_displayed_view_carries_a_png_except_in_pyodide(monkeypatch, platform, png):
    from widgets import NeuronExplorer
    monkeypatch.setattr("sys.platform", platform)
    view = NeuronExplorer()
    try:
        assert ("image/png" in view._repr_mimebundle_()) is png
        assert ("image/png" in view.figure._repr_mimebundle_()[0]) is png
    finally:
        view.close()


def early_start_site(tmp_path):
    """A site with what tools/lite/early.py patches: pyodide-kernel 0.6's main script and worker, two pages."""
    from tools.lite import build, early
    folder = tmp_path / "extensions" / build.KERNEL_EXTENSION / "static"
    folder.mkdir(parents=True)
    (folder / "592.aa.js").write_text("initWorker(e){return crossOriginIsolated?new Worker(new URL(n.p+n.u(620),n.b),"
                                      "{type:void 0}):new Worker(new URL(n.p+n.u(352),n.b),{type:void 0})}")
    (folder / "352.bb.js").write_text("async initRuntime(e){" + early.PYTHON + "}")
    (folder / "352.bb.js.LICENSE.txt").write_text("licence")
    for name in early.PAGES:
        (tmp_path / name).parent.mkdir()
        (tmp_path / name).write_text('<head><script id="jupyter-config-data">{}</script>\n<script>boot()</script>\n')
    return folder


def test_the_notebook_pages_start_the_kernels_worker_which_the_kernel_takes(tmp_path):
    """What the build changes for the early start; test_lite_start.py checks in Chromium that it works."""
    import shutil
    import subprocess
    from tools.lite import early
    folder = early_start_site(tmp_path)
    assert early.patch(tmp_path, folder, {"packages": ["numpy"]}) == "352.bb.js"
    main = (folder / "592.aa.js").read_text()
    assert (":(self.backpropEarlyKernel&&self.backpropEarlyKernel(new URL(n.p+n.u(352),n.b).href)"
            "||new Worker(new URL(n.p+n.u(352),n.b),{type:void 0}))}") in main
    assert "new Worker(new URL(n.p+n.u(620),n.b)" in main, "a cross-origin isolated page is left as it was"
    worker = (folder / "352.bb.js").read_text()
    assert early.PYTHON_TAKEN in worker and worker.endswith(early.WORKER_TAIL) and early.PYTHON not in worker
    for name in early.PAGES:
        page = (tmp_path / name).read_text()
        assert page.index("jupyter-config-data") < page.index("backpropEarlyKernel") < page.index("boot()")
        assert '"extensions/@jupyterlite/pyodide-kernel-extension/static/352.bb.js"' in page
        assert '{indexURL: new URL("static/pyodide/", root).href, options: {"packages": ["numpy"]}}' in page
    node = shutil.which("node")
    if node:                                  # the patched scripts are JavaScript Chromium can parse
        script = page.split("<script>\n", 1)[1].split("</script>", 1)[0]
        for code in (script, worker.replace("async initRuntime(e){", "async function initRuntime(e){")):
            checked = subprocess.run([node, "--check"], input=code, capture_output=True, text=True)
            assert checked.returncode == 0, checked.stderr


def test_another_kernel_start_or_page_is_refused_by_the_early_start(tmp_path):
    from tools.lite import early
    folder = early_start_site(tmp_path)
    (folder / "352.bb.js").write_text("async initRuntime(e){this._pyodide=await t({indexURL:i})}")
    with pytest.raises(sources.SourceError, match="not those of 0.6 that tools/lite/early.py patches"):
        early.patch(tmp_path, folder, {})
    folder = early_start_site(tmp_path / "again")
    (tmp_path / "again" / "notebooks" / "index.html").write_text("<head><script>boot()</script>\n")
    with pytest.raises(sources.SourceError, match="notebooks/index.html is not the JupyterLite page"):
        early.patch(tmp_path / "again", folder, {})


def test_the_kernel_waits_for_the_service_worker_which_keeps_its_version(tmp_path):
    """tools/lite/drive.py; test_lite_start.py checks the learner's files on three visits in Chromium."""
    from tools.lite import drive
    folder, build_folder = tmp_path / "kernel", tmp_path / "build"
    folder.mkdir()
    build_folder.mkdir()
    plugin = folder / "154.js"
    plugin.write_text(drive.KERNEL_PLUGIN + '!0;console.info("Pyodide contents will be synced")')
    bundle = build_folder / "9380.js"
    bundle.write_text(drive.VERSION_CHECK + ";" + drive.REGISTERED)
    (build_folder / "other.js").write_text("no service worker here")
    assert drive.patch(tmp_path, folder) == 2
    assert plugin.read_text().startswith(
        "create:async e=>{i&&navigator.serviceWorker&&await Promise.race([i.ready.catch((()=>{})),"
        "new Promise((e=>setTimeout(e,10000)))]);const{PyodideKernel:n}=")
    assert ('s=await t.register(e),localStorage.setItem(`${e}-version`,d),console.info("JupyterLite ServiceWorker '
            'was sucessfully registered")') in bundle.read_text()
    bundle.write_text(drive.REGISTERED)                    # the version is checked otherwise: refuse
    plugin.write_text(drive.KERNEL_PLUGIN + '"Pyodide contents will"')
    with pytest.raises(sources.SourceError, match="9380.js is not JupyterLite 0.6's service worker manager"):
        drive.patch(tmp_path, folder)
    plugin.write_text('create:async e=>{"Pyodide contents will"')
    with pytest.raises(sources.SourceError, match="154.js is not the kernel plugin of pyodide-kernel 0.6"):
        drive.patch(tmp_path, folder)


def test_the_address_follows_the_document_in_front_and_another_router_is_refused(tmp_path):
    """tools/lite/reopen.py; test_lite_start.py checks in Chromium that a reload reopens the lesson."""
    import shutil
    import subprocess
    from tools.lite import reopen
    (tmp_path / "build").mkdir()
    router = tmp_path / "build" / "1711.js"
    router.write_text(reopen.ROUTER + "i.addCommand(s,{})}")
    (tmp_path / "build" / "other.js").write_text("no router here")
    assert reopen.patch(tmp_path) == "1711.js"
    text = router.read_text()
    assert text.startswith('activate:(e,t,a,n,o)=>{n&&(()=>{const f=()=>{const c=n.currentWidget&&'
                           'a.contextForWidget(n.currentWidget),u=new URL(window.location.href);')
    assert text.endswith('n.currentChanged.connect(f)})();const{commands:i,docRegistry:l}=e,s="router:tree";'
                         'i.addCommand(s,{})}')
    node = shutil.which("node")
    if node:
        checked = subprocess.run([node, "--check"], input="({" + text + "})", capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
    router.write_text(reopen.ROUTER + reopen.ROUTER)
    with pytest.raises(sources.SourceError, match="1711.js is not JupyterLite 0.6's lab router"):
        reopen.patch(tmp_path)
    router.write_text("a router of another JupyterLite")
    with pytest.raises(sources.SourceError, match="0 scripts of the site's JupyterLab hold the router"):
        reopen.patch(tmp_path)


def test_the_sites_lessons_keep_their_cells_and_outputs_but_not_the_widgets_saved_state(tmp_path):
    from tools.lite import build
    lessons = build.stage_lessons(tmp_path / "contents")
    assert [p.name for p in lessons] == sorted(p.name for p in (tmp_path / "contents").iterdir())
    for lesson in lessons:
        original = json.loads(lesson.read_text(encoding="utf-8"))
        staged = json.loads((tmp_path / "contents" / lesson.name).read_text(encoding="utf-8"))
        assert "widgets" not in staged["metadata"]
        assert staged["cells"] == original["cells"]
        assert {k: v for k, v in original["metadata"].items() if k != "widgets"} == staged["metadata"]
    assert any("widgets" in json.loads(p.read_text(encoding="utf-8"))["metadata"] for p in lessons)   # there was some
