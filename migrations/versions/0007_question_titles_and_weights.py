"""Question titles and option weights (what GIFT carries: ::title::, %n% answer weights).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title", sa.String(length=200), nullable=True))
    with op.batch_alter_table("options", schema=None) as batch_op:
        batch_op.add_column(sa.Column("weight", sa.BigInteger(), nullable=True))


def downgrade():
    with op.batch_alter_table("options", schema=None) as batch_op:
        batch_op.drop_column("weight")
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_column("title")
