"""One example body per JSON request, shown in the OpenAPI document (and so
in Swagger UI). A test loads each through its route's schema, so an example
that stops being valid fails the suite; README's walkthrough uses the same
shapes."""

REGISTER = {"email": "ada@school.example", "password": "correct horse battery", "full_name": "Ada Lovelace"}
LOGIN = {"email": "ada@school.example", "password": "correct horse battery"}
PASSWORD_CHANGE = {"current_password": "correct horse battery", "new_password": "another long passphrase"}

_CHOICE = {
    "type": "single_choice",
    "prompt": "Which planet is largest?",
    "points": 2,
    "options": [{"text": "Jupiter", "correct": True}, {"text": "Mars", "correct": False}],
}
QUESTION = _CHOICE
QUESTION_PATCH = {"prompt": "Which planet in the solar system is largest?", "points": 3}
EXAM = {
    "title": "Astronomy quiz",
    "description": "Ten minutes, two attempts, the best counts.",
    "time_limit_seconds": 600,
    "max_attempts": 2,
    "pass_percent": 60,
    "grading_method": "highest",
    "questions": [
        _CHOICE,
        {"type": "true_false", "prompt": "The Sun is a star.", "points": 1, "correct_answer": True},
        {"type": "numeric", "prompt": "How many planets orbit the Sun?", "points": 1, "answer": 8, "tolerance": 0},
    ],
}
EXAM_PATCH = {"title": "Astronomy quiz (revised)", "pass_percent": 50}
EXTENSION = {"user_id": 42, "extra_seconds": 300}
ANSWERS = [{"question_id": 11, "option_ids": [31]}, {"question_id": 12, "value": True}, {"question_id": 13, "value": 8}]
AUTOSAVE = {"answers": ANSWERS}
SUBMISSION = {"attempt_id": 7, "answers": ANSWERS}
GRADES = {"grades": [{"question_id": 14, "points": 4.5, "feedback": "Clear argument; cite a source next time."}]}
REGRADE = {"dry_run": True, "question_ids": [11]}
EXPORT = {"kind": "grades", "format": "csv"}
WEBHOOK = {
    "url": "https://lms.example.org/hooks/exam-api",
    "events": ["exam.submission.scored"],
    "description": "gradebook sync",
}
WEBHOOK_PATCH = {"enabled": True}
