"""annotations: signed revisions, the notes' current state, trusted device keys

Revision ID: c0003
Revises: c0002
Create Date: 2026-11-28

Every signed revision is kept as the exact canonical JSON that was signed (so its hash, which
the next revision names, is the hash of the stored bytes), with a seal: an HMAC under a key
derived from the vault key over the note's id, the revision number and the record, written
once the signature was verified.  Each note's state row carries a head seal over its latest
revision (number and hash), document and deletion, so a revision removed, moved between
notes or rolled back is caught.  Loading checks seals (microseconds) and falls back to the
signatures (far slower) where one does not match.
``backed_up``: the revision is queued for (or already in) the encrypted backup.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "annotation_revisions",
        sa.Column("note_id", sa.String(length=32), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("seal", sa.String(length=64), nullable=False),
        sa.Column("backed_up", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("note_id", "revision"),
    )
    op.create_table(
        "annotation_notes",
        sa.Column("note_id", sa.String(length=32), nullable=False),
        sa.Column("document", sa.String(length=64), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("orphaned_by", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("head_seal", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("note_id"),
    )
    op.create_index("ix_annotation_notes_document", "annotation_notes", ["document", "page"])
    op.create_table(
        "trusted_keys",
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key_id"),
    )


def downgrade() -> None:
    op.drop_table("trusted_keys")
    op.drop_index("ix_annotation_notes_document", table_name="annotation_notes")
    op.drop_table("annotation_notes")
    op.drop_table("annotation_revisions")
