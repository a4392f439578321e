// A computational graph drawn as SVG: boxes (a node's name, value and gradient) and the edges between them.
// Python (backprop.widgets.figures.graph) sends every position, colour and word; this module only places
// them on screen. A click on a node asks for "why this number" by setting the model's `clicked` trait.
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const px = (v) => Math.round(v * 10) / 10;
const TRAITS = ["width", "height", "nodes", "edges", "title", "legend", "description", "font"];

function edge(e, font) {
  let s = e.band === "none" ? "" : `<line x1="${px(e.x0)}" y1="${px(e.y0)}" x2="${px(e.x1)}" y2="${px(e.y1)}" stroke="${e.band}" stroke-width="7" stroke-linecap="round"/>`;
  s += `<line x1="${px(e.x0)}" y1="${px(e.y0)}" x2="${px(e.x1)}" y2="${px(e.y1)}" stroke="${e.color}" stroke-width="${e.width}"/>`;
  if (e.text) {
    const x = e.x0 + (e.x1 - e.x0) * 0.3, y = e.y0 + (e.y1 - e.y0) * 0.3 - 3;
    s += `<text x="${px(x)}" y="${px(y)}" text-anchor="middle" font-size="${font}" fill="${e.color}" stroke="white" stroke-width="3" paint-order="stroke">${esc(e.text)}</text>`;
  }
  return s;
}

function node(n, i, font) {
  const x = n.x - n.w / 2, y = n.y - n.h / 2, line = font + 2;
  let s = `<g data-node="${i}" style="cursor:pointer"><title>${esc(n.tip)}</title>`;
  if (n.ring !== "none") s += `<rect x="${px(x - 4)}" y="${px(y - 4)}" width="${px(n.w + 8)}" height="${px(n.h + 8)}" rx="7" fill="${n.ring}"/>`;
  s += `<rect x="${px(x)}" y="${px(y)}" width="${px(n.w)}" height="${px(n.h)}" rx="4" fill="${n.fill}" stroke="${n.stroke}" stroke-width="${n.edge}"/>`;
  n.lines.forEach((t, k) => {
    const color = n.colors[k];
    const weight = k === 0 ? ' font-weight="bold"' : "";
    s += `<text x="${px(n.x)}" y="${px(y + 3 + line * (k + 0.5))}" text-anchor="middle" dominant-baseline="middle" font-size="${font}" fill="${color}"${weight}>${esc(t)}</text>`;
  });
  return s + "</g>";
}

function draw(model, svg) {
  const w = model.get("width"), h = model.get("height"), font = model.get("font");
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  svg.setAttribute("width", w);
  svg.setAttribute("height", h);
  svg.setAttribute("aria-label", model.get("description"));
  const title = `<text x="6" y="16" font-size="${font + 1}" fill="#1f1f1f">${esc(model.get("title"))}</text>` +
    `<text x="6" y="34" font-size="${font}">` + model.get("legend").map(([words, color]) => `<tspan fill="${color}">${esc(words)} </tspan>`).join("") + "</text>";
  svg.innerHTML = `<rect width="${w}" height="${h}" fill="#ffffff"/>` + title +
    model.get("edges").map((e) => edge(e, font)).join("") + model.get("nodes").map((n, i) => node(n, i, font)).join("");
}

function render({ model, el }) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("font-family", "sans-serif");
  svg.classList.add("backprop-graph");
  el.dataset.figure = "graph";
  el.appendChild(svg);
  svg.addEventListener("click", (event) => {
    const g = event.target.closest("[data-node]");
    if (g) {
      model.set("clicked", Number(g.dataset.node));
      model.save_changes();
    }
  });
  const redraw = () => draw(model, svg);
  redraw();
  for (const t of TRAITS) model.on(`change:${t}`, redraw);
  return () => { for (const t of TRAITS) model.off(`change:${t}`, redraw); };
}

export default { render };
