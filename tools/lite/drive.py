"""The kernel sees the learner's files (/drive) on every visit, not only when JupyterLite's service worker wins a race.

The Pyodide kernel mounts the learner's files as /drive only if JupyterLite's service worker is registered when the
kernel is created (pyodide-kernel 0.6 reads `serviceWorkerManager.enabled` then, without waiting). On a return
visit JupyterLite 0.6 first unregisters every service worker of the site, because its first visit never recorded
the version it registered, and registers it again; a kernel created meanwhile started in /home/pyodide, where the
lesson's folder is empty and a file the learner saves is lost with the tab. The site's early kernel start
(tools/lite/early.py) made that race lost on every return visit. The build makes the kernel wait for the
registration (KERNEL_WAITS, at most WAIT_S), and the first registration record its version (VERSION_KEPT), so a
return visit keeps the registered worker instead of replacing it.
"""
from . import sources
from .patching import replace_exactly

WAIT_S = 10
KERNEL_PLUGIN = "create:async e=>{const{PyodideKernel:n}=await t.e(864).then(t.t.bind(t,864,23)),l="
KERNEL_WAITS = (KERNEL_PLUGIN,
                "create:async e=>{i&&navigator.serviceWorker&&await Promise.race([i.ready.catch((()=>{})),"
                f"new Promise((e=>setTimeout(e,{WAIT_S * 1000})))]);" + KERNEL_PLUGIN[len("create:async e=>{"):])
REGISTERED = 's=await t.register(e),console.info("JupyterLite ServiceWorker was sucessfully registered")'
#: ``d`` is JupyterLite's version in that module: what _unregisterOldServiceWorkers compares the record with.
VERSION_KEPT = (REGISTERED, REGISTERED.replace("s=await t.register(e),",
                                               "s=await t.register(e),localStorage.setItem(`${e}-version`,d),"))
VERSION_CHECK = "const t=`${e}-version`,s=localStorage.getItem(t);if(s&&s!==d||!s)"


def patch(site, kernel_folder):
    """Patch the kernel plugin in ``kernel_folder`` (KERNEL_WAITS) and each of JupyterLite's app bundles under
    ``site``/build that registers the service worker (VERSION_KEPT). Raises sources.SourceError when the code
    is not what this patches. Returns how many files it patched."""
    plugins = [p for p in sorted(kernel_folder.glob("*.js")) if "Pyodide contents will" in p.read_text()]
    bundles = [p for p in sorted((site / "build").glob("*.js")) if "ServiceWorker was sucessfully" in p.read_text()]
    if not plugins or not bundles:
        raise sources.SourceError("the site has no " + ("kernel plugin that mounts /drive" if not plugins else
                                                        "service worker manager") + " for tools/lite/drive.py")
    for path in plugins:
        replace_exactly(site, path, [KERNEL_WAITS], 1, "the kernel plugin of pyodide-kernel 0.6 that "
                        "tools/lite/drive.py patches (KERNEL_WAITS): check when it decides to mount /drive now")
    for path in bundles:
        replace_exactly(site, path, [VERSION_KEPT], 1, "JupyterLite 0.6's service worker manager that "
                        "tools/lite/drive.py patches (VERSION_KEPT): check how it keeps its version now",
                        also_ok=VERSION_CHECK in path.read_text())
    return len(plugins) + len(bundles)
