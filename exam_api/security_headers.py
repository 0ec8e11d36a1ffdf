"""Response headers that make browsers and caches handle the API safely.

Every response: no MIME sniffing, no referrer, and a content security policy
that lets nothing load (JSON needs nothing). The Swagger UI page gets a
policy of its own: its scripts and styles from this origin (the app serves
them, `docs_assets`), and its one inline script by hash, computed from the
page as served. Responses to
authenticated requests and every token response are `no-store`, so no
shared cache keeps a student's result or a token. HSTS in production.
"""

from __future__ import annotations

import base64
import hashlib
import re

from flask import Flask, request

from exam_api.config import Settings

API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
HSTS = "max-age=31536000; includeSubDomains"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


def docs_policy(page: bytes) -> str:
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'"
        for script in _INLINE_SCRIPT.findall(page)
    )
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self'; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


def init_security_headers(app: Flask, settings: Settings, docs_path: str) -> None:
    @app.after_request
    def _security_headers(response):
        headers = response.headers
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "no-referrer"
        if request.path == docs_path:
            headers["Content-Security-Policy"] = docs_policy(response.get_data())
        else:
            headers["Content-Security-Policy"] = API_POLICY
        if "Authorization" in request.headers or request.path.startswith("/api/v1/auth/"):
            headers["Cache-Control"] = "no-store"
        if settings.is_production:
            headers["Strict-Transport-Security"] = HSTS
        return response
