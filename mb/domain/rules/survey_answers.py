"""Checking a respondent's answers against the questions, each problem next to its question."""

from collections.abc import Mapping, Sequence
from typing import Any

from mb.domain.model.survey import QuestionKind, SurveyQuestion

Answer = int | bool | str | list[str]
RANGES = {QuestionKind.RATING: (1, 5), QuestionKind.SCALE: (0, 10)}


def checked_answers(
    questions: Sequence[SurveyQuestion], given: Mapping[str, Any]
) -> tuple[dict[str, Answer], dict[str, str]]:
    """(answers as stored, question key → problem). Unanswered optional questions are left out;
    answers to keys the survey does not ask are ignored."""
    answers: dict[str, Answer] = {}
    problems: dict[str, str] = {}
    for question in questions:
        value = given.get(question.key)
        if _blank(value):
            if question.required:
                problems[question.key] = "Please answer this question."
            continue
        answer, problem = _checked(question, value)
        if problem:
            problems[question.key] = problem
        elif answer is not None:
            answers[question.key] = answer
    return answers, problems


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _checked(question: SurveyQuestion, value: Any) -> tuple[Answer | None, str]:
    if question.kind in RANGES:
        return _in_range(value, *RANGES[question.kind])
    return CHECKS[question.kind](question, value)


def _in_range(value: Any, low: int, high: int) -> tuple[Answer | None, str]:
    number = _whole_number(value)
    if number is None or not low <= number <= high:
        return None, f"Choose a whole number from {low} to {high}."
    return number, ""


def _yes_no(question: SurveyQuestion, value: Any) -> tuple[Answer | None, str]:
    if isinstance(value, bool):
        return value, ""
    if isinstance(value, str) and value.strip().casefold() in ("yes", "no"):
        return value.strip().casefold() == "yes", ""
    return None, "Answer yes or no."


def _single(question: SurveyQuestion, value: Any) -> tuple[Answer | None, str]:
    if not isinstance(value, str) or value not in question.options:
        return None, "Choose one of the options."
    return value, ""


def _multi(question: SurveyQuestion, value: Any) -> tuple[Answer | None, str]:
    chosen = [value] if isinstance(value, str) else value
    if not isinstance(chosen, list) or not all(isinstance(c, str) for c in chosen):
        return None, "Choose from the options."
    if any(c not in question.options for c in chosen):
        return None, "Choose only from the options."
    return [option for option in question.options if option in chosen], ""


def _text(question: SurveyQuestion, value: Any) -> tuple[Answer | None, str]:
    if not isinstance(value, str):
        return None, "Write your answer as text."
    text = value.strip()
    if len(text) > question.max_length:
        return None, f"Keep your answer to {question.max_length} characters (it has {len(text)})."
    return text, ""


CHECKS = {
    QuestionKind.YES_NO: _yes_no,
    QuestionKind.SINGLE: _single,
    QuestionKind.MULTI: _multi,
    QuestionKind.TEXT: _text,
}


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None
