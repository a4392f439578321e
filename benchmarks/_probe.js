// Installed in the page by benchmarks/browser.py: times a key press until a view's figure and readout change.
// A figure is whatever a view draws with (canvas pixels, SVG markup, an image's source); the readout is the
// view's HTML child. Times are taken in the first animation frame where each differs, from the keydown event.
(() => {
  const FIGURE = "canvas, svg, img";

  function hashPixels(canvas) {
    if (!canvas.width || !canvas.height) return "empty";
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    const words = new Uint32Array(data.buffer);
    let hash = 0;
    for (let i = 0; i < words.length; i++) hash = (Math.imul(hash, 31) + words[i]) | 0;
    return `${canvas.width}x${canvas.height}:${hash}`;
  }

  function part(node) {
    const tag = node.tagName.toLowerCase();
    if (tag === "canvas") return hashPixels(node);
    if (tag === "img") return node.src;
    return node.closest("svg") === node ? node.outerHTML : "";
  }

  function figure(view) {
    const nodes = [...view.querySelectorAll(FIGURE)].filter((n) => !n.closest(".widget-html"));
    return nodes.map(part).join("|");
  }

  function readout(view) {
    const html = view.querySelector(":scope > .widget-html");
    return html ? html.innerText : "";
  }

  function label(view) {
    const node = view.querySelector("[data-figure] [aria-label], [data-figure][aria-label]");
    return node ? node.getAttribute("aria-label") : null;
  }

  // Arm for one key press on the page: resolves once figure and readout changed (or after `limit` ms).
  function timeNextKey(view, limit = 10000) {
    const before = { figure: figure(view), text: readout(view) };
    const result = { figure: null, text: null };
    return new Promise((resolve) => {
      const onKey = (event) => {
        document.removeEventListener("keydown", onKey, true);
        const start = event.timeStamp;
        const frame = () => {
          const now = performance.now();
          if (result.figure === null && figure(view) !== before.figure) result.figure = now - start;
          if (result.text === null && readout(view) !== before.text) result.text = now - start;
          const waiting = result.figure === null || result.text === null;
          if (waiting && now - start < limit) requestAnimationFrame(frame);
          else resolve(result);
        };
        requestAnimationFrame(frame);
      };
      document.addEventListener("keydown", onKey, true);
    });
  }

  // Resolves once neither figure nor readout changed for `quiet` ms (or after `limit` ms).
  function settle(view, quiet = 300, limit = 15000) {
    return new Promise((resolve) => {
      const start = performance.now();
      let last = figure(view) + readout(view), since = start;
      const frame = () => {
        const now = performance.now(), seen = figure(view) + readout(view);
        if (seen !== last) [last, since] = [seen, now];
        if (now - since >= quiet || now - start >= limit) resolve(now - start);
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  }

  window.backpropProbe = { timeNextKey, settle, label, figure, readout };
})();
