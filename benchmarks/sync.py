"""Sync a large packet with the real client library against a real ecabinet server.

The server runs as its own process on loopback with a fresh SQLite database; a secretary
publishes a packet of generated PDFs (``--files``, at least ``--min-total-mb`` MiB, made and
cached by ``benchmarks/publish_fetch.py``'s generator) to a meeting with one delegate, and the
delegate's client (:class:`ecabinet.client.sync.SyncEngine` over :class:`ApiClient`, a fresh
:class:`Profile` with in-memory secrets) syncs it.  Measured (one JSON object on stdout,
progress on stderr):

* **cold sync**: wall time of ``SyncEngine.sync()`` into an empty profile (manifest fetch
  and signature check, every download, SHA-256 verification, AES-GCM sealing into the vault,
  fsync, version switch) against a baseline in the same run: a plain ``requests`` streaming
  fetch (``iter_content(1 MiB)``, bytes discarded) of the same blobs from the same server,
  one after another as the engine does.  Baseline and cold sync are interleaved ``--rounds``
  times; medians are compared.  Target: sync ≤ 1.5 × baseline.  A third run in each round,
  the *store floor*, shows what no engine with the same guarantees can avoid: the same fetch
  plus SHA-256, AES-GCM in 1 MiB pieces, writing to a file and fsync per document, in a plain
  loop.
* **replace one**: the secretary replaces one document by another of about the same size and
  publishes version 2; an up-to-date client syncs again.  Bytes received (everything the
  server sent on the wire, headers included, counted by a relay between client and server)
  against the new document plus the manifest body.  Target ≤ 1.05 ×.
* **unchanged**: a sync when nothing changed: which requests are sent (seen by the relay)
  and how long ``sync()`` takes, with the engine's connection still open and with a new
  ``ApiClient``.  Target: one conditional request per meeting, ≤ 50 ms.
* **interrupted**: a cold sync through the relay, which cuts the connection when the bytes
  it forwarded reach each of 10 random points (one in each tenth of the packet size);
  ``sync()`` is called again until the packet is complete.  Two variants: the network comes
  back at once and the engine's own retries resume the download within the same ``sync()``;
  or the network stays down after each cut until that ``sync()`` gives up, and the next call
  resumes from the vault's partial file.  Total bytes received against the packet size;
  target ≤ 1.1 ×.

Login is never timed, nor is PDF generation or publishing.  Timed runs go straight to the
server, each after an ``os.sync()`` so that no run pays for the previous one's disk writes;
the counting relay is used only where bytes or requests are counted.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import hashlib
import io
import json
import math
import os
import pstats
import random
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import requests
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from benchmarks.publish_fetch import (
    API,
    ECABINET,
    MIB,
    PASSWORD,
    MultipartBody,
    Packet,
    Service,
    cpu_seconds,
    create_user,
    free_port,
    log,
    login,
    make_packet,
    publish_packet,
    start_service,
)
from ecabinet.client.api import ApiClient, ServerUnreachable
from ecabinet.client.profile import Profile
from ecabinet.client.secrets import MemorySecrets
from ecabinet.client.sync import Progress, SyncEngine, SyncReport

SECRETARY = "bench-secretary"
DELEGATE = "bench-delegate"
TARGET_COLD_RATIO = 1.5
TARGET_REPLACE_RATIO = 1.05
TARGET_UNCHANGED_MS = 50.0
TARGET_INTERRUPTED_RATIO = 1.1
CUTS = 10
UNCHANGED_RUNS = 7
RELAY_BUFFER = MIB


# --------------------------------------------------------------------------- counting relay


@dataclass
class Exchange:
    """One HTTP request the relay saw and what the server sent back for it."""

    method: str
    path: str
    conditional: bool
    range: str | None
    status: int = 0
    response_bytes: int = 0


class _Link:
    """One client connection and its upstream twin, with a thread per direction."""

    def __init__(self, relay: CountingRelay, client: socket.socket, upstream: socket.socket):
        self.relay = relay
        self.client = client
        self.upstream = upstream
        self.current: Exchange | None = None
        self._inbound = bytearray()
        self._body_left = 0
        self._closed = False

    def start(self) -> None:
        for target in (self._client_to_server, self._server_to_client):
            threading.Thread(target=target, daemon=True).start()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()
        self.relay._forget(self)

    def _client_to_server(self) -> None:
        try:
            while data := self.client.recv(RELAY_BUFFER):
                self._note_requests(data)
                self.upstream.sendall(data)
        except OSError:
            pass
        finally:
            self.close()

    def _note_requests(self, data: bytes) -> None:
        """Follow the request stream well enough to name each request (bodies are skipped)."""
        buffer = self._inbound
        buffer += data
        while True:
            if self._body_left:
                take = min(self._body_left, len(buffer))
                del buffer[:take]
                self._body_left -= take
                if self._body_left:
                    return
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(buffer[:end]).decode("latin-1")
            del buffer[: end + 4]
            request_line, *header_lines = head.split("\r\n")
            method, target, _version = request_line.split(" ", 2)
            headers = {}
            for line in header_lines:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            self._body_left = int(headers.get("content-length") or 0)
            exchange = Exchange(
                method, target, "if-none-match" in headers, headers.get("range"), 0, 0
            )
            self.relay._add(exchange)
            self.current = exchange

    def _server_to_client(self) -> None:
        try:
            while data := self.upstream.recv(RELAY_BUFFER):
                data, cut = self.relay._account(self, data)
                if data:
                    self.client.sendall(data)
                if cut:
                    return
        except OSError:
            pass
        finally:
            self.close()


class CountingRelay:
    """A loopback TCP relay in front of the server that counts and can cut.

    Counts every byte the server sends to the client (status lines and headers included),
    names every request, and cuts the connection when the count reaches each armed point.
    After a cut with ``hold_after_cut`` the relay resets new connections at once until
    :meth:`reopen` (the network stays down).
    """

    def __init__(self, upstream_port: int) -> None:
        self._upstream = ("127.0.0.1", upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = int(self._listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._lock = threading.Lock()
        self._links: set[_Link] = set()
        self._stopping = False
        self.bytes_to_client = 0
        self.exchanges: list[Exchange] = []
        self._cuts: list[int] = []
        self.cuts_done = 0
        self.hold_after_cut = False
        self.down = False
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._thread.start()

    def reset(self, cuts: list[int] | None = None, *, hold_after_cut: bool = False) -> None:
        """Zero the counters and arm cut points (byte counts from now on)."""
        with self._lock:
            self.bytes_to_client = 0
            self.exchanges = []
            self._cuts = sorted(cuts or [])
            self.cuts_done = 0
            self.hold_after_cut = hold_after_cut
            self.down = False

    def reopen(self) -> None:
        with self._lock:
            self.down = False

    def stop(self) -> None:
        self._stopping = True
        self._thread.join(timeout=5)
        with contextlib.suppress(OSError):
            self._listener.close()
        for link in list(self._links):
            link.close()

    def _accept_loop(self) -> None:
        while not self._stopping:
            try:
                client, _address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            if self.down:
                # A reset rather than a close: the client learns at once that nobody is there.
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
                client.close()
                continue
            try:
                upstream = socket.create_connection(self._upstream, timeout=10)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            for sock in (client, upstream):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            link = _Link(self, client, upstream)
            with self._lock:
                self._links.add(link)
            link.start()

    def _forget(self, link: _Link) -> None:
        with self._lock:
            self._links.discard(link)

    def _add(self, exchange: Exchange) -> None:
        with self._lock:
            self.exchanges.append(exchange)

    def _account(self, link: _Link, data: bytes) -> tuple[bytes, bool]:
        """Count ``data`` on its way to the client; cut it short at an armed point."""
        with self._lock:
            cut = bool(self._cuts) and self.bytes_to_client + len(data) >= self._cuts[0]
            if cut:
                data = data[: self._cuts.pop(0) - self.bytes_to_client]
                self.cuts_done += 1
                self.down = self.hold_after_cut
            self.bytes_to_client += len(data)
            exchange = link.current
            if exchange is not None:
                if exchange.status == 0 and data.startswith(b"HTTP/"):
                    with contextlib.suppress(ValueError):
                        exchange.status = int(data[9:12])
                exchange.response_bytes += len(data)
        return data, cut

    def summary(self) -> list[dict[str, Any]]:
        with self._lock:
            return [asdict(e) for e in self.exchanges]


# --------------------------------------------------------------------------- client side


@dataclass
class Client:
    """A delegate's profile, API client and sync engine, as the app holds them."""

    directory: Path
    profile: Profile
    api: ApiClient
    engine: SyncEngine
    progress: list[int] = field(default_factory=lambda: [0])

    def close(self) -> None:
        self.api.close()
        self.profile.close()


