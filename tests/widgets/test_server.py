"""Kernel websockets without Nagle's delay (backprop/widgets/server.py): installed, linked, kept when configured."""
import json
import os
import subprocess
import sys

from jupyter_core.paths import jupyter_config_path
from jupyter_server.extension.config import ExtensionConfigManager
from jupyter_server.serverapp import ServerApp
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from traitlets.config import Config
from voila.app import Voila

from backprop.widgets import server


class Handler:
    """Stands in for tornado's websocket handler: records set_nodelay."""
    nodelay = None

    def set_nodelay(self, value):
        self.nodelay = value


def test_connect_turns_nagle_off_before_jupyter_server_connects(monkeypatch):
    seen = []
    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "connect", lambda self: seen.append(self.websocket_handler.nodelay))
    monkeypatch.setattr(server.PromptChannels, "websocket_handler", None)   # a plain attribute, no trait check
    connection = object.__new__(server.PromptChannels)
    connection.websocket_handler = Handler()
    server.PromptChannels.connect(connection)
    assert seen == [True]


def test_the_extension_sets_the_connection_class_unless_one_was_configured():
    app = ServerApp()
    server._link_jupyter_server_extension(app)
    assert app.kernel_websocket_connection_class is server.PromptChannels
    configured = ServerApp(config=Config({"ServerApp": {"kernel_websocket_connection_class": ZMQChannelsWebsocketConnection}}))
    server._link_jupyter_server_extension(configured)
    assert configured.kernel_websocket_connection_class is ZMQChannelsWebsocketConnection


def test_make_setup_enabled_the_extension_and_named_the_class_for_voila():
    extensions = ExtensionConfigManager(read_config_path=jupyter_config_path()).get_jpserver_extensions()
    assert extensions.get(server.MODULE) is True, "run `make setup` (python -m backprop.widgets.server install)"
    voila = Voila()
    voila.load_config_file("voila", path=jupyter_config_path())
    assert voila.kernel_websocket_connection_class is server.PromptChannels


def test_install_is_idempotent_and_keeps_other_voila_settings(tmp_path):
    voila_json = tmp_path / "etc" / "jupyter" / "voila.json"
    voila_json.parent.mkdir(parents=True)
    voila_json.write_text(json.dumps({"Voila": {"port": 8866}, "VoilaConfiguration": {"template": "lab"}}))
    first = server.install(tmp_path)
    texts = [path.read_text() for path in first]
    assert server.install(tmp_path) == first and [path.read_text() for path in first] == texts
    assert json.loads(voila_json.read_text()) == {
        "Voila": {"port": 8866, "kernel_websocket_connection_class": server.CONNECTION_CLASS},
        "VoilaConfiguration": {"template": "lab"}}
    enable = json.loads(first[0].read_text())
    assert first[0].parent.name == "jupyter_server_config.d"
    assert enable == {"ServerApp": {"jpserver_extensions": {"backprop.widgets.server": True}}}


def test_the_command_line_names_its_usage():
    done = subprocess.run([sys.executable, "-m", "backprop.widgets.server"], capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert done.returncode != 0 and "python -m backprop.widgets.server install" in done.stderr
