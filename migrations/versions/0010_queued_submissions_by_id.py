"""Queued submissions by id: the oldest queued one is an index lookup, which
bounds the queue's length on every submit without counting it.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("submissions") as batch_op:
        batch_op.create_index("ix_submissions_status_id", ["status", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("submissions") as batch_op:
        batch_op.drop_index("ix_submissions_status_id")
