"""Browser helpers that the real-browser tests (tests/browser/) and the benchmarks (benchmarks/) share.

    chromium.py   Debian's Chromium, its flags, and one way to start it (online or resolving no name)
    servers.py    JupyterLab, Voilà and `make app` on free 127.0.0.1 ports, stopped with their kernels
    page.py       what a test or a benchmark reads from and does to a page: views, sliders, readouts, figures
    lite.py       the JupyterLite site: served, opened, a lesson run top to bottom

Not shipped with the package (pyproject.toml lists only backprop's own packages).
"""
