"""Log lines are JSON with an ISO 8601 UTC time."""

import json
import logging
from datetime import datetime

from exam_api.logs import IsoTimeJsonFormatter


def test_a_log_line_carries_its_time_in_iso_8601_utc_with_milliseconds():
    record = logging.LogRecord("exam_api", logging.INFO, __file__, 1, "scored", None, None)
    record.created = 1795734560.9604
    formatter = IsoTimeJsonFormatter("{asctime}{message}", style="{", rename_fields={"asctime": "time"})
    line = json.loads(formatter.format(record))
    assert line["time"] == "2026-11-26T23:09:20.960+00:00"
    assert datetime.fromisoformat(line["time"]).timestamp() == 1795734560.96


def test_a_line_keeps_non_ascii_text_number_keys_and_other_objects_as_json():
    record = logging.LogRecord("exam_api", logging.INFO, __file__, 1, "Zoë scored", None, None)
    record.counts = {1: 2}
    record.answer = object()
    line = json.loads(IsoTimeJsonFormatter("{message}", style="{").format(record))
    assert line["message"] == "Zoë scored"
    assert line["counts"] == {"1": 2}
    assert line["answer"].startswith("<object object")
