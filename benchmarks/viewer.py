"""Open, scroll and render a large PDF in the real document reader; one JSON object out.

The reader is the real :class:`ecabinet.ui.viewer.DocumentView` in a ``QApplication`` (Qt's
``offscreen`` platform unless ``QT_QPA_PLATFORM`` says otherwise), a 1200 × 900 window at
fit-width zoom, with its real :class:`RenderHub` and worker process.  The PDF is generated
with PyMuPDF in a child process (never timed; cached in ``WORKDIR``): text pages, and every
tenth page (pages 10, 20, … counting from 1) dense vector art of a few thousand filled and
stroked Bézier shapes, which takes hundreds of milliseconds to render at the reader's scale.

Measured (one JSON object on stdout, progress on stderr):

* **open** (target ≤ 150 ms): from constructing the ``DocumentView`` with the PDF's bytes
  to page 1 painted.  Two moments: the first paint that shows any pixels of the page (the
  quick low-resolution pass or the sharp one; the target applies to this one) and the first
  sharp paint (``0 in painted_pages()``).  *Warm worker*: the hub's worker was started and
  has opened a one-page document before; the median of several openings.  *Cold worker*: a
  fresh hub whose worker is spawned by the opening itself, which is what the app does today
  for its first document (it never calls ``RenderHub.start()``).  Also, for information, an
  opening straight at page 10, a dense one.
* **scroll** (targets: stalls p99 ≤ 16 ms, max ≤ 50 ms): after the first page is sharp and
  the worker idle, a 16 ms timer moves the vertical scroll bar from top to bottom at a steady
  speed in time (position = elapsed / ``--scroll-seconds`` × range, so a late tick makes a
  larger step, as kinetic scrolling does).  A 5 ms timer on the same event loop records its
  ticks; a stall is the gap between two ticks minus 5 ms.  The same probe is run for two
  seconds on the idle reader first: that is the floor of this machine's timers.  The worst
  stalls come with the GUI thread's CPU time within them (little: it was waiting for the GIL,
  a lock or a CPU) and the renderings that arrived meanwhile.
* **render** (target ≤ 1.2×): the reader visits a fixed run of pages one after another
  (``go_to_page``, then wait for the page to be painted sharp), starting from a freshly
  opened document.  The worker's ``elapsed_ms`` of the sharp renderings of those pages,
  summed, against plain ``page.get_pixmap(matrix=Matrix(s, s), alpha=False)`` of the same
  pages at the same scale in this process (the baseline).  Also given: every rendering the
  pipeline did during the visit (quick passes, neighbours, thumbnails) against the same
  baseline, and the wall time of rendering the pages through the service one at a time
  (request, wait for the result on the GUI thread, next) against the in-process loop.
  Three rounds of the three (visit, baseline, service), the order turning each round.
* **memory** (target ≤ 400 MB): the resident set sizes (VmRSS) of this process and of every
  process it started (the render worker, multiprocessing's resource tracker), sampled every
  50 ms during the scroll and summed; the peak of the sum.  PyMuPDF is not loaded into this
  process until the render phase, as in the app, whose process never loads it.

Run from the repository root: ``.venv/bin/python benchmarks/viewer.py [--quick]``.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import math
import multiprocessing
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

# The render worker is started with multiprocessing's "spawn", which runs this script again in
# the new process as __mp_main__.  The app's worker loads no Qt (its main module imports none),
# so neither may this one: Qt's libraries would add some 40 MB to the worker's memory.
if __name__ != "__mp_main__":
    from PySide6.QtCore import (
        QEvent,
        QEventLoop,
        QMessageLogContext,
        QObject,
        Qt,
        QTimer,
        QtMsgType,
        qInstallMessageHandler,
    )
    from PySide6.QtWidgets import QApplication

    from ecabinet.client.render import DocumentInfo, RenderedPage
    from ecabinet.ui.viewer import DocumentView, RenderHub

TARGET_OPEN_MS = 150.0
TARGET_STALL_P99_MS = 16.0
TARGET_STALL_MAX_MS = 50.0
TARGET_RENDER_RATIO = 1.2
TARGET_PEAK_MB = 400.0

WINDOW = (1200, 900)
PAGE_SIZE = (595.0, 842.0)  # A4 portrait, points
DENSE_EVERY = 10
DENSE_SHAPES = 3000  # closed Bézier shapes per dense page: about 450 ms at scale 1.7 here
DENSE_SPAN = 12.0  # points: how far a shape's control points stray from its start
PDF_FORMAT = 1  # bump when the generator changes, so that cached PDFs are made anew
PROBE_MS = 5
TICK_MS = 16
MEMORY_SAMPLE_S = 0.05
WAIT_S = 60.0
MIB = 1024 * 1024


def log(message: str) -> None:
    """Progress for the human watching; stdout is kept for the JSON result."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the PDF


def is_dense(page: int) -> bool:
    """Whether ``page`` (0-based) carries the dense vector art: pages 10, 20, … from 1."""
    return (page + 1) % DENSE_EVERY == 0


