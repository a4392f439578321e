"""The zero-install site (`make lite`): the course runs in Pyodide, offline, in Chromium.

A REPL in the site imports every module of the package and builds every view; lesson 01 runs
top to bottom and a weight slider moves z and a to the core's numbers; lesson 04 runs and its
blame view answers a slider. No request may leave 127.0.0.1: Chromium resolves no host name,
and the context's request log is checked after every test. A known gap waiting for other work
would be xfail, with its reason (tools.browser.lite.WAITING: none today).
"""
import json
import pkgutil
import re
from urllib.parse import quote

import numpy as np
import pytest
from playwright.sync_api import expect

import backprop
import backprop.widgets

from tools.browser.lite import RUN_TIMEOUT, drag, drag_first_slider, foreign, reveal, run_lesson, xfail_if_waiting
from tools.browser.page import VIEW, expect_readout, find_view, nudge, shoot, shoot_element, slider
from tools.lite.lock import SERVER_SIDE
from .test_jupyterlab import neuron_z_a, read_neuron

pytestmark = pytest.mark.browser
MODULES = sorted(m.name for package in (backprop, backprop.widgets)
                 for m in pkgutil.walk_packages(package.__path__, f"{package.__name__}.") if m.name not in SERVER_SIDE)
VIEWS = list(backprop.widgets.__all__)
PROBE = """import importlib, json, pkgutil, sys
import numpy, backprop, backprop.widgets
from backprop.data import load_digits
def attempt(call):
    try:
        call()
        return "ok"
    except Exception as error:
        return f"{type(error).__name__}: {error}"
report = {"numpy": numpy.__version__, "modules": {}, "views": {},
          "digits": list(load_digits().X_train.shape), "sklearn": "sklearn" in sys.modules}
for name in backprop.widgets.__all__:
    report["views"][name] = attempt(lambda: getattr(backprop.widgets, name)())
report["train"] = attempt(lambda: backprop.widgets.TrainingDashboard(epochs=1).train())
report["matplotlib imported by the views"] = "matplotlib" in sys.modules
for info in pkgutil.walk_packages(backprop.__path__, "backprop."):     # backprop.widgets is inside, here
    report["modules"][info.name] = attempt(lambda: importlib.import_module(info.name))
import matplotlib                # the kernel loaded it before the cell ran, as it does for a lesson's cell
report["matplotlib"] = matplotlib.__version__
report["path"] = [sys.path.count(""), sys.path[-1], __import__("os").getcwd()]
with open("lite_probe_module.py", "w") as module:           # a learner's own module, in their files
    module.write("VALUE = 42\\n")
importlib.invalidate_caches()
report["own module"] = attempt(lambda: importlib.import_module("lite_probe_module").VALUE == 42 or 1 / 0)
def from_bytecode(name):       # the build's .pyc: this Python's magic number, hash-based and unchecked (flags 1)
    with open(sys.modules[name].__cached__, "rb") as cached:
        header = cached.read(8)
    return header[:4] == importlib.util.MAGIC_NUMBER and int.from_bytes(header[4:8], "little") == 1
import importlib.util, IPython, matplotlib.pyplot
report["bytecode"] = {name: attempt(lambda: None if from_bytecode(name) else 1 / 0)
                      for name in ("IPython", "matplotlib.pyplot", "backprop.network")}
import inspect
report["stdlib"] = [json.__file__.rsplit("/", 2)[-2:], "def dumps(" in inspect.getsource(json.dumps)]
print("LITE" "-REPORT", json.dumps(report))
"""


@pytest.fixture(scope="module")
def pyodide_report(lite, offline):
    """What Pyodide says about the package in the site's REPL: versions, each module, each view."""
    page = offline.new_page()
    try:
        page.goto(f"{lite.url}/repl/index.html?kernel=python&toolbar=1&code={quote(PROBE)}")
        line = page.locator(".jp-OutputArea-output", has_text="LITE-REPORT").first
        line.wait_for(timeout=RUN_TIMEOUT)
        shoot(page, "lite-repl-probe")
        return json.loads(line.inner_text().split("LITE-REPORT", 1)[1])
    finally:
        page.close()


def test_the_course_runs_on_pyodides_own_numpy_and_matplotlib(pyodide_report):
    assert (pyodide_report["numpy"], pyodide_report["matplotlib"]) == ("2.0.2", "3.8.4")
    assert pyodide_report["digits"] == [1438, 64], "load_digits() reads the digits shipped in the package"
    assert pyodide_report["sklearn"] is False, "the course must not need scikit-learn in the browser"


