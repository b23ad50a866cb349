"""Counting one activity event: the points, badges and streak it earns a youth.

The same function serves live awarding (one event as it happens) and a full recompute (every
event again, in order), so both give the same totals. Each award has a key the youth holds at
most once, so replaying an event earns nothing new.
"""

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from mb.domain.model.activity import ActivityEvent, ActivityKind
from mb.domain.model.engagement import BadgeAward, PointReason, PointsEntry, Streak
from mb.domain.rules.badges import BadgeFacts, newly_earned
from mb.domain.rules.points import (
    MILESTONES,
    STREAK_BONUS_EVERY,
    completed_key,
    milestone_key,
    modules_with,
    points_for,
    quiz_key,
    started_key,
    streak_key,
    survey_key,
)
from mb.domain.rules.streaks import extend, local_day

LEARNING = (ActivityKind.PROGRESS, ActivityKind.QUIZ_ATTEMPT, ActivityKind.COMPLETION)


@dataclass
class YouthState:
    """What has been counted for one youth so far."""

    user_id: int
    keys: set[str] = field(default_factory=set)
    badges: set[str] = field(default_factory=set)
    streak: Streak | None = None
    assigned: dict[int, datetime] = field(default_factory=dict)  # held modules → assigned at
    # What the keys say, kept alongside them so badge rules need not rescan every key per event.
    started: set[int] = field(init=False)
    completed: set[int] = field(init=False)
    surveys: int = field(init=False)

    def __post_init__(self) -> None:
        if self.streak is None:
            self.streak = Streak(self.user_id)
        self.started = modules_with(self.keys, "started")
        self.completed = modules_with(self.keys, "completed")
        self.surveys = sum(1 for key in self.keys if key.startswith("survey:"))


@dataclass
class Outcome:
    entries: list[PointsEntry] = field(default_factory=list)
    badges: list[BadgeAward] = field(default_factory=list)
    streak_grew: bool = False


def count_event(state: YouthState, event: ActivityEvent, zone: ZoneInfo) -> Outcome:
    """Add what `event` earns to `state` and return the new awards."""
    outcome = Outcome()

    def award(
        key: str, reason: PointReason, amount: int, module_id: int | None = None, note: str = ""
    ) -> None:
        if key in state.keys or amount == 0:
            return
        state.keys.add(key)
        if reason is PointReason.MODULE_STARTED and module_id is not None:
            state.started.add(module_id)
        elif reason is PointReason.MODULE_COMPLETED and module_id is not None:
            state.completed.add(module_id)
        elif reason is PointReason.SURVEY_ANSWERED:
            state.surveys += 1
        outcome.entries.append(
            PointsEntry(state.user_id, amount, reason, key, event.at, event.id, module_id, note)
        )

    module_id = _module_of(event)
    if event.kind in (ActivityKind.PROGRESS, ActivityKind.QUIZ_ATTEMPT) and module_id is not None:
        award(
            started_key(module_id),
            PointReason.MODULE_STARTED,
            points_for(PointReason.MODULE_STARTED),
            module_id,
        )
    if event.kind is ActivityKind.PROGRESS and module_id is not None:
        progress = _integer(event.details.get("progress"))
        for percent in MILESTONES:
            if progress >= percent:
                key = milestone_key(module_id, percent)
                award(key, PointReason.MILESTONE, points_for(PointReason.MILESTONE), module_id, str(percent))
    if event.kind is ActivityKind.QUIZ_ATTEMPT and module_id is not None and event.details.get("passed"):
        award(quiz_key(module_id), PointReason.QUIZ_PASSED, points_for(PointReason.QUIZ_PASSED), module_id)
    if event.kind is ActivityKind.COMPLETION and module_id is not None:
        points = _integer(event.details.get("points"))
        award(completed_key(module_id), PointReason.MODULE_COMPLETED, points, module_id)
    if event.kind is ActivityKind.SURVEY_RESPONSE:
        reference = event.details.get("invitation_id", event.id)
        award(survey_key(reference), PointReason.SURVEY_ANSWERED, points_for(PointReason.SURVEY_ANSWERED))

    streak = state.streak
    assert streak is not None
    if event.kind in LEARNING and extend(streak, local_day(event.at, zone)):
        outcome.streak_grew = True
        if streak.current % STREAK_BONUS_EVERY == 0:
            key = streak_key(streak.started_on, streak.current)
            award(
                key, PointReason.STREAK_BONUS, points_for(PointReason.STREAK_BONUS), note=str(streak.current)
            )

    for rule in newly_earned(_facts(state, event.at), state.badges):
        state.badges.add(rule.code)
        outcome.badges.append(BadgeAward(state.user_id, rule.code, event.at, event.id))
    return outcome


def _facts(state: YouthState, at: datetime) -> BadgeFacts:
    started, completed = state.started, state.completed
    assigned = {module for module, assigned_at in state.assigned.items() if assigned_at <= at}
    assert state.streak is not None
    return BadgeFacts(
        started=len(started | completed),
        completed=len(completed),
        in_progress=len((started & assigned) - completed),
        all_assigned_completed=bool(assigned) and assigned <= completed,
        best_streak=state.streak.best,
        surveys=state.surveys,
    )


def _module_of(event: ActivityEvent) -> int | None:
    module_id = event.details.get("module_id")
    return module_id if isinstance(module_id, int) and not isinstance(module_id, bool) else None


def _integer(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
