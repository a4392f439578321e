// The playground's live figure: a canvas that paints what Python sends — the boundary's heat map with
// the points, the network with each neuron's picture and its edges, the loss curves, the words. Every
// colour comes from Python (colour tables per theme) or from the course's theme variables (--bp-paper,
// --bp-ink …, plot.js's stylesheet); nothing is computed here but pixel positions. Canvas text is never
// drawn smaller than the course's smallest size: a narrow column gets its own layout at its own width (no
// shrinking), and the canvas states the smallest size it drew, as shown, in data-smallest-text.
// After painting a frame the page answers {drawn: frame}: the kernel sends the next one only then.
// Python appends this module to plot.js's (without its export): stylesheet() and nameControls() are plot.js's,
// everything here lives in its own scope.
const playground = (() => {
// Side by side in a column of WIDE px or more; below it stacked (map, curves, words, then the network), NARROW px
// wide or the column's width when narrower (down to LEAST px; only a narrower column scales the canvas down).
const WIDE = 960, NARROW = 470, LEAST = 240, SMALLEST = STYLE.font.smallest;
const WIDE_LAYOUT = { W: 960, H: 430, map: { left: 470, top: 24, size: 300 }, curve: { left: 470, top: 360, width: 300, height: 56 },
                      net: { left: 20, right: 430, top: 30, bottom: 400, node: 28 }, numbers: [784, 34], legend: [784, 134] };

// The stacked layout at width W: the map as large as fits (up to 300 px), the curves under it, the numbers and the
// legend side by side when both fit (else the legend under the numbers), the network under them.
function stacked(W, k) {
  const size = Math.min(300, W - 44 - 12), curve = { left: 44, top: 24 + size + 48, width: Math.min(size, W - 44 - 48), height: 56 };
  const words = curve.top + curve.height + 42, beside = W >= 400;
  const legend = beside ? [Math.max(210, W / 2), words] : [10, words + 4 * 18 + 8];
  const top = (beside ? words + Math.max(3, 2 + k) * 18 : legend[1] + (2 + k) * 18) + 30;
  return { W, H: top + 250, map: { left: 44, top: 24, size }, curve, net: { left: 14, right: W - 14, top, bottom: top + 240, node: 26 },
           numbers: [10, words], legend };
}
let MAP = WIDE_LAYOUT.map, CURVE = WIDE_LAYOUT.curve, NET = WIDE_LAYOUT.net;

function bytesOf(v) {
  if (!v) return new Uint8Array(0);
  if (v instanceof DataView) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  return new Uint8Array(v.buffer || v);
}

function tile(w, h) {
  const c = document.createElement("canvas");
  c.width = w; c.height = h;
  return c;
}

// One heat map into an offscreen canvas: rows of the grid bottom-up (row 0 at y_min) become canvas rows top-down.
function paintGrid(canvas, values, nx, ny, colourOf) {
  const ctx = canvas.getContext("2d"), img = ctx.createImageData(nx, ny);
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      const o = ((ny - 1 - r) * nx + c) * 4, rgba = colourOf(r * nx + c);
      img.data[o] = rgba[0]; img.data[o + 1] = rgba[1]; img.data[o + 2] = rgba[2]; img.data[o + 3] = rgba[3];
    }
  }
  ctx.putImageData(img, 0, 0);
}

function tables(flat) {
  const rows = flat.length / 1024, out = [];
  for (let r = 0; r < rows; r++) {
    const row = [];
    for (let i = 0; i < 256; i++) row.push(flat.slice(r * 1024 + 4 * i, r * 1024 + 4 * i + 4));
    out.push(row);
  }
  return out;
}

function boundaryColour(model, setup, lut) {
  const [nx, ny] = setup.grid, n = nx * ny;
  const json = model.get("boundary_json");
  if (json && json.length) {
    if (setup.k === 2) return (i) => lut[0][Math.round(255 * json[i])];
    return (i) => {
      let best = 0;
      for (let j = 1; j < setup.k; j++) if (json[i * setup.k + j] > json[i * setup.k + best]) best = j;
      const m = (json[i * setup.k + best] - 1 / setup.k) / (1 - 1 / setup.k);
      return lut[best][Math.max(0, Math.min(255, Math.round(255 * m)))];
    };
  }
  const b = bytesOf(model.get("boundary"));
  if (setup.k === 2) return (i) => lut[0][b[i]];
  return (i) => lut[b[i]][b[n + i]];
}

