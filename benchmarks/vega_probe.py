"""One page, the same data: plot.js against Vega-Lite (vega 6.3.1 + vega-lite 6.5.0, SVG renderer) redrawing a
line of 200 points with new data, laying the figure out again (a new width), and building it; medians of 40
runs (10 builds), in ms, with the load average. For benchmarks/FIGURES.md; Vega is not a dependency:

    mkdir /tmp/vl && cd /tmp/vl && npm pack vega@6.3.1 vega-lite@6.5.0 && for f in *.tgz; do
        mkdir ${f%.tgz} && tar xzf $f -C ${f%.tgz}; done
    .venv/bin/python -m benchmarks.vega_probe /tmp/vl
"""
import json
import statistics
import sys
from pathlib import Path

import numpy as np
from playwright.sync_api import sync_playwright
from tools.browser.chromium import CHROMIUM
from backprop.widgets.figures import line, panel
from backprop.widgets.figures.plot import Plot

esm = Plot._esm
grid = np.linspace(0, 4, 200)
panels = [panel((0.1, 0.15, 0.85, 0.7), xlim=(0, 4), ylim=(-1.2, 1.2), xlabel="x", ylabel="sin(w·x)", title="one line")]
marks_for = lambda w: [line(0, grid, np.sin(w * grid), color="learner", width=2)]
VL = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/vl")
html = f"""<html><body><div id=a style="width:640px"></div><div id=b style="width:640px"></div>
<script src="file://{VL}/vega-6.3.1/package/build/vega.min.js"></script>
<script src="file://{VL}/vega-lite-6.5.0/package/build/vega-lite.min.js"></script></body></html>"""
(VL / "page.html").write_text(html)
JS = """async ([esm, panels, frames, xs]) => {
  const url = URL.createObjectURL(new Blob([esm], {type: 'text/javascript'}));
  const mod = (await import(url)).default;
  const traits = {width: 640, height: 320, panels, backdrop: [], marks: frames[0], title: '', description: 'd'};
  const handlers = {};
  const model = {get: k => traits[k], on: (e, h) => (handlers[e] = h), off: () => {}};
  const a = document.getElementById('a'); mod.render({model, el: a});
  await new Promise(r => setTimeout(r, 50));
  const tick = () => new Promise(r => queueMicrotask(r));
  const plotData = [], plotResize = [], vlData = [], vlResize = [], vlBuild = [];
  for (let i = 1; i < frames.length; i++) {
    const t0 = performance.now(); traits.marks = frames[i]; handlers['change:marks'](); await tick();
    plotData.push(performance.now() - t0);
  }
  for (let i = 0; i < 40; i++) {                 // a whole new layout: what a new column width costs
    a.style.width = (i % 2 ? 368 : 848) + 'px';
    const t0 = performance.now(); traits.panels = JSON.parse(JSON.stringify(panels)); handlers['change:panels'](); await tick();
    plotResize.push(performance.now() - t0);
  }
  const spec = (w) => ({$schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: w, height: 240,
    data: {name: 'table'}, mark: {type: 'line', strokeWidth: 2}, title: 'one line',
    encoding: {x: {field: 'x', type: 'quantitative', scale: {domain: [0, 4]}, title: 'x'},
               y: {field: 'y', type: 'quantitative', scale: {domain: [-1.2, 1.2]}, title: 'sin(w·x)'}}});
  const b = document.getElementById('b');
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const view = new vega.View(vega.parse(vegaLite.compile(spec(560)).spec), {renderer: 'svg', container: b, hover: false});
    view.data('table', xs.map((x, k) => ({x, y: frames[0][0].y[k]}))); await view.runAsync();
    vlBuild.push(performance.now() - t0); if (i < 9) view.finalize(); else window.vv = view;
  }
  const view = window.vv;
  for (let i = 1; i < frames.length; i++) {
    const t0 = performance.now();
    view.change('table', vega.changeset().remove(() => true).insert(xs.map((x, k) => ({x, y: frames[i][0].y[k]}))));
    await view.runAsync(); vlData.push(performance.now() - t0);
  }
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now(); await view.width(i % 2 ? 288 : 768).runAsync(); vlResize.push(performance.now() - t0);
  }
  return {plotData, plotResize, vlData, vlResize, vlBuild, svgA: a.innerHTML.length, svgB: b.innerHTML.length};
}"""
frames = [marks_for(1 + 0.01 * i) for i in range(41)]
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu",
        "--allow-file-access-from-files"])
    page = browser.new_page()
    page.goto(f"file://{VL}/page.html")
    out = page.evaluate(JS, [esm, panels, frames, list(grid)])
    browser.close()
med = {k: round(statistics.median(v), 2) for k, v in out.items() if isinstance(v, list)}
print(json.dumps(med), open("/proc/loadavg").read().split()[0])
