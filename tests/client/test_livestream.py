"""Server-Sent Events framing as the client reads it, split anywhere by the network."""

from __future__ import annotations

import json

from ecabinet.client.livestream import parse_events


def frame(seq: int, kind: str) -> bytes:
    body = {"seq": seq, "type": kind, "at": "2026-12-03T01:00:00.000Z", "data": {"n": seq}}
    return f"id: {seq}\nevent: {kind}\ndata: {json.dumps(body)}\n\n".encode()


def test_events_survive_any_split_and_skip_comments() -> None:
    stream = b"retry: 2000\n: connected\n\n" + frame(1, "attendance") + b": keep-alive\n\n"
    stream += frame(2, "result") + b"data: not json\n\n" + frame(3, "motion_opened")
    for size in (1, 7, 64, len(stream)):
        chunks = [stream[i : i + size] for i in range(0, len(stream), size)]
        events = list(parse_events(chunks))
        assert [(e.seq, e.kind, e.data) for e in events] == [
            (1, "attendance", {"n": 1}),
            (2, "result", {"n": 2}),
            (3, "motion_opened", {"n": 3}),
        ]
