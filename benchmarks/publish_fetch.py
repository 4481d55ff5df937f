"""Publish a large packet to a real ecabinet server, then fetch it with many clients.

What is measured (one JSON object on stdout, progress on stderr):

* **publish**: wall time of uploading every PDF of a generated packet one after another
  (multipart, streamed from disk; the server hashes, stores, fsyncs and validates each with
  PyMuPDF before answering), then ``PUT`` of the agenda and ``POST …/publish``.  Reported
  per 1,000 pages; target ≤ 2 s.
* **fetch**: ``--clients`` threads, each with its own ``requests.Session``, each downloading
  every blob of the packet once (client *i* starts at file *i*, so all files are busy at
  once), streaming with ``iter_content(1 MiB)`` and discarding.  Total bytes per run are
  thus ``clients × packet size``.  The baseline is ``python -m http.server`` (same
  interpreter, ``ThreadingHTTPServer``) serving the very same files on the same machine
  with the same clients; the two are run interleaved ``--rounds`` times and compared on
  aggregate MB/s (bytes of all rounds / seconds of all rounds).  Target: ecabinet ≥ 0.8 ×
  the baseline.

Generation of the PDFs is not timed.  They are cached in ``WORKDIR/packet`` and reused when
``--workdir`` is given again with the same sizes and seed.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import json
import math
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pymupdf
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

API = "/api/v1"
MIB = 1024 * 1024
CHUNK = MIB
IMAGE_SIDE = 1024  # a DeviceGray image of 1024 × n bytes: 1 MiB of payload per 1024 rows
TARGET_PUBLISH_PER_1000_PAGES = 2.0
TARGET_RATIO = 0.8
PASSWORD = "bench-password"  # noqa: S105 - a throw-away account on a throw-away server
PACKET_FORMAT = 1
ECABINET = [sys.executable, "-m", "ecabinet"]


def log(message: str) -> None:
    """Progress for the human watching; stdout is kept for the JSON result."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the packet


@dataclass(frozen=True)
class PacketFile:
    """One generated PDF of the packet."""

    name: str
    pages: int
    size: int
    sha256: str


@dataclass(frozen=True)
class Packet:
    """The generated PDFs and where they lie."""

    directory: Path
    files: list[PacketFile]

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.files)

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    def path(self, item: PacketFile) -> Path:
        return self.directory / item.name


def _write_pdf(path: Path, *, pages: int, payload: int, rng: random.Random, title: str) -> None:
    """A PDF of ``pages`` text pages carrying ``payload`` bytes of random image data.

    The images are stored uncompressed (random bytes would not shrink anyway), so the size
    is reached in milliseconds instead of the seconds zlib would spend on it.
    """
    doc = pymupdf.open()
    try:
        images: list[int] = []
        left = payload
        while left > 0:
            rows = max(1, min(IMAGE_SIDE, math.ceil(left / IMAGE_SIDE)))
            xref = doc.get_new_xref()
            doc.update_object(
                xref,
                f"<< /Type /XObject /Subtype /Image /Width {IMAGE_SIDE} /Height {rows} "
                "/ColorSpace /DeviceGray /BitsPerComponent 8 >>",
            )
            doc.update_stream(xref, rng.randbytes(IMAGE_SIDE * rows), compress=0)
            images.append(xref)
            left -= IMAGE_SIDE * rows
        every = max(1, pages // len(images))
        for number in range(pages):
            page = doc.new_page()
            page.insert_text((72, 72), f"{title} - page {number + 1} of {pages}", fontsize=14)
            body = " ".join(f"word{rng.randrange(10_000)}" for _ in range(60))
            page.insert_textbox(pymupdf.Rect(72, 90, 540, 300), body, fontsize=10)
            slot = number // every
            if number % every == 0 and slot < len(images):
                page.insert_image(pymupdf.Rect(72, 320, 540, 760), xref=images[slot])
        # Images past the last page slot (few pages, much payload) go on the last page.
        for xref in images[math.ceil(pages / every) :]:
            doc[-1].insert_image(pymupdf.Rect(72, 320, 540, 760), xref=xref)
        doc.save(path, garbage=0, deflate=False)
    finally:
        doc.close()


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def make_packet(
    directory: Path, *, files: int, min_bytes: int, min_pages: int, seed: int
) -> Packet:
    """Generate (or reuse from an earlier run with the same parameters) the packet's PDFs."""
    params = {
        "format": PACKET_FORMAT,
        "files": files,
        "min_bytes": min_bytes,
        "min_pages": min_pages,
        "seed": seed,
    }
    index = directory / "packet.json"
    if index.is_file():
        saved = json.loads(index.read_text(encoding="utf-8"))
        if saved.get("params") == params:
            cached = Packet(directory, [PacketFile(**f) for f in saved["files"]])
            if all(
                cached.path(f).is_file() and cached.path(f).stat().st_size == f.size
                for f in cached.files
            ):
                log(f"reusing {files} PDFs in {directory}")
                return cached
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    started = time.perf_counter()
    pages_each = math.ceil(min_pages / files)
    payload_each = math.ceil(min_bytes / files)
    made: list[PacketFile] = []
    for number in range(files):
        name = f"document-{number + 1:02d}.pdf"
        path = directory / name
        rng = random.Random(seed * 1000 + number)
        _write_pdf(path, pages=pages_each, payload=payload_each, rng=rng, title=name)
        made.append(PacketFile(name, pages_each, path.stat().st_size, _sha256_of(path)))
    packet = Packet(directory, made)
    index.write_text(
        json.dumps({"params": params, "files": [asdict(f) for f in made]}, indent=1),
        encoding="utf-8",
    )
    log(
        f"generated {files} PDFs, {packet.pages} pages, {packet.size / MIB:.1f} MiB "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return packet


# --------------------------------------------------------------------------- processes


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time that process ``pid`` has used so far (Linux ``/proc``)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return math.nan
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


@dataclass
class Service:
    """A child process we started, its log and its URL."""

    name: str
    process: subprocess.Popen[bytes]
    url: str
    log_path: Path

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Terminate the process (and only it), killing it if it will not go."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def start_service(
    name: str, argv: list[str], *, url: str, ready_path: str, log_path: Path, env: dict[str, str]
) -> Service:
    """Start ``argv`` and wait until ``url + ready_path`` answers 200."""
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            argv, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
        )
    service = Service(name, process, url, log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{service.log_tail()}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url + ready_path, timeout=2).status_code == 200:
                return service
        time.sleep(0.1)
    service.stop()
    raise RuntimeError(f"{name} did not come up within 60 s:\n{service.log_tail()}")


