"""Question types: what each is made of, and its key."""

import pytest

from exam_api.rules.questions import authoring_problems, correct_answer, question_from_snapshot


def options(*flags):
    return [{"text": f"option {n}", "correct": flag} for n, flag in enumerate(flags)]


def test_a_well_formed_question_has_no_problems():
    assert authoring_problems({"type": "single_choice", "options": options(True, False)}) == {}


def test_a_field_of_another_type_is_named():
    assert authoring_problems({"type": "true_false", "correct_answer": True, "tolerance": 1}) == {
        "tolerance": ["A true_false question has no tolerance."]
    }


def test_a_missing_field_is_named():
    assert authoring_problems({"type": "numeric"}) == {"answer": ["A numeric question needs answer."]}


@pytest.mark.parametrize("flags", [(False, False), (True, True)], ids=["none", "two"])
def test_a_single_choice_question_needs_exactly_one_correct_option(flags):
    assert authoring_problems({"type": "single_choice", "options": options(*flags)}) == {
        "options": ["A single_choice question needs exactly one correct option."]
    }


def test_a_multiple_choice_question_needs_a_correct_option():
    assert authoring_problems({"type": "multiple_choice", "options": options(False, False)}) == {
        "options": ["A multiple_choice question needs at least one correct option."]
    }


def test_a_choice_option_without_its_flag_is_named_by_position():
    unflagged = [{"text": "a", "correct": True}, {"text": "b"}]
    assert authoring_problems({"type": "single_choice", "options": unflagged}) == {
        "options": {1: {"correct": ["Missing data for required field."]}}
    }


def test_an_ordering_question_takes_options_without_flags():
    assert authoring_problems({"type": "ordering", "options": [{"text": "a"}, {"text": "b"}]}) == {}


def test_an_ordering_option_with_a_flag_is_refused():
    assert authoring_problems({"type": "ordering", "options": options(True, False)}) == {
        "options": ["An ordering question's options have no correct flag: the order they are given in is the key."]
    }


def test_an_unknown_type_is_left_to_the_schema():
    assert authoring_problems({"type": "matching"}) == {}


CHOICE = {
    "type": "multiple_choice",
    "options": [{"id": 1, "correct": True}, {"id": 2, "correct": False}, {"id": 3, "correct": True}],
}


def test_a_choice_key_lists_the_correct_options_as_authored():
    assert correct_answer(CHOICE) == [1, 3]


def test_a_choice_key_follows_the_order_the_options_were_shown_in():
    assert correct_answer(CHOICE, [3, 2, 1]) == [3, 1]


def test_an_ordering_key_is_the_authored_order_whatever_was_shown():
    question = {"type": "ordering", "options": [{"id": 5, "correct": False}, {"id": 6, "correct": False}]}
    assert correct_answer(question, [6, 5]) == [5, 6]


@pytest.mark.parametrize(
    "question, key",
    [
        ({"type": "true_false", "correct_answer": False}, False),
        (
            {"type": "short_text", "accepted_answers": [{"text": "x", "fraction": "0.5000"}]},
            [{"text": "x", "fraction": 0.5}],
        ),
        ({"type": "numeric", "answer": "9.81", "tolerance": "0.05"}, {"answer": 9.81, "tolerance": 0.05}),
        ({"type": "essay"}, None),
    ],
    ids=["true_false", "short_text", "numeric", "essay"],
)
def test_the_key_takes_the_shape_of_the_answers(question, key):
    assert correct_answer(question) == key


def weighted(*weights, flags=None):
    flags = flags or [w > 0 for w in weights]
    return {
        "type": "multiple_choice",
        "scoring": "weighted",
        "options": [{"text": str(n), "correct": f, "weight": w} for n, (w, f) in enumerate(zip(weights, flags))],
    }


def test_a_weighted_multiple_choice_with_a_weight_on_every_option_is_well_formed():
    assert authoring_problems(weighted(50, 50, -100)) == {}


def test_a_weighted_question_needs_a_weight_on_every_option():
    question = weighted(50, 50)
    del question["options"][1]["weight"]
    assert authoring_problems(question) == {"options": ["A weighted question gives every option a weight."]}


def test_a_weighted_option_is_correct_exactly_when_its_weight_is_positive():
    assert "options" in authoring_problems(weighted(50, 50, flags=[True, False]))


def test_only_multiple_choice_is_scored_weighted():
    question = {**weighted(50, 50), "type": "ordering"}
    for option in question["options"]:
        del option["correct"]
    assert authoring_problems(question)["options"] == [
        "Only a multiple_choice question is scored weighted; this one is ordering."
    ]


def test_a_single_choice_may_give_wrong_options_a_weight_but_its_right_one_is_worth_100():
    options = [{"text": "a", "correct": True}, {"text": "b", "correct": False, "weight": 50}]
    assert authoring_problems({"type": "single_choice", "options": options}) == {}
    options[0]["weight"] = 80
    assert authoring_problems({"type": "single_choice", "options": options}) == {
        "options": ["The correct option of a single_choice question is worth 100 %."]
    }


def test_weights_on_an_unweighted_multiple_choice_are_refused():
    question = {
        "type": "multiple_choice",
        "options": [{"text": "a", "correct": True, "weight": 100}, {"text": "b", "correct": False}],
    }
    assert "options" in authoring_problems(question)


def test_a_keys_option_sets_are_computed_once_and_kept():
    key = question_from_snapshot(
        {
            "id": 1,
            "type": "multiple_choice",
            "points": 1,
            "options": [{"id": 7, "correct": True}, {"id": 8, "correct": False}],
        }
    )
    assert (key.option_ids, key.correct_option_ids, key.correct_order) == (frozenset({7, 8}), frozenset({7}), (7, 8))
    assert key.option_ids is key.option_ids
    assert key.correct_option_ids is key.correct_option_ids
    assert key.correct_order is key.correct_order
