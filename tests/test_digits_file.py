"""The digits shipped in lib/digits.npz are scikit-learn's, bit for bit, and ship inside the package."""
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest

from backprop import data

ROOT = Path(__file__).resolve().parents[1]


def test_digits_equal_scikit_learns_copy_bit_for_bit():
    sklearn_datasets = pytest.importorskip("sklearn.datasets")   # a test peer, not a course requirement
    bunch = sklearn_datasets.load_digits()
    X, y = data._digit_pixels()
    assert X.dtype == bunch.data.dtype and X.shape == (1797, 64)
    assert np.array_equal(X, bunch.data / 16.0) and np.array_equal(y, bunch.target.astype(int))
    assert X.tobytes() == (bunch.data / 16.0).tobytes()


def test_digits_file_holds_small_integers_and_every_label():
    with np.load(data.DIGITS_FILE) as stored:
        pixels, labels = stored["pixels"], stored["labels"]
    assert pixels.dtype == np.uint8 and pixels.shape == (1797, 64) and pixels.max() == 16
    assert labels.dtype == np.uint8 and set(np.unique(labels)) == set(range(10))


def test_digits_ship_as_package_data_with_their_licence():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    shipped = config["tool"]["setuptools"]["package-data"]["backprop"]
    assert {"digits.npz", "DIGITS.md"} <= set(shipped)
    notice = (data.DIGITS_FILE.parent / "DIGITS.md").read_text()
    assert "CC BY 4.0" in notice and "10.24432/C50P49" in notice


def test_loading_the_digits_never_imports_scikit_learn():
    code = ("import sys; from backprop.data import load_digits; load_digits(); "
            "assert 'sklearn' not in sys.modules, 'scikit-learn was imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
