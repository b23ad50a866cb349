"""What every UnitOfWork and its repositories must do, whether in memory, on SQLite or PostgreSQL."""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from mb.adapters.db.engine import SQLITE_BUSY_TIMEOUT_MS, create_engine
from mb.domain.errors import Conflict
from mb.domain.model.activity import ActivityEvent, ActivityKind
from mb.domain.model.audit import AuditEntry
from mb.domain.model.flags import Flag, FlagOverride
from mb.domain.model.login_failure import LoginFailure
from mb.domain.model.roles import Role
from mb.domain.model.user import User
from mb.domain.ports.unit_of_work import UnitOfWork

UowFactory = Callable[[], UnitOfWork]

T0 = datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=UTC)
IST = timezone(timedelta(hours=5, minutes=30))


def a_user(email: str = "priya@example.org", role: Role = Role.YOUTH, **fields: Any) -> User:
    return User(
        email=email,
        password_hash="argon2$not-a-real-hash",
        role=role,
        full_name=fields.pop("full_name", "Priya Sharma"),
        created_at=fields.pop("created_at", T0),
        **fields,
    )


async def add_user(uow_factory: UowFactory, user: User) -> User:
    async with uow_factory() as uow:
        await uow.users.add(user)
        await uow.commit()
    assert user.id is not None
    return user


# Users


