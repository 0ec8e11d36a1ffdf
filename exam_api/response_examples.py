"""One example body per JSON response, shown in the OpenAPI document (and so
in Swagger UI). Each was a real answer of the API, trimmed (lists shortened,
tokens cut); a test checks each against its operation's response schema, with
no field the schema lacks, so an example that stops being true fails the suite."""

HEALTH = {"status": "ok"}
READINESS = {"checks": {"database": "ok", "kafka": "ok", "redis": "ok"}, "status": "ok"}
USER = {"email": "ada@school.example", "full_name": "Ada Lovelace", "id": 2, "role": "student"}
TOKEN_PAIR = {
    "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…",
    "expires_in": 900,
    "refresh_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…",
    "token_type": "Bearer",
}
QUESTION = {
    "accepted_answers": None,
    "answer": None,
    "answer_feedback": None,
    "case_sensitive": None,
    "correct_answer": None,
    "feedback": None,
    "feedback_right": None,
    "feedback_wrong": None,
    "id": 1,
    "max_words": None,
    "options": [
        {"correct": True, "feedback": None, "id": 1, "text": "Jupiter", "weight": None},
        {"correct": False, "feedback": None, "id": 2, "text": "Mars", "weight": None},
    ],
    "partial_answers": None,
    "penalty": 0.0,
    "points": 2.0,
    "prompt": "Which planet is largest?",
    "scoring": None,
    "title": None,
    "tolerance": None,
    "type": "single_choice",
}
TRUE_FALSE_QUESTION = {
    "accepted_answers": None,
    "answer": None,
    "answer_feedback": None,
    "case_sensitive": None,
    "correct_answer": True,
    "feedback": None,
    "feedback_right": None,
    "feedback_wrong": None,
    "id": 2,
    "max_words": None,
    "options": [],
    "partial_answers": None,
    "penalty": 0.0,
    "points": 1.0,
    "prompt": "The Sun is a star.",
    "scoring": None,
    "title": None,
    "tolerance": None,
    "type": "true_false",
}
EXAM = {
    "close_at": None,
    "created_at": "2026-11-26T09:45:26.674591+00:00",
    "description": "Ten minutes, two attempts, the best counts.",
    "grace_seconds": 0.0,
    "grading_method": "highest",
    "id": 1,
    "max_attempts": 2,
    "open_at": None,
    "pass_percent": 50.0,
    "published_at": "2026-11-26T09:45:26.722366+00:00",
    "questions_per_attempt": None,
    "review": {"answers": "after_close", "feedback": "after_close", "score": "immediately"},
    "shuffle_options": False,
    "shuffle_questions": False,
    "status": "published",
    "time_limit_seconds": 600.0,
    "title": "Astronomy quiz (revised)",
    "updated_at": "2026-11-26T09:45:26.724849+00:00",
    "version": 1,
    "questions": [QUESTION, TRUE_FALSE_QUESTION],
}
EXAM_AS_A_STUDENT_SEES_IT = {
    key: value for key, value in EXAM.items() if key not in ("created_at", "updated_at", "published_at", "questions")
}
"""No key and no bookkeeping; no questions either in a timed exam (each attempt shows its own)."""
ATTEMPT = {
    "deadline": "2026-11-26T09:55:26.747932+00:00",
    "exam_id": 1,
    "exam_version": 1,
    "id": 1,
    "questions": [
        {
            "id": 1,
            "options": [{"id": 1, "text": "Jupiter"}, {"id": 2, "text": "Mars"}],
            "penalty": 0.0,
            "points": 2.0,
            "prompt": "Which planet is largest?",
            "type": "single_choice",
        },
        {"id": 2, "options": [], "penalty": 0.0, "points": 1.0, "prompt": "The Sun is a star.", "type": "true_false"},
        {
            "id": 3,
            "options": [],
            "penalty": 0.0,
            "points": 1.0,
            "prompt": "How many planets orbit the Sun?",
            "type": "numeric",
        },
        {
            "id": 4,
            "options": [],
            "penalty": 0.0,
            "points": 5.0,
            "prompt": "Why is Pluto not a planet?",
            "type": "essay",
        },
        {
            "id": 5,
            "options": [{"id": 3, "text": "Jupiter"}, {"id": 4, "text": "Mars"}],
            "penalty": 0.0,
            "points": 3.0,
            "prompt": "Which planet in the solar system is largest?",
            "type": "single_choice",
        },
    ],
    "saved_answers": None,
    "saved_at": None,
    "seconds_left": 600.0,
    "started_at": "2026-11-26T09:45:26.747932+00:00",
    "status": "in_progress",
}
AUTOSAVED = {
    "id": 1,
    "saved_answers": [{"option_ids": [1], "question_id": 1}, {"option_ids": [], "question_id": 2, "value": True}],
    "saved_at": "2026-11-26T09:45:26.764799+00:00",
}
EXTENSION = {
    "attempt_deadline": "2026-11-26T10:00:26.747932+00:00",
    "close_at": None,
    "created_at": "2026-11-26T09:45:26.776451+00:00",
    "exam_id": 1,
    "extra_seconds": 300.0,
    "user_id": 2,
}
SUBMISSION_ACCEPTED = {"id": 1, "status": "queued"}
SUBMISSION = {
    "attempt_id": 1,
    "attempts": 1,
    "auto_submitted": False,
    "exam_id": 1,
    "exam_version": 1,
    "failure_reason": None,
    "id": 1,
    "max_score": 12.0,
    "passed": True,
    "percent": 95.83,
    "score": 11.5,
    "scored_at": "2026-11-26T09:45:26.838884+00:00",
    "status": "scored",
    "submitted_at": "2026-11-26T09:45:26.784406+00:00",
}
_STUDENT_SUBMISSION = {key: value for key, value in SUBMISSION.items() if key not in ("attempts", "failure_reason")}
SUBMISSION_QUEUED = {
    **_STUDENT_SUBMISSION,
    "max_score": None,
    "passed": None,
    "percent": None,
    "score": None,
    "scored_at": None,
    "status": "queued",
}
SUBMISSION_NEEDS_GRADING = {
    **_STUDENT_SUBMISSION,
    "passed": None,
    "percent": None,
    "score": None,
    "scored_at": None,
    "status": "needs_grading",
}
GRADING_QUEUE_ITEM = {
    "attempt_id": 1,
    "auto_submitted": False,
    "pending_question_ids": [4],
    "submission_id": 1,
    "submitted_at": "2026-11-26T09:45:26.784406+00:00",
    "user_id": 2,
}
REVIEW = {
    "max_score": 12.0,
    "percent": 95.83,
    "questions": [
        {
            "answer": {"option_ids": [1]},
            "points": 2.0,
            "prompt": "Which planet is largest?",
            "question_id": 1,
            "type": "single_choice",
        },
        {
            "answer": {"value": True},
            "points": 1.0,
            "prompt": "The Sun is a star.",
            "question_id": 2,
            "type": "true_false",
        },
        {
            "answer": {"value": 8},
            "points": 1.0,
            "prompt": "How many planets orbit the Sun?",
            "question_id": 3,
            "type": "numeric",
        },
        {
            "answer": {"value": "It has not cleared its orbit."},
            "points": 5.0,
            "prompt": "Why is Pluto not a planet?",
            "question_id": 4,
            "type": "essay",
        },
        {
            "answer": {"option_ids": [3]},
            "points": 3.0,
            "prompt": "Which planet in the solar system is largest?",
            "question_id": 5,
            "type": "single_choice",
        },
    ],
    "score": 11.5,
    "status": "scored",
    "submission_id": 1,
}
RESULT = {
    "attempts": 1,
    "exam_id": 1,
    "final_percent": 95.83,
    "final_score": 11.5,
    "grading_method": "highest",
    "passed": True,
    "user_id": 2,
}
STATISTICS = {
    "attempts": "highest",
    "attempts_counted": 1,
    "cic": None,
    "error_ratio": None,
    "exam_id": 1,
    "kurtosis": None,
    "mean_percent": 95.83,
    "median_percent": 95.83,
    "questions": [
        {
            "attempts": 1,
            "discrimination_index": None,
            "discriminative_efficiency": None,
            "dubious": False,
            "effective_weight": None,
            "facility": 100.0,
            "intended_weight": 16.67,
            "options": [{"chosen": 1, "option_id": 1}, {"chosen": 0, "option_id": 2}],
            "question_id": 1,
            "random_guess": 50.0,
            "sd_percent": None,
            "type": "single_choice",
        },
        {
            "attempts": 1,
            "discrimination_index": None,
            "discriminative_efficiency": None,
            "dubious": False,
            "effective_weight": None,
            "facility": 100.0,
            "intended_weight": 8.33,
            "options": None,
            "question_id": 2,
            "random_guess": 50.0,
            "sd_percent": None,
            "type": "true_false",
        },
    ],
    "sd_percent": None,
    "skewness": None,
    "standard_error_percent": None,
}
JOB_STARTED = {"job_id": 1}
JOB = {
    "created_at": "2026-11-26T09:45:26.882385+00:00",
    "error": None,
    "exam_id": 1,
    "finished_at": "2026-11-26T09:45:26.906700+00:00",
    "id": 1,
    "kind": "regrade",
    "progress": 100,
    "result": {
        "changed_question_ids": [],
        "changes": [],
        "dry_run": True,
        "questions_changed": 0,
        "skipped": [],
        "submissions_changed": 0,
        "submissions_checked": 1,
    },
    "started_at": "2026-11-26T09:45:26.895595+00:00",
    "status": "succeeded",
}
QUEUE_REPORT = {
    "failed_last_hour": 0,
    "oldest_processing_age_seconds": None,
    "oldest_queued_age_seconds": None,
    "outbox": {"backlog": 2, "oldest_age_seconds": 0.144},
    "submissions": {"failed": 0, "needs_grading": 0, "processing": 0, "queued": 0, "scored": 1},
}
ACCOUNT = {**USER, "disabled_at": "2026-11-26T09:45:26.940816+00:00"}
AUDIT_EVENT = {
    "action": "user.disabled",
    "actor_id": 1,
    "client_address": "127.0.0.1",
    "details": {},
    "id": 12,
    "occurred_at": "2026-11-26T09:45:26.941235+00:00",
    "request_id": "5f0c2b1e9a7d4c3b8e6f1a2d3c4b5a69",
    "target_id": "2",
    "target_type": "user",
}
WEBHOOK = {
    "created_at": "2026-11-26T09:45:26.664887+00:00",
    "description": "gradebook sync",
    "disabled_at": None,
    "disabled_reason": None,
    "enabled": True,
    "events": ["exam.submission.scored"],
    "failing_since": None,
    "id": 1,
    "previous_secret_until": None,
    "updated_at": "2026-11-26T09:45:26.664893+00:00",
    "url": "https://lms.example.org/hooks/exam-api",
}
WEBHOOK_CREATED = {**WEBHOOK, "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIv2CaZ7OJ"}
WEBHOOK_SECRET = {
    "previous_secret_until": "2026-11-27T09:45:27.007858+00:00",
    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIv2CaZ7OJ",
}
WEBHOOK_DELIVERY = {
    "attempts": 1,
    "created_at": "2026-11-26T09:45:26.962855+00:00",
    "delivered_at": "2026-11-26T09:45:26.975825+00:00",
    "event_id": "bbcc86d4-d06b-551e-b36f-7fc116b425fa",
    "event_type": "exam.submission.scored",
    "id": 1,
    "next_attempt_at": None,
    "status": "delivered",
    "tries": [
        {"attempted_at": "2026-11-26T09:45:26.975825+00:00", "duration_ms": 1, "error": None, "status_code": 200}
    ],
}
PROBLEM_TYPE = {
    "meaning": "This attempt has been submitted already; start a new attempt if the exam allows more.",
    "slug": "already-submitted",
    "status": 409,
    "title": "Attempt already submitted",
    "type": "/problems/already-submitted",
}
EXAM_DRAFT = {**EXAM, "status": "draft", "published_at": None}
"""What POST /exams and an import answer: a draft, until it is published."""

EXAM_VIEWS = {
    "admin": {"summary": "An admin sees the questions with their key", "value": EXAM},
    "student": {"summary": "A student sees the published exam, no key", "value": EXAM_AS_A_STUDENT_SEES_IT},
}
SUBMISSION_STATES = {
    "queued": {"summary": "Accepted, waiting for the worker", "value": SUBMISSION_QUEUED},
    "needs_grading": {
        "summary": "Scored except an essay a grader has not marked yet",
        "value": SUBMISSION_NEEDS_GRADING,
    },
    "scored": {"summary": "Final", "value": SUBMISSION},
}
