"""What a learner sees of a view, measured in the page: text sizes and boxes, overlaps, cut labels, slider
tracks, targets, digit images, and axe-core's accessibility verdict on the view's output area.

A canvas figure's text is pixels, not DOM text: such a figure states the smallest font size it drew, in CSS px
as shown (its drawn size times the canvas's CSS scale), in ``data-smallest-text`` on the canvas, and that size
is held to SMALLEST_TEXT like any SVG text. Control texts (labels, readouts, button words) are measured by the
box of their ink, not of their element: a label whose words spill out of its box over a neighbour's words, a
slider's handle or track, a button or a menu overlaps it.

    report = measure(view)                 # a dict; see MEASURE for every field
    problems = layout_problems(report)     # [] when the view fits its column and reads
    serious = axe_violations(page, view)   # axe-core's serious and critical violations inside the view
    entry = check_view(page, view)         # all of these at once, as a report's entry: entry["problems"]

The widths at which the course is checked (COLUMNS) are the output column's width in CSS px: a 360 px
phone in Voilà, JupyterLab at 800 px with the file browser open (368 px) or closed (620 px), Lab at
1280 px (848 px) and a 1920 px projector; every view is also checked in a 390 px and a 320 px phone's window
(PHONES). axe-core comes from the PyPI package axe-playwright-python
(pinned in requirements-dev.txt): its axe.min.js is injected into the page, nothing is fetched.

A figure wider than its column passes only inside a deliberate scroll region: the nearest element between
the figure and its output area (both included) that scrolls sideways must be focusable (tabindex=0, so the
arrow keys scroll it), a region (role=region) and named (aria-label), and fit the column itself; the text
it hides until scrolled is not counted as outside the visible output area.
"""
from pathlib import Path

COLUMNS = {"phone-360": 360, "lab-800-browser-open": 368, "lab-800": 620, "lab-1280": 848, "projector-1920": 1920}
PHONES = {"phone-390": 390, "phone-320": 320}     # narrower phones' windows (Voilà): every view is held there too
SMALLEST_TEXT = 11          # px: the font scale's smallest (widgets/figures/style.json)
MIN_TRACK, MIN_TARGET = 120, 24
OVERLAP = 1                 # px both ways: two texts closer than this do not overlap

