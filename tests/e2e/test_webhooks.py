"""A webhook end to end: the real worker and beat deliver a scored event to
a real receiver, signed so the Standard Webhooks library verifies it."""

from standardwebhooks.webhooks import Webhook

from tests.support.faults import wait_until
from tests.support.webhook_receiver import Receiver


def test_beat_and_the_worker_deliver_the_scored_event_signed(admin, student, published_exam):
    receiver = Receiver()
    try:
        endpoint = admin.call(
            "POST", "/api/v1/webhooks", json={"url": receiver.url, "events": ["exam.submission.scored"]}
        )
        attempt = student.start_attempt(published_exam["id"])
        submission_id = student.submit(attempt["id"], [], headers={"X-Request-ID": "e2e-hook-1"}).json()["id"]

        def delivered():
            for received in receiver.received:
                event = Webhook(endpoint["secret"]).verify(received.body, received.headers)
                if event["data"]["submission_id"] == submission_id:
                    return event, received.headers["webhook-id"]
            return None

        event, webhook_id = wait_until(delivered, timeout=60, interval=0.5, message="the scored event at the receiver")
        assert event["type"] == "exam.submission.scored"
        assert event["metadata"]["request_id"] == "e2e-hook-1"
        # Earlier tests' events may reach a new endpoint too: find this one's.
        deliveries = admin.call("GET", f"/api/v1/webhooks/{endpoint['id']}/deliveries")
        [delivery] = [d for d in deliveries if d["event_id"] == webhook_id]
        assert delivery["status"] == "delivered"
    finally:
        receiver.close()
