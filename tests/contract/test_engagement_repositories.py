"""What the points ledger, badges and streaks must do in memory, on SQLite and on PostgreSQL —
and, on the real databases, that two transactions awarding the same thing at once store it once."""

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from mb.adapters.db.repositories import bulk, on_conflict
from mb.domain.model.activity import ActivityEvent, ActivityKind
from mb.domain.model.assignment import Assignment, AssignmentStatus
from mb.domain.model.engagement import BadgeAward, PointReason, PointsEntry, RankedStanding, Ranking, Streak
from mb.domain.model.module import Module
from mb.domain.model.roles import Role
from mb.domain.model.user import User
from mb.domain.ports.unit_of_work import UnitOfWork

UowFactory = Callable[[], UnitOfWork]
T0 = datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=UTC)


def a_user(email: str, role: Role = Role.YOUTH, **fields: Any) -> User:
    values: dict[str, Any] = {"full_name": email.split("@", maxsplit=1)[0].title(), "created_at": T0}
    values.update(fields)
    return User(email=email, password_hash="argon2$not-a-real-hash", role=role, **values)


async def people(uow_factory: UowFactory, *users: User) -> list[int]:
    async with uow_factory() as uow:
        for user in users:
            await uow.users.add(user)
        await uow.commit()
    return [user.id for user in users if user.id is not None]


async def youth(uow_factory: UowFactory, name: str = "priya", **fields: Any) -> int:
    (user_id,) = await people(uow_factory, a_user(f"{name}@example.org", **fields))
    return user_id


def entry(
    user_id: int, key: str, amount: int = 5, at: datetime = T0, reason: PointReason = PointReason.MILESTONE
) -> PointsEntry:
    return PointsEntry(user_id, amount, reason, key, at)


async def add_new(uow_factory: UowFactory, *entries: PointsEntry) -> list[PointsEntry]:
    async with uow_factory() as uow:
        stored = await uow.points.add_new(list(entries))
        await uow.commit()
    return stored


async def totals(uow_factory: UowFactory, *user_ids: int) -> list[int]:
    async with uow_factory() as uow:
        return [await uow.points.total(user_id) for user_id in user_ids]


async def ranking(
    uow_factory: UowFactory,
    since: datetime | None = None,
    region: str | None = None,
    *,
    first: int = 10,
    viewer_id: int = 0,
    around: int = 0,
) -> Ranking:
    async with uow_factory() as uow:
        return await uow.points.ranking(since, region, first=first, viewer_id=viewer_id, around=around)


def places(ranking: Ranking) -> list[tuple[int, int, int, int]]:
    """(position, rank, user id, points) of each row."""
    return [(s.position, s.rank, s.user_id, s.points) for s in ranking.rows]


