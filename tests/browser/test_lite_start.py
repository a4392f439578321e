"""The site's kernel starts Python while JupyterLab loads (tools/lite/early.py), still sees the learner's files on
every visit (tools/lite/drive.py), and a reload reopens the lesson in front (tools/lite/reopen.py).

Each test has a browser context of its own (a profile's service worker and storage are what a return visit keeps),
offline: Chromium resolves no host name.
"""
import re

import pytest
from playwright.sync_api import expect

from tools.lite import early

from tools.browser import lite as site
from tools.browser.lite import RUN_TIMEOUT, foreign, offline_context

pytestmark = pytest.mark.browser
LESSON = "01_neuron_anatomy.ipynb"
TAKEN = "the kernel takes the Python started while the page loaded"
KERNEL_WORKER = "/extensions/@jupyterlite/pyodide-kernel-extension/static/"
WHERE = "import os; print('KERNEL-AT', os.getcwd(), '01_neuron_anatomy.ipynb' in os.listdir('.'))"


@pytest.fixture
def tab(playwright, chromium):
    """A tab of a fresh offline browser (tools.browser.lite.offline_context); ``tab.said`` collects its console
    (the kernel's worker's too), ``tab.context.requests`` every URL asked for, ``tab.context.missing`` those
    answered 4xx or 5xx."""
    with offline_context(playwright, chromium) as context:
        page = context.new_page()
        page.said = []
        page.on("console", lambda message: page.said.append(message.text))
        yield page


def kernel_workers(page):
    return [w for w in page.workers if KERNEL_WORKER in w.url]


def open_lesson(page, server):
    """tools.browser.lite.open_lesson of lesson 01, with the console collected afresh."""
    page.said.clear()
    site.open_lesson(page, server, LESSON)


def run_in_first_cell(page, code, marker, nth=0):
    """Replace the first (or ``nth``) code cell's source with ``code``, run it, return its output holding ``marker``."""
    cell = page.locator(".jp-Notebook .jp-CodeCell").nth(nth)
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    output = cell.locator(".jp-OutputArea-output", has_text=marker)
    output.wait_for(timeout=RUN_TIMEOUT)
    return output.inner_text().strip()


def test_the_kernel_takes_the_early_python_and_sees_the_learners_files_on_every_visit(lite, tab):
    """Visit 2 is where JupyterLite 0.6 unregistered its service worker and the kernel, created meanwhile, started
    in /home/pyodide with none of the lessons (it did on every return visit once Python started early)."""
    tab.goto(f"{lite.url}/")                            # the site's root, as a learner arrives: it opens the lab
    tab.locator(".jp-Launcher").wait_for(timeout=RUN_TIMEOUT)
    for visit in (1, 2, 3):
        open_lesson(tab, lite)
        assert any(TAKEN in line for line in tab.said), f"visit {visit}: the kernel started a second Python"
        assert run_in_first_cell(tab, WHERE, "KERNEL-AT") == "KERNEL-AT /drive True", f"visit {visit}"
        assert not [line for line in tab.said if "NOT be synced" in line or "unregistering" in line], visit
        assert len(kernel_workers(tab)) == 1, f"visit {visit}: one worker for one kernel"
    assert foreign(tab.context.requests) == [] and tab.context.missing == [], "every file the site asks for is there"


def test_a_restarted_kernel_starts_its_own_python(lite, tab):
    open_lesson(tab, lite)
    first = kernel_workers(tab)
    tab.get_by_role("menuitem", name="Kernel", exact=True).click()
    tab.get_by_role("menuitem", name="Restart Kernel…").click()
    tab.locator(".jp-Dialog .jp-mod-accept", has_text="Restart").click()
    expect(tab.locator("#jp-main-statusbar").get_by_text("Idle")).to_be_visible(timeout=RUN_TIMEOUT)
    assert run_in_first_cell(tab, "print('RESTARTED', 6 * 7)", "RESTARTED") == "RESTARTED 42"
    assert sum(TAKEN in line for line in tab.said) == 1, "the early Python is taken once"
    assert first and kernel_workers(tab) and kernel_workers(tab)[0] is not first[0], "a new worker after a restart"


