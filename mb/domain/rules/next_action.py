"""The mentor's suggested next action for one youth on the at-risk board or caseload.

A decision table over the youth's risk reasons and the last contact; the first row that applies
wins ("recent" contact: within RECENT_CONTACT_DAYS):

| # | when                                                          | action                      |
|---|---------------------------------------------------------------|-----------------------------|
| 1 | HIGH risk and no recent contact                               | call today                  |
| 2 | inactive over 7 days, recently contacted by message or call   | meet in person              |
| 3 | inactive over 7 days, no recent contact                       | call this week              |
| 4 | nothing started and no module waiting to be started           | assign a first module       |
| 5 | LOW risk                                                      | keep in touch               |
| 6 | modules not started, started but none done, low completion    | go through the module       |
| 7 | no quiz attempt and no career survey                          | send the career survey      |
| 8 | inactive a few days                                           | send an encouraging message |
| 9 | anything else                                                 | follow up on the last contact |

(Row 9 without any contact yet suggests a call this week: that happens only when a row's stored
reasons are codes this version no longer knows.)

Row 4 comes before LOW because assigning is the mentor's own step, whatever the score. A youth
with "nothing started" also has a low-completion reason exactly when modules are assigned (that
rule only counts youth with something assigned), which is how rows 4 and 6 tell them apart.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from mb.domain.model.insight_views import NextAction, NextActionCode
from mb.domain.model.insights import BoardRow
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.risk import RiskLevel, RiskReasonCode

RECENT_CONTACT_DAYS = 14

A = NextActionCode
C = RiskReasonCode
TEXT = {
    A.CALL_TODAY: "Call today",
    A.MEET_IN_PERSON: "Meet in person",
    A.CALL_THIS_WEEK: "Call this week",
    A.ASSIGN_FIRST_MODULE: "Assign a first module",
    A.KEEP_IN_TOUCH: "Keep in touch",
    A.WORK_THROUGH_MODULE: "Go through the current module together",
    A.SEND_CAREER_SURVEY: "Send the career survey",
    A.SEND_MESSAGE: "Send an encouraging message",
    A.FOLLOW_UP: "Follow up on the last contact",
}
LONG_INACTIVE = {C.INACTIVE_LONG, C.INACTIVE_WEEK}
LOW_COMPLETION = {C.COMPLETION_VERY_LOW, C.COMPLETION_LOW}
STILL_INACTIVE_AFTER = {
    InterventionKind.MESSAGE: "Still inactive for {inactive} days after a message {days} days ago.",
    InterventionKind.CALL: "Still inactive for {inactive} days after a call {days} days ago.",
}
INACTIVE_CONTACTED_TODAY = {
    InterventionKind.MESSAGE: "Inactive for {inactive} days; messaged today. Meet if there is no answer.",
    InterventionKind.CALL: "Inactive for {inactive} days; called today. Meet if nothing changes.",
}


@dataclass(frozen=True)
class _Youth:
    """What the table looks at."""

    codes: frozenset[RiskReasonCode]
    level: RiskLevel
    score: int
    inactive: int
    completion: float
    contacted_by: InterventionKind | None
    days_since_contact: int | None  # None: never contacted

    @property
    def recent(self) -> bool:
        return self.days_since_contact is not None and self.days_since_contact < RECENT_CONTACT_DAYS


def suggest(row: BoardRow, today: date) -> NextAction:
    """The first row of the table above that applies to the youth on `today`, with its reason."""
    contact = row.last_contact
    youth = _Youth(
        codes=frozenset(reason.code for reason in row.reasons),
        level=row.level,
        score=row.score,
        inactive=row.days_inactive,
        completion=row.avg_completion,
        contacted_by=None if contact is None else contact.kind,
        # The contact's own calendar day: a day off around midnight cannot move a two-week threshold.
        days_since_contact=None if contact is None else max((today - contact.at.date()).days, 0),
    )
    for rule in TABLE:
        action = rule(youth)
        if action is not None:
            return action
    return _follow_up(youth)


def _call_today(y: _Youth) -> NextAction | None:
    if y.level is not RiskLevel.HIGH or y.recent:
        return None
    if y.days_since_contact is None:
        return _action(A.CALL_TODAY, "High risk (score {score}) and no contact yet.", score=y.score)
    why = "High risk (score {score}) and no contact for {days} days."
    return _action(A.CALL_TODAY, why, score=y.score, days=y.days_since_contact)


def _meet_in_person(y: _Youth) -> NextAction | None:
    if not (y.codes & LONG_INACTIVE and y.recent and y.contacted_by in STILL_INACTIVE_AFTER):
        return None
    if not y.days_since_contact:
        return _action(A.MEET_IN_PERSON, INACTIVE_CONTACTED_TODAY[y.contacted_by], inactive=y.inactive)
    why = STILL_INACTIVE_AFTER[y.contacted_by]
    return _action(A.MEET_IN_PERSON, why, inactive=y.inactive, days=y.days_since_contact)


def _call_this_week(y: _Youth) -> NextAction | None:
    if not y.codes & LONG_INACTIVE or y.recent:
        return None
    if y.days_since_contact is None:
        return _action(
            A.CALL_THIS_WEEK, "Inactive for {inactive} days and no contact yet.", inactive=y.inactive
        )
    why = "Inactive for {inactive} days and no contact for {days} days."
    return _action(A.CALL_THIS_WEEK, why, inactive=y.inactive, days=y.days_since_contact)


def _assign_first_module(y: _Youth) -> NextAction | None:
    if C.NOTHING_STARTED not in y.codes or y.codes & LOW_COMPLETION:
        return None
    return _action(A.ASSIGN_FIRST_MODULE, "Has not started anything and has no module waiting.")


def _keep_in_touch(y: _Youth) -> NextAction | None:
    if y.level is not RiskLevel.LOW:
        return None
    return _action(A.KEEP_IN_TOUCH, "Risk is low (score {score}).", score=y.score)


def _work_through_module(y: _Youth) -> NextAction | None:
    if C.NOTHING_STARTED in y.codes:
        return _action(A.WORK_THROUGH_MODULE, "Has modules assigned but has not started any.")
    if C.STARTED_NONE_DONE in y.codes:
        return _action(A.WORK_THROUGH_MODULE, "Started modules three weeks ago or more but completed none.")
    if y.codes & LOW_COMPLETION:
        why = "Average completion is {completion} %."
        return _action(A.WORK_THROUGH_MODULE, why, completion=round(y.completion))
    return None


def _send_career_survey(y: _Youth) -> NextAction | None:
    if C.NO_QUIZ_OR_CAREER not in y.codes:
        return None
    return _action(A.SEND_CAREER_SURVEY, "No quiz attempt and no career survey after two weeks.")


def _send_message(y: _Youth) -> NextAction | None:
    if C.INACTIVE_FEW_DAYS not in y.codes:
        return None
    return _action(A.SEND_MESSAGE, "Inactive for {inactive} days.", inactive=y.inactive)


def _follow_up(y: _Youth) -> NextAction:
    if y.days_since_contact is None:  # only when stored reasons are not known to this version
        return _action(A.CALL_THIS_WEEK, "Score {score} and no contact yet.", score=y.score)
    if y.days_since_contact == 0:
        return _action(A.FOLLOW_UP, "Contacted today.")
    return _action(A.FOLLOW_UP, "Last contacted {days} days ago.", days=y.days_since_contact)


TABLE: tuple[Callable[[_Youth], NextAction | None], ...] = (
    _call_today,
    _meet_in_person,
    _call_this_week,
    _assign_first_module,
    _keep_in_touch,
    _work_through_module,
    _send_career_survey,
    _send_message,
)


def _action(code: NextActionCode, why: str, **facts: int) -> NextAction:
    return NextAction(code, TEXT[code], why, facts)
