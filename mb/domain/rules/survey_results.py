"""Gathering answers: counts per value, averages, texts, and the response rate day by day."""

from collections.abc import Sequence
from datetime import date, datetime
from statistics import fmean
from typing import Any
from zoneinfo import ZoneInfo

from mb.domain.model.survey import QuestionKind, SurveyQuestion
from mb.domain.model.survey_views import DayProgress, QuestionResult

SCALES = {QuestionKind.RATING: range(1, 6), QuestionKind.SCALE: range(11)}


def question_results(
    questions: Sequence[SurveyQuestion], answers: Sequence[dict[str, Any]]
) -> list[QuestionResult]:
    return [_one(question, [a[question.key] for a in answers if question.key in a]) for question in questions]


def _one(question: SurveyQuestion, given: list[Any]) -> QuestionResult:
    kind = question.kind
    if kind in SCALES:
        numbers = [int(value) for value in given]
        counts = [(str(value), numbers.count(value)) for value in SCALES[kind]]
        return QuestionResult(question, len(given), counts, round(fmean(numbers), 2) if numbers else None)
    if kind is QuestionKind.YES_NO:
        counts = [("Yes", sum(1 for v in given if v is True)), ("No", sum(1 for v in given if v is False))]
        return QuestionResult(question, len(given), counts)
    if kind is QuestionKind.SINGLE:
        return QuestionResult(question, len(given), [(o, given.count(o)) for o in question.options])
    if kind is QuestionKind.MULTI:
        counts = [(o, sum(1 for chosen in given if o in chosen)) for o in question.options]
        return QuestionResult(question, len(given), counts)
    return QuestionResult(question, len(given), texts=[str(v) for v in given if str(v)])


def over_time(times: Sequence[tuple[datetime | None, datetime | None]], zone: ZoneInfo) -> list[DayProgress]:
    """Each local day's mail sent and answers, with the response rate so far (answered of sent).
    `times`: each invitation's (sent_at, completed_at)."""
    days: dict[date, list[int]] = {}
    for moments in times:
        for place, at in enumerate(moments):
            if at is not None:
                days.setdefault(at.astimezone(zone).date(), [0, 0])[place] += 1
    progress, sent, completed = [], 0, 0
    for day, (sent_that_day, completed_that_day) in sorted(days.items()):
        sent += sent_that_day
        completed += completed_that_day
        rate = round(100.0 * completed / sent, 1) if sent else 0.0
        progress.append(DayProgress(day, sent_that_day, completed_that_day, rate))
    return progress


def answer_text(question: SurveyQuestion, value: Any) -> str:
    """One answer as a spreadsheet cell."""
    if value is None:
        return ""
    if question.kind is QuestionKind.YES_NO:
        return "Yes" if value else "No"
    if question.kind is QuestionKind.MULTI:
        return "; ".join(value)
    return str(value)
