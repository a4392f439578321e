"""A teacher republishes the site with corrected lessons; a learner who has copies in their browser gets them.

A private copy of dist/lite/ (its big folders linked, not copied) is served; in a fresh offline browser the learner
opens lesson 01, edits a cell and saves, and saves lesson 02 without an edit (as autosave does once they ran it).
The site's contents are then rebuilt with both lessons changed (tools/lite/republish.py republish(): what `make
lite` changes for them, without the rest of the build), and the learner reloads (tools/lite/republish.js).
"""
import json
import shutil

import pytest
from playwright.sync_api import expect

from tools.lite import republish

from tools.browser import lite as _lite
from tools.browser.lite import offline_context, require_site
from tools.browser.page import shoot
from .conftest import _serve

pytestmark = pytest.mark.browser
EDITED, UNEDITED = "01_neuron_anatomy.ipynb", "02_error_and_loss.ipynb"
KEPT = EDITED.replace(".ipynb", republish.KEPT_AS + ".ipynb")
NOTE = "# the learner's own note"
CORRECTION = "A corrected sentence of the new edition."
STORED = """async () => {
    const name = (await indexedDB.databases()).map(d => d.name).find(n => n.startsWith("JupyterLite Storage"));
    const db = await new Promise((ok, fail) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result);
                                                 r.onerror = () => fail(r.error); });
    const store = db.transaction("files").objectStore("files");
    const keys = await new Promise(ok => { const r = store.getAllKeys(); r.onsuccess = () => ok(r.result); });
    const copies = {};
    for (const key of keys) {
        const item = await new Promise(ok => { const r = db.transaction("files").objectStore("files").get(key);
                                                r.onsuccess = () => ok(r.result); });
        const cells = item.content && item.content.cells;
        copies[key] = cells ? cells.map(c => [].concat(c.source).join("")) : null;
    }
    db.close();
    return copies;
}"""


@pytest.fixture
def site(tmp_path):
    """A copy of the built site whose contents a test may rebuild: files/, api/ and the editions copied, the rest
    linked."""
    built, copy = require_site(), tmp_path / "site"
    copy.mkdir()
    for entry in built.iterdir():
        if entry.name in ("files", "api", republish.EDITIONS, "config-utils.js"):
            (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, copy / entry.name)
        else:
            (copy / entry.name).symlink_to(entry)
    return copy


@pytest.fixture
def served(chromium, site, tmp_path_factory):
    yield from _serve(_lite.lite_serve, site, tmp_path_factory, "lite-republish")


def new_edition(site, name, folder):
    """``name`` as the site has it, with a sentence added to its first cell: the teacher's correction."""
    notebook = json.loads((site / "files" / name).read_text())
    first = notebook["cells"][0]
    first["source"] = "".join(first["source"]) + "\n\n" + CORRECTION
    path = folder / name
    path.write_text(json.dumps(notebook, indent=1))
    return path


def open_in_lab(page, server, name):
    page.goto(f"{server.url}/lab/index.html?path={name}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=_lite.RUN_TIMEOUT)


def save(page):
    page.locator(".jp-Notebook").first.click()
    page.keyboard.press("Control+s")
    expect(page.locator(".jp-mod-current.jp-mod-dirty")).to_have_count(0, timeout=30_000)
    page.wait_for_timeout(500)


def test_a_republished_lesson_replaces_an_unedited_copy_and_keeps_an_edited_one_under_a_clear_name(
        playwright, chromium, served, site, tmp_path):
    with offline_context(playwright, chromium) as context:
        page = context.new_page()
        open_in_lab(page, served, UNEDITED)
        save(page)                                          # saved as it came: cells equal to its edition
        open_in_lab(page, served, EDITED)
        page.locator(".jp-Notebook .jp-CodeCell .cm-content").first.click()
        page.keyboard.press("Control+Home")
        page.keyboard.insert_text(NOTE + "\n")
        save(page)
        stored = page.evaluate(STORED)
        assert NOTE in "".join(stored[EDITED]) and UNEDITED in stored, "the learner's copies were not saved"

        republish.republish(site, [new_edition(site, name, tmp_path) for name in (EDITED, UNEDITED)], _lite.REPO)
        open_in_lab(page, served, EDITED)
        notice = page.locator("#backprop-republished")
        expect(notice).to_be_visible()
        shoot(page, "lite-republished-notice")
        expect(notice).to_contain_text(f"kept as “{KEPT}”")
        expect(notice).to_contain_text(f"new edition of {UNEDITED}: it replaced your copy")
        expect(page.locator(".jp-Notebook .jp-Cell").first).to_contain_text(CORRECTION)   # the new edition is open
        stored = page.evaluate(STORED)
        assert EDITED not in stored and UNEDITED not in stored, "the old copies still hide the new editions"
        assert NOTE in "".join(stored[KEPT]) and CORRECTION not in "".join(stored[KEPT]), "the learner's edits are lost"

        open_in_lab(page, served, UNEDITED)
        expect(page.locator(".jp-Notebook .jp-Cell").first).to_contain_text(CORRECTION)
        assert page.locator("#backprop-republished").count() == 0, "the learner is told once, not at every visit"
        open_in_lab(page, served, KEPT)
        expect(page.locator(".jp-Notebook")).to_contain_text(NOTE.removeprefix("# "))
