"""Who may see a motion's item: the rule, and the cache the ballot writer relies on."""

from __future__ import annotations

import json

from ecabinet.core.packet import AgendaNode
from ecabinet.server.clearance import ClearanceCache

AGENDA = [
    AgendaNode(id="open", title="Khai mạc").to_snapshot(),
    AgendaNode(
        id="secret",
        title="Nhân sự",
        confidential=True,
        cleared=frozenset({"u1"}),
        children=(AgendaNode(id="annex", title="Phụ lục"),),
    ).to_snapshot(),
]


def test_rule_follows_the_manifest_and_fails_closed_for_unknown_items() -> None:
    access = ClearanceCache().draft_text(json.dumps(AGENDA))
    assert access.cleared("open") is None
    assert access.cleared("secret") == access.cleared("annex") == frozenset({"u1"})
    assert access.may_see("annex", "u1", "delegate")
    # Being chair lets nobody in: the manifest does not either.
    assert not access.may_see("annex", "u2", "chair")
    assert access.may_see("annex", "u2", "secretary")
    assert access.cleared("gone") == frozenset()
    assert not access.may_see("gone", "u1", "chair")
    assert access.may_see("gone", "u2", "secretary")


def test_packets_are_read_once_and_a_missing_one_is_not_kept() -> None:
    cache = ClearanceCache()
    reads: list[int] = []

    def snapshot() -> str:
        reads.append(1)
        return json.dumps({"agenda": AGENDA})

    for _ in range(3):
        assert cache.packet("m", 2, snapshot).cleared("secret") == frozenset({"u1"})
    assert len(reads) == 1
    assert cache.packet("m", 3, lambda: None).cleared("open") == frozenset()
    assert cache.packet("m", 3, snapshot).cleared("open") is None
    assert len(reads) == 2


def test_drafts_are_parsed_once_per_text() -> None:
    cache = ClearanceCache(draft_capacity=1)
    text = json.dumps(AGENDA)
    first = cache.draft_text(text)
    assert cache.draft_text(text) is first
    assert cache.draft_text(None).cleared("open") == frozenset()
    # One entry kept: the empty draft pushed the first one out.
    assert cache.draft_text(text) is not first
