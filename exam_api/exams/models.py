from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from exam_api.database import Decimal2, UTCDateTime, json_type, utcnow
from exam_api.extensions import db
from exam_api.rules import timing
from exam_api.rules.grades import HIGHEST
from exam_api.rules.questions import CONFIG_FIELDS
from exam_api.rules.review import DEFAULT_REVIEW

STATUS_DRAFT = "draft"
STATUS_PUBLISHED = "published"


class Exam(db.Model):
    __tablename__ = "exams"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=STATUS_DRAFT, index=True)
    time_limit_seconds: Mapped[float | None] = mapped_column(Float)
    grace_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    open_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    max_attempts: Mapped[int] = mapped_column(Integer, default=1)
    pass_percent: Mapped[Decimal] = mapped_column(Decimal2, default=Decimal("50"))
    grading_method: Mapped[str] = mapped_column(String(20), default=HIGHEST)
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=False)
    shuffle_options: Mapped[bool] = mapped_column(Boolean, default=False)
    questions_per_attempt: Mapped[int | None] = mapped_column(Integer)
    review: Mapped[dict] = mapped_column(json_type(), default=lambda: dict(DEFAULT_REVIEW))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    questions: Mapped[list[Question]] = relationship(
        back_populates="exam", order_by="Question.position", cascade="all, delete-orphan"
    )

    @property
    def is_published(self) -> bool:
        return self.status == STATUS_PUBLISHED

    def close_for(self, extension: ExamExtension | None) -> datetime | None:
        """When the exam closes for one student: their extension's close, if it has one."""
        return timing.close_for(self.close_at, extension.close_at if extension else None)

    def closed_for_everyone(self, latest_extension_close: datetime | None) -> datetime | None:
        """When no student can answer any more: the exam's close or the latest
        extension's, whichever is later (never, without an exam close)."""
        return timing.last_close(self.close_at, latest_extension_close)


class _ConfigField:
    """A type-specific question field, kept in `Question.config` (JSON) and
    read like a column, so schemas treat ORM questions and snapshot dicts alike.
    One is attached per field in `rules.questions.CONFIG_FIELDS`."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, question, owner=None):
        return self if question is None else question.config.get(self.name)


class Question(db.Model):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exams.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(30))
    title: Mapped[str | None] = mapped_column(String(200), doc="A short name, as GIFT's ::title:: gives one.")
    prompt: Mapped[str] = mapped_column(Text)
    points: Mapped[Decimal] = mapped_column(Decimal2)
    penalty: Mapped[Decimal] = mapped_column(Decimal2, default=Decimal("0"))
    feedback: Mapped[str | None] = mapped_column(Text)
    config: Mapped[dict] = mapped_column(
        json_type(), default=dict, doc="What only some types have: scoring, keys, tolerance, max_words."
    )

    exam: Mapped[Exam] = relationship(back_populates="questions")
    options: Mapped[list[Option]] = relationship(
        back_populates="question", order_by="Option.position", cascade="all, delete-orphan"
    )


for _field in CONFIG_FIELDS:
    setattr(Question, _field, _ConfigField(_field))


class Option(db.Model):
    __tablename__ = "options"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    correct: Mapped[bool] = mapped_column(Boolean, default=False)
    weight: Mapped[Decimal | None] = mapped_column(Decimal2, doc="Percent of the points, where the author gave one.")
    feedback: Mapped[str | None] = mapped_column(Text)

    question: Mapped[Question] = relationship(back_populates="options")


class ExamVersion(db.Model):
    """What an exam asked and which answers scored, frozen when published or
    edited after publishing: attempts are shown and scored from this, so an
    edit never changes an attempt already started."""

    __tablename__ = "exam_versions"
    __table_args__ = (UniqueConstraint("exam_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exams.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict] = mapped_column(json_type())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def version_sat_on(owner: str):
    """A view-only relationship from `owner` (a model with `exam_id` and
    `exam_version`: an attempt, a submission) to the version it was sat on."""
    return relationship(
        ExamVersion,
        primaryjoin=(
            f"and_(foreign({owner}.exam_id) == ExamVersion.exam_id, "
            f"foreign({owner}.exam_version) == ExamVersion.version)"
        ),
        viewonly=True,
        doc="The exam version it was sat on: its questions and keys.",
    )


class ExamExtension(db.Model):
    """One student's extra time or later close for one exam."""

    __tablename__ = "exam_extensions"
    __table_args__ = (UniqueConstraint("exam_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exams.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    extra_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
