"""Serving the application: one process, or several sharing a port.

With ``--workers N`` each worker process opens its own listening socket on the port
(``SO_REUSEPORT``), and the kernel spreads new connections evenly over them.  uvicorn's own
``--workers`` binds one socket in the parent and hands it to every worker, which then race to
accept: in ``benchmarks/vote_load.py`` (1,000 delegates, two workers on PostgreSQL) one
process took two thirds of the connections in about one run of four, and the ballot latency
tail with it.

Every worker is the same server as the single process (:class:`StreamEndingServer`: open
event streams end as soon as it is asked to stop).  The parent starts the workers, starts
again one that dies, and stops them all on SIGINT or SIGTERM.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import socket
import threading
import time
from types import FrameType
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE

from ecabinet.server.app import create_app
from ecabinet.server.settings import ServerSettings
from ecabinet.server.state import ServerState

log = logging.getLogger(__name__)

# Open event streams never end by themselves: they are ended on SIGTERM and, as a last
# resort, cut after this long, as other requests still running.
SHUTDOWN_GRACE_SECONDS = 5
# A worker that does not stop within this after SIGTERM is killed.
STOP_SECONDS = SHUTDOWN_GRACE_SECONDS + 5
# A worker that ends sooner than this after it started failed to start (the application, the
# database, the port): another would fail the same way, so all stop.
STARTING_SECONDS = 10.0


class StreamEndingServer(uvicorn.Server):
    """Uvicorn, ending the open event streams as soon as it is asked to stop."""

    def __init__(self, config: uvicorn.Config, state: ServerState) -> None:
        super().__init__(config)
        self.state = state

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        self.state.live.end_streams()


def serve(
    settings: ServerSettings,
    state: ServerState,
    *,
    host: str,
    port: int,
    sockets: list[socket.socket] | None = None,
) -> None:
    """Serve until stopped, in this process; ``sockets``: listen on these, already bound."""
    _quieten_garbage_collector()
    config = uvicorn.Config(
        create_app(settings, state=state),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
    )
    StreamEndingServer(config, state).run(sockets=sockets)


def _quieten_garbage_collector() -> None:
    """Keep the cycle collector from stopping the server for a third of a second mid-vote.

    With a thousand streams open, a full collection walked every object of the process and
    took 250-300 ms, during the ballots' burst (``benchmarks/vote_load.py``): every request
    waited for it.  What exists by now (modules, mappers, the application) lives as long as
    the process, so it is moved out of the collector's sight; and full collections come ten
    times less often.  Garbage without cycles is freed at once as always.
    """
    gc.collect()
    gc.freeze()
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, 100)


def bound_socket(host: str, port: int, *, share: bool) -> socket.socket:
    """A socket bound to ``host:port``; with ``share``, one other sockets of this user may
    bind too (``SO_REUSEPORT``), and without, one that fails where any program listens.

    Raises:
        OSError: the port is taken (by a program that does not share it, or at all), or
            ``host`` is not an address of this machine.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if share:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def can_share_ports() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


def _worker(host: str, port: int) -> None:
    """One worker process: the settings come from the environment the parent prepared."""
    settings = ServerSettings()
    state = ServerState(settings, migrate=False)
    try:
        serve(settings, state, host=host, port=port, sockets=[bound_socket(host, port, share=True)])
    finally:
        state.close()


class Workers:
    """``count`` worker processes serving ``host:port``, each on its own socket."""

    def __init__(self, host: str, port: int, count: int) -> None:
        self.host = host
        self.port = port
        self.count = count
        self._context = multiprocessing.get_context("spawn")
        self._stop = threading.Event()
        self._processes: list[tuple[Any, float]] = []

    def run(self) -> int:
        """Start the workers and keep them running until SIGINT or SIGTERM; the exit status.

        A worker that fails to start (see :data:`STARTING_SECONDS`) stops them all: another
        would fail the same way.  One that dies later is started again.
        """
        previous = {
            sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            self._processes = [self._start() for _ in range(self.count)]
            while not self._stop.wait(0.5):
                for index, (process, started) in enumerate(self._processes):
                    if process.is_alive() or self._stop.is_set():
                        continue
                    if (
                        process.exitcode == STARTUP_FAILURE
                        or time.monotonic() - started < STARTING_SECONDS
                    ):
                        log.error("a server worker failed to start (exit %s)", process.exitcode)
                        self._stop_all()
                        return 1
                    log.warning(
                        "server worker %s ended (exit %s); starting another",
                        process.pid,
                        process.exitcode,
                    )
                    self._processes[index] = self._start()
            self._stop_all()
            return 0
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _on_signal(self, sig: int, frame: FrameType | None) -> None:
        self._stop.set()

    def _start(self) -> tuple[Any, float]:
        process = self._context.Process(
            target=_worker, args=(self.host, self.port), name="ecabinet-worker"
        )
        process.start()
        return process, time.monotonic()

    def _stop_all(self) -> None:
        """SIGTERM to each worker (a Ctrl+C already reached them all: give them a moment),
        then SIGKILL to any still running after :data:`STOP_SECONDS`."""
        processes = [process for process, _started in self._processes]
        for process in processes:
            process.join(timeout=0.5)
        for process in processes:
            if process.is_alive() and process.pid is not None:
                os.kill(process.pid, signal.SIGTERM)
        for process in processes:
            process.join(timeout=STOP_SECONDS)
            if process.is_alive():
                log.warning("server worker %s did not stop; killing it", process.pid)
                process.kill()
                process.join()
