"""Write lib/digits.npz from scikit-learn's copy of the digits (run once; the test keeps them equal).

    .venv/bin/python tools/make_digits.py

pixels: uint8 (1797, 64), integers 0..16; labels: uint8 (1797,). Licence and source: lib/DIGITS.md.
"""
from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits

OUT = Path(__file__).resolve().parents[1] / "lib" / "digits.npz"


def main():
    bunch = load_digits()
    pixels, labels = bunch.data.astype(np.uint8), bunch.target.astype(np.uint8)
    assert np.array_equal(pixels, bunch.data) and np.array_equal(labels, bunch.target)   # nothing rounded away
    np.savez_compressed(OUT, pixels=pixels, labels=labels)
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
