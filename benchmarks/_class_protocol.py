"""A student of the class load test who speaks the Jupyter protocol instead of running a browser.

It asks Voilà for the page as a browser does (the kernel id and the views' widget models are in it),
opens the kernel's websocket and asks ipywidgets' control comm for every model's state, as the
page's widget manager does. First view = the page's view model and its first state: a box with
a slider and a readout among its descendants (the figure model is not looked at, so the view can
draw with ipympl or anywidget alike). A move sets a slider's value; its round trip ends when the
kernel is idle again after sending the views' new state. Frames use the websocket protocol the
pages use (v1.kernel.websocket.jupyter.org): with the legacy one, Voilà 0.5.13 reads a binary frame
(a figure's image) with the v1 layout and hangs the whole server.
"""
import asyncio
import json
import re
import time
import uuid

from ipywidgets._version import __control_protocol_version__
from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1, serialize_msg_to_ws_v1
from tornado.httpclient import AsyncHTTPClient
from tornado.websocket import websocket_connect

SLIDERS = {"FloatSliderModel", "IntSliderModel", "FloatLogSliderModel"}
PROTOCOL = "v1.kernel.websocket.jupyter.org"
TIMEOUT = 60.0          # s for a page, a state or a move before the session counts as failed


def encode(channel, header, content, metadata=None):
    """One v1 frame: offsets, channel, then header, parent header, metadata and content as JSON."""
    parts = [header, {}, metadata or {}, content]
    return serialize_msg_to_ws_v1([json.dumps(part).encode() for part in parts], channel)


def decode(frame):
    """A v1 frame as a message dict (channel, header, parent_header, metadata, content, buffers)."""
    channel, parts = deserialize_msg_from_ws_v1(frame)
    header, parent, metadata, content = (json.loads(part) for part in parts[:4])
    return {"channel": channel, "header": header, "parent_header": parent, "metadata": metadata,
            "content": content, "buffers": parts[4:]}


def descendants(states, model_id):
    """Model ids under ``model_id`` (itself first), depth first, following IPY_MODEL_ references in children."""
    found, todo = [], [model_id]
    while todo:
        current = todo.pop(0)
        if current in found or current not in states:
            continue
        found.append(current)
        children = states[current]["state"].get("children", [])
        todo = [c.removeprefix("IPY_MODEL_") for c in children] + todo
    return found


def the_view(states, shown):
    """(view id, its slider ids) of the first shown model that holds a slider and an HTML readout."""
    for model_id in shown:
        tree = descendants(states, model_id)
        names = {m: states[m]["model_name"] for m in tree}
        sliders = [m for m in tree if names[m] in SLIDERS]
        if sliders and "HTMLModel" in names.values():
            return model_id, sliders
    raise LookupError(f"no view with a slider and a readout among the page's widgets {shown}")


class ProtocolStudent:
    """One student: ``open(url)`` then ``move()`` as often as wanted, then ``drop()`` (no goodbye)."""

    def __init__(self):
        self.session, self.url, self.kernel_id, self.shown, self.first_view = uuid.uuid4().hex, None, None, [], None
        self.states, self.updates, self._waiting, self._ws, self._reader = {}, 0, {}, None, None
        self._slider = 0

    async def open(self, url):
        """Page, websocket, every widget state; sets ``first_view`` (s since the call) and returns it."""
        start = time.perf_counter()
        await self.fetch(url)
        await self.connect()
        self.first_view = time.perf_counter() - start
        return self.first_view

    async def fetch(self, url):
        """Ask for the page, as a browser does: Voilà hands out a kernel (its id is in the page)."""
        self.url = url
        page = (await AsyncHTTPClient().fetch(url + "/", request_timeout=TIMEOUT)).body.decode()
        self.kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', page).group(1)
        self.shown = re.findall(r'"model_id": "([0-9a-f]+)"', page)
        return page

    async def connect(self):
        """Open the kernel's websocket and ask for every widget state, as the page's widget manager does."""
        ws_url = self.url.replace("http", "ws", 1) + f"/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        self._ws = await asyncio.wait_for(websocket_connect(ws_url, subprotocols=[PROTOCOL], max_message_size=1 << 28),
                                          TIMEOUT)
        self._ws.stream.set_nodelay(True)            # as a browser's socket: each message sent at once
        self._reader = asyncio.ensure_future(self._read())
        control = uuid.uuid4().hex
        await self._request("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                            metadata={"version": __control_protocol_version__})
        states = await self._request("comm_msg", {"comm_id": control, "data": {"method": "request_states"}},
                                     reply="update_states")
        self.states = states["states"]
        self.view, self.sliders = the_view(self.states, self.shown)

    async def move(self):
        """Move a slider one step; seconds until the kernel is idle again, having sent new state."""
        for _ in self.sliders:
            model_id = self.sliders[self._slider % len(self.sliders)]
            state = self.states[model_id]["state"]
            value = state["value"] + state["step"] if state["value"] + state["step"] <= state["max"] else state["min"]
            before, start = self.updates, time.perf_counter()
            await self._request("comm_msg", {"comm_id": model_id, "data": {
                "method": "update", "state": {"value": value}, "buffer_paths": []}})
            state["value"] = value
            if self.updates > before:                        # the view answered: a round trip
                return time.perf_counter() - start
            self._slider += 1                                # a slider that changes nothing shown: try the next
        raise RuntimeError("no slider of the view changes anything the view shows")

    async def drop(self):
        """Vanish without closing: the TCP connection goes, no websocket close, no shutdown request."""
        if self._ws is not None:
            self._ws.stream.close()
            self._ws.close()             # the stream is gone, so nothing is sent: only tornado's own record closes
        if self._reader is not None:
            self._reader.cancel()

    async def _request(self, msg_type, content, metadata=None, reply=None):
        """Send on the shell channel; wait for ``reply`` (a comm method), else for the kernel's idle status."""
        msg_id = uuid.uuid4().hex
        waiter = self._waiting[reply or msg_id] = asyncio.get_running_loop().create_future()
        await self.send(msg_type, content, metadata, msg_id)
        try:
            return await asyncio.wait_for(waiter, TIMEOUT)
        finally:
            self._waiting.pop(reply or msg_id, None)

    async def send(self, msg_type, content, metadata=None, msg_id=None):
        """Send on the shell channel without waiting for an answer."""
        header = {"msg_id": msg_id or uuid.uuid4().hex, "msg_type": msg_type, "session": self.session,
                  "username": "student", "date": "", "version": "5.3"}
        await self._ws.write_message(encode("shell", header, content, metadata), binary=True)

    async def _read(self):
        while (frame := await self._ws.read_message()) is not None:
            message = decode(frame)
            kind, content = message["header"]["msg_type"], message["content"]
            parent = message.get("parent_header", {}).get("msg_id")
            if kind == "comm_msg" and content["data"].get("method") == "update_states":
                self._resolve("update_states", content["data"])
            elif kind == "comm_msg" and content["data"].get("method") == "update":
                self.updates += 1
                self.states.get(content["comm_id"], {}).get("state", {}).update(content["data"]["state"])
                self.on_update(content["comm_id"], content["data"]["state"])
            elif kind == "status" and content["execution_state"] == "idle":
                self._resolve(parent, content)

    def on_update(self, model_id, state):
        """Called with each new state the kernel sends for a widget model (a page would redraw it)."""

    def _resolve(self, key, value):
        waiter = self._waiting.get(key)
        if waiter is not None and not waiter.done():
            waiter.set_result(value)
