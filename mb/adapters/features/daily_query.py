"""The one statement that computes every youth's daily features for a day D.

What each column means is set out in `mb.domain.model.daily_features`; the day's bounds are bound
parameters (see `ProgrammeDay`), so each table is read through an index on the range it needs.

Each table is summed per user on its own, the sums are stacked (UNION ALL, each part filling its
own columns) and one GROUP BY folds them into a row per youth. Joining the per-table sums instead
leaves the plan to the planner's row estimates, and SQLite without statistics then rescans one of
them for every youth.
"""

from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    ColumnExpressionArgument,
    Float,
    Integer,
    Label,
    Select,
    and_,
    bindparam,
    case,
    cast,
    func,
    label,
    literal,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.types import TypeEngine

from mb.adapters.db.tables import (
    ActivityRow,
    AssignmentRow,
    BadgeRow,
    InvitationRow,
    PlacementRow,
    PointsEntryRow,
    QuizAttemptRow,
    SurveyTemplateRow,
    UserRow,
)
from mb.adapters.db.types import CalendarDate, UtcDateTime
from mb.adapters.features.local_day import local_day_number
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.invitation import Audience
from mb.domain.model.roles import Role
from mb.domain.model.survey import TemplateType
from mb.domain.rules.engagement import LEARNING

DAY = bindparam("day", type_=CalendarDate)
DAY_NUMBER = bindparam("day_number", type_=Integer)
DAY_ENDS = bindparam("day_ends", type_=UtcDateTime())
YESTERDAY_STARTS = bindparam("yesterday_starts", type_=UtcDateTime())
MONTH_STARTS = bindparam("month_starts", type_=UtcDateTime())  # D-29: the 30-day window
LEARNING_KINDS = tuple(kind.value for kind in LEARNING)

# What the parts report about a user; each fills its own and leaves the others NULL.
FACTS: dict[str, TypeEngine[Any]] = {
    "counted": Integer(),  # 1 from the youth part: the youth counted on D
    "registered_day": BigInteger(),
    "last_active_day": BigInteger(),
    "assigned": BigInteger(),
    "started": BigInteger(),
    "completed": BigInteger(),
    "avg_completion": Float(),
    "active_days_30": BigInteger(),
    "active_days_7": BigInteger(),
    "streak_days": BigInteger(),
    "quiz_attempts": BigInteger(),
    "points": BigInteger(),
    "badges": BigInteger(),
    "surveys_pending": BigInteger(),
    "career_survey_done": Integer(),
    "placed": Integer(),
}


def daily_features_query(dialect: str) -> Select[Any]:
    """Every youth counted on D, by user_id, with the columns of `DailyFeatures` but
    `feature_timestamp` (the caller's)."""
    parts = union_all(
        _youth(dialect),
        _assignments(),
        _active_days(dialect),
        _streaks(dialect),
        _totals_by_day_ends(QuizAttemptRow.user_id, QuizAttemptRow.at, quiz_attempts=func.count()),
        _totals_by_day_ends(
            PointsEntryRow.user_id, PointsEntryRow.at, points=func.sum(PointsEntryRow.amount)
        ),
        _totals_by_day_ends(BadgeRow.user_id, BadgeRow.earned_at, badges=func.count()),
        _invitations(),
        _placements(),
    ).subquery("parts")
    # Each fact comes from one part at most, so MAX picks it out (NULL when no part had it).
    youth = (
        select(parts.c.user_id, *(func.max(parts.c[name]).label(name) for name in FACTS if name != "counted"))
        .group_by(parts.c.user_id)
        .having(func.max(parts.c.counted) == 1)
        .subquery("youth")
    )
    last_active = case(
        (youth.c.last_active_day > youth.c.registered_day, youth.c.last_active_day),
        else_=youth.c.registered_day,
    )
    return select(
        youth.c.user_id,
        _zero(youth.c.assigned).label("modules_assigned"),
        _zero(youth.c.started).label("modules_started"),
        _zero(youth.c.completed).label("modules_completed"),
        func.coalesce(youth.c.avg_completion, 0.0).label("avg_completion"),
        (DAY_NUMBER - youth.c.registered_day).label("days_since_registration"),
        (DAY_NUMBER - last_active).label("days_inactive"),
        _zero(youth.c.active_days_7).label("active_days_7"),
        _zero(youth.c.active_days_30).label("active_days_30"),
        _zero(youth.c.quiz_attempts).label("quiz_attempts"),
        _zero(youth.c.points).label("points"),
        _zero(youth.c.streak_days).label("streak_days"),
        _zero(youth.c.surveys_pending).label("surveys_pending"),
        _zero(youth.c.career_survey_done).label("career_survey_done"),
        _zero(youth.c.badges).label("badges_earned"),
        _zero(youth.c.placed).label("placed"),
    ).order_by(youth.c.user_id)


def _part(user_id: ColumnExpressionArgument[Any], **facts: ColumnExpressionArgument[Any]) -> list[Label[Any]]:
    """The columns of one part: its own facts, NULL for the rest (typed, for PostgreSQL)."""
    return [
        label("user_id", user_id),
        *(label(name, facts[name] if name in facts else cast(null(), kind)) for name, kind in FACTS.items()),
    ]


def _counted_youth() -> ColumnElement[bool]:
    return and_(UserRow.role == Role.YOUTH.value, UserRow.is_active == true(), UserRow.created_at < DAY_ENDS)


