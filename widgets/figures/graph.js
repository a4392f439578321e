// A computational graph drawn as SVG: boxes (a node's name, value and gradient) and the edges between them.
// Python (backprop.widgets.figures.graph) sends every word and colour, each node's column (its depth) and
// row, and the positions for a 700 px column; this module only places them: left to right where the column
// is wide enough, compressed where it is a little narrower, top to bottom (depth downwards) on a phone, a
// depth with more boxes than a line holds wrapped onto several lines. Boxes are never narrower than their
// words; the title and legend wrap to the column. A graph that still cannot fit (a column narrower than one
// box) scrolls sideways in its container, which is then a labelled region the keyboard can focus.
// Colours are the course's meanings, painted with the theme's CSS variables (--bp-ink …, set by plot.js's
// stylesheet), the light theme's value where none is set. A click on a node sends its index (model.send).
// Python appends this module to plot.js's (without its export): stylesheet(), nameControls(), esc() and px()
// are plot.js's (stylesheet: the course's look for the view's controls and the theme's colours, also on a page
// with no other figure); everything here lives in its own scope.
const graph = (() => {
const TRAITS = ["width", "height", "nodes", "edges", "title", "legend", "description", "font", "top"];
const GAP = 6, NARROWEST = 50, TIGHTEST = 44, LINE = 1.25;   // px: a box's gap and its least widths (a phone's)
const EDGE = 8;                    // px: the least length of an edge between two columns, left to right
const SCROLLS = "computational graph, wider than this column: scroll it sideways";

// the width in px of a text at `size` px in the font the figure is drawn in (bold for a box's first line)
function measurer(svg) {
  const ctx = document.createElement("canvas").getContext("2d");
  const family = (svg.isConnected && getComputedStyle(svg).fontFamily) || "sans-serif";
  return (text, size, bold = false) => {
    ctx.font = `${bold ? "bold " : ""}${size}px ${family}`;
    return ctx.measureText(text).width;
  };
}

function paint(model, c) {
  const palette = model.get("palette");
  return c in palette ? `var(--bp-${c}, ${palette[c]})` : c;
}

// the title and legend wrapped to the width: [[words, colour] per piece] per line
function wrap(pieces, width, size, measure) {
  const lines = [[]];
  let used = 0;
  for (const [words, color] of pieces) {
    for (const word of String(words).split(" ").filter((w) => w)) {
      const w = measure(word + " ", size);
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

// where each node goes for a column `column` px wide: {W, H, top, at: [[x, y]], flow: "lr" | "tb", w, text}
function geometry(model, column, measure) {
  const nodes = model.get("nodes"), font = model.get("font"), W0 = model.get("width");
  const W = column > 0 ? Math.min(column, W0) : W0, text = W - 12;   // the title and legend wrap to `text`
  const head = wrap([[model.get("title"), "ink"]], text, font + 1, measure).length;
  const legend = wrap(model.get("legend"), text, font, measure).length;
  const top = 8 + (head + legend) * font * LINE * 1.1 + 6, shift = top - model.get("top");
  const cols = Math.max(...nodes.map((n) => n.col)) + 1, tallest = Math.max(...nodes.map((n) => n.rows));
  const w0 = nodes.length ? nodes[0].w : NARROWEST, h = nodes.length ? nodes[0].h : 40;
  const words = Math.max(0, ...nodes.flatMap((n) => n.lines.map((t, k) => measure(t, font, k === 0)))) + 6;
  const apart = cols > 1 ? (W0 - 12 - w0) / (cols - 1) : Infinity;      // Python's columns, centre to centre
  if (W >= W0 && apart >= Math.max(w0, words) + EDGE) return { W, H: model.get("height") + shift, top, text, w: w0, flow: "lr", at: nodes.map((n) => [n.x, n.y + shift]) };
  const wide = Math.min(w0, (W - 12 - (cols - 1) * EDGE) / cols);
  if (wide >= Math.max(NARROWEST, words)) {
    const dx = cols > 1 ? (W - 12 - wide) / (cols - 1) : 0;
    return { W, H: model.get("height") + shift, top, text, w: wide, flow: "lr", at: nodes.map((n) => [6 + wide / 2 + n.col * dx, n.y + shift]) };
  }
  // top to bottom: a depth per band, its boxes in lines of at most `per`
  const gap = GAP / 2, least = Math.max(TIGHTEST, words), per = Math.max(1, Math.floor((W - 12) / (least + gap)));
  const w = Math.max(least, Math.min(w0, (W - 12) / Math.min(tallest, per) - gap));
  const across = Math.max(W, 12 + Math.min(tallest, per) * (w + gap)), line = h + 1.5 * GAP, band = [top + h / 2];
  for (let c = 0; c < cols; c++) {
    const count = Math.max(0, ...nodes.filter((n) => n.col === c).map((n) => n.rows));
    band.push(band[c] + Math.max(1, Math.ceil(count / per)) * line + GAP);
  }
  const at = nodes.map((n) => {
    const k = Math.floor(n.row / per), inLine = Math.min(per, n.rows - k * per);
    const x0 = (across - inLine * (w + gap)) / 2 + gap / 2 + w / 2;
    return [x0 + (n.row - k * per) * (w + gap), band[n.col] + k * line];
  });
  return { W: across, H: band[cols] - h / 2, top, text, w, flow: "tb", at };
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

function heading(model, g, font, measure) {
  let y = 8, s = "";
  for (const [pieces, size] of [[[[model.get("title"), "ink"]], font + 1], [model.get("legend"), font]]) {
    for (const line of wrap(pieces, g.text, size, measure)) {
      y += size * LINE;
      s += `<text x="6" y="${px(y)}" font-size="${size}">` + line.map(([w, c]) => `<tspan fill="${paint(model, c)}">${esc(w)} </tspan>`).join("") + "</text>";
    }
  }
  return s;
}

function draw(model, svg, column) {
  const font = model.get("font"), nodes = model.get("nodes"), measure = measurer(svg), g = geometry(model, column, measure);
  svg.setAttribute("viewBox", `0 0 ${px(g.W)} ${px(g.H)}`);
  svg.setAttribute("width", px(g.W));
  svg.setAttribute("height", px(g.H));
  svg.setAttribute("aria-label", model.get("description"));
  svg.innerHTML = `<rect width="${px(g.W)}" height="${px(g.H)}" fill="${paint(model, "paper")}"/>` + heading(model, g, font, measure) +
    model.get("edges").map((e) => edge(model, e, g, nodes, font)).join("") + nodes.map((n, i) => node(model, n, i, g, font)).join("");
}

// a graph wider than its column scrolls, as a labelled region: a rule of the page, as Lumino's .lm-Widget
// (overflow: hidden) and the widget's layout (which clears an inline overflow) would undo it on the element
function scrolling() {
  if (document.getElementById("backprop-graph-style")) return;
  const css = document.createElement("style");
  css.id = "backprop-graph-style";
  css.textContent = ".bp-figure[data-figure=graph] { overflow-x: auto; overflow-y: hidden; }";
  document.head.appendChild(css);
}

function render({ model, el }) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("font-family", "var(--jp-ui-font-family, 'DejaVu Sans', sans-serif)");
  el.dataset.figure = "graph";
  el.classList.add("bp-figure");
  stylesheet();
  scrolling();
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
    const scrolls = el.scrollWidth > el.clientWidth + 1;          // focusable, so arrow keys scroll it
    for (const [key, value] of [["tabindex", "0"], ["role", "region"], ["aria-label", SCROLLS]]) {
      if (scrolls) el.setAttribute(key, value);
      else el.removeAttribute(key);
    }
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

return { render };
})();
export default graph;
