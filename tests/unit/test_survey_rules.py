"""The survey rules as tables of cases: templates, answers, tokens, retries, results."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mb.domain.model.survey import Feeds, QuestionKind, SurveyQuestion, TemplateDraft
from mb.domain.rules.mail_retry import next_attempt
from mb.domain.rules.starter_templates import employer_feedback, starter_templates
from mb.domain.rules.survey_answers import checked_answers
from mb.domain.rules.survey_results import answer_text, over_time, question_results
from mb.domain.rules.survey_template import template_problems
from mb.domain.rules.survey_tokens import looks_like_token, new_seed, token_for, token_hash

K = QuestionKind
Q = SurveyQuestion


def draft(*questions: SurveyQuestion, name: str = "Check-in", anonymous: bool = False) -> TemplateDraft:
    return TemplateDraft(name=name, questions=list(questions), anonymous=anonymous)


# Templates


@pytest.mark.parametrize(
    ("template", "field", "message"),
    [
        (draft(), "questions", "Add at least one question."),
        (draft(Q("q1", "How?", K.RATING), name="  "), "name", "Give the survey a name."),
        (draft(Q("q1", "Pick", K.SINGLE, options=("Only",))), "q1", "at least two options"),
        (draft(Q("q1", "Pick", K.MULTI, options=("A", "a"))), "q1", "two options are the same"),
        (draft(Q("q1", "Pick", K.SINGLE, options=("A", " "))), "q1", "an option is empty"),
        (draft(Q("q1", "Say", K.TEXT, max_length=0)), "q1", "between 1 and 5000"),
        (draft(Q("q1", "Say", K.TEXT, max_length=5001)), "q1", "between 1 and 5000"),
        (draft(Q("q1", "  ", K.RATING)), "q1", "write the question"),
        (draft(Q("q1", "A", K.RATING), Q("q1", "B", K.RATING)), "q2", "used by an earlier question"),
        (draft(Q("1st", "A", K.RATING)), "q1", "must start with a letter"),
        (draft(Q("q1", "A", K.RATING, options=("x", "y"))), "q1", "only choice questions have options"),
        (
            draft(
                Q("q1", "Sectors", K.MULTI, options=("A", "B"), feeds=Feeds.SECTOR_INTERESTS), anonymous=True
            ),
            "q1",
            "anonymous survey cannot update",
        ),
        (
            draft(Q("q1", "Sector", K.SINGLE, options=("A", "B"), feeds=Feeds.SECTOR_INTERESTS)),
            "q1",
            "only a multiple-choice question",
        ),
        (draft(Q("q1", "x" * 501, K.RATING)), "q1", "keep it to 500"),
    ],
)
def test_a_template_that_cannot_be_answered_is_refused_with_the_reason(
    template: TemplateDraft, field: str, message: str
) -> None:
    problems = template_problems(template)
    assert message in problems[field]


def test_question_problems_name_their_question_by_number() -> None:
    problems = template_problems(draft(Q("q1", "Fine", K.YES_NO), Q("q2", "Pick", K.SINGLE, options=("A",))))
    assert set(problems) == {"q2"}
    assert problems["q2"].startswith("Question 2: ")


def test_the_starting_templates_are_valid_and_cover_the_employer_ratings() -> None:
    for template in starter_templates():
        assert template_problems(template) == {}, template.name
    keys = {q.key for q in employer_feedback().questions}
    assert {"overall", "technical", "communication", "teamwork", "work_ethic", "punctuality"} <= keys
    assert {"reliability", "problem_solving", "strengths", "improve", "rehire", "recommend"} <= keys


# Answers

EVERY_KIND = [
    Q("rating", "Rate", K.RATING),
    Q("scale", "Scale", K.SCALE),
    Q("single", "One", K.SINGLE, options=("Red", "Blue")),
    Q("multi", "Many", K.MULTI, options=("A", "B", "C")),
    Q("yes", "Yes?", K.YES_NO),
    Q("text", "Say", K.TEXT, max_length=500),
]


def test_good_answers_of_every_kind_are_stored_in_their_own_shape() -> None:
    given = {
        "rating": "4",
        "scale": 0,
        "single": "Blue",
        "multi": ["C", "A"],
        "yes": "no",
        "text": "  नमस्ते 👋 ",
    }
    answers, problems = checked_answers(EVERY_KIND, given)
    assert problems == {}
    assert answers == {
        "rating": 4,
        "scale": 0,
        "single": "Blue",
        "multi": ["A", "C"],
        "yes": False,
        "text": "नमस्ते 👋",
    }


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("rating", 6, "from 1 to 5"),
        ("rating", 0, "from 1 to 5"),
        ("rating", 3.5, "from 1 to 5"),
        ("rating", True, "from 1 to 5"),
        ("scale", 11, "from 0 to 10"),
        ("scale", "ten", "from 0 to 10"),
        ("single", "Green", "one of the options"),
        ("multi", ["A", "Z"], "only from the options"),
        ("multi", [1], "Choose from the options"),
        ("yes", "maybe", "yes or no"),
        ("text", "x" * 10_000, "Keep your answer to 500 characters (it has 10000)"),
        ("text", 42, "as text"),
        ("rating", None, "Please answer"),
        ("text", "   ", "Please answer"),
        ("multi", [], "Please answer"),
    ],
)
def test_a_bad_answer_is_named_next_to_its_question(key: str, value: Any, message: str) -> None:
    given: dict[str, Any] = {
        "rating": 3,
        "scale": 5,
        "single": "Red",
        "multi": ["A"],
        "yes": True,
        "text": "ok",
    }
    given[key] = value
    answers, problems = checked_answers(EVERY_KIND, given)
    assert list(problems) == [key]
    assert key not in answers
    assert message in problems[key]


def test_optional_questions_may_be_left_out_and_unknown_keys_are_ignored() -> None:
    questions = [Q("must", "Rate", K.RATING), Q("may", "Say", K.TEXT, required=False)]
    answers, problems = checked_answers(questions, {"must": 5, "may": "", "injected": "x"})
    assert (answers, problems) == ({"must": 5}, {})


# Tokens


def test_a_token_is_256_bits_derived_from_the_seed_and_the_secret() -> None:
    seed = new_seed()
    token = token_for("secret-one", seed)
    assert looks_like_token(token)
    assert len(token) == 43  # 32 bytes in URL-safe base64
    assert token_for("secret-one", seed) == token
    assert token_for("secret-two", seed) != token
    assert token_for("secret-one", new_seed()) != token
    assert token_hash(token) != token and len(token_hash(token)) == 64


@pytest.mark.parametrize("text", ["", "short", "A" * 42, "A" * 44, "A" * 42 + "!", "A" * 42 + "/"])
def test_anything_not_shaped_like_a_token_is_not_looked_up(text: str) -> None:
    assert not looks_like_token(text)


# Retries

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("attempts", "wait"),
    [
        (1, timedelta(minutes=1)),
        (2, timedelta(minutes=2)),
        (4, timedelta(minutes=8)),
        (12, timedelta(hours=6)),
    ],
)
def test_a_failed_message_waits_twice_as_long_each_time_up_to_six_hours(
    attempts: int, wait: timedelta
) -> None:
    assert next_attempt(attempts, T0) == T0 + wait


# Results


def test_answers_are_counted_per_value_in_the_order_offered() -> None:
    answers = [
        {"rating": 5, "scale": 10, "single": "Blue", "multi": ["A", "C"], "yes": True, "text": "Great"},
        {"rating": 3, "scale": 7, "single": "Blue", "multi": ["C"], "yes": False},
        {"rating": 4},
    ]
    rating, scale, single, multi, yes, text = question_results(EVERY_KIND, answers)
    assert rating.answered == 3 and rating.average == 4.0
    assert rating.counts == [("1", 0), ("2", 0), ("3", 1), ("4", 1), ("5", 1)]
    assert len(scale.counts) == 11 and scale.average == 8.5
    assert single.counts == [("Red", 0), ("Blue", 2)]
    assert multi.counts == [("A", 1), ("B", 0), ("C", 2)]
    assert yes.counts == [("Yes", 1), ("No", 1)]
    assert (text.answered, text.texts) == (1, ["Great"])


def test_a_question_nobody_answered_has_no_average() -> None:
    (rating,) = question_results([Q("rating", "Rate", K.RATING)], [{}])
    assert (rating.answered, rating.average) == (0, None)


def test_the_response_rate_over_time_counts_everything_so_far_by_local_day() -> None:
    india = ZoneInfo("Asia/Kolkata")
    sent = datetime(2026, 10, 31, 19, 0, tzinfo=UTC)  # 00:30 on 1 November in India
    times = [(sent, None)] * 8 + [(sent, datetime(2026, 11, 2, 3, 0, tzinfo=UTC))] * 2
    times += [(sent, datetime(2026, 11, 1, 20, 0, tzinfo=UTC))] * 3  # 01:30 on the 2nd in India
    first, second = over_time(times, india)
    assert (first.day, first.sent, first.completed, first.cumulative_rate) == (date(2026, 11, 1), 13, 0, 0.0)
    assert (second.day, second.completed, second.cumulative_rate) == (date(2026, 11, 2), 5, 38.5)


@pytest.mark.parametrize(
    ("question", "value", "cell"),
    [
        (EVERY_KIND[4], True, "Yes"),
        (EVERY_KIND[3], ["A", "C"], "A; C"),
        (EVERY_KIND[0], 4, "4"),
        (EVERY_KIND[5], None, ""),
    ],
)
def test_an_answer_becomes_one_spreadsheet_cell(question: SurveyQuestion, value: Any, cell: str) -> None:
    assert answer_text(question, value) == cell
