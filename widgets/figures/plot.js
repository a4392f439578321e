// The course's live figure: panels (axes) and marks (lines, points, bars, text …) drawn as SVG.
// Python (backprop.widgets.figures) sends every number, colour, tick and word; this module only
// places them on screen: no maths, nothing computed but pixel positions. anywidget's render API only.
// MARKS draws each mark type declared in marks.json (tests/widgets/test_figures_declared.py checks it).
// The figure reflows with its column: text keeps its CSS size (style.json's font scale), panels stack
// when the column is too narrow for them side by side, margins follow the labels, ticks are thinned
// until their labels do not touch. Colours named by meaning follow the page's light or dark theme.
const STYLE = __STYLE__;
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const pick = (v, i) => (Array.isArray(v) ? v[i] : v);
const px = (v) => Math.round(v * 10) / 10;
const ok = (...vs) => vs.every((v) => v !== null && Number.isFinite(v));
const TRAITS = ["width", "height", "panels", "backdrop", "marks", "title", "description"];
const FAMILY = "DejaVu Sans, Verdana, sans-serif";
const paint = (c) => (c && c[0] !== "#" && c !== "none" && c in STYLE.colours ? `var(--bp-${c})` : c);
let ruler = null;

function measure(words, size) {                     // the width of one line of text, in CSS px
  ruler = ruler || document.createElement("canvas").getContext("2d");
  ruler.font = `${size}px ${FAMILY}`;
  return ruler.measureText(String(words)).width;
}
const widest = (lines, size) => Math.max(0, ...lines.map((l) => measure(l, size)));

function wrap(words, room, size) {                  // words broken into lines no wider than room
  const lines = [];
  for (const part of String(words).split("\n")) {
    let line = "";
    for (const word of part.split(" ")) {
      const next = line ? `${line} ${word}` : word;
      if (line && measure(next, size) > room) [lines[lines.length], line] = [line, word];
      else line = next;
    }
    lines.push(line);
  }
  return lines;
}

function scale([lo, hi], log, from, to) {
  const f = log ? Math.log10 : (v) => v, a = f(lo), b = f(hi);
  return (v) => (v === null ? NaN : from + ((f(v) - a) / (b - a)) * (to - from));
}

// ---- layout: cells from the panels' rects, stacked when the column is narrow, margins from the text ----
function columns(panels) {
  const order = panels.map((p, i) => i).sort((i, j) => panels[i].rect[0] - panels[j].rect[0]), cols = [];
  for (const i of order) {
    const [l, , w] = panels[i].rect, col = cols.find((c) => l < c.right - 0.02 && l + w > c.left + 0.02);
    if (col) [col.members, col.right] = [[...col.members, i], Math.max(col.right, l + w)];
    else cols.push({ left: l, right: l + w, members: [i] });
  }
  return cols;
}

function spans(ranges) {                            // [start, end] per range, stretched to meet its neighbours
  const order = ranges.map((r, i) => i).sort((i, j) => ranges[i][0] - ranges[j][0]), out = [];
  order.forEach((i, n) => {
    const prev = n ? ranges[order[n - 1]] : null, next = n < order.length - 1 ? ranges[order[n + 1]] : null;
    out[i] = [prev ? (prev[1] + ranges[i][0]) / 2 : 0, next ? (ranges[i][1] + next[0]) / 2 : 1];
  });
  return out;
}

function margins(p, fs) {
  if (p.frame === false) return { left: 4, right: 4, top: p.title ? fs.title * 1.4 + 6 : 4, bottom: 4 };
  const ytick = widest(p.yticks.map((t) => t[1]), fs.tick);
  return { left: 10 + ytick + (p.ylabel ? fs.label * 1.3 + 6 : 0), right: 14,
           top: p.title ? fs.title * 1.4 + 8 : 10, bottom: 6 + fs.tick * 1.8 + (p.xlabel ? fs.label * 1.3 + 6 : 0) };
}