def open_client(directory: Path, url: str) -> Client:
    """A fresh profile logged in as the delegate (not timed)."""
    shutil.rmtree(directory, ignore_errors=True)
    profile = Profile(directory, secrets=MemorySecrets())
    api = ApiClient(url)
    seen = [0]

    def progress(state: Progress) -> None:
        seen[0] = state.bytes_done

    engine = SyncEngine(profile, api, progress)
    engine.login(DELEGATE, PASSWORD, device_name="sync benchmark")
    return Client(directory, profile, api, engine, seen)


def drop_client(client: Client, *, keep: bool) -> None:
    client.close()
    if not keep:
        shutil.rmtree(client.directory, ignore_errors=True)


def check_complete(report: SyncReport, version: int) -> bool:
    return (
        report.ok
        and bool(report.meetings)
        and all(m.version == version for m in report.meetings if m.status != "removed")
    )


def baseline_fetch(base: str, headers: dict[str, str], packet: Packet) -> float:
    """Seconds to stream every blob once, in order, over one session; bytes discarded."""
    os.sync()
    with requests.Session() as session:
        session.headers.update(headers)
        started = time.perf_counter()
        for item in packet.files:
            got = 0
            with session.get(f"{base}{API}/blobs/{item.sha256}", stream=True, timeout=600) as r:
                r.raise_for_status()
                for chunk in r.iter_content(MIB):
                    got += len(chunk)
            if got != item.size:
                raise RuntimeError(f"baseline got {got} bytes of {item.name}, expected {item.size}")
        return time.perf_counter() - started