MEASURE = """root => {
  const box = (e) => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  const out = {view: box(root), svgs: [], texts: [], images: [], cut: [], tracks: [], targets: [], wide: [], named: [],
               canvases: [], controls: []};
  const area = root.closest('.jp-OutputArea-output') || root.parentElement;
  const scroller = (svg) => {          // the nearest box up to the output area that scrolls the figure sideways
    for (let e = svg.parentElement; e; e = e.parentElement) {
      if (e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) {
        return {...box(e), focusable: e.getAttribute('tabindex') === '0', role: e.getAttribute('role') || '',
                name: (e.getAttribute('aria-label') || '').trim()};
      }
      if (e === area) return null;
    }
    return null;
  };
  for (const svg of root.querySelectorAll('svg[role=img]')) {
    const s = {...box(svg), label: svg.getAttribute('aria-label') || '', scroller: scroller(svg)};
    out.svgs.push(s);
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      const b = box(t);
      out.texts.push({text: t.textContent.trim(), size: parseFloat(getComputedStyle(t).fontSize), ...b,
                      scrolled: s.scroller !== null,
                      inside: b.x >= s.x - 0.5 && b.y >= s.y - 0.5 && b.x + b.w <= s.x + s.w + 0.5 && b.y + b.h <= s.y + s.h + 0.5});
    }
    for (const i of svg.querySelectorAll('image')) {
      const img = new Image(); img.src = i.getAttribute('href');
      const b = box(i), k = Math.min(b.w / img.naturalWidth, b.h / img.naturalHeight);
      out.images.push({w: img.naturalWidth * k, h: img.naturalHeight * k, square: img.naturalWidth > 0});
    }
  }
  for (const e of root.querySelectorAll('.widget-label, .widget-readout, button, .widget-toggle-button, select, .widget-html td, .widget-html th')) {
    if (e.offsetParent === null) continue;
    if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') out.cut.push(e.textContent.trim());
    const b = box(e);
    if (b.x + b.w > out.view.x + out.view.w + 1 || b.x < out.view.x - 1) out.wide.push(e.textContent.trim());
  }
  for (const s of root.querySelectorAll('.widget-slider')) {
    const track = s.querySelector('.slider-container'), label = s.querySelector('.widget-label');
    if (track) out.tracks.push({label: label ? label.textContent.trim() : '', w: box(track).w});
    const handle = s.querySelector('.noUi-handle'), shown = s.querySelector('.widget-readout');
    if (handle) out.named.push({label: label ? label.textContent.trim() : '', name: handle.getAttribute('aria-label'),
                                valuetext: handle.getAttribute('aria-valuetext'), shown: shown ? shown.textContent.trim() : null});
  }
  for (const e of root.querySelectorAll('button, select, .noUi-handle, input')) {
    if (e.offsetParent === null) continue;
    const b = box(e);
    out.targets.push({what: e.textContent.trim() || e.getAttribute('aria-label') || e.tagName, w: b.w, h: b.h});
  }
  for (const c of root.querySelectorAll('canvas[role=img]')) {
    if (c.offsetParent === null) continue;
    const stated = c.dataset.smallestText;
    out.canvases.push({...box(c), label: c.getAttribute('aria-label') || '', smallest: stated ? parseFloat(stated) : null,
                      scroller: scroller(c)});
  }
  const ink = (e) => { const r = document.createRange(); r.selectNodeContents(e); return box(r); };
  const texts = [], parts = [];
  for (const e of root.querySelectorAll('.widget-label, .widget-readout, button, .widget-toggle-button')) {
    if (e.offsetParent !== null && e.textContent.trim()) texts.push([e, e.textContent.trim(), ink(e)]);
  }
  for (const e of root.querySelectorAll('.noUi-handle, .noUi-target, select, button, input')) {
    const name = e.getAttribute('aria-label') || e.textContent.trim() || e.tagName.toLowerCase();
    if (e.offsetParent !== null) parts.push([e, name, box(e)]);
  }
  const apart = (a, b) => a.contains(b) || b.contains(a);
  const meet = (a, b) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 1 &&
                         Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 1;
  texts.forEach(([e, words, b], i) => {
    if (b.x < out.view.x - 1 || b.x + b.w > out.view.x + out.view.w + 1) out.controls.push([words, "the view's edge"]);
    for (const [f, other, c] of texts.slice(i + 1)) if (!apart(e, f) && meet(b, c)) out.controls.push([words, other]);
    for (const [f, other, c] of parts) if (!apart(e, f) && meet(b, c)) out.controls.push([words, other]);
  });
  out.area = box(area);
  return out;
}"""


def measure(view):
    """The MEASURE report of a view (a Playwright locator of its root element)."""
    return view.evaluate(MEASURE)


def overlaps(texts, slack=OVERLAP):
    """Pairs of texts whose boxes overlap by more than ``slack`` px both ways."""
    found = []
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > slack and dy > slack:
                found.append((a["text"], b["text"]))
    return found


def smallest_text(report):
    """The smallest font size (px) of any text in the view's figures (SVG text, and what a canvas figure states
    it drew), or None without one."""
    sizes = [t["size"] for t in report["texts"]] + [c["smallest"] for c in report.get("canvases", [])
                                                    if c["smallest"] is not None]
    return min(sizes, default=None)


