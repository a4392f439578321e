"""The zero-install course: every lesson as a static JupyterLite site that runs Python in the browser.

    make lite          # writes dist/lite/ (clean every time); see tools/lite/build.py
    make lite-serve    # serves it on 127.0.0.1 (tools/lite/serve.py)

sources.py fetches the Pyodide runtime and its compiled wheels and checks them against the official
lock; lock.py writes the site's pyodide-lock.json (the compiled wheels the course needs, plus the
pure-Python wheels of the widgets and of the course itself); build.py runs `jupyter lite build`.
"""
