"""Reading and writing Moodle's GIFT question format."""

from decimal import Decimal

import pytest

from exam_api.exams.gift import GiftError, dump, parse


def only(text):
    """The one question read from `text`."""
    (question,) = parse(text).questions
    return question


def refusal(text):
    """The message of the one error, about a question starting on line 1."""
    with pytest.raises(GiftError) as caught:
        parse(text)
    (error,) = caught.value.errors
    assert error["line"] == 1
    return error["message"]


def question(**fields):
    return {"points": 1, "penalty": 0, **fields}


class TestTheTextAroundTheAnswers:
    def test_questions_are_separated_by_blank_lines(self):
        parsed = parse("First?{}\n\n\n  \nSecond\non two lines?{}\n")
        assert [q["prompt"] for q in parsed.questions] == ["First?", "Second\non two lines?"]

    def test_comment_lines_are_ignored_but_a_double_slash_inside_a_line_is_text(self):
        text = "// about the next question\nSee http://example.org // now?\n  // an indented comment\n{}"
        assert only(text)["prompt"] == "See http://example.org // now?"

    def test_a_block_of_only_comments_is_no_question(self):
        assert parse("// nothing here\n// at all\n\nQ?{}").questions == [question(type="essay", prompt="Q?")]

    def test_a_category_is_ignored_with_a_warning_naming_it(self):
        parsed = parse("$CATEGORY: $course$/Geography\n\nCapital of France?{=Paris}")
        assert parsed.questions[0]["prompt"] == "Capital of France?"
        message = "Line 1: category '$course$/Geography' ignored: categories are not kept"
        assert parsed.warnings == [{"line": 1, "message": message}]

    def test_a_title_is_kept(self):
        assert only("::Capitals:: Capital of France?{=Paris}")["title"] == "Capitals"

    def test_a_question_without_a_title_has_no_title_key(self):
        assert "title" not in only("Capital of France?{=Paris}")

    def test_a_format_tag_before_the_question_text_is_dropped(self):
        assert only("::Q::[html]<b>Bold</b> claim?{T}")["prompt"] == "<b>Bold</b> claim?"

    def test_escaped_characters_are_literal_and_never_syntax(self):
        assert only(r"a\:b \#c \=d \{e\} \~f \\g\nh?{}")["prompt"] == "a:b #c =d {e} ~f \\g\nh?"
        assert only(r"Pick one{=x \= y ~x \~ z}")["options"][0]["text"] == "x = y"

    def test_escaped_braces_keep_code_in_the_question_text(self):
        """Follows Moodle's test_import_pre_content."""
        text = "::Q001::[html]<pre>\nvoid test() \\{\n    run();\n\\}\n</pre>\n{}"
        expected = question(type="essay", title="Q001", prompt="<pre>\nvoid test() {\n    run();\n}\n</pre>")
        assert only(text) == expected

    def test_doubled_backslashes_become_single_ones(self):
        """Follows Moodle's test_import_backslash (MDL-34171)."""
        assert only(r"::bs:: A \\ B \\\\ C{}")["prompt"] == "A \\ B \\\\ C"

    def test_a_backslash_before_an_ordinary_character_is_kept(self):
        assert only(r"Where is C:\path?{}")["prompt"] == "Where is C:\\path?"

    def test_text_after_the_answer_block_is_the_prompt_when_nothing_comes_before(self):
        assert only("::Sky::{T} The sky is blue.")["prompt"] == "The sky is blue."

    def test_general_feedback_follows_four_hashes(self):
        assert only("Capital of France?{=Paris####Since 987.}")["feedback"] == "Since 987."


