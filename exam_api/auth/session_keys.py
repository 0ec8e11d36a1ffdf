"""Where Redis keeps a session's cached answer: named apart from the check
itself, because the rate limit's key function names it before any model or
database is imported."""


def session_key(session_id: str) -> str:
    return f"exam-api:session:{session_id}"
