"""The exam engine: question types, penalties and feedback, timing and
availability, grace and extensions, per-attempt draws, autosave, manual
grading and review policy. Existing rows get the documented defaults.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

import exam_api.database

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

DEFAULT_REVIEW = '{"score": "immediately", "answers": "after_close", "feedback": "after_close"}'


def upgrade():
    op.create_table(
        "exam_extensions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("extra_seconds", sa.Float(), nullable=False),
        sa.Column("close_at", exam_api.database.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", exam_api.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(["exam_id"], ["exams.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("exam_id", "user_id"),
    )
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "saved_answers",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("saved_at", exam_api.database.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("closes_at", exam_api.database.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_attempts_status_closes_at", ["status", "closes_at"], unique=False)
    # Until now an attempt closed at its deadline (there was no grace).
    op.execute("UPDATE attempts SET closes_at = deadline")

    with op.batch_alter_table("exams", schema=None) as batch_op:
        batch_op.add_column(sa.Column("grace_seconds", sa.Float(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("open_at", exam_api.database.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("close_at", exam_api.database.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("grading_method", sa.String(length=20), nullable=False, server_default="highest"))
        batch_op.add_column(sa.Column("shuffle_questions", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("shuffle_options", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("questions_per_attempt", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "review",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
                nullable=False,
                server_default=DEFAULT_REVIEW,
            )
        )
        batch_op.alter_column(
            "time_limit_seconds", existing_type=sa.INTEGER(), type_=sa.Float(), existing_nullable=True
        )

    with op.batch_alter_table("options", schema=None) as batch_op:
        batch_op.add_column(sa.Column("feedback", sa.Text(), nullable=True))

    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("penalty", exam_api.database.Decimal2(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("feedback", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "config",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
                nullable=False,
                server_default="{}",
            )
        )

    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("auto_submitted", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("auto_submitted")

    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_column("config")
        batch_op.drop_column("feedback")
        batch_op.drop_column("penalty")

    with op.batch_alter_table("options", schema=None) as batch_op:
        batch_op.drop_column("feedback")

    with op.batch_alter_table("exams", schema=None) as batch_op:
        batch_op.alter_column(
            "time_limit_seconds", existing_type=sa.Float(), type_=sa.INTEGER(), existing_nullable=True
        )
        batch_op.drop_column("review")
        batch_op.drop_column("questions_per_attempt")
        batch_op.drop_column("shuffle_options")
        batch_op.drop_column("shuffle_questions")
        batch_op.drop_column("grading_method")
        batch_op.drop_column("close_at")
        batch_op.drop_column("open_at")
        batch_op.drop_column("grace_seconds")

    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_attempts_status_closes_at")
        batch_op.drop_column("closes_at")
        batch_op.drop_column("saved_at")
        batch_op.drop_column("saved_answers")

    op.drop_table("exam_extensions")