def store_floor(base: str, headers: dict[str, str], packet: Packet, scratch: Path) -> float:
    """Seconds to fetch, hash, seal, write and fsync every blob in a plain loop."""
    aead = AESGCM(AESGCM.generate_key(bit_length=256))
    counter = 0
    scratch.mkdir(parents=True, exist_ok=True)
    os.sync()
    with requests.Session() as session:
        session.headers.update(headers)
        started = time.perf_counter()
        for number, item in enumerate(packet.files):
            digest = hashlib.sha256()
            url = f"{base}{API}/blobs/{item.sha256}"
            with (
                session.get(url, stream=True, timeout=600) as response,
                (scratch / f"{number}.bin").open("wb") as out,
            ):
                response.raise_for_status()
                for chunk in response.iter_content(MIB):
                    digest.update(chunk)
                    counter += 1
                    out.write(aead.encrypt(counter.to_bytes(12, "big"), chunk, None))
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != item.sha256:
                raise RuntimeError(f"store floor got other bytes for {item.name}")
        seconds = time.perf_counter() - started
    shutil.rmtree(scratch)
    return seconds


@dataclass
class TimedSync:
    seconds: float
    client_cpu_seconds: float
    server_cpu_seconds: float
    report: SyncReport


def timed_sync(client: Client, server: Service) -> TimedSync:
    os.sync()
    server_cpu = cpu_seconds(server.process.pid)
    client_cpu = time.process_time()
    started = time.perf_counter()
    report = client.engine.sync()
    seconds = time.perf_counter() - started
    return TimedSync(
        seconds,
        time.process_time() - client_cpu,
        cpu_seconds(server.process.pid) - server_cpu,
        report,
    )


# --------------------------------------------------------------------------- phases


