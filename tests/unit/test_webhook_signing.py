"""Webhook signatures as the Standard Webhooks library verifies them."""

import time

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from exam_api.webhooks import signing
from exam_api.webhooks.service import retry_delay


def headers(secrets, message_id="msg_1", timestamp=None, body='{"a":1}'):
    timestamp = timestamp or int(time.time())
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signing.signature(secrets, message_id, timestamp, body),
    }


def test_a_new_secret_is_whsec_and_random():
    first, second = signing.new_secret(), signing.new_secret()
    assert first.startswith("whsec_") and first != second


def test_the_library_verifies_our_signature():
    secret = signing.new_secret()
    assert Webhook(secret).verify('{"a":1}', headers([secret])) == {"a": 1}


def test_another_secret_does_not_verify():
    with pytest.raises(WebhookVerificationError):
        Webhook(signing.new_secret()).verify('{"a":1}', headers([signing.new_secret()]))


def test_an_altered_body_does_not_verify():
    secret = signing.new_secret()
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify('{"a":2}', headers([secret]))


def test_during_a_rotation_either_secret_verifies():
    old, new = signing.new_secret(), signing.new_secret()
    signed = headers([new, old])
    assert signed["webhook-signature"].count("v1,") == 2
    for secret in (old, new):
        Webhook(secret).verify('{"a":1}', signed)


def test_retries_back_off_exponentially_up_to_an_hour():
    assert 3.75 <= retry_delay(1) <= 5
    assert 7.5 <= retry_delay(2) <= 10
    assert 2700 <= retry_delay(30) <= 3600