class TestQuestionTypes:
    def test_an_empty_block_is_an_essay(self):
        """Follows Moodle's test_import_essay."""
        expected = question(type="essay", title="Mood", prompt="How do you feel today?")
        assert only("// essay\n::Mood:: How do you feel today? {}") == expected

    @pytest.mark.parametrize(
        ("block", "correct"), [("T", True), ("true", True), ("TRUE", True), ("f", False), ("False", False)]
    )
    def test_true_false_answers_are_read_in_any_case(self, block, correct):
        expected = question(type="true_false", prompt="The sky is blue.", correct_answer=correct)
        assert only(f"The sky is blue.{{{block}}}") == expected

    def test_true_false_feedback_is_for_the_wrong_answer_then_the_right_one(self):
        """Follows Moodle's test_import_truefalse."""
        assert only("::Q1:: Paris is in Spain.{\nFALSE#It is in France.#Well done.}") == question(
            type="true_false",
            title="Q1",
            prompt="Paris is in Spain.",
            correct_answer=False,
            feedback_wrong="It is in France.",
            feedback_right="Well done.",
        )

    def test_one_equals_answer_makes_a_single_choice_with_feedback_per_answer(self):
        """Follows Moodle's test_import_multichoice (format tags on answers and feedback are dropped too)."""
        text = "::Q2:: Which is between red and yellow?\n{\n =orange # right\n ~green # [html]no\n ~[plain]blue\n}"
        assert only(text) == question(
            type="single_choice",
            title="Q2",
            prompt="Which is between red and yellow?",
            options=[
                {"text": "orange", "correct": True, "feedback": "right"},
                {"text": "green", "correct": False, "feedback": "no"},
                {"text": "blue", "correct": False},
            ],
        )

    def test_a_weighted_tilde_answer_gives_partial_credit_in_a_single_choice(self):
        options = only("Largest planet?{=Jupiter ~%50%Saturn ~Mars}")["options"]
        assert options[1] == {"text": "Saturn", "correct": False, "weight": Decimal(50)}
        assert "weight" not in options[0] and "weight" not in options[2]

    def test_a_full_weight_tilde_answer_is_correct_too(self):
        options = only("Same as Jupiter?{=Jove ~%100%Jupiter ~Mars}")["options"]
        assert [o["correct"] for o in options] == [True, True, False]

    def test_weighted_tildes_without_equals_make_a_multiple_response(self):
        """Follows Moodle's test_import_multichoice_multi."""
        text = "::primes:: Which are prime?{\n  ~%50%2 # yes\n  ~%-100%4\n  ~%50%3\n  ~9\n}"
        assert only(text) == question(
            type="multiple_choice",
            title="primes",
            prompt="Which are prime?",
            scoring="weighted",
            options=[
                {"text": "2", "correct": True, "weight": Decimal(50), "feedback": "yes"},
                {"text": "4", "correct": False, "weight": Decimal(-100)},
                {"text": "3", "correct": True, "weight": Decimal(50)},
                {"text": "9", "correct": False, "weight": Decimal(0)},
            ],
        )

    def test_one_full_weight_among_penalties_is_still_a_multiple_response(self):
        """Follows Moodle's test_import_multichoice_multi_tricky: without '=' it is multiple response."""
        parsed = only("Even numbers?{~%100%2 ~%-50%3 ~%-50%5}")
        assert parsed["type"] == "multiple_choice"
        assert [o["weight"] for o in parsed["options"]] == [100, -50, -50]

    def test_equals_answers_alone_make_a_short_answer_with_fractions(self):
        """Follows Moodle's test_import_shortanswer_with_general_feedback."""
        text = "::Pet:: Best pet?{\n  =Dog#Good!\n  =%50%Cat#Hmm.\n  =%0%*#No.\n  ####[html]Any pet is fine.\n}"
        assert only(text) == question(
            type="short_text",
            title="Pet",
            prompt="Best pet?",
            case_sensitive=False,
            feedback="Any pet is fine.",
            accepted_answers=[
                {"text": "Dog", "fraction": 1, "feedback": "Good!"},
                {"text": "Cat", "fraction": Decimal("0.5"), "feedback": "Hmm."},
                {"text": "*", "fraction": 0, "feedback": "No."},
            ],
        )

    def test_a_single_equals_answer_is_a_short_answer_not_a_single_choice(self):
        assert only("Capital of France?{=Paris}")["type"] == "short_text"

    def test_a_number_with_a_colon_has_that_tolerance(self):
        expected = question(type="numeric", prompt="Pi?", answer=Decimal("3.14"), tolerance=Decimal("0.01"))
        assert only("Pi?{#3.14:0.01}") == expected

    def test_a_number_alone_has_no_tolerance(self):
        parsed = only("Two and two?{#4}")
        assert (parsed["answer"], parsed["tolerance"]) == (4, 0)
        assert isinstance(parsed["answer"], Decimal)

    def test_a_range_becomes_its_midpoint_and_half_width(self):
        parsed = only("A number from 1 to 5?{#1..5}")
        assert (parsed["answer"], parsed["tolerance"]) == (3, 2)

    def test_numeric_answers_after_the_best_are_partial_answers(self):
        assert only("Pi?{#=3.14:0.01#Exactly =%50%3:0.5 #Roughly ####Pi is irrational.}") == question(
            type="numeric",
            prompt="Pi?",
            answer=Decimal("3.14"),
            tolerance=Decimal("0.01"),
            answer_feedback="Exactly",
            feedback="Pi is irrational.",
            partial_answers=[
                {"answer": 3, "tolerance": Decimal("0.5"), "fraction": Decimal("0.5"), "feedback": "Roughly"},
            ],
        )

    def test_feedback_for_any_other_numeric_answer_is_dropped_with_a_warning(self):
        """Follows Moodle's test_import_numerical, which keeps it as a '*' answer we have no place for."""
        parsed = parse("\n::Q5:: A number from 1 to 5? {#3:2~#Completely wrong}")
        expected = question(type="numeric", title="Q5", prompt="A number from 1 to 5?", answer=3, tolerance=2)
        assert parsed.questions == [expected]
        message = "Question 1 (line 2): feedback for other answers ('~') is not kept"
        assert parsed.warnings == [{"line": 2, "message": message}]


