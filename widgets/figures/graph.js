// A computational graph drawn as SVG: boxes (a node's name, value and gradient) and the edges between them.
// Python (backprop.widgets.figures.graph) sends every word and colour, each node's column (its depth) and
// row, and the positions for a 700 px column; this module only places them: left to right where the column
// is wide enough, compressed where it is a little narrower, top to bottom (depth downwards) on a phone.
// Colours are the course's meanings, painted with the theme's CSS variables (--bp-ink …, set by plot.js's
// stylesheet), the light theme's value where none is set. A click on a node sends its index (model.send).
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const px = (v) => Math.round(v * 10) / 10;
const TRAITS = ["width", "height", "nodes", "edges", "title", "legend", "description", "font", "top"];
const GAP = 6, NARROWEST = 50, TIGHTEST = 44, LINE = 1.25;   // px: a box's gap and its least widths (a phone's)

function paint(model, c) {
  const palette = model.get("palette");
  return c in palette ? `var(--bp-${c}, ${palette[c]})` : c;
}

// the title and legend wrapped to the width: [[words, colour] per piece] per line
function wrap(pieces, width, size) {
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = `${size}px sans-serif`;
  const lines = [[]];
  let used = 0;
  for (const [words, color] of pieces) {
    for (const word of String(words).split(" ").filter((w) => w)) {
      const w = ctx.measureText(word + " ").width;
      if (used + w > width && lines[lines.length - 1].length) {
        lines.push([]);
        used = 0;
      }
      lines[lines.length - 1].push([word, color]);
      used += w;
    }
  }
  return lines;
}

// where each node goes for a column `column` px wide: {W, H, top, at: [[x, y]], flow: "lr" | "tb", w}
function geometry(model, column) {
  const nodes = model.get("nodes"), font = model.get("font"), W0 = model.get("width");
  const W = column > 0 ? Math.min(column, W0) : W0;
  const head = wrap([[model.get("title"), "ink"]], W - 12, font + 1).length;
  const legend = wrap(model.get("legend"), W - 12, font).length;
  const top = 8 + (head + legend) * font * LINE * 1.1 + 6, shift = top - model.get("top");
  const cols = Math.max(...nodes.map((n) => n.col)) + 1, tallest = Math.max(...nodes.map((n) => n.rows));
  const w0 = nodes.length ? nodes[0].w : NARROWEST, h = nodes.length ? nodes[0].h : 40;
  if (W >= W0) return { W, H: model.get("height") + shift, top, w: w0, flow: "lr", at: nodes.map((n) => [n.x, n.y + shift]) };
  const wide = Math.min(w0, (W - 12) / cols - GAP);
  if (wide >= NARROWEST) {
    const dx = cols > 1 ? (W - 12 - wide) / (cols - 1) : 0;
    return { W, H: model.get("height") + shift, top, w: wide, flow: "lr", at: nodes.map((n) => [6 + wide / 2 + n.col * dx, n.y + shift]) };
  }
  const gap = GAP / 2, w = Math.max(TIGHTEST, Math.min(w0, (W - 12) / tallest - gap));
  const across = Math.max(W, 12 + tallest * (w + gap));
  const at = nodes.map((n) => {
    const x0 = (across - n.rows * (w + gap)) / 2 + gap / 2 + w / 2;
    return [x0 + n.row * (w + gap), top + h / 2 + n.col * (h + 2.5 * GAP)];
  });
  return { W: across, H: top + cols * (h + 2.5 * GAP) + GAP, top, w, flow: "tb", at };
}

function edge(model, e, g, nodes, font) {
  const [a, b] = [g.at[e.from], g.at[e.to]], h = nodes[e.from].h;
  const [x0, y0, x1, y1] = g.flow === "lr" ? [a[0] + g.w / 2, a[1], b[0] - g.w / 2, b[1]] : [a[0], a[1] + h / 2, b[0], b[1] - h / 2];
  const line = (color, width, cap) => `<line x1="${px(x0)}" y1="${px(y0)}" x2="${px(x1)}" y2="${px(y1)}" stroke="${paint(model, color)}" stroke-width="${width}"${cap}/>`;
  let s = e.band === "none" ? "" : line(e.band, 7, ' stroke-linecap="round"');
  s += line(e.color, e.width, "");
  if (e.text && g.flow === "lr" && x1 - x0 >= 44) {
    s += `<text x="${px(x0 + (x1 - x0) * 0.3)}" y="${px(y0 + (y1 - y0) * 0.3 - 3)}" text-anchor="middle" font-size="${font}" fill="${paint(model, e.color)}" stroke="${paint(model, "paper")}" stroke-width="3" paint-order="stroke">${esc(e.text)}</text>`;
  }
  return s;
}

