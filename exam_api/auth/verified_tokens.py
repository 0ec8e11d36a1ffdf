"""A JWT is verified once per process, not on every request.

flask-jwt-extended decodes a token three times to verify it (its header and
claims unverified for the key loader, then verified), and reads its header
a fourth time after verifying it; PyJWT checks every base64 character in
Python each time: a third of a cached exam read went there. The verified
claims of a token string, and its header, are remembered until the token
expires, so a poll loop pays for them once. What is checked per request is
unchanged: expiry (a remembered token past its `exp` goes back through the
library, which refuses it), type, and the session (blocklist) check, which
flask-jwt-extended runs after decoding on every request.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import NamedTuple

import jwt
from flask import Flask, current_app
from flask_jwt_extended import JWTManager, get_unverified_jwt_headers, view_decorators

REMEMBERED_TOKENS = 4096
"""Tokens remembered per process, least recently used dropped first (about
a kilobyte each)."""

_EXTENSION = "verified-tokens"


class Verified(NamedTuple):
    claims: dict
    header: dict


class _Remembered:
    """One app's verified tokens: its own, since another app (a test's) may
    sign with another key."""

    def __init__(self):
        self.tokens: OrderedDict[str, Verified] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, token: str) -> Verified | None:
        with self.lock:
            verified = self.tokens.get(token)
            if verified is not None:
                self.tokens.move_to_end(token)
        return verified

    def put(self, token: str, verified: Verified) -> None:
        with self.lock:
            self.tokens[token] = verified
            if len(self.tokens) > REMEMBERED_TOKENS:
                self.tokens.popitem(last=False)


class VerifiedTokenJWTManager(JWTManager):
    def init_app(self, app: Flask, add_context_processor: bool = False) -> None:
        super().init_app(app, add_context_processor)
        app.extensions[_EXTENSION] = _Remembered()
        # The library's view decorator reads the header through this name,
        # after `decode_token` has verified (or recalled) the same token.
        view_decorators.get_unverified_jwt_headers = remembered_header

    def _decode_jwt_from_config(self, encoded_token: str, csrf_value=None, allow_expired: bool = False) -> dict:
        if csrf_value is not None or allow_expired:
            return super()._decode_jwt_from_config(encoded_token, csrf_value, allow_expired)
        remembered = current_app.extensions[_EXTENSION]
        verified = remembered.get(encoded_token)
        if verified is not None and time.time() < verified.claims.get("exp", 0):
            return dict(verified.claims)
        claims = super()._decode_jwt_from_config(encoded_token, csrf_value, allow_expired)
        if "exp" in claims:
            remembered.put(encoded_token, Verified(dict(claims), jwt.get_unverified_header(encoded_token)))
        return claims


def remembered_header(encoded_token: str) -> dict:
    """The header of a token this app has verified, as read then; any other
    token's is read as flask-jwt-extended reads it."""
    remembered = current_app.extensions.get(_EXTENSION)
    verified = remembered.get(encoded_token) if remembered is not None else None
    return dict(verified.header) if verified is not None else get_unverified_jwt_headers(encoded_token)