def test_the_views_need_no_matplotlib_which_loads_when_a_cell_imports_it(pyodide_report):
    assert pyodide_report["matplotlib imported by the views"] is False, \
        "import backprop and every view must not import matplotlib: the site loads it only for a cell that does"
    assert pyodide_report["matplotlib"] == "3.8.4"


def test_the_learners_folder_is_last_on_sys_path_and_their_modules_still_import(pyodide_report):
    assert pyodide_report["path"] == [1, "", "/drive"], "tools/lite/build.py DRIVE_LAST: '' once, at the end"
    assert pyodide_report["own module"] == "ok", f"import of a module in the learner's files: {pyodide_report['own module']}"


@pytest.mark.parametrize("module", MODULES)
def test_every_module_imports_in_pyodide(pyodide_report, module):
    result = pyodide_report["modules"].get(module, "not found in the site's package")
    xfail_if_waiting(result)
    assert result == "ok", f"import {module} in Pyodide: {result}"


def test_the_server_side_modules_are_left_out_of_the_site(pyodide_report):
    assert SERVER_SIDE and not set(SERVER_SIDE) & set(pyodide_report["modules"])
    assert set(MODULES) <= set(pyodide_report["modules"])


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_builds_in_pyodide(pyodide_report, view):
    result = pyodide_report["views"][view]
    xfail_if_waiting(result)
    assert result == "ok", f"{view}() in Pyodide: {result}"


def test_pyodide_imports_the_bytecode_the_build_compiled(pyodide_report):
    assert pyodide_report["bytecode"] == {"IPython": "ok", "matplotlib.pyplot": "ok", "backprop.network": "ok"}, \
        "each module's __cached__ .pyc is the build's, with this Python's magic number (tools/lite/bytecode.py)"
    assert pyodide_report["stdlib"] == [["json", "__init__.pyc"], True], \
        "the standard library's json comes from the .pyc in python_stdlib.zip, and its source still shows"


def test_the_training_dashboard_trains_in_pyodide(pyodide_report):
    xfail_if_waiting(pyodide_report["train"])
    assert pyodide_report["train"] == "ok", f"TrainingDashboard(epochs=1).train() in Pyodide: {pyodide_report['train']}"


PIP = """%pip install pytz
import pytz, piplite.piplite as settings
print("PIP" "-REPORT", pytz.__name__, settings._PIPLITE_DISABLE_PYPI, len(settings._PIPLITE_URLS))
%pip install surely-not-a-package-of-this-site
"""


def test_pip_installs_from_the_site_and_never_asks_pypi(lite, offline, lite_page):
    """piplite gets the site's settings when a %pip line first imports it (tools/lite/build.py PIPLITE_LATER)."""
    asked = len(offline.requests)
    lite_page.goto(f"{lite.url}/repl/index.html?kernel=python&toolbar=1&code={quote(PIP)}")
    report = lite_page.locator(".jp-OutputArea-output", has_text="PIP-REPORT").first
    report.wait_for(timeout=RUN_TIMEOUT)
    name, pypi_off, indexes = report.inner_text().split("PIP-REPORT", 1)[1].split()
    assert (name, pypi_off) == ("pytz", "True") and int(indexes) >= 1, "piplite has the site's wheel index, PyPI off"
    expect(lite_page.locator(".jp-OutputArea-output", has_text="surely-not-a-package-of-this-site").first
           ).to_be_visible(timeout=RUN_TIMEOUT)
    assert foreign(offline.requests[asked:]) == [], "with PyPI off, a missing package must not be looked up there"


def test_opening_a_lesson_raises_no_error_in_the_page(lite, lite_page):
    errors = []
    lite_page.on("pageerror", lambda error: errors.append(str(error)))
    lite_page.goto(f"{lite.url}/lab/index.html?path=02_error_and_loss.ipynb")
    lite_page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for(timeout=RUN_TIMEOUT)
    lite_page.wait_for_timeout(1000)                   # what JupyterLab does once the page is idle
    assert errors == [], f"uncaught errors in the page: {errors[:3]}"


