"""A JWT is verified once per process, not on every request.

flask-jwt-extended decodes a token three times to verify it (its header and
claims unverified for the key loader, then verified), and PyJWT checks every
base64 character in Python: a third of a cached exam read went there. The
verified claims of a token string are remembered until the token expires,
so a poll loop pays for the signature once. What is checked per request is
unchanged: expiry (a remembered token past its `exp` goes back through the
library, which refuses it), type, and the session (blocklist) check, which
flask-jwt-extended runs after decoding on every request.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from flask import Flask, current_app
from flask_jwt_extended import JWTManager

REMEMBERED_TOKENS = 4096
"""Tokens remembered per process, least recently used dropped first (about
a kilobyte each)."""


class _Remembered:
    """One app's verified tokens: its own, since another app (a test's) may
    sign with another key."""

    def __init__(self):
        self.claims: OrderedDict[str, dict] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, token: str) -> dict | None:
        with self.lock:
            claims = self.claims.get(token)
            if claims is not None:
                self.claims.move_to_end(token)
        return claims

    def put(self, token: str, claims: dict) -> None:
        with self.lock:
            self.claims[token] = claims
            if len(self.claims) > REMEMBERED_TOKENS:
                self.claims.popitem(last=False)


class VerifiedTokenJWTManager(JWTManager):
    def init_app(self, app: Flask, add_context_processor: bool = False) -> None:
        super().init_app(app, add_context_processor)
        app.extensions["verified-tokens"] = _Remembered()

    def _decode_jwt_from_config(self, encoded_token: str, csrf_value=None, allow_expired: bool = False) -> dict:
        if csrf_value is not None or allow_expired:
            return super()._decode_jwt_from_config(encoded_token, csrf_value, allow_expired)
        remembered = current_app.extensions["verified-tokens"]
        claims = remembered.get(encoded_token)
        if claims is not None and time.time() < claims.get("exp", 0):
            return dict(claims)
        claims = super()._decode_jwt_from_config(encoded_token, csrf_value, allow_expired)
        if "exp" in claims:
            remembered.put(encoded_token, dict(claims))
        return claims
