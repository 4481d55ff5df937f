"""The app's side of one worker process: the process, its two pipes and two threads.

The *feeder* thread starts the process (``Process.start`` takes 1–4 ms, too long for the GUI
thread) and then writes the queued messages to it, so that posting never blocks, even behind
a 50 MB PDF or a full pipe.  The *listener* thread reads the answers and hands them on; when
the pipe ends (the worker stopped, crashed or was killed) it reaps the process and reports
the exit, once.

The pipes are socket pairs (``Pipe(duplex=True)``), each used one way: on Linux they move
multi-megabyte pixel buffers about 1.7x faster than ``os.pipe`` with its 64 kB buffer.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import TypeAlias

from ecabinet.client.render.protocol import (
    Busy,
    Opened,
    PixelsFollow,
    RawReader,
    Stop,
    ToWorker,
)
from ecabinet.client.render.results import PageText, RenderedPage, RequestFailed, SearchHits

__all__ = ["FromWorker", "WorkerLink"]

_log = logging.getLogger(__name__)

FromWorker: TypeAlias = Busy | Opened | RenderedPage | PageText | SearchHits | RequestFailed

# After the pipe ends, how long the process may take to exit before it is killed.
_REAP_SECONDS = 2.0


def _worker_main(requests: Connection, results: Connection, max_pixels: int) -> None:
    # Imported here, in the child, so that the app process never loads MuPDF.
    from ecabinet.client.render import worker

    worker.serve(requests, results, max_pixels)


class WorkerLink:
    """One worker process and the threads that talk to it.

    Args:
        ctx: the spawn context (never fork: the app has threads).
        max_pixels: passed to the worker.
        on_message: called on the listener thread with each message from the worker.
        on_exit: called on the listener thread once the worker has exited and been reaped.

    Attributes:
        busy: the job the worker last said it started; set and read by the service.
        answered: the worker has sent at least one message.
        start_error: why the process could not be started, if it could not.
        pid: the worker's process id, once started.
        exitcode: its exit code once reaped (negative: killed by that signal).
    """

    def __init__(
        self,
        ctx: SpawnContext,
        *,
        max_pixels: int,
        on_message: Callable[[WorkerLink, FromWorker], None],
        on_exit: Callable[[WorkerLink], None],
    ) -> None:
        self._on_message = on_message
        self._on_exit = on_exit
        worker_requests, self._requests = ctx.Pipe()
        self._results, worker_results = ctx.Pipe()
        self._worker_ends = (worker_requests, worker_results)
        self._process: SpawnProcess = ctx.Process(
            target=_worker_main,
            args=(worker_requests, worker_results, max_pixels),
            name="ecabinet-render",
            daemon=True,
        )
        # Guards the process between being reaped (and closed) and being terminated.
        self._process_lock = threading.Lock()
        self._reaped = False
        # None: the listener has ended, the feeder must too.
        self._outbox: queue.SimpleQueue[tuple[ToWorker, bytes | None] | None] = queue.SimpleQueue()
        self._start_attempted = threading.Event()
        self._feeder = threading.Thread(target=self._feed, name="render-feeder", daemon=True)
        self._listener = threading.Thread(target=self._listen, name="render-listener", daemon=True)
        self.busy: Busy | None = None
        self.answered = False
        self.start_error: BaseException | None = None
        self.pid: int | None = None
        self.exitcode: int | None = None

    def start(self) -> None:
        """Start the threads; the feeder starts the process.  Returns in well under 1 ms."""
        # The feeder last: once it runs, Process.start competes for the GIL.
        self._listener.start()
        self._feeder.start()

    def post(self, message: ToWorker, payload: bytes | None = None) -> None:
        """Queue ``message`` (and the raw ``payload`` that follows it) for the worker."""
        self._outbox.put((message, payload))

    def request_stop(self) -> None:
        """Ask the worker to exit once its current job is done, skipping the queued ones."""
        self.post(Stop())

    def wait(self, timeout: float) -> None:
        """Wait for the worker to exit; terminate it, then kill it, if it lingers.

        Returns at once when called from one of the link's own threads.
        """
        if threading.current_thread() in (self._feeder, self._listener):
            return
        self._listener.join(timeout)
        if self._listener.is_alive():
            # Still in a long render, or stuck.
            self._start_attempted.wait()
            with self._process_lock:
                if self.pid is not None and not self._reaped:
                    _log.warning("render worker %s did not stop in %gs", self.pid, timeout)
                    self._process.terminate()
            self._listener.join()  # the end of the pipe follows, and _reap kills at worst
        self._feeder.join()

    def _feed(self) -> None:
        try:
            self._process.start()
            self.pid = self._process.pid
        except Exception as exc:
            _log.exception("cannot start the render worker")
            self.start_error = exc
        finally:
            # The worker holds its own copies now; ours would keep the pipes open after it
            # dies, and the listener would never see the end.
            for end in self._worker_ends:
                end.close()
            self._start_attempted.set()
        try:
            while self.start_error is None:
                item = self._outbox.get()
                if item is None:
                    break
                message, payload = item
                self._requests.send(message)
                if payload is not None:
                    self._requests.send_bytes(payload)
                if isinstance(message, Stop):
                    break
        except OSError:
            pass  # the worker is gone; the listener reports it
        except Exception:
            # Closing our end below makes the worker exit, and the listener report it.
            _log.exception("cannot send to the render worker")
        finally:
            self._requests.close()

    def _listen(self) -> None:
        raw = RawReader(self._results)
        try:
            while True:
                message = self._results.recv()
                self.answered = True
                if isinstance(message, PixelsFollow):
                    message = self._rendered(message, raw.read(message.nbytes))
                try:
                    self._on_message(self, message)
                except Exception:
                    _log.exception("render service failed on %s", type(message).__name__)
        except (EOFError, OSError):
            pass  # the worker is gone
        except Exception:
            _log.exception("unreadable message from the render worker")
        finally:
            raw.close()
            self._results.close()
            self._outbox.put(None)
            self._reap()
            self._on_exit(self)

    def _reap(self) -> None:
        self._start_attempted.wait()
        if self.pid is None:
            return
        self._process.join(_REAP_SECONDS)
        if self._process.exitcode is None:
            self._process.kill()
            self._process.join()
        with self._process_lock:
            self.exitcode = self._process.exitcode
            self._reaped = True
            self._process.close()  # its sentinel pipe
        if self.exitcode != 0:
            _log.warning("render worker %s exited with code %s", self.pid, self.exitcode)

    @staticmethod
    def _rendered(header: PixelsFollow, samples: bytes) -> RenderedPage:
        return RenderedPage(
            request_id=header.request_id,
            doc_id=header.doc_id,
            page=header.page,
            scale=header.scale,
            width=header.width,
            height=header.height,
            stride=header.stride,
            samples=samples,
            elapsed_ms=header.elapsed_ms,
        )