def _art(rng: random.Random) -> bytes:
    """A content stream of ``DENSE_SHAPES`` small closed curves, each filled and stroked."""
    width, height = PAGE_SIZE
    ops = ["q"]
    for _ in range(DENSE_SHAPES):
        x, y = rng.uniform(20, width - 20), rng.uniform(20, height - 20)
        r, g, b = rng.random(), rng.random(), rng.random()
        parts = [f"{r:.2f} {g:.2f} {b:.2f} rg {b:.2f} {r:.2f} {g:.2f} RG"]
        parts.append(f"{rng.uniform(0.3, 3.0):.1f} w {x:.1f} {y:.1f} m")
        for _ in range(3):
            points = (
                f"{x + rng.uniform(-DENSE_SPAN, DENSE_SPAN):.1f} "
                f"{y + rng.uniform(-DENSE_SPAN, DENSE_SPAN):.1f}"
                for _ in range(3)
            )
            parts.append(" ".join(points) + " c")
        parts.append("B")
        ops.append(" ".join(parts))
    ops.append("Q")
    return "\n".join(ops).encode("ascii")


def write_pdf(path: str, pages: int, seed: int) -> int:
    """Write the benchmark PDF (run in a child process: this one never loads PyMuPDF early).

    Returns:
        The size of the file in bytes.
    """
    import pymupdf

    rng = random.Random(seed)
    words = [
        f"{rng.choice('bcdghklmnpqrstv')}{rng.choice('aeiouy')}" * rng.randint(1, 4)
        for _ in range(3000)
    ]
    doc = pymupdf.open()
    try:
        for number in range(pages):
            page = doc.new_page(width=PAGE_SIZE[0], height=PAGE_SIZE[1])
            if is_dense(number):
                xref = doc.get_new_xref()
                doc.update_object(xref, "<<>>")
                doc.update_stream(xref, _art(rng))
                doc.xref_set_key(page.xref, "Contents", f"{xref} 0 R")
                page.insert_text((72, 60), f"Page {number + 1} of {pages}: a plan", fontsize=16)
            else:
                page.insert_text((72, 72), f"Page {number + 1} of {pages}", fontsize=16)
                body = " ".join(rng.choice(words) for _ in range(450))
                page.insert_textbox(pymupdf.Rect(72, 96, 523, 770), body, fontsize=10)
        doc.save(path, garbage=1, deflate=True)
    finally:
        doc.close()
    return Path(path).stat().st_size


def write_tiny_pdf(path: str) -> int:
    """A one-page PDF that warms up the worker and Qt without warming anything else."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_SIZE[0], height=PAGE_SIZE[1])
    page.insert_text((72, 72), "Warm-up", fontsize=16)
    doc.save(path)
    doc.close()
    return Path(path).stat().st_size


def make_pdfs(directory: Path, *, pages: int, seed: int) -> tuple[Path, Path]:
    """The benchmark PDF and the warm-up PDF, made in a child process or reused from before."""
    directory.mkdir(parents=True, exist_ok=True)
    params = {"format": PDF_FORMAT, "pages": pages, "seed": seed, "shapes": DENSE_SHAPES}
    stem = f"viewer-{pages}p-{seed}"
    pdf, tiny, index = (directory / f"{stem}{ext}" for ext in (".pdf", "-tiny.pdf", ".json"))
    if index.is_file() and pdf.is_file() and tiny.is_file():
        saved = json.loads(index.read_text(encoding="utf-8"))
        if saved.get("params") == params and saved.get("size") == pdf.stat().st_size:
            log(f"reusing {pdf}")
            return pdf, tiny
    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        size = pool.submit(write_pdf, str(pdf), pages, seed).result()
        pool.submit(write_tiny_pdf, str(tiny)).result()
    index.write_text(json.dumps({"params": params, "size": size}), encoding="utf-8")
    log(
        f"generated {pdf.name}: {pages} pages, {size / MIB:.1f} MiB "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return pdf, tiny


# --------------------------------------------------------------------------- Qt helpers


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform says this on every window shown; it means nothing here.
    if "propagateSizeHints" not in message:
        print(f"qt: {message}", file=sys.stderr, flush=True)


def wait_until(predicate: Callable[[], bool], what: str, timeout: float = WAIT_S) -> None:
    """Run the event loop until ``predicate()`` holds (checked every 2 ms)."""
    if predicate():
        return
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(2)

    def check() -> None:
        if predicate():
            loop.quit()

    poll.timeout.connect(check)
    expiry = QTimer()
    expiry.setSingleShot(True)
    expiry.timeout.connect(loop.quit)
    poll.start()
    expiry.start(int(timeout * 1000))
    loop.exec()
    poll.stop()
    expiry.stop()
    if not predicate():
        raise TimeoutError(f"gave up after {timeout:g} s waiting for {what}")


def spin(seconds: float) -> None:
    """Run the event loop for ``seconds``."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


@dataclass(frozen=True)
class Arrival:
    """One rendered page as it reached the GUI thread (the pixels are not kept)."""

    at: float
    doc_id: str
    request_id: int
    page: int
    scale: float
    elapsed_ms: float


