"""`make app` for a class, seen from outside: start it, watch its kernels, their memory and their culling.

The server is the browser tests' (tools/browser/servers.py): a free 127.0.0.1 port, a private
Jupyter home, its own process group, always stopped. Kernels are found as the server's child
processes; their state is asked of jupyter_server's REST API (/api/kernels/<id>).
"""
import datetime
import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from tools.browser.servers import VOILA_READY, Server

REPO = Path(__file__).resolve().parents[1]
QUIET = 3.0              # s without kernel activity that make a pre-heated kernel warm


def start_app(home, seats, fill_delay, idle_timeout, cull_interval, kernel_mb=None, lesson="04", course=REPO,
              **variables):
    """`make app LESSON=<lesson> SEATS=… …` in ``course`` (``variables``: more of make app's, e.g. PLAY_FPS=0);
    never re-installs .venv (-o its stamp)."""
    options = dict(SEATS=seats, FILL_DELAY=fill_delay, IDLE_TIMEOUT=idle_timeout, CULL_INTERVAL=cull_interval,
                   **variables)
    if kernel_mb is not None:
        options["KERNEL_MB"] = kernel_mb
    argv = ["make", "--no-print-directory", "-o", ".venv/.installed", "app", f"LESSON={lesson}",
            *(f"{name}={value}" for name, value in options.items())]
    return Server("make-app", argv, home, VOILA_READY, cwd=course)


def kernel_processes(server):
    """{kernel id: psutil.Process} of the kernels the server runs now."""
    found = {}
    for process in psutil.Process(server.process.pid).children(recursive=True):
        try:
            args = process.cmdline()
        except psutil.Error:
            continue
        if "ipykernel_launcher" in args:
            found[Path(args[-1]).stem.removeprefix("kernel-")] = process
    return found


def kernel_model(server, kernel_id):
    """jupyter_server's model of a kernel (execution_state, last_activity, connections), or None once it is gone.

    Until jupyter_server has finished starting a kernel whose process runs, it answers 500 (the model
    lacks its last activity): that kernel is reported as starting.
    """
    try:
        with urllib.request.urlopen(f"{server.url}/api/kernels/{kernel_id}", timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        if error.code == 500:
            now = datetime.datetime.now(datetime.timezone.utc).isoformat()
            return {"id": kernel_id, "execution_state": "starting", "last_activity": now, "connections": 0}
        raise


def quiet_for(model):
    """Seconds since the kernel's last activity."""
    last = datetime.datetime.fromisoformat(model["last_activity"].replace("Z", "+00:00"))
    return (datetime.datetime.now(datetime.timezone.utc) - last).total_seconds()


def wait_warm(server, count, timeout=240):
    """Wait until ``count`` kernels run, each idle for QUIET s (the lesson has run); return their ids."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ids = list(kernel_processes(server))
        models = [kernel_model(server, k) for k in ids]
        if len(ids) == count and all(m and m["execution_state"] == "idle" and quiet_for(m) >= QUIET for m in models):
            return ids
        time.sleep(0.5)
    raise TimeoutError(f"{count} warm kernels expected within {timeout} s, have {len(kernel_processes(server))}:\n"
                       + server.log())


def wait_gone(server, kernel_ids, timeout):
    """Seconds until none of ``kernel_ids`` exists any more (404 from the API and no process)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        alive = set(kernel_processes(server))
        if not any(k in alive or kernel_model(server, k) for k in kernel_ids):
            return time.monotonic() - start
        time.sleep(0.5)
    raise TimeoutError(f"kernels {sorted(kernel_ids)} still there after {timeout} s:\n" + server.log())


def server_process(server):
    """The Voilà process that `make app` runs (make's child)."""
    voila = [p for p in psutil.Process(server.process.pid).children() if "voila" in " ".join(p.cmdline())]
    return voila[0] if voila else psutil.Process(server.process.pid)


def memory(server):
    """{'server': (pss, rss), 'kernels': [(pss, rss), …]} in bytes; PSS shares a shared page among its users."""
    def sizes(process):
        try:
            info = process.memory_full_info()
            return info.pss, info.rss
        except psutil.Error:
            return 0, 0
    return {"server": sizes(server_process(server)), "kernels": [sizes(p) for p in kernel_processes(server).values()]}


def address_space_limits(server):
    """The soft RLIMIT_AS (bytes, -1 = none) of every kernel."""
    return [p.rlimit(psutil.RLIMIT_AS)[0] for p in kernel_processes(server).values()]


def cpu_seconds(process):
    """User + system CPU seconds a process has used (0 once it is gone)."""
    try:
        return sum(process.cpu_times()[:2])
    except psutil.Error:
        return 0.0