def _youth(dialect: str) -> Select[Any]:
    """Active youth registered by D, with the local days of registration and last activity."""
    last_event = (
        select(func.max(ActivityRow.at))
        .where(ActivityRow.user_id == UserRow.id, ActivityRow.at < DAY_ENDS)
        .scalar_subquery()
    )
    facts = _part(
        UserRow.id,
        counted=literal(1, Integer),
        registered_day=local_day_number(UserRow.created_at, dialect),
        last_active_day=local_day_number(last_event, dialect),
    )
    return select(*facts).where(_counted_youth())


def _assignments() -> Select[Any]:
    """Assignments held by D (made by then, not withdrawn), and how far each had got."""
    started = AssignmentRow.started_at < DAY_ENDS
    completed = AssignmentRow.completed_at < DAY_ENDS
    # Progress is only kept as it is now: a module not yet completed by D shows at most 99.
    progress = case((AssignmentRow.progress > 99, 99), else_=AssignmentRow.progress)
    percent = case((completed, 100), (started, progress), else_=0)
    facts = _part(
        AssignmentRow.user_id,
        assigned=func.count(),
        started=func.sum(case((started, 1), else_=0)),
        completed=func.sum(case((completed, 1), else_=0)),
        # Averaged as floats, so every database divides the same integer sum the same way.
        avg_completion=func.avg(cast(percent, Float)),
    )
    return (
        select(*facts)
        .where(AssignmentRow.assigned_at < DAY_ENDS, AssignmentRow.status != AssignmentStatus.INACTIVE.value)
        .group_by(AssignmentRow.user_id)
    )


def _active_days(dialect: str) -> Select[Any]:
    """Distinct local days with any activity in D-29..D, and of those in D-6..D."""
    # From the youth, so each one's month is read by the (user_id, at) index.
    days = (
        select(ActivityRow.user_id, local_day_number(ActivityRow.at, dialect).label("day"))
        .join_from(UserRow, ActivityRow, ActivityRow.user_id == UserRow.id)
        .where(_counted_youth(), ActivityRow.at >= MONTH_STARTS, ActivityRow.at < DAY_ENDS)
        .distinct()
        .subquery("recent_days")
    )
    facts = _part(
        days.c.user_id,
        active_days_30=func.count(),
        active_days_7=func.sum(case((days.c.day >= DAY_NUMBER - 6, 1), else_=0)),
    )
    return select(*facts).group_by(days.c.user_id)


def _streaks(dialect: str) -> Select[Any]:
    """The run of consecutive learning days that reaches D or D-1 (gaps and islands)."""
    # Only those who learnt on D or D-1 have a streak; only their history needs reading.
    learners = (
        select(ActivityRow.user_id)
        .where(
            ActivityRow.kind.in_(LEARNING_KINDS),
            ActivityRow.at >= YESTERDAY_STARTS,
            ActivityRow.at < DAY_ENDS,
        )
        .distinct()
        .subquery("learners")
    )
    days = (
        select(ActivityRow.user_id, local_day_number(ActivityRow.at, dialect).label("day"))
        .join_from(learners, ActivityRow, ActivityRow.user_id == learners.c.user_id)
        .where(ActivityRow.kind.in_(LEARNING_KINDS), ActivityRow.at < DAY_ENDS)
        .distinct()
        .subquery("learning_days")
    )
    # Consecutive days minus their rank are one constant per unbroken run: the island.
    rank = func.row_number().over(partition_by=days.c.user_id, order_by=days.c.day)
    islands = select(days.c.user_id, days.c.day, (days.c.day - rank).label("island")).subquery("islands")
    return (
        select(*_part(islands.c.user_id, streak_days=func.count()))
        .group_by(islands.c.user_id, islands.c.island)
        .having(func.max(islands.c.day) >= DAY_NUMBER - 1)
    )


def _totals_by_day_ends(
    user_id: ColumnExpressionArgument[Any],
    at: ColumnExpressionArgument[Any],
    **total: ColumnExpressionArgument[Any],
) -> Select[Any]:
    """A per-user total over the rows of one table from before the end of D."""
    return select(*_part(user_id, **total)).where(at < DAY_ENDS).group_by(user_id)


def _invitations() -> Select[Any]:
    """Youth invitations made by D: those still open at its end, and a career survey answered."""
    answered = InvitationRow.completed_at < DAY_ENDS
    open_then = and_(
        or_(InvitationRow.completed_at.is_(None), InvitationRow.completed_at >= DAY_ENDS),
        InvitationRow.expires_at > DAY_ENDS,
    )
    career_answered = and_(SurveyTemplateRow.type == TemplateType.CAREER.value, answered)
    facts = _part(
        InvitationRow.youth_id,
        surveys_pending=func.sum(case((open_then, 1), else_=0)),
        career_survey_done=func.max(case((career_answered, 1), else_=0)),
    )
    return (
        select(*facts)
        .join_from(InvitationRow, SurveyTemplateRow, SurveyTemplateRow.id == InvitationRow.template_id)
        .where(
            InvitationRow.audience == Audience.YOUTH.value,
            InvitationRow.youth_id.is_not(None),
            InvitationRow.created_at < DAY_ENDS,
        )
        .group_by(InvitationRow.youth_id)
    )


def _placements() -> Select[Any]:
    return (
        select(*_part(PlacementRow.youth_id, placed=literal(1, Integer)))
        .where(PlacementRow.start_date <= DAY)
        .distinct()
    )


def _zero(value: ColumnElement[Any]) -> ColumnElement[Any]:
    """A youth with nothing in a table has no part from it: count zero."""
    return func.coalesce(value, 0)