def layout_problems(report):
    """What does not fit or read, as sentences; [] when the view passes every check."""
    area, problems = report["area"], []
    right = area["x"] + area["w"] + 0.5
    for t in report["texts"]:
        if not t["inside"]:
            problems.append(f"text {t['text']!r} sticks out of its figure")
        if not t.get("scrolled") and (t["x"] + t["w"] > right or t["x"] < area["x"] - 0.5):
            problems.append(f"text {t['text']!r} is outside the visible output area")
    problems += [f"texts {a!r} and {b!r} overlap" for a, b in overlaps(report["texts"])]
    size = smallest_text(report)
    if size is not None and size < SMALLEST_TEXT - 0.01:
        problems.append(f"the smallest text is {size:.1f} px (< {SMALLEST_TEXT})")
    problems += [f"a digit image is {i['w']:.1f} × {i['h']:.1f} px" for i in report["images"]
                 if i["square"] and abs(i["w"] - i["h"]) > 0.5]
    problems += [f"control text {c!r} is cut" for c in report["cut"]]
    problems += [f"control text {a!r} overlaps {b!r}" for a, b in report.get("controls", [])]
    problems += [f"control {c!r} reaches past the view" for c in report["wide"]]
    problems += [f"slider {s['label']!r} has a {s['w']:.0f} px track" for s in report["tracks"] if s["w"] < MIN_TRACK]
    problems += [f"target {t['what']!r} is {t['w']:.0f} × {t['h']:.0f} px" for t in report["targets"]
                 if t["w"] < MIN_TARGET - 0.5 or t["h"] < MIN_TARGET - 0.5]
    for n in report["named"]:
        if not n["name"]:
            problems.append(f"slider {n['label']!r} has no accessible name")
        if n["shown"] is not None and n["valuetext"] != n["shown"]:
            problems.append(f"slider {n['label']!r} says {n['valuetext']!r} to a screen reader but shows {n['shown']!r}")
    for s in report["svgs"] + report.get("canvases", []):
        if not s["label"].strip():
            problems.append("a figure has no text alternative (aria-label)")
        problems += scroll_problems(s, right)
    return problems


def scroll_problems(svg, right):
    """What is wrong with how a figure wider than its column (right edge ``right``) is shown, as sentences."""
    region = svg.get("scroller")
    if region is None:
        wider = svg["x"] + svg["w"] - right
        return [f"a figure is {wider:.0f} px wider than its column, with no scrollbar"] if wider > 0 else []
    problems = []
    missing = [what for what, ok in (("tabindex=0", region["focusable"]), ("role=region", region["role"] == "region"),
                                      ("an aria-label", region["name"])) if not ok]
    if missing:
        problems.append("a figure scrolls sideways in a box that is not a labelled, keyboard-reachable scroll "
                        f"region: it lacks {', '.join(missing)}")
    if region["x"] + region["w"] > right:
        problems.append(f"a scroll region is {region['x'] + region['w'] - right:.0f} px wider than its column")
    return problems


def check_view(page, view):
    """A view measured and checked, axe-core included: the figures a layout report keeps, and its problems."""
    report = measure(view)
    serious = axe_violations(page, view)
    problems = layout_problems(report) + [f"axe: {rule} at {node}" for rule, node in serious]
    return {"smallest_text": smallest_text(report), "problems": problems, "sliders_named": len(report["named"]),
            "axe_serious": len(serious), "figure_width": max((s["w"] for s in report["svgs"]), default=None),
            "column": report["area"]["w"], "narrowest_track": min((t["w"] for t in report["tracks"]), default=None)}


def axe_source():
    """axe-core's axe.min.js, as shipped by the pinned PyPI package axe-playwright-python."""
    import axe_playwright_python
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def axe_violations(page, element, impacts=("serious", "critical")):
    """axe-core's violations of ``impacts`` whose nodes lie inside ``element`` (a locator): [(rule, html)]."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    result = element.evaluate("""async (root) => {
        const r = await axe.run(root, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.html.slice(0, 160))}));
    }""")
    return [(v["id"], node) for v in result if v["impact"] in impacts for node in v["nodes"]]
