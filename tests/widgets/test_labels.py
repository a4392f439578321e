"""Labels (widgets/_labels.py): text drawn from cached glyph bitmaps lands where it stands."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402


pytestmark = pytest.mark.filterwarnings("error")


def test_glyph_labels_paint_their_text_where_they_stand():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from backprop.widgets._labels import Labels
    fig = Figure(figsize=(2, 1), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set(xlim=(0, 2), ylim=(0, 1))
    ax.set_axis_off()
    labels = Labels(ax, [(0.5, 0.5)], fontsize=10)
    labels.set_texts(["+0.123"])
    fig.canvas.draw()
    ink = np.asarray(fig.canvas.buffer_rgba())[:, :, 0] < 128       # dark pixels, rows from the top
    rows, cols = np.nonzero(ink)
    assert 35 < rows.mean() < 65 and 35 < cols.mean() < 65          # centred on (0.5, 0.5) → pixel (50, 50)
    assert 25 < cols.max() - cols.min() < 60                        # about six characters wide at 10 pt
    labels.set_texts([""], positions=[(1.5, 0.5)])
    fig.canvas.draw()
    assert not (np.asarray(fig.canvas.buffer_rgba())[:, :, 0] < 128).any()
