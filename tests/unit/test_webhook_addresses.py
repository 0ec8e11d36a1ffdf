"""Which webhook URLs are refused: anything not public (SSRF)."""

import pytest

from exam_api.webhooks.addresses import UnsafeUrl, check


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8000/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://172.16.5.4/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[fd00::1]/hook",
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",
    ],
)
def test_a_non_public_address_is_refused(url):
    with pytest.raises(UnsafeUrl, match="WEBHOOK_ALLOW_PRIVATE_NETWORKS"):
        check(url, allow_private=False)


def test_a_public_address_is_allowed():
    check("https://93.184.215.14/hook", allow_private=False)


def test_private_networks_are_allowed_when_configured():
    check("http://127.0.0.1:9000/hook", allow_private=True)


@pytest.mark.parametrize("url", ["ftp://93.184.215.14/hook", "http:///hook", "file:///etc/passwd"])
def test_only_http_urls_with_a_host(url):
    with pytest.raises(UnsafeUrl, match="http"):
        check(url, allow_private=True)


def test_a_host_that_does_not_resolve_is_refused():
    with pytest.raises(UnsafeUrl, match="does not resolve"):
        check("http://no-such-host.invalid/hook", allow_private=False)
