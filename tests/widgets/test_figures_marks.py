"""widgets/figures/marks.py: numbers the browser can carry, colours as hex, contours and images checked by hand."""
import base64
import io
import json

import numpy as np
import pytest
from PIL import Image

from backprop.widgets.figures import bars, contours, image, legend, line, points, rect, segments, texts

pytestmark = pytest.mark.filterwarnings("error")


def test_numbers_travel_as_json_with_none_for_what_is_not_finite():
    mark = line(0, [0.0, 1.0, 2.0], [1.5, np.nan, np.inf])
    assert mark["x"] == [0.0, 1.0, 2.0] and mark["y"] == [1.5, None, None]
    json.dumps(mark, allow_nan=False)                    # no NaN reaches the browser's JSON parser


def test_numbers_are_exactly_the_given_floats():
    values = np.array([0.1, 1 / 3, -2.5e-17])
    assert points(0, values, values)["y"] == values.tolist()


def test_colours_are_hex_one_or_one_per_item():
    assert line(0, [0], [0], color="C3")["color"] == "#d62728"
    assert points(0, [0, 1], [0, 1], color=["C0", (1.0, 0.0, 0.0, 1.0)])["color"] == ["#1f77b4", "#ff0000"]
    assert bars(0, [0], [1], color=np.array([[0.0, 0.0, 1.0, 1.0]]))["color"] == ["#0000ff"]
    assert legend(0, [("train", "C0", "line")])["entries"] == [["train", "#1f77b4", "line"]]


def test_segments_texts_and_rect_keep_their_coordinates():
    seg = segments(0, [[0, 0], [1, 1]], [[1, 0], [2, 3]], width=[1, 2])
    assert (seg["x0"], seg["y0"], seg["x1"], seg["y1"], seg["width"]) == ([0, 1], [0, 1], [1, 2], [0, 3], [1, 2])
    words = texts(1, [(0.5, 0.9)], ["z = 0.33"], coords="axes")
    assert (words["x"], words["y"], words["text"], words["panel"]) == ([0.5], [0.9], ["z = 0.33"], 1)
    band = rect(0, y0=1e-5, y1=1e3)
    assert (band["x0"], band["x1"], band["y0"], band["y1"]) == (None, None, 1e-5, 1e3)


def test_contours_of_a_bowl_are_circles():
    grid = np.linspace(-2, 2, 81)
    bowl = grid[None, :] ** 2 + grid[:, None] ** 2            # z[i, j] = x[j]² + y[i]²
    (one, four) = contours(0, grid, grid, bowl, levels=[1.0, 4.0 - 1e-9], cmap="viridis")
    for mark, radius in ((one, 1.0), (four, 2.0)):
        xy = np.array([(x, y) for x, y in zip(mark["x"], mark["y"]) if x is not None])
        np.testing.assert_allclose(np.hypot(xy[:, 0], xy[:, 1]), radius, atol=2e-3)
    assert one["color"] != four["color"]


def test_image_is_the_pixels_through_the_colour_map():
    pixels = np.zeros((8, 8))
    pixels[2, 5] = 1.0
    mark = image(0, pixels, extent=(0, 1, 0, 1), cmap="gray_r")
    picture = np.asarray(Image.open(io.BytesIO(base64.b64decode(mark["src"].split(",", 1)[1]))))
    assert picture.shape == (8, 8, 4) and mark["extent"] == [0, 1, 0, 1]
    assert tuple(picture[2, 5, :3]) == (0, 0, 0) and tuple(picture[0, 0, :3]) == (255, 255, 255)
