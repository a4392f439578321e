"""Moved to widgets/figures/network.py (issue 13): kept only while widgets/cycle.py imports its colours from here."""
from .figures.network import BLANK, NEGATIVE, POSITIVE, UNKNOWN, labels, scale_of, shade  # noqa: F401