def create_user(data_dir: Path, name: str, role: str, env: dict[str, str]) -> None:
    """``ecabinet admin create-user`` through the real command line."""
    subprocess.run(
        [
            *ECABINET,
            "admin",
            "create-user",
            name,
            "--role",
            role,
            "--password-stdin",
            "--data",
            str(data_dir),
        ],
        input=f"{PASSWORD}\n".encode(),
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )


# --------------------------------------------------------------------------- HTTP helpers


@dataclass(frozen=True)
class Login:
    """A logged-in user: their id and the header that carries their token."""

    user_id: str
    headers: dict[str, str]


def login(base: str, username: str) -> Login:
    """Log ``username`` in from a fresh device (a new Ed25519 key), as a client would."""
    public = (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    response = requests.post(
        f"{base}{API}/auth/login",
        json={
            "username": username,
            "password": PASSWORD,
            "device_name": f"benchmark {username}",
            "device_public_key": base64.b64encode(public).decode("ascii"),
        },
        timeout=60,
    )
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return Login(str(body["user"]["id"]), {"Authorization": f"Bearer {body['token']}"})


class MultipartBody:
    """A ``multipart/form-data`` body streamed from a file in 1 MiB pieces.

    ``requests`` sees ``__len__`` and ``__iter__``: it sends a ``Content-Length`` and then
    the pieces as they are read, so a document is never held in memory as a whole.
    """

    def __init__(self, path: Path, *, title: str) -> None:
        self.path = path
        boundary = secrets.token_hex(16)
        self.content_type = f"multipart/form-data; boundary={boundary}"
        self._head = (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="title"\r\n\r\n'
            f"{title}\r\n"
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        self._tail = f"\r\n--{boundary}--\r\n".encode()
        self._size = path.stat().st_size

    def __len__(self) -> int:
        return len(self._head) + self._size + len(self._tail)

    def __iter__(self) -> Iterator[bytes]:
        yield self._head
        with self.path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk
        yield self._tail


@dataclass
class PublishResult:
    """Timings of the publish phase."""

    seconds: float
    upload_seconds: float
    agenda_seconds: float
    publish_call_seconds: float
    slowest_upload_seconds: float
    server_cpu_seconds: float
    hashes: list[str] = field(default_factory=list)


def publish_packet(
    server: Service, packet: Packet, *, secretary: str, delegate: str
) -> PublishResult:
    """Create a meeting, upload every PDF, set the agenda and publish; timed from upload 1."""
    delegate_id = login(server.url, delegate).user_id
    session = requests.Session()
    session.headers.update(login(server.url, secretary).headers)
    response = session.post(
        f"{server.url}{API}/meetings",
        json={
            "title": "Benchmark meeting",
            "starts_at": "2026-12-03T08:00:00+07:00",
            "location": "Room 1",
            "participants": [{"user_id": delegate_id, "role": "delegate"}],
        },
        timeout=60,
    )
    response.raise_for_status()
    meeting_id = response.json()["id"]

    cpu_before = cpu_seconds(server.process.pid)
    started = time.perf_counter()
    hashes: list[str] = []
    slowest = 0.0
    for item in packet.files:
        body = MultipartBody(packet.path(item), title=item.name.removesuffix(".pdf"))
        one = time.perf_counter()
        response = session.post(
            f"{server.url}{API}/meetings/{meeting_id}/documents",
            data=body,
            headers={"Content-Type": body.content_type},
            timeout=600,
        )
        slowest = max(slowest, time.perf_counter() - one)
        if response.status_code != 201:
            raise RuntimeError(f"upload of {item.name}: {response.status_code} {response.text}")
        answer = response.json()
        if answer["sha256"] != item.sha256 or answer["pages"] != item.pages:
            raise RuntimeError(f"upload of {item.name} answered {answer}, expected {item}")
        hashes.append(answer["sha256"])
    uploaded = time.perf_counter()
    response = session.put(
        f"{server.url}{API}/meetings/{meeting_id}/agenda",
        json={
            "items": [
                {"title": f"Item {n + 1}", "documents": [sha]} for n, sha in enumerate(hashes)
            ]
        },
        timeout=600,
    )
    response.raise_for_status()
    agenda_done = time.perf_counter()
    response = session.post(
        f"{server.url}{API}/meetings/{meeting_id}/publish",
        json={"note": "benchmark packet"},
        timeout=600,
    )
    response.raise_for_status()
    finished = time.perf_counter()
    if response.json()["documents"] != len(hashes):
        raise RuntimeError(f"publish answered {response.json()}")
    return PublishResult(
        seconds=finished - started,
        upload_seconds=uploaded - started,
        agenda_seconds=agenda_done - uploaded,
        publish_call_seconds=finished - agenda_done,
        slowest_upload_seconds=slowest,
        server_cpu_seconds=cpu_seconds(server.process.pid) - cpu_before,
        hashes=hashes,
    )


# --------------------------------------------------------------------------- fetching


@dataclass(frozen=True)
class FetchRun:
    """One timed run of all clients against one server."""

    server: str
    round: int
    seconds: float
    bytes: int
    mb_s: float
    requests: int
    errors: int
    median_request_seconds: float
    slowest_request_seconds: float
    server_cpu_seconds: float
    client_cpu_seconds: float
    first_error: str | None = None


@dataclass
class _ClientTally:
    received: int = 0
    durations: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _fetch_one(session: requests.Session, url: str, size: int) -> str | None:
    """Download ``url`` and throw the bytes away; returns what went wrong, if anything."""
    try:
        with session.get(url, stream=True, timeout=600) as response:
            if response.status_code != 200:
                return f"GET {url} answered {response.status_code}: {response.text[:200]}"
            got = sum(len(chunk) for chunk in response.iter_content(CHUNK))
    except requests.RequestException as exc:
        return f"GET {url} failed: {exc}"
    if got != size:
        return f"GET {url} gave {got} bytes, expected {size}"
    return None


def fetch_all(
    *,
    name: str,
    round_number: int,
    service: Service,
    urls: list[tuple[str, int]],
    headers: dict[str, str],
    clients: int,
) -> FetchRun:
    """Every client downloads every URL once, all clients at once; returns the totals.

    A failed request is counted (and the client goes on with its next file) rather than
    ending the run: errors under load are a finding, not a reason to report nothing.
    """
    barrier = threading.Barrier(clients + 1)

    def client(number: int) -> _ClientTally:
        tally = _ClientTally()
        with requests.Session() as session:
            session.headers.update(headers)
            barrier.wait()
            for step in range(len(urls)):
                url, size = urls[(number + step) % len(urls)]
                started = time.perf_counter()
                problem = _fetch_one(session, url, size)
                tally.durations.append(time.perf_counter() - started)
                if problem is None:
                    tally.received += size
                else:
                    tally.errors.append(problem)
        return tally

    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(client, number) for number in range(clients)]
        barrier.wait()
        server_cpu = cpu_seconds(service.process.pid)
        client_cpu = time.process_time()
        started = time.perf_counter()
        tallies = [future.result() for future in futures]
        seconds = time.perf_counter() - started
        client_cpu = time.process_time() - client_cpu
        server_cpu = cpu_seconds(service.process.pid) - server_cpu
    total = sum(t.received for t in tallies)
    durations = sorted(d for t in tallies for d in t.durations)
    errors = [e for t in tallies for e in t.errors]
    run = FetchRun(
        server=name,
        round=round_number,
        seconds=round(seconds, 3),
        bytes=total,
        mb_s=round(total / MIB / seconds, 1),
        requests=len(durations),
        errors=len(errors),
        median_request_seconds=round(durations[len(durations) // 2], 3),
        slowest_request_seconds=round(durations[-1], 3),
        server_cpu_seconds=round(server_cpu, 2),
        client_cpu_seconds=round(client_cpu, 2),
        first_error=errors[0] if errors else None,
    )
    log(
        f"round {round_number} {name}: {total / MIB:.0f} MiB in {seconds:.2f} s = "
        f"{run.mb_s:.0f} MiB/s, {len(errors)} errors, slowest request "
        f"{run.slowest_request_seconds:.2f} s (server CPU {server_cpu:.1f} s, "
        f"client CPU {client_cpu:.1f} s)"
    )
    return run


def verify_blobs(base: str, headers: dict[str, str], packet: Packet) -> None:
    """One sequential pass that checks every blob's bytes (and warms the page cache)."""
    with requests.Session() as session:
        session.headers.update(headers)
        for item in packet.files:
            digest = hashlib.sha256()
            with session.get(f"{base}{API}/blobs/{item.sha256}", stream=True, timeout=600) as r:
                r.raise_for_status()
                for chunk in r.iter_content(CHUNK):
                    digest.update(chunk)
            if digest.hexdigest() != item.sha256:
                raise RuntimeError(f"blob of {item.name} came back with other bytes")


def warm(urls: list[tuple[str, int]], headers: dict[str, str]) -> None:
    """Fetch each URL once so that neither server starts with a cold page cache."""
    with requests.Session() as session:
        session.headers.update(headers)
        for url, _size in urls:
            with session.get(url, stream=True, timeout=600) as response:
                response.raise_for_status()
                for _chunk in response.iter_content(CHUNK):
                    pass


# --------------------------------------------------------------------------- main


FULL = {"files": 20, "min_total_mb": 200.0, "min_pages": 2000, "clients": 20}
QUICK = {"files": 4, "min_total_mb": 20.0, "min_pages": 200, "clients": 4}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line; ``--quick`` changes the defaults, flags given explicitly still win."""
    parser = argparse.ArgumentParser(
        description="Time publishing a large packet and fetching it with concurrent clients "
        "against a real ecabinet server, with a static file server as the baseline."
    )
    parser.add_argument("--files", type=int, help="PDFs in the packet (20)")
    parser.add_argument("--min-total-mb", type=float, help="packet size at least, MiB (200)")
    parser.add_argument("--min-pages", type=int, help="pages in the packet at least (2000)")
    parser.add_argument("--clients", type=int, help="concurrent fetching clients (20)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved fetch rounds (3)")
    parser.add_argument("--seed", type=int, default=20_251_128, help="random seed of the PDFs")
    parser.add_argument("--workdir", type=Path, help="where PDFs are cached and servers keep data")
    parser.add_argument("--keep", action="store_true", help="keep the server data and temp files")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 4 files, 20 MiB, 200 pages, 4 clients"
    )
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.files < 1 or args.clients < 1 or args.rounds < 1 or args.min_pages < args.files:
        parser.error("files, clients and rounds must be ≥ 1, and min-pages ≥ files")
    return args


def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """The whole benchmark in ``workdir``; returns the result object."""
    packet = make_packet(
        workdir / "packet",
        files=args.files,
        min_bytes=math.ceil(args.min_total_mb * MIB),
        min_pages=args.min_pages,
        seed=args.seed,
    )
    data_dir = workdir / "server-data"
    shutil.rmtree(data_dir, ignore_errors=True)
    env = dict(os.environ)
    env.pop("ECABINET_DATABASE_URL", None)  # always a fresh SQLite database under data_dir
    log("creating users")
    create_user(data_dir, "bench-secretary", "secretary", env)
    create_user(data_dir, "bench-delegate", "delegate", env)

    services: list[Service] = []
    try:
        port = free_port()
        services.append(
            start_service(
                "ecabinet",
                [
                    *ECABINET,
                    "server",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--data",
                    str(data_dir),
                ],
                url=f"http://127.0.0.1:{port}",
                ready_path=f"{API}/health",
                log_path=workdir / "ecabinet-server.log",
                env=env,
            )
        )
        ecabinet = services[-1]
        static_port = free_port()
        services.append(
            start_service(
                "static",
                [
                    sys.executable,
                    "-m",
                    "http.server",
                    "--bind",
                    "127.0.0.1",
                    str(static_port),
                    "--directory",
                    str(packet.directory),
                ],
                url=f"http://127.0.0.1:{static_port}",
                ready_path="/packet.json",
                log_path=workdir / "static-server.log",
                env=env,
            )
        )
        static = services[-1]
        log(f"servers up: ecabinet {ecabinet.url}, static {static.url}")

        log(f"publishing {len(packet.files)} PDFs, {packet.pages} pages")
        published = publish_packet(
            ecabinet, packet, secretary="bench-secretary", delegate="bench-delegate"
        )
        per_1000 = published.seconds / packet.pages * 1000
        log(f"published in {published.seconds:.2f} s = {per_1000:.2f} s per 1,000 pages")

        delegate = login(ecabinet.url, "bench-delegate").headers
        verify_blobs(ecabinet.url, delegate, packet)
        targets: dict[str, tuple[Service, list[tuple[str, int]], dict[str, str]]] = {
            "ecabinet": (
                ecabinet,
                [(f"{ecabinet.url}{API}/blobs/{f.sha256}", f.size) for f in packet.files],
                delegate,
            ),
            "static": (static, [(f"{static.url}/{f.name}", f.size) for f in packet.files], {}),
        }
        for _service, urls, headers in targets.values():
            warm(urls, headers)
        runs: list[FetchRun] = []
        for number in range(1, args.rounds + 1):
            # Alternate who goes first so that drift on a shared machine hits both alike.
            order = ["static", "ecabinet"] if number % 2 else ["ecabinet", "static"]
            for name in order:
                service, urls, headers = targets[name]
                runs.append(
                    fetch_all(
                        name=name,
                        round_number=number,
                        service=service,
                        urls=urls,
                        headers=headers,
                        clients=args.clients,
                    )
                )
        for service in services:
            if service.process.poll() is not None:
                raise RuntimeError(f"{service.name} died:\n{service.log_tail()}")
    finally:
        for service in services:
            service.stop()

    def aggregate(name: str) -> float:
        mine = [r for r in runs if r.server == name]
        return sum(r.bytes for r in mine) / MIB / sum(r.seconds for r in mine)

    ecabinet_mb_s = aggregate("ecabinet")
    static_mb_s = aggregate("static")
    ratio = ecabinet_mb_s / static_mb_s
    publish_pass = per_1000 <= TARGET_PUBLISH_PER_1000_PAGES
    errors = {name: sum(r.errors for r in runs if r.server == name) for name in targets}
    fetch_pass = ratio >= TARGET_RATIO and not any(errors.values())
    return {
        "pages": packet.pages,
        "total_bytes": packet.size,
        "files": len(packet.files),
        "publish_seconds": round(published.seconds, 3),
        "publish_seconds_per_1000_pages": round(per_1000, 3),
        "target_publish_per_1000_pages": TARGET_PUBLISH_PER_1000_PAGES,
        "publish_breakdown": {
            "upload_seconds": round(published.upload_seconds, 3),
            "upload_mb_s": round(packet.size / MIB / published.upload_seconds, 1),
            "slowest_upload_seconds": round(published.slowest_upload_seconds, 3),
            "agenda_seconds": round(published.agenda_seconds, 3),
            "publish_call_seconds": round(published.publish_call_seconds, 3),
            "server_cpu_seconds": round(published.server_cpu_seconds, 2),
        },
        "publish_pass": publish_pass,
        "fetch": {
            "ecabinet_mb_s": round(ecabinet_mb_s, 1),
            "static_mb_s": round(static_mb_s, 1),
            "ratio": round(ratio, 3),
            "target_ratio": TARGET_RATIO,
            "clients": args.clients,
            "bytes_per_run": args.clients * packet.size,
            "errors": errors,
            "slowest_request_seconds": {
                name: max(r.slowest_request_seconds for r in runs if r.server == name)
                for name in targets
            },
            "rounds": [asdict(r) for r in runs],
            "units": "MiB/s (2^20 bytes per second)",
        },
        "fetch_pass": fetch_pass,
        "pass": publish_pass and fetch_pass,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print its JSON; exit 0 whether or not the targets are met."""
    args = parse_args(argv)
    own_workdir = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="ecabinet-bench-")) if own_workdir else args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    log(f"work directory {workdir}")
    try:
        result = run(args, workdir)
    finally:
        if not args.keep:
            # A given --workdir keeps its packet cache; the server's data always goes.
            shutil.rmtree(workdir if own_workdir else workdir / "server-data", ignore_errors=True)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
