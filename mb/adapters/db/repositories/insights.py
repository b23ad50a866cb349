"""The insights pages' reads, each in one or two statements: the work is done in the database
and only what a page shows (or a rule needs) comes back."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, and_, case, func, select
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
from mb.domain.model.insights import (
    BoardPage,
    BoardQuery,
    BoardRow,
    DayTotals,
    FunnelYouth,
    GamificationGroupFacts,
    InterventionFollowUp,
    LastContact,
    ModuleOutcomes,
    SectorYouth,
)
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.module import ModuleStatus
from mb.domain.model.risk import RiskLevel
from mb.domain.model.youth_filter import YouthFilter
from mb.domain.rules.risk import decode_reasons

Features = DailyFeaturesRow
WITHDRAWN = AssignmentStatus.INACTIVE.value
STARTED = (AssignmentStatus.IN_PROGRESS.value, AssignmentStatus.COMPLETED.value)
COMPLETED = AssignmentStatus.COMPLETED.value


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
        counted = await self._session.execute(risk_board.youth_per_level(day, query))
        counts = dict.fromkeys(RiskLevel, 0)
        for level, youth in counted:
            counts[RiskLevel(level)] = int(youth)
        total = sum(counts.values()) if query.level is None else counts[query.level]
        rows: list[BoardRow] = []
        if total > query.offset:  # a page past the end needs no query
            found = await self._session.execute(risk_board.page_of_youth(day, query))
            rows = [_board_row(row) for row in found]
        return BoardPage(day, rows, total, counts)

    async def funnel_youth(self, day: date) -> Sequence[FunnelYouth]:
        found = await self._session.execute(
            select(
                UserRow.region,
                UserRow.created_at,
                Features.career_survey_done,
                Features.modules_started > 0,
                Features.modules_completed > 0,
                Features.badges_earned > 0,
                Features.placed,
            )
            .join(UserRow, UserRow.id == Features.user_id)
            .where(Features.feature_date == day, *youth_conditions(YouthFilter()))
            .order_by(UserRow.id)  # the (role, is_active) index holds ids in order
        )
        return [
            FunnelYouth(
                region, registered_at, bool(survey), bool(started), bool(done), bool(badge), bool(placed)
            )
            for region, registered_at, survey, started, done, badge, placed in found
        ]

    async def sector_youth(self) -> Sequence[SectorYouth]:
        people = await self._session.execute(
            select(UserRow.id, UserRow.sector_interests, UserRow.skills)
            .where(*youth_conditions(YouthFilter()))
            .order_by(UserRow.id)
        )
        learning = await self._session.execute(
            select(AssignmentRow.user_id, AssignmentRow.status, ModuleRow.sector, ModuleRow.skills)
            .join(ModuleRow, ModuleRow.id == AssignmentRow.module_id)
            .join(UserRow, UserRow.id == AssignmentRow.user_id)
            .where(AssignmentRow.status.in_(STARTED), *youth_conditions(YouthFilter()))
            .order_by(AssignmentRow.user_id, AssignmentRow.module_id)
        )
        learned: dict[int, set[str]] = {}
        sectors: dict[int, list[str]] = {}
        for user_id, status, sector, skills in learning:
            sectors.setdefault(user_id, []).append(sector)
            if status == COMPLETED:
                learned.setdefault(user_id, set()).update(skills or [])
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
            )
            .outerjoin(AssignmentRow, held)
            .where(ModuleRow.status == ModuleStatus.ACTIVE.value)
            .group_by(ModuleRow.id, ModuleRow.code, ModuleRow.title, ModuleRow.sector)
            .order_by(ModuleRow.code)
        )
        modules = found.all()
        started = func.coalesce(AssignmentRow.started_at, AssignmentRow.assigned_at)
        took = days_between(started, AssignmentRow.completed_at)
        durations = await self._session.execute(
            select(AssignmentRow.module_id, took)
            .join(ModuleRow, ModuleRow.id == AssignmentRow.module_id)
            .where(
                ModuleRow.status == ModuleStatus.ACTIVE.value,
                AssignmentRow.status == COMPLETED,
                AssignmentRow.completed_at.is_not(None),
            )
            .order_by(AssignmentRow.module_id, took)
        )
        days: dict[int, list[float]] = {}
        for module_id, taken in durations:
            days.setdefault(module_id, []).append(float(taken))
        return [
            ModuleOutcomes(
                module_id,
                code,
                title,
                sector,
                int(learners),
                int(completed or 0),
                float(average or 0),
                tuple(days.get(module_id, [])),
            )
            for module_id, code, title, sector, learners, completed, average in modules
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

    async def intervention_follow_ups(self, since: date, days_after: int) -> Sequence[InterventionFollowUp]:
        before = aliased(DailyFeaturesRow, name="before")
        after = aliased(DailyFeaturesRow, name="after")
        found = await self._session.execute(
            select(InterventionRow.kind, before.risk_score, after.risk_score)
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
            .order_by(InterventionRow.at, InterventionRow.id)
        )
        return [InterventionFollowUp(InterventionKind(kind), score, later) for kind, score, later in found]

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