def cold_sync_rounds(
    args: argparse.Namespace, workdir: Path, server: Service, packet: Packet
) -> tuple[dict[str, Any], Client]:
    """Interleave baseline fetches and cold syncs; returns the figures and the last client."""
    headers = login(server.url, DELEGATE).headers
    baseline_fetch(server.url, headers, packet)  # warm the server's page cache and code paths
    baselines: list[float] = []
    floors: list[float] = []
    syncs: list[TimedSync] = []
    last: Client | None = None
    for number in range(1, args.rounds + 1):
        seconds = baseline_fetch(server.url, headers, packet)
        baselines.append(seconds)
        log(f"round {number} baseline: {seconds:.2f} s = {packet.size / MIB / seconds:.0f} MiB/s")
        floors.append(store_floor(server.url, headers, packet, workdir / "profiles" / "floor"))
        log(f"round {number} store floor: {floors[-1]:.2f} s")
        if last is not None:
            drop_client(last, keep=False)
        last = open_client(workdir / "profiles" / "cold", server.url)
        run = timed_sync(last, server)
        if not check_complete(run.report, 1) or last.progress[0] != packet.size:
            raise RuntimeError(f"cold sync incomplete: {run.report}")
        syncs.append(run)
        log(
            f"round {number} cold sync: {run.seconds:.2f} s = "
            f"{packet.size / MIB / run.seconds:.0f} MiB/s (client CPU {run.client_cpu_seconds:.2f}"
            f" s, server CPU {run.server_cpu_seconds:.2f} s)"
        )
    assert last is not None
    for item in packet.files:  # what was stored really is the packet
        last.profile.vault.verify(item.sha256)
    baseline_median = statistics.median(baselines)
    sync_median = statistics.median(s.seconds for s in syncs)
    floor_median = statistics.median(floors)
    ratio = sync_median / baseline_median
    figures = {
        "baseline_seconds": [round(s, 3) for s in baselines],
        "store_floor_seconds": [round(s, 3) for s in floors],
        "sync_seconds": [round(s.seconds, 3) for s in syncs],
        "sync_client_cpu_seconds": [round(s.client_cpu_seconds, 2) for s in syncs],
        "sync_server_cpu_seconds": [round(s.server_cpu_seconds, 2) for s in syncs],
        "baseline_median_seconds": round(baseline_median, 3),
        "sync_median_seconds": round(sync_median, 3),
        "baseline_mib_s": round(packet.size / MIB / baseline_median, 1),
        "sync_mib_s": round(packet.size / MIB / sync_median, 1),
        "ratio": round(ratio, 3),
        "ratio_best": round(min(s.seconds for s in syncs) / min(baselines), 3),
        "store_floor_median_seconds": round(floor_median, 3),
        "store_floor_ratio": round(floor_median / baseline_median, 3),
        "sync_over_store_floor": round(sync_median / floor_median, 3),
        "target_ratio": TARGET_COLD_RATIO,
        "pass": ratio <= TARGET_COLD_RATIO,
    }
    return figures, last


PROFILE_BUCKETS = {
    "socket_recv": ("recv_into",),
    "sha256": ("_hashlib.HASH",),
    "aes_gcm": ("AESGCM",),
    "file_write": ("BufferedWriter",),
    "fsync": ("posix.fsync",),
    "sqlite": ("sqlite3.",),
}


