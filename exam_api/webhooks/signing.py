"""Standard Webhooks signatures (standardwebhooks.com): a secret is
`whsec_` + base64 key bytes; the signature is base64 HMAC-SHA256 of
`{webhook-id}.{webhook-timestamp}.{body}`, sent as `v1,<signature>`, one per
active secret, space-separated, so a receiver that knows either secret
verifies during a rotation."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"
_KEY_BYTES = 32


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(_KEY_BYTES)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(PREFIX))


def signature(secrets_: list[str], message_id: str, timestamp: int, body: str) -> str:
    content = f"{message_id}.{timestamp}.{body}".encode()
    return " ".join(
        "v1," + base64.b64encode(hmac.new(_key(secret), content, hashlib.sha256).digest()).decode()
        for secret in secrets_
    )
