"""Getting work off the GUI thread and results back onto it.

Network, disk and decryption run on a small thread pool; whatever they produce comes back to
the GUI thread through one queued signal (the pattern of Anki's ``taskman`` and Electrum's
``QtEventListener``): the worker emits a callable, the GUI thread runs it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)
T = TypeVar("T")


class GuiBridge(QObject):
    """Runs callables on the thread that owns it (the GUI thread).

    Signals:
        call: carries a zero-argument callable to run on the GUI thread.
    """

    call = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.call.connect(self._run)

    @Slot(object)
    def _run(self, function: Callable[[], object]) -> None:
        try:
            function()
        except Exception:  # a slot must not let an exception reach Qt's event loop
            log.exception("error in a GUI callback")

    def post(self, function: Callable[[], object]) -> None:
        """Run ``function`` on the GUI thread soon (safe from any thread)."""
        self.call.emit(function)


class TaskRunner:
    """A thread pool whose results are delivered on the GUI thread."""

    def __init__(self, bridge: GuiBridge, workers: int = 4) -> None:
        self.bridge = bridge
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ecabinet-task")
        self._closed = False

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
    ) -> Future[T]:
        """Run ``work`` on the pool; call ``on_done(result)`` or ``on_error(exc)`` on the GUI.

        After :meth:`shutdown`, work is dropped (a cancelled future): callbacks queued just
        before the app closed may still ask for work, and the app is going away anyway.
        """
        if self._closed:
            dropped: Future[T] = Future()
            dropped.cancel()
            return dropped
        future = self._pool.submit(work)

        def deliver(done: Future[T]) -> None:
            if self._closed or done.cancelled():
                return
            error = done.exception()
            if error is not None:
                if on_error is not None:
                    self.bridge.post(lambda: on_error(error))
                else:
                    log.error("background task failed", exc_info=error)
            elif on_done is not None:
                result: Any = done.result()
                self.bridge.post(lambda: on_done(result))

        future.add_done_callback(deliver)
        return future

    def shutdown(self, wait: bool = True) -> None:
        """Stop accepting work, drop queued tasks, and (by default) wait for running ones."""
        self._closed = True
        self._pool.shutdown(wait=wait, cancel_futures=True)
