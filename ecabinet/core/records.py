"""Checking a signed record of any kind: ``ecabinet verify`` dispatches here on its name.

A record is ``{"<name>": {...}, "key_id", "signature"}`` (API.md).  The signature proves who
made it; the checker registered for its name then proves it makes sense — a result's outcome
must follow from its own counts by its own rule, so a correctly signed record of a wrongly
computed result is caught too.  Other kinds (annotation bundles) add a checker here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ecabinet.core.signing import SignatureError, verify_record
from ecabinet.core.votes import MAJORITY_RULES, Quorum, decide

ENVELOPE = ("key_id", "signature")


class RecordError(ValueError):
    """The record is well signed (or not signed at all) but does not add up."""


@dataclass(frozen=True)
class Verified:
    name: str
    payload: dict[str, Any]
    summary: str


def record_name(record: Any) -> str:
    """The name of a signed record: its one key besides ``key_id`` and ``signature``."""
    if not isinstance(record, dict):
        raise RecordError("a signed record is a JSON object")
    names = [k for k in record if k not in ENVELOPE]
    if len(names) != 1 or not all(k in record for k in ENVELOPE):
        raise RecordError(
            'not a signed record: expected {"<name>": {...}, "key_id": ..., "signature": ...}'
        )
    return str(names[0])


def _int(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RecordError(f"{what} is not a whole number")
    return value


def check_result(payload: dict[str, Any]) -> str:
    """Recount a signed vote result from its own figures."""
    try:
        counts = {str(k): _int(v, f"count of {k!r}") for k, v in payload["counts"].items()}
        options = [str(o) for o in payload["options"]]
        rule = payload["rule"]["majority"]
        quorum = Quorum(
            _int(payload["rule"]["quorum"]["numerator"], "quorum numerator"),
            _int(payload["rule"]["quorum"]["denominator"], "quorum denominator"),
        )
        entitled = _int(payload["entitled"]["weight"], "entitled weight")
        present = _int(payload["present"]["weight"], "present weight")
        cast = _int(payload["cast"]["weight"], "cast weight")
    except (KeyError, TypeError, AttributeError) as exc:
        raise RecordError(f"the result lacks a field or has a wrong type: {exc}") from exc
    if rule not in MAJORITY_RULES:
        raise RecordError(f"unknown majority rule {rule!r}")
    if sum(counts.values()) != cast:
        raise RecordError(f"the counts add up to {sum(counts.values())}, not to {cast} cast")
    if present > entitled or cast > entitled:
        raise RecordError("more present or cast than entitled")
    try:
        decision = decide(
            counts, options=options, rule=rule, quorum=quorum, entitled=entitled, present=present
        )
    except ValueError as exc:
        raise RecordError(str(exc)) from exc
    claimed = (payload.get("outcome"), payload.get("winner"), payload.get("quorum_met"))
    if claimed != (decision.outcome, decision.winner, decision.quorum_met):
        raise RecordError(
            f"the outcome does not follow from the counts: the record says {claimed[0]!r}, "
            f"the {rule} rule gives {decision.outcome!r}"
        )
    tally = ", ".join(f"{o} {counts.get(o, 0)}" for o in options)
    return (
        f"result of motion {payload.get('motion_id')} ({payload.get('title', '')!s}): "
        f"{decision.outcome}; {tally}; cast {cast} of {entitled} entitled, {present} present; "
        f"closed {payload.get('closed_at')}"
    )


def check_receipt(payload: dict[str, Any]) -> str:
    for field in ("motion_id", "voter_id", "cast_by", "accepted_at"):
        if not isinstance(payload.get(field), str):
            raise RecordError(f"the receipt has no {field}")
    choice = f", choice {payload['choice']!r}" if "choice" in payload else " (secret ballot)"
    proxy = (
        f", cast by proxy {payload['cast_by']}" if payload["cast_by"] != payload["voter_id"] else ""
    )
    return (
        f"receipt: the ballot of {payload['voter_id']} on motion {payload['motion_id']} was "
        f"accepted at {payload['accepted_at']}{proxy}{choice}"
    )


CHECKERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "result": check_result,
    "receipt": check_receipt,
}


def verify_any(record: Any, key: Ed25519PublicKey) -> Verified:
    """Check the signature of a record of a known kind, then its content.

    Raises:
        RecordError: unknown kind, malformed, or content that does not add up.
        SignatureError: wrong key or a signature that does not match.
    """
    name = record_name(record)
    checker = CHECKERS.get(name)
    if checker is None:
        raise RecordError(
            f"cannot check a {name!r} record; known kinds: {', '.join(sorted(CHECKERS))}"
        )
    payload = verify_record(record, name, key)
    return Verified(name, payload, checker(payload))


__all__ = ["RecordError", "SignatureError", "Verified", "record_name", "verify_any"]
