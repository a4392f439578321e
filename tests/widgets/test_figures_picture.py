"""widgets/figures/picture.py: the static PNG shows the marks where the panel's limits put them."""
import io

import numpy as np
import pytest
from PIL import Image

from backprop.widgets.figures import (Plot, bars, image, legend, line, panel, points, rect, segments, texts)

pytestmark = pytest.mark.filterwarnings("error")
RED = (214, 39, 40)        # C3


def pixels(plot):
    return np.asarray(Image.open(io.BytesIO(plot.picture())).convert("RGB")).astype(int)


def near(picture, x, y, colour, radius=2):
    """True when a pixel within ``radius`` of (x, y) (from the top left) has ``colour``."""
    patch = picture[y - radius:y + radius + 1, x - radius:x + radius + 1]
    return bool(np.any(np.all(np.abs(patch - colour) <= 8, axis=-1)))


def test_a_point_lands_where_the_panel_maps_it():
    plot = Plot([panel((0.1, 0.2, 0.8, 0.6), xlim=(-4, 4), ylim=(0, 2))], width=400, height=200)
    plot.show([points(0, [2.0], [1.5], color="C3", size=5)], description="a point at (2, 1.5)")
    x = round(400 * (0.1 + 0.8 * (2.0 + 4) / 8))               # left + width · (x − x₀)/(x₁ − x₀)
    y = round(200 * (1 - (0.2 + 0.6 * 1.5 / 2)))               # from the top: 1 − (bottom + height · …)
    picture = pixels(plot)
    assert near(picture, x, y, RED) and not near(picture, x, 200 - y, RED)


def test_every_kind_of_mark_draws_on_linear_and_log_panels():
    plot = Plot([panel((0.1, 0.15, 0.35, 0.7), xlim=(0, 1), ylim=(0, 1)),
                 panel((0.6, 0.15, 0.35, 0.7), xlim=(0, 4), ylim=(1e-6, 1e6), yscale="log", frame=False)],
                width=500, height=250)
    marks = [line(0, [0, 1], [0, 1], dash=True, marker="o"), points(0, [0.5], [0.2], shape="ring"),
             points(0, [0.2], [0.8], shape="x"), segments(0, [[0, 1]], [[1, 0]], color=["C1"], width=[3]),
             texts(0, [(0.5, 0.5)], ["mid\ndle"], halo=True), legend(0, [("a", "C0", "line"), ("b", "C3", "x")]),
             image(0, np.eye(8), (0.6, 0.9, 0.6, 0.9)), rect(1, y0=1e-2, y1=1e2),
             bars(1, [1, 2, 3], [1e-3, 1.0, 1e4], bottom=1e-6, color="C3")]
    plot.show(marks, description="every mark", title="all marks")
    picture = pixels(plot)
    assert picture.shape == (250, 500, 3)
    bar_x = round(500 * (0.6 + 0.35 * 3 / 4))
    bar_top = round(250 * (1 - (0.15 + 0.7 * (4 + 6) / 12)))    # 10⁴ on a 10⁻⁶…10⁶ log axis
    assert near(picture, bar_x, bar_top + 4, RED) and not near(picture, bar_x, bar_top - 6, RED)