function layout(sizes) {
  const columns = sizes.length, step = (NET.right - NET.left - NET.node) / (columns - 1);
  return sizes.map((n, L) => {
    const gap = Math.min(44, (NET.bottom - NET.top) / Math.max(n, 1));
    const top = (NET.top + NET.bottom) / 2 - (gap * n) / 2;
    return Array.from({ length: n }, (_, j) => ({ x: NET.left + L * step, y: top + j * gap + (gap - NET.node) / 2 }));
  });
}

let FONT = "sans-serif", INK = "#1f1f1f", DRAWN = Infinity;     // DRAWN: the smallest font size drawn in this paint

function text(ctx, words, x, y, { size = 12, align = "left", colour = INK, bold = false } = {}) {
  const px = Math.max(size, SMALLEST);
  ctx.font = `${bold ? "600 " : ""}${px}px ${FONT}`;
  ctx.fillStyle = colour; ctx.textAlign = align; ctx.textBaseline = "middle";
  ctx.fillText(words, x, y);
  DRAWN = Math.min(DRAWN, px);
}

function widthOf(ctx, words, size = 11) {
  ctx.font = `${size}px ${FONT}`;
  return ctx.measureText(words).width;
}

// The theme's colours as the page resolves them (plot.js's --bp-… variables), Python's light ones where unset,
// and whether the theme is dark (its paper's luminance), which picks the heat maps' colour tables.
function themed(el, colours) {
  const css = getComputedStyle(el), get = (name) => css.getPropertyValue(`--bp-${name}`).trim() || colours[name];
  const out = { paper: get("paper") || "#ffffff" };
  for (const name of ["ink", "muted", "positive", "negative", "train", "test"]) out[name] = get(name);
  if (!(out.paper in DARK)) {
    const probe = tile(1, 1).getContext("2d", { willReadFrequently: true });
    probe.fillStyle = out.paper; probe.fillRect(0, 0, 1, 1);
    const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
    DARK[out.paper] = 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  }
  out.dark = DARK[out.paper];
  return out;
}
const DARK = {};                                    // paper colour → whether it is a dark theme's

function drawNetwork(ctx, setup, model, lut, boundaryTile, colours) {
  const nodes = layout(setup.sizes), edges = model.get("edges");
  edges.forEach((layer, L) => {
    const from = nodes[L], to = nodes[L + 1];
    to.forEach((b, i) => from.forEach((a, j) => {
      const w = layer[i * from.length + j];
      ctx.strokeStyle = w < 0 ? colours.negative : colours.positive;
      ctx.globalAlpha = 0.25 + 0.75 * Math.abs(w);
      ctx.lineWidth = 0.5 + 3.5 * Math.abs(w);
      ctx.beginPath();
      ctx.moveTo(a.x + NET.node, a.y + NET.node / 2);
      ctx.lineTo(b.x, b.y + NET.node / 2);
      ctx.stroke();
    }));
  });
  ctx.globalAlpha = 1;
  const [hx, hy] = setup.hidden_grid, pictures = bytesOf(model.get("hidden")), per = hx * hy, t = tile(hx, hy);
  let k = 0;
  nodes.forEach((column, L) => column.forEach((node) => {
    if (L === nodes.length - 1) {
      ctx.drawImage(boundaryTile, node.x, node.y, NET.node, NET.node);
    } else {
      const base = k * per;
      paintGrid(t, null, hx, hy, (i) => lut[lut.length - 1][pictures[base + i]]);
      ctx.drawImage(t, node.x, node.y, NET.node, NET.node);
      k += 1;
    }
    ctx.strokeStyle = colours.muted; ctx.lineWidth = 1; ctx.strokeRect(node.x, node.y, NET.node, NET.node);
  }));
  // The columns' names; where they would touch (a deep network in a narrow column), short ones: in, 1, 2 …, out.
  const step = nodes.length > 1 ? nodes[1][0].x - nodes[0][0].x : Infinity;
  const crowded = setup.columns.some((name) => widthOf(ctx, name) + 6 > step);
  const short = (name) => name === "input" ? "in" : name === "output" ? "out" : name.replace("layer ", "");
  setup.columns.forEach((name, L) =>
    text(ctx, crowded ? short(name) : name, nodes[L][0].x + NET.node / 2, NET.top - 14, { size: 11, align: "center" }));
}

