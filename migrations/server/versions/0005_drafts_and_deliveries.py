"""draft revisions, deliveries and former participants

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Server defaults give meetings made before this revision their first draft revision.
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("draft_revision", sa.Integer(), server_default="1", nullable=False)
        )
        batch_op.add_column(
            sa.Column("draft_changed_by", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("draft_changed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("draft_change", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "former_participants",
        sa.Column("meeting_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", "user_id"),
    )
    op.create_table(
        "deliveries",
        sa.Column("meeting_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("packet_version", sa.Integer(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", "user_id", "device_id"),
    )


def downgrade() -> None:
    op.drop_table("deliveries")
    op.drop_table("former_participants")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("draft_change")
        batch_op.drop_column("draft_changed_at")
        batch_op.drop_column("draft_changed_by")
        batch_op.drop_column("draft_revision")
