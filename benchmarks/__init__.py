"""Benchmarks of the course: the core against its peers, the views against a 60 Hz frame.

Run them all with ``make bench`` (``make bench QUICK=1`` for a short run, or
``.venv/bin/python -m benchmarks.run --only training views``). Budgets are in
COURSE.md; lesson 08 quotes the scaling exponents. Nothing here is a test:
timings are printed and saved to benchmarks/results/latest.txt, never asserted.
"""
