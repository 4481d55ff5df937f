"""End-to-end encrypted annotation backups: the server keeps ciphertext it cannot read.

A device uploads each signed revision of its user's notes encrypted under a key only the
user holds (shown once as a recovery key); a new device downloads them all and decrypts
them with that key.  Items are written once: the same ciphertext again is a no-op (a
replayed upload), another one is refused — revisions never change, and a wrong key on one
device cannot overwrite what another device stored.
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ecabinet.server.deps import CallerDep, SessionDep
from ecabinet.server.errors import ApiError
from ecabinet.server.models import AnnotationBackup

router = APIRouter(tags=["annotations"])

_ITEM = r"^(check|keys/[A-Za-z0-9_-]{1,64}|notes/[0-9a-f]{32}/[0-9]{1,9})$"
# A revision carries a note's text (≤ 20,000 characters) and its geometry: ample.
_MAX_CIPHERTEXT = 400_000


class BackupItem(BaseModel):
    item: str = Field(pattern=_ITEM, description="check, keys/<key id> or notes/<id>/<revision>")
    ciphertext: str = Field(
        min_length=1, max_length=_MAX_CIPHERTEXT, pattern=r"^[A-Za-z0-9+/]+={0,2}$"
    )


class BackupItems(BaseModel):
    items: list[BackupItem]


@router.put("/annotations/backup", responses={409: {}})
def store_item(body: BackupItem, session: SessionDep, caller: CallerDep) -> BackupItem:
    """Keep one encrypted item (written once; the same bytes again change nothing)."""
    row = session.get(AnnotationBackup, (caller.id, body.item))
    if row is None:
        session.add(AnnotationBackup(user_id=caller.id, item=body.item, ciphertext=body.ciphertext))
        try:
            session.commit()
            return body
        except IntegrityError:  # two devices sent the same item at once: compare with theirs
            session.rollback()
            row = session.get(AnnotationBackup, (caller.id, body.item))
    if row is not None and row.ciphertext != body.ciphertext:
        raise ApiError(
            409,
            "backup_item_exists",
            f"The backup already holds {body.item} with other content; revisions never change.",
        )
    return body


@router.get("/annotations/backup")
def list_items(session: SessionDep, caller: CallerDep) -> BackupItems:
    """Every encrypted item of the caller's backup (to restore on a new device)."""
    rows = session.scalars(
        select(AnnotationBackup)
        .where(AnnotationBackup.user_id == caller.id)
        .order_by(AnnotationBackup.item)
    )
    return BackupItems(items=[BackupItem(item=r.item, ciphertext=r.ciphertext) for r in rows])
