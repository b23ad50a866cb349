"""Engagement use cases on in-memory fakes: awarding as youth learn, recompute, achievements,
the leaderboard and its privacy, adjustments, and the gamification flag."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mb.bootstrap import Services
from mb.domain.errors import FeatureDisabled, InvalidInput, NotFound, PermissionDenied
from mb.domain.model.activity import ActivityEvent, ActivityKind
from mb.domain.model.engagement import Period, PointReason
from mb.domain.model.engagement_views import ANONYMOUS
from mb.domain.model.flags import Flag
from mb.domain.model.module import Module
from mb.domain.model.user import Actor
from mb.domain.model.youth_filter import YouthFilter
from tests.fakes import FakeClock, FakeUnitOfWork, Store
from tests.unit.test_catalogue import a_module, module_id

Register = Callable[..., Any]
IST = ZoneInfo("Asia/Kolkata")


async def youth(register: Register, name: str, region: str = "MH") -> Actor:
    email = name.lower().replace(" ", ".") + "@example.org"
    return Actor.of(await register(email, full_name=name, region=region))


async def opted_in(services: Services, actor: Actor) -> Actor:
    await services.accounts.show_on_leaderboard(actor, True)
    return actor


async def assigned(
    services: Services, admin: Actor, who: Actor, code: str = "IT-101", **changes: Any
) -> Module:
    module = await a_module(services, admin, code, **changes)
    await services.learning.assign(admin, module_id(module), YouthFilter(user_ids=(who.user_id,)))
    return module


def ledger(store: Store, who: Actor) -> list[tuple[PointReason, int]]:
    return [(e.reason, e.amount) for e in store.engagement.ledger if e.user_id == who.user_id]


def total(store: Store, who: Actor) -> int:
    return sum(e.amount for e in store.engagement.ledger if e.user_id == who.user_id)


@pytest.fixture
async def priya(register: Register) -> Actor:
    return await youth(register, "Priya Sharma")


# Awarding as youth learn


async def test_progress_and_completion_award_points_in_the_same_transaction(
    services: Services, admin: Actor, priya: Actor, store: Store
) -> None:
    module = await assigned(services, admin, priya, points=40)
    await services.learning.record_progress(priya, module_id(module), 60)
    assert ledger(store, priya) == [
        (PointReason.MODULE_STARTED, 5),
        (PointReason.MILESTONE, 5),
        (PointReason.MILESTONE, 5),
    ]
    await services.learning.record_progress(priya, module_id(module), 100)
    assert total(store, priya) == 5 + 4 * 5 + 40
    sources = {e.source_event_id for e in store.engagement.ledger}
    assert sources <= {e.id for e in store.activity if e.user_id == priya.user_id}
    assert {b.badge for b in store.engagement.badges} == {
        "first_start",
        "first_completion",
        "all_assigned_completed",
    }
    assert store.engagement.streaks[priya.user_id].current == 1


async def test_a_passed_quiz_earns_its_points_and_completes_the_module(
    services: Services, admin: Actor, priya: Actor, store: Store
) -> None:
    from tests.unit.test_catalogue import QUIZ

    module = await assigned(services, admin, priya, points=30)
    await services.catalogue.set_quiz(admin, module_id(module), QUIZ)
    await services.learning.record_progress(priya, module_id(module), 100)
    assert (PointReason.MODULE_COMPLETED, 30) not in ledger(store, priya)
    await services.learning.submit_quiz(priya, module_id(module), [0, 1])
    assert ledger(store, priya)[-2:] == [(PointReason.QUIZ_PASSED, 10), (PointReason.MODULE_COMPLETED, 30)]


async def test_awarding_the_same_events_again_changes_nothing(
    services: Services, admin: Actor, priya: Actor, store: Store
) -> None:
    module = await assigned(services, admin, priya)
    await services.learning.record_progress(priya, module_id(module), 100)
    before = list(store.engagement.ledger)
    async with FakeUnitOfWork(store) as uow:
        await services.awarding.award(uow, list(store.activity))
        await uow.commit()
    assert store.engagement.ledger == before


async def test_events_of_one_youth_at_the_same_instant_are_counted_once_each(
    services: Services, admin: Actor, priya: Actor, store: Store, clock: FakeClock
) -> None:
    first = await assigned(services, admin, priya, "IT-101")
    second = await assigned(services, admin, priya, "IT-102")
    events = [
        ActivityEvent(
            priya.user_id, ActivityKind.PROGRESS, clock.now(), {"module_id": module_id(m), "progress": 50}
        )
        for m in (first, second, first)
    ]
    async with FakeUnitOfWork(store) as uow:
        for each in events:
            await uow.activity.append(each)
        await services.awarding.award(uow, events)
        await uow.commit()
    assert total(store, priya) == 2 * (5 + 5 + 5)
    assert store.engagement.streaks[priya.user_id].current == 1


async def test_a_streak_grows_across_local_midnight_and_earns_its_bonus(
    services: Services, admin: Actor, priya: Actor, store: Store, clock: FakeClock
) -> None:
    module = await assigned(services, admin, priya)
    clock.at = datetime(2026, 11, 1, 23, 59, tzinfo=IST).astimezone(UTC)
    for step in range(1, 8):
        await services.learning.record_progress(priya, module_id(module), step)
        clock.advance(minutes=2 if step == 1 else 24 * 60)
    streak = store.engagement.streaks[priya.user_id]
    assert (streak.current, streak.best) == (7, 7)
    assert (PointReason.STREAK_BONUS, 20) in ledger(store, priya)


# With the flag off


async def test_with_gamification_off_events_are_recorded_but_nothing_is_awarded_or_shown(
    services: Services, admin: Actor, priya: Actor, store: Store
) -> None:
    module = await assigned(services, admin, priya)
    await services.flags.set(admin, Flag.GAMIFICATION, False)
    await services.learning.record_progress(priya, module_id(module), 100)
    assert store.engagement.ledger == [] and any(e.kind is ActivityKind.COMPLETION for e in store.activity)
    with pytest.raises(FeatureDisabled):
        await services.engagement.achievements(priya, priya.user_id)
    with pytest.raises(FeatureDisabled):
        await services.engagement.leaderboard(priya, Period.ALL_TIME)
    with pytest.raises(FeatureDisabled):
        await services.engagement.adjust_points(admin, priya.user_id, 10, "Helped a peer")
    assert not await services.engagement.is_on()


async def test_turning_gamification_back_on_and_recomputing_loses_nothing(
    services: Services, admin: Actor, priya: Actor, register: Register, store: Store, clock: FakeClock
) -> None:
    arjun = await youth(register, "Arjun Rao")
    first = await assigned(services, admin, priya, "IT-101", points=40)
    second = await a_module(services, admin, "IT-102", points=25)
    await services.learning.assign(admin, module_id(second), YouthFilter())
    await services.learning.record_progress(priya, module_id(first), 60)
    clock.advance(days=1)
    await services.learning.record_progress(arjun, module_id(second), 100)
    await services.engagement.adjust_points(admin, priya.user_id, 7, "Helped a peer in class")
    # What live awarding gave, with the flag on the whole time:
    expected = {who: total(store, who) for who in (priya, arjun)}
    streaks = dict(store.engagement.streaks)
    badges = sorted((b.user_id, b.badge) for b in store.engagement.badges)

    await services.flags.set(admin, Flag.GAMIFICATION, False)
    store.engagement.ledger = [e for e in store.engagement.ledger if e.reason is PointReason.ADJUSTMENT]
    store.engagement.badges, store.engagement.streaks = [], {}
    await services.flags.set(admin, Flag.GAMIFICATION, True)
    report = await services.awarding.recompute(admin)

    assert {who: total(store, who) for who in (priya, arjun)} == expected
    assert store.engagement.streaks == streaks
    assert sorted((b.user_id, b.badge) for b in store.engagement.badges) == badges
    assert report.points == expected[priya] - 7 + expected[arjun]
    assert store.audit[-1].action == "points.recomputed"


async def test_only_admins_recompute(services: Services, mentor: Actor, priya: Actor) -> None:
    for who in (mentor, priya):
        with pytest.raises(PermissionDenied):
            await services.awarding.recompute(who)


# Achievements


async def test_achievements_show_points_level_streak_badges_and_explained_history(
    services: Services, admin: Actor, priya: Actor
) -> None:
    module = await assigned(services, admin, priya, points=40)
    await services.learning.record_progress(priya, module_id(module), 100)
    mine = await services.engagement.achievements(priya, priya.user_id)
    assert mine.points == 65 and mine.level.level.name == "Explorer" and mine.level.to_next == 85
    assert (mine.streak_current, mine.streak_best) == (1, 1)
    earned = {b.rule.code for b in mine.badges if b.earned_at}
    assert earned == {"first_start", "first_completion", "all_assigned_completed"}
    assert len(mine.badges) == 9 and all(b.rule.earned_by for b in mine.badges)
    assert mine.history.total_entries == 6
    assert mine.history.entries[0].reason is PointReason.MODULE_COMPLETED
    assert mine.history.module_titles == {module_id(module): "Module IT-101"}


async def test_the_history_pages_newest_first(
    services: Services, admin: Actor, priya: Actor, clock: FakeClock
) -> None:
    module = await assigned(services, admin, priya)
    for progress in (25, 50, 75):
        await services.learning.record_progress(priya, module_id(module), progress)
        clock.advance(hours=1)
    page = await services.engagement.points_history(priya, priya.user_id, offset=1, limit=2)
    assert [e.note for e in page.entries] == ["50", "25"] and page.total_entries == 4


async def test_a_mentor_sees_only_their_caseload_and_other_youth_see_no_one_else(
    services: Services, admin: Actor, mentor: Actor, priya: Actor, register: Register
) -> None:
    arjun = await youth(register, "Arjun Rao")
    for viewer in (mentor, arjun):
        with pytest.raises(NotFound):
            await services.engagement.achievements(viewer, priya.user_id)
    await services.user_admin.assign_mentor(admin, priya.user_id, mentor.user_id)
    assert (await services.engagement.achievements(mentor, priya.user_id)).points == 0
    with pytest.raises(NotFound):
        await services.engagement.achievements(admin, mentor.user_id)


# Adjustments


@pytest.mark.parametrize(
    ("amount", "reason", "field"),
    [
        (0, "Helped a peer", "amount"),
        ("abc", "Helped a peer", "amount"),
        (2.5, "Helped a peer", "amount"),
        (True, "Helped a peer", "amount"),
        (1001, "Helped a peer", "amount"),
        (-1001, "Helped a peer", "amount"),
        (10, "", "reason"),
        (10, "  ok ", "reason"),
        (10, "x" * 201, "reason"),
    ],
)
async def test_an_adjustment_needs_a_sensible_amount_and_a_reason(
    services: Services, admin: Actor, priya: Actor, store: Store, amount: object, reason: str, field: str
) -> None:
    audited = len(store.audit)
    with pytest.raises(InvalidInput) as refused:
        await services.engagement.adjust_points(admin, priya.user_id, amount, reason)
    assert field in refused.value.fields
    assert store.engagement.ledger == [] and len(store.audit) == audited


async def test_an_admin_adjusts_points_with_a_reason_the_youth_sees_and_it_is_audited(
    services: Services, admin: Actor, priya: Actor, store: Store
) -> None:
    await services.engagement.adjust_points(admin, priya.user_id, " -15 ", "  Duplicate   award ")
    await services.engagement.adjust_points(admin, priya.user_id, 40, "Peer mentoring week")
    history = (await services.engagement.achievements(priya, priya.user_id)).history
    assert [(e.amount, e.note) for e in history.entries] == [
        (40, "Peer mentoring week"),
        (-15, "Duplicate award"),
    ]
    assert store.audit[-1].action == "points.adjusted" and store.audit[-1].details == {
        "amount": 40,
        "reason": "Peer mentoring week",
    }


async def test_only_admins_adjust_and_only_youth_are_adjusted(
    services: Services, admin: Actor, mentor: Actor, priya: Actor
) -> None:
    await services.user_admin.assign_mentor(admin, priya.user_id, mentor.user_id)
    with pytest.raises(PermissionDenied):
        await services.engagement.adjust_points(mentor, priya.user_id, 10, "Good work")
    with pytest.raises(NotFound):
        await services.engagement.adjust_points(admin, mentor.user_id, 10, "Good work")


# Leaderboard


async def board(
    services: Services, admin: Actor, register: Register, points: dict[str, int]
) -> dict[str, Actor]:
    """Youth with the given points (by adjustment), all opted in unless named 'Hidden …'."""
    people = {}
    for name, amount in points.items():
        who = await youth(register, name, region="KA" if name.startswith("Ka") else "MH")
        if not name.startswith("Hidden"):
            await opted_in(services, who)
        await services.engagement.adjust_points(admin, who.user_id, amount, "Seeded for the test")
        people[name] = who
    return people


async def test_names_show_only_for_youth_who_opted_in_and_staff_are_never_ranked(
    services: Services, admin: Actor, register: Register
) -> None:
    people = await board(services, admin, register, {"Asha Iyer": 50, "Hidden Rahul": 80, "Meena Das": 20})
    result = await services.engagement.leaderboard(people["Meena Das"], Period.ALL_TIME)
    assert [(r.rank, r.name, r.points, r.is_you) for r in result.rows] == [
        (1, ANONYMOUS, 80, False),
        (2, "Asha Iyer", 50, False),
        (3, "Meena Das", 20, True),
    ]
    assert "Hidden Rahul" not in repr(result)
    assert result.you is not None and result.you.rank == 3 and result.ranked == 3
    staff_view = await services.engagement.leaderboard(admin, Period.ALL_TIME)
    assert all(not r.is_you for r in staff_view.rows) and staff_view.you is None


async def test_equal_points_share_a_rank(services: Services, admin: Actor, register: Register) -> None:
    people = await board(services, admin, register, {"Asha Iyer": 50, "Meena Das": 50, "Ravi Kumar": 10})
    result = await services.engagement.leaderboard(people["Ravi Kumar"], Period.ALL_TIME)
    assert [r.rank for r in result.rows] == [1, 1, 3]


async def test_near_me_shows_five_above_and_five_below(
    services: Services, admin: Actor, register: Register
) -> None:
    people = await board(services, admin, register, {f"Youth {n:02d}": 200 - n for n in range(20)})
    me = people["Youth 10"]
    result = await services.engagement.leaderboard(me, Period.ALL_TIME, near_me=True)
    assert [r.rank for r in result.rows] == list(range(6, 17))
    assert [r.is_you for r in result.rows].index(True) == 5
    top = await services.engagement.leaderboard(me, Period.ALL_TIME)
    assert [r.rank for r in top.rows] == list(range(1, 11)) and result.ranked == 20


async def test_near_me_at_the_top_and_when_not_ranked(
    services: Services, admin: Actor, register: Register
) -> None:
    people = await board(services, admin, register, {f"Youth {n:02d}": 100 - n for n in range(8)})
    first = await services.engagement.leaderboard(people["Youth 00"], Period.ALL_TIME, near_me=True)
    assert [r.rank for r in first.rows] == [1, 2, 3, 4, 5, 6]
    newcomer = await youth(register, "New Comer")
    unranked = await services.engagement.leaderboard(newcomer, Period.ALL_TIME, near_me=True)
    assert unranked.you is None and len(unranked.rows) == 8


async def test_a_region_board_ranks_only_that_region(
    services: Services, admin: Actor, register: Register
) -> None:
    people = await board(services, admin, register, {"Kavya Rao": 30, "Asha Iyer": 50, "Karan Shetty": 10})
    result = await services.engagement.leaderboard(people["Kavya Rao"], Period.ALL_TIME, region="KA")
    assert [(r.rank, r.name) for r in result.rows] == [(1, "Kavya Rao"), (2, "Karan Shetty")]
    assert result.region == "KA"


async def test_week_and_month_start_at_local_midnight_on_monday_and_the_first(
    services: Services, admin: Actor, register: Register, clock: FakeClock
) -> None:
    # Sunday 31 January 2027, 23:50 in India: last week and last month.
    clock.at = datetime(2027, 1, 31, 23, 50, tzinfo=IST).astimezone(UTC)
    people = await board(services, admin, register, {"Asha Iyer": 10})
    clock.advance(minutes=20)  # Monday 1 February, 00:10 in India; still 31 January in UTC
    assert clock.now().date().day == 31
    await services.engagement.adjust_points(admin, people["Asha Iyer"].user_id, 5, "This week")
    asha = people["Asha Iyer"]
    week = await services.engagement.leaderboard(asha, Period.WEEK)
    month = await services.engagement.leaderboard(asha, Period.MONTH)
    ever = await services.engagement.leaderboard(asha, Period.ALL_TIME)
    assert [r.points for r in week.rows] == [5] == [r.points for r in month.rows]
    assert [r.points for r in ever.rows] == [15]
    clock.advance(days=6, hours=23, minutes=55)  # Monday 8 February, 00:05 in India
    assert (await services.engagement.leaderboard(asha, Period.WEEK)).rows == ()
    assert [r.points for r in (await services.engagement.leaderboard(asha, Period.MONTH)).rows] == [5]


async def test_a_youth_changes_their_mind_about_showing_their_name(
    services: Services, admin: Actor, register: Register, mentor: Actor
) -> None:
    people = await board(services, admin, register, {"Asha Iyer": 50})
    asha = people["Asha Iyer"]
    await services.accounts.show_on_leaderboard(asha, False)
    assert (await services.engagement.leaderboard(asha, Period.ALL_TIME)).rows[0].name == ANONYMOUS
    with pytest.raises(PermissionDenied):
        await services.accounts.show_on_leaderboard(mentor, True)


async def test_a_deactivated_youth_leaves_the_board(
    services: Services, admin: Actor, register: Register
) -> None:
    people = await board(services, admin, register, {"Asha Iyer": 50, "Meena Das": 20})
    await services.user_admin.set_active(admin, people["Asha Iyer"].user_id, False)
    rows = (await services.engagement.leaderboard(people["Meena Das"], Period.ALL_TIME)).rows
    assert [r.name for r in rows] == ["Meena Das"]


async def test_what_a_save_earned_comes_back_with_it(services: Services, admin: Actor, priya: Actor) -> None:
    module = await assigned(services, admin, priya, points=40)
    assert (await services.learning.record_progress(priya, module_id(module), 60)).points_earned == 15
    assert (await services.learning.record_progress(priya, module_id(module), 60)).points_earned == 0
    assert (await services.learning.record_progress(priya, module_id(module), 100)).points_earned == 10 + 40
    await services.flags.set(admin, Flag.GAMIFICATION, False)
    other = await assigned(services, admin, priya, "IT-102")
    assert (await services.learning.record_progress(priya, module_id(other), 100)).points_earned == 0
