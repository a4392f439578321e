// The course's live figure: panels (axes) and marks (lines, points, bars, text …) drawn as SVG.
// Python (backprop.widgets.figures) sends every number, colour, tick and word; this module only
// places them on screen: no maths, nothing computed but pixel positions. anywidget's render API only.
// MARKS draws each mark type declared in marks.json (tests/widgets/test_figures_declared.py checks it).
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const pick = (v, i) => (Array.isArray(v) ? v[i] : v);
const px = (v) => Math.round(v * 10) / 10;
const ok = (...vs) => vs.every((v) => v !== null && Number.isFinite(v));
const TRAITS = ["width", "height", "panels", "backdrop", "marks", "title", "description"];

function scale([lo, hi], log, from, to) {
  const f = log ? Math.log10 : (v) => v, a = f(lo), b = f(hi);
  return (v) => (v === null ? NaN : from + ((f(v) - a) / (b - a)) * (to - from));
}

function frame(panel, width, height) {
  const [l, b, w, h] = panel.rect, left = l * width, top = (1 - b - h) * height;
  const f = { left, top, right: left + w * width, bottom: top + h * height };
  f.x = scale(panel.xlim, panel.xscale === "log", f.left, f.right);
  f.y = scale(panel.ylim, panel.yscale === "log", f.bottom, f.top);
  return f;
}

function text(x, y, words, { anchor = "middle", base = "middle", size = 10, color = "#222", halo = false } = {}) {
  const lines = String(words).split("\n"), shift = base === "middle" ? -(lines.length - 1) * 0.55 : 0;
  const spans = lines.map((t, i) => `<tspan x="${px(x)}" dy="${i ? 1.1 : shift}em">${esc(t)}</tspan>`).join("");
  const extra = halo ? ' stroke="white" stroke-width="4" paint-order="stroke"' : "";
  return `<text x="${px(x)}" y="${px(y)}" text-anchor="${anchor}" dominant-baseline="${base}" font-size="${size}" fill="${color}"${extra}>${spans}</text>`;
}

function axes(panel, f) {
  if (panel.frame === false) return panel.title ? text((f.left + f.right) / 2, f.top - 4, panel.title, { base: "auto", size: 11 }) : "";
  let s = `<rect x="${px(f.left)}" y="${px(f.top)}" width="${px(f.right - f.left)}" height="${px(f.bottom - f.top)}" fill="none" stroke="#444"/>`;
  for (const [v, label] of panel.xticks) {
    const x = px(f.x(v));
    s += `<line x1="${x}" x2="${x}" y1="${px(f.bottom)}" y2="${px(f.bottom + 4)}" stroke="#444"/>` + text(x, f.bottom + 6, label, { base: "hanging", size: 9 });
  }
  for (const [v, label] of panel.yticks) {
    const y = px(f.y(v));
    s += `<line x1="${px(f.left - 4)}" x2="${px(f.left)}" y1="${y}" y2="${y}" stroke="#444"/>` + text(f.left - 6, y, label, { anchor: "end", size: 9 });
  }
  if (panel.xlabel) s += text((f.left + f.right) / 2, f.bottom + 20, panel.xlabel, { base: "hanging", size: 10 });
  if (panel.ylabel) s += `<g transform="translate(${px(f.left - 40)},${px((f.top + f.bottom) / 2)}) rotate(-90)">${text(0, 0, panel.ylabel)}</g>`;
  if (panel.title) s += text((f.left + f.right) / 2, f.top - 5, panel.title, { base: "auto", size: 11 });
  return s;
}