class Recorder:
    """Notes every rendering and every opened document the hub hands to the GUI thread."""

    def __init__(self, hub: RenderHub) -> None:
        self.renders: list[Arrival] = []
        self.ready: dict[str, float] = {}
        self.waiting_for: int | None = None
        self.loop: QEventLoop | None = None
        hub.rendered.connect(self._on_rendered)
        hub.document_ready.connect(self._on_ready)

    def _on_rendered(self, rendered: RenderedPage) -> None:
        self.renders.append(
            Arrival(
                time.perf_counter(),
                rendered.doc_id,
                rendered.request_id,
                rendered.page,
                rendered.scale,
                rendered.elapsed_ms,
            )
        )
        if rendered.request_id == self.waiting_for and self.loop is not None:
            self.loop.quit()

    def _on_ready(self, info: DocumentInfo) -> None:
        self.ready.setdefault(info.doc_id, time.perf_counter())

    def of(self, doc_id: str, since: int = 0) -> list[Arrival]:
        """The renderings of ``doc_id`` recorded from index ``since`` on."""
        return [a for a in self.renders[since:] if a.doc_id == doc_id]

    def wait_render(self, request_id: int) -> Arrival:
        """Run the event loop until the rendering ``request_id`` arrives (no polling delay)."""
        found = [a for a in self.renders if a.request_id == request_id]
        if not found:
            self.waiting_for, self.loop = request_id, QEventLoop()
            expiry = QTimer()
            expiry.setSingleShot(True)
            expiry.timeout.connect(self.loop.quit)
            expiry.start(int(WAIT_S * 1000))
            self.loop.exec()
            expiry.stop()
            self.waiting_for, self.loop = None, None
            found = [a for a in self.renders[-8:] if a.request_id == request_id]
        if not found:
            raise TimeoutError(f"render request {request_id} never came back")
        return found[-1]


if __name__ != "__mp_main__":  # no Qt in the worker: see the imports

    class PaintWatch(QObject):
        """Counts the viewport's paints and notes the first that can show pixels of ``page``."""

        def __init__(self, view: DocumentView, page: int) -> None:
            super().__init__(view)
            self._view = view
            self.page = page
            self.first_pixels: float | None = None
            self.paints = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.paints += 1
                if (
                    self.first_pixels is None
                    and self.page in self._view.canvas.visible_pages()
                    and self._view.loader.has_pixels(self.page)
                ):
                    # Noted as the paint begins; drawing a page's pixmap takes a millisecond.
                    self.first_pixels = time.perf_counter()
            return False


# --------------------------------------------------------------------------- memory


