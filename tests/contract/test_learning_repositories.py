"""What the learning repositories must do in memory, on SQLite and on PostgreSQL — above all, that
a YouthFilter picks the same youth everywhere."""

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import mssql, postgresql, sqlite

from mb.adapters.db.repositories.youth_filter import youth_conditions
from mb.adapters.db.tables import UserRow
from mb.domain.errors import Conflict
from mb.domain.model.assignment import Assignment, AssignmentStatus, QuizAttempt
from mb.domain.model.module import Difficulty, Material, Module, ModuleStatus, Question, Quiz
from mb.domain.model.roles import Role
from mb.domain.model.user import User
from mb.domain.model.youth_filter import YouthFilter
from mb.domain.ports.unit_of_work import UnitOfWork
from tests.fakes_learning import matches

UowFactory = Callable[[], UnitOfWork]
T0 = datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=UTC)
IST = ZoneInfo("Asia/Kolkata")
KOLKATA = "Asia/Kolkata"


def ist(*when: int) -> datetime:
    return datetime(*when, tzinfo=IST).astimezone(UTC)  # type: ignore[misc]  # year, month, day, …


def a_module(code: str = "IT-101", **fields: Any) -> Module:
    values: dict[str, Any] = {
        "title": f"Module {code}",
        "sector": "IT/ITES",
        "created_at": T0,
        "updated_at": T0,
    }
    values.update(fields)
    return Module(code=code, **values)


def a_user(email: str, role: Role = Role.YOUTH, **fields: Any) -> User:
    values: dict[str, Any] = {"full_name": email.split("@", maxsplit=1)[0].title(), "created_at": T0}
    values.update(fields)
    return User(email=email, password_hash="argon2$not-a-real-hash", role=role, **values)


async def add(uow_factory: UowFactory, *items: User | Module) -> None:
    async with uow_factory() as uow:
        for item in items:
            if isinstance(item, User):
                await uow.users.add(item)
            else:
                await uow.modules.add(item)
        await uow.commit()


def id_of(item: User | Module) -> int:
    assert item.id is not None
    return item.id


# Modules


QUIZ = Quiz(
    (
        Question("कौन सी कुंजी फ़ाइल सहेजती है?", ("Ctrl+S", "Ctrl+P", "“Ctrl” + Q"), 0),
        Question("A formula starts with…", ("#", "="), 1),
    ),
    pass_mark=75,
)


async def test_a_module_comes_back_with_every_field_as_it_was_stored(uow_factory: UowFactory) -> None:
    base = a_module("IT-100")
    await add(uow_factory, base)
    module = a_module(
        "IT-101",
        title="कंप्यूटर की बुनियादी बातें — Computer basics",
        description="फ़ाइलें, ईमेल और स्प्रेडशीट।\nSecond line.",
        duration_hours=1.5,
        skills=["Excel", "ईमेल", "Customer service"],
        sector="Banking & Finance",
        prerequisites=[id_of(base)],
        difficulty=Difficulty.ADVANCED,
        points=120,
        due_in_days=None,
        status=ModuleStatus.INACTIVE,
        quiz=QUIZ,
        updated_at=T0 + timedelta(hours=1),
    )
    await add(uow_factory, module)

    async with uow_factory() as uow:
        by_id = await uow.modules.get(id_of(module))
        by_code = await uow.modules.get_by_code("IT-101")
        plain = await uow.modules.get(id_of(base))

    assert by_id == module
    assert by_code == module
    assert by_id is not None and by_id.quiz == QUIZ and by_id.created_at.utcoffset() == timedelta(0)
    assert plain == a_module("IT-100", id=base.id)
    assert plain is not None and plain.quiz is None and plain.prerequisites == []


async def test_unknown_modules_and_codes_find_nothing(uow_factory: UowFactory) -> None:
    await add(uow_factory, a_module("IT-101"))
    async with uow_factory() as uow:
        assert await uow.modules.get(98765) is None
        assert await uow.modules.get_by_code("IT-10") is None
        assert await uow.modules.get_by_code("IT-1%") is None