class TestRefusals:
    def test_matching_questions_are_refused(self):
        """Follows Moodle's test_import_match."""
        text = "::Match::Match the activity.{\n  =Discussions -> Forum\n  =Polls -> Choice\n}"
        assert refusal(text) == "Question 1 (line 1): matching questions ('->' in answers) are not supported"

    def test_missing_word_questions_are_refused(self):
        assert "missing-word questions" in refusal("Paris is {=the capital ~a village} of France.")

    def test_description_questions_are_refused(self):
        assert "description questions are not supported" in refusal("Just some text for the students to read.")

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ("Capital?{=Paris ~Lyon", "unbalanced braces: '{' without '}'"),
            ("Capital?=Paris ~Lyon}", "unbalanced braces: '}' without '{'"),
            ("Capital?{=Paris {~Lyon}", "unbalanced braces: '{' inside an answer block"),
            ("Capital?{=Paris}}", "unbalanced braces: '}' without '{'"),
            ("Capital?{=Paris} or {=Rome}", "more than one answer block"),
        ],
    )
    def test_braces_must_open_and_close_one_answer_block(self, text, problem):
        assert refusal(text) == f"Question 1 (line 1): {problem}"

    def test_a_choice_question_needs_two_choices(self):
        assert "at least two choices" in refusal("Capital?{~Paris}")

    @pytest.mark.parametrize("weight", ["%abc%", "%150%", "%-101%", "%%"])
    def test_a_weight_must_be_a_percentage_from_minus_100_to_100(self, weight):
        assert f"the weight '{weight}' is not a valid percentage" in refusal(f"Capital?{{~{weight}Paris ~Lyon}}")

    @pytest.mark.parametrize(
        ("block", "what"), [("#abc", "number 'abc'"), ("#3:x", "tolerance 'x'"), ("#1..z", "number 'z'")]
    )
    def test_numeric_answers_and_tolerances_must_be_numbers(self, block, what):
        assert f"the {what} in a numeric answer is not a number" in refusal(f"How many?{{{block}}}")

    def test_an_escaped_colon_is_no_tolerance_separator(self):
        assert "the number '3:1'" in refusal(r"How many?{#3\:1}")

    def test_a_numeric_question_needs_a_number(self):
        assert "a numeric question has no number" in refusal("How many?{#}")

    @pytest.mark.parametrize(("block", "problem"), [("#3:-1", "is negative"), ("#5..1", "ends below its start")])
    def test_a_negative_tolerance_is_refused(self, block, problem):
        assert problem in refusal(f"How many?{{{block}}}")

    def test_a_numeric_question_needs_an_answer_worth_full_marks(self):
        assert "an answer worth 100%" in refusal("How many?{#=%50%3}")

    def test_a_single_choice_has_only_one_equals_answer(self):
        assert "more than one '=' answer" in refusal("Capital?{=Paris =Lyon ~Nice}")

    def test_an_equals_choice_takes_no_weight(self):
        assert "takes no '%n%' weight" in refusal("Capital?{=%50%Paris ~Lyon}")

    def test_a_choice_question_needs_a_right_answer(self):
        assert "needs a right answer" in refusal("Capital?{~Paris ~Lyon ~%-50%Nice}")

    @pytest.mark.parametrize("block", ["Paris", "yes please"])
    def test_an_unknown_answer_block_is_refused(self, block):
        assert refusal(f"Capital?{{{block}}}") == f"Question 1 (line 1): unrecognised answer block '{{{block}}}'"

    def test_text_before_the_first_choice_is_refused(self):
        assert "'pick' is not an answer" in refusal("Capital?{pick ~Lyon =Paris}")

    def test_an_empty_answer_is_refused(self):
        assert "an answer after '~' is empty" in refusal("Capital?{=Paris ~ ~Lyon}")

    def test_a_title_must_be_closed(self):
        assert "the title has no closing '::'" in refusal("::Capitals Capital?{=Paris}")

    def test_a_question_needs_text(self):
        assert "the question has no text" in refusal("::Capitals::{=Paris}")

    def test_every_error_of_the_text_is_reported_at_once_with_its_question_and_line(self):
        text = "Fine?{T}\n\n// next\nBroken?{=Paris ~}\n\nFine?{}\n\n$CATEGORY: x\n\nOpen{#3\n// comment\n\n{~a ~b}\n"
        with pytest.raises(GiftError) as caught:
            parse(text)
        assert caught.value.errors == [
            {"line": 4, "message": "Question 2 (line 4): an answer after '~' is empty"},
            {"line": 10, "message": "Question 4 (line 10): unbalanced braces: '{' without '}'"},
            {"line": 13, "message": "Question 5 (line 13): the question has no text"},
        ]
        assert str(caught.value).splitlines() == [error["message"] for error in caught.value.errors]