function layout(panels, W, design, fs, top) {
  const [W0, H0] = design, cols = columns(panels);
  const stacked = cols.length > 1 && W / cols.length < STYLE.layout.min_panel;
  const grow = Math.min(Math.max(W / W0, 1), 1.6), cells = [];
  const colSpans = spans(cols.map((c) => [c.left, c.right]));
  let y = top;
  cols.forEach((col, c) => {
    const rows = spans(col.members.map((i) => [1 - panels[i].rect[1] - panels[i].rect[3], 1 - panels[i].rect[1]]));
    const order = col.members.map((i, r) => r).sort((a, b) => rows[a][0] - rows[b][0]);
    for (const r of order) {
      const [rs, re] = rows[r];
      if (stacked) {
        const h = Math.max(150, (re - rs) * H0);
        cells[col.members[r]] = { x0: 0, x1: W, y0: y, y1: y + h };
        y += h;
      } else {
        const h = H0 * grow;
        cells[col.members[r]] = { x0: colSpans[c][0] * W, x1: colSpans[c][1] * W, y0: top + rs * h, y1: top + re * h };
      }
    }
  });
  const height = stacked ? y : top + H0 * grow;
  const frames = panels.map((p, i) => {
    const cell = cells[i], m = margins(p, fs);
    const f = { left: cell.x0 + m.left, right: cell.x1 - m.right, top: cell.y0 + m.top, bottom: cell.y1 - m.bottom, cell };
    f.x = scale(p.xlim, p.xscale === "log", f.left, f.right);
    f.y = scale(p.ylim, p.yscale === "log", f.bottom, f.top);
    return f;
  });
  return { frames, height };
}

function thin(ticks, at, room) {                    // every k-th tick, k the least that keeps labels apart
  for (let k = 1; k <= ticks.length; k++) {
    const kept = ticks.filter((t, i) => i % k === 0);
    if (kept.every((t, i) => !i || Math.abs(at(t) - at(kept[i - 1])) >= room(t, kept[i - 1]))) return kept;
  }
  return ticks.slice(0, 1);
}

// ---- drawing ----------------------------------------------------------------------------------------
function text(g, x, y, words, { anchor = "middle", base = "middle", size = 12, color = "ink", halo = false } = {}) {
  const lines = Array.isArray(words) ? words : String(words).split("\n"), line = 1.15 * size;
  const w = widest(lines, size), left = anchor === "start" ? x : anchor === "end" ? x - w : x - w / 2;
  x += left < 2 || w > g.W - 4 ? 2 - left : Math.min(0, g.W - 2 - (left + w));     // the box stays in the figure
  const high = base === "middle" ? y - (lines.length * line) / 2 : base === "hanging" ? y : y - line;
  y += Math.max(0, 2 - high) + Math.min(0, g.H - 2 - (high + lines.length * line));
  const shift = base === "middle" ? -(lines.length - 1) * 0.575 : 0;
  const spans = lines.map((t, i) => `<tspan x="${px(x)}" dy="${i ? 1.15 : shift}em">${esc(t)}</tspan>`).join("");
  const extra = halo ? ' stroke="var(--bp-paper)" stroke-width="7" stroke-linejoin="round" paint-order="stroke"' : "";
  return `<text x="${px(x)}" y="${px(y)}" text-anchor="${anchor}" dominant-baseline="${base}" font-size="${px(size)}" ` +
    `fill="${paint(color)}"${extra}>${spans}</text>`;
}

function axes(g, panel, f) {
  const fs = g.fs, mid = (f.left + f.right) / 2, title = panel.title ? wrap(panel.title, f.cell.x1 - f.cell.x0 - 8, fs.title) : [];
  if (panel.frame === false) return title.length ? text(g, mid, f.top - 4, title, { base: "auto", size: fs.title }) : "";
  let s = `<rect x="${px(f.left)}" y="${px(f.top)}" width="${px(f.right - f.left)}" height="${px(f.bottom - f.top)}" fill="none" stroke="var(--bp-muted)"/>`;
  const xticks = thin(panel.xticks, (t) => f.x(t[0]), (a, b) => (measure(a[1], fs.tick) + measure(b[1], fs.tick)) / 2 + 8);
  const yticks = thin(panel.yticks, (t) => f.y(t[0]), () => fs.tick * 1.3);
  for (const [v, label] of xticks) {
    const x = px(f.x(v));
    s += `<line x1="${x}" x2="${x}" y1="${px(f.bottom)}" y2="${px(f.bottom + 4)}" stroke="var(--bp-muted)"/>` + text(g, x, f.bottom + 4 + fs.tick * 0.6, label, { base: "hanging", size: fs.tick });
  }
  for (const [v, label] of yticks) {
    const y = px(f.y(v));
    s += `<line x1="${px(f.left - 4)}" x2="${px(f.left)}" y1="${y}" y2="${y}" stroke="var(--bp-muted)"/>` + text(g, f.left - 6, y, label, { anchor: "end", size: fs.tick });
  }
  if (panel.xlabel) s += text(g, mid, f.bottom + 8 + fs.tick * 1.8, panel.xlabel, { base: "hanging", size: fs.label });
  if (panel.ylabel) {
    const x = f.cell.x0 + 4 + fs.label * 0.6;
    s += `<g transform="translate(${px(x)},${px((f.top + f.bottom) / 2)}) rotate(-90)">` +
      `<text text-anchor="middle" dominant-baseline="middle" font-size="${px(fs.label)}" fill="var(--bp-ink)">${esc(panel.ylabel)}</text></g>`;
  }
  if (title.length) s += text(g, mid, f.top - 6, title, { base: "auto", size: fs.title });
  return s;
}