async def test_updating_a_module_writes_every_field_and_replaces_its_prerequisites(
    uow_factory: UowFactory,
) -> None:
    first, second, third = a_module("A-1"), a_module("A-2"), a_module("A-3")
    module = a_module("B-1", prerequisites=[])
    await add(uow_factory, first, second, third, module)
    async with uow_factory() as uow:
        stored = await uow.modules.get(id_of(module))
        assert stored is not None
        stored.prerequisites = [id_of(first), id_of(second)]
        await uow.modules.update(stored)
        await uow.commit()

    changed = replace(
        module,
        code="B-2",
        title="Renamed",
        skills=["New skill"],
        prerequisites=[id_of(third)],
        quiz=QUIZ,
        status=ModuleStatus.INACTIVE,
        updated_at=T0 + timedelta(days=1),
    )
    async with uow_factory() as uow:
        await uow.modules.update(changed)
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.modules.get(id_of(module)) == changed
        assert await uow.modules.get_by_code("B-1") is None
        assert await uow.modules.prerequisite_graph() == {id_of(module): [id_of(third)]}

    cleared = replace(changed, prerequisites=[], quiz=None)
    async with uow_factory() as uow:
        await uow.modules.update(cleared)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.modules.get(id_of(module)) == cleared
        assert await uow.modules.prerequisite_graph() == {}


async def test_a_module_added_and_edited_in_one_unit_of_work_keeps_the_last_prerequisites(
    uow_factory: UowFactory,
) -> None:
    first, second = a_module("A-1"), a_module("A-2")
    await add(uow_factory, first, second)
    async with uow_factory() as uow:
        module = await uow.modules.add(a_module("B-1", prerequisites=[id_of(first), id_of(second)]))
        module.prerequisites = [id_of(second), id_of(first)]
        await uow.modules.update(module)
        module.prerequisites = [id_of(second)]
        await uow.modules.update(module)
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.modules.prerequisite_graph() == {id_of(module): [id_of(second)]}


async def test_all_modules_come_ordered_by_code_with_their_prerequisites(uow_factory: UowFactory) -> None:
    codes = ["IT-2", "BANK-1", "IT10", "IT-10", "A1", "RET-100"]
    modules = [a_module(code) for code in codes]
    await add(uow_factory, *modules)
    by_code = {m.code: m for m in modules}
    async with uow_factory() as uow:
        top = await uow.modules.get(id_of(by_code["IT-10"]))
        assert top is not None
        top.prerequisites = [id_of(by_code["IT-2"]), id_of(by_code["A1"])]
        await uow.modules.update(top)
        await uow.commit()

    async with uow_factory() as uow:
        everything = await uow.modules.all()
        graph = await uow.modules.prerequisite_graph()

    assert [m.code for m in everything] == sorted(codes)
    (it10,) = [m for m in everything if m.code == "IT-10"]
    assert sorted(it10.prerequisites) == sorted([id_of(by_code["IT-2"]), id_of(by_code["A1"])])
    assert all(m.prerequisites == [] for m in everything if m.code != "IT-10")
    assert {k: sorted(v) for k, v in graph.items()} == {id_of(it10): sorted(it10.prerequisites)}


