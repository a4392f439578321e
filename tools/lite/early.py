"""The site's kernel starts Python while JupyterLab loads, instead of after.

A page that opens a notebook (`lab/index.html?path=01_neuron_anatomy.ipynb`, or the notebooks app) used to load
JupyterLab (2-3 s), then create the kernel's worker, which then started Pyodide with its packages (2-3 s more): one
after the other, while the machine's other cores waited. The build adds a small script to those pages (PAGE_SCRIPT)
that creates the kernel's worker at once; the worker (WORKER_TAIL) starts Pyodide with the packages the site's
kernel preloads. When JupyterLab then starts the notebook's kernel, pyodide-kernel takes that worker instead of a
new one (the `new Worker` that WORKER finds asks `backpropEarlyKernel` first), and its start awaits the Pyodide
already under way (PYTHON_TAKEN) if it asks for the same one; otherwise, or if that start failed, it starts its own,
as before. The worker is taken once: a second notebook or a restarted kernel gets a new one. One nobody takes in
TAKE_WITHIN_S is stopped, to give back the memory a started Python holds.
"""
import json
import re

from . import sources
from .patching import replace_exactly

TAKE_WITHIN_S = 120
#: How pyodide-kernel 0.6's main-thread code creates the kernel's worker for a page that is not cross-origin isolated:
#: groups 1 the whole `new Worker(...)`, 2 the worker's URL, 3 its chunk's number.
WORKER = re.compile(r":(new Worker\((new URL\(n\.p\+n\.u\((\d+)\),n\.b\)),\{type:void 0\}\))")
PYTHON = "this._pyodide=await t({indexURL:i,...e.loadPyodideOptions})"
PYTHON_TAKEN = ("this._pyodide=await(self.backpropEarlyPython?self.backpropEarlyPython(i,e.loadPyodideOptions,t)"
                ":t({indexURL:i,...e.loadPyodideOptions}))")
WORKER_TAIL = """
;(function () {  /* backprop course: start Pyodide before the kernel asks (tools/lite/early.py) */
  var early;
  try { early = JSON.parse(self.name || "{}").backpropEarlyStart; } catch (error) { return; }
  if (!early) return;
  var key = JSON.stringify([early.indexURL, early.options]);
  importScripts(early.indexURL + "pyodide.js");
  var python = self.loadPyodide(Object.assign({indexURL: early.indexURL}, early.options));
  python.catch(function () {});
  self.backpropEarlyPython = function (indexURL, options, load) {
    self.backpropEarlyPython = null;
    function fresh() { return load(Object.assign({indexURL: indexURL}, options)); }
    if (JSON.stringify([indexURL, options]) !== key) {
      console.info("backprop: the kernel asked for another Pyodide than the early start's; starting it now");
      return fresh();
    }
    console.info("backprop: the kernel takes the Python started while the page loaded");
    return python.catch(function (error) {
      console.warn("backprop: the early start of Python failed (" + error + "); starting it again");
      return fresh();
    });
  };
})();
"""
PAGE_SCRIPT = """<script>
  /* backprop course: start the notebook's kernel worker while JupyterLab loads (tools/lite/early.py) */
  (function () {
    var path = new URLSearchParams(location.search).get("path") || "";
    if (!/\\.ipynb$/.test(path) || typeof Worker !== "function" || self.crossOriginIsolated) return;
    var config = document.getElementById("jupyter-config-data");
    var root = new URL((config.getAttribute("data-jupyter-lite-root") || "..") + "/", location.href);
    var url = new URL(%(worker)s, root).href;
    var early = {indexURL: new URL("static/pyodide/", root).href, options: %(options)s};
    var worker = new Worker(url, {name: JSON.stringify({backpropEarlyStart: early})});
    var unclaimed = setTimeout(function () { self.backpropEarlyKernel(""); }, %(within)d);
    self.backpropEarlyKernel = function (wanted) {
      var taken = worker;
      worker = null;
      clearTimeout(unclaimed);
      if (taken && wanted.split("?")[0] === url) return taken;   // pyodide-kernel adds ?v=<hash>
      if (taken) taken.terminate();
      return null;
    };
  })();
</script>
"""
PAGES = ("lab/index.html", "notebooks/index.html")
AFTER = "</script>\n"      # the page script goes after the page's first script (its config data)


def patch(site, kernel_folder, options):
    """Make ``site``'s notebook pages start the kernel's worker early: add PAGE_SCRIPT to each of PAGES, and to
    pyodide-kernel's scripts (in ``kernel_folder``) the hand-over. ``options``: the kernel's loadPyodideOptions.
    Raises sources.SourceError if pyodide-kernel's code is not what this patches. Returns the worker's file name."""
    mains = [(path, WORKER.search(path.read_text())) for path in sorted(kernel_folder.glob("*.js"))]
    mains = [(path, found) for path, found in mains if found]
    workers = [w for _, found in mains for w in kernel_folder.glob(f"{found.group(3)}.*.js")
               if not w.name.endswith(".LICENSE.txt")]
    what = ("those of 0.6 that tools/lite/early.py patches: check how its kernel creates its worker and starts "
            "Pyodide now")
    if len(mains) != 1 or len(workers) != 1 or workers[0].read_text().count(PYTHON) != 1:
        raise sources.SourceError(f"pyodide-kernel's scripts are not {what}")
    (main, found), worker = mains[0], workers[0]
    created, url = found.group(1, 2)
    replace_exactly(site, main, [(found.group(0), f":(self.backpropEarlyKernel&&self.backpropEarlyKernel({url}.href)"
                                                  f"||{created})")], 1, what)
    replace_exactly(site, worker, [(PYTHON, PYTHON_TAKEN)], 1, what)
    worker.write_text(worker.read_text() + WORKER_TAIL)
    script = PAGE_SCRIPT % {"worker": json.dumps(str(worker.relative_to(site))), "options": json.dumps(options),
                            "within": TAKE_WITHIN_S * 1000}
    for name in PAGES:
        page = site / name
        html = page.read_text()
        if 'id="jupyter-config-data"' not in html or AFTER not in html:
            raise sources.SourceError(f"{name} is not the JupyterLite page tools/lite/early.py adds its script to")
        page.write_text(html.replace(AFTER, AFTER + script, 1))
    return worker.name
