"""Points, badges, streaks and levels as pure rules, case by case."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mb.domain.model.activity import ActivityEvent, ActivityKind
from mb.domain.model.engagement import PointReason, Streak
from mb.domain.rules.engagement import YouthState, count_event
from mb.domain.rules.levels import LEVELS, level_for
from mb.domain.rules.streaks import current_length, extend, local_day

IST = ZoneInfo("Asia/Kolkata")
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=IST)  # a Monday morning in the programme's zone
PROGRESS, QUIZ, DONE = ActivityKind.PROGRESS, ActivityKind.QUIZ_ATTEMPT, ActivityKind.COMPLETION


def event(kind: ActivityKind, days: float = 0, event_id: int = 1, **details: Any) -> ActivityEvent:
    return ActivityEvent(7, kind, (MONDAY + timedelta(days=days)).astimezone(UTC), details, event_id)


def reasons(state: YouthState, *events: ActivityEvent) -> list[tuple[PointReason, int, str]]:
    found = []
    for each in events:
        found += [(e.reason, e.amount, e.note) for e in count_event(state, each, IST).entries]
    return found


# Points: one row per rule in the table


@pytest.mark.parametrize(
    ("happened", "earned"),
    [
        (
            event(PROGRESS, module_id=3, progress=30),
            [(PointReason.MODULE_STARTED, 5, ""), (PointReason.MILESTONE, 5, "25")],
        ),
        (
            event(PROGRESS, module_id=3, progress=100),
            [(PointReason.MODULE_STARTED, 5, "")]
            + [(PointReason.MILESTONE, 5, str(p)) for p in (25, 50, 75, 100)],
        ),
        (event(PROGRESS, module_id=3, progress=10), [(PointReason.MODULE_STARTED, 5, "")]),
        (
            event(QUIZ, module_id=3, score=100, passed=True),
            [(PointReason.MODULE_STARTED, 5, ""), (PointReason.QUIZ_PASSED, 10, "")],
        ),
        (event(QUIZ, module_id=3, score=0, passed=False), [(PointReason.MODULE_STARTED, 5, "")]),
        (event(DONE, module_id=3, points=40), [(PointReason.MODULE_COMPLETED, 40, "")]),
        (event(DONE, module_id=3, points=0), []),
        (event(ActivityKind.SURVEY_RESPONSE, invitation_id=12), [(PointReason.SURVEY_ANSWERED, 15, "")]),
        (event(ActivityKind.LOGIN), []),
        (event(ActivityKind.REGISTERED), []),
        # Details that are not what the learning service writes earn nothing rather than fail.
        (event(PROGRESS, module_id="3", progress=100), []),
        (event(PROGRESS, module_id=True, progress=100), []),
        (event(DONE, module_id=3, points="40"), []),
    ],
)
def test_each_point_rule_awards_what_the_table_says(happened: ActivityEvent, earned: list[Any]) -> None:
    assert reasons(YouthState(7), happened) == earned


def test_every_award_names_its_source_event_and_module() -> None:
    entries = count_event(YouthState(7), event(PROGRESS, event_id=41, module_id=3, progress=50), IST).entries
    assert {(e.source_event_id, e.module_id, e.user_id) for e in entries} == {(41, 3, 7)}
    assert [e.key for e in entries] == ["started:3", "milestone:3:25", "milestone:3:50"]


def test_replaying_an_event_never_awards_twice() -> None:
    state = YouthState(7)
    happened = event(PROGRESS, module_id=3, progress=60)
    assert len(reasons(state, happened)) == 3
    assert reasons(state, happened) == []
    assert reasons(state, event(DONE, module_id=3, points=40), event(DONE, module_id=3, points=40)) == [
        (PointReason.MODULE_COMPLETED, 40, "")
    ]


def test_progress_earns_only_the_milestones_it_newly_passes() -> None:
    state = YouthState(7)
    reasons(state, event(PROGRESS, module_id=3, progress=30))
    assert reasons(state, event(PROGRESS, module_id=3, progress=80, event_id=2)) == [
        (PointReason.MILESTONE, 5, "50"),
        (PointReason.MILESTONE, 5, "75"),
    ]


def test_a_quiz_passed_twice_earns_once_and_a_later_pass_after_a_fail_earns() -> None:
    state = YouthState(7)
    reasons(state, event(QUIZ, module_id=3, passed=False))
    assert reasons(state, event(QUIZ, module_id=3, passed=True)) == [(PointReason.QUIZ_PASSED, 10, "")]
    assert reasons(state, event(QUIZ, module_id=3, passed=True)) == []


# Streaks


def test_23_59_and_00_01_local_are_two_days_even_within_one_utc_day() -> None:
    before = datetime(2026, 11, 27, 23, 59, tzinfo=IST)
    after = datetime(2026, 11, 28, 0, 1, tzinfo=IST)
    assert before.astimezone(UTC).date() == after.astimezone(UTC).date()
    assert (local_day(before, IST), local_day(after, IST)) == (date(2026, 11, 27), date(2026, 11, 28))
    streak = Streak(7)
    assert extend(streak, local_day(before, IST)) and extend(streak, local_day(after, IST))
    assert (streak.current, streak.best) == (2, 2)


def test_two_utc_days_can_be_one_local_day() -> None:
    late = datetime(2026, 11, 27, 18, 31, tzinfo=UTC)  # 00:01 on the 28th in India
    next_morning = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
    assert local_day(late, IST) == local_day(next_morning, IST) == date(2026, 11, 28)


@pytest.mark.parametrize(
    ("days", "current", "best"),
    [
        ([0], 1, 1),
        ([0, 0, 0], 1, 1),
        ([0, 1, 2], 3, 3),
        ([0, 1, 2, 4], 1, 3),
        ([0, 2, 3, 4, 5], 4, 4),
        ([0, 1, 2, 1], 3, 3),  # an earlier day than the last counted changes nothing
    ],
)
def test_a_streak_counts_consecutive_days(days: list[int], current: int, best: int) -> None:
    streak = Streak(7)
    for day in days:
        extend(streak, date(2026, 11, 1) + timedelta(days=day))
    assert (streak.current, streak.best) == (current, best)


@pytest.mark.parametrize(("last_active", "shown"), [(0, 4), (-1, 4), (-2, 0), (-30, 0)])
def test_a_streak_stays_alive_until_a_whole_day_passes_without_learning(last_active: int, shown: int) -> None:
    today = date(2026, 11, 28)
    streak = Streak(7, current=4, best=9, last_active_on=today + timedelta(days=last_active))
    assert current_length(streak, today) == shown
    assert current_length(None, today) == 0


def test_learning_every_day_earns_a_bonus_each_seventh_day_and_a_new_run_starts_over() -> None:
    state = YouthState(7)
    bonuses = []
    for day in [*range(15), *range(17, 24)]:
        earned = count_event(state, event(PROGRESS, days=day, event_id=day + 1, module_id=3, progress=1), IST)
        bonuses += [(day, e.note) for e in earned.entries if e.reason is PointReason.STREAK_BONUS]
    assert bonuses == [(6, "7"), (13, "14"), (23, "7")]
    assert state.streak is not None and (state.streak.current, state.streak.best) == (7, 15)


def test_logging_in_or_answering_a_survey_is_not_learning_for_the_streak() -> None:
    state = YouthState(7)
    count_event(state, event(ActivityKind.LOGIN), IST)
    outcome = count_event(state, event(ActivityKind.SURVEY_RESPONSE, invitation_id=1), IST)
    assert not outcome.streak_grew and state.streak is not None and state.streak.current == 0


# Badges


def badges_after(state: YouthState, *events: ActivityEvent) -> list[str]:
    earned = []
    for each in events:
        earned += [b.badge for b in count_event(state, each, IST).badges]
    return earned


def test_starting_and_completing_the_first_module_earn_their_badges_once() -> None:
    state = YouthState(7, assigned={3: MONDAY, 4: MONDAY})
    assert badges_after(state, event(PROGRESS, module_id=3, progress=10)) == ["first_start"]
    assert badges_after(state, event(PROGRESS, module_id=4, progress=10)) == []
    assert badges_after(state, event(DONE, module_id=3, points=10)) == ["first_completion"]
    assert badges_after(state, event(DONE, module_id=4, points=10)) == ["all_assigned_completed"]


def test_five_and_ten_completed_modules() -> None:
    state = YouthState(7)
    earned = badges_after(state, *(event(DONE, module_id=m, points=10) for m in range(1, 11)))
    assert earned == ["first_start", "first_completion", "five_completed", "ten_completed"]


def test_three_modules_in_progress_at_once() -> None:
    state = YouthState(7, assigned={1: MONDAY, 2: MONDAY, 3: MONDAY})
    earned = badges_after(state, *(event(PROGRESS, module_id=m, progress=10) for m in (1, 2, 3)))
    assert earned == ["first_start", "three_in_progress"]


def test_modules_no_longer_held_do_not_count_as_in_progress() -> None:
    state = YouthState(7, assigned={1: MONDAY})  # 2 and 3 were withdrawn
    earned = badges_after(state, *(event(PROGRESS, module_id=m, progress=10) for m in (1, 2, 3)))
    assert "three_in_progress" not in earned


def test_all_assigned_completed_looks_only_at_modules_assigned_by_then() -> None:
    later = MONDAY + timedelta(days=3)
    state = YouthState(7, assigned={3: MONDAY, 4: later})
    assert "all_assigned_completed" in badges_after(state, event(DONE, module_id=3, points=10))


def test_streak_badges_at_7_and_30_days_and_the_first_survey() -> None:
    state = YouthState(7)
    earned = badges_after(state, *(event(PROGRESS, days=d, module_id=3, progress=1) for d in range(30)))
    assert earned == ["first_start", "streak_7", "streak_30"]
    assert badges_after(state, event(ActivityKind.SURVEY_RESPONSE, invitation_id=1)) == ["first_survey"]


def test_a_badge_is_earned_when_and_by_what_earned_it() -> None:
    outcome = count_event(YouthState(7), event(PROGRESS, event_id=99, module_id=3, progress=10), IST)
    (badge,) = outcome.badges
    assert (badge.user_id, badge.earned_at, badge.source_event_id) == (7, MONDAY.astimezone(UTC), 99)


# Levels


@pytest.mark.parametrize(
    ("points", "level", "next_level", "to_next", "percent"),
    [
        (-20, "Newcomer", "Explorer", 70, 0),
        (0, "Newcomer", "Explorer", 50, 0),
        (25, "Newcomer", "Explorer", 25, 50),
        (49, "Newcomer", "Explorer", 1, 98),
        (50, "Explorer", "Learner", 100, 0),
        (1499, "Champion", "Trailblazer", 1, 99),
        (1500, "Trailblazer", None, 0, 100),
        (99999, "Trailblazer", None, 0, 100),
    ],
)
def test_levels_follow_the_thresholds(
    points: int, level: str, next_level: str | None, to_next: int, percent: int
) -> None:
    progress = level_for(points)
    assert progress.level.name == level
    assert (progress.next.name if progress.next else None) == next_level
    assert (progress.to_next, progress.percent) == (to_next, percent)


def test_level_thresholds_rise() -> None:
    thresholds = [level.threshold for level in LEVELS]
    assert thresholds == sorted(set(thresholds)) and thresholds[0] == 0
    assert [level.number for level in LEVELS] == list(range(1, len(LEVELS) + 1))


def test_a_state_read_back_from_its_keys_counts_what_they_say() -> None:
    keys = {"started:1", "completed:1", "started:2", "completed:2", "started:9", "survey:4"}
    state = YouthState(7, keys=keys, badges={"first_start", "first_completion", "first_survey"})
    assert (state.started, state.completed, state.surveys) == ({1, 2, 9}, {1, 2}, 1)
    earned = badges_after(state, *(event(DONE, module_id=m, points=10) for m in (3, 4, 5)))
    assert earned == ["five_completed"]
