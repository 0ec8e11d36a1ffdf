"""What a webhook receives: the event types one can subscribe to, and the
body of a delivery (Standard Webhooks' `type`, `timestamp`, `data`, with
the ids that trace it in `metadata`)."""

from __future__ import annotations

import json

from exam_api.submissions.events import REGRADED, SCORED, SUBMITTED

EVENT_TYPES = (SUBMITTED, SCORED, REGRADED)


def body(event_type: str, event_id: str, payload: dict, request_id: str | None) -> str:
    return json.dumps(
        {
            "type": event_type,
            "timestamp": payload.get("occurred_at"),
            "data": payload,
            "metadata": {"event_id": event_id, "request_id": request_id},
        },
        separators=(",", ":"),
    )
