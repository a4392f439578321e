"""Offline data sets: digits split per class, generated sets seeded."""
import numpy as np

from backprop.data import circles, load_digits, two_moons, xor


def test_digits_are_scaled_split_and_seeded():
    a, b = load_digits(seed=0), load_digits(seed=0)
    assert a.X_train.shape[1] == 64 and a.X_train.shape[0] + a.X_test.shape[0] == 1797
    assert a.X_train.min() >= 0.0 and a.X_train.max() <= 1.0
    np.testing.assert_array_equal(a.X_test, b.X_test)
    assert not np.array_equal(load_digits(seed=1).y_test, a.y_test)


def test_digits_split_keeps_every_class_share():
    split = load_digits(test_fraction=0.2)
    test_share = np.bincount(split.y_test) / (np.bincount(split.y_test) + np.bincount(split.y_train))
    assert np.all(np.abs(test_share - 0.2) < 0.01)
    X_train, y_train, X_test, y_test = split
    assert len(X_train) == len(y_train) and len(X_test) == len(y_test)


def test_xor_truth_table():
    X, y = xor()
    assert (np.logical_xor(X[:, 0], X[:, 1]).astype(float) == y[:, 0]).all()


def test_generated_sets_are_balanced_and_seeded():
    for make in (two_moons, circles):
        X, y = make(n=101, seed=3)
        assert X.shape == (101, 2) and abs(y.sum() - 50.5) <= 0.5
        np.testing.assert_array_equal(X, make(n=101, seed=3)[0])
    X, y = circles(n=200, noise=0.0, seed=0)
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), np.where(y == 1, 0.5, 1.0))
