"""A republished lesson reaches a learner who has a copy of it in their browser.

JupyterLite 0.6 keeps a notebook the learner saved (or that its autosave saved after they ran it) in the browser's
IndexedDB, and that copy hides the site's file of the same name for good: a corrected lesson never reached them. The
build stamps each lesson with its *edition*, a hash of its cells' types and sources (outputs and metadata left out),
in the notebook's metadata (``backprop_edition``, kept in every copy the learner saves), and writes EDITIONS: each
lesson's edition now, and the earlier ones its git history knows. Before JupyterLite starts (config-utils.js awaits
PAGE_SCRIPT's check, HOOK), each stored copy of a lesson whose edition is not today's is

- replaced by the new edition (the stored copy is deleted) when its cells equal the edition it came from: only
  outputs, or nothing, differ;
- otherwise kept under a clear name, ``<lesson> (your edits of an earlier edition).ipynb``, so the new edition opens
  under the lesson's name, and the page tells the learner both names.

A copy from before the stamps counts as unedited when its cells equal any edition EDITIONS knows. A lesson whose
edition changed since the browser's last visit (kept in its localStorage) is fetched again past the HTTP cache, where
a static host may let the old file stay fresh for minutes.
"""
import json
import subprocess
from pathlib import Path

from . import sources
from .patching import replace_exactly

EDITIONS = "backprop-editions.json"
STAMP = "backprop_edition"
KEPT_AS = " (your edits of an earlier edition)"
#: config-utils.js loads JupyterLite's bundle; the check runs first, with the page's final configuration.
HOOK = ("  const preloader = document.getElementById(LITE_MAIN);",
        "  if (self.backpropRepublished) await self.backpropRepublished(config);\n"
        "  const preloader = document.getElementById(LITE_MAIN);")
PAGE_SCRIPT = (Path(__file__).with_name("republish.js").read_text()
               .replace("%(stamp)s", STAMP).replace("%(editions)s", EDITIONS).replace("%(kept_as)s", KEPT_AS))
AFTER = "</script>\n"      # the page script goes after the page's first script (its config data)


def edition(notebook):
    """A notebook's edition: 32-bit FNV-1a over the UTF-16 code units of the JSON of its cells' types and sources
    (what the page script computes in the browser), as 8 hex digits."""
    cells = [[cell["cell_type"], "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]]
             for cell in notebook.get("cells", [])]
    text = json.dumps(cells, ensure_ascii=False, separators=(",", ":"))
    units = text.encode("utf-16-le")
    value = 0x811C9DC5
    for i in range(0, len(units), 2):
        value = ((value ^ (units[i] | units[i + 1] << 8)) * 0x01000193) & 0xFFFFFFFF
    return f"{value:08x}"


def earlier_editions(lesson, repo):
    """Editions of ``lesson`` (a path under ``repo``) in its git history, oldest first; [] without git."""
    lesson, repo = lesson.resolve(), repo.resolve()
    if not lesson.is_relative_to(repo):
        return []
    relative = str(lesson.relative_to(repo))
    log = subprocess.run(["git", "log", "--format=%H", "--", relative], cwd=repo, capture_output=True, text=True)
    found = []
    for commit in reversed(log.stdout.split()):
        shown = subprocess.run(["git", "show", f"{commit}:{relative}"], cwd=repo, capture_output=True, text=True)
        try:
            found.append(edition(json.loads(shown.stdout)))
        except (ValueError, KeyError):
            continue
    return list(dict.fromkeys(found))


def stamp(path):
    """Write ``path``'s edition into its metadata (STAMP); return the edition."""
    notebook = json.loads(path.read_text())
    notebook.setdefault("metadata", {})[STAMP] = current = edition(notebook)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")
    return current


def write_editions(folder, lessons, repo, known=None):
    """Stamp each staged lesson in ``folder`` (named as in ``lessons``, the sources under ``repo``) and return
    EDITIONS' content: {name: {"edition": now, "earlier": [...]}}; ``known``: earlier EDITIONS content to keep."""
    editions = {}
    for lesson in lessons:
        current = stamp(folder / lesson.name)
        earlier = [*(known or {}).get(lesson.name, {}).get("earlier", []), *earlier_editions(lesson, repo)]
        if known and lesson.name in known:
            earlier.append(known[lesson.name]["edition"])
        editions[lesson.name] = {"edition": current, "earlier": [e for e in dict.fromkeys(earlier) if e != current]}
    return editions


def patch(site, editions, apps):
    """Write EDITIONS into ``site``, the check into each of ``apps``' pages and its hook into config-utils.js."""
    (site / EDITIONS).write_text(json.dumps(editions, indent=1) + "\n")
    replace_exactly(site, site / "config-utils.js", [HOOK], 1, "JupyterLite 0.6's config-utils.js that "
                    "tools/lite/republish.py patches (HOOK): check how it loads the app's bundle now")
    for app in apps:
        page = site / app / "index.html"
        html = page.read_text()
        if 'id="jupyter-config-data"' not in html or AFTER not in html:
            raise sources.SourceError(f"{app}/index.html is not the JupyterLite page tools/lite/republish.py adds "
                                      "its script to")
        page.write_text(html.replace(AFTER, AFTER + "<script>\n" + PAGE_SCRIPT + "</script>\n", 1))


def republish(site, lessons, repo):
    """Put new editions of ``lessons`` into a built ``site`` without building it again: what a teacher's rebuild
    changes for them (the files, their listing, EDITIONS). The editions the site had become earlier ones."""
    known = json.loads((site / EDITIONS).read_text())
    listing_path = site / "api" / "contents" / "all.json"
    listing = json.loads(listing_path.read_text())
    for lesson in lessons:
        (site / "files" / lesson.name).write_bytes(lesson.read_bytes())
    fresh = write_editions(site / "files", lessons, repo, known)
    for entry in listing["content"]:
        if entry["name"] in fresh:
            entry["size"] = (site / "files" / entry["name"]).stat().st_size
    listing_path.write_text(json.dumps(listing, indent=2))
    (site / EDITIONS).write_text(json.dumps({**known, **fresh}, indent=1) + "\n")