@pytest.fixture(params=["on_conflict", "read_first"])
def insert_way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Runs a test with INSERT … ON CONFLICT, and again the way backends without it go (Azure SQL)."""
    if request.param == "read_first":
        monkeypatch.setattr(on_conflict, "INSERTS", {})
    yield request.param


# The ledger


async def test_a_key_is_stored_once_and_the_stored_entry_gets_its_id(
    uow_factory: UowFactory, insert_way: str
) -> None:
    priya = await youth(uow_factory)
    first = PointsEntry(
        priya,
        40,
        PointReason.MODULE_COMPLETED,
        "completed:7",
        T0,
        source_event_id=12,
        module_id=7,
        note="मॉड्यूल",
    )

    stored = await add_new(uow_factory, first)
    again = await add_new(uow_factory, replace(first, amount=99, id=None))

    assert stored == [first]
    assert first.id is not None
    assert again == []
    async with uow_factory() as uow:
        assert list(await uow.points.history(priya, 0, 10)) == [first]
        assert await uow.points.keys(priya) == {"completed:7"}
        assert await uow.points.total(priya) == 40
        assert await uow.points.count(priya) == 1


async def test_only_new_keys_raise_the_total_and_the_same_key_twice_in_one_call_counts_once(
    uow_factory: UowFactory, insert_way: str
) -> None:
    priya, arjun = await people(uow_factory, a_user("priya@example.org"), a_user("arjun@example.org"))
    await add_new(uow_factory, entry(priya, "started:1"))

    stored = await add_new(
        uow_factory,
        entry(priya, "started:1", 5),
        entry(priya, "milestone:1:25", 5),
        entry(priya, "milestone:1:25", 7),
        entry(arjun, "started:1", 5),
        entry(arjun, "quiz:1", 10, reason=PointReason.QUIZ_PASSED),
    )

    assert [(e.user_id, e.key, e.amount) for e in stored] == [
        (priya, "milestone:1:25", 5),
        (arjun, "started:1", 5),
        (arjun, "quiz:1", 10),
    ]
    assert all(e.id is not None for e in stored)
    assert await totals(uow_factory, priya, arjun) == [10, 15]
    assert await add_new(uow_factory) == []


async def test_a_youth_without_points_has_a_total_of_zero_and_no_history(uow_factory: UowFactory) -> None:
    priya = await youth(uow_factory)

    async with uow_factory() as uow:
        assert await uow.points.total(priya) == 0
        assert await uow.points.keys(priya) == set()
        assert await uow.points.history(priya, 0, 10) == []
        assert await uow.points.count(priya) == 0


async def test_history_is_newest_first_latest_stored_first_on_ties_and_pages(uow_factory: UowFactory) -> None:
    priya, arjun = await people(uow_factory, a_user("priya@example.org"), a_user("arjun@example.org"))
    older = entry(priya, "a", at=T0 - timedelta(days=1))
    tie_first, tie_second = entry(priya, "b"), entry(priya, "c")
    newest = entry(priya, "d", at=T0 + timedelta(seconds=1))
    await add_new(uow_factory, older)
    await add_new(uow_factory, tie_first)
    await add_new(uow_factory, tie_second, newest, entry(arjun, "e", at=T0 + timedelta(days=1)))

    async with uow_factory() as uow:
        everything = [e.key for e in await uow.points.history(priya, 0, 10)]
        pages = [[e.key for e in await uow.points.history(priya, o, 2)] for o in (0, 2, 4)]
        count = await uow.points.count(priya)

    assert everything == ["d", "c", "b", "a"]
    assert pages == [["d", "c"], ["b", "a"], []]
    assert count == 4


async def test_clearing_awards_keeps_adjustments_and_rebuilding_totals_sums_the_ledger(
    uow_factory: UowFactory,
) -> None:
    priya, arjun, admin = await people(
        uow_factory,
        a_user("priya@example.org"),
        a_user("arjun@example.org"),
        a_user("admin@example.org", Role.ADMIN),
    )
    adjustment = PointsEntry(
        priya, -20, PointReason.ADJUSTMENT, "adjustment:x", T0, note="Duplicate quiz", awarded_by=admin
    )
    await add_new(uow_factory, entry(priya, "started:1", 5), adjustment, entry(arjun, "started:1", 5))

    async with uow_factory() as uow:
        await uow.points.clear_awards()
        await uow.points.add_many(
            [entry(priya, "started:1", 5), entry(priya, "completed:1", 50), entry(arjun, "started:2", 5)]
        )
        await uow.points.rebuild_totals()
        await uow.commit()

    async with uow_factory() as uow:
        kept = [e for e in await uow.points.history(priya, 0, 10) if e.reason is PointReason.ADJUSTMENT]
        keys = await uow.points.keys(priya), await uow.points.keys(arjun)
    assert [(e.key, e.amount, e.note, e.awarded_by) for e in kept] == [
        ("adjustment:x", -20, "Duplicate quiz", admin)
    ]
    assert keys == ({"adjustment:x", "started:1", "completed:1"}, {"started:2"})
    assert await totals(uow_factory, priya, arjun) == [35, 5]


async def test_entries_added_in_bulk_come_back_whole(uow_factory: UowFactory) -> None:
    priya = await youth(uow_factory)
    bulk = [
        PointsEntry(
            priya,
            20,
            PointReason.STREAK_BONUS,
            f"streak:2026-11-01:{n * 7}",
            T0 + timedelta(days=n),
            40 + n,
            None,
            str(n * 7),
        )
        for n in range(1, 4)
    ]

    async with uow_factory() as uow:
        await uow.points.add_many(bulk)
        await uow.points.add_many([])
        await uow.points.rebuild_totals()
        await uow.commit()

    async with uow_factory() as uow:
        back = list(await uow.points.history(priya, 0, 10))
    assert [replace(e, id=None) for e in back] == [replace(e, id=None) for e in reversed(bulk)]
    assert all(e.id is not None for e in back)
    assert await totals(uow_factory, priya) == [60]


# Ranking


async def test_only_active_youth_with_points_rank_most_points_first_ties_by_id(
    uow_factory: UowFactory,
) -> None:
    ids = await people(
        uow_factory,
        a_user("asha@example.org", region="MH"),
        a_user("bala@example.org", region="UP"),
        a_user("chitra@example.org", region="MH", shows_on_leaderboard=True),
        a_user("deepak@example.org", region="MH", is_active=False),
        a_user("mentor@example.org", Role.MENTOR, region="MH"),
        a_user("admin@example.org", Role.ADMIN, region="MH"),
        a_user("esha@example.org", region="MH"),
        a_user("farid@example.org", region="MH"),
    )
    asha, bala, chitra, deepak, mentor, admin, esha, farid = ids
    await add_new(
        uow_factory,
        entry(asha, "a", 10),
        entry(bala, "a", 30),
        entry(chitra, "a", 10),
        entry(deepak, "a", 99),
        entry(mentor, "a", 50),
        entry(admin, "a", 60),
        entry(esha, "a", 10),
        entry(esha, "adjustment:1", -10, reason=PointReason.ADJUSTMENT),
        entry(farid, "adjustment:2", -5, reason=PointReason.ADJUSTMENT),
    )

    everyone = await ranking(uow_factory, viewer_id=chitra)
    in_mh = await ranking(uow_factory, region="MH", viewer_id=chitra)
    nowhere = await ranking(uow_factory, region="KA", viewer_id=chitra)

    assert everyone.rows == (
        RankedStanding(1, 1, bala, "Bala", "UP", False, 30),
        RankedStanding(2, 2, asha, "Asha", "MH", False, 10),
        RankedStanding(3, 2, chitra, "Chitra", "MH", True, 10),
    )
    assert everyone.viewer == everyone.rows[2]
    assert everyone.ranked == 3
    assert places(in_mh) == [(1, 1, asha, 10), (2, 1, chitra, 10)]
    assert in_mh.viewer == in_mh.rows[1]
    assert nowhere == Ranking((), None, 0)
    for unranked in (deepak, mentor, admin, esha, farid):
        shown = await ranking(uow_factory, viewer_id=unranked, around=5)
        assert (len(shown.rows), shown.viewer, shown.ranked) == (3, None, 3), unranked


async def test_equal_points_share_a_rank_and_the_next_rank_skips_the_shared_places(
    uow_factory: UowFactory,
) -> None:
    ids = await people(uow_factory, *(a_user(f"y{n}@example.org") for n in range(7)))
    points = dict(zip(ids, [10, 30, 10, 20, 5, 20, 10], strict=True))
    await add_new(uow_factory, *(entry(user_id, "a", amount) for user_id, amount in points.items()))

    found = await ranking(uow_factory)

    assert places(found) == [
        (1, 1, ids[1], 30),
        (2, 2, ids[3], 20),
        (3, 2, ids[5], 20),
        (4, 4, ids[0], 10),
        (5, 4, ids[2], 10),
        (6, 4, ids[6], 10),
        (7, 7, ids[4], 5),
    ]
    assert found.ranked == 7


@pytest.fixture
async def twelve(uow_factory: UowFactory) -> list[int]:
    """Twelve youth at positions 1 to 12 (120 points down to 10), by position."""
    ids = await people(uow_factory, *(a_user(f"y{n:02d}@example.org") for n in range(12)))
    await add_new(uow_factory, *(entry(user_id, "a", 120 - 10 * n) for n, user_id in enumerate(ids)))
    return ids


@pytest.mark.parametrize(
    ("viewer_position", "around", "positions"),
    [
        (7, 2, [1, 2, 3, 5, 6, 7, 8, 9]),
        (7, 0, [1, 2, 3, 7]),
        (5, 2, [1, 2, 3, 4, 5, 6, 7]),
        (1, 2, [1, 2, 3]),
        (2, 5, [1, 2, 3, 4, 5, 6, 7]),
        (12, 2, [1, 2, 3, 10, 11, 12]),
        (11, 5, [1, 2, 3, 6, 7, 8, 9, 10, 11, 12]),
    ],
)
async def test_the_first_places_and_those_around_the_viewer_come_back_once_each(
    uow_factory: UowFactory, twelve: list[int], viewer_position: int, around: int, positions: list[int]
) -> None:
    viewer_id = twelve[viewer_position - 1]

    found = await ranking(uow_factory, first=3, viewer_id=viewer_id, around=around)

    assert [s.position for s in found.rows] == positions
    assert [s.user_id for s in found.rows] == [twelve[p - 1] for p in positions]
    assert found.viewer is not None
    assert (found.viewer.position, found.viewer.user_id) == (viewer_position, viewer_id)
    assert found.ranked == 12


async def test_a_viewer_who_does_not_rank_gets_the_first_places_only(
    uow_factory: UowFactory, twelve: list[int]
) -> None:
    newcomer, mentor = await people(
        uow_factory, a_user("newcomer@example.org"), a_user("mentor@example.org", Role.MENTOR)
    )
    await add_new(uow_factory, entry(mentor, "a", 500))

    for viewer_id in (newcomer, mentor, 0):
        found = await ranking(uow_factory, first=4, viewer_id=viewer_id, around=5)
        assert [s.user_id for s in found.rows] == twelve[:4]
        assert (found.viewer, found.ranked) == (None, 12)
    everyone = await ranking(uow_factory, first=50, viewer_id=twelve[5], around=1)
    assert [s.position for s in everyone.rows] == list(range(1, 13))


async def test_a_period_counts_points_earned_from_its_start_on(uow_factory: UowFactory) -> None:
    week = T0 - timedelta(days=3)
    asha, bala, chitra = await people(
        uow_factory, a_user("asha@example.org"), a_user("bala@example.org"), a_user("chitra@example.org")
    )
    await add_new(
        uow_factory,
        entry(asha, "old", 100, at=week - timedelta(microseconds=1)),
        entry(asha, "new", 5, at=week),
        entry(bala, "new", 20, at=T0),
        entry(chitra, "old", 50, at=week - timedelta(days=30)),
        entry(chitra, "adjustment:1", -5, at=T0, reason=PointReason.ADJUSTMENT),
        entry(chitra, "new", 5, at=T0),
    )

    this_week = await ranking(uow_factory, week, viewer_id=chitra, around=5)
    assert places(this_week) == [(1, 1, bala, 20), (2, 2, asha, 5)]
    assert (this_week.viewer, this_week.ranked) == (None, 2)
    assert await ranking(uow_factory, T0 + timedelta(seconds=1)) == Ranking((), None, 0)
    ever = await ranking(uow_factory, viewer_id=chitra)
    assert places(ever) == [(1, 1, asha, 105), (2, 2, chitra, 50), (3, 3, bala, 20)]
    assert ever.viewer == ever.rows[1]


async def test_a_period_in_one_region_ranks_only_its_youth(uow_factory: UowFactory) -> None:
    week = T0 - timedelta(days=3)
    asha, bala, chitra, deepak = await people(
        uow_factory,
        a_user("asha@example.org", region="KA"),
        a_user("bala@example.org", region="MH"),
        a_user("chitra@example.org", region="KA"),
        a_user("deepak@example.org", region="KA"),
    )
    await add_new(
        uow_factory,
        entry(asha, "new", 10, at=T0),
        entry(bala, "new", 90, at=T0),
        entry(chitra, "new", 10, at=T0),
        entry(deepak, "old", 70, at=week - timedelta(days=1)),
    )

    in_ka = await ranking(uow_factory, week, "KA", viewer_id=chitra)
    from_mh = await ranking(uow_factory, week, "KA", viewer_id=bala, around=5)

    assert places(in_ka) == [(1, 1, asha, 10), (2, 1, chitra, 10)]
    assert in_ka.viewer == RankedStanding(2, 1, chitra, "Chitra", "KA", False, 10)
    assert in_ka.ranked == 2
    assert (places(from_mh), from_mh.viewer) == (places(in_ka), None)


async def test_the_name_shows_as_the_youth_chose_after_an_update(uow_factory: UowFactory) -> None:
    priya = await youth(uow_factory)
    await add_new(uow_factory, entry(priya, "a"))

    async with uow_factory() as uow:
        user = await uow.users.get(priya)
        assert user is not None
        user.shows_on_leaderboard = True
        await uow.users.update(user)
        await uow.commit()

    for since in (None, T0):
        found = await ranking(uow_factory, since, viewer_id=priya)
        assert [s.shows_name for s in found.rows] == [True]
        assert found.viewer is not None and found.viewer.shows_name


# Badges and streaks


async def test_a_badge_is_earned_once_and_listed_oldest_first(
    uow_factory: UowFactory, insert_way: str
) -> None:
    priya, arjun = await people(uow_factory, a_user("priya@example.org"), a_user("arjun@example.org"))
    later = BadgeAward(priya, "first_completion", T0 + timedelta(hours=1), 8)
    first = BadgeAward(priya, "first_start", T0, 7)

    async with uow_factory() as uow:
        assert await uow.badges.add_new([later, first, BadgeAward(arjun, "first_start", T0)]) == [
            later,
            first,
            BadgeAward(arjun, "first_start", T0),
        ]
        await uow.commit()
    async with uow_factory() as uow:
        again = await uow.badges.add_new([replace(first, earned_at=T0 + timedelta(days=1)), first])
        await uow.commit()

    assert again == []
    async with uow_factory() as uow:
        assert list(await uow.badges.for_user(priya)) == [first, later]
        assert await uow.badges.held(priya) == {"first_start", "first_completion"}
        assert await uow.badges.held(arjun) == {"first_start"}
        assert await uow.badges.add_new([]) == []


async def test_badges_are_cleared_and_added_in_bulk(uow_factory: UowFactory) -> None:
    priya = await youth(uow_factory)
    async with uow_factory() as uow:
        await uow.badges.add_new([BadgeAward(priya, "first_start", T0)])
        await uow.badges.clear()
        await uow.badges.add_many(
            [BadgeAward(priya, "streak_7", T0, 3), BadgeAward(priya, "first_survey", T0 - timedelta(days=1))]
        )
        await uow.commit()

    async with uow_factory() as uow:
        assert [b.badge for b in await uow.badges.for_user(priya)] == ["first_survey", "streak_7"]


async def test_a_streak_is_saved_replaced_and_comes_back_with_its_days(
    uow_factory: UowFactory, insert_way: str
) -> None:
    priya, arjun = await people(uow_factory, a_user("priya@example.org"), a_user("arjun@example.org"))
    streak = Streak(priya, 1, 1, date(2026, 11, 28), date(2026, 11, 28))

    async with uow_factory() as uow:
        assert await uow.streaks.get(priya) is None
        await uow.streaks.save(streak)
        assert await uow.streaks.get(priya) == streak
        longer = Streak(priya, 2, 9, date(2026, 11, 28), date(2026, 11, 29))
        await uow.streaks.save(longer)
        # Read again in the same unit of work: what was just written, not what was first read.
        assert await uow.streaks.get(priya) == longer
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.streaks.get(priya) == longer
        assert await uow.streaks.get(arjun) is None


async def test_streaks_are_cleared_and_added_in_bulk(uow_factory: UowFactory) -> None:
    priya, arjun = await people(uow_factory, a_user("priya@example.org"), a_user("arjun@example.org"))
    async with uow_factory() as uow:
        await uow.streaks.save(Streak(priya, 3, 3, date(2026, 11, 1), date(2026, 11, 3)))
        await uow.streaks.clear()
        await uow.streaks.add_many([Streak(arjun, 0, 30, None, None)])
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.streaks.get(priya) is None
        assert await uow.streaks.get(arjun) == Streak(arjun, 0, 30, None, None)


# What a recompute reads: everyone's activity and assignments, in order


async def test_appended_activity_gets_ids_and_comes_back_per_user_in_time_order(
    uow_factory: UowFactory,
) -> None:
    priya, arjun, _ = await people(
        uow_factory, a_user("priya@example.org"), a_user("arjun@example.org"), a_user("silent@example.org")
    )
    later = ActivityEvent(
        priya, ActivityKind.PROGRESS, T0 + timedelta(hours=1), {"module_id": 3, "progress": 50}
    )
    tie_a = ActivityEvent(priya, ActivityKind.PROGRESS, T0, {"module_id": 3, "progress": 25})
    tie_b = ActivityEvent(priya, ActivityKind.COMPLETION, T0, {"module_id": 3, "points": 40})
    arjuns = ActivityEvent(arjun, ActivityKind.LOGIN, T0 - timedelta(days=1))

    async with uow_factory() as uow:
        for event in (later, arjuns, tie_a, tie_b):
            await uow.activity.append(event)
        await uow.commit()

    assert all(e.id is not None for e in (later, tie_a, tie_b, arjuns))
    assert len({e.id for e in (later, tie_a, tie_b, arjuns)}) == 4
    async with uow_factory() as uow:
        assert await uow.activity.user_ids() == sorted([priya, arjun])
        assert list(await uow.activity.history([priya, arjun])) == sorted(
            [later, tie_a, tie_b, arjuns], key=lambda e: (e.user_id, e.at, e.id or 0)
        )
        assert list(await uow.activity.history([arjun])) == [arjuns]
        assert await uow.activity.history([]) == []


async def test_history_of_many_youth_is_read_in_chunks_and_stays_in_order(
    uow_factory: UowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "ROWS_PER_STATEMENT", 2)
    ids = await people(uow_factory, *(a_user(f"y{n}@example.org") for n in range(5)))
    async with uow_factory() as uow:
        for n, user_id in enumerate(reversed(ids)):
            await uow.activity.append(ActivityEvent(user_id, ActivityKind.LOGIN, T0 + timedelta(minutes=n)))
            await uow.activity.append(ActivityEvent(user_id, ActivityKind.LOGIN, T0 - timedelta(minutes=n)))
        await uow.commit()

    async with uow_factory() as uow:
        events = list(await uow.activity.history(set(ids)))

    assert [e.user_id for e in events] == sorted(ids * 2)
    assert events == sorted(events, key=lambda e: (e.user_id, e.at, e.id or 0))


async def test_assignments_of_many_youth_come_back_ordered_by_youth(uow_factory: UowFactory) -> None:
    priya, arjun, other = await people(
        uow_factory, a_user("priya@example.org"), a_user("arjun@example.org"), a_user("other@example.org")
    )
    async with uow_factory() as uow:
        modules = [
            await uow.modules.add(
                Module(code=f"IT-10{n}", title=f"M{n}", sector="IT/ITES", created_at=T0, updated_at=T0)
            )
            for n in range(2)
        ]
        for user_id in (arjun, priya, other):
            for module in modules:
                assert module.id is not None
                await uow.assignments.add(Assignment(user_id, module.id, T0, status=AssignmentStatus.ACTIVE))
        await uow.commit()

    async with uow_factory() as uow:
        found = await uow.assignments.for_users([priya, arjun])

    assert [a.user_id for a in found] == sorted([priya, priya, arjun, arjun])
    assert [a.module_id for a in found] == [m.id for m in modules] * 2


# Two transactions at once (real databases only)


async def test_two_transactions_awarding_the_same_key_at_once_store_it_once(
    sql_uow_factory: UowFactory,
) -> None:
    priya = await youth(sql_uow_factory)
    both_read = asyncio.Barrier(2)

    async def award(amount: int) -> list[object]:
        async with sql_uow_factory() as uow:
            assert "completed:7" not in await uow.points.keys(priya)
            await both_read.wait()  # each saw the key free, as a live award would
            stored = await uow.points.add_new([entry(priya, "completed:7", amount)])
            badges = await uow.badges.add_new([BadgeAward(priya, "first_completion", T0)])
            await uow.streaks.save(Streak(priya, amount, amount, date(2026, 11, 28), date(2026, 11, 28)))
            await asyncio.sleep(0.05)  # keep the transaction open while the other one tries
            await uow.commit()
            return [*stored, *badges]

    results = await asyncio.gather(award(40), award(41))

    assert sorted(len(r) for r in results) == [0, 2]
    async with sql_uow_factory() as uow:
        assert [(e.key, e.amount) for e in await uow.points.history(priya, 0, 10)] in (
            [("completed:7", 40)],
            [("completed:7", 41)],
        )
        assert await uow.points.total(priya) in (40, 41)
        assert len(await uow.badges.for_user(priya)) == 1
        assert await uow.points.total(priya) == (await uow.points.history(priya, 0, 1))[0].amount