def test_lesson_01_runs_and_a_weight_moves_z_and_a(lite, offline, lite_page):
    run_lesson(lite_page, lite, "01_neuron_anatomy.ipynb")
    view = reveal(find_view(lite_page, "weight w1"))
    x, w, b, activation = read_neuron(view)
    k = int(np.argmax(np.abs(x)))                 # the weight whose input is largest moves z the most
    expect_readout(view, "z", neuron_z_a(x, w, b, activation)[0])
    shoot_element(view, "lite-01-before")
    direction = drag(view, f"weight w{k + 1}")
    expect(slider(view, f"weight w{k + 1}").locator(".widget-readout")).not_to_have_text(f"{w[k]:.2f}")
    x_new, w_new, b_new, _ = read_neuron(view)
    assert np.sign(w_new[k] - w[k]) == direction and (x_new == x).all() and b_new == b
    z_new, a_new = neuron_z_a(x_new, w_new, b_new, activation)
    expect_readout(view, "z", z_new)
    expect_readout(view, "a = f(z)", a_new)
    shoot_element(view, "lite-01-weight-moved")
    assert foreign(offline.requests) == []


def test_lesson_01s_view_answers_the_keyboard(lite, offline, lite_page):
    """A focused slider takes the arrow keys, the activation list ArrowDown, a prediction's buttons Space and
    Enter, as in JupyterLab and Voilà: JupyterLab 4.4's notebook would take the arrows in command mode and move
    its selection instead (tools/lite/build.py, SHORTCUTS, hands them to the focused control)."""
    run_lesson(lite_page, lite, "01_neuron_anatomy.ipynb")
    view = reveal(find_view(lite_page, "weight w1"))
    x, w, b, activation = read_neuron(view)
    readout = slider(view, "weight w1").locator(".widget-readout")
    expect(readout).to_have_text(f"{w[0]:.2f}")
    direction = nudge(view, "weight w1")                       # focus the handle, press ArrowRight
    expect(readout).not_to_have_text(f"{w[0]:.2f}")
    _, w_new, _, _ = read_neuron(view)
    assert np.sign(w_new[0] - w[0]) == direction and abs(w_new[0] - w[0]) < 0.1, "one key press, one small step"
    expect_readout(view, "z", neuron_z_a(x, w_new, b, activation)[0])
    assert "noUi-handle" in lite_page.evaluate("document.activeElement.className"), "the slider keeps the focus"
    select = view.locator("select").first
    select.focus()
    lite_page.keyboard.press("ArrowDown")
    expect(select).not_to_have_value(activation)
    expect_readout(view, "z", neuron_z_a(x, w_new, b, select.input_value())[0])
    expect_readout(view, "a = f(z)", neuron_z_a(x, w_new, b, select.input_value())[1])
    prediction = reveal(lite_page.locator(".widget-vbox").filter(has=lite_page.locator(".widget-toggle-buttons")).first)
    option = prediction.locator(".widget-toggle-button").first
    option.focus()
    lite_page.keyboard.press("Space")
    expect(option).to_have_class(re.compile(r"\bmod-active\b"))
    prediction.get_by_role("button", name="Check").focus()
    lite_page.keyboard.press("Enter")
    expect(prediction).to_contain_text(re.compile(r"Right|Not quite"))
    shoot_element(view, "lite-01-keyboard")
    assert foreign(offline.requests) == []


def test_lesson_04_runs_and_the_blame_view_answers_a_slider(lite, offline, lite_page):
    run_lesson(lite_page, lite, "04_hidden_layer_blame.ipynb")
    view = reveal(lite_page.locator(VIEW).filter(has=lite_page.locator(".widget-slider")).first)   # not a Prediction
    drag_first_slider(view)
    shoot_element(view, "lite-04-slider-moved")
    assert foreign(offline.requests) == []


def test_no_request_leaves_loopback(pyodide_report, offline):
    asked = offline.requests
    assert any(u.endswith("/pyodide.asm.wasm") for u in asked), "the log must see the kernel's worker load Pyodide"
    assert any("/numpy-2.0.2-" in u for u in asked), "the log must see the wheels Pyodide loads"
    assert foreign(asked) == [], f"requests beyond 127.0.0.1: {foreign(asked)[:10]}"


def test_the_kernel_loads_pyodide_through_the_browsers_cache_not_the_service_worker(pyodide_report, offline):
    """Chromium keeps the compiled pyodide.asm.wasm only for a response of its own HTTP cache: one a service
    worker made is compiled again at every start (tools/lite/build.py, SERVICE_WORKER)."""
    assert any(u.endswith("/pyodide.asm.wasm") for u in offline.requests)
    served = [u for u in offline.from_service_worker if "/static/" in u or "/build/" in u or "/extensions/" in u]
    assert served == [], f"the service worker answered the site's files: {served[:5]}"
