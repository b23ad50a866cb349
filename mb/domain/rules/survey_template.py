"""What makes a template acceptable: checked before it is saved, each problem named."""

import re

from mb.domain.model.survey import CHOICE_KINDS, Feeds, QuestionKind, SurveyQuestion, TemplateDraft

MAX_NAME = 120
MAX_DESCRIPTION = 2000
MAX_QUESTIONS = 60
MAX_QUESTION_TEXT = 500
MAX_OPTIONS = 30
MAX_OPTION = 120
MAX_TEXT_LIMIT = 5000
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def template_problems(draft: TemplateDraft) -> dict[str, str]:
    """Field → message; empty when the draft can be saved. Question fields are `q<n>` (1-based)."""
    problems: dict[str, str] = {}
    name = draft.name.strip()
    if not name:
        problems["name"] = "Give the survey a name."
    elif len(name) > MAX_NAME:
        problems["name"] = f"Keep the name to {MAX_NAME} characters."
    if len(draft.description) > MAX_DESCRIPTION:
        problems["description"] = f"Keep the description to {MAX_DESCRIPTION} characters."
    if not draft.questions:
        problems["questions"] = "Add at least one question."
    elif len(draft.questions) > MAX_QUESTIONS:
        problems["questions"] = f"A survey can have at most {MAX_QUESTIONS} questions."
    keys: set[str] = set()
    for number, question in enumerate(draft.questions, start=1):
        if problem := question_problem(question, keys, draft.anonymous):
            problems[f"q{number}"] = f"Question {number}: {problem}"
        keys.add(question.key)
    return problems


def question_problem(question: SurveyQuestion, keys_before: set[str], anonymous: bool) -> str:
    """What is wrong with one question, or ""."""
    for check in (_wording, _options, _limit):
        if problem := check(question):
            return problem
    if question.key in keys_before:
        return f"the key {question.key!r} is used by an earlier question."
    return _feeds(question, anonymous)


def _wording(question: SurveyQuestion) -> str:
    text = question.text.strip()
    if not text:
        return "write the question."
    if len(text) > MAX_QUESTION_TEXT:
        return f"keep it to {MAX_QUESTION_TEXT} characters."
    if not KEY_PATTERN.fullmatch(question.key):
        return "its key must start with a letter and use only a-z, 0-9 and _ (up to 40)."
    return ""


def _options(question: SurveyQuestion) -> str:
    if question.kind not in CHOICE_KINDS:
        return "only choice questions have options." if question.options else ""
    options = [option.strip() for option in question.options]
    problems = (
        (len(options) < 2, "a choice question needs at least two options."),
        (len(options) > MAX_OPTIONS, f"a choice question can have at most {MAX_OPTIONS} options."),
        (any(not option for option in options), "an option is empty."),
        (
            any(len(option) > MAX_OPTION for option in options),
            f"keep each option to {MAX_OPTION} characters.",
        ),
        (len({option.casefold() for option in options}) < len(options), "two options are the same."),
    )
    return next((message for failed, message in problems if failed), "")


def _limit(question: SurveyQuestion) -> str:
    limit = question.max_length
    if question.kind is QuestionKind.TEXT and not (
        isinstance(limit, int) and not isinstance(limit, bool) and 1 <= limit <= MAX_TEXT_LIMIT
    ):
        return f"the answer limit must be between 1 and {MAX_TEXT_LIMIT} characters."
    return ""


def _feeds(question: SurveyQuestion, anonymous: bool) -> str:
    if question.feeds is not Feeds.SECTOR_INTERESTS:
        return ""
    if anonymous:
        return "an anonymous survey cannot update a youth's sector interests."
    if question.kind is not QuestionKind.MULTI:
        return "only a multiple-choice question can update sector interests."
    return ""


def normalised(draft: TemplateDraft) -> TemplateDraft:
    """The draft with surrounding spaces trimmed, as it is stored."""
    return TemplateDraft(
        name=draft.name.strip(),
        type=draft.type,
        description=draft.description.strip(),
        anonymous=draft.anonymous,
        questions=[
            SurveyQuestion(
                key=q.key,
                text=q.text.strip(),
                kind=q.kind,
                required=q.required,
                options=tuple(option.strip() for option in q.options),
                max_length=q.max_length,
                feeds=q.feeds,
            )
            for q in draft.questions
        ],
    )
