"""One HTTP POST of a webhook, with a hard timeout and no redirects (a
redirect could lead past the address check to an internal host)."""

from __future__ import annotations

import dataclasses
import time
import urllib.error
import urllib.request


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


@dataclasses.dataclass(frozen=True)
class Answer:
    status_code: int | None
    duration_ms: int
    error: str | None

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def post(url: str, body: str, headers: dict[str, str], timeout: float) -> Answer:
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    started = time.monotonic()
    try:
        with _opener.open(request, timeout=timeout) as response:
            response.read(1024)
            status, error = response.status, None
    except urllib.error.HTTPError as exc:
        status, error = exc.code, None
        exc.close()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        status, error = None, f"{type(reason).__name__}: {reason}"[:500]
    return Answer(status, round((time.monotonic() - started) * 1000), error)
