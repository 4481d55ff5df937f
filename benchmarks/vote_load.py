"""A thousand delegates vote at once: ballot latency, result delivery, nothing lost or doubled.

1. Start the real server (``ecabinet server``, ``--workers N``) on SQLite under a fresh data
   directory, or on a fresh PostgreSQL database made next to ``--database-url``.
2. Seed, straight into its database (not timed): ``--delegates`` users with login tokens, a
   meeting with all of them and a chair, all checked in, one agenda item, one draft motion.
3. Every delegate opens the meeting's event stream (one TCP connection each, held to the end).
   The streams are held by a second process: reading a thousand copies of "motion opened"
   would otherwise keep this one's event loop from casting on time, and bunch the first
   tenth of a second's ballots into one burst (300 within 100 ms, measured) that is not the
   load the target describes.
4. The chair opens the motion.  Each delegate casts one ballot at a random moment within the
   next second, on a fresh connection; the latency is from connecting to the answer.  How
   late the generator began each ballot against that plan is reported too (``cast_lateness_ms``):
   if it is large, the generator, not the server, shaped the load.
5. When every ballot is answered the chair closes the motion; each stream notes when the
   ``result`` event arrives.

Output (stdout, JSON): accepted and refused ballots, latency p50/p99/max, close → result at
the last client, ballots lost (accepted but not counted) and doubled (counted more than
accepted, per option too), events missed by streams, the CPU the server and this generator
used while the ballots were cast (a figure that other load on the machine does not inflate,
unlike latency), and pass/fail per target.  Times are ``time.monotonic()``: one clock for
both of the generator's processes (``CLOCK_MONOTONIC`` on Linux).

Run from the repository root::

    .venv/bin/python benchmarks/vote_load.py                    # SQLite, one process
    .venv/bin/python benchmarks/vote_load.py --workers 2 \\
        --database-url postgresql://postgres@127.0.0.1:5432/test    # PostgreSQL, two
    .venv/bin/python benchmarks/vote_load.py --quick            # 100 delegates
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import multiprocessing
import os
import random
import resource
import secrets
import shutil
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import uvloop
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.publish_fetch import cpu_seconds, free_port, log, start_service  # noqa: E402
from ecabinet.server import accounts, meetings, schemas  # noqa: E402
from ecabinet.server.models import Attendance, Device, Participant, Token  # noqa: E402
from ecabinet.server.settings import ServerSettings, normalise_database_url  # noqa: E402
from ecabinet.server.state import ServerState  # noqa: E402

API = "/api/v1"
TARGET_P99_MS = 200.0
TARGET_RESULT_MS = 1000.0
# How long the stream holder waits for every stream's result after the close.
STREAM_TIMEOUT = 30.0
CHOICES = ("for", "against", "abstain")


# --------------------------------------------------------------------------- raw HTTP/1.1


async def read_head(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed before an answer")
    status = int(status_line.split()[1])
    headers: dict[str, str] = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            return status, headers
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()


async def request(
    host: str, port: int, method: str, path: str, token: str, body: Any = None
) -> tuple[int, Any]:
    """One request on a fresh connection (as a delegate's tablet would after a while idle)."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        payload = json.dumps(body if body is not None else {}).encode()
        writer.write(
            f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
            f"Connection: close\r\n\r\n".encode()
            + payload
        )
        await writer.drain()
        status, headers = await read_head(reader)
        length = int(headers.get("content-length", "0"))
        data = await reader.readexactly(length) if length else await reader.read()
        return status, json.loads(data) if data else None
    finally:
        writer.close()


@dataclass
class Stream:
    """One delegate's event stream."""

    index: int
    token: str
    connected: asyncio.Event = field(default_factory=asyncio.Event, repr=False)
    seqs: list[int] = field(default_factory=list)
    result_at: float | None = None
    result_signature: str | None = None
    error: str | None = None


async def hold_stream(host: str, port: int, meeting_id: str, after: int, stream: Stream) -> None:
    """Read SSE (chunked) until the result arrives; note when it did."""
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError as exc:
        stream.error = f"connect: {exc}"
        stream.connected.set()
        return
    try:
        writer.write(
            f"GET {API}/meetings/{meeting_id}/events HTTP/1.1\r\nHost: {host}\r\n"
            f"Authorization: Bearer {stream.token}\r\nLast-Event-ID: {after}\r\n"
            f"Accept: text/event-stream\r\n\r\n".encode()
        )
        await writer.drain()
        status, _headers = await read_head(reader)
        if status != 200:
            stream.error = f"status {status}"
            return
        stream.connected.set()
        buffer = b""
        while True:
            size_line = await reader.readline()
            if not size_line:
                stream.error = stream.error or "stream ended"
                return
            size = int(size_line.strip() or b"0", 16)
            chunk = await reader.readexactly(size + 2)
            buffer += chunk[:-2]
            while b"\n\n" in buffer:
                block, buffer = buffer.split(b"\n\n", 1)
                for line in block.split(b"\n"):
                    if not line.startswith(b"data: "):
                        continue
                    event = json.loads(line[6:])
                    stream.seqs.append(event["seq"])
                    if event["type"] == "result":
                        stream.result_at = time.monotonic()
                        stream.result_signature = event["data"]["result"]["signature"]
                        return
    except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
        stream.error = f"{type(exc).__name__}: {exc}"
    finally:
        stream.connected.set()
        writer.close()


async def hold_streams(
    host: str, port: int, meeting_id: str, after: int, tokens: list[str], conn: Connection
) -> list[Stream]:
    """Open every stream (a hundred at a time), say so on ``conn``; return at the result."""
    streams = [Stream(i, t) for i, t in enumerate(tokens)]
    tasks = []
    for start in range(0, len(streams), 100):
        batch = streams[start : start + 100]
        tasks += [asyncio.create_task(hold_stream(host, port, meeting_id, after, s)) for s in batch]
        await asyncio.gather(*(s.connected.wait() for s in batch))
    conn.send([s.error for s in streams if s.error])
    # A stream still without its result by then is counted as one that never got it.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=STREAM_TIMEOUT)
    return streams


def stream_holder(
    host: str, port: int, meeting_id: str, after: int, tokens: list[str], conn: Connection
) -> None:
    """The second process's work: hold the streams, send back what each saw."""
    streams = uvloop.run(hold_streams(host, port, meeting_id, after, tokens, conn))
    conn.send([(s.index, s.seqs, s.result_at, s.result_signature, s.error) for s in streams])
    conn.close()


# --------------------------------------------------------------------------- seeding


@dataclass
class Seeded:
    meeting_id: str
    item_id: str
    chair_token: str
    tokens: list[str]
    last_seq: int


def seed(settings: ServerSettings, delegates: int) -> Seeded:
    """Users, tokens, the meeting, attendance and a draft motion, written directly."""
    state = ServerState(settings, migrate=False)
    try:
        tokens: list[str] = []
        ids: list[str] = []
        with state.db.session() as session:
            secretary = accounts.create_user(
                session=session,
                passwords=state.passwords,
                username="bench-secretary",
                password=secrets.token_hex(8),
                roles=["secretary"],
            )
            users = []
            for number in range(delegates + 1):
                users.append(
                    accounts.create_user(
                        session=session,
                        passwords=state.passwords,
                        username=f"bench-{number:05d}",
                        password=secrets.token_hex(8),
                        roles=["chair", "delegate"] if number == 0 else ["delegate"],
                    )
                )
            session.flush()
            expires = datetime.now(UTC) + timedelta(days=1)
            for user in users:
                device = Device(user_id=user.id, name="bench", public_key=secrets.token_hex(16))
                session.add(device)
                session.flush()
                token = secrets.token_urlsafe(24)
                session.add(
                    Token(
                        token_hash=accounts.hash_token(token),
                        user_id=user.id,
                        device_id=device.id,
                        expires_at=expires,
                    )
                )
                tokens.append(token)
                ids.append(user.id)
            meeting = meetings.create_meeting(
                session=session,
                data=schemas.MeetingIn(
                    title="Benchmark session",
                    starts_at=datetime.now(UTC),
                    # The API takes at most 1,000 participants at once; the rest are added below.
                    participants=[schemas.ParticipantIn(user_id=ids[0], role="chair")]
                    + [schemas.ParticipantIn(user_id=uid) for uid in ids[1:900]],
                ),
                actor=secretary.id,
            )
            session.add_all(
                Participant(meeting_id=meeting.id, user_id=uid, role="delegate")
                for uid in ids[900:]
            )
            nodes = meetings.set_agenda(
                session=session,
                meeting=meeting,
                agenda=schemas.AgendaIn(items=[schemas.AgendaItemIn(title="Vote")]),
                actor=secretary.id,
            )
            session.add_all(
                Attendance(
                    meeting_id=meeting.id, user_id=uid, present=True, site="room", recorded_by=uid
                )
                for uid in ids
            )
            meeting_id, item_id = meeting.id, nodes[0].id
        return Seeded(meeting_id, item_id, tokens[0], tokens[1:], 0)
    finally:
        state.close()


# --------------------------------------------------------------------------- the run


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def server_cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by the server process and its worker processes (``--workers``)."""
    total = cpu_seconds(pid)
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            total += sum(cpu_seconds(int(child)) for child in children.read_text().split())
        except OSError:
            continue
    return total


async def vote_load(
    host: str, port: int, seeded: Seeded, spread: float, server_pid: int
) -> dict[str, Any]:
    chair = seeded.chair_token
    status, motion = await request(
        host,
        port,
        "POST",
        f"{API}/meetings/{seeded.meeting_id}/motions",
        chair,
        {"agenda_item_id": seeded.item_id, "title": "Benchmark motion", "text": "Điều 1."},
    )
    assert status == 201, motion
    motion_id = motion["id"]
    status, live = await request(
        host, port, "GET", f"{API}/meetings/{seeded.meeting_id}/live", chair
    )
    assert status == 200, live
    after = int(live["last_seq"])

    log(f"opening {len(seeded.tokens)} event streams in a second process")
    receiving, sending = multiprocessing.Pipe(duplex=False)
    holder = multiprocessing.get_context("spawn").Process(
        target=stream_holder,
        args=(host, port, seeded.meeting_id, after, seeded.tokens, sending),
        daemon=True,
    )
    holder.start()
    sending.close()
    try:
        stream_errors: list[str] = await asyncio.to_thread(receiving.recv)
    except EOFError:
        raise RuntimeError("the stream holder stopped before its streams were open") from None
    log(f"streams connected ({len(stream_errors)} failed); opening the motion")

    rng = random.Random(7)
    plan = [(rng.uniform(0, spread), CHOICES[rng.randrange(3)]) for _ in seeded.tokens]
    latencies: list[float] = []
    lateness: list[float] = []
    answers: dict[int, int] = {}
    accepted: dict[str, int] = dict.fromkeys(CHOICES, 0)
    errors: list[str] = []
    go = asyncio.Event()
    started = 0.0

    async def cast(index: int, delay: float, choice: str) -> None:
        await go.wait()
        await asyncio.sleep(max(0.0, started + delay - time.monotonic()))
        begin = time.monotonic()
        lateness.append((begin - started - delay) * 1000)
        try:
            code, _body = await request(
                host,
                port,
                "POST",
                f"{API}/motions/{motion_id}/ballots",
                seeded.tokens[index],
                {"choice": choice},
            )
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            return
        latencies.append((time.monotonic() - begin) * 1000)
        answers[code] = answers.get(code, 0) + 1
        if code == 200:
            accepted[choice] += 1

    # Every ballot's task exists and waits before the motion opens: making a thousand tasks
    # once it is open would itself make the first ones late.
    casting = asyncio.gather(*(cast(i, d, c) for i, (d, c) in enumerate(plan)))
    await asyncio.sleep(0)
    # This process seeded the database through the ORM and holds a thousand tasks: a full
    # collection in the window stopped its loop for 135 ms (measured), and every ballot due
    # meanwhile left late, in one burst.  Collected now, and none until the ballots are in.
    gc.collect()
    gc.freeze()
    gc.disable()
    status, opened = await request(host, port, "POST", f"{API}/motions/{motion_id}/open", chair)
    assert status == 200, opened
    server_cpu_before = server_cpu_seconds(server_pid)
    own_cpu_before = time.process_time() + cpu_seconds(holder.pid or 0)
    started = time.monotonic()
    go.set()
    try:
        await casting
    finally:
        gc.enable()
    cast_seconds = time.monotonic() - started
    server_cpu = server_cpu_seconds(server_pid) - server_cpu_before
    own_cpu = time.process_time() + cpu_seconds(holder.pid or 0) - own_cpu_before
    log(f"ballots answered in {cast_seconds:.2f} s: {answers}; closing")

    closing = time.monotonic()
    status, closed = await request(host, port, "POST", f"{API}/motions/{motion_id}/close", chair)
    close_answered = time.monotonic()
    assert status == 200, closed
    if not await asyncio.to_thread(receiving.poll, STREAM_TIMEOUT + 30):
        holder.kill()
        raise RuntimeError("the stream holder sent nothing back")
    streams = [
        Stream(index, "", seqs=seqs, result_at=at, result_signature=signature, error=error)
        for index, seqs, at, signature, error in receiving.recv()
    ]
    holder.join(timeout=10)
    if any(s.result_at is None for s in streams):
        log(f"some streams never saw the result within {STREAM_TIMEOUT:.0f} s")
    counts = closed["counts"]
    total_accepted = sum(accepted.values())
    total_counted = sum(counts.values())
    arrivals = [(s.result_at - closing) * 1000 for s in streams if s.result_at is not None]
    signature = closed["result"]["signature"]
    gaps = sum(
        1 for s in streams if s.seqs and s.seqs != list(range(s.seqs[0], s.seqs[0] + len(s.seqs)))
    )
    per_option_lost = {o: max(0, accepted[o] - counts.get(o, 0)) for o in CHOICES}
    per_option_doubled = {o: max(0, counts.get(o, 0) - accepted[o]) for o in CHOICES}
    return {
        "ballots_sent": len(plan),
        "ballots_accepted": total_accepted,
        "answers_by_status": {str(k): v for k, v in sorted(answers.items())},
        "transport_errors": len(errors),
        "first_transport_error": errors[0] if errors else None,
        "cast_window_seconds": round(cast_seconds, 3),
        # How late the generator began ballots against its plan (not the server's doing).
        "cast_lateness_ms": {
            "p50": round(percentile(lateness, 0.5), 1),
            "p99": round(percentile(lateness, 0.99), 1),
            "max": round(max(lateness, default=float("nan")), 1),
        },
        # What the ballots cost, whatever else the machine is doing (latency is not): the
        # server's CPU (all its processes, streams included) and the load generator's (both
        # of its processes).
        "cast_window_cpu_seconds": {
            "server": round(server_cpu, 3),
            "server_ms_per_ballot": round(server_cpu * 1000 / max(1, len(plan)), 3),
            "load_generator": round(own_cpu, 3),
        },
        "ballot_latency_ms": {
            "p50": round(percentile(latencies, 0.5), 1),
            "p95": round(percentile(latencies, 0.95), 1),
            "p99": round(percentile(latencies, 0.99), 1),
            "max": round(max(latencies, default=float("nan")), 1),
        },
        "close_answer_ms": round((close_answered - closing) * 1000, 1),
        "close_to_result_ms": {
            "first_client": round(min(arrivals, default=float("nan")), 1),
            "median_client": round(percentile(arrivals, 0.5), 1),
            "last_client": round(max(arrivals, default=float("nan")), 1),
            "clients_with_result": len(arrivals),
            "clients_with_other_signature": sum(
                1 for s in streams if s.result_signature not in (None, signature)
            ),
        },
        "counted": counts,
        "ballots_counted": total_counted,
        # Per option, so that a ballot counted for the wrong option shows up as both.
        "ballots_lost": sum(per_option_lost.values()),
        "ballots_doubled": sum(per_option_doubled.values()),
        "per_option_lost": per_option_lost,
        "per_option_doubled": per_option_doubled,
        "stream_errors": len(stream_errors),
        "first_stream_error": stream_errors[0] if stream_errors else None,
        "streams_with_gaps": gaps,
        "outcome": closed["outcome"],
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--delegates", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument(
        "--database-url", help="PostgreSQL to make a fresh database next to (else SQLite)"
    )
    parser.add_argument("--spread", type=float, default=1.0, help="seconds the ballots span")
    parser.add_argument("--quick", action="store_true", help="100 delegates")
    parser.add_argument("--keep", action="store_true", help="keep the data directory")
    args = parser.parse_args(argv)
    if args.quick:
        args.delegates = min(args.delegates, 100)
    return args


def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))
    env = {
        **os.environ,
        "ECABINET_ARGON2_MEMORY_KIB": "1024",
        "ECABINET_ARGON2_TIME_COST": "1",
    }
    env.pop("ECABINET_DATABASE_URL", None)
    database_name = None
    admin_url = None
    if args.database_url:
        admin_url = normalise_database_url(args.database_url)
        database_name = f"ecabinet_vote_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{database_name}"'))
        admin.dispose()
        env["ECABINET_DATABASE_URL"] = (
            make_url(admin_url).set(database=database_name).render_as_string(hide_password=False)
        )
    data = workdir / "server-data"
    port = free_port()
    service = None
    try:
        service = start_service(
            "ecabinet",
            [
                sys.executable,
                "-m",
                "ecabinet",
                "server",
                "--port",
                str(port),
                "--data",
                str(data),
                "--workers",
                str(args.workers),
            ],
            url=f"http://127.0.0.1:{port}",
            ready_path=f"{API}/health",
            log_path=workdir / "server.log",
            env=env,
        )
        settings = ServerSettings(
            data_dir=data,
            database_url=env.get("ECABINET_DATABASE_URL"),
            argon2_memory_kib=64,
            argon2_time_cost=1,
        )
        log(f"seeding {args.delegates} delegates")
        seeded = seed(settings, args.delegates)
        cpu_before = cpu_seconds(service.process.pid)
        load_before = os.getloadavg()[0]
        # uvloop, as the server: the generator shares the cores, and every CPU second it
        # spends on its thousand streams is one the server does not get.
        figures = uvloop.run(vote_load("127.0.0.1", port, seeded, args.spread, service.process.pid))
        load_after = os.getloadavg()[0]
        cpu_used = cpu_seconds(service.process.pid) - cpu_before
    finally:
        if service is not None:
            service.stop()
        if admin_url and database_name:
            admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)'))
            admin.dispose()
    passes = {
        "all_accepted": figures["ballots_accepted"] == args.delegates,
        "p99_latency": figures["ballot_latency_ms"]["p99"] <= TARGET_P99_MS,
        "result_at_every_client": figures["close_to_result_ms"]["clients_with_result"]
        == args.delegates
        and figures["close_to_result_ms"]["last_client"] <= TARGET_RESULT_MS,
        "none_lost": figures["ballots_lost"] == 0,
        "none_doubled": figures["ballots_doubled"] == 0,
    }
    return {
        "database": "postgresql" if args.database_url else "sqlite",
        "server_processes": args.workers,
        "delegates": args.delegates,
        **figures,
        "targets": {
            "p99_ms": TARGET_P99_MS,
            "close_to_result_at_last_client_ms": TARGET_RESULT_MS,
        },
        "pass_by_target": passes,
        "pass": all(passes.values()),
        # With --workers the main process only supervises; the workers are its children.
        "server_main_process_cpu_seconds": round(cpu_used, 2),
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "loadavg_1min_before_after": [round(load_before, 2), round(load_after, 2)],
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print its JSON; exit 0 whether or not the targets are met."""
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="ecabinet-votes-"))
    try:
        result = run(args, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