ROUND_TRIPS = [
    question(type="essay", title="Mood", prompt="How do you feel?", feedback="Any answer is fine."),
    question(type="true_false", prompt="Paris is in Spain.", correct_answer=False, feedback_right="Right."),
    question(type="true_false", prompt="Blue?", correct_answer=True, feedback_wrong="Look up.", feedback_right="Yes."),
    question(
        type="single_choice",
        prompt="Largest planet?",
        feedback="Jupiter is the largest.",
        options=[
            {"text": "Jupiter", "correct": True, "feedback": "Yes"},
            {"text": "Saturn", "correct": False, "weight": Decimal(50)},
            {"text": "Io", "correct": True, "weight": Decimal(100)},
            {"text": "Mars", "correct": False},
        ],
    ),
    question(
        type="multiple_choice",
        prompt="Primes?",
        scoring="weighted",
        options=[
            {"text": "2", "correct": True, "weight": Decimal("33.33333")},
            {"text": "4", "correct": False, "weight": Decimal(0)},
            {"text": "9", "correct": False, "weight": Decimal(-100), "feedback": "3 x 3"},
            {"text": "3", "correct": True, "weight": Decimal("66.66667")},
        ],
    ),
    question(
        type="short_text",
        title="Pet",
        prompt="Best pet?",
        case_sensitive=False,
        accepted_answers=[
            {"text": "Dog", "fraction": 1, "feedback": "Good"},
            {"text": "C*t", "fraction": Decimal("0.25")},
        ],
    ),
    question(type="numeric", prompt="Two and two?", answer=Decimal(4), tolerance=Decimal(0)),
    question(
        type="numeric",
        prompt="Pi?",
        answer=Decimal("3.14"),
        tolerance=Decimal("0.01"),
        answer_feedback="Exactly",
        feedback="Pi is irrational.",
        partial_answers=[
            {"answer": Decimal(3), "tolerance": Decimal("0.5"), "fraction": Decimal("0.5"), "feedback": "Close"},
            {"answer": Decimal(-3), "tolerance": Decimal(0), "fraction": Decimal(1)},
        ],
    ),
]


