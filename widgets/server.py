"""Kernel websockets that send each message at once, on every server the course runs on.

A view answers a key press or a playground frame with a few small websocket messages in a row (the
kernel's "busy", the new state, "idle"). jupyter_server and Voilà leave Nagle's algorithm on for the
kernel websocket, so the second small message waits until the browser acknowledges the first, and
the browser delays that acknowledgement by up to 40 ms: a round trip took about 44 ms on a quiet
machine instead of about 2 ms, which held the playground's Play near 20 frames/s.

``PromptChannels`` turns Nagle's algorithm off on each kernel websocket (``TCP_NODELAY``). It reaches
- jupyter_server (JupyterLab, Notebook, JupyterHub's single-user server, Voilà inside Lab) as the server
  extension in this module, enabled by ``{sys.prefix}/etc/jupyter/jupyter_server_config.d/backprop-course.json``;
- Voilà on its own (`make app`, ``voila lesson.ipynb``) through ``{sys.prefix}/etc/jupyter/voila.json``.
``python -m backprop.widgets.server install`` writes both (`make setup` and binder/postBuild run it; after a
conda ``environment.yml`` install, run it once). A connection class configured by hand is kept. The
zero-install site has no websocket: its kernel runs in the page.
"""
import json
import sys
from pathlib import Path

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

MODULE = "backprop.widgets.server"            # this module, also when run as `python -m`
CONNECTION_CLASS = f"{MODULE}.PromptChannels"
EXTENSION_FILE = "backprop-course.json"


class PromptChannels(ZMQChannelsWebsocketConnection):
    """jupyter_server's kernel websocket connection, with Nagle's algorithm off on its socket."""

    def connect(self):
        """Set ``TCP_NODELAY`` on the open websocket, then connect to the kernel as jupyter_server does."""
        self.websocket_handler.set_nodelay(True)
        return super().connect()


def _jupyter_server_extension_points():
    return [{"module": MODULE}]


def _link_jupyter_server_extension(serverapp):
    """Before the web application is built: use PromptChannels unless another class was configured."""
    if "kernel_websocket_connection_class" not in serverapp.config.ServerApp:
        serverapp.kernel_websocket_connection_class = PromptChannels
        serverapp.log.info("backprop-course: kernel websockets send each message at once (TCP_NODELAY)")
    else:
        serverapp.log.info("backprop-course: keeping the configured kernel_websocket_connection_class")


def _load_jupyter_server_extension(serverapp):
    """Nothing more to load: the link step did the work."""


def install(prefix=None):
    """Enable the extension and name PromptChannels for Voilà under ``{prefix}/etc/jupyter`` (default sys.prefix).

    Idempotent; another setting in an existing voila.json is kept. Returns the two paths written."""
    etc = Path(prefix or sys.prefix) / "etc" / "jupyter"
    enable = etc / "jupyter_server_config.d" / EXTENSION_FILE
    voila = etc / "voila.json"
    _merge(enable, {"ServerApp": {"jpserver_extensions": {MODULE: True}}})
    _merge(voila, {"Voila": {"kernel_websocket_connection_class": CONNECTION_CLASS}})
    return [enable, voila]


def _merge(path, settings):
    """Write ``settings`` into the JSON config file ``path``, keeping its other sections and keys."""
    config = json.loads(path.read_text()) if path.exists() else {}
    for section, values in settings.items():
        config.setdefault(section, {}).update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(config, indent=2) + "\n"
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


if __name__ == "__main__":
    if sys.argv[1:] != ["install"]:
        sys.exit("usage: python -m backprop.widgets.server install   (writes the servers' config into sys.prefix)")
    print("\n".join(map(str, install())))