def profile_cold_sync(workdir: Path, server: Service, top: int = 25) -> dict[str, Any]:
    """One more cold sync under cProfile; the stats go to the work directory and stderr."""
    client = open_client(workdir / "profiles" / "profiled", server.url)
    profiler = cProfile.Profile()
    try:
        started = time.perf_counter()
        profiler.runcall(client.engine.sync)
        seconds = time.perf_counter() - started
    finally:
        drop_client(client, keep=False)
    profiler.dump_stats(workdir / "cold-sync.prof")
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(top)
    log(f"cold sync under cProfile: {seconds:.2f} s; top {top} by own time:\n{text.getvalue()}")
    entries = sorted(
        pstats.Stats(profiler).stats.items(),  # type: ignore[attr-defined]
        key=lambda entry: -entry[1][2],
    )
    buckets = dict.fromkeys(PROFILE_BUCKETS, 0.0)
    for (_filename, _line, name), (_cc, _calls, tottime, _cumtime, _callers) in entries:
        for bucket, needles in PROFILE_BUCKETS.items():
            if any(needle in name for needle in needles):
                buckets[bucket] += tottime
    lines = [
        f"{tottime:7.3f} s own {cumtime:7.3f} s cum {calls:7d} calls "
        f"{Path(filename).name}:{line}({name})"
        for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in entries[:top]
    ]
    return {
        "seconds": round(seconds, 3),
        "own_seconds_by_kind": {k: round(v, 3) for k, v in buckets.items()},
        "other_seconds": round(seconds - sum(buckets.values()), 3),
        "top_by_own_time": lines,
    }


def round_trips(server: Service, meeting_id: str) -> dict[str, float]:
    """Median milliseconds of the two requests an idle sync makes, sent by plain ``requests``."""
    times: dict[str, list[float]] = {"meetings": [], "manifest_304": []}
    with requests.Session() as session:
        session.headers.update(login(server.url, DELEGATE).headers)
        manifest_url = f"{server.url}{API}/meetings/{meeting_id}/manifest"
        etag = session.get(manifest_url, timeout=60).headers["ETag"]
        for _ in range(UNCHANGED_RUNS):
            for name, url, headers in (
                ("meetings", f"{server.url}{API}/meetings", {}),
                ("manifest_304", manifest_url, {"If-None-Match": etag}),
            ):
                started = time.perf_counter()
                response = session.get(url, headers=headers, timeout=60)
                times[name].append((time.perf_counter() - started) * 1000)
                if response.status_code not in (200, 304):
                    raise RuntimeError(f"GET {url} answered {response.status_code}")
    return {name: round(statistics.median(ms), 1) for name, ms in times.items()}


def unchanged_timing(client: Client, server: Service, meeting_id: str) -> dict[str, Any]:
    """Syncs with nothing to do: on the engine's open connection, then with a new client."""
    warm: list[float] = []
    for _ in range(UNCHANGED_RUNS):
        run = timed_sync(client, server)
        if run.report.bytes_received or any(m.status != "unchanged" for m in run.report.meetings):
            raise RuntimeError(f"unchanged sync did something: {run.report}")
        warm.append(run.seconds * 1000)
    fresh: list[float] = []
    for _ in range(UNCHANGED_RUNS):
        api = ApiClient(server.url)
        engine = SyncEngine(client.profile, api)
        os.sync()
        started = time.perf_counter()
        engine.sync()
        fresh.append((time.perf_counter() - started) * 1000)
        api.close()
    return {
        "ms_open_connection": [round(ms, 1) for ms in warm],
        "ms_new_client": [round(ms, 1) for ms in fresh],
        "ms_open_connection_median": round(statistics.median(warm), 1),
        "ms_new_client_median": round(statistics.median(fresh), 1),
        "plain_requests_round_trip_ms_median": round_trips(server, meeting_id),
    }