def _status_kb(pid: int, field: str) -> int:
    """One ``kB`` field of ``/proc/PID/status`` (0 if the process is gone)."""
    try:
        with Path(f"/proc/{pid}/status").open(encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants, from the parent ids in ``/proc/*/stat``."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_bytes()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def process_name(pid: int) -> str:
    """A short name for a process of the tree: its command line, shortened."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    args = [a.decode(errors="replace") for a in raw.split(b"\0") if a]
    if pid == os.getpid():
        return "app (this process: Qt, the viewer, the render service and its cache)"
    text = " ".join(args)
    if "resource_tracker" in text:
        return "multiprocessing resource tracker"
    if "spawn_main" in text:
        return "render worker"
    return text[:80]


class MemorySampler(threading.Thread):
    """Samples VmRSS of the app's processes every 50 ms; keeps the peak of their sum.

    The process list is read once at the start and again whenever the hub's worker has a
    pid not in it: scanning ``/proc`` takes milliseconds, reading three status files does not.
    """

    def __init__(self, hub: RenderHub) -> None:
        super().__init__(name="bench-memory", daemon=True)
        self._hub = hub
        self._halt = threading.Event()
        self._pids = process_tree(os.getpid())
        self.samples = 0
        self.peak_total_kb = 0
        self.peak_at_kb: dict[int, int] = {}
        self.peak_each_kb: dict[int, int] = {}

    def run(self) -> None:
        while not self._halt.wait(MEMORY_SAMPLE_S):
            worker = self._hub.service.worker_pid
            if worker is not None and worker not in self._pids:
                self._pids = process_tree(os.getpid())
            sizes = {pid: _status_kb(pid, "VmRSS") for pid in self._pids}
            total = sum(sizes.values())
            self.samples += 1
            for pid, size in sizes.items():
                self.peak_each_kb[pid] = max(size, self.peak_each_kb.get(pid, 0))
            if total > self.peak_total_kb:
                self.peak_total_kb, self.peak_at_kb = total, sizes

    def stop(self) -> None:
        self._halt.set()
        self.join()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time that process ``pid`` has used so far (Linux ``/proc``)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(b")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_cpu() -> tuple[float, float]:
    """Seconds of all CPUs so far, busy and in total (the first line of ``/proc/stat``)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    ticks = os.sysconf("SC_CLK_TCK")
    return (sum(fields) - idle) / ticks, sum(fields) / ticks


def mb(kb: int) -> float:
    return round(kb / 1024, 1)


# --------------------------------------------------------------------------- statistics


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of ``values`` (0 for none)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


def stall_stats(ticks: list[float]) -> dict[str, Any]:
    """Stalls (gap between probe ticks minus the probe interval) in milliseconds."""
    stalls = [max(0.0, (b - a) * 1000 - PROBE_MS) for a, b in itertools.pairwise(ticks)]
    return {
        "ticks": len(ticks),
        "p50_ms": round(percentile(stalls, 0.50), 2),
        "p99_ms": round(percentile(stalls, 0.99), 2),
        "max_ms": round(max(stalls, default=0.0), 2),
        "over_16_ms": sum(s > 16 for s in stalls),
        "over_50_ms": sum(s > 50 for s in stalls),
    }


def ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


# --------------------------------------------------------------------------- the phases


class Probe:
    """A 5 ms precise timer on the GUI thread that notes when each tick came.

    It also notes the GUI thread's CPU time at each tick: a long gap with little CPU time in
    it was spent waiting (for the GIL, a lock, or a CPU), not computing.
    """

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self.cpu: list[float] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(PROBE_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())
        self.cpu.append(time.thread_time())

    def start(self) -> None:
        self.ticks.clear()
        self.cpu.clear()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()


def show_view(hub: RenderHub, data: bytes, doc_id: str, *, page: int = 0) -> DocumentView:
    """A reader of ``data`` in a 1200 × 900 window, at ``page`` once open."""
    view = DocumentView(hub, doc_id, data, "Benchmark packet")
    if page:
        view.restore({"page": page})
    view.resize(*WINDOW)
    view.show()
    return view


def _painted(view: DocumentView, page: int) -> bool:
    return page in view.painted_pages()


def close_view(view: DocumentView) -> None:
    view.close_document()
    view.hide()
    view.deleteLater()


def wait_idle(hub: RenderHub, recorder: Recorder, tiny: bytes) -> None:
    """Wait until the worker has finished whatever it was doing (a render under way).

    A tiny render is queued behind it, most urgent; when it comes back, the worker is idle.
    """
    key = hub.new_key("barrier")
    hub.service.open_document(key, tiny)
    wait_until(lambda: key in recorder.ready, "the barrier document")
    recorder.wait_render(hub.service.render(key, 0, 0.05, priority=-1))
    hub.service.close_document(key)


def open_trial(
    hub: RenderHub, recorder: Recorder, data: bytes, *, doc_id: str, page: int = 0
) -> tuple[DocumentView, dict[str, Any]]:
    """Open ``data`` in a new reader; times to ready, first pixels and first sharp paint."""
    since = len(recorder.renders)
    sharp: dict[int, float] = {}
    started = time.perf_counter()
    view = show_view(hub, data, doc_id, page=page)
    watch = PaintWatch(view, page)
    view.canvas.viewport().installEventFilter(watch)
    view.canvas.page_painted.connect(lambda number: sharp.setdefault(number, time.perf_counter()))
    wait_until(lambda: page in sharp, f"page {page + 1} painted sharp")
    key = view.loader.key
    scale = view.canvas.scale_for(page)
    renders = [a for a in recorder.of(key, since) if a.page == page]
    quick = next((a for a in renders if a.scale < scale), None)
    full = next((a for a in renders if a.scale == scale), None)
    first = watch.first_pixels
    return view, {
        "page": page + 1,
        "document_ready_ms": ms(recorder.ready[key] - started),
        "first_pixels_ms": ms(first - started if first is not None else None),
        "first_pixels_were": "quick pass" if quick and first and quick.at <= first else "sharp",
        "sharp_ms": ms(sharp[page] - started),
        "quick_render_worker_ms": round(quick.elapsed_ms, 1) if quick else None,
        "quick_arrived_ms": ms(quick.at - started) if quick else None,
        "sharp_render_worker_ms": round(full.elapsed_ms, 1) if full else None,
        "sharp_arrived_ms": ms(full.at - started) if full else None,
    }


def phase_open(
    hub: RenderHub, recorder: Recorder, data: bytes, tiny: bytes, trials: int
) -> dict[str, Any]:
    """Cold worker once, warm worker ``trials`` times, and once at a dense page."""
    log("open: cold worker (a new hub; the opening spawns its worker, as the app does)")
    cold_hub = RenderHub()
    cold_recorder = Recorder(cold_hub)
    try:
        view, cold = open_trial(cold_hub, cold_recorder, data, doc_id="cold")
        close_view(view)
    finally:
        cold_hub.close()
    log(f"  cold: first pixels {cold['first_pixels_ms']} ms, sharp {cold['sharp_ms']} ms")
    warm: list[dict[str, Any]] = []
    for number in range(trials):
        wait_idle(hub, recorder, tiny)
        view, timing = open_trial(hub, recorder, data, doc_id=f"warm-{number}")
        close_view(view)
        warm.append(timing)
        log(
            f"  warm {number + 1}/{trials}: ready {timing['document_ready_ms']} ms, "
            f"first pixels {timing['first_pixels_ms']} ms, sharp {timing['sharp_ms']} ms"
        )
    wait_idle(hub, recorder, tiny)
    view, dense = open_trial(hub, recorder, data, doc_id="dense", page=DENSE_EVERY - 1)
    close_view(view)
    log(
        f"  at page {DENSE_EVERY}: first pixels {dense['first_pixels_ms']} ms, sharp "
        f"{dense['sharp_ms']} ms"
    )
    wait_idle(hub, recorder, tiny)

    def median(name: str) -> float:
        return round(float(statistics.median(t[name] for t in warm)), 1)

    first_pixels = median("first_pixels_ms")
    return {
        "target_ms": TARGET_OPEN_MS,
        "scored": "warm_worker.first_pixels_ms_median (first paint showing page 1 at all)",
        "app_starts_worker_at_launch": False,
        "warm_worker": {
            "worker_startup_included": False,
            "first_pixels_ms_median": first_pixels,
            "sharp_ms_median": median("sharp_ms"),
            "document_ready_ms_median": median("document_ready_ms"),
            "first_pixels_ms_max": max(t["first_pixels_ms"] for t in warm),
            "trials": warm,
        },
        "cold_worker": {"worker_startup_included": True, **cold},
        "at_dense_page": {"worker_startup_included": False, **dense},
        "pass": first_pixels <= TARGET_OPEN_MS,
        "sharp_pass": median("sharp_ms") <= TARGET_OPEN_MS,
        "cold_pass": cold["first_pixels_ms"] <= TARGET_OPEN_MS,
    }


def phase_scroll(
    hub: RenderHub, recorder: Recorder, data: bytes, seconds: float
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Scroll end to end at a steady pace; the stalls, and the memory while it lasts."""
    view = show_view(hub, data, "scroll")
    watch = PaintWatch(view, 0)
    view.canvas.viewport().installEventFilter(watch)
    wait_until(lambda: 0 in view.painted_pages(), "page 1 painted sharp")
    wait_until(lambda: not view.loader.pending, "the first screen's renderings", 30)
    spin(0.3)
    bar = view.canvas.verticalScrollBar()
    layout = view.canvas.page_layout
    assert layout is not None
    probe = Probe()
    log("scroll: 2 s of the idle reader first (the timer floor)")
    probe.start()
    spin(2.0)
    probe.stop()
    idle = stall_stats(probe.ticks)

    cancels = [0]
    requests = [0]
    service = hub.service
    cancel, render = service.cancel, service.render

    def counting_cancel(request_id: int) -> None:
        cancels[0] += 1
        cancel(request_id)

    def counting_render(*args: Any, **kwargs: Any) -> int:
        requests[0] += 1
        return render(*args, **kwargs)

    service.cancel = counting_cancel  # type: ignore[method-assign]
    service.render = counting_render  # type: ignore[method-assign]
    since = len(recorder.renders)
    painted_before = view.painted_pages()
    paints_before = watch.paints
    pages_seen: set[int] = set()
    where: list[tuple[float, int]] = []  # (time, current page) at each move
    span = bar.maximum()
    log(
        f"scroll: {layout.page_count} pages, {span} px in {seconds:g} s "
        f"({span / seconds:.0f} px/s, {layout.page_count / seconds:.1f} pages/s)"
    )
    sampler = MemorySampler(hub)
    before = {pid: _status_kb(pid, "VmRSS") for pid in process_tree(os.getpid())}
    loop = QEventLoop()
    mover = QTimer()
    mover.setTimerType(Qt.TimerType.PreciseTimer)
    mover.setInterval(TICK_MS)
    moves = [0]
    started = [0.0]

    def move() -> None:
        done = (time.perf_counter() - started[0]) / seconds
        bar.setValue(min(span, round(span * done)))
        moves[0] += 1
        pages_seen.update(view.canvas.visible_pages())
        where.append((time.perf_counter(), view.canvas.current_page))
        if bar.value() >= span:
            mover.stop()
            loop.quit()

    mover.timeout.connect(move)
    sampler.start()
    probe.start()
    worker = hub.service.worker_pid
    worker_cpu = cpu_seconds(worker) if worker else 0.0
    app_cpu = time.process_time()
    gui_cpu = time.thread_time()
    busy, total = machine_cpu()
    started[0] = time.perf_counter()
    mover.start()
    loop.exec()
    ended = time.perf_counter()
    gui_cpu = time.thread_time() - gui_cpu
    app_cpu = time.process_time() - app_cpu
    worker_cpu = (cpu_seconds(worker) if worker else 0.0) - worker_cpu
    busy_now, total_now = machine_cpu()
    busy, total = busy_now - busy, total_now - total
    probe.stop()
    spin(1.0)  # the last screen's renderings, still inside the memory sampling
    sampler.stop()
    service.cancel, service.render = cancel, render  # type: ignore[method-assign]
    ticks = probe.ticks
    stalls = [(b - a) * 1000 - PROBE_MS for a, b in itertools.pairwise(ticks)]
    moments = [at for at, _ in where]

    def page_then(at: float) -> int:
        return where[max(0, bisect.bisect_right(moments, at) - 1)][1] + 1 if where else 0

    arrivals = [a.at for a in recorder.renders[since:]]

    def arrived(i: int) -> int:
        return bisect.bisect_left(arrivals, ticks[i + 1]) - bisect.bisect_left(arrivals, ticks[i])

    worst = sorted(((stall, i) for i, stall in enumerate(stalls)), reverse=True)[:8]
    scrolling = stall_stats(ticks)
    renders = recorder.of(view.loader.key, since)
    sharp_scale = view.canvas.scale_for(0)
    sharp = [a for a in renders if a.scale == sharp_scale]
    low = [a for a in renders if a.scale != sharp_scale]
    painted = view.painted_pages() - painted_before
    cache_mb = round(hub.service.cache_bytes / MIB, 1)
    memo_limit_mb = round(view.loader.memo_limit / MIB, 1)
    close_view(view)
    pass_ = (
        scrolling["p99_ms"] <= TARGET_STALL_P99_MS and scrolling["max_ms"] <= TARGET_STALL_MAX_MS
    )
    log(
        f"  stalls p50 {scrolling['p50_ms']} ms, p99 {scrolling['p99_ms']} ms, max "
        f"{scrolling['max_ms']} ms; {len(painted)} of {len(pages_seen)} pages painted sharp"
    )
    result = {
        "target_p99_ms": TARGET_STALL_P99_MS,
        "target_max_ms": TARGET_STALL_MAX_MS,
        "stalls": scrolling,
        "idle_stalls": idle,
        "worst_stalls": [
            {
                "stall_ms": round(stall, 1),
                "gui_thread_cpu_ms": round((probe.cpu[i + 1] - probe.cpu[i]) * 1000, 1),
                "renders_arrived": arrived(i),
                "at_s": round(ticks[i] - started[0], 2),
                "page": page_then(ticks[i]),
            }
            for stall, i in worst
        ],
        "pace": {
            "seconds": round(ended - started[0], 2),
            "px": span,
            "px_per_s": round(span / seconds),
            "pages_per_s": round(layout.page_count / seconds, 1),
            "tick_ms": TICK_MS,
            "ticks": moves[0],
            "probe_ms": PROBE_MS,
        },
        "viewport_paints": watch.paints - paints_before,
        "cpu_s": {
            "gui_thread": round(gui_cpu, 2),
            "app_process": round(app_cpu, 2),
            "worker": round(worker_cpu, 2),
            "whole_machine_busy": round(busy, 1),
            "whole_machine_available": round(total, 1),
            "others_on_the_machine": round(busy - app_cpu - worker_cpu, 1),
        },
        "pages_shown": len(pages_seen),
        "pages_painted_sharp": len(painted),
        "dense_pages_painted_sharp": sum(is_dense(p) for p in painted),
        "render_requests": requests[0],
        "cancels": cancels[0],
        "renders_arrived": {"sharp": len(sharp), "quick_or_thumbnail": len(low)},
        "worker_render_ms": {
            "sharp": round(sum(a.elapsed_ms for a in sharp)),
            "quick_or_thumbnail": round(sum(a.elapsed_ms for a in low)),
        },
        "pass": pass_,
    }
    totals = sampler.peak_at_kb
    memory = {
        "target_mb": TARGET_PEAK_MB,
        "peak_total_mb": mb(sampler.peak_total_kb),
        "at_peak_mb": {f"{process_name(pid)} [{pid}]": mb(kb) for pid, kb in totals.items()},
        "peak_each_mb": {
            f"{process_name(pid)} [{pid}]": mb(kb) for pid, kb in sampler.peak_each_kb.items()
        },
        "before_scroll_mb": {f"{process_name(pid)} [{pid}]": mb(kb) for pid, kb in before.items()},
        "samples": sampler.samples,
        "caches_mb": {
            "render_service_cache_limit": round(hub.cache_bytes_limit / MIB, 1),
            "render_service_cache_after_scroll": cache_mb,
            "loader_pixmaps_limit_per_view": memo_limit_mb,
        },
        "pass": sampler.peak_total_kb / 1024 <= TARGET_PEAK_MB,
    }
    log(f"  memory: peak {memory['peak_total_mb']} MB over {len(totals)} processes")
    return result, memory


@dataclass(frozen=True)
class Visit:
    """What the worker rendered for one visit of the reader, and how long the visit took.

    ``sharp``: the renders of the visited pages at the sharp scale; ``every``: all renders
    the reader asked for meanwhile (quick passes, neighbours, thumbnails included).
    """

    sharp_ms: float
    sharp_count: int
    every_ms: float
    every_count: int
    seconds: float


def visit(hub: RenderHub, recorder: Recorder, data: bytes, tiny: bytes, pages: range) -> Visit:
    """A fresh reader visits ``pages`` one after another, each until it is painted sharp."""
    wait_idle(hub, recorder, tiny)
    since = len(recorder.renders)
    view = show_view(hub, data, "render")
    started = time.perf_counter()
    for page in pages:
        view.go_to_page(page)
        wait_until(partial(_painted, view, page), f"page {page + 1} painted sharp")
    seconds = time.perf_counter() - started
    wait_until(lambda: not view.loader.pending, "the reader's last renderings", 30)
    key, scale = view.loader.key, view.canvas.scale_for(0)
    close_view(view)
    renders = recorder.of(key, since)
    sharp = [a for a in renders if a.scale == scale and a.page in pages]
    return Visit(
        sum(a.elapsed_ms for a in sharp),
        len(sharp),
        sum(a.elapsed_ms for a in renders),
        len(renders),
        seconds,
    )


def through_service(
    hub: RenderHub, recorder: Recorder, data: bytes, tiny: bytes, pages: range, scale: float
) -> tuple[float, float]:
    """Render ``pages`` through the service one at a time, each awaited on the GUI thread.

    Returns:
        The wall time in seconds and the worker's milliseconds.
    """
    wait_idle(hub, recorder, tiny)
    key = hub.new_key("service")
    hub.service.open_document(key, data)
    wait_until(lambda: key in recorder.ready, "the service's document")
    worker_ms = 0.0
    started = time.perf_counter()
    for page in pages:
        request = hub.service.render(key, page, scale, priority=0)
        worker_ms += recorder.wait_render(request).elapsed_ms
    seconds = time.perf_counter() - started
    hub.service.close_document(key)
    return seconds, worker_ms


def phase_render(
    hub: RenderHub, recorder: Recorder, data: bytes, tiny: bytes, pages: range, scale: float
) -> dict[str, Any]:
    """The reader's renderings of ``pages`` against plain ``get_pixmap`` in this process.

    Three rounds of: the in-process baseline, a visit by a fresh reader, the service one page
    at a time; the order turns each round so that drift on a shared machine hits all alike.
    """
    import pymupdf  # only now: the app process never loads MuPDF

    log(f"render: pages {pages.start + 1}–{pages.stop} at scale {scale}, 3 rounds")
    doc = pymupdf.open(stream=data, filetype="pdf")
    matrix = pymupdf.Matrix(scale, scale)

    def baseline() -> tuple[float, dict[int, float]]:
        each: dict[int, float] = {}
        started = time.perf_counter()
        for page in pages:
            loaded = doc.load_page(page)
            began = time.perf_counter()
            loaded.get_pixmap(matrix=matrix, alpha=False)
            each[page] = (time.perf_counter() - began) * 1000
        return time.perf_counter() - started, each

    plain: list[tuple[float, dict[int, float]]] = []
    visits: list[Visit] = []
    served: list[tuple[float, float]] = []
    steps: list[Callable[[], None]] = [
        lambda: plain.append(baseline()),
        lambda: visits.append(visit(hub, recorder, data, tiny, pages)),
        lambda: served.append(through_service(hub, recorder, data, tiny, pages, scale)),
    ]
    try:
        for number in range(3):
            for step in steps[number:] + steps[:number]:
                step()
            log(
                f"  round {number + 1}: in-process {sum(plain[-1][1].values()):.0f} ms, "
                f"the reader's sharp renders {visits[-1].sharp_ms:.0f} ms, the service one at a "
                f"time {served[-1][0]:.2f} s against {plain[-1][0]:.2f} s in-process"
            )
        quick = pymupdf.Matrix(0.2, 0.2)
        dense_quick: list[float] = []
        for page in (p for p in pages if is_dense(p)):
            loaded = doc.load_page(page)
            began = time.perf_counter()
            loaded.get_pixmap(matrix=quick, alpha=False)
            dense_quick.append((time.perf_counter() - began) * 1000)
    finally:
        doc.close()
    baseline_ms = sum(sum(each.values()) for _, each in plain)
    sharp_ms = sum(v.sharp_ms for v in visits)
    all_ms = sum(v.every_ms for v in visits)
    ratio = sharp_ms / baseline_ms
    wall_ratio = sum(s for s, _ in served) / sum(s for s, _ in plain)
    per_page = {p: statistics.median(each[p] for _, each in plain) for p in pages}
    dense = [v for p, v in per_page.items() if is_dense(p)]
    text = [v for p, v in per_page.items() if not is_dense(p)]
    log(
        f"  sharp renders {ratio:.2f}x the baseline; every rendering of the visits "
        f"{all_ms / baseline_ms:.2f}x; the service one at a time {wall_ratio:.2f}x in wall time"
    )
    return {
        "target_ratio": TARGET_RENDER_RATIO,
        "scored": "ratio: worker elapsed_ms of the reader's sharp renders / in-process get_pixmap",
        "pages": [pages.start + 1, pages.stop],
        "scale": scale,
        "rounds": len(plain),
        "baseline_ms_per_round": [round(sum(each.values()), 1) for _, each in plain],
        "pipeline_sharp_ms_per_round": [round(v.sharp_ms, 1) for v in visits],
        "pipeline_sharp_renders_per_round": [v.sharp_count for v in visits],
        "ratio": round(ratio, 3),
        "pipeline_all_renders_ms_per_round": [round(v.every_ms, 1) for v in visits],
        "pipeline_all_renders_per_round": [v.every_count for v in visits],
        "all_renders_ratio": round(all_ms / baseline_ms, 3),
        "visit_s_per_round": [round(v.seconds, 3) for v in visits],
        "service_one_at_a_time_s_per_round": [round(s, 3) for s, _ in served],
        "service_worker_ms_per_round": [round(ms_, 1) for _, ms_ in served],
        "in_process_s_per_round": [round(s, 3) for s, _ in plain],
        "wall_ratio": round(wall_ratio, 3),
        "baseline_page_ms": {
            "dense_median": round(statistics.median(dense), 1) if dense else None,
            "text_median": round(statistics.median(text), 1) if text else None,
            "dense_quick_pass_median": (
                round(statistics.median(dense_quick), 1) if dense_quick else None
            ),
        },
        "pass": ratio <= TARGET_RENDER_RATIO,
    }


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line; ``--quick`` changes the defaults, flags given explicitly still win."""
    parser = argparse.ArgumentParser(
        description="Open, scroll and render a generated PDF in the real document reader."
    )
    parser.add_argument("--pages", type=int, help="pages of the PDF (1000; quick 100)")
    parser.add_argument(
        "--scroll-seconds", type=float, help="time to scroll end to end (90; quick 10)"
    )
    parser.add_argument("--trials", type=int, help="warm openings (5; quick 3)")
    parser.add_argument("--render-pages", type=int, help="pages the render phase visits (30)")
    parser.add_argument("--seed", type=int, default=20_251_201, help="random seed of the PDF")
    parser.add_argument("--workdir", type=Path, help="where the PDF is cached (default: temp)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 100 pages, 10 s scroll")
    args = parser.parse_args(argv)
    defaults = (
        {"pages": 100, "scroll_seconds": 10.0, "trials": 3, "render_pages": 20}
        if args.quick
        else {"pages": 1000, "scroll_seconds": 90.0, "trials": 5, "render_pages": 30}
    )
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.pages < DENSE_EVERY or args.trials < 1 or args.scroll_seconds <= 0:
        parser.error(f"pages must be ≥ {DENSE_EVERY}, trials ≥ 1, scroll-seconds > 0")
    args.render_pages = max(1, min(args.render_pages, args.pages))
    return args


@contextmanager
def render_hub() -> Iterator[RenderHub]:
    """The app's hub, as the app makes it (default cache sizes), closed at the end."""
    hub = RenderHub()
    try:
        yield hub
    finally:
        hub.close()


def run(args: argparse.Namespace, pdf: Path, tiny_pdf: Path) -> dict[str, Any]:
    """The whole benchmark; returns the result object."""
    data = pdf.read_bytes()
    tiny = tiny_pdf.read_bytes()
    load_before = os.getloadavg()
    with render_hub() as hub:
        recorder = Recorder(hub)
        hub.start()
        # Qt's first window, fonts and styles, and the worker's imports: not what is timed.
        log("warming up Qt and the worker with a one-page document")
        view = show_view(hub, tiny, "warm-up")
        wait_until(lambda: 0 in view.painted_pages(), "the warm-up page")
        viewport = view.canvas.viewport().size()
        # The warm-up page is A4 like every page of the PDF: the same zoom and scale.
        zoom, scale, dpr = view.canvas.zoom, view.canvas.scale_for(0), view.devicePixelRatioF()
        close_view(view)
        wait_idle(hub, recorder, tiny)
        opening = phase_open(hub, recorder, data, tiny, args.trials)
        scroll, memory = phase_scroll(hub, recorder, data, args.scroll_seconds)
        render = phase_render(hub, recorder, data, tiny, range(args.render_pages), scale)
    QApplication.processEvents()
    left = multiprocessing.active_children()
    if left:
        log(f"warning: processes left running: {left}")
    return {
        "pages": args.pages,
        "dense_pages": sum(is_dense(p) for p in range(args.pages)),
        "pdf_bytes": len(data),
        "window": list(WINDOW),
        "viewport": [viewport.width(), viewport.height()],
        "zoom": round(zoom, 3),
        "scale": scale,
        "device_pixel_ratio": dpr,
        "qpa_platform": QApplication.platformName(),
        "open": opening,
        "scroll": scroll,
        "render": render,
        "memory": memory,
        "pass": bool(opening["pass"] and scroll["pass"] and render["pass"] and memory["pass"]),
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "loadavg_1min_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
            "qt_environment": {k: v for k, v in os.environ.items() if k.startswith("QT_")},
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print its JSON; exit 0 whether or not the targets are met."""
    args = parse_args(argv)
    own_workdir = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="ecabinet-viewer-")) if own_workdir else args.workdir
    log(f"work directory {workdir}")
    try:
        pdf, tiny = make_pdfs(workdir, pages=args.pages, seed=args.seed)
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        qInstallMessageHandler(_qt_message)
        app = QApplication.instance() or QApplication([sys.argv[0]])
        assert isinstance(app, QApplication)
        result = run(args, pdf, tiny)
    finally:
        if own_workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
