"""The insights pages' reads, each in one or two statements: the work is done in the database
and only what a page shows (or a rule needs) comes back."""

from collections.abc import Sequence
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from sqlalchemy import Row, SQLColumnExpression, and_, case, func, literal, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from mb.adapters.db.repositories import risk_board
from mb.adapters.db.repositories.day_arithmetic import days_after as day_plus
from mb.adapters.db.repositories.day_arithmetic import days_between
from mb.adapters.db.repositories.features import day_totals_columns, number_where
from mb.adapters.db.repositories.youth_filter import youth_conditions
from mb.adapters.db.tables import (
    AssignmentRow,
    DailyFeaturesRow,
    FeatureDayTotalsRow,
    InterventionRow,
    ModuleRow,
    UserRow,
)
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.insight_views import FunnelGrouping
from mb.domain.model.insights import (
    BoardPage,
    BoardQuery,
    BoardRow,
    DayTotals,
    FunnelCounts,
    GamificationGroupFacts,
    InterventionFollowUps,
    LastContact,
    ModuleOutcomes,
    SectorYouth,
)
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.module import ModuleStatus
from mb.domain.model.risk import RiskLevel
from mb.domain.model.youth_filter import YouthFilter
from mb.domain.rules.funnel import cohort_starts
from mb.domain.rules.risk import decode_reasons

Features = DailyFeaturesRow
WITHDRAWN = AssignmentStatus.INACTIVE.value
STARTED = (AssignmentStatus.IN_PROGRESS.value, AssignmentStatus.COMPLETED.value)
COMPLETED = AssignmentStatus.COMPLETED.value
FUNNEL_STEPS = ("survey", "started", "completed", "badge", "placed")  # after registered