// Every k-th tick, k the least that keeps the labels ≥ 8 px apart (fewer labels on a small map, never smaller ones).
function thinned(ctx, ticks, step) {
  const widest = Math.max(...ticks.map((v) => widthOf(ctx, label(v))));
  for (let k = 1; k < ticks.length; k++) if (step * k >= widest + 8) return ticks.filter((v, i) => i % k === 0);
  return [ticks[0], ticks[ticks.length - 1]];
}
const label = (v) => String(v).replace("-", "−");

// A point: a disc of its class's colour, a circle for a training point and a square for a test point, rimmed in
// the theme's ink (≥ 3:1 on every colour of the heat map, tests/test_playground_figure.py).
function point(ctx, x, y, test, fill, rim) {
  ctx.beginPath();
  if (test) ctx.rect(x - 3.6, y - 3.6, 7.2, 7.2); else ctx.arc(x, y, 3.6, 0, 2 * Math.PI);
  ctx.fillStyle = fill; ctx.fill();
  ctx.lineWidth = 1.2; ctx.strokeStyle = rim; ctx.stroke();
}

function drawPoints(ctx, setup, colours) {
  const [x0, x1, y0, y1] = setup.extent, p = setup.points, s = MAP.size;
  const X = (v) => MAP.left + ((v - x0) / (x1 - x0)) * s, Y = (v) => MAP.top + s - ((v - y0) / (y1 - y0)) * s;
  p.x.forEach((x, i) => point(ctx, X(x), Y(p.y[i]), p.test[i], setup.colours.classes[p.c[i]], colours.ink));
  ctx.strokeStyle = colours.muted; ctx.lineWidth = 1; ctx.strokeRect(MAP.left, MAP.top, s, s);
  const ticks = setup.ticks, step = ticks.length > 1 ? Math.abs(X(ticks[1]) - X(ticks[0])) : Infinity;
  thinned(ctx, ticks, step).forEach((v) => {
    text(ctx, label(v), X(v), MAP.top + s + 10, { size: 11, align: "center" });
    text(ctx, label(v), MAP.left - 4, Y(v), { size: 11, align: "right" });
  });
}

function drawCurves(ctx, curves, colours) {
  const { left, top, width, height } = CURVE;
  ctx.strokeStyle = colours.muted; ctx.lineWidth = 1; ctx.strokeRect(left, top, width, height);
  text(ctx, curves.label || "loss", left, top - 9, { size: 11 });
  text(ctx, "train", left + width + 8, top + 10, { size: 11, colour: colours.train, bold: true });
  text(ctx, "test", left + width + 8, top + 28, { size: 11, colour: colours.test, bold: true });
  const steps = curves.steps || [], last = Math.max(steps[steps.length - 1] || 1, 1), top_loss = curves.top || 1;
  [["train", colours.train], ["test", colours.test]].forEach(([name, colour]) => {
    const ys = curves[name] || [];
    ctx.strokeStyle = colour; ctx.lineWidth = 1.8; ctx.beginPath();
    let pen = false;
    ys.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) { pen = false; return; }
      const x = left + (steps[i] / last) * width, y = top + height - (Math.min(v, top_loss) / top_loss) * height;
      if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      pen = true;
    });
    ctx.stroke();
  });
  text(ctx, `0`, left - 4, top + height, { size: 11, align: "right" });
  text(ctx, curves.top_label || String(top_loss), left - 4, top, { size: 11, align: "right" });
}

function legend(ctx, setup, x, y, colours) {
  ["training point (circle)", "test point (square)"].forEach((name, i) => {
    point(ctx, x + 4, y + 18 * i, i === 1, colours.muted, colours.ink);
    text(ctx, name, x + 14, y + 18 * i, { size: 11 });
  });
  setup.colours.classes.forEach((colour, c) => {
    ctx.beginPath(); ctx.arc(x + 4, y + 36 + 18 * c, 4.5, 0, 2 * Math.PI);
    ctx.fillStyle = colour; ctx.fill(); ctx.lineWidth = 1.2; ctx.strokeStyle = colours.ink; ctx.stroke();
    text(ctx, `class ${c}`, x + 14, y + 36 + 18 * c, { size: 11 });
  });
}

