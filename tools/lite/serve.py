"""`make lite-serve`: serve dist/lite/ on 127.0.0.1 (port 8000, or the next free one) until Ctrl-C.

    .venv/bin/python -m tools.lite.serve [--port 8000] [--dir dist/lite]

Any static host serves the same folder; this one is for trying it out and for the tests.
"""
import argparse
import functools
import http.server
from pathlib import Path

from .build import OUT

TYPES = {".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript",
         ".json": "application/json", ".ipynb": "application/json", ".whl": "application/zip"}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the types a browser needs for WebAssembly and modules; quiet unless asked."""
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    verbose = False

    def log_message(self, format, *args):
        if self.verbose:
            super().log_message(format, *args)


def server(root=OUT, port=0, verbose=False):
    """A threading HTTP server for ``root`` on 127.0.0.1:``port`` (0: any free port), not yet serving."""
    if not (Path(root) / "index.html").is_file():
        raise FileNotFoundError(f"no site in {root}: run `make lite` first")
    handler = functools.partial(type("SiteHandler", (Handler,), {"verbose": verbose}), directory=str(root))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dir", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for port in range(args.port, args.port + 20):
        try:
            site = server(args.dir, port, verbose=True)
            break
        except FileNotFoundError as error:
            raise SystemExit(str(error))
        except OSError:
            continue
    else:
        raise SystemExit(f"no free port from {args.port} to {args.port + 19}")
    print(f"serving {args.dir} at http://127.0.0.1:{site.server_port}/lab/index.html (Ctrl-C stops)", flush=True)
    try:
        site.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        site.server_close()


if __name__ == "__main__":
    main()
