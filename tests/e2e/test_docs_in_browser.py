"""The API docs page in a real browser (headless Chromium) with every
request to another host refused: Swagger UI must render the operations
from what the app serves itself."""

from __future__ import annotations

import shutil
import subprocess

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (make test installs it when it can)")


def rendered(url: str) -> str:
    """The page's DOM after its scripts ran, with the network limited to
    this machine: names resolve to nothing, and any connection to another
    address goes to a proxy that is not there."""
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--proxy-server=http://127.0.0.1:9",
            "--virtual-time-budget=20000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_the_docs_page_lists_the_operations_with_no_outside_network(stack):
    dom = rendered(f"{stack.base_url}/api/docs")
    assert 'class="opblock-summary-path"' in dom or "opblock-summary-path" in dom, dom[-3000:]
    for path in ("/api/v1/submissions", "/api/v1/exams/{exam_id}", "/api/v1/auth/login"):
        assert f'data-path="{path}"' in dom, path
    assert "Failed to load API definition" not in dom
