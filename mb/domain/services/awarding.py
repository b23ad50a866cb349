"""Awarding points, badges and streaks as activity happens, and rebuilding them from scratch."""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from zoneinfo import ZoneInfo

from mb.domain.model.activity import ActivityEvent
from mb.domain.model.assignment import Assignment, AssignmentStatus
from mb.domain.model.audit import AuditEntry
from mb.domain.model.engagement import BadgeAward, PointsEntry, Streak
from mb.domain.model.flags import Flag
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.ports.clock import Clock
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.engagement import YouthState, count_event
from mb.domain.services.access import require_role
from mb.domain.services.flags import FeatureFlagService

log = logging.getLogger("mb.engagement")
RECOMPUTE_BATCH = 500  # youth whose events are read and counted together


@dataclass(frozen=True)
class RecomputeReport:
    youth: int
    events: int
    entries: int
    badges: int
    points: int


class AwardingService:
    """Counts activity into points, badges and streaks while the `gamification` flag is on.

    With the flag off nothing is awarded but every event is still recorded, so `recompute`
    restores the whole state when it comes back on.
    """

    def __init__(
        self, uow: Callable[[], UnitOfWork], flags: FeatureFlagService, clock: Clock, timezone: str
    ) -> None:
        self._uow = uow
        self._flags = flags
        self._clock = clock
        self._zone = ZoneInfo(timezone)

    async def award(
        self, uow: UnitOfWork, events: Sequence[ActivityEvent], assignments: Sequence[Assignment] = ()
    ) -> int:
        """Count freshly recorded `events` (which have ids) inside the caller's unit of work;
        returns the points they earned. `assignments` may bring those the caller already read,
        saving a query per youth."""
        if not events or not await self._flags.is_enabled_in(uow, Flag.GAMIFICATION):
            return 0
        earned = 0
        for user_id, mine in groupby(sorted(events, key=_in_order), key=lambda e: e.user_id):
            held = [a for a in assignments if a.user_id == user_id] or await uow.assignments.for_user(user_id)
            state = YouthState(
                user_id,
                keys=await uow.points.keys(user_id),
                badges=await uow.badges.held(user_id),
                streak=await uow.streaks.get(user_id),
                assigned=_held(held),
            )
            entries: list[PointsEntry] = []
            badges: list[BadgeAward] = []
            streak_grew = False
            for event in mine:
                outcome = count_event(state, event, self._zone)
                entries += outcome.entries
                badges += outcome.badges
                streak_grew = streak_grew or outcome.streak_grew
            earned += sum(entry.amount for entry in await uow.points.add_new(entries))
            for badge in await uow.badges.add_new(badges):
                log.info("badge.earned", extra={"user_id": user_id, "badge": badge.badge})
            if streak_grew and state.streak is not None:
                await uow.streaks.save(state.streak)
        return earned

    async def recompute(self, actor: Actor | None = None) -> RecomputeReport:
        """Rebuild every award, badge and streak from the activity events; admins' adjustments
        stay. `actor` None is the operator running the command from a shell."""
        if actor is not None:
            require_role(actor, Role.ADMIN)
        report = RecomputeReport(0, 0, 0, 0, 0)
        async with self._uow() as uow:
            await uow.points.clear_awards()
            await uow.badges.clear()
            await uow.streaks.clear()
            youth = await uow.activity.user_ids()
            for start in range(0, len(youth), RECOMPUTE_BATCH):
                batch = youth[start : start + RECOMPUTE_BATCH]
                report = _plus(report, await self._recompute_batch(uow, batch))
            await uow.points.rebuild_totals()
            now = self._clock.now()
            details = {"youth": report.youth, "entries": report.entries, "badges": report.badges}
            await uow.audit.record(
                AuditEntry(
                    now, actor.user_id if actor else None, "points.recomputed", "points", "all", details
                )
            )
            await uow.commit()
        log.info("points.recomputed", extra={"youth": report.youth, "entries": report.entries})
        return report

    async def _recompute_batch(self, uow: UnitOfWork, user_ids: Sequence[int]) -> RecomputeReport:
        events = await uow.activity.history(user_ids)
        held: dict[int, list[Assignment]] = {}
        for assignment in await uow.assignments.for_users(user_ids):
            held.setdefault(assignment.user_id, []).append(assignment)
        entries: list[PointsEntry] = []
        badges: list[BadgeAward] = []
        streaks: list[Streak] = []
        for user_id, mine in groupby(events, key=lambda e: e.user_id):
            state = YouthState(user_id, assigned=_held(held.get(user_id, [])))
            for event in mine:
                outcome = count_event(state, event, self._zone)
                entries += outcome.entries
                badges += outcome.badges
            if state.streak is not None and state.streak.last_active_on is not None:
                streaks.append(state.streak)
        await uow.points.add_many(entries)
        await uow.badges.add_many(badges)
        await uow.streaks.add_many(streaks)
        earners = {e.user_id for e in entries} | {b.user_id for b in badges}
        return RecomputeReport(
            len(earners), len(events), len(entries), len(badges), sum(e.amount for e in entries)
        )


def _held(assignments: Sequence[Assignment]) -> dict[int, datetime]:
    return {a.module_id: a.assigned_at for a in assignments if a.status is not AssignmentStatus.INACTIVE}


def _in_order(event: ActivityEvent) -> tuple[int, object, int]:
    return (event.user_id, event.at, event.id or 0)


def _plus(a: RecomputeReport, b: RecomputeReport) -> RecomputeReport:
    return RecomputeReport(
        a.youth + b.youth,
        a.events + b.events,
        a.entries + b.entries,
        a.badges + b.badges,
        a.points + b.points,
    )