class SqlaInsightQueries:
    """A day's board, funnel and gamification read the rows of youth active now (someone
    deactivated since is not to be acted on); the totals count every row stored that day, as the
    programme stood then."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def day_totals(self, first: date, last: date, mentor_id: int | None) -> Sequence[DayTotals]:
        if mentor_id is None:
            totals = FeatureDayTotalsRow
            found = await self._session.execute(
                select(
                    totals.feature_date,
                    totals.youth,
                    totals.active_7_days,
                    totals.modules_assigned,
                    totals.modules_completed,
                    totals.high,
                    totals.medium,
                    totals.low,
                )
                .where(totals.feature_date.between(first, last))
                .order_by(totals.feature_date)
            )
        else:
            found = await self._session.execute(
                select(Features.feature_date, *day_totals_columns())
                .join(UserRow, UserRow.id == Features.user_id)
                .where(UserRow.mentor_id == mentor_id, Features.feature_date.between(first, last))
                .group_by(Features.feature_date)
                .order_by(Features.feature_date)
            )
        return [DayTotals(day, *(int(number) for number in numbers)) for day, *numbers in found]

    async def risk_board(self, day: date, query: BoardQuery) -> BoardPage:
        return await self._board(day, query)

    async def risk_board_latest(self, query: BoardQuery) -> BoardPage:
        return await self._board(None, query)

    async def _board(self, day: date | None, query: BoardQuery) -> BoardPage:
        statement, values = risk_board.board(day, query)
        found = (await self._session.execute(statement, values)).all()
        on = found[0].day if day is None else day
        if on is None:
            return BoardPage(None, [], 0, {})
        counts = {level: int(found[0]._mapping[level.value]) for level in RiskLevel}
        total = sum(counts.values()) if query.level is None else counts[query.level]
        rows = [_board_row(row) for row in found if row.user_id is not None]
        return BoardPage(on, rows, total, counts)

    async def funnel_counts(
        self, day: date, grouping: FunnelGrouping, timezone: str
    ) -> Sequence[FunnelCounts]:
        youth = youth_conditions(YouthFilter())
        group: SQLColumnExpression[str] = literal("")
        if grouping is FunnelGrouping.REGION:
            group = UserRow.region
        elif grouping is FunnelGrouping.COHORT:
            # Everyone's, staff too: read from the ends of the created_at index; a month without
            # youth only adds a bound no one falls under.
            registered = select(func.min(UserRow.created_at), func.max(UserRow.created_at))
            first, last = (await self._session.execute(registered)).one()
            if first is None:
                return []
            # The month each youth registered in, local to the programme: bounded by the moments
            # its months begin, which Python's zones know (DST included) and no SQL dialect agrees on.
            starts = cohort_starts(first, last, timezone)
            later = [(UserRow.created_at < begins, name) for (name, _), (_, begins) in pairwise(starts)]
            group = case(*later, else_=literal(starts[-1][0])) if later else literal(starts[-1][0])
        # Each youth's group and steps first, counted by group outside: a grouping on an expression
        # with bound values would not match its own select list on PostgreSQL.
        reached = (
            select(
                group.label("name"),
                Features.career_survey_done.label("survey"),
                (Features.modules_started > 0).label("started"),
                (Features.modules_completed > 0).label("completed"),
                (Features.badges_earned > 0).label("badge"),
                Features.placed.label("placed"),
            )
            .select_from(Features)
            # The day's features are read first, from their index (see risk_board._features_first).
            .join(UserRow, UserRow.id == Features.user_id + literal_column("0"))
            .where(Features.feature_date == day, *youth)
            .subquery("reached")
        )
        found = await self._session.execute(
            select(
                reached.c.name,
                func.count(),
                *(number_where(reached.c[step].is_(True)) for step in FUNNEL_STEPS),
            ).group_by(reached.c.name)
        )
        return [FunnelCounts(name, *(int(count) for count in counts)) for name, *counts in found]

    async def sector_youth(self) -> Sequence[SectorYouth]:
        people = await self._session.execute(
            select(UserRow.id, UserRow.sector_interests, UserRow.skills)
            .where(*youth_conditions(YouthFilter()))
            .order_by(UserRow.id)
        )
        # Each module's skills decoded once, not once per assignment: 30 lists, not 20,000.
        modules = {
            module_id: (sector, frozenset(skills or []))
            for module_id, sector, skills in await self._session.execute(
                select(ModuleRow.id, ModuleRow.sector, ModuleRow.skills)
            )
        }
        learning = await self._session.execute(
            select(AssignmentRow.user_id, AssignmentRow.module_id, AssignmentRow.status)
            .where(AssignmentRow.status.in_(STARTED))
            .order_by(AssignmentRow.user_id, AssignmentRow.module_id)
        )
        learned: dict[int, set[str]] = {}
        sectors: dict[int, list[str]] = {}
        for user_id, module_id, status in learning:
            sector, skills = modules[module_id]
            sectors.setdefault(user_id, []).append(sector)
            if status == COMPLETED:
                learned.setdefault(user_id, set()).update(skills)
        return [
            SectorYouth(
                user_id,
                frozenset(interests or []),
                frozenset(skills or []) | learned.get(user_id, set()),
                tuple(sectors.get(user_id, [])),
            )
            for user_id, interests, skills in people
        ]

    async def sector_skills(self) -> dict[str, frozenset[str]]:
        found = await self._session.execute(
            select(ModuleRow.sector, ModuleRow.skills).where(
                ModuleRow.status == ModuleStatus.ACTIVE.value, ModuleRow.sector != ""
            )
        )
        skills: dict[str, set[str]] = {}
        for sector, taught in found:
            skills.setdefault(sector, set()).update(taught or [])
        return {sector: frozenset(taught) for sector, taught in sorted(skills.items())}

    async def module_outcomes(self) -> Sequence[ModuleOutcomes]:
        # Both parts read only the (module_id, status, progress, completed_at, started_at,
        # assigned_at) index. The median is the middle duration, or the mean of the middle two.
        started = func.coalesce(AssignmentRow.started_at, AssignmentRow.assigned_at)
        took = days_between(started, AssignmentRow.completed_at)
        durations = (
            select(
                AssignmentRow.module_id,
                took.label("days"),
                # One window for both, so the durations are sorted once: `rows` spans the whole
                # module for the count, and row_number ignores it.
                func.row_number().over(partition_by=AssignmentRow.module_id, order_by=took).label("place"),
                func.count()
                .over(partition_by=AssignmentRow.module_id, order_by=took, rows=(None, None))
                .label("done"),
            )
            .where(AssignmentRow.status == COMPLETED, AssignmentRow.completed_at.is_not(None))
            .subquery("durations")
        )
        middle = (
            select(durations.c.module_id, func.avg(durations.c.days).label("days"))
            .where(durations.c.place.in_([(durations.c.done + 1) // 2, (durations.c.done + 2) // 2]))
            .group_by(durations.c.module_id)
            .subquery("median_days")
        )
        held = and_(AssignmentRow.module_id == ModuleRow.id, AssignmentRow.status != WITHDRAWN)
        found = await self._session.execute(
            select(
                ModuleRow.id,
                ModuleRow.code,
                ModuleRow.title,
                ModuleRow.sector,
                func.count(AssignmentRow.id),
                number_where(AssignmentRow.status == COMPLETED),
                func.avg(AssignmentRow.progress),
                middle.c.days,
            )
            .outerjoin(AssignmentRow, held)
            .outerjoin(middle, middle.c.module_id == ModuleRow.id)
            .where(ModuleRow.status == ModuleStatus.ACTIVE.value)
            .group_by(ModuleRow.id, ModuleRow.code, ModuleRow.title, ModuleRow.sector, middle.c.days)
            .order_by(ModuleRow.code)
        )
        return [
            ModuleOutcomes(
                module_id,
                code,
                title,
                sector,
                int(learners),
                int(completed or 0),
                float(average or 0),
                None if median is None else float(median),
            )
            for module_id, code, title, sector, learners, completed, average, median in found
        ]

    async def gamification_groups(self, day: date) -> Sequence[GamificationGroupFacts]:
        earners = case((Features.badges_earned > 0, 1), else_=0)
        found = await self._session.execute(
            select(
                earners,
                func.count(),
                func.sum(Features.active_days_30),
                func.sum(Features.modules_assigned),
                func.sum(Features.modules_completed),
            )
            .join(UserRow, UserRow.id == Features.user_id)
            .where(Features.feature_date == day, *youth_conditions(YouthFilter()))
            .group_by(earners)
            .order_by(earners.desc())
        )
        return [
            GamificationGroupFacts(bool(group), int(youth), int(active), int(assigned), int(completed))
            for group, youth, active, assigned, completed in found
        ]

    async def intervention_follow_ups(self, since: date, days_after: int) -> Sequence[InterventionFollowUps]:
        before = aliased(DailyFeaturesRow, name="before")
        after = aliased(DailyFeaturesRow, name="after")
        # Both joins look one row up by the (user_id, feature_date) key; NULL when a score is
        # missing, so the change, and every count made of it, leaves that intervention out.
        change = after.risk_score - before.risk_score
        found = await self._session.execute(
            select(
                InterventionRow.kind,
                func.count(),
                func.count(change),
                func.coalesce(func.sum(change), 0),
                number_where(change < 0),
                number_where(change == 0),
                number_where(change > 0),
            )
            .outerjoin(
                before,
                and_(
                    before.user_id == InterventionRow.youth_id, before.feature_date == InterventionRow.on_day
                ),
            )
            .outerjoin(
                after,
                and_(
                    after.user_id == InterventionRow.youth_id,
                    after.feature_date == day_plus(InterventionRow.on_day, days_after),
                ),
            )
            .where(InterventionRow.on_day >= since)
            .group_by(InterventionRow.kind)
        )
        return [
            InterventionFollowUps(InterventionKind(kind), *(int(number) for number in numbers))
            for kind, *numbers in found
        ]

    async def interventions_count(self, since: datetime) -> int:
        found = await self._session.scalar(
            select(func.count()).select_from(InterventionRow).where(InterventionRow.at >= since)
        )
        return int(found or 0)


def _board_row(row: Row[Any]) -> BoardRow:
    contact = (
        None if row.contact_at is None else LastContact(row.contact_at, InterventionKind(row.contact_kind))
    )
    return BoardRow(
        user_id=row.user_id,
        full_name=row.full_name,
        student_id=row.student_id or "",
        region=row.region,
        mentor_name=row.mentor_name or "",
        score=row.risk_score,
        level=RiskLevel(row.risk_level),
        reasons=decode_reasons(row.risk_reasons),
        score_7_days_ago=row.score_7_days_ago,
        days_inactive=row.days_inactive,
        avg_completion=row.avg_completion,
        last_contact=contact,
    )