def interrupted_sync(
    workdir: Path,
    relay: CountingRelay,
    packet: Packet,
    *,
    seed: int,
    network_stays_down: bool,
    name: str,
) -> tuple[dict[str, Any], Client]:
    """A cold sync through the relay, cut at ``CUTS`` random points, resumed until complete."""
    rng = random.Random(seed)
    tenth = packet.size / CUTS
    cuts = [int(tenth * n + rng.random() * tenth) for n in range(CUTS)]

    client = open_client(workdir / "profiles" / name, relay.url)
    relay.reset(cuts, hold_after_cut=network_stays_down)
    calls, outcomes = 0, []
    started = time.perf_counter()
    while True:
        calls += 1
        if calls > 4 * CUTS:
            raise RuntimeError(f"{name}: no complete packet after {calls - 1} syncs")
        try:
            report = client.engine.sync()
        except ServerUnreachable:
            outcomes.append("unreachable")
        else:
            if check_complete(report, 1):
                outcomes.append("complete")
                break
            outcomes.append("failed")
        relay.reopen()
    seconds = time.perf_counter() - started
    received = relay.bytes_to_client
    blob_requests = [e for e in relay.exchanges if e.path.startswith(f"{API}/blobs/")]
    ratio = received / packet.size
    log(
        f"{name}: {relay.cuts_done} cuts, {calls} sync calls, {len(blob_requests)} blob "
        f"requests, {received / MIB:.1f} MiB received = {ratio:.3f} × packet in {seconds:.1f} s"
    )
    for item in packet.files:
        client.profile.vault.verify(item.sha256)
    figures = {
        "cut_points": cuts,
        "cuts_done": relay.cuts_done,
        "sync_calls": calls,
        "sync_outcomes": outcomes,
        "blob_requests": len(blob_requests),
        "ranged_blob_requests": sum(1 for e in blob_requests if e.range),
        "bytes_received": received,
        "wasted_bytes": received - packet.size,
        "ratio": round(ratio, 4),
        "seconds": round(seconds, 2),
        "target_ratio": TARGET_INTERRUPTED_RATIO,
        "pass": ratio <= TARGET_INTERRUPTED_RATIO,
    }
    return figures, client


def unchanged_requests(client: Client, relay: CountingRelay) -> dict[str, Any]:
    """What an idle sync sends, as the relay sees it."""
    relay.reset()
    report = client.engine.sync()
    meetings = [m for m in report.meetings if m.status != "removed"]
    exchanges = relay.summary()
    manifests = [e for e in exchanges if e["path"].endswith("/manifest")]
    return {
        "requests": [
            f"{e['method']} {e['path']} → {e['status']}"
            + (" (conditional)" if e["conditional"] else "")
            + f", {e['response_bytes']} bytes"
            for e in exchanges
        ],
        "requests_total": len(exchanges),
        "meetings": len(meetings),
        "manifest_requests_per_meeting": len(manifests) / max(1, len(meetings)),
        "all_manifest_requests_conditional_304": all(
            e["conditional"] and e["status"] == 304 for e in manifests
        ),
        "bytes_received": relay.bytes_to_client,
    }


def publish_replacement(
    server: Service, packet: Packet, replacement: Packet, meeting_id: str, index: int
) -> str:
    """As the secretary, put the replacement in place of document ``index``; publish v2."""
    old = packet.files[index].sha256
    new = replacement.files[0]
    with requests.Session() as session:
        session.headers.update(login(server.url, SECRETARY).headers)
        body = MultipartBody(replacement.path(new), title=f"replacement of {old[:12]}")
        response = session.post(
            f"{server.url}{API}/meetings/{meeting_id}/documents",
            data=body,
            headers={"Content-Type": body.content_type},
            timeout=600,
        )
        if response.status_code != 201 or response.json()["sha256"] != new.sha256:
            raise RuntimeError(f"upload of the replacement: {response.status_code} {response.text}")
        detail = session.get(f"{server.url}{API}/meetings/{meeting_id}", timeout=60)
        detail.raise_for_status()

        def as_input(item: dict[str, Any]) -> dict[str, Any]:
            return {
                "id": item["id"],
                "title": item["title"],
                "presenter": item["presenter"],
                "duration_min": item["duration_min"],
                "documents": [new.sha256 if sha == old else sha for sha in item["documents"]],
                "confidential": item["confidential"],
                "cleared": item["cleared"],
                "children": [as_input(child) for child in item["children"]],
            }

        agenda = {"items": [as_input(item) for item in detail.json()["agenda"]]}
        session.put(
            f"{server.url}{API}/meetings/{meeting_id}/agenda", json=agenda, timeout=60
        ).raise_for_status()
        response = session.post(
            f"{server.url}{API}/meetings/{meeting_id}/publish",
            json={"note": f"document {index + 1} replaced"},
            timeout=600,
        )
        response.raise_for_status()
        if response.json()["packet_version"] != 2:
            raise RuntimeError(f"publish of version 2 answered {response.json()}")
    return new.sha256