function marker(shape, x, y, r, color, edge) {
  if (!ok(x, y)) return "";
  color = paint(color);
  if (shape === "x") return `<path d="M${px(x - r)},${px(y - r)}L${px(x + r)},${px(y + r)}M${px(x - r)},${px(y + r)}L${px(x + r)},${px(y - r)}" stroke="${color}" stroke-width="2"/>`;
  const fill = shape === "ring" ? "var(--bp-paper)" : color, stroke = shape === "ring" ? color : paint(edge) || color;
  return `<circle cx="${px(x)}" cy="${px(y)}" r="${r}" fill="${fill}" stroke="${stroke}" stroke-width="${shape === "ring" ? 2 : 1}"/>`;
}

function path(xs, ys, f) {
  let d = "", pen = "M";
  xs.forEach((x, i) => {
    const X = f.x(x), Y = f.y(ys[i]);
    if (ok(X, Y)) [d, pen] = [d + `${pen}${px(X)},${px(Y)}`, "L"];
    else pen = "M";
  });
  return d;
}

const MARKS = {
  line: (m, f, g) => `<path d="${path(m.x, m.y, f)}" fill="none" stroke="${paint(m.color)}" stroke-width="${m.width}" opacity="${m.opacity}"` +
    `${m.dash ? ' stroke-dasharray="5 3"' : ""} stroke-linecap="round"/>` + (m.marker ? MARKS.points({ ...m, shape: m.marker }, f, g) : ""),
  points: (m, f, g) => m.x.map((x, i) => marker(m.shape, f.x(x), f.y(m.y[i]), pick(m.size, i) * (g ? g.grow : 1), pick(m.color, i), m.edge)).join(""),
  segments: (m, f) => m.x0.map((x, i) => `<line x1="${px(f.x(x))}" y1="${px(f.y(m.y0[i]))}" x2="${px(f.x(m.x1[i]))}" ` +
    `y2="${px(f.y(m.y1[i]))}" stroke="${paint(pick(m.color, i))}" stroke-width="${pick(m.width, i)}" opacity="${m.opacity}" stroke-linecap="round"/>`).join(""),
  bars: (m, f) => m.x.map((x, i) => {
    const left = f.x(x - m.width / 2), right = f.x(x + m.width / 2), a = f.y(pick(m.bottom, i)), b = f.y(m.top[i]);
    return ok(left, a, b) ? `<rect x="${px(left)}" y="${px(Math.min(a, b))}" width="${px(right - left)}" ` +
      `height="${px(Math.abs(a - b))}" fill="${paint(pick(m.color, i))}"/>` : "";
  }).join(""),
  rect: (m, f) => {
    const x0 = m.x0 === null ? f.left : f.x(m.x0), x1 = m.x1 === null ? f.right : f.x(m.x1);
    const y0 = m.y0 === null ? f.bottom : f.y(m.y0), y1 = m.y1 === null ? f.top : f.y(m.y1);
    return `<rect x="${px(Math.min(x0, x1))}" y="${px(Math.min(y0, y1))}" width="${px(Math.abs(x1 - x0))}" ` +
      `height="${px(Math.abs(y1 - y0))}" fill="${paint(m.color)}" opacity="${m.opacity}"/>`;
  },
  text: (m, f, g) => m.text.map((t, i) => {
    const axes = m.coords === "axes", x = axes ? f.left + m.x[i] * (f.right - f.left) : f.x(m.x[i]);
    const y = axes ? f.bottom - m.y[i] * (f.bottom - f.top) : f.y(m.y[i]);
    const size = Math.max(STYLE.font.smallest, m.size) * g.grow;
    return ok(x, y) ? text(g, x, y, t, { anchor: m.anchor, base: m.baseline, size, color: pick(m.color, i), halo: m.halo }) : "";
  }).join(""),
  legend: (m, f, g) => m.entries.map(([label, color, shape], i) => {
    const row = g.fs.text * 1.35, x = f.left + m.x * (f.right - f.left), y = f.bottom - m.y * (f.bottom - f.top) + i * row;
    const key = shape === "line" ? `<line x1="${px(x)}" x2="${px(x + 16)}" y1="${px(y)}" y2="${px(y)}" stroke="${paint(color)}" stroke-width="2"/>`
      : marker(shape, x + 8, y, 4, color);
    return key + text(g, x + 20, y, label, { anchor: "start", size: g.fs.text, halo: true });
  }).join(""),
  image: (m, f) => {                     // pixels stay square: the picture is fitted, centred, into its extent
    const [x0, x1, y0, y1] = m.extent.map((v, i) => (i < 2 ? f.x(v) : f.y(v)));
    return `<image href="${m.src}" x="${px(Math.min(x0, x1))}" y="${px(Math.min(y0, y1))}" width="${px(Math.abs(x1 - x0))}" ` +
      `height="${px(Math.abs(y1 - y0))}" preserveAspectRatio="xMidYMid meet" style="image-rendering:pixelated"/>`;
  },
};
const UNCLIPPED = new Set(["text", "legend"]);

