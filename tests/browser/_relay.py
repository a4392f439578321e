"""A TCP relay on 127.0.0.1 that a test can cut, as a student's Wi-Fi drops, and restore.

The page talks to the relay's port, the relay to the server's. ``pause()`` closes every connection it carries (both
ends see them go, as a server sees a dropped client once its TCP gives up) and refuses new ones until ``resume()``:
the page's requests and websocket reconnections fail meanwhile. Browser offline emulation is not enough for this:
it may leave an open websocket alone.
"""
import socket
import threading

from tools.browser.servers import free_port


class Relay:
    """``url`` forwards to ``target_port`` on 127.0.0.1; ``pause()``, ``resume()``, ``close()``."""

    def __init__(self, target_port):
        self.target_port, self.port = target_port, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._paused, self._closed, self._open, self._lock = False, False, set(), threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def pause(self):
        """Cut: close every connection carried now, refuse new ones."""
        with self._lock:
            self._paused = True
            carried, self._open = self._open, set()
        for sock in carried:
            _close(sock)

    def resume(self):
        with self._lock:
            self._paused = False

    def close(self):
        self._closed = True
        self.pause()
        _close(self._listener)

    def _accept(self):
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                refused = self._paused
            if refused:
                _close(client)
                continue
            try:
                server = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._open |= {client, server}
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            _close(sock)
        with self._lock:
            self._open -= {source, sink}


def _close(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
