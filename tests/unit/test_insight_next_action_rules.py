"""The mentor's suggested next action, row by row of its decision table."""

from datetime import UTC, date, datetime, timedelta

import pytest

from mb.domain.model.insight_views import NextActionCode
from mb.domain.model.insights import BoardRow, LastContact
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.risk import RiskLevel, RiskReason, RiskReasonCode
from mb.domain.rules.next_action import TEXT, suggest

A, C, K = NextActionCode, RiskReasonCode, InterventionKind
TODAY = date(2026, 4, 20)
HIGH, MEDIUM, LOW = RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW
SCORES = {HIGH: 8, MEDIUM: 5, LOW: 2}


def row(
    level: RiskLevel,
    *codes: RiskReasonCode,
    contact: tuple[InterventionKind, int] | None = None,
    inactive: int = 0,
    completion: float = 60.0,
) -> BoardRow:
    """A board row; `contact` is the last intervention's kind and how many days ago it was."""
    last = None
    if contact is not None:
        kind, days_ago = contact
        morning = datetime(TODAY.year, TODAY.month, TODAY.day, 9, 0, tzinfo=UTC)
        last = LastContact(morning - timedelta(days=days_ago), kind)
    return BoardRow(
        user_id=7,
        full_name="Asha K",
        student_id="MB-PUN-2026-ABCDE",
        region="Pune",
        mentor_name="Ravi",
        score=SCORES[level],
        level=level,
        reasons=tuple(RiskReason(code, 1) for code in codes),
        score_7_days_ago=None,
        days_inactive=inactive,
        avg_completion=completion,
        last_contact=last,
    )


@pytest.mark.parametrize(
    ("youth", "action", "because"),
    [
        # 1. High risk and no contact in the last 14 days: call today.
        (row(HIGH, C.INACTIVE_LONG, inactive=20), A.CALL_TODAY, "High risk (score 8) and no contact yet."),
        (
            row(HIGH, C.INACTIVE_LONG, contact=(K.MEETING, 14), inactive=20),
            A.CALL_TODAY,
            "High risk (score 8) and no contact for 14 days.",
        ),
        # 2. Still inactive after a recent message or call: meet in person.
        (
            row(HIGH, C.INACTIVE_LONG, contact=(K.MESSAGE, 13), inactive=20),
            A.MEET_IN_PERSON,
            "Still inactive for 20 days after a message 13 days ago.",
        ),
        (
            row(HIGH, C.INACTIVE_LONG, contact=(K.CALL, 0), inactive=20),
            A.MEET_IN_PERSON,
            "Inactive for 20 days; called today. Meet if nothing changes.",
        ),
        (
            row(MEDIUM, C.INACTIVE_WEEK, contact=(K.CALL, 2), inactive=9),
            A.MEET_IN_PERSON,
            "Still inactive for 9 days after a call 2 days ago.",
        ),
        # 3. Inactive over a week with no recent contact: call this week.
        (
            row(MEDIUM, C.INACTIVE_WEEK, inactive=8),
            A.CALL_THIS_WEEK,
            "Inactive for 8 days and no contact yet.",
        ),
        (
            row(LOW, C.INACTIVE_WEEK, contact=(K.MESSAGE, 30), inactive=8),
            A.CALL_THIS_WEEK,
            "Inactive for 8 days and no contact for 30 days.",
        ),
        # 4. Nothing started and nothing waiting: the mentor assigns, whatever the level.
        (
            row(LOW, C.NOTHING_STARTED, contact=(K.CALL, 1)),
            A.ASSIGN_FIRST_MODULE,
            "Has not started anything and has no module waiting.",
        ),
        (
            row(HIGH, C.INACTIVE_LONG, C.NOTHING_STARTED, contact=(K.MEETING, 3), inactive=20),
            A.ASSIGN_FIRST_MODULE,
            "Has not started anything and has no module waiting.",
        ),
        # 5. Low risk: keep in touch.
        (
            row(LOW, C.INACTIVE_FEW_DAYS, C.COMPLETION_LOW, inactive=5, completion=45.0),
            A.KEEP_IN_TOUCH,
            "Risk is low (score 2).",
        ),
        (row(LOW), A.KEEP_IN_TOUCH, "Risk is low (score 2)."),
        # 6. Learning stuck: go through the module together.
        (
            row(MEDIUM, C.COMPLETION_VERY_LOW, C.NOTHING_STARTED, completion=0.0),
            A.WORK_THROUGH_MODULE,
            "Has modules assigned but has not started any.",
        ),
        (
            row(MEDIUM, C.COMPLETION_LOW, C.STARTED_NONE_DONE, completion=40.0),
            A.WORK_THROUGH_MODULE,
            "Started modules three weeks ago or more but completed none.",
        ),
        (
            row(MEDIUM, C.INACTIVE_FEW_DAYS, C.COMPLETION_VERY_LOW, C.NO_QUIZ_OR_CAREER, completion=22.6),
            A.WORK_THROUGH_MODULE,
            "Average completion is 23 %.",
        ),
        (
            row(
                HIGH,
                C.INACTIVE_LONG,
                C.COMPLETION_VERY_LOW,
                contact=(K.MEETING, 3),
                inactive=20,
                completion=10,
            ),
            A.WORK_THROUGH_MODULE,
            "Average completion is 10 %.",
        ),
        # 7. No quiz and no career survey: send the survey.
        (
            row(MEDIUM, C.INACTIVE_FEW_DAYS, C.NO_QUIZ_OR_CAREER, inactive=5),
            A.SEND_CAREER_SURVEY,
            "No quiz attempt and no career survey after two weeks.",
        ),
        # 8. A few days inactive: an encouraging message.
        (row(MEDIUM, C.INACTIVE_FEW_DAYS, inactive=6), A.SEND_MESSAGE, "Inactive for 6 days."),
        # 9. Recently met and nothing else stands out: follow up.
        (
            row(MEDIUM, C.INACTIVE_WEEK, contact=(K.MEETING, 4), inactive=10),
            A.FOLLOW_UP,
            "Last contacted 4 days ago.",
        ),
        (
            row(MEDIUM, C.INACTIVE_WEEK, contact=(K.MODULE_ASSIGNED, 0), inactive=10),
            A.FOLLOW_UP,
            "Contacted today.",
        ),
        # Reasons this version does not know were left out when read: still a sensible step.
        (row(MEDIUM), A.CALL_THIS_WEEK, "Score 5 and no contact yet."),
    ],
)
def test_each_row_of_the_table_suggests_its_action(
    youth: BoardRow, action: NextActionCode, because: str
) -> None:
    suggested = suggest(youth, TODAY)
    assert (suggested.code, suggested.because) == (action, because)
    assert suggested.text == TEXT[action]


def test_the_reason_is_a_template_with_its_facts_for_translation() -> None:
    suggested = suggest(row(MEDIUM, C.INACTIVE_WEEK, contact=(K.CALL, 2), inactive=9), TODAY)
    assert suggested.why == "Still inactive for {inactive} days after a call {days} days ago."
    assert suggested.facts == {"inactive": 9, "days": 2}


def test_every_action_has_its_sentence() -> None:
    assert set(TEXT) == set(NextActionCode)
    assert all(text and text[0].isupper() for text in TEXT.values())
