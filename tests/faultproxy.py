"""A fault-injecting TCP proxy for end-to-end tests: real client ⇄ proxy ⇄ real server.

One thread per connection owns both its sockets.  A request line from the client (one request
at a time per connection, no pipelining) arms at most one fault for the response that follows;
offsets count from that response's first byte, headers included.  Faults are one-shot unless
``times`` says otherwise (``None``: every matching response until ``clear()``).
"""

from __future__ import annotations

import contextlib
import fcntl
import re
import select
import socket
import struct
import termios
import threading
import time
from dataclasses import dataclass

TIMEOUT = 30.0
TICK = 0.05
# Small, so a server killed while the proxy holds its response loses the rest (not in buffers).
UPSTREAM_WINDOW = 128 * 1024
_REQUEST_LINE = re.compile(rb"^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \S+ HTTP/1\.[01]\r\n")


@dataclass
class _Fault:
    kind: str  # "cut", "hold", "corrupt" or "replace"
    path_contains: str
    times: int | None
    offset: int = 0
    old: bytes = b""
    new: bytes = b""

    def apply(self, sent: int, data: bytes) -> tuple[bytes, bytes | None]:
        """What to forward of ``data`` (the response from byte ``sent`` on), and where it stops."""
        if self.kind in ("cut", "hold") and sent + len(data) >= self.offset:
            return data[: self.offset - sent], data[self.offset - sent :]
        if self.kind == "corrupt" and sent <= self.offset < sent + len(data):
            spoiled = bytearray(data)
            spoiled[self.offset - sent] ^= 0xFF
            return bytes(spoiled), None
        return (data.replace(self.old, self.new) if self.kind == "replace" else data), None


def _abort(sock: socket.socket, drain: float = 0.0) -> None:
    """Close with RST, not FIN, after waiting up to ``drain`` s for queued bytes to be taken."""
    deadline = time.monotonic() + drain
    with contextlib.suppress(OSError):
        while time.monotonic() < deadline:
            queued = fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0")
            if struct.unpack("i", queued)[0] == 0:
                break
            time.sleep(0.01)
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class FaultProxy:
    """Forwards ``127.0.0.1:<free port>`` (``.url``) to a target; set faults between requests."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self._lock = threading.Lock()
        self._target = (target_host, target_port)
        self._faults: list[_Fault] = []
        self.down = False  # while set, new connections are reset at once
        self._epoch = 0
        self._stop = threading.Event()
        self._released = threading.Event()
        self._threads: list[threading.Thread] = []
        self.bytes_to_client = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(TICK)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)

    @property
    def open_connections(self) -> int:
        with self._lock:
            return sum(t.is_alive() for t in self._threads)

    def retarget(self, host: str, port: int) -> None:
        """Send new connections to another server; open ones are cut."""
        self._target = (host, port)
        self._drop_connections()

    def cut_after(self, n: int, path_contains: str = "/blobs/", times: int | None = 1) -> None:
        """Forward n bytes of the matching response, then reset both connections (RST)."""
        self._arm(_Fault("cut", path_contains, times, offset=n))

    def hold_after(self, n: int, path_contains: str = "/blobs/") -> None:
        """Forward n bytes of the matching response, then nothing until :meth:`release`."""
        self._released.clear()
        self._arm(_Fault("hold", path_contains, 1, offset=n))

    def release(self) -> None:
        self._released.set()

    def corrupt_at(self, n: int, path_contains: str = "/blobs/", times: int | None = 1) -> None:
        """Flip every bit of byte n of the matching response."""
        self._arm(_Fault("corrupt", path_contains, times, offset=n))

    def replace_in_response(
        self, old: bytes, new: bytes, path_contains: str = "/manifest", times: int | None = 1
    ) -> None:
        if len(old) != len(new) or not old:
            raise ValueError("the replacement must have the same, non-zero length")
        self._arm(_Fault("replace", path_contains, times, old=old, new=new))

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def _arm(self, fault: _Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def _take_fault(self, line: str) -> _Fault | None:
        with self._lock:
            fault = next((f for f in self._faults if f.path_contains in line), None)
            if fault is not None and fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
            return fault

    def _drop_connections(self) -> None:
        with self._lock:
            self._epoch += 1
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout=5)

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            if self.down:
                _abort(client)
                continue
            args = (client, self._target, self._epoch)
            thread = threading.Thread(target=self._serve, args=args, daemon=True)
            with self._lock:
                self._threads = [t for t in self._threads if t.is_alive()] + [thread]
            thread.start()

    def _serve(self, client: socket.socket, target: tuple[str, int], epoch: int) -> None:
        client.settimeout(TIMEOUT)
        upstream = socket.socket()
        upstream.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, UPSTREAM_WINDOW)
        upstream.settimeout(TIMEOUT)
        fault: _Fault | None = None
        held: bytes | None = None  # the rest of a held response's chunk, while held
        sent, orderly, drain = 0, False, 0.0
        try:
            upstream.connect(target)
            while not self._stop.is_set() and epoch == self._epoch:
                if held is not None and self._released.is_set():
                    self._forward(client, held)
                    sent, held, fault = sent + len(held), None, None
                wanted = [client] if held is not None else [client, upstream]
                readable, _, _ = select.select(wanted, [], [], TICK)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        orderly = True
                        return
                    if sock is client:
                        if match := _REQUEST_LINE.match(data):
                            fault, sent = self._take_fault(match.group(0).decode("latin-1")), 0
                        upstream.sendall(data)
                        continue
                    data, held = fault.apply(sent, data) if fault else (data, None)
                    self._forward(client, data)
                    sent += len(data)
                    if held is not None and fault is not None and fault.kind == "cut":
                        drain = 5.0
                        return
        except OSError:
            return
        finally:
            if orderly:  # pass the end of stream on as it came
                client.close()
                upstream.close()
            else:
                _abort(client, drain)
                _abort(upstream)

    def _forward(self, client: socket.socket, data: bytes) -> None:
        client.sendall(data)
        with self._lock:
            self.bytes_to_client += len(data)

    def __enter__(self) -> FaultProxy:
        self._acceptor.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._released.set()
        self._acceptor.join(timeout=5)
        self._listener.close()
        self._drop_connections()