// a mark's keys: an invisible, wider target over each segment or marker, carrying its key ('' for none); a
// click on one reports the key (render's listener), nothing more: Python decides what it means
function hits(m, f, g) {
  if (!m.keys) return "";
  const target = (tag, where, key) => `<${tag} ${where} data-key="${esc(key)}" fill="transparent" stroke="transparent"` +
    (key ? ` style="cursor:pointer"><title>${esc(key)}</title></${tag}>` : "/>");
  if (m.type === "segments") return m.keys.map((key, i) => target("line", `x1="${px(f.x(m.x0[i]))}" y1="${px(f.y(m.y0[i]))}" ` +
    `x2="${px(f.x(m.x1[i]))}" y2="${px(f.y(m.y1[i]))}" stroke-width="${Math.max(12, pick(m.width, i))}"`, key)).join("");
  return m.keys.map((key, i) => (ok(f.x(m.x[i]), f.y(m.y[i])) ? target("circle", `cx="${px(f.x(m.x[i]))}" ` +
    `cy="${px(f.y(m.y[i]))}" r="${px(pick(m.size, i) * g.grow + 2)}"`, key) : "")).join("");
}

function layer(model, g, name) {
  let s = "";
  for (const m of model.get(name)) {
    const inner = MARKS[m.type](m, g.frames[m.panel], g) + hits(m, g.frames[m.panel], g);
    s += UNCLIPPED.has(m.type) ? inner : `<g clip-path="url(#${g.id}-${m.panel})">${inner}</g>`;
  }
  return s;
}

function geometry(model, id, column) {
  const design = [model.get("width"), model.get("height")];
  const W = Math.round(Math.min(column > 0 ? column : design[0], STYLE.layout.max_width));
  const grow = W >= STYLE.font.wide ? STYLE.font.projector : 1, fs = {};
  for (const [role, size] of Object.entries(STYLE.font.sizes)) fs[role] = Math.max(STYLE.font.smallest, size) * grow;
  const title = model.get("title") ? wrap(model.get("title"), W - 16, fs.heading) : [];
  const top = title.length ? title.length * fs.heading * 1.15 + 10 : 0;
  const { frames, height } = layout(model.get("panels"), W, design, fs, top);
  return { id, W, H: Math.round(height), fs, grow, frames, title };
}

