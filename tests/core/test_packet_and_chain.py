"""Manifest building (who sees what) and the audit hash chain."""

from __future__ import annotations

from dataclasses import replace

from ecabinet.core.auditchain import GENESIS_HASH, AuditRecord, entry_hash, verify_chain
from ecabinet.core.packet import (
    AgendaNode,
    DocumentInfo,
    Packet,
    Recipient,
    build_manifest,
    item_clearances,
    number_agenda,
    visible_documents,
)

A, B, C = "a" * 64, "b" * 64, "c" * 64


def sample_packet() -> Packet:
    agenda = number_agenda(
        [
            AgendaNode(id="i1", title="Khai mạc", documents=(A,)),
            AgendaNode(
                id="i2",
                title="Nhân sự",
                confidential=True,
                cleared=frozenset({"u1"}),
                documents=(B,),
                children=(AgendaNode(id="i2a", title="Phụ lục", documents=(C,)),),
            ),
            AgendaNode(id="i3", title="Bế mạc", children=(AgendaNode(id="i3a", title="Kết luận"),)),
        ]
    )
    docs = {h: DocumentInfo(title=h[:1], size=10, pages=1) for h in (A, B, C)}
    return Packet(
        meeting={"id": "m"},
        version=2,
        published_at="2026-12-01T00:00:00Z",
        note="",
        agenda=agenda,
        documents=docs,
    )


def test_numbers_follow_the_full_tree() -> None:
    packet = sample_packet()
    numbers = [n.number for top in packet.agenda for n in top.walk()]
    assert numbers == ["1", "2", "2.1", "3", "3.1"]


def test_confidential_subtree_is_absent_for_those_not_cleared() -> None:
    packet = sample_packet()
    manifest = build_manifest(packet, Recipient("u2"))
    assert [i["number"] for i in manifest["agenda"]] == ["1", "3"]
    assert set(manifest["documents"]) == {A}
    assert visible_documents(packet, Recipient("u2")) == {A}


def test_cleared_user_and_secretary_see_everything() -> None:
    packet = sample_packet()
    for who in (Recipient("u1"), Recipient("sec", sees_all=True)):
        manifest = build_manifest(packet, who)
        assert set(manifest["documents"]) == {A, B, C}
        assert manifest["agenda"][1]["children"][0]["documents"] == [C]


def _manifest_ids(items: list[dict[str, object]]) -> set[str]:
    found: set[str] = set()
    for item in items:
        found.add(str(item["id"]))
        children = item["children"]
        assert isinstance(children, list)
        found |= _manifest_ids(children)
    return found


def test_item_clearances_hide_exactly_what_the_manifest_leaves_out() -> None:
    """Motions are shown by item_clearances; manifests by build_manifest: they must agree."""
    nested = AgendaNode(
        id="i4",
        title="Kỷ luật",
        confidential=True,
        cleared=frozenset({"u1", "u2"}),
        children=(
            AgendaNode(id="i4a", title="Hồ sơ", confidential=True, cleared=frozenset({"u2"})),
            AgendaNode(id="i4b", title="Biên bản"),
        ),
    )
    packet = replace(sample_packet(), agenda=(*sample_packet().agenda, nested))
    everything = {n.id for top in packet.agenda for n in top.walk()}
    clearances = item_clearances(packet.agenda)
    assert clearances == {
        "i2": {"u1"},
        "i2a": {"u1"},
        "i4": {"u1", "u2"},
        "i4a": {"u2"},
        "i4b": {"u1", "u2"},
    }
    for user in ("u1", "u2", "u3"):
        shown = _manifest_ids(build_manifest(packet, Recipient(user))["agenda"])
        by_clearance = {i for i in everything if i not in clearances or user in clearances[i]}
        assert shown == by_clearance


def test_snapshot_round_trip_is_lossless() -> None:
    packet = sample_packet()
    assert Packet.from_snapshot(packet.to_snapshot()) == packet


def chain(n: int) -> list[AuditRecord]:
    records, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        record = AuditRecord(
            seq=seq,
            at=f"t{seq}",
            actor="u",
            action="login",
            subject=None,
            details={"n": seq},
            prev_hash=prev,
        )
        record = replace(record, hash=entry_hash(record))
        records.append(record)
        prev = record.hash
    return records


def test_intact_chain_verifies() -> None:
    assert verify_chain(chain(5)) is None
    assert verify_chain([]) is None


def test_edit_removal_and_relinking_are_each_found() -> None:
    edited = chain(5)
    edited[2] = replace(edited[2], details={"n": 99})
    assert verify_chain(edited).seq == 3  # type: ignore[union-attr]

    removed = chain(5)
    del removed[1]
    assert verify_chain(removed).seq == 3  # type: ignore[union-attr]

    relinked = chain(5)
    relinked[3] = replace(relinked[3], prev_hash="f" * 64)
    relinked[3] = replace(relinked[3], hash=entry_hash(relinked[3]))
    broken = verify_chain(relinked)
    assert broken is not None and broken.seq == 4
