"""Achievements, the leaderboard and points adjustments, behind the `gamification` flag."""

import logging
from collections.abc import Callable
from datetime import datetime, time, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

from mb.domain.errors import InvalidInput
from mb.domain.model.audit import AuditEntry
from mb.domain.model.engagement import Period, PointReason, PointsEntry, RankedStanding
from mb.domain.model.engagement_views import (
    ANONYMOUS,
    Achievements,
    BadgeView,
    Leaderboard,
    LeaderboardRow,
    PointsHistory,
)
from mb.domain.model.flags import Flag
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.ports.clock import Clock
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.badges import BADGES
from mb.domain.rules.levels import level_for
from mb.domain.rules.streaks import current_length
from mb.domain.services.access import require_role, youth_in_view
from mb.domain.services.flags import FeatureFlagService

log = logging.getLogger("mb.engagement")
HISTORY_PAGE = 20
TOP = 10
NEAR = 5  # places shown above and below the youth in "near me"
MAX_ADJUSTMENT = 1000
REASON_LENGTH = (3, 200)


class EngagementService:
    def __init__(
        self, uow: Callable[[], UnitOfWork], flags: FeatureFlagService, clock: Clock, timezone: str
    ) -> None:
        self._uow = uow
        self._flags = flags
        self._clock = clock
        self._zone = ZoneInfo(timezone)

    async def is_on(self) -> bool:
        return await self._flags.is_enabled(Flag.GAMIFICATION)

    async def achievements(self, actor: Actor, user_id: int) -> Achievements:
        """A youth's points, level, streak, badges and the latest points, for them or their staff."""
        await self._flags.require(Flag.GAMIFICATION)
        async with self._uow() as uow:
            await youth_in_view(uow, actor, user_id)
            points = await uow.points.total(user_id)
            streak = await uow.streaks.get(user_id)
            earned = {b.badge: b.earned_at for b in await uow.badges.for_user(user_id)}
            history = await _history(uow, user_id, 0, HISTORY_PAGE)
        today = self._clock.now().astimezone(self._zone).date()
        return Achievements(
            points=points,
            level=level_for(points),
            streak_current=current_length(streak, today),
            streak_best=streak.best if streak else 0,
            badges=tuple(BadgeView(rule, earned.get(rule.code)) for rule in BADGES),
            history=history,
        )

    async def points_history(
        self, actor: Actor, user_id: int, offset: int, limit: int = HISTORY_PAGE
    ) -> PointsHistory:
        await self._flags.require(Flag.GAMIFICATION)
        async with self._uow() as uow:
            await youth_in_view(uow, actor, user_id)
            return await _history(uow, user_id, max(offset, 0), min(max(limit, 1), 100))

    async def leaderboard(
        self, actor: Actor, period: Period, region: str | None = None, near_me: bool = False
    ) -> Leaderboard:
        """Youth ranked by points in `period`, programme-wide or in one region. Names show only
        for youth who opted in; staff are never ranked. `near_me`: the viewing youth's place with
        up to five above and five below, instead of the top ten."""
        await self._flags.require(Flag.GAMIFICATION)
        async with self._uow() as uow:
            ranking = await uow.points.ranking(
                self._since(period),
                region or None,
                first=TOP,
                viewer_id=actor.user_id,
                around=NEAR if near_me else 0,
            )
        viewer = ranking.viewer
        if near_me and viewer is not None:
            shown = [s for s in ranking.rows if abs(s.position - viewer.position) <= NEAR]
        else:
            shown = [s for s in ranking.rows if s.position <= TOP]
        you = _row(viewer, actor) if viewer is not None else None
        rows = tuple(_row(standing, actor) for standing in shown)
        return Leaderboard(period, region or None, rows, you, ranking.ranked)

    async def adjust_points(self, actor: Actor, user_id: int, amount: object, reason: str) -> PointsEntry:
        """An admin's correction, with the reason the youth will see; audited."""
        require_role(actor, Role.ADMIN)
        await self._flags.require(Flag.GAMIFICATION)
        points, why = _adjustment(amount, reason)
        now = self._clock.now()
        async with self._uow() as uow:
            await youth_in_view(uow, actor, user_id)
            entry = PointsEntry(
                user_id,
                points,
                PointReason.ADJUSTMENT,
                f"adjustment:{uuid4().hex}",
                now,
                note=why,
                awarded_by=actor.user_id,
            )
            await uow.points.add_new([entry])
            details = {"amount": points, "reason": why}
            await uow.audit.record(
                AuditEntry(now, actor.user_id, "points.adjusted", "user", str(user_id), details)
            )
            await uow.commit()
        log.info("points.adjusted", extra={"user_id": user_id, "amount": points, "by": actor.user_id})
        return entry

    def _since(self, period: Period) -> datetime | None:
        today = self._clock.now().astimezone(self._zone).date()
        if period is Period.WEEK:
            start = today - timedelta(days=today.weekday())
        elif period is Period.MONTH:
            start = today.replace(day=1)
        else:
            return None
        return datetime.combine(start, time(), self._zone)


def _row(standing: RankedStanding, actor: Actor) -> LeaderboardRow:
    """The name withheld for youth who did not opt in."""
    name = standing.full_name if standing.shows_name else ANONYMOUS
    is_you = standing.user_id == actor.user_id
    return LeaderboardRow(standing.rank, name, standing.region, standing.points, is_you)


async def _history(uow: UnitOfWork, user_id: int, offset: int, limit: int) -> PointsHistory:
    entries = tuple(await uow.points.history(user_id, offset, limit))
    wanted = {e.module_id for e in entries if e.module_id is not None}
    titles = {m.id: m.title for m in await uow.modules.all() if m.id in wanted}
    return PointsHistory(entries, await uow.points.count(user_id), titles)


def _adjustment(amount: object, reason: str) -> tuple[int, str]:
    problems: dict[str, str] = {}
    points = 0
    try:
        points = int(str(amount).strip())
    except ValueError:
        problems["amount"] = "Enter a whole number of points, for example 20 or -20."
    else:
        if points == 0:
            problems["amount"] = (
                "An adjustment of 0 points changes nothing; enter a positive or negative number."
            )
        elif abs(points) > MAX_ADJUSTMENT:
            problems["amount"] = f"Adjust by at most {MAX_ADJUSTMENT} points at a time."
    why = " ".join((reason or "").split())
    low, high = REASON_LENGTH
    if not low <= len(why) <= high:
        problems["reason"] = f"Give the reason the youth will see, {low} to {high} characters."
    if problems:
        raise InvalidInput(problems)
    return points, why
