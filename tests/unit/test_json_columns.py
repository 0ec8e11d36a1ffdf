"""What a JSON column's text holds, written by `database.json_text`."""

import json

import pytest

from exam_api.database import json_text


@pytest.mark.parametrize(
    "value",
    [
        [{"question_id": 7, "option_ids": [1, 2], "value": None}],
        {"text": "Zoë's answer", "score": 2.5, "passed": True},
        {"big": 2**70},
    ],
)
def test_the_text_reads_back_as_the_value(value):
    assert json.loads(json_text(value)) == value


def test_number_keys_are_written_as_the_standard_library_writes_them():
    assert json.loads(json_text({1: "a", 2.5: "b"})) == json.loads(json.dumps({1: "a", 2.5: "b"}))


def test_what_neither_encoder_knows_is_refused():
    with pytest.raises(TypeError):
        json_text({"when": object()})


def test_the_text_is_compact():
    assert json_text({"option_ids": [1, 2], "value": None}) == '{"option_ids":[1,2],"value":null}'
