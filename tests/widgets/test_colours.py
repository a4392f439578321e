"""widgets/figures/colours.py and palette.json: matplotlib's colours and colour maps, without matplotlib.

The views import no matplotlib (the zero-install site loads it only when a cell imports it), so every
number here is compared with the installed matplotlib's own: the file must be what tools/palette.py
writes now, and each function must answer as matplotlib's does, including its edge cases.
"""
import subprocess
import sys

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from matplotlib import colors as mcolors

from backprop.widgets.figures import colours
from tools import palette

pytestmark = pytest.mark.filterwarnings("error")


def test_the_palette_file_is_what_matplotlib_gives_now():
    assert (colours.Path(colours.__file__).parent / "palette.json").read_text() == palette.text(), \
        "palette.json is stale: run .venv/bin/python -m tools.palette"


SPECS = ["C0", "C3", "C9", "C10", "0.8", "0", "1", "0.25", "gold", "Gold", "k", "w", "r", "g", "tab:blue",
         "#2166ac", "#B2182B", "#abc", "#abcd", "#11223344", "none", "white", (0.1, 0.2, 0.3), (1, 0, 0, 0.5),
         np.array([0.0, 0.5, 1.0]), [0.2, 0.4, 0.6, 1.0]]
NOT_COLOURS = ["C", "CO", "1.5", "-0.1", "nan", "#12345", "#ggg", "blurple", "G", (0.1, 0.2), (1.2, 0, 0),
               (0, 0, 0, 0, 0), "", None, [["C0"]], ("a", "b", "c")]


@pytest.mark.parametrize("spec", SPECS, ids=repr)
def test_a_colour_reads_as_matplotlib_reads_it(spec):
    # palette.json keeps names as '#rrggbb': 'g' is (0, 0.5, 0) in matplotlib, #008000 there (half an 8-bit step off)
    exact = not isinstance(spec, str) or spec.startswith("#") or spec[0].isdigit()
    assert colours.to_rgba(spec) == pytest.approx(mcolors.to_rgba(spec), abs=1e-12 if exact else 0.5 / 255)
    assert colours.to_hex(spec) == mcolors.to_hex(spec)
    assert colours.is_colour(spec)


@pytest.mark.parametrize("spec", NOT_COLOURS, ids=repr)
def test_what_matplotlib_refuses_is_refused_with_the_forms_it_takes(spec):
    assert not mcolors.is_color_like(spec)
    assert not colours.is_colour(spec)
    with pytest.raises(ValueError, match="is not a colour: give '#rrggbb'"):
        colours.to_hex(spec)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=3, max_size=4))
def test_any_rgb_or_rgba_rounds_to_the_same_hex(values):
    assert colours.to_hex(values) == mcolors.to_hex(values)


@pytest.mark.parametrize("name", ["RdBu", "viridis", "gray_r"])
def test_a_colour_map_gives_matplotlibs_rgba_everywhere_even_off_its_ends(name):
    rng = np.random.default_rng(0)
    values = np.concatenate([rng.uniform(-0.5, 1.5, 2000), np.linspace(0, 1, 513), [0.0, 1.0, -1e-12, 1 + 1e-12,
                                                                                  np.nan, np.inf, -np.inf]])
    ours, theirs = colours.Colormap(name)(values), matplotlib.colormaps[name](values)
    np.testing.assert_array_equal(ours, theirs)
    grid = rng.uniform(0, 1, (8, 8))
    np.testing.assert_array_equal(colours.Colormap(name)(grid), matplotlib.colormaps[name](grid))


def test_normalize_is_matplotlibs_on_the_images_the_views_draw():
    pixels = np.random.default_rng(1).uniform(-3, 20, (8, 8))
    for vmin, vmax in [(0.0, 1.0), (0.0, 16.0), (-2.0, 5.0), (3.0, 3.0)]:
        np.testing.assert_array_equal(colours.normalize(pixels, vmin, vmax),
                                      np.asarray(mcolors.Normalize(vmin, vmax)(pixels)))
    with pytest.raises(ValueError, match="vmin"):
        colours.normalize(pixels, 2.0, 1.0)


def test_an_unknown_colour_map_names_the_ones_there_are():
    with pytest.raises(ValueError, match="RdBu, gray_r, viridis.*tools/palette.py"):
        colours.Colormap("jet")


def test_the_views_and_their_figures_import_no_matplotlib():
    code = ("import sys, importlib, pkgutil, backprop, backprop.widgets, backprop.widgets.figures as f\n"
            "for package in (backprop, backprop.widgets, f):\n"
            "    for info in pkgutil.iter_modules(package.__path__, package.__name__ + '.'):\n"
            "        if not info.name.endswith('.picture'):\n"
            "            importlib.import_module(info.name)\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'PIL', 'contourpy'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", "picture.py alone may import matplotlib (the PNG); the live path must not"
