"""Start a Jupyter server (JupyterLab or Voilà) on a free loopback port, wait for it, stop it.

Each server runs in its own process group, so stopping it also stops its kernels,
even when a test failed halfway.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60        # seconds for a server to answer HTTP
STOP_TIMEOUT = 10         # seconds between SIGTERM and SIGKILL
VOILA_READY = "/voila/static/voila.js"   # a static file: asking for "/" would already run a notebook


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One server process: ``url`` once started; ``stop()`` ends its whole process group."""

    def __init__(self, name, argv, home, ready_path, cwd=None, env=None):
        self.name, self.home, self.port = name, Path(home), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.home / f"{name}.log"
        argv = [str(a).replace("{port}", str(self.port)) for a in argv]
        self._log = open(self.log_path, "w")
        env = {**_isolated_env(self.home, self.port), **(env or {})}
        self.process = subprocess.Popen(argv, cwd=cwd or self.home, env=env, stdin=subprocess.DEVNULL,
                                        stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_until_ready(ready_path)

    def _wait_until_ready(self, ready_path):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"{self.name} exited with code {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + ready_path, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer on {self.url} within {START_TIMEOUT} s:\n{self.log()}")

    def log(self, tail=3000):
        """The last characters the server printed (for failure messages)."""
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(errors="replace")[-tail:]

    def stop(self):
        """SIGTERM the process group, SIGKILL it if it lingers."""
        if self.process.poll() is None:
            _signal_group(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                _signal_group(self.process.pid, signal.SIGKILL)
                self.process.wait(STOP_TIMEOUT)
        _signal_group(self.process.pid, signal.SIGKILL)   # kernels left behind in the group
        self._log.close()


def _signal_group(pgid, sig):
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _isolated_env(home, port):
    """Private Jupyter runtime, config, settings and workspace folders under ``home``; Voilà told ``port``."""
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(home / "runtime"), JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"))
    quiet = home / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    quiet.parent.mkdir(parents=True, exist_ok=True)
    quiet.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    (home / "config").mkdir(exist_ok=True)
    voila_config = {"Voila": {"port": port, "port_retries": 0, "open_browser": False}}
    (home / "config" / "voila.json").write_text(json.dumps(voila_config))   # also reaches `make app`
    return env


def jupyterlab(root, home):
    """JupyterLab on ``root`` with no token, no password and no news pop-up."""
    root_flag = ["--allow-root"] if os.geteuid() == 0 else []
    argv = [BIN / "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", "--ServerApp.port={port}",
            "--ServerApp.port_retries=0", "--IdentityProvider.token=", "--ServerApp.password=",
            f"--ServerApp.root_dir={root}", *root_flag]
    return Server("jupyterlab", argv, home, "/api/status")


def voila(root, home):
    """Voilà in folder mode on ``root``: /voila/render/<name>.ipynb runs one lesson, code hidden."""
    argv = [BIN / "voila", str(root), "--Voila.ip=127.0.0.1", "--show_tracebacks=True", "--strip_sources=True",
            "--template=backprop"]           # as make app: Voilà's lab page without its CDN stylesheets
    return Server("voila", argv, home, VOILA_READY, env={"JUPYTER_PATH": str(REPO / "binder" / "app")})


def make_app(course, home, lesson):
    """``make app LESSON=<lesson>`` run in ``course`` (a copy of the repository's Makefile and lessons/)."""
    return Server("make-app", ["make", "--no-print-directory", "app", f"LESSON={lesson}"], home, VOILA_READY, cwd=course)