function node(model, n, i, g, font) {
  const [cx, cy] = g.at[i], x = cx - g.w / 2, y = cy - n.h / 2, line = font + 2;
  let s = `<g data-node="${i}" style="cursor:pointer"><title>${esc(n.tip)}</title>`;
  if (n.ring !== "none") s += `<rect x="${px(x - 4)}" y="${px(y - 4)}" width="${px(g.w + 8)}" height="${px(n.h + 8)}" rx="7" fill="${paint(model, n.ring)}"/>`;
  const dash = n.leaf ? ' stroke-dasharray="4 2"' : "";
  s += `<rect x="${px(x)}" y="${px(y)}" width="${px(g.w)}" height="${px(n.h)}" rx="4" fill="${paint(model, "paper")}" stroke="${paint(model, n.stroke)}" stroke-width="${n.edge}"${dash}/>`;
  n.lines.forEach((t, k) => {
    const weight = k === 0 ? ' font-weight="bold"' : "";
    s += `<text x="${px(cx)}" y="${px(y + 3 + line * (k + 0.5))}" text-anchor="middle" dominant-baseline="middle" font-size="${font}" fill="${paint(model, n.colors[k])}"${weight}>${esc(t)}</text>`;
  });
  return s + "</g>";
}

function heading(model, g, font) {
  let y = 8, s = "";
  for (const [pieces, size] of [[[[model.get("title"), "ink"]], font + 1], [model.get("legend"), font]]) {
    for (const line of wrap(pieces, g.W - 12, size)) {
      y += size * LINE;
      s += `<text x="6" y="${px(y)}" font-size="${size}">` + line.map(([w, c]) => `<tspan fill="${paint(model, c)}">${esc(w)} </tspan>`).join("") + "</text>";
    }
  }
  return s;
}

function draw(model, svg, column) {
  const font = model.get("font"), nodes = model.get("nodes"), g = geometry(model, column);
  svg.setAttribute("viewBox", `0 0 ${px(g.W)} ${px(g.H)}`);
  svg.setAttribute("width", px(g.W));
  svg.setAttribute("height", px(g.H));
  svg.setAttribute("aria-label", model.get("description"));
  svg.innerHTML = `<rect width="${px(g.W)}" height="${px(g.H)}" fill="${paint(model, "paper")}"/>` + heading(model, g, font) +
    model.get("edges").map((e) => edge(model, e, g, nodes, font)).join("") + nodes.map((n, i) => node(model, n, i, g, font)).join("");
}

// ipywidgets 8's sliders give their handle no accessible name: each handle of the view around this figure is
// named by its label and says the value its readout shows (as plot.js does for the views drawn with a Plot)
function nameControls(el) {
  const view = el.closest(".bp-view");
  for (const slider of view ? view.querySelectorAll(".widget-slider") : []) {
    const handle = slider.querySelector(".noUi-handle"), label = slider.querySelector(".widget-label");
    const shown = slider.querySelector(".widget-readout");
    if (!handle || !label) continue;
    handle.setAttribute("aria-label", label.textContent.trim());
    if (shown) handle.setAttribute("aria-valuetext", shown.textContent.trim());
  }
}

function render({ model, el }) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("font-family", "var(--jp-ui-font-family, 'DejaVu Sans', sans-serif)");
  el.dataset.figure = "graph";
  el.classList.add("bp-figure");
  el.style.overflowX = "auto";               // a graph wider than a phone scrolls, and can be focused to
  el.appendChild(svg);
  svg.addEventListener("click", (event) => {
    const g = event.target.closest("[data-node]");
    if (g) {
      model.send({ clicked: g.dataset.node });      // every click, even on the node already chosen
    }
  });
  let column = Math.floor(el.clientWidth), queued = false;
  const redraw = () => {
    queued = false;
    draw(model, svg, column);
    el.dataset.column = String(column);         // the width it is laid out for: a test waits for it after a resize
    nameControls(el);
    if (el.scrollWidth > el.clientWidth + 1) el.setAttribute("tabindex", "0");
    else el.removeAttribute("tabindex");
  };
  const ask = () => { if (!queued) { queued = true; queueMicrotask(redraw); } };
  for (const t of TRAITS) model.on(`change:${t}`, ask);
  const watcher = new ResizeObserver(() => {
    const now = Math.floor(el.clientWidth);
    if (now > 0 && now !== column) { column = now; ask(); }
  });
  watcher.observe(el);
  redraw();
  setTimeout(() => nameControls(el), 0);     // the view's controls are on the page once the view is
  return () => { watcher.disconnect(); for (const t of TRAITS) model.off(`change:${t}`, ask); };
}

export default { render };