async def test_no_modules_means_an_empty_catalogue(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        assert list(await uow.modules.all()) == []
        assert await uow.modules.prerequisite_graph() == {}


# Materials


def a_material(module: Module, filename: str, by: User | None = None, **fields: Any) -> Material:
    values: dict[str, Any] = {
        "content_type": "application/pdf",
        "size_bytes": 5_000_000_000,  # beyond 32 bits
        "blob_key": f"modules/{module.id}/abc/{filename}",
        "uploaded_by": by.id if by else None,
        "uploaded_at": T0,
    }
    values.update(fields)
    return Material(module_id=id_of(module), filename=filename, **values)


async def test_materials_are_kept_per_module_oldest_first_and_deleted_one_by_one(
    uow_factory: UowFactory,
) -> None:
    admin = a_user("admin@example.org", Role.ADMIN)
    module, other = a_module("IT-101"), a_module("IT-102")
    await add(uow_factory, admin, module, other)
    async with uow_factory() as uow:
        guide = await uow.materials.add(a_material(module, "प्रशिक्षण पुस्तिका.pdf", admin))
        video = await uow.materials.add(a_material(module, "talk.mp4", None, content_type="video/mp4"))
        elsewhere = await uow.materials.add(a_material(other, "guide.pdf", admin))
        await uow.commit()
    assert len({guide.id, video.id, elsewhere.id}) == 3

    async with uow_factory() as uow:
        assert await uow.materials.get(id_of_material(guide)) == guide
        assert list(await uow.materials.for_module(id_of(module))) == [guide, video]
        assert await uow.materials.get(987654) is None
        await uow.materials.delete(id_of_material(guide))
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.materials.get(id_of_material(guide)) is None
        assert list(await uow.materials.for_module(id_of(module))) == [video]
        assert list(await uow.materials.for_module(id_of(other))) == [elsewhere]


def id_of_material(material: Material) -> int:
    assert material.id is not None
    return material.id


# Assignments and quiz attempts


async def test_an_assignment_comes_back_and_is_updated_field_by_field(uow_factory: UowFactory) -> None:
    admin, priya = a_user("admin@example.org", Role.ADMIN), a_user("priya@example.org")
    module, other = a_module("IT-101"), a_module("IT-102")
    await add(uow_factory, admin, priya, module, other)
    held = Assignment(id_of(priya), id_of(module), T0, due_date=date(2026, 12, 12), assigned_by=admin.id)
    async with uow_factory() as uow:
        await uow.assignments.add(held)
        await uow.assignments.add(Assignment(id_of(priya), id_of(other), T0 + timedelta(seconds=1)))
        await uow.commit()
    assert held.id is not None

    async with uow_factory() as uow:
        assert await uow.assignments.get(id_of(priya), id_of(module)) == held
        assert await uow.assignments.get(id_of(admin), id_of(module)) is None
        stored = await uow.assignments.get(id_of(priya), id_of(module))
        assert stored is not None
        stored.status, stored.progress, stored.quiz_passed = AssignmentStatus.COMPLETED, 100, True
        stored.started_at, stored.completed_at = T0 + timedelta(hours=1), T0 + timedelta(days=2)
        await uow.assignments.update(stored)
        await uow.commit()

    async with uow_factory() as uow:
        mine = list(await uow.assignments.for_user(id_of(priya)))
        assert await uow.assignments.for_user(id_of(admin)) == []
    assert [a.module_id for a in mine] == [id_of(module), id_of(other)]
    assert mine[0] == stored
    assert mine[0].completed_at is not None and mine[0].completed_at.utcoffset() == timedelta(0)


async def test_a_module_is_assigned_to_a_youth_only_once(uow_factory: UowFactory) -> None:
    priya, module = a_user("priya@example.org"), a_module()
    await add(uow_factory, priya, module)
    async with uow_factory() as uow:
        await uow.assignments.add(Assignment(id_of(priya), id_of(module), T0))
        await uow.commit()

    with pytest.raises(Conflict):
        async with uow_factory() as uow:
            await uow.assignments.add(Assignment(id_of(priya), id_of(module), T0 + timedelta(days=1)))
            await uow.commit()

    async with uow_factory() as uow:
        assert len(await uow.assignments.for_user(id_of(priya))) == 1


async def test_a_duplicate_module_code_is_a_conflict_on_a_real_database(sql_uow_factory: UowFactory) -> None:
    await add(sql_uow_factory, a_module("IT-101"))
    with pytest.raises(Conflict):
        await add(sql_uow_factory, a_module("IT-101", title="Someone else's at the same moment"))


async def test_quiz_attempts_come_back_per_youth_and_module_oldest_first(uow_factory: UowFactory) -> None:
    priya, arjun = a_user("priya@example.org"), a_user("arjun@example.org")
    module, other = a_module("IT-101"), a_module("IT-102")
    await add(uow_factory, priya, arjun, module, other)
    attempts = [
        QuizAttempt(id_of(priya), id_of(module), (1, 0, 2), 33, False, T0),
        QuizAttempt(id_of(priya), id_of(module), (0, 1, 2), 100, True, T0 + timedelta(minutes=5)),
        QuizAttempt(id_of(arjun), id_of(module), (0, 0, 0), 33, False, T0),
        QuizAttempt(id_of(priya), id_of(other), (1,), 0, False, T0),
    ]
    async with uow_factory() as uow:
        for attempt in attempts:
            await uow.quiz_attempts.add(attempt)
        await uow.commit()

    async with uow_factory() as uow:
        assert list(await uow.quiz_attempts.for_user(id_of(priya), id_of(module))) == attempts[:2]
        assert list(await uow.quiz_attempts.for_user(id_of(arjun), id_of(module))) == attempts[2:3]
        assert list(await uow.quiz_attempts.for_user(id_of(arjun), id_of(other))) == []


# Assigning by YouthFilter: the fake and SQL must pick the same youth.


def cohort(mentor: User, other_mentor: User) -> dict[str, User]:
    def youth(
        name: str,
        region: str,
        institution: str,
        education: str,
        sectors: list[str],
        at: datetime,
        **extra: Any,
    ) -> User:
        return a_user(
            f"{name}@example.org",
            region=region,
            institution=institution,
            education_level=education,
            sector_interests=sectors,
            created_at=at,
            **extra,
        )

    return {
        "priya": youth(
            "priya",
            "MH",
            "Government ITI Pune",
            "iti_diploma",
            ["IT/ITES", "Banking & Finance"],
            ist(2026, 11, 20, 10, 0),
            mentor_id=mentor.id,
        ),
        "arjun": youth(
            "arjun",
            "MH",
            "GOVERNMENT ITI PUNE",
            "graduate",
            ["Retail"],
            ist(2026, 11, 27, 23, 59),
            mentor_id=mentor.id,
        ),
        "meera": youth(
            "meera",
            "KA",
            "Christ University",
            "undergraduate",
            ["Banking & Finance"],
            ist(2026, 11, 28, 0, 1),
            mentor_id=other_mentor.id,
        ),
        "ravi": youth(
            "ravi",
            "KA",
            "Government ITI Pune Annexe",
            "iti_diploma",
            ["Hospitality"],
            ist(2026, 11, 28, 12, 0),
        ),
        "anita": youth(
            "anita",
            "DL",
            "christ university",
            "undergraduate",
            ["Beauty & Wellness", "Retail"],
            ist(2026, 11, 28, 23, 59, 59),
        ),
        "farhan": youth(
            "farhan",
            "DL",
            "Jamia Millia Islamia",
            "postgraduate",
            ["Media & Entertainment"],
            ist(2026, 11, 29, 0, 0),
        ),
        "lakshmi": youth(
            "lakshmi", "TN", "Anna University", "graduate", ["Telecom", "Electronics"], ist(2026, 11, 1, 0, 0)
        ),
        "sunil": youth("sunil", "UP", "100% Placement_Institute", "secondary", [], ist(2026, 10, 15, 9, 0)),
        "kavya": youth(
            "kavya",
            "MH",
            "Government ITI Pune",
            "iti_diploma",
            ["IT/ITES"],
            ist(2026, 11, 25, 9, 0),
            mentor_id=mentor.id,
        ),
        "deepa": youth(
            "deepa",
            "GJ",
            "Government_ITI_Pune",
            "higher_secondary",
            ["Logistics", "Automotive"],
            ist(2026, 11, 26, 9, 0),
            mentor_id=mentor.id,
        ),
        "rohan": youth(
            "rohan",
            "MH",
            "Government ITI Pune",
            "iti_diploma",
            ["IT/ITES", "Banking & Finance"],
            ist(2026, 11, 20, 10, 0),
            mentor_id=mentor.id,
            is_active=False,
        ),
    }


EVERY_ACTIVE_YOUTH = {
    "priya",
    "arjun",
    "meera",
    "ravi",
    "anita",
    "farhan",
    "lakshmi",
    "sunil",
    "kavya",
    "deepa",
}
IDS = "ids"  # a filter given as a function of the users' ids, which each backend assigns itself
Spec = YouthFilter | Callable[[dict[str, int]], YouthFilter]
FILTERS: list[tuple[str, Spec, set[str]]] = [
    ("everyone", YouthFilter(), EVERY_ACTIVE_YOUTH),
    ("region", YouthFilter(region="MH"), {"priya", "arjun", "kavya"}),
    ("region nobody has", YouthFilter(region="AP"), set()),
    ("region is exact", YouthFilter(region="M"), set()),
    ("institution in any case", YouthFilter(institution="government iti pune"), {"priya", "arjun", "kavya"}),
    ("institution padded", YouthFilter(institution="  Christ University "), {"meera", "anita"}),
    ("institution is whole", YouthFilter(institution="Government ITI"), set()),
    ("institution % is literal", YouthFilter(institution="100% Placement_Institute"), {"sunil"}),
    ("education", YouthFilter(education_level="iti_diploma"), {"priya", "ravi", "kavya"}),
    ("sector with &", YouthFilter(sector_interest="Banking & Finance"), {"priya", "meera"}),
    ("sector with /", YouthFilter(sector_interest="IT/ITES"), {"priya", "kavya"}),
    ("sector among several", YouthFilter(sector_interest="Retail"), {"arjun", "anita"}),
    ("sector second in list", YouthFilter(sector_interest="Electronics"), {"lakshmi"}),
    ("sector part is no match", YouthFilter(sector_interest="IT"), set()),
    ("sector tail is no match", YouthFilter(sector_interest="Finance"), set()),
    ("sector head is no match", YouthFilter(sector_interest="Banking"), set()),
    ("sector % is literal", YouthFilter(sector_interest="%"), set()),
    ("sector _ is literal", YouthFilter(sector_interest="IT_ITES"), set()),
    ("sector _ is literal 2", YouthFilter(sector_interest="Banking _ Finance"), set()),
    ("sector \\ is literal", YouthFilter(sector_interest="IT\\ITES"), set()),
    ("sector in any case", YouthFilter(sector_interest="retail"), {"arjun", "anita"}),
    ("sector padded", YouthFilter(sector_interest=" BANKING & FINANCE "), {"priya", "meera"}),
    ("sector quoted", YouthFilter(sector_interest='Beauty & Wellness", "Retail'), set()),
    (
        "from, India",
        YouthFilter(registered_from=date(2026, 11, 28), timezone=KOLKATA),
        {"meera", "ravi", "anita", "farhan"},
    ),
    (
        "to, India",
        YouthFilter(registered_to=date(2026, 11, 27), timezone=KOLKATA),
        {"priya", "arjun", "lakshmi", "sunil", "kavya", "deepa"},
    ),
    (
        "one day, India",
        YouthFilter(registered_from=date(2026, 11, 28), registered_to=date(2026, 11, 28), timezone=KOLKATA),
        {"meera", "ravi", "anita"},
    ),
    (
        "next day, India",
        YouthFilter(registered_from=date(2026, 11, 29), registered_to=date(2026, 11, 29), timezone=KOLKATA),
        {"farhan"},
    ),
    (
        "one day, UTC",
        YouthFilter(registered_from=date(2026, 11, 27), registered_to=date(2026, 11, 27)),
        {"arjun", "meera"},
    ),
    (
        "dates reversed",
        YouthFilter(registered_from=date(2026, 11, 29), registered_to=date(2026, 11, 1), timezone=KOLKATA),
        set(),
    ),
    ("mentor", lambda ids: YouthFilter(mentor_id=ids["mentor"]), {"priya", "arjun", "kavya", "deepa"}),
    ("other mentor", lambda ids: YouthFilter(mentor_id=ids["other mentor"]), {"meera"}),
    ("mentor with no caseload", lambda ids: YouthFilter(mentor_id=ids["admin"]), set()),
    (
        "chosen youth",
        lambda ids: YouthFilter(user_ids=(ids["priya"], ids["farhan"], ids["rohan"], ids["mentor"])),
        {"priya", "farhan"},
    ),
    (
        "chosen and filtered",
        lambda ids: YouthFilter(user_ids=(ids["priya"], ids["ravi"]), region="KA"),
        {"ravi"},
    ),
    (
        "mentor and sector",
        lambda ids: YouthFilter(mentor_id=ids["mentor"], sector_interest="IT/ITES"),
        {"priya", "kavya"},
    ),
    (
        "everything",
        YouthFilter(
            region="KA",
            institution="christ university",
            education_level="undergraduate",
            sector_interest="Banking & Finance",
            registered_from=date(2026, 11, 28),
            registered_to=date(2026, 11, 28),
            timezone=KOLKATA,
        ),
        {"meera"},
    ),
]


async def seed(uow_factory: UowFactory) -> tuple[dict[str, User], Module]:
    """Staff (with youth-like profiles, never matched), the cohort, and one module."""
    staff = {
        "admin": a_user("admin@example.org", Role.ADMIN, region="MH", sector_interests=["IT/ITES"]),
        "mentor": a_user("mentor@example.org", Role.MENTOR, region="MH", institution="Government ITI Pune"),
        "other mentor": a_user("other@example.org", Role.MENTOR, region="KA", education_level="graduate"),
    }
    await add(uow_factory, *staff.values())
    youth = cohort(staff["mentor"], staff["other mentor"])
    module = a_module("IT-101")
    await add(uow_factory, *youth.values(), module)
    return staff | youth, module


async def holders(uow_factory: UowFactory, people: dict[str, User], module: Module) -> dict[str, Assignment]:
    async with uow_factory() as uow:
        found = {name: await uow.assignments.get(id_of(user), id_of(module)) for name, user in people.items()}
    return {name: held for name, held in found.items() if held is not None}


@pytest.mark.parametrize(
    ("spec", "expected"), [pytest.param(spec, names, id=case) for case, spec, names in FILTERS]
)
async def test_a_youth_filter_picks_the_same_youth_on_every_backend(
    uow_factory: UowFactory, spec: Spec, expected: set[str]
) -> None:
    people, module = await seed(uow_factory)
    youth = spec({name: id_of(user) for name, user in people.items()}) if callable(spec) else spec
    # The fake's reading of the filter is the reference every SQL backend must agree with.
    assert {name for name, user in people.items() if matches(user, youth)} == expected

    async with uow_factory() as uow:
        assert await uow.assignments.count_matching(id_of(module), youth) == (len(expected), 0)
    due, by = date(2026, 12, 12), id_of(people["admin"])
    async with uow_factory() as uow:
        assert await uow.assignments.assign_matching(id_of(module), youth, T0, due, by) == len(expected)
        await uow.commit()

    assigned = await holders(uow_factory, people, module)
    assert set(assigned) == expected
    for name, held in assigned.items():
        assert held == Assignment(
            id_of(people[name]), id_of(module), T0, due_date=due, assigned_by=by, id=held.id
        ), name
    async with uow_factory() as uow:
        assert await uow.assignments.count_matching(id_of(module), youth) == (len(expected), len(expected))
        assert await uow.assignments.assign_matching(id_of(module), youth, T0, due, by) == 0


async def test_assigning_to_a_filter_twice_assigns_only_the_newcomers(uow_factory: UowFactory) -> None:
    people, module = await seed(uow_factory)
    mh = YouthFilter(region="MH")
    async with uow_factory() as uow:
        assert await uow.assignments.assign_matching(id_of(module), mh, T0, None, None) == 3
        await uow.commit()
    async with uow_factory() as uow:
        assert (
            await uow.assignments.assign_matching(id_of(module), mh, T0 + timedelta(days=1), None, None) == 0
        )
        await uow.commit()
    newcomer = a_user("neha@example.org", region="MH")
    await add(uow_factory, newcomer)

    async with uow_factory() as uow:
        assert await uow.assignments.count_matching(id_of(module), mh) == (4, 3)
        assert (
            await uow.assignments.assign_matching(id_of(module), mh, T0 + timedelta(days=2), None, None) == 1
        )
        await uow.commit()

    assigned = await holders(uow_factory, people | {"neha": newcomer}, module)
    assert assigned["priya"].assigned_at == T0, "a youth who holds it keeps their first assignment"
    assert assigned["neha"].assigned_at == T0 + timedelta(days=2)


async def test_holding_another_module_does_not_count_as_holding_this_one(uow_factory: UowFactory) -> None:
    _, module = await seed(uow_factory)
    other = a_module("IT-102")
    await add(uow_factory, other)
    async with uow_factory() as uow:
        await uow.assignments.assign_matching(id_of(other), YouthFilter(), T0, None, None)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.assignments.count_matching(id_of(module), YouthFilter()) == (
            len(EVERY_ACTIVE_YOUTH),
            0,
        )


async def test_withdrawn_assignments_come_back_as_the_youth_left_them(uow_factory: UowFactory) -> None:
    people, module = await seed(uow_factory)
    admin, mentor = id_of(people["admin"]), id_of(people["mentor"])
    withdrawn = {
        "priya": Assignment(id_of(people["priya"]), id_of(module), T0, AssignmentStatus.INACTIVE),
        "arjun": Assignment(
            id_of(people["arjun"]), id_of(module), T0, AssignmentStatus.INACTIVE, 40, started_at=T0
        ),
        "kavya": Assignment(
            id_of(people["kavya"]),
            id_of(module),
            T0,
            AssignmentStatus.INACTIVE,
            100,
            started_at=T0,
            completed_at=T0 + timedelta(days=1),
            quiz_passed=True,
        ),
        # Withdrawn but outside the filter: stays withdrawn.
        "meera": Assignment(id_of(people["meera"]), id_of(module), T0, AssignmentStatus.INACTIVE, 10),
    }
    async with uow_factory() as uow:
        for held in withdrawn.values():
            await uow.assignments.add(held)
        await uow.commit()
    mh = YouthFilter(region="MH")
    async with uow_factory() as uow:
        assert await uow.assignments.count_matching(id_of(module), mh) == (3, 0)

    later, due = T0 + timedelta(days=5), date(2026, 12, 20)
    async with uow_factory() as uow:
        assert await uow.assignments.assign_matching(id_of(module), mh, later, due, mentor) == 3
        await uow.commit()

    back = await holders(uow_factory, people, module)
    assert {name: held.status for name, held in back.items()} == {
        "priya": AssignmentStatus.ACTIVE,
        "arjun": AssignmentStatus.IN_PROGRESS,
        "kavya": AssignmentStatus.COMPLETED,
        "meera": AssignmentStatus.INACTIVE,
    }
    for name in ("priya", "arjun", "kavya"):
        assert back[name] == replace(
            withdrawn[name], status=back[name].status, assigned_at=later, due_date=due, assigned_by=mentor
        ), name
    assert back["meera"] == withdrawn["meera"]
    async with uow_factory() as uow:
        assert await uow.assignments.count_matching(id_of(module), mh) == (3, 3)
        assert await uow.assignments.assign_matching(id_of(module), mh, later, due, admin) == 0


# The SQL reading of a filter


@pytest.mark.parametrize(
    ("interest", "pattern"),
    [
        # The entry as JSON stores it (quotes, backslashes doubled), in lower case, then escaped.
        ("IT/ITES", r'%"it/ites"%'),
        ("Banking & Finance", r'%"banking & finance"%'),
        ("100%", r'%"100\%"%'),
        ("IT_ITES", r'%"it\_ites"%'),
        ("a\\b", r'%"a\\\\b"%'),
        ("50%_off\\", r'%"50\%\_off\\\\"%'),
        ('say "hi"', r'%"say \\"hi\\""%'),
    ],
)
@pytest.mark.parametrize(
    "dialect", [sqlite.dialect(), postgresql.dialect(), mssql.dialect()], ids=lambda d: d.name
)
def test_like_wildcards_in_a_sector_interest_are_escaped(interest: str, pattern: str, dialect: Any) -> None:
    query = select(UserRow.id).where(*youth_conditions(YouthFilter(sector_interest=interest)))
    compiled = query.compile(dialect=dialect)
    assert pattern in compiled.params.values()
    assert "ESCAPE '\\'" in str(compiled).replace("ESCAPE '\\\\'", "ESCAPE '\\'")