// The figure is five parts; a change redraws only the parts whose traits changed (a new path does not
// re-parse the contours or re-decode the digit images of the backdrop). A new column width redraws all.
function draw(model, svg, g, parts, changed) {
  const all = ["width", "height", "panels", "resize", "title"].some((t) => changed.has(t)), panels = model.get("panels");
  if (all) {
    svg.setAttribute("width", g.W);
    svg.setAttribute("height", g.H);
    svg.setAttribute("viewBox", `0 0 ${g.W} ${g.H}`);
    parts.frame.innerHTML = g.frames.map((f, i) => `<clipPath id="${g.id}-${i}"><rect x="${px(f.left)}" y="${px(f.top)}" ` +
      `width="${px(f.right - f.left)}" height="${px(f.bottom - f.top)}"/></clipPath>`).join("") +
      `<rect width="${g.W}" height="${g.H}" fill="var(--bp-paper)"/>`;
    parts.axes.innerHTML = panels.map((p, i) => axes(g, p, g.frames[i])).join("");
    parts.title.innerHTML = g.title.length ? text(g, g.W / 2, 6, g.title, { base: "hanging", size: g.fs.heading }) : "";
  }
  if (all || changed.has("backdrop")) parts.backdrop.innerHTML = layer(model, g, "backdrop");
  if (all || changed.has("marks")) parts.marks.innerHTML = layer(model, g, "marks");
  svg.setAttribute("aria-label", model.get("description"));
}

// ---- the page: the theme's colours, and the controls of the view around the figure ------------------
function stylesheet() {
  if (document.getElementById("backprop-style")) return;
  const vars = (theme) => Object.entries(STYLE.colours).map(([name, c]) =>
    `--bp-${name}: ${c.css ? `var(${c.css}, ${c[theme]})` : c[theme]};`).join(" ");
  const css = document.createElement("style"), ring = STYLE.layout.focus_ring, target = STYLE.layout.min_target;
  css.id = "backprop-style";
  css.textContent = `.bp-view, .bp-figure { ${vars("light")} }
body[data-jp-theme-light="false"] .bp-view, body[data-jp-theme-light="false"] .bp-figure { ${vars("dark")} }
.bp-figure { width: 100%; min-width: 0; }
.bp-figure svg { display: block; max-width: none; }
.bp-view .widget-hbox { flex-wrap: wrap; }
.bp-view .widget-vbox.bp-controls { flex-flow: row wrap; align-items: center; }
.bp-view .widget-vbox.bp-controls > * { flex: 1 1 ${STYLE.layout.min_track + 160}px; max-width: 100%; }
.bp-view .widget-slider { min-width: 0; max-width: 100%; width: auto; }
.bp-view .widget-hbox > .widget-slider { flex: 1 1 ${STYLE.layout.min_track + 160}px; }
.bp-view .widget-vbox:not(.bp-controls) > .widget-slider { width: auto; align-self: stretch; max-width: 640px; }
.bp-view .widget-inline-hbox > .widget-label { min-width: max-content; }
.bp-view .widget-slider { height: auto; min-height: var(--jp-widgets-inline-height, 28px); }
.bp-view .widget-slider .widget-label { flex: 0 1 auto; min-width: min-content; white-space: normal; overflow-wrap: normal;
  height: auto; line-height: 1.25; align-self: center; }
.bp-view .widget-gridbox > * { min-width: 0; }
.bp-view .widget-gridbox > .widget-inline-hbox { width: auto; }
.bp-view .widget-dropdown select { min-width: 0; }
.bp-view .widget-slider .slider-container { flex: 1 1 ${STYLE.layout.min_track}px; min-width: ${STYLE.layout.min_track}px; }
.bp-view .widget-label, .bp-view .widget-readout { overflow: visible; text-overflow: clip; white-space: nowrap; max-width: none; }
.bp-view .widget-readout { width: auto; min-width: 3em; flex: 0 0 auto; }
.bp-view .jupyter-button, .bp-view .widget-toggle-button { width: auto; min-width: ${target}px; min-height: ${target}px;
  height: auto; max-width: 100%; overflow: visible; white-space: normal; line-height: 1.3; padding: 4px 10px; text-align: left; }
.bp-view .widget-toggle-buttons .widget-toggle-button { width: auto; }
.bp-view .widget-toggle-buttons { flex-wrap: wrap; height: auto; }
.bp-view .widget-dropdown, .bp-view .widget-inline-hbox { max-width: 100%; }
.bp-view .widget-dropdown select { min-height: ${target}px; }
.bp-view { --jp-widgets-slider-handle-size: ${target}px; }
.bp-view :focus-visible, .bp-view .noUi-handle:focus { outline: ${ring}px solid var(--jp-brand-color1, #1967d2) !important;
  outline-offset: 2px; }
.bp-view table.bp-numbers td, .bp-view .bp-number { white-space: nowrap; }
.bp-view .widget-html table { border-collapse: collapse; }
.bp-view .widget-html td { padding: 0 1em 0 0; }
.bp-view .widget-html table.bp-readout, .bp-view .bp-readout tbody, .bp-view .bp-readout tr { display: flex; flex-wrap: wrap; }
.bp-view .jupyter-button.mod-success { background-color: #2e7d32; color: #ffffff; }
.bp-view .jupyter-button.mod-danger { background-color: #c62828; color: #ffffff; }
.bp-view .jupyter-button.mod-primary { background-color: #1565c0; color: #ffffff; }`;
  document.head.appendChild(css);
}

