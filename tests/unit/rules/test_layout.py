"""Layout: which questions an attempt asks, in which order, and the order it
shows each question's options in. Randomness comes in seeded."""

import random

import pytest

from exam_api.rules.layout import asked, asked_keys, draw, keys_by_id, listed_options, shown


def choice(question_id, n_options=4, kind="single_choice"):
    return {
        "id": question_id,
        "type": kind,
        "options": [{"id": question_id * 10 + i, "text": f"option {i}", "correct": i == 0} for i in range(n_options)],
    }


def ordering(question_id, texts=("delta", "alpha", "charlie", "bravo")):
    return {
        "id": question_id,
        "type": "ordering",
        "options": [{"id": question_id * 10 + i, "text": text, "correct": False} for i, text in enumerate(texts)],
    }


QUESTIONS = [choice(n) for n in range(1, 9)]


def rng(seed=7):
    return random.Random(seed)


def test_a_draw_asks_the_configured_number_of_questions():
    layout = draw(QUESTIONS, rng(), questions_per_attempt=3)
    assert len(layout["question_ids"]) == 3
    assert set(layout["question_ids"]) <= {q["id"] for q in QUESTIONS}


def test_a_draw_keeps_the_exam_order_among_the_questions_drawn():
    ids = draw(QUESTIONS, rng(), questions_per_attempt=5)["question_ids"]
    assert ids == sorted(ids)


def test_drawing_more_questions_than_exist_draws_them_all():
    assert draw(QUESTIONS[:2], rng(), questions_per_attempt=10)["question_ids"] == [1, 2]


def test_different_draws_ask_different_questions():
    drawn = {tuple(draw(QUESTIONS, rng(seed), questions_per_attempt=3)["question_ids"]) for seed in range(12)}
    assert len(drawn) > 1


def test_the_same_seed_gives_the_same_layout():
    settings = {"questions_per_attempt": 4, "shuffle_questions": True, "shuffle_options": True}
    assert draw(QUESTIONS, rng(3), **settings) == draw(QUESTIONS, rng(3), **settings)


def test_without_shuffling_the_exam_order_and_the_option_order_are_kept():
    layout = draw(QUESTIONS, rng())
    assert layout == {"question_ids": [q["id"] for q in QUESTIONS]}
    assert shown(QUESTIONS, layout) == QUESTIONS


def test_shuffled_questions_are_the_same_questions():
    ids = draw(QUESTIONS, rng(), shuffle_questions=True)["question_ids"]
    assert sorted(ids) == [q["id"] for q in QUESTIONS] and ids != sorted(ids)


def test_shuffled_options_are_the_same_options():
    layout = draw(QUESTIONS, rng(), shuffle_options=True)
    for question in shown(QUESTIONS, layout):
        authored = next(q for q in QUESTIONS if q["id"] == question["id"])
        assert sorted(o["id"] for o in question["options"]) == [o["id"] for o in authored["options"]]


def test_options_of_questions_without_options_are_not_shuffled():
    true_false = {"id": 20, "type": "true_false", "options": []}
    assert draw([true_false], rng(), shuffle_options=True) == {"question_ids": [20]}


@pytest.mark.parametrize("seed", range(20))
def test_an_ordering_question_is_never_shown_in_its_right_order(seed):
    question = ordering(1, texts=("first", "second"))
    layout = draw([question], rng(seed))
    assert layout["option_order"]["1"] == [11, 10]


def test_an_ordering_question_is_shuffled_even_when_options_are_not():
    layout = draw([choice(1), ordering(2)], rng())
    assert list(layout["option_order"]) == ["2"]


def test_asked_questions_keep_their_authored_options():
    question = ordering(1)
    layout = draw([question], rng())
    assert asked([question], layout) == [question]
    assert [o["id"] for o in shown([question], layout)[0]["options"]] == layout["option_order"]["1"]


def test_the_exam_view_lists_ordering_options_by_text():
    assert [o["text"] for o in listed_options(ordering(1))] == ["alpha", "bravo", "charlie", "delta"]


def test_the_exam_view_lists_choice_options_as_authored():
    assert listed_options(choice(1)) == choice(1)["options"]


def test_an_attempt_is_scored_against_the_authored_keys_of_what_it_asked():
    questions = [{**choice(2), "points": "1.00"}, {**ordering(1), "points": "2.00"}]
    layout = draw(questions, rng(), shuffle_questions=True)
    keys = asked_keys(keys_by_id(questions), layout)
    assert [key.id for key in keys] == layout["question_ids"]
    assert next(key for key in keys if key.id == 1).correct_order == (10, 11, 12, 13)
