"""Searching, filtering, sorting and paging the user directory: the same on the fake, SQLite and
PostgreSQL, except where a test says otherwise (SQLite's lower() folds ASCII letters only)."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mb.domain.model.roles import Role
from mb.domain.model.user import User
from mb.domain.model.user_query import PersonRef, UserQuery, UserSort
from mb.domain.ports.unit_of_work import UnitOfWork

UowFactory = Callable[[], UnitOfWork]
T0 = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def person(email: str, full_name: str, role: Role = Role.YOUTH, **fields: Any) -> User:
    return User(
        email=email,
        password_hash="argon2$not-a-real-hash",
        role=role,
        full_name=full_name,
        created_at=fields.pop("created_at", T0),
        **fields,
    )


async def add_all(uow_factory: UowFactory, *users: User) -> list[User]:
    async with uow_factory() as uow:
        for user in users:
            await uow.users.add(user)
        await uow.commit()
    return list(users)


async def names(uow_factory: UowFactory, query: UserQuery, offset: int = 0, limit: int = 100) -> list[str]:
    async with uow_factory() as uow:
        return [listing.user.full_name for listing in await uow.users.search(query, offset, limit)]


async def count(uow_factory: UowFactory, query: UserQuery) -> int:
    async with uow_factory() as uow:
        return await uow.users.count(query)


@pytest.fixture
async def directory(uow_factory: UowFactory) -> dict[str, User]:
    """A small programme: two mentors, an admin and youth with Hindi and ASCII names."""
    ravi, meena = await add_all(
        uow_factory,
        person("ravi@example.org", "Ravi Kumar", Role.MENTOR, region="MH"),
        person("meena@example.org", "Meena Iyer", Role.MENTOR, region="TN", is_active=False),
    )
    people = await add_all(
        uow_factory,
        person("admin@example.org", "Asha Admin", Role.ADMIN, created_at=T0 - timedelta(days=30)),
        person(
            "priya@example.org",
            "Priya Sharma",
            region="MH",
            student_id="MB-MH-2026-ABCDE",
            mentor_id=ravi.id,
            last_login_at=T0 + timedelta(days=2),
            created_at=T0 + timedelta(days=1),
        ),
        person(
            "hindi.name@example.org",
            "प्रिया शर्मा",
            region="RJ",
            student_id="MB-RJ-2026-FGHJK",
            mentor_id=ravi.id,
            last_login_at=T0 + timedelta(days=1),
            created_at=T0 + timedelta(days=2),
        ),
        person(
            "arjun@example.org",
            "Arjun Das",
            region="KA",
            student_id="MB-KA-2026-MNPQR",
            is_active=False,
            created_at=T0 + timedelta(days=3),
        ),
        person("odd_one@example.org", "Zoe 100% Real_Name", region="MH", created_at=T0 + timedelta(days=4)),
    )
    return {user.email.split("@")[0]: user for user in (ravi, meena, *people)}


# Search


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("sharma", ["Priya Sharma"]),
        ("PRIYA", ["Priya Sharma"]),
        ("  kumar ", ["Ravi Kumar"]),
        ("hindi.name@", ["प्रिया शर्मा"]),
        ("EXAMPLE.ORG", None),  # everyone
        ("mb-ka", ["Arjun Das"]),
        ("2026-FGH", ["प्रिया शर्मा"]),
        ("प्रिया", ["प्रिया शर्मा"]),
        ("शर्", ["प्रिया शर्मा"]),
        ("nobody", []),
    ],
)
async def test_search_matches_part_of_a_name_email_or_student_id_whatever_the_case(
    uow_factory: UowFactory, directory: dict[str, User], term: str, expected: list[str] | None
) -> None:
    found = await names(uow_factory, UserQuery(search=term))
    assert sorted(found) == sorted(
        expected if expected is not None else [u.full_name for u in directory.values()]
    )
    assert await count(uow_factory, UserQuery(search=term)) == len(found)


@pytest.mark.parametrize(("term", "expected"), [("%", ["Zoe 100% Real_Name"]), ("_", ["Zoe 100% Real_Name"])])
async def test_search_takes_wildcard_characters_literally(
    uow_factory: UowFactory, directory: dict[str, User], term: str, expected: list[str]
) -> None:
    assert await names(uow_factory, UserQuery(search=term)) == expected


async def test_search_folds_non_ascii_capitals_except_on_sqlite(
    uow_factory: UowFactory, backend_url: str | None
) -> None:
    await add_all(uow_factory, person("elodie@example.org", "Élodie Ørsted"))
    on_sqlite = backend_url is not None and backend_url.startswith("sqlite")

    # The term as typed matches everywhere, ASCII letters in any case (SQLite's LIKE folds those).
    for term in ("Élodie", "ÉLODIE", "ØRSTED", "lodie"):
        assert await names(uow_factory, UserQuery(search=term)) == ["Élodie Ørsted"], term
    # SQLite's lower() leaves "É" and "Ø" as they are, so a lower-case "é" or "ø" finds nothing there.
    for term in ("élodie", "ørsted"):
        assert await names(uow_factory, UserQuery(search=term)) == ([] if on_sqlite else ["Élodie Ørsted"]), (
            term
        )


# Filters


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (UserQuery(role=Role.YOUTH), {"priya", "hindi.name", "arjun", "odd_one"}),
        (UserQuery(role=Role.MENTOR), {"ravi", "meena"}),
        (UserQuery(region="MH"), {"ravi", "priya", "odd_one"}),
        (UserQuery(active=False), {"meena", "arjun"}),
        (UserQuery(role=Role.YOUTH, active=True, region="MH"), {"priya", "odd_one"}),
        (UserQuery(role=Role.YOUTH, without_mentor=True), {"arjun", "odd_one"}),
        (UserQuery(search="a", role=Role.ADMIN), {"admin"}),
    ],
)
async def test_filters_combine(
    uow_factory: UowFactory, directory: dict[str, User], query: UserQuery, expected: set[str]
) -> None:
    async with uow_factory() as uow:
        found = {listing.user.email.split("@")[0] for listing in await uow.users.search(query, 0, 100)}
        total = await uow.users.count(query)
    assert found == expected
    assert total == len(expected)


async def test_filtering_by_mentor_finds_their_youth_and_names_the_mentor(
    uow_factory: UowFactory, directory: dict[str, User]
) -> None:
    ravi = directory["ravi"]
    assert ravi.id is not None
    async with uow_factory() as uow:
        listings = await uow.users.search(UserQuery(mentor_id=ravi.id, sort=UserSort.EMAIL), 0, 10)
        unmentored = await uow.users.search(UserQuery(search="arjun"), 0, 10)

    assert [listing.user.email for listing in listings] == ["hindi.name@example.org", "priya@example.org"]
    assert {listing.mentor for listing in listings} == {
        PersonRef(ravi.id, "Ravi Kumar", "ravi@example.org", True)
    }
    assert listings[1].user == directory["priya"]
    assert unmentored[0].mentor is None


# Order and pages


ADMIN, ARJUN, MEENA, PRIYA, RAVI, ZOE, HINDI = (
    "Asha Admin",
    "Arjun Das",
    "Meena Iyer",
    "Priya Sharma",
    "Ravi Kumar",
    "Zoe 100% Real_Name",
    "प्रिया शर्मा",
)


@pytest.mark.parametrize(
    ("sort", "ascending"),
    [
        (UserSort.NAME, [ARJUN, ADMIN, MEENA, PRIYA, RAVI, ZOE, HINDI]),
        (UserSort.EMAIL, [ADMIN, ARJUN, HINDI, MEENA, ZOE, PRIYA, RAVI]),
        (UserSort.CREATED_AT, [ADMIN, RAVI, MEENA, PRIYA, HINDI, ARJUN, ZOE]),
        (UserSort.ROLE, [ADMIN, RAVI, MEENA, PRIYA, HINDI, ARJUN, ZOE]),
        (UserSort.REGION, [ADMIN, ARJUN, RAVI, PRIYA, ZOE, HINDI, MEENA]),
    ],
)
async def test_every_sort_orders_both_ways_with_ties_broken_by_id(
    uow_factory: UowFactory, directory: dict[str, User], sort: UserSort, ascending: list[str]
) -> None:
    assert await names(uow_factory, UserQuery(sort=sort)) == ascending
    # Descending reverses everything, ties included (they are ordered by id the other way too).
    assert await names(uow_factory, UserQuery(sort=sort, descending=True)) == ascending[::-1]


async def test_never_signed_in_counts_as_the_earliest_sign_in(
    uow_factory: UowFactory, directory: dict[str, User]
) -> None:
    query = UserQuery(sort=UserSort.LAST_LOGIN_AT, role=Role.YOUTH)
    assert await names(uow_factory, query) == [
        "Arjun Das",
        "Zoe 100% Real_Name",
        "प्रिया शर्मा",
        "Priya Sharma",
    ]
    descending = UserQuery(sort=UserSort.LAST_LOGIN_AT, role=Role.YOUTH, descending=True)
    assert await names(uow_factory, descending) == [
        "Priya Sharma",
        "प्रिया शर्मा",
        "Zoe 100% Real_Name",
        "Arjun Das",
    ]


async def test_pages_cover_everyone_once_in_order(
    uow_factory: UowFactory, directory: dict[str, User]
) -> None:
    query = UserQuery(sort=UserSort.REGION, descending=True)
    everyone = await names(uow_factory, query)
    pages = [await names(uow_factory, query, offset, 3) for offset in (0, 3, 6, 9)]
    assert [len(page) for page in pages] == [3, 3, 1, 0]
    assert [name for page in pages for name in page] == everyone


# Emails already taken, caseloads released


async def test_emails_taken_are_found_among_thousands(
    uow_factory: UowFactory, directory: dict[str, User]
) -> None:
    candidates = [f"new{i}@example.org" for i in range(2500)] + ["priya@example.org", "ravi@example.org"]
    async with uow_factory() as uow:
        taken = await uow.users.emails_taken(candidates)
        none = await uow.users.emails_taken([])
    assert taken == {"priya@example.org", "ravi@example.org"}
    assert none == set()


async def test_clearing_a_mentor_releases_only_their_youth(
    uow_factory: UowFactory, directory: dict[str, User]
) -> None:
    ravi, meena = directory["ravi"], directory["meena"]
    assert ravi.id is not None and meena.id is not None
    async with uow_factory() as uow:
        arjun = await uow.users.get_by_email("arjun@example.org")
        assert arjun is not None
        arjun.mentor_id = meena.id
        await uow.users.update(arjun)
        released = await uow.users.clear_mentor(ravi.id)
        await uow.commit()

    assert released == 2
    async with uow_factory() as uow:
        assert await uow.users.count(UserQuery(mentor_id=ravi.id)) == 0
        assert await uow.users.count(UserQuery(mentor_id=meena.id)) == 1
        priya = await uow.users.get_by_email("priya@example.org")
        assert priya is not None and priya.mentor_id is None


# Scale: the directory at the size the programme is built for


async def test_a_deep_page_among_five_thousand_people_is_the_right_one(sql_uow_factory: UowFactory) -> None:
    async with sql_uow_factory() as uow:
        for i in range(5000):
            await uow.users.add(
                person(
                    f"youth{i:04d}@example.org",
                    f"Youth {i:04d} Sharma",
                    region=("MH", "KA", "RJ")[i % 3],
                    student_id=f"MB-MH-2026-{i:05d}",
                    created_at=T0 + timedelta(minutes=i),
                )
            )
        await uow.commit()

    # Speed is measured by bench/learning.py, not asserted here.
    async with sql_uow_factory() as uow:
        query = UserQuery(search="sharma", region="KA", sort=UserSort.NAME, descending=True)
        total = await uow.users.count(query)
        page = await uow.users.search(query, 1600, 25)

    assert total == 1667
    assert len(page) == 25 and page[0].user.full_name == "Youth 0199 Sharma"


# Bulk enrolment


async def test_users_added_in_bulk_get_ids_and_come_back_whole(uow_factory: UowFactory) -> None:
    youth = [
        person(
            f"bulk{i}@example.org",
            f"युवा {i}",
            region="UP",
            student_id=f"MB-UP-2026-BULK{i}",
            skills=["Excel"],
        )
        for i in range(3)
    ]
    async with uow_factory() as uow:
        await uow.users.add_many(youth)
        await uow.commit()

    ids = [user.id for user in youth]
    assert None not in ids and len(set(ids)) == 3
    async with uow_factory() as uow:
        stored = [await uow.users.get(user_id) for user_id in ids if user_id is not None]
        taken = await uow.users.student_ids_taken(
            ["MB-UP-2026-BULK0", "MB-UP-2026-BULK2", "MB-UP-2026-FREE1"]
        )
    assert stored == youth
    assert taken == {"MB-UP-2026-BULK0", "MB-UP-2026-BULK2"}


async def test_nothing_added_in_bulk_stays_without_a_commit(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await uow.users.add_many([person("gone@example.org", "Gone")])
    async with uow_factory() as uow:
        assert await uow.users.get_by_email("gone@example.org") is None