// ipywidgets 8's sliders give their handle no accessible name and a value read as 0.10000000000000009:
// each handle of the view around this figure is named by its label and says the value its readout shows.
function nameControls(el) {
  const view = el.closest(".bp-view");
  if (!view) return;
  for (const slider of view.querySelectorAll(".widget-slider")) {
    const handle = slider.querySelector(".noUi-handle"), label = slider.querySelector(".widget-label");
    const shown = slider.querySelector(".widget-readout");
    if (!handle || !label) continue;
    handle.setAttribute("aria-label", label.textContent.trim());
    if (shown) handle.setAttribute("aria-valuetext", shown.textContent.trim());
    if (shown && !shown.dataset.bpWatched) {
      shown.dataset.bpWatched = "1";
      new MutationObserver(() => handle.setAttribute("aria-valuetext", shown.textContent.trim()))
        .observe(shown, { childList: true, characterData: true, subtree: true });
    }
  }
}

function render({ model, el }) {
  const NS = "http://www.w3.org/2000/svg", svg = document.createElementNS(NS, "svg");
  const id = `backprop-figure-${Math.random().toString(36).slice(2)}`, parts = {};
  stylesheet();
  svg.setAttribute("role", "img");
  svg.setAttribute("font-family", FAMILY);
  for (const name of ["frame", "backdrop", "marks", "axes", "title"]) svg.appendChild(parts[name] = document.createElementNS(NS, "g"));
  el.dataset.figure = "plot";
  el.classList.add("bp-figure");
  el.appendChild(svg);
  svg.addEventListener("click", (event) => {     // the topmost keyed target under the pointer, through words on it
    const hit = document.elementsFromPoint(event.clientX, event.clientY).find((e) => svg.contains(e) && e.hasAttribute("data-key"));
    if (hit && hit.dataset.key) model.send({ clicked: hit.dataset.key });
  });
  let changed = new Set(TRAITS), column = 0, g = null;
  const redraw = () => {                // several traits change in one message: draw once, before the next frame
    const now = changed;
    changed = new Set();
    if (!g || ["width", "height", "panels", "resize", "title"].some((t) => now.has(t))) g = geometry(model, id, column);
    draw(model, svg, g, parts, now);
    nameControls(el);
  };
  const ask = (name) => {
    if (!changed.size) queueMicrotask(redraw);
    changed.add(name);
  };
  const handlers = TRAITS.map((name) => [name, () => ask(name)]);
  for (const [name, handler] of handlers) model.on(`change:${name}`, handler);
  const watcher = new ResizeObserver(() => {
    const now = Math.floor(el.clientWidth);
    if (now > 0 && now !== column) {
      column = now;
      ask("resize");
    }
  });
  watcher.observe(el);
  column = Math.floor(el.clientWidth);
  redraw();
  setTimeout(() => nameControls(el), 0);   // the view's controls are on the page once the view is
  return () => {
    watcher.disconnect();
    handlers.forEach(([name, handler]) => model.off(`change:${name}`, handler));
  };
}

export default { render };
