// The playground's live figure: a canvas that paints what Python sends — the boundary's heat map with
// the points, the network with each neuron's picture and its edges, the loss curves, the words. Every
// colour comes from Python (colour tables and hex strings); nothing is computed here but pixel positions.
// After painting a frame the page answers {drawn: frame}: the kernel sends the next one only then.
// Python appends this module to plot.js's (without its export): stylesheet() and nameControls() are plot.js's,
// everything here lives in its own scope.
const playground = (() => {
// Two layouts: side by side in a column of WIDE px or more; stacked (map, curves, words, then the network) in a
// narrower one, the canvas scaled down by CSS below NARROW px.
const WIDE = 960, NARROW = 470;
const LAYOUTS = {
  wide: { W: 960, H: 430, map: { left: 470, top: 24, size: 300 }, curve: { left: 470, top: 360, width: 300, height: 56 },
          net: { left: 20, right: 430, top: 30, bottom: 400, node: 28 }, numbers: [784, 34], legend: [784, 134] },
  narrow: { W: 470, H: 850, map: { left: 44, top: 24, size: 300 }, curve: { left: 44, top: 372, width: 300, height: 56 },
            net: { left: 14, right: 456, top: 600, bottom: 840, node: 26 }, numbers: [10, 470], legend: [250, 470] },
};
let MAP = LAYOUTS.wide.map, CURVE = LAYOUTS.wide.curve, NET = LAYOUTS.wide.net;

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

function tables(setup) {
  const flat = setup.tables, rows = flat.length / 1024, out = [];
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

let FONT = "sans-serif", INK = "#1f1f1f";

function text(ctx, words, x, y, { size = 12, align = "left", colour = INK, bold = false } = {}) {
  ctx.font = `${bold ? "600 " : ""}${Math.max(size, 11)}px ${FONT}`;
  ctx.fillStyle = colour; ctx.textAlign = align; ctx.textBaseline = "middle";
  ctx.fillText(words, x, y);
}

function drawNetwork(ctx, setup, model, lut, boundaryTile) {
  const nodes = layout(setup.sizes), edges = model.get("edges"), colours = setup.colours;
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
    ctx.strokeStyle = setup.colours.muted; ctx.lineWidth = 1; ctx.strokeRect(node.x, node.y, NET.node, NET.node);
  }));
  setup.columns.forEach((name, L) =>
    text(ctx, name, nodes[L][0].x + NET.node / 2, NET.top - 14, { size: 11, align: "center" }));
}

function drawPoints(ctx, setup) {
  const [x0, x1, y0, y1] = setup.extent, p = setup.points, s = MAP.size;
  const X = (v) => MAP.left + ((v - x0) / (x1 - x0)) * s, Y = (v) => MAP.top + s - ((v - y0) / (y1 - y0)) * s;
  p.x.forEach((x, i) => {
    ctx.beginPath(); ctx.arc(X(x), Y(p.y[i]), 3.2, 0, 2 * Math.PI);
    ctx.fillStyle = setup.colours.classes[p.c[i]]; ctx.fill();
    ctx.lineWidth = p.test[i] ? 1.6 : 1; ctx.strokeStyle = p.test[i] ? "#000" : "#fff"; ctx.stroke();
  });
  ctx.strokeStyle = "#444"; ctx.lineWidth = 1; ctx.strokeRect(MAP.left, MAP.top, s, s);
  setup.ticks.forEach((v) => {
    text(ctx, String(v).replace("-", "−"), X(v), MAP.top + s + 10, { size: 11, align: "center" });
    text(ctx, String(v).replace("-", "−"), MAP.left - 4, Y(v), { size: 11, align: "right" });
  });
}

function drawCurves(ctx, setup, curves) {
  const { left, top, width, height } = CURVE;
  ctx.strokeStyle = "#444"; ctx.lineWidth = 1; ctx.strokeRect(left, top, width, height);
  text(ctx, curves.label || "loss", left, top - 9, { size: 11 });
  text(ctx, "train", left + width + 8, top + 10, { size: 11, colour: setup.colours.train, bold: true });
  text(ctx, "test", left + width + 8, top + 28, { size: 11, colour: setup.colours.test, bold: true });
  const steps = curves.steps || [], last = Math.max(steps[steps.length - 1] || 1, 1), top_loss = curves.top || 1;
  [["train", setup.colours.train], ["test", setup.colours.test]].forEach(([name, colour]) => {
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
  text(ctx, String(top_loss), left - 4, top, { size: 11, align: "right" });
}

function legend(ctx, setup, x, y) {
  [["training point", "#fff", 1], ["test point", "#000", 1.6]].forEach(([name, rim, width], i) => {
    ctx.beginPath(); ctx.arc(x + 4, y + 18 * i, 4, 0, 2 * Math.PI);
    ctx.fillStyle = setup.colours.muted; ctx.fill();
    ctx.lineWidth = width; ctx.strokeStyle = rim; ctx.stroke();
    text(ctx, `${name} (${rim === "#fff" ? "white" : "black"} rim)`, x + 14, y + 18 * i, { size: 11 });
  });
  setup.colours.classes.forEach((colour, c) => {
    ctx.fillStyle = colour; ctx.fillRect(x, y + 36 + 18 * c - 5, 9, 9);
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
    const column = el.clientWidth || model.get("width"), L = LAYOUTS[column >= WIDE ? "wide" : "narrow"];
    ({ map: MAP, curve: CURVE, net: NET } = L);
    const w = L.W, h = L.H, ratio = window.devicePixelRatio || 1, shown = Math.min(w, column);
    if (canvas.width !== Math.round(w * ratio)) {
      canvas.width = Math.round(w * ratio); canvas.height = Math.round(h * ratio);
    }
    canvas.style.width = `${shown}px`; canvas.style.height = `${(h * shown) / w}px`;
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, w, h);
    FONT = getComputedStyle(root).fontFamily || "sans-serif"; INK = setup.colours.ink;
    const lut = tables(setup), [nx, ny] = setup.grid, map = tile(nx, ny);
    paintGrid(map, null, nx, ny, boundaryColour(model, setup, lut));
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(map, MAP.left, MAP.top, MAP.size, MAP.size);
    drawPoints(ctx, setup);
    drawNetwork(ctx, setup, model, lut, map);
    drawCurves(ctx, setup, model.get("curves"));
    const words = model.get("words");
    text(ctx, words.title || "", MAP.left, 10, { size: 12, bold: true });
    (words.lines || []).forEach((line, i) =>
      text(ctx, line, L.numbers[0], L.numbers[1] + 18 * i, { size: 12 }));
    legend(ctx, setup, L.legend[0], L.legend[1]);
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
  setTimeout(() => nameControls(el), 0);          // plot.js's: each slider handle named by its label
  const now = () => { if (queued) cancelAnimationFrame(queued); draw(); };
  const traits = ["setup", "width", "height"];
  traits.forEach((name) => model.on(`change:${name}`, schedule));
  model.on("change:frame", now);
  schedule();
  return () => {
    if (queued) cancelAnimationFrame(queued);
    watcher.disconnect();
    traits.forEach((name) => model.off(`change:${name}`, schedule));
    model.off("change:frame", now);
  };
}

return { render };
})();

export default playground;