function marker(shape, x, y, r, color, edge) {
  if (!ok(x, y)) return "";
  if (shape === "x") return `<path d="M${px(x - r)},${px(y - r)}L${px(x + r)},${px(y + r)}M${px(x - r)},${px(y + r)}L${px(x + r)},${px(y - r)}" stroke="${color}" stroke-width="2"/>`;
  const fill = shape === "ring" ? "white" : color, stroke = shape === "ring" ? color : edge || color;
  return `<circle cx="${px(x)}" cy="${px(y)}" r="${r}" fill="${fill}" stroke="${stroke}" stroke-width="${shape === "ring" ? 1.5 : 1}"/>`;
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
  line: (m, f) => `<path d="${path(m.x, m.y, f)}" fill="none" stroke="${m.color}" stroke-width="${m.width}" opacity="${m.opacity}"` +
    `${m.dash ? ' stroke-dasharray="5 3"' : ""} stroke-linecap="round"/>` + (m.marker ? MARKS.points({ ...m, shape: m.marker }, f) : ""),
  points: (m, f) => m.x.map((x, i) => marker(m.shape, f.x(x), f.y(m.y[i]), pick(m.size, i), pick(m.color, i), m.edge)).join(""),
  segments: (m, f) => m.x0.map((x, i) => `<line x1="${px(f.x(x))}" y1="${px(f.y(m.y0[i]))}" x2="${px(f.x(m.x1[i]))}" ` +
    `y2="${px(f.y(m.y1[i]))}" stroke="${pick(m.color, i)}" stroke-width="${pick(m.width, i)}" opacity="${m.opacity}" stroke-linecap="round"/>`).join(""),
  bars: (m, f) => m.x.map((x, i) => {
    const left = f.x(x - m.width / 2), right = f.x(x + m.width / 2), a = f.y(pick(m.bottom, i)), b = f.y(m.top[i]);
    return ok(left, a, b) ? `<rect x="${px(left)}" y="${px(Math.min(a, b))}" width="${px(right - left)}" ` +
      `height="${px(Math.abs(a - b))}" fill="${pick(m.color, i)}"/>` : "";
  }).join(""),
  rect: (m, f) => {
    const x0 = m.x0 === null ? f.left : f.x(m.x0), x1 = m.x1 === null ? f.right : f.x(m.x1);
    const y0 = m.y0 === null ? f.bottom : f.y(m.y0), y1 = m.y1 === null ? f.top : f.y(m.y1);
    return `<rect x="${px(Math.min(x0, x1))}" y="${px(Math.min(y0, y1))}" width="${px(Math.abs(x1 - x0))}" ` +
      `height="${px(Math.abs(y1 - y0))}" fill="${m.color}" opacity="${m.opacity}"/>`;
  },
  text: (m, f) => m.text.map((t, i) => {
    const axes = m.coords === "axes", x = axes ? f.left + m.x[i] * (f.right - f.left) : f.x(m.x[i]);
    const y = axes ? f.bottom - m.y[i] * (f.bottom - f.top) : f.y(m.y[i]);
    return ok(x, y) ? text(x, y, t, { anchor: m.anchor, base: m.baseline, size: m.size, color: pick(m.color, i), halo: m.halo }) : "";
  }).join(""),
  legend: (m, f) => m.entries.map(([label, color, shape], i) => {
    const x = f.left + m.x * (f.right - f.left), y = f.bottom - m.y * (f.bottom - f.top) + i * 13;
    const key = shape === "line" ? `<line x1="${px(x)}" x2="${px(x + 16)}" y1="${px(y)}" y2="${px(y)}" stroke="${color}" stroke-width="2"/>`
      : marker(shape, x + 8, y, 4, color);
    return key + text(x + 20, y, label, { anchor: "start", size: 9 });
  }).join(""),
  image: (m, f) => {
    const [x0, x1, y0, y1] = m.extent.map((v, i) => (i < 2 ? f.x(v) : f.y(v)));
    return `<image href="${m.src}" x="${px(Math.min(x0, x1))}" y="${px(Math.min(y0, y1))}" width="${px(Math.abs(x1 - x0))}" ` +
      `height="${px(Math.abs(y1 - y0))}" preserveAspectRatio="none" style="image-rendering:pixelated"/>`;
  },
};
const UNCLIPPED = new Set(["text", "legend"]);

function layer(model, frames, id, name) {
  let s = "";
  for (const m of model.get(name)) {
    const inner = MARKS[m.type](m, frames[m.panel]);
    s += UNCLIPPED.has(m.type) ? inner : `<g clip-path="url(#${id}-${m.panel})">${inner}</g>`;
  }
  return s;
}

// The figure is five parts; a change redraws only the parts whose traits changed (a new path does not
// re-parse the contours or re-decode the digit images of the backdrop).
function draw(model, svg, id, parts, changed) {
  const width = model.get("width"), height = model.get("height"), panels = model.get("panels");
  const frames = panels.map((p) => frame(p, width, height)), all = ["width", "height", "panels"].some((t) => changed.has(t));
  if (all) {
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    parts.frame.innerHTML = frames.map((f, i) => `<clipPath id="${id}-${i}"><rect x="${px(f.left)}" y="${px(f.top)}" ` +
      `width="${px(f.right - f.left)}" height="${px(f.bottom - f.top)}"/></clipPath>`).join("") +
      `<rect width="${width}" height="${height}" fill="white"/>`;
    parts.axes.innerHTML = panels.map((p, i) => axes(p, frames[i])).join("");
  }
  if (all || changed.has("backdrop")) parts.backdrop.innerHTML = layer(model, frames, id, "backdrop");
  if (all || changed.has("marks")) parts.marks.innerHTML = layer(model, frames, id, "marks");
  if (all || changed.has("title")) {
    parts.title.innerHTML = model.get("title") ? text(width / 2, 6, model.get("title"), { base: "hanging", size: 12 }) : "";
  }
  svg.setAttribute("aria-label", model.get("description"));
}

function render({ model, el }) {
  const NS = "http://www.w3.org/2000/svg", svg = document.createElementNS(NS, "svg");
  const id = `backprop-figure-${Math.random().toString(36).slice(2)}`, parts = {};
  svg.setAttribute("role", "img");
  svg.setAttribute("font-family", "DejaVu Sans, sans-serif");
  for (const name of ["frame", "backdrop", "marks", "axes", "title"]) svg.appendChild(parts[name] = document.createElementNS(NS, "g"));
  el.dataset.figure = "plot";
  el.appendChild(svg);
  let changed = new Set(TRAITS);
  const redraw = () => {                // several traits change in one message: draw once, before the next frame
    const now = changed;
    changed = new Set();
    draw(model, svg, id, parts, now);
  };
  const handlers = TRAITS.map((name) => [name, () => {
    if (!changed.size) queueMicrotask(redraw);
    changed.add(name);
  }]);
  for (const [name, handler] of handlers) model.on(`change:${name}`, handler);
  redraw();
  return () => handlers.forEach(([name, handler]) => model.off(`change:${name}`, handler));
}

export default { render };
