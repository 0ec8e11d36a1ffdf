from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from exam_api.exams.models import STATUS_PUBLISHED, Exam, ExamExtension, ExamVersion, Question


def _live():
    return select(Exam).where(Exam.deleted_at.is_(None))


def get(session: Session, exam_id: int, *, published_only: bool = False) -> Exam | None:
    query = _live().where(Exam.id == exam_id).options(selectinload(Exam.questions).selectinload(Question.options))
    if published_only:
        query = query.where(Exam.status == STATUS_PUBLISHED)
    return session.scalar(query)


def page(session: Session, *, published_only: bool, offset: int, limit: int) -> tuple[list[Exam], int]:
    query = _live()
    if published_only:
        query = query.where(Exam.status == STATUS_PUBLISHED)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    items = session.scalars(
        query.order_by(Exam.id)
        .offset(offset)
        .limit(limit)
        .options(selectinload(Exam.questions).selectinload(Question.options))
    ).all()
    return list(items), total


def add(session: Session, exam: Exam) -> Exam:
    session.add(exam)
    session.flush()
    return exam


def latest_version(session: Session, exam_id: int) -> ExamVersion | None:
    return session.scalar(
        select(ExamVersion).where(ExamVersion.exam_id == exam_id).order_by(ExamVersion.version.desc()).limit(1)
    )


def get_version(session: Session, exam_id: int, version: int) -> ExamVersion | None:
    return session.scalar(select(ExamVersion).where(ExamVersion.exam_id == exam_id, ExamVersion.version == version))


def get_extension(session: Session, exam_id: int, user_id: int) -> ExamExtension | None:
    return session.scalar(
        select(ExamExtension).where(ExamExtension.exam_id == exam_id, ExamExtension.user_id == user_id)
    )


def extensions_of(session: Session, exam_id: int) -> dict[int, ExamExtension]:
    return {e.user_id: e for e in session.scalars(select(ExamExtension).where(ExamExtension.exam_id == exam_id))}


def latest_extension_close(session: Session, exam_id: int):
    """The latest close any student's extension gives (None without one)."""
    return session.scalar(select(func.max(ExamExtension.close_at)).where(ExamExtension.exam_id == exam_id))
