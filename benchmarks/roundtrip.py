"""Section: one message's round trip kernel ↔ jupyter_server ↔ websocket client, with and without Nagle's delay.

Two `jupyter server`s run side by side on 127.0.0.1: the course's (its server extension sets TCP_NODELAY on
kernel websockets, backprop/widgets/server.py) and, as the peer, the same server told to use jupyter_server's
own connection class. A Python websocket client (tornado) opens a comm to an echo target in each server's
kernel and times MESSAGES round trips (client → server → kernel → server → client: the kernel's busy, echo
and idle come back as three small websocket messages, as a widget's answer does). The kernel alone (a
jupyter_client connection, no server) is the floor. RUNS runs, interleaved; medians of each run's median.
"""
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from ._report import Section
from ._results_md import write_block
from ._timing import load_average

MESSAGES, RUNS = 200, 3
BEGIN, END = "<!-- roundtrip: written by benchmarks/roundtrip.py -->", "<!-- /roundtrip -->"
ECHO = """def _echo_target(comm, _):
    comm.on_msg(lambda m: comm.send({"n": m["content"]["data"]["n"]}))
get_ipython().kernel.comm_manager.register_target("echo", _echo_target)
"""
JUPYTER_DEFAULT = "jupyter_server.services.kernels.connection.channels.ZMQChannelsWebsocketConnection"


def message(msg_type, content):
    header = {"msg_id": uuid.uuid4().hex, "username": "bench", "session": "bench", "msg_type": msg_type,
              "version": "5.3", "date": ""}
    return json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content,
                       "channel": "shell", "buffers": []})


def start_server(home, extra):
    from tools.browser.servers import BIN, Server
    argv = [BIN / "jupyter", "server", "--no-browser", "--ServerApp.ip=127.0.0.1", "--ServerApp.port={port}",
            "--ServerApp.port_retries=0", "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
            *(["--allow-root"] if os.geteuid() == 0 else []),
            f"--ServerApp.root_dir={home}", *extra]
    return Server("jupyter-server", argv, home, "/api/status")


async def through_server(url, count):
    """Milliseconds of ``count`` comm round trips through the server at ``url``."""
    import urllib.request
    from tornado.websocket import websocket_connect
    request = urllib.request.Request(url + "/api/kernels", data=b'{"name": "python3"}', method="POST")
    kernel = json.loads(urllib.request.urlopen(request, timeout=60).read())["id"]
    ws = await websocket_connect(url.replace("http", "ws") + f"/api/kernels/{kernel}/channels")
    await ws.write_message(message("execute_request", {"code": ECHO, "silent": True, "store_history": False,
                                                       "user_expressions": {}, "allow_stdin": False}))
    comm = uuid.uuid4().hex
    await ws.write_message(message("comm_open", {"comm_id": comm, "target_name": "echo", "data": {}}))
    await asyncio.sleep(1.0)
    while True:                                       # drain what the set-up sent back
        try:
            await asyncio.wait_for(ws.read_message(), 0.3)
        except asyncio.TimeoutError:
            break
    times = []
    for n in range(count):
        start = time.perf_counter()
        await ws.write_message(message("comm_msg", {"comm_id": comm, "data": {"n": n}}))
        while True:
            reply = json.loads(await ws.read_message())
            if reply["msg_type"] == "status" and reply["content"]["execution_state"] == "idle" \
                    and reply["parent_header"].get("msg_type") == "comm_msg":
                break
        times.append((time.perf_counter() - start) * 1e3)
    ws.close()
    urllib.request.urlopen(urllib.request.Request(url + f"/api/kernels/{kernel}", method="DELETE"), timeout=30)
    return times


def kernel_alone(count):
    """Milliseconds of ``count`` comm round trips to a kernel over jupyter_client: no server, no websocket."""
    from jupyter_client.manager import start_new_kernel
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        client.execute_interactive(ECHO, timeout=60)
        comm = uuid.uuid4().hex
        client.shell_channel.send(client.session.msg("comm_open", {"comm_id": comm, "target_name": "echo", "data": {}}))
        time.sleep(1.0)
        while client.iopub_channel.msg_ready():
            client.iopub_channel.get_msg(timeout=1)
        times = []
        for n in range(count):
            start = time.perf_counter()
            client.shell_channel.send(client.session.msg("comm_msg", {"comm_id": comm, "data": {"n": n}}))
            while True:
                reply = client.iopub_channel.get_msg(timeout=30)
                if reply["msg_type"] == "status" and reply["content"]["execution_state"] == "idle" \
                        and reply["parent_header"].get("msg_type") == "comm_msg":
                    break
            times.append((time.perf_counter() - start) * 1e3)
        return times
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def run(quick=False):
    count, runs = (50, 1) if quick else (MESSAGES, RUNS)
    rows = {"course server (TCP_NODELAY)": [], "jupyter_server's default (peer)": [], "kernel alone (the floor)": []}
    loads = {name: [] for name in rows}
    with tempfile.TemporaryDirectory() as home:
        course = start_server(Path(home), [])
        peer_home = Path(home) / "peer"
        peer_home.mkdir()
        peer = start_server(peer_home, [f"--ServerApp.kernel_websocket_connection_class={JUPYTER_DEFAULT}"])
        try:
            for _ in range(runs):
                for name, measure in [("course server (TCP_NODELAY)", lambda: asyncio.run(through_server(course.url, count))),
                                      ("jupyter_server's default (peer)", lambda: asyncio.run(through_server(peer.url, count))),
                                      ("kernel alone (the floor)", lambda: kernel_alone(count))]:
                    loads[name].append(load_average())
                    times = sorted(measure())
                    rows[name].append((statistics.median(times), times[int(0.95 * (len(times) - 1))]))
        finally:
            course.stop()
            peer.stop()
    section = Section(f"roundtrip: a comm message's round trip through jupyter_server ({count} messages × {runs} run(s))",
                      ["path", "median ms", "p95 ms", "runs' medians", "load avg"])
    for name, results in rows.items():
        section.rows.append([name, f"{statistics.median(m for m, _ in results):.1f}",
                             f"{statistics.median(p for _, p in results):.1f}",
                             " ".join(f"{m:.1f}" for m, _ in results), " ".join(f"{x:.1f}" for x in loads[name])])
    section.notes += ["round trip: comm_msg sent by the client → the kernel's idle status after its echo received",
                      "peer: the same jupyter_server with --ServerApp.kernel_websocket_connection_class set to its own "
                      "default class: Nagle's algorithm holds the echo until the client's delayed ACK",
                      f"load average at the end: {load_average():.2f} on 2 cores, shared"]
    write_block(BEGIN, END, ["# A message's round trip through the server", "",
                             "Written by `make bench ONLY=roundtrip`; method in benchmarks/roundtrip.py.", "",
                             "```", *section.lines(), "```"])
    return section