def test_a_page_without_a_notebook_starts_none_and_an_unclaimed_start_is_stopped(lite, tab):
    tab.goto(f"{lite.url}/lab/index.html")
    tab.locator(".jp-Launcher").wait_for(timeout=RUN_TIMEOUT)
    assert tab.evaluate("typeof self.backpropEarlyKernel") == "undefined" and kernel_workers(tab) == []
    # A notebook that is not there: the page starts the worker, no kernel ever takes it. The early start's
    # timer (TAKE_WITHIN_S) is caught, so that the test need not wait for it.
    tab.add_init_script("""const setTimeoutOfThePage = self.setTimeout; self.unclaimed = [];
        self.setTimeout = function (call, ms, ...rest) {
            if (ms === %d && String(call).includes('backpropEarlyKernel')) { self.unclaimed.push(call); return 0; }
            return setTimeoutOfThePage.call(this, call, ms, ...rest);
        };""" % (early.TAKE_WITHIN_S * 1000))
    with tab.expect_event("worker") as started:
        tab.goto(f"{lite.url}/lab/index.html?path=no_such_lesson.ipynb")
    worker = started.value
    assert KERNEL_WORKER in worker.url
    tab.locator(".jp-Dialog").wait_for(timeout=RUN_TIMEOUT)             # JupyterLab: the file is not there
    assert tab.evaluate("self.unclaimed.length") == 1
    with worker.expect_event("close"):
        tab.evaluate("self.unclaimed[0]()")
    assert kernel_workers(tab) == [] and tab.evaluate("self.backpropEarlyKernel('x')") is None


def test_a_reload_reopens_the_lesson_in_front_and_starts_its_python_early(lite, tab):
    """JupyterLite 0.6 dropped ?path= and restored no layout: a reload showed the launcher (tools/lite/reopen.py)."""
    tab.goto(f"{lite.url}/lab/index.html")
    tab.locator(".jp-DirListing-item", has_text=LESSON).first.dblclick()
    tab.locator("#jp-main-statusbar").get_by_text("Idle").wait_for(timeout=RUN_TIMEOUT)
    assert tab.url.endswith(f"/lab/index.html?path={LESSON}"), "the address names the lesson in front"
    tab.said.clear()
    tab.reload()
    expect(tab.locator(".jp-Notebook .jp-Cell").first).to_be_visible(timeout=RUN_TIMEOUT)
    tab.locator("#jp-main-statusbar").get_by_text("Idle").wait_for(timeout=RUN_TIMEOUT)
    assert tab.locator(".jp-mod-current .jp-DirListing-itemText, .lm-TabBar-tab.jp-mod-current",
                       has_text=LESSON).count() >= 1, "the lesson is open again, in front"
    assert any(TAKEN in line for line in tab.said), "its Python started while JupyterLab loaded"
    assert run_in_first_cell(tab, WHERE, "KERNEL-AT") == "KERNEL-AT /drive True"
    tab.keyboard.press("Escape")
    tab.get_by_role("menuitem", name="File", exact=True).click()
    tab.get_by_role("menuitem", name=re.compile("^Close and Shut Down Notebook")).click()
    tab.locator(".jp-Dialog .jp-mod-accept").click()             # "Shut down the notebook's kernel?": Ok
    expect(tab.locator(".jp-Notebook")).to_have_count(0)
    assert "path=" not in tab.url, "with no document in front the address names none"


def test_a_module_the_learner_writes_in_one_cell_imports_in_the_next(lite, tab):
    """/drive keeps one modification time, so Python's cached listing of it went stale: ModuleNotFoundError
    (tools/lite/build.py DRIVE_FRESH)."""
    open_lesson(tab, lite)
    assert run_in_first_cell(tab, "%%writefile helper_of_mine.py\nVALUE = 7\n", "helper_of_mine") == \
        "Writing helper_of_mine.py"
    assert run_in_first_cell(tab, "import helper_of_mine\nprint('HELPER', helper_of_mine.VALUE)", "HELPER",
                             nth=1) == "HELPER 7"


def test_the_address_follows_a_rename_and_names_no_file_that_failed_to_load(lite, tab):
    """A renamed lesson came back under its old name after a reload, and a wrong ?path= failed at every reload."""
    open_lesson(tab, lite)
    expect(tab).to_have_url(re.compile(rf"\?path={LESSON}$"))
    tab.get_by_role("menuitem", name="File", exact=True).click()
    tab.get_by_role("menuitem", name=re.compile("^Rename Notebook")).click()
    name = tab.locator(".jp-Dialog input")
    name.fill("my_neuron.ipynb")
    name.press("Enter")
    expect(tab).to_have_url(re.compile(r"\?path=my_neuron\.ipynb$"))
    tab.reload()
    expect(tab.locator(".lm-TabBar-tab.jp-mod-current", has_text="my_neuron.ipynb")).to_be_visible(timeout=RUN_TIMEOUT)
    tab.goto(f"{lite.url}/lab/index.html?path=no_such_lesson.ipynb")
    failed = tab.locator(".jp-Dialog", has_text="File Load Error")
    expect(failed).to_be_visible(timeout=RUN_TIMEOUT)
    failed.get_by_role("button", name=re.compile("^(Close|Ok)$")).click()
    expect(tab).not_to_have_url(re.compile("path="))
    tab.reload()
    tab.locator(".jp-Launcher").wait_for(timeout=RUN_TIMEOUT)
    tab.wait_for_timeout(1000)
    assert tab.locator(".jp-Dialog").count() == 0, "the reload does not fail again"
