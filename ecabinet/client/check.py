"""``ecabinet check``: re-verify everything a profile holds, offline."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select

from ecabinet.client.annotations import trusted_device_keys
from ecabinet.client.profile import Profile
from ecabinet.client.receipts import ReceiptRow
from ecabinet.client.store import AnnotationRevision, DocumentRow, PacketVersion
from ecabinet.client.vault import VaultDamaged
from ecabinet.core.annotations import verify_history
from ecabinet.core.records import RecordError, verify_any
from ecabinet.core.signing import SignatureError, verify_record


@dataclass
class CheckReport:
    documents_checked: int = 0
    signatures_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_profile(profile: Profile) -> CheckReport:
    """Decrypt and re-hash every stored document, verify every stored signature.

    Manifests and ballot receipts against the pinned server key, notes' revisions against
    the trusted device keys.

    Damaged or missing documents are marked so the next sync fetches them again.
    """
    report = CheckReport()
    key = profile.pinned_server_key()
    with profile.store.session() as session:
        packets = list(
            session.scalars(
                select(PacketVersion).order_by(PacketVersion.meeting_id, PacketVersion.version)
            )
        )
        documents = list(session.scalars(select(DocumentRow).order_by(DocumentRow.sha256)))
        receipts = list(session.scalars(select(ReceiptRow).order_by(ReceiptRow.stored_at)))
    needed: dict[str, str] = {}
    for packet in packets:
        label = f"meeting {packet.meeting_id} version {packet.version}"
        if key is None:
            report.problems.append(f"{label}: no server key is pinned to check it against")
            continue
        try:
            manifest = verify_record(json.loads(packet.record), "manifest", key)
        except (SignatureError, ValueError) as exc:
            report.problems.append(f"{label}: the stored manifest fails its signature ({exc})")
            continue
        report.signatures_checked += 1
        if packet.state != "pending":
            for sha, info in manifest["documents"].items():
                needed.setdefault(sha, f"“{info.get('title', sha[:12])}” ({label})")
    for receipt in receipts:
        label = f"ballot receipt for motion {receipt.motion_id}"
        if key is None:
            report.problems.append(f"{label}: no server key is pinned to check it against")
            continue
        try:
            verify_any(json.loads(receipt.record), key)
        except (RecordError, SignatureError, ValueError) as exc:
            report.problems.append(f"{label}: the stored receipt does not hold ({exc})")
            continue
        report.signatures_checked += 1
    known = {doc.sha256 for doc in documents}
    for sha, label in sorted(needed.items()):
        if sha not in known:
            report.problems.append(f"{label}: the document is not stored on this device")
    for doc in documents:
        report.documents_checked += 1
        label = needed.get(doc.sha256, doc.sha256[:16])
        try:
            profile.vault.verify(doc.sha256)
        except FileNotFoundError:
            report.problems.append(f"{label}: the document file is missing")
            profile.mark_damaged(doc.sha256)
        except VaultDamaged as exc:
            report.problems.append(f"{label}: damaged ({exc}); it will be downloaded again")
            profile.mark_damaged(doc.sha256)
    _check_notes(profile, report)
    return report


def _check_notes(profile: Profile, report: CheckReport) -> None:
    """Every revision of every note against the trusted device keys (no seal shortcuts)."""
    with profile.store.session() as session:
        keys = trusted_device_keys(session)
        rows = session.execute(
            select(AnnotationRevision.note_id, AnnotationRevision.record).order_by(
                AnnotationRevision.note_id, AnnotationRevision.revision
            )
        )
        histories: dict[str, list[dict[str, object]]] = {}
        for note_id, record in rows:
            histories.setdefault(str(note_id), []).append(json.loads(record))
    for note_id, records in histories.items():
        verdict = verify_history(records, keys)
        report.signatures_checked += verdict.revisions
        if verdict.problems:
            report.problems.append(f"note {note_id}: {verdict.problems[0]}")