function render({ model, el }) {
  stylesheet();                                   // plot.js's: the course's look for the view around the figure
  const root = document.createElement("div"), canvas = document.createElement("canvas");
  const verdict = document.createElement("div");
  root.className = "bp-playground";
  root.dataset.figure = "playground";
  el.classList.add("bp-figure");
  canvas.setAttribute("role", "img");
  verdict.style.cssText = "font-size:13px;min-height:1.4em;margin:2px 0 0 6px;max-width:880px";
  root.append(canvas, verdict);
  el.append(root);
  let queued = 0, painted = 0, answered = -1;

  function draw() {
    queued = 0;
    const started = performance.now();
    const setup = model.get("setup");
    if (!setup || !setup.grid) return;
    const column = Math.floor(el.clientWidth) || model.get("width");
    const L = column >= WIDE ? WIDE_LAYOUT : stacked(Math.max(LEAST, Math.min(NARROW, column)), setup.k);
    ({ map: MAP, curve: CURVE, net: NET } = L);
    const w = L.W, h = L.H, ratio = window.devicePixelRatio || 1, shown = Math.min(w, column);
    if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
      canvas.width = Math.round(w * ratio); canvas.height = Math.round(h * ratio);
    }
    canvas.style.width = `${shown}px`; canvas.style.height = `${(h * shown) / w}px`;
    const ctx = canvas.getContext("2d"), colours = themed(el, setup.colours);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = colours.paper; ctx.fillRect(0, 0, w, h);
    FONT = getComputedStyle(root).fontFamily || "sans-serif"; INK = colours.ink; DRAWN = Infinity;
    const lut = tables(colours.dark && setup.dark_tables ? setup.dark_tables : setup.tables);
    const [nx, ny] = setup.grid, map = tile(nx, ny);
    paintGrid(map, null, nx, ny, boundaryColour(model, setup, lut));
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(map, MAP.left, MAP.top, MAP.size, MAP.size);
    drawPoints(ctx, setup, colours);
    drawNetwork(ctx, setup, model, lut, map, colours);
    drawCurves(ctx, model.get("curves"), colours);
    const words = model.get("words");
    text(ctx, words.title || "", MAP.left, 10, { size: 12, bold: true });
    (words.lines || []).forEach((line, i) =>
      text(ctx, line, L.numbers[0], L.numbers[1] + 18 * i, { size: 12 }));
    legend(ctx, setup, L.legend[0], L.legend[1], colours);
    canvas.dataset.smallestText = String(Math.round(DRAWN * (shown / w) * 100) / 100);   // as shown, in CSS px
    root.dataset.column = String(column);        // the width this paint was laid out for
    verdict.textContent = words.verdict || "";
    canvas.setAttribute("aria-label", model.get("description"));
    painted = model.get("frame");
    root.dataset.frame = String(painted);        // what a test or benchmark reads: the frame, when, at what cost
    root.dataset.paintedAt = String(performance.now());
    root.dataset.paintMs = String(Number(root.dataset.paintMs || 0) + performance.now() - started);
    if (painted === answered) return;            // a repaint of the same frame (a resize): answered already
    answered = painted;
    try { model.send({ drawn: painted }); } catch (e) { /* its kernel is gone (the page moved on): no one waits */ }
  }

  // A new frame is drawn into the canvas at once (the browser shows it at its next paint) and answered;
  // a new setup or size waits for the next animation frame, where one draw serves all.
  const schedule = () => { if (!queued) queued = requestAnimationFrame(draw); };
  let column = el.clientWidth;
  const watcher = new ResizeObserver(() => { if (el.clientWidth !== column) { column = el.clientWidth; schedule(); } });
  watcher.observe(el);
  const theme = new MutationObserver(schedule);   // JupyterLab's theme switched: repaint in its colours
  theme.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-light", "data-jp-theme-name"] });
  setTimeout(() => nameControls(el), 0);          // plot.js's: each slider handle named by its label
  const now = () => { if (queued) cancelAnimationFrame(queued); draw(); };
  const traits = ["setup", "width", "height"];
  traits.forEach((name) => model.on(`change:${name}`, schedule));
  model.on("change:frame", now);
  schedule();
  return () => {
    if (queued) cancelAnimationFrame(queued);
    watcher.disconnect();
    theme.disconnect();
    traits.forEach((name) => model.off(`change:${name}`, schedule));
    model.off("change:frame", now);
  };
}

return { render };
})();

export default playground;
