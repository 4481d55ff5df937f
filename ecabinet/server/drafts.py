"""Draft revisions: optimistic concurrency for secretaries editing one meeting together.

Every change of a meeting's draft (facts, participants, agenda) bumps ``draft_revision`` and
records who made it and a short sentence saying what it was.  An edit sent with
``If-Match: "<revision>"`` of an older revision is refused *before* anything is written, with
that sentence, so the second secretary learns what the first one did instead of silently
overwriting it.  The bump itself is a conditional UPDATE: of two edits of the same revision
racing each other, the second finds the revision moved and is refused as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ecabinet.core.packet import AgendaNode
from ecabinet.server.errors import ApiError
from ecabinet.server.models import Meeting, User

MAX_PARTS = 4


def etag(revision: int) -> str:
    return f'"{revision}"'


def parse_if_match(header: str | None) -> int | None:
    """The revision an ``If-Match`` header names; ``None`` when absent (old scripts)."""
    if header is None or not header.strip():
        return None
    text = header.strip()
    if text.startswith("W/"):
        text = text[2:]
    text = text.strip('"')
    if not text.isdigit() or len(text) > 12:
        raise ApiError(
            400,
            "invalid_if_match",
            'If-Match names a draft revision, e.g. If-Match: "3" (the ETag of the draft).',
        )
    return int(text)


def _clock(value: datetime | None) -> str:
    if value is None:
        return "an earlier moment"
    return value.astimezone(UTC).strftime("%H:%M UTC")


def conflict(meeting: Meeting) -> ApiError:
    """The 409 naming who changed the draft, when, and what."""
    who = meeting.draft_changed_by or "Someone"
    what = f" ({meeting.draft_change})" if meeting.draft_change else ""
    return ApiError(
        409,
        "draft_conflict",
        f"{who} changed the draft at {_clock(meeting.draft_changed_at)}{what}. Your edit was "
        "based on an older draft; reload and apply your change again.",
        headers={"ETag": etag(meeting.draft_revision)},
    )


def check_revision(meeting: Meeting, expected: int | None) -> None:
    """Refuse an edit based on another revision than the current one (before any write)."""
    if expected is not None and expected != meeting.draft_revision:
        raise conflict(meeting)


def display_name(user: User | None) -> str:
    if user is None:
        return "Someone"
    return user.full_name or user.username


def record_change(
    *, session: Session, meeting: Meeting, actor: str, change: str, conditional: bool
) -> None:
    """Bump the draft revision and say what changed.

    ``conditional`` (the edit named its revision): only if the revision is still the one
    read, else the edit is refused — two edits of one revision racing each other cannot
    both win.  An edit without ``If-Match`` (an old script) just takes the next number.
    """
    seen = meeting.draft_revision
    now = datetime.now(UTC).replace(microsecond=0)
    name = display_name(session.get(User, actor))[:200]
    statement = update(Meeting).where(Meeting.id == meeting.id)
    if conditional:
        statement = statement.where(Meeting.draft_revision == seen)
    bumped = session.execute(
        statement.values(
            draft_revision=Meeting.draft_revision + 1,
            draft_changed_by=name,
            draft_changed_at=now,
            draft_change=change,
        )
        .returning(Meeting.draft_revision)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if bumped is None:
        session.refresh(meeting)
        raise conflict(meeting)
    # Already in the row: told to the object as committed, so the flush writes them no more.
    for key, value in (
        ("draft_revision", int(bumped)),
        ("draft_changed_by", name),
        ("draft_changed_at", now),
        ("draft_change", change),
    ):
        set_committed_value(meeting, key, value)


def _quote(title: str) -> str:
    return f"“{title if len(title) <= 60 else title[:59] + '…'}”"


def summarize(prefix: str, parts: list[str]) -> str:
    """``prefix: a, b, c and 2 more changes`` — short enough for a message."""
    if not parts:
        return ""
    shown = parts[:MAX_PARTS]
    rest = len(parts) - len(shown)
    text = ", ".join(shown)
    if rest:
        text += f" and {rest} more change{'s' if rest > 1 else ''}"
    return f"{prefix}: {text}"


def _index(nodes: Iterable[AgendaNode]) -> dict[str, tuple[AgendaNode, str | None, int]]:
    """Every item by id with its parent id and its place among its siblings."""
    found: dict[str, tuple[AgendaNode, str | None, int]] = {}

    def visit(items: Iterable[AgendaNode], parent: str | None) -> None:
        for place, node in enumerate(items):
            found[node.id] = (node, parent, place)
            visit(node.children, node.id)

    visit(nodes, None)
    return found


def _moved(
    before: dict[str, tuple[AgendaNode, str | None, int]],
    after: dict[str, tuple[AgendaNode, str | None, int]],
    common: list[str],
) -> set[str]:
    """Items that changed parent, or left the longest run of siblings kept in order.

    Inserting an item before another, or moving one item up, names only that one item.
    """
    moved = {i for i in common if before[i][1] != after[i][1]}
    parents = {after[i][1] for i in common}
    for parent in parents:
        stayed = [i for i in common if i not in moved and after[i][1] == parent]
        stayed.sort(key=lambda i: after[i][2])
        places = [before[i][2] for i in stayed]
        # Longest increasing subsequence of the old places (quadratic; agendas are small).
        best = [1] * len(places)
        back = [-1] * len(places)
        for j in range(len(places)):
            for k in range(j):
                if places[k] < places[j] and best[k] + 1 > best[j]:
                    best[j], back[j] = best[k] + 1, k
        keep: set[str] = set()
        j = max(reversed(range(len(places))), key=lambda n: best[n], default=-1)
        while j >= 0:
            keep.add(stayed[j])
            j = back[j]
        moved.update(i for i in stayed if i not in keep)
    return moved


def describe_agenda(old: Iterable[AgendaNode], new: Iterable[AgendaNode]) -> list[str]:
    """What changed between two agenda trees, one short phrase per change."""
    before, after = _index(old), _index(new)
    parts = [f"added {_quote(after[i][0].title)}" for i in after if i not in before]
    parts += [f"removed {_quote(before[i][0].title)}" for i in before if i not in after]
    common = [i for i in after if i in before]
    moved = _moved(before, after, common)
    for item in common:
        old_node = before[item][0]
        new_node = after[item][0]
        if item in moved:
            parts.append(f"moved {_quote(new_node.title)}")
        if old_node.title != new_node.title:
            parts.append(f"renamed {_quote(old_node.title)} to {_quote(new_node.title)}")
        if old_node.documents != new_node.documents:
            parts.append(f"changed the documents of {_quote(new_node.title)}")
        if (old_node.confidential, old_node.cleared) != (new_node.confidential, new_node.cleared):
            parts.append(f"changed who may see {_quote(new_node.title)}")
        if (old_node.presenter, old_node.duration_min) != (
            new_node.presenter,
            new_node.duration_min,
        ):
            parts.append(f"changed the presenter or duration of {_quote(new_node.title)}")
    return parts


def describe_facts(old: dict[str, Any], new: dict[str, Any], names: dict[str, str]) -> list[str]:
    """What changed in a meeting's facts and participants (``names``: user id → name)."""
    labels = {
        "title": "title",
        "starts_at": "time",
        "location": "place",
        "video_url": "video link",
        "bridge_sites": "bridge sites",
        "offline_until": "offline period",
    }
    parts = [f"changed the {label}" for key, label in labels.items() if old[key] != new[key]]
    if parts and old["title"] != new["title"]:
        parts[0] = f"retitled it {_quote(new['title'])}"
    was, now = old["participants"], new["participants"]
    parts += [f"added {names.get(u, u)}" for u in now if u not in was]
    parts += [f"removed {names.get(u, u)}" for u in was if u not in now]
    parts += [f"made {names.get(u, u)} {now[u]}" for u in now if u in was and was[u] != now[u]]
    return parts