class TestWriting:
    @pytest.mark.parametrize("original", ROUND_TRIPS, ids=lambda q: q["type"])
    def test_what_is_written_reads_back_the_same(self, original):
        assert parse(dump([original])).questions == [original]

    def test_special_characters_are_escaped_and_read_back(self):
        tricky = "a:b #c =d {e} ~f \\g\nline two"
        original = question(type="essay", title=tricky, prompt=tricky, feedback=tricky)
        written = dump([original])
        assert written.startswith("::a\\:b \\#c \\=d \\{e\\} \\~f \\\\g\\nline two::")
        assert parse(written).questions == [original]

    @pytest.mark.parametrize("text", ["[html]not a tag", "%50% off", "// not a comment", "50%"])
    def test_text_that_would_read_as_a_tag_a_weight_or_a_comment_is_guarded(self, text):
        options = [{"text": text, "correct": True, "feedback": text}, {"text": "other", "correct": False}]
        original = question(type="single_choice", prompt=text, options=options)
        assert parse(dump([original])).questions == [original]

    def test_questions_are_separated_by_one_blank_line_and_end_with_a_newline(self):
        questions = [question(type="essay", prompt="1?"), question(type="true_false", prompt="2.", correct_answer=True)]
        assert dump(questions) == "1?{}\n\n2.{TRUE}\n"

    def test_choices_are_written_one_per_line_as_moodle_does(self):
        """Follows Moodle's test_export_multichoice."""
        options = [{"text": "yellow", "correct": True, "feedback": "right; good!"}, {"text": "red", "correct": False}]
        written = dump([question(type="single_choice", title="Q8", prompt="What's between?", options=options)])
        assert written == "::Q8::What's between?{\n\t=yellow#right; good!\n\t~red\n}\n"

    def test_points_and_penalty_are_written_as_a_comment_only_when_not_the_defaults(self):
        weighty = {**question(type="essay", prompt="B?"), "points": 2, "penalty": "0.5"}
        assert dump([question(type="essay", prompt="A?"), weighty]) == "A?{}\n\n// points: 2, penalty: 0.5\nB?{}\n"

    def test_points_and_penalty_are_not_read_back(self):
        written = dump([{**question(type="true_false", prompt="Sky is blue.", correct_answer=True), "points": 5}])
        assert only(written)["points"] == 1

    def test_exported_ids_are_ignored_and_numbers_of_any_kind_are_written(self):
        exported = {
            "id": 7,
            "type": "numeric",
            "prompt": "Pi?",
            "points": "1.00",
            "penalty": 0.0,
            "answer": 3.14,
            "tolerance": "0.010",
            "partial_answers": [{"answer": 3, "tolerance": 1, "fraction": 0.5}],
        }
        assert dump([exported]) == "Pi?{#\n\t=3.14:0.01\n\t=%50%3:1\n}\n"

    def test_exported_multiple_choice_gets_the_weights_of_partial_scoring(self):
        options = [{"id": 1, "text": "2", "correct": True}, {"id": 2, "text": "3", "correct": True}]
        options.append({"id": 3, "text": "4", "correct": False})
        exported = question(type="multiple_choice", prompt="Primes?", scoring="partial", options=options)
        assert dump([exported]) == "Primes?{\n\t~%50%2\n\t~%50%3\n\t~%-50%4\n}\n"

    def test_ordering_questions_cannot_be_written(self):
        ordering = question(type="ordering", title="Planets", prompt="Order them.", options=[{"text": "Mercury"}])
        with pytest.raises(ValueError, match=r"question 2 \('Planets'\): ordering questions cannot be written"):
            dump([question(type="essay", prompt="A?"), ordering])

    def test_a_short_answer_with_an_arrow_cannot_be_written(self):
        arrow = question(type="short_text", prompt="Implies?", accepted_answers=[{"text": "a -> b", "fraction": 1}])
        with pytest.raises(ValueError, match="matching pair"):
            dump([arrow])
