"""A TCP proxy in front of the test PostgreSQL server that a test can stop and start again:
stopping it closes every connection through it and refuses new ones, as a lost network does."""
from __future__ import annotations

import contextlib
import re
import selectors
import socket
import threading

from pg import PG_BASE, pg_schema_url


class StoreProxy:
    """Forwards 127.0.0.1:<port> to the PostgreSQL server of the tests."""

    def __init__(self) -> None:
        match = re.search(r"@([^:/]+):(\d+)/", PG_BASE)
        self.target = (match.group(1), int(match.group(2))) if match else ("127.0.0.1", 5432)
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()

    def url(self, url: str) -> str:
        """``url`` (a test store URL) pointed at the proxy."""
        return url.replace(f"{self.target[0]}:{self.target[1]}", f"127.0.0.1:{self.port}", 1)

    def server_ports(self) -> list[int]:
        """The local ports of the proxy's connections to the server (their backends' client_port)."""
        with self._lock:
            ports = []
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    if sock.getpeername()[1] == self.target[1]:
                        ports.append(sock.getsockname()[1])
            return ports

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        thread = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(5)
        self._threads = [t for t in self._threads if t.is_alive()]

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update((client, server))
            thread = threading.Thread(target=self._pipe, args=(client, server), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        sel = selectors.DefaultSelector()
        sel.register(a, selectors.EVENT_READ, b)
        sel.register(b, selectors.EVENT_READ, a)
        try:
            while True:
                for key, _ in sel.select():
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except OSError:
            return
        finally:
            sel.close()
            with self._lock:
                self._sockets.difference_update((a, b))
            a.close()
            b.close()


@contextlib.contextmanager
def proxied_pg_url():
    """A fresh PostgreSQL test schema reached through a started StoreProxy: (url, proxy)."""
    proxy = StoreProxy()
    proxy.start()
    try:
        with pg_schema_url() as url:
            yield proxy.url(url), proxy
    finally:
        proxy.stop()
