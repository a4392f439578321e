"""Fixtures of the real-browser tests: a copy of lessons/, JupyterLab and Voilà servers, Chromium.

Debian's Chromium (/usr/bin/chromium) is driven by Playwright. Without it the tests
skip, naming the install command, except in CI (env var CI set), where they fail.
Servers are shared by the whole session and always stopped, also after a failure.
"""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tools.browser import servers
from tools.browser.chromium import CHROMIUM, launch
from tools.browser.lite import lite_serve, offline_context, require_site
from tools.browser.page import ARTIFACTS, shoot

REPO = Path(__file__).resolve().parents[2]
LESSONS = REPO / "lessons"
INSTALL_HINT = f"the browser tests need Debian's Chromium at {CHROMIUM}: run `apt-get install -y chromium`"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real Chromium (deselect with -m 'not browser')")


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)      # lets the page fixture see a failure
    return report


def require_chromium(path=CHROMIUM, environ=os.environ):
    """``path`` if Chromium is there; else skip the test, or fail it when the env var CI is set."""
    if os.access(path, os.X_OK):
        return path
    hint = INSTALL_HINT.replace(CHROMIUM, str(path))
    if environ.get("CI"):
        pytest.fail(hint + " (CI is set, so a missing browser is a failure, not a skip)")
    pytest.skip(hint)


@pytest.fixture(scope="session")
def chromium():
    """The Chromium executable, or a skip (a failure in CI) that names the install command."""
    return require_chromium()


@pytest.fixture(scope="session")
def course_copy(tmp_path_factory):
    """A private copy of the Makefile, binder/ (make app's kernel spec, config and page template) and
    lessons/ (JupyterLab autosaves), sharing the set-up .venv."""
    course = tmp_path_factory.mktemp("course")
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):      # copy2 keeps the stamps' times
        shutil.copy2(REPO / name, course / name)
    (course / ".venv").symlink_to(REPO / ".venv")
    shutil.copytree(REPO / "binder", course / "binder")
    shutil.copytree(LESSONS, course / "lessons", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if subprocess.run(["make", "-q", ".venv/.installed"], cwd=course).returncode != 0:
        pytest.fail("the set-up in .venv is older than requirements.txt or pyproject.toml: run `make setup`")
    return course


@pytest.fixture(scope="session")
def lessons_copy(course_copy):
    return course_copy / "lessons"


def _serve(start, root, tmp_path_factory, name):
    home = tmp_path_factory.mktemp(name)
    server = start(root, home)
    try:
        yield server
    finally:
        server.stop()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(server.log_path, ARTIFACTS / f"{name}.log")


@pytest.fixture(scope="session")
def jupyterlab(chromium, lessons_copy, tmp_path_factory):
    """One JupyterLab server for the session, on a free 127.0.0.1 port, no token."""
    yield from _serve(servers.jupyterlab, lessons_copy, tmp_path_factory, "jupyterlab")


@pytest.fixture(scope="session")
def voila(chromium, lessons_copy, tmp_path_factory):
    """One Voilà server for the session, serving every lesson with its code hidden."""
    yield from _serve(servers.voila, lessons_copy, tmp_path_factory, "voila")


@pytest.fixture(scope="session")
def app_04(chromium, course_copy, tmp_path_factory):
    """What a teacher runs: `make app LESSON=04`, here on a free port in the copy of the course."""
    yield from _serve(lambda course, home: servers.make_app(course, home, "04"), course_copy,
                      tmp_path_factory, "make-app")


@pytest.fixture(scope="session")
def playwright(chromium):
    """The session's one Playwright: its sync API runs one instance at a time, so every browser shares it."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright, chromium, tmp_path_factory):
    """Headless Chromium with a fresh profile; empties test-artifacts/browser for this run's screenshots."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    context = launch(playwright, profile=tmp_path_factory.mktemp("chromium-profile"), executable=chromium)
    try:
        yield context
    finally:
        context.close()


def new_tab(context, request):
    """A new tab of ``context``; after a failed test its last state is saved as a screenshot."""
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        shoot(page, f"{request.node.name}-FAILED")
    page.close()


@pytest.fixture
def page(browser, request):
    """A new tab; after a failed test its last state is saved as a screenshot."""
    yield from new_tab(browser, request)


@pytest.fixture(scope="module")
def lite(chromium, tmp_path_factory):
    """dist/lite/ served on a free 127.0.0.1 port by the command `make lite-serve` runs."""
    yield from _serve(lite_serve, require_site(), tmp_path_factory, "lite-serve")


@pytest.fixture(scope="module")
def offline(playwright, chromium):
    """One offline context (tools.browser.lite.offline_context) for a module's tests."""
    with offline_context(playwright, chromium) as context:
        yield context


@pytest.fixture
def lite_page(offline, request):
    """A new tab of the offline context; after a failed test its last state is saved as a screenshot."""
    yield from new_tab(offline, request)
