"""The request id an event was written under, sent as a Kafka header.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbox_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_id", sa.String(length=128), nullable=True))


def downgrade():
    with op.batch_alter_table("outbox_events", schema=None) as batch_op:
        batch_op.drop_column("request_id")