async def test_adding_users_gives_each_a_distinct_id(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        priya = await uow.users.add(a_user("priya@example.org"))
        arjun = await uow.users.add(a_user("arjun@example.org"))
        await uow.commit()

    assert priya.id is not None
    assert arjun.id is not None
    assert priya.id != arjun.id


async def test_a_user_comes_back_with_every_field_as_it_was_stored(uow_factory: UowFactory) -> None:
    mentor = await add_user(uow_factory, a_user("mentor@example.org", Role.MENTOR, full_name="Ravi Kumar"))
    priya = await add_user(
        uow_factory,
        a_user(
            full_name="प्रिया शर्मा",
            institution="राजकीय आईटीआई, जयपुर",
            education_level="iti_diploma",
            region="RJ",
            phone="+919876543210",
            date_of_birth=date(2006, 2, 28),
            skills=["Excel", "सिलाई", "Customer service"],
            sector_interests=["Retail", "Beauty & Wellness"],
            student_id="MB-2026-0001",
            mentor_id=mentor.id,
            is_active=True,
            last_login_at=datetime(2026, 11, 28, 15, 0, 0, 654321, tzinfo=IST),
            shows_on_leaderboard=True,
        ),
    )
    assert priya.id is not None

    async with uow_factory() as uow:
        by_id = await uow.users.get(priya.id)
        by_email = await uow.users.get_by_email("priya@example.org")

    assert by_id == priya
    assert by_email == priya
    assert by_id is not None
    assert by_id.created_at.utcoffset() == timedelta(0)
    assert by_id.last_login_at is not None
    assert by_id.last_login_at.utcoffset() is not None
    assert by_id.last_login_at == datetime(2026, 11, 28, 9, 30, 0, 654321, tzinfo=UTC)


async def test_a_user_with_only_the_required_fields_keeps_the_defaults(uow_factory: UowFactory) -> None:
    user = await add_user(uow_factory, a_user())
    assert user.id is not None

    async with uow_factory() as uow:
        stored = await uow.users.get(user.id)

    assert stored == a_user(id=user.id)


async def test_unknown_user_ids_and_emails_find_no_one(uow_factory: UowFactory) -> None:
    await add_user(uow_factory, a_user("priya@example.org"))

    async with uow_factory() as uow:
        assert await uow.users.get(987654) is None
        assert await uow.users.get_by_email("nobody@example.org") is None
        # Exact match on the normalized email, not a prefix or pattern match.
        assert await uow.users.get_by_email("priya@example") is None
        assert await uow.users.get_by_email("%@example.org") is None


async def test_a_student_id_is_taken_once_someone_has_it(uow_factory: UowFactory) -> None:
    await add_user(uow_factory, a_user("priya@example.org", student_id="MB-2026-0001"))
    await add_user(uow_factory, a_user("arjun@example.org", student_id=None))

    async with uow_factory() as uow:
        assert await uow.users.student_id_taken("MB-2026-0001")
        assert not await uow.users.student_id_taken("MB-2026-0002")
        assert not await uow.users.student_id_taken("")


async def test_updating_a_user_writes_back_every_field(uow_factory: UowFactory) -> None:
    mentor = await add_user(uow_factory, a_user("mentor@example.org", Role.MENTOR))
    priya = await add_user(uow_factory, a_user(skills=["Excel"], sector_interests=["Retail"]))
    assert priya.id is not None

    async with uow_factory() as uow:
        stored = await uow.users.get(priya.id)
        assert stored is not None
        stored.email = "priya.sharma@example.org"
        stored.password_hash = "argon2$another"
        stored.full_name = "प्रिया शर्मा"
        stored.institution = "Govt. ITI Jaipur"
        stored.education_level = "graduate"
        stored.region = "MH"
        stored.phone = "+911234567890"
        stored.date_of_birth = date(2005, 12, 31)
        stored.skills = ["Excel", "Tally"]
        stored.sector_interests = []
        stored.student_id = "MB-2026-0042"
        stored.mentor_id = mentor.id
        stored.is_active = False
        stored.last_login_at = T0 + timedelta(days=3)
        stored.shows_on_leaderboard = True
        await uow.users.update(stored)
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.users.get(priya.id) == stored
        assert await uow.users.get_by_email("priya@example.org") is None
        assert await uow.users.student_id_taken("MB-2026-0042")


async def test_users_are_counted_per_role_active_or_not(uow_factory: UowFactory) -> None:
    await add_user(uow_factory, a_user("a@example.org", Role.YOUTH))
    await add_user(uow_factory, a_user("b@example.org", Role.YOUTH, is_active=False))
    await add_user(uow_factory, a_user("c@example.org", Role.MENTOR))

    async with uow_factory() as uow:
        counts = await uow.users.count_by_role()

    assert counts == {Role.YOUTH: 2, Role.MENTOR: 1}


async def test_no_users_means_no_counts(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        assert await uow.users.count_by_role() == {}


# The unit of work


async def test_nothing_persists_without_commit(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await uow.users.add(a_user())
        await uow.audit.record(AuditEntry(T0, None, "user.create", "user", "1"))

    async with uow_factory() as uow:
        assert await uow.users.get_by_email("priya@example.org") is None
        assert await uow.audit.recent(10) == []


async def test_commit_persists_for_the_next_unit_of_work(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await uow.users.add(a_user())
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.users.get_by_email("priya@example.org") is not None


async def test_an_error_inside_the_block_rolls_back_and_propagates(uow_factory: UowFactory) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        async with uow_factory() as uow:
            await uow.users.add(a_user())
            raise RuntimeError("boom")

    async with uow_factory() as uow:
        assert await uow.users.get_by_email("priya@example.org") is None


async def test_rollback_discards_work_and_commit_after_it_stores_nothing(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await uow.users.add(a_user())
        await uow.rollback()
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.users.get_by_email("priya@example.org") is None


async def test_work_after_a_rollback_can_still_be_committed(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await uow.users.add(a_user("discarded@example.org"))
        await uow.rollback()
        await uow.users.add(a_user("kept@example.org"))
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.users.get_by_email("discarded@example.org") is None
        assert await uow.users.get_by_email("kept@example.org") is not None


async def test_committed_work_survives_a_later_error_in_the_same_block(uow_factory: UowFactory) -> None:
    with pytest.raises(RuntimeError):
        async with uow_factory() as uow:
            await uow.users.add(a_user("first@example.org"))
            await uow.commit()
            await uow.users.add(a_user("second@example.org"))
            raise RuntimeError("after the commit")

    async with uow_factory() as uow:
        assert await uow.users.get_by_email("first@example.org") is not None
        assert await uow.users.get_by_email("second@example.org") is None


# Audit log


async def test_audit_entries_come_back_newest_first_up_to_the_limit(uow_factory: UowFactory) -> None:
    admin = await add_user(uow_factory, a_user("admin@example.org", Role.ADMIN))
    details = {
        "from": "youth",
        "to": "mentor",
        "note": "प्रिया",
        "count": 3,
        "ok": True,
        "none": None,
        "nested": {"list": [1, "two", 3.5]},
    }
    entries = [
        AuditEntry(T0, admin.id, "user.create", "user", "7"),
        AuditEntry(T0 + timedelta(minutes=1), admin.id, "user.role", "user", "7", details),
        AuditEntry(T0 + timedelta(minutes=2), None, "flag.set", "flag", "gamification", {"enabled": False}),
    ]
    async with uow_factory() as uow:
        for entry in entries:
            await uow.audit.record(entry)
        await uow.commit()

    async with uow_factory() as uow:
        recent = await uow.audit.recent(2)
        everything = await uow.audit.recent(10)

    assert all(entry.id is not None for entry in entries)
    assert len({entry.id for entry in entries}) == 3
    assert list(recent) == [entries[2], entries[1]]
    assert list(everything) == entries[::-1]
    assert recent[1].details == details


# Feature flags


async def test_saving_a_flag_inserts_then_replaces_it(uow_factory: UowFactory) -> None:
    admin = await add_user(uow_factory, a_user("admin@example.org", Role.ADMIN))
    first = FlagOverride(Flag.GAMIFICATION, True, admin.id, T0)
    second = FlagOverride(Flag.GAMIFICATION, False, None, T0 + timedelta(hours=1))
    other = FlagOverride(Flag.NEW_DASHBOARD, True, admin.id, T0)

    async with uow_factory() as uow:
        await uow.flags.save(first)
        await uow.flags.save(other)
        await uow.commit()
    async with uow_factory() as uow:
        await uow.flags.save(second)
        await uow.commit()

    async with uow_factory() as uow:
        stored = sorted(await uow.flags.all(), key=lambda o: o.name)

    assert stored == sorted([second, other], key=lambda o: o.name)


async def test_deleting_a_flag_removes_only_that_override(uow_factory: UowFactory) -> None:
    keep = FlagOverride(Flag.NEW_DASHBOARD, True, None, T0)
    async with uow_factory() as uow:
        await uow.flags.save(keep)
        await uow.flags.save(FlagOverride(Flag.AI_RECOMMENDATIONS, False, None, T0))
        await uow.commit()

    async with uow_factory() as uow:
        await uow.flags.delete(Flag.AI_RECOMMENDATIONS)
        await uow.flags.delete(Flag.SURVEY_DISTRIBUTION)  # never saved: nothing to do
        await uow.commit()

    async with uow_factory() as uow:
        assert list(await uow.flags.all()) == [keep]


# Activity


async def test_activity_comes_back_for_one_user_newest_first_up_to_the_limit(uow_factory: UowFactory) -> None:
    priya = await add_user(uow_factory, a_user("priya@example.org"))
    arjun = await add_user(uow_factory, a_user("arjun@example.org"))
    assert priya.id is not None
    assert arjun.id is not None
    login = ActivityEvent(priya.id, ActivityKind.LOGIN, T0)
    progress = ActivityEvent(
        priya.id,
        ActivityKind.PROGRESS,
        T0 + timedelta(hours=2),
        {"module": "मॉड्यूल 1", "percent": 40, "steps": [1, 2]},
    )
    quiz = ActivityEvent(priya.id, ActivityKind.QUIZ_ATTEMPT, T0 + timedelta(hours=1), {"score": 0.8})
    theirs = ActivityEvent(arjun.id, ActivityKind.LOGIN, T0 + timedelta(hours=3))

    async with uow_factory() as uow:
        for event in (login, progress, quiz, theirs):  # not in time order
            await uow.activity.append(event)
        await uow.commit()

    async with uow_factory() as uow:
        latest_two = await uow.activity.for_user(priya.id, 2)
        all_of_priyas = await uow.activity.for_user(priya.id, 10)
        nobodys = await uow.activity.for_user(987654, 10)

    assert login.id is not None
    assert list(latest_two) == [progress, quiz]
    assert list(all_of_priyas) == [progress, quiz, login]
    assert list(nobodys) == []


async def test_activity_at_the_same_moment_comes_back_latest_appended_first(uow_factory: UowFactory) -> None:
    priya = await add_user(uow_factory, a_user())
    assert priya.id is not None
    first = ActivityEvent(priya.id, ActivityKind.LOGIN, T0)
    second = ActivityEvent(priya.id, ActivityKind.PROGRESS, T0)

    async with uow_factory() as uow:
        await uow.activity.append(first)
        await uow.activity.append(second)
        await uow.commit()

    async with uow_factory() as uow:
        assert list(await uow.activity.for_user(priya.id, 10)) == [second, first]


# Sign-in failures


async def test_login_failures_are_found_by_email_and_by_client_since_a_moment(
    uow_factory: UowFactory,
) -> None:
    failures = [
        LoginFailure("priya@example.org", "10.0.0.1", T0 - timedelta(minutes=20)),
        LoginFailure("priya@example.org", "10.0.0.2", T0),
        LoginFailure("priya@example.org", "10.0.0.1", T0 + timedelta(minutes=5)),
        LoginFailure("arjun@example.org", "10.0.0.1", T0 + timedelta(minutes=6)),
    ]
    async with uow_factory() as uow:
        for failure in failures:
            await uow.login_failures.add(failure)
        await uow.commit()

    async with uow_factory() as uow:
        by_email = await uow.login_failures.for_email("priya@example.org", T0)
        by_client = await uow.login_failures.for_client("10.0.0.1", T0)
        everything = await uow.login_failures.for_client("10.0.0.1", T0 - timedelta(days=1))
        nothing = await uow.login_failures.for_email("nobody@example.org", T0 - timedelta(days=1))

    # `since` is inclusive.
    assert sorted(by_email) == [T0, T0 + timedelta(minutes=5)]
    assert sorted(by_client) == [T0 + timedelta(minutes=5), T0 + timedelta(minutes=6)]
    assert len(everything) == 3
    assert list(nothing) == []
    assert all(at.utcoffset() is not None for at in everything)


async def test_clearing_an_email_keeps_other_accounts_failures(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await uow.login_failures.add(LoginFailure("priya@example.org", "10.0.0.1", T0))
        await uow.login_failures.add(LoginFailure("priya@example.org", "10.0.0.2", T0))
        await uow.login_failures.add(LoginFailure("arjun@example.org", "10.0.0.1", T0))
        await uow.commit()

    async with uow_factory() as uow:
        await uow.login_failures.clear_email("priya@example.org")
        await uow.commit()

    async with uow_factory() as uow:
        assert list(await uow.login_failures.for_email("priya@example.org", T0)) == []
        assert list(await uow.login_failures.for_client("10.0.0.1", T0)) == [T0]


async def test_purging_removes_failures_strictly_before_and_says_how_many(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        for minutes in (-30, -10, -1, 0, 5):
            await uow.login_failures.add(
                LoginFailure("priya@example.org", "10.0.0.1", T0 + timedelta(minutes=minutes))
            )
        await uow.commit()

    async with uow_factory() as uow:
        purged = await uow.login_failures.purge_before(T0)
        again = await uow.login_failures.purge_before(T0)
        await uow.commit()

    async with uow_factory() as uow:
        left = await uow.login_failures.for_email("priya@example.org", T0 - timedelta(days=1))

    assert purged == 3
    assert again == 0
    assert sorted(left) == [T0, T0 + timedelta(minutes=5)]


# Real databases only: constraints the fake does not model


async def test_a_second_account_with_the_same_email_is_a_conflict(sql_uow_factory: UowFactory) -> None:
    first = await add_user(sql_uow_factory, a_user("priya@example.org", student_id="MB-1"))

    with pytest.raises(Conflict):
        async with sql_uow_factory() as uow:
            await uow.users.add(a_user("priya@example.org", full_name="Someone Else"))
            await uow.commit()

    async with sql_uow_factory() as uow:
        assert await uow.users.get_by_email("priya@example.org") == first


async def test_the_same_email_twice_in_one_unit_of_work_is_a_conflict(sql_uow_factory: UowFactory) -> None:
    with pytest.raises(Conflict):
        async with sql_uow_factory() as uow:
            await uow.users.add(a_user("priya@example.org"))
            await uow.users.add(a_user("priya@example.org"))
            await uow.commit()

    async with sql_uow_factory() as uow:
        assert await uow.users.count_by_role() == {}


async def test_a_taken_student_id_is_a_conflict_but_many_may_have_none(sql_uow_factory: UowFactory) -> None:
    await add_user(sql_uow_factory, a_user("a@example.org", student_id="MB-1"))
    await add_user(sql_uow_factory, a_user("b@example.org", student_id=None))
    await add_user(sql_uow_factory, a_user("c@example.org", student_id=None))

    with pytest.raises(Conflict):
        async with sql_uow_factory() as uow:
            await uow.users.add(a_user("d@example.org", student_id="MB-1"))
            await uow.commit()


async def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'nested' / 'mb.db'}")
    try:
        async with engine.connect() as connection:
            journal_mode = await connection.scalar(text("PRAGMA journal_mode"))
            foreign_keys = await connection.scalar(text("PRAGMA foreign_keys"))
            busy_timeout = await connection.scalar(text("PRAGMA busy_timeout"))
    finally:
        await engine.dispose()

    assert journal_mode == "wal"
    assert foreign_keys == 1
    assert busy_timeout == SQLITE_BUSY_TIMEOUT_MS == 5000


async def test_activity_appended_in_bulk_comes_back_whole(uow_factory: UowFactory) -> None:
    priya = await add_user(uow_factory, a_user("priya@example.org"))
    arjun = await add_user(uow_factory, a_user("arjun@example.org"))
    assert priya.id is not None and arjun.id is not None
    events = [
        ActivityEvent(priya.id, ActivityKind.REGISTERED, T0, {"source": "import"}),
        ActivityEvent(arjun.id, ActivityKind.REGISTERED, T0, {"source": "import"}),
        ActivityEvent(priya.id, ActivityKind.LOGIN, T0 + timedelta(hours=1)),
    ]
    async with uow_factory() as uow:
        await uow.activity.append_many(events)
        await uow.activity.append_many([])
        await uow.commit()

    async with uow_factory() as uow:
        priyas = await uow.activity.for_user(priya.id, 10)
        arjuns = await uow.activity.for_user(arjun.id, 10)

    assert [(e.kind, e.at, e.details) for e in priyas] == [
        (ActivityKind.LOGIN, T0 + timedelta(hours=1), {}),
        (ActivityKind.REGISTERED, T0, {"source": "import"}),
    ]
    assert [(e.kind, e.details) for e in arjuns] == [(ActivityKind.REGISTERED, {"source": "import"})]