def replace_one(
    client: Client,
    relay: CountingRelay,
    server: Service,
    packet: Packet,
    replacement: Packet,
    meeting_id: str,
    index: int,
) -> dict[str, Any]:
    new_sha = publish_replacement(server, packet, replacement, meeting_id, index)
    with requests.Session() as session:
        session.headers.update(login(server.url, DELEGATE).headers)
        manifest = session.get(f"{server.url}{API}/meetings/{meeting_id}/manifest", timeout=60)
        manifest.raise_for_status()
    manifest_bytes = len(manifest.content)
    relay.reset()
    started = time.perf_counter()
    report = client.engine.sync()
    seconds = time.perf_counter() - started
    if not check_complete(report, 2) or sum(m.documents_fetched for m in report.meetings) != 1:
        raise RuntimeError(f"re-sync after the replacement did something else: {report}")
    client.profile.vault.verify(new_sha)
    received = relay.bytes_to_client
    new_size = replacement.files[0].size
    reference = new_size + manifest_bytes
    ratio = received / reference
    log(
        f"replace one: {received} bytes received for a {new_size}-byte document and a "
        f"{manifest_bytes}-byte manifest = {ratio:.4f} × in {seconds:.2f} s"
    )
    return {
        "replaced_document": index + 1,
        "new_document_bytes": new_size,
        "manifest_bytes": manifest_bytes,
        "bytes_received": received,
        "ratio": round(ratio, 4),
        "seconds": round(seconds, 3),
        "requests": [
            f"{e['method']} {e['path']} → {e['status']}, {e['response_bytes']} bytes"
            for e in relay.summary()
        ],
        "target_ratio": TARGET_REPLACE_RATIO,
        "pass": ratio <= TARGET_REPLACE_RATIO,
    }


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time and count what the ecabinet client's sync does against a real "
        "server: cold sync against a plain HTTP fetch, one document replaced, nothing "
        "changed, and a sync cut at random points."
    )
    parser.add_argument("--files", type=int, default=20, help="PDFs in the packet")
    parser.add_argument("--min-total-mb", type=float, default=200, help="packet size, MiB")
    parser.add_argument("--min-pages", type=int, default=2000, help="pages in the packet")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved baseline/sync rounds")
    parser.add_argument("--seed", type=int, default=20_251_128, help="random seed")
    parser.add_argument("--workdir", type=Path, help="where PDFs are cached and data is kept")
    parser.add_argument("--keep", action="store_true", help="keep server data and profiles")
    parser.add_argument(
        "--profile", action="store_true", help="also run one cold sync under cProfile"
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 4 files, 24 MiB, 200 pages"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.files, args.min_total_mb, args.min_pages = 4, 24, 200
    if args.files < 2 or args.rounds < 1 or args.min_pages < args.files:
        parser.error("files ≥ 2, rounds ≥ 1 and min-pages ≥ files, please")
    return args


@contextlib.contextmanager
def running_server(workdir: Path, data_dir: Path, env: dict[str, str]) -> Iterator[Service]:
    port = free_port()
    server = start_service(
        "ecabinet",
        [*ECABINET, "server", "--host", "127.0.0.1", "--port", str(port), "--data", str(data_dir)],
        url=f"http://127.0.0.1:{port}",
        ready_path=f"{API}/health",
        log_path=workdir / "ecabinet-server.log",
        env=env,
    )
    try:
        yield server
    finally:
        server.stop()


def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """The whole benchmark in ``workdir``; returns the result object."""
    per_file = math.ceil(args.min_total_mb * MIB / args.files)
    packet = make_packet(
        workdir / "packet",
        files=args.files,
        min_bytes=math.ceil(args.min_total_mb * MIB),
        min_pages=args.min_pages,
        seed=args.seed,
    )
    replacement = make_packet(
        workdir / "replacement",
        files=1,
        min_bytes=per_file,
        min_pages=packet.files[0].pages,
        seed=args.seed + 1,
    )
    data_dir = workdir / "server-data"
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.rmtree(workdir / "profiles", ignore_errors=True)
    env = dict(os.environ)
    env.pop("ECABINET_DATABASE_URL", None)  # always a fresh SQLite database under data_dir
    log("creating users")
    create_user(data_dir, SECRETARY, "secretary", env)
    create_user(data_dir, DELEGATE, "delegate", env)
    clients: list[Client] = []
    relay: CountingRelay | None = None
    result: dict[str, Any] = {
        "packet": {
            "files": len(packet.files),
            "bytes": packet.size,
            "mib": round(packet.size / MIB, 1),
            "pages": packet.pages,
        }
    }
    try:
        with running_server(workdir, data_dir, env) as server:
            log(f"server up at {server.url}; publishing {len(packet.files)} PDFs")
            published = publish_packet(server, packet, secretary=SECRETARY, delegate=DELEGATE)
            log(f"published version 1 in {published.seconds:.1f} s")
            with requests.Session() as session:
                session.headers.update(login(server.url, DELEGATE).headers)
                meetings = session.get(f"{server.url}{API}/meetings", timeout=60).json()
            (meeting_id,) = (m["id"] for m in meetings)

            cold, cold_client = cold_sync_rounds(args, workdir, server, packet)
            clients.append(cold_client)
            result["cold_sync"] = cold
            if args.profile:
                result["cold_sync_profile"] = profile_cold_sync(workdir, server)
            unchanged = unchanged_timing(cold_client, server, meeting_id)
            log(
                "unchanged sync: median "
                f"{unchanged['ms_open_connection_median']} ms on an open connection, "
                f"{unchanged['ms_new_client_median']} ms with a new client"
            )

            relay = CountingRelay(int(server.url.rsplit(":", 1)[1]))
            retried, retried_client = interrupted_sync(
                workdir,
                relay,
                packet,
                seed=args.seed,
                network_stays_down=False,
                name="interrupted-retried",
            )
            clients.append(retried_client)
            unchanged.update(unchanged_requests(retried_client, relay))
            worst = max(unchanged["ms_open_connection_median"], unchanged["ms_new_client_median"])
            unchanged["target_ms"] = TARGET_UNCHANGED_MS
            unchanged["pass"] = (
                worst <= TARGET_UNCHANGED_MS
                and unchanged["manifest_requests_per_meeting"] == 1
                and unchanged["all_manifest_requests_conditional_304"]
            )
            result["unchanged"] = unchanged
            log(f"unchanged sync requests: {unchanged['requests']}")

            aborted, aborted_client = interrupted_sync(
                workdir,
                relay,
                packet,
                seed=args.seed + 7,
                network_stays_down=True,
                name="interrupted-down",
            )
            drop_client(aborted_client, keep=args.keep)
            result["interrupted"] = {
                "engine_retries_within_sync": retried,
                "network_down_until_sync_gives_up": aborted,
                "pass": retried["pass"] and aborted["pass"],
            }

            index = random.Random(args.seed).randrange(len(packet.files))
            result["replace_one"] = replace_one(
                retried_client, relay, server, packet, replacement, meeting_id, index
            )
            if server.process.poll() is not None:
                raise RuntimeError(f"the server died:\n{server.log_tail()}")
    finally:
        if relay is not None:
            relay.stop()
        for client in clients:
            drop_client(client, keep=args.keep)
    result["pass"] = all(
        result[name]["pass"] for name in ("cold_sync", "replace_one", "unchanged", "interrupted")
    )
    result["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    return result


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print its JSON; exit 0 whether or not the targets are met."""
    args = parse_args(argv)
    own_workdir = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="ecabinet-sync-")) if own_workdir else args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    log(f"work directory {workdir}")
    try:
        result = run(args, workdir)
    finally:
        if not args.keep:
            # A given --workdir keeps its packet cache; server data and profiles always go.
            if own_workdir:
                shutil.rmtree(workdir, ignore_errors=True)
            else:
                for name in ("server-data", "profiles"):
                    shutil.rmtree(workdir / name, ignore_errors=True)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
