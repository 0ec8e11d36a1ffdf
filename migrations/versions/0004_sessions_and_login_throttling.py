"""Sessions in the database (refresh-token families), account state and
login throttling. Existing users start enabled with no failures. Tokens
issued before this revision carry no session and are refused: everyone
logs in again once.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

import exam_api.database

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "auth_sessions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("refresh_jti", sa.String(length=36), nullable=False),
        sa.Column("created_at", exam_api.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", exam_api.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", exam_api.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", exam_api.database.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_reason", sa.String(length=40), nullable=True),
        sa.Column("client_address", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.create_index("ix_auth_sessions_user_id_revoked_at", ["user_id", "revoked_at"], unique=False)

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("disabled_at", exam_api.database.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("locked_until", exam_api.database.UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")
        batch_op.drop_column("disabled_at")

    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_auth_sessions_user_id_revoked_at")

    op.drop_table("auth_sessions")
