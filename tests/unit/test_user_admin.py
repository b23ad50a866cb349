"""The admin's user directory on fakes: finding people, roles, deactivation, mentors, export, import."""

import csv
import io
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from mb.adapters.security.argon2_hasher import Argon2PasswordHasher
from mb.bootstrap import Services
from mb.domain.errors import InvalidInput, LoginFailed, NotFound, PermissionDenied
from mb.domain.model.activity import ActivityEvent, ActivityKind
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from mb.domain.model.user_query import UserQuery, UserSort
from mb.domain.rules.student_id import is_student_id
from mb.domain.services import user_admin
from mb.domain.services.accounts import AccountService
from mb.domain.services.user_admin import UserAdminService
from tests.conftest import PASSWORD
from tests.fakes import FakeActivityLog, FakeClock, FakePasswordHasher, FakeUnitOfWork, Store

Register = Callable[..., Any]
HEADER = "email,full_name,institution,education_level,region"


def youth_file(*lines: str) -> bytes:
    return "\n".join([HEADER, *lines]).encode("utf-8")


async def staff(services: Services, admin: Actor, email: str, role: Role, name: str = "Staff Person") -> User:
    return await services.accounts.create_staff(admin, email, PASSWORD, role, name)


def audit_actions(store: Store) -> list[str]:
    return [entry.action for entry in store.audit]


# Only admins


@pytest.mark.parametrize(
    "call",
    [
        lambda s, a: s.user_admin.user(a, 1),
        lambda s, a: s.user_admin.mentors(a),
        lambda s, a: s.user_admin.change_role(a, 1, Role.MENTOR),
        lambda s, a: s.user_admin.set_active(a, 1, False),
        lambda s, a: s.user_admin.assign_mentor(a, 1, None),
        lambda s, a: s.user_admin.export_csv(a, UserQuery()),
        lambda s, a: s.user_admin.preview_youth_import(a, youth_file("x@example.org,X,ITI,graduate,MH")),
        lambda s, a: s.user_admin.import_youth(a, youth_file("x@example.org,X,ITI,graduate,MH")),
    ],
)
async def test_mentors_and_youth_cannot_manage_users(
    services: Services, mentor: Actor, register: Register, store: Store, call: Callable[..., Any]
) -> None:
    youth = await register()
    before = (len(store.users), len(store.audit), store.commits)
    for actor in (mentor, Actor.of(youth)):
        with pytest.raises(PermissionDenied):
            await call(services, actor)
    assert (len(store.users), len(store.audit), store.commits) == before


# Finding people


async def test_the_directory_pages_through_everyone_with_a_total(
    services: Services, admin: Actor, register: Register
) -> None:
    for i in range(7):
        await register(f"youth{i}@example.org", full_name=f"Youth {i}")

    first = await services.user_admin.find_users(admin, UserQuery(sort=UserSort.NAME), page=1, page_size=3)
    last = await services.user_admin.find_users(admin, UserQuery(sort=UserSort.NAME), page=3, page_size=3)

    assert first.total == last.total == 8  # the admin too
    assert first.pages == 3
    assert [listing.user.full_name for listing in first.listings] == ["Asha Admin", "Youth 0", "Youth 1"]
    assert [listing.user.full_name for listing in last.listings] == ["Youth 5", "Youth 6"]


@pytest.mark.parametrize(
    ("query", "page", "page_size", "field"),
    [
        (UserQuery(), 1, 101, "page_size"),
        (UserQuery(), 1, 0, "page_size"),
        (UserQuery(), 0, 25, "page"),
        (UserQuery(search="x" * 101), 1, 25, "search"),
        (UserQuery(region="ZZ"), 1, 25, "region"),
        (UserQuery(mentor_id=3, without_mentor=True), 1, 25, "mentor"),
    ],
)
async def test_an_impossible_query_is_refused_with_the_reason(
    services: Services, admin: Actor, query: UserQuery, page: int, page_size: int, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await services.user_admin.find_users(admin, query, page, page_size)
    assert set(caught.value.fields) == {field}


async def test_a_listing_names_the_youths_mentor(
    services: Services, admin: Actor, mentor: Actor, register: Register
) -> None:
    youth = await register()
    await services.user_admin.assign_mentor(admin, youth.id, mentor.user_id)

    listing = await services.user_admin.user(admin, youth.id)
    found = await services.user_admin.find_users(admin, UserQuery(mentor_id=mentor.user_id))

    assert listing.mentor is not None and listing.mentor.email == "mentor@example.org"
    assert [entry.user.id for entry in found.listings] == [youth.id]
    with pytest.raises(NotFound):
        await services.user_admin.user(admin, 9999)


async def test_the_mentor_list_holds_every_mentor_active_or_not(services: Services, admin: Actor) -> None:
    ravi = await staff(services, admin, "ravi@example.org", Role.MENTOR, "Ravi")
    meena = await staff(services, admin, "meena@example.org", Role.MENTOR, "Meena")
    await staff(services, admin, "second-admin@example.org", Role.ADMIN)
    await services.user_admin.set_active(admin, ravi.id, False)

    mentors = await services.user_admin.mentors(admin)

    assert [(m.full_name, m.is_active) for m in mentors] == [("Meena", True), ("Ravi", False)]
    assert {m.id for m in mentors} == {ravi.id, meena.id}


# Roles


async def test_a_youth_made_mentor_keeps_their_student_id_and_loses_their_mentor(
    services: Services, admin: Actor, mentor: Actor, register: Register, store: Store
) -> None:
    youth = await register()
    await services.user_admin.assign_mentor(admin, youth.id, mentor.user_id)

    changed = await services.user_admin.change_role(admin, youth.id, Role.MENTOR)

    stored = store.users[youth.id]
    assert changed.role is stored.role is Role.MENTOR
    assert stored.student_id == youth.student_id
    assert stored.mentor_id is None
    entry = store.audit[-1]
    assert (entry.action, entry.actor_id, entry.target_id) == (
        "user.role_changed",
        admin.user_id,
        str(youth.id),
    )
    assert entry.details == {"from": "youth", "to": "mentor", "mentor_removed": mentor.user_id}


async def test_a_mentor_who_stops_mentoring_leaves_their_youth_without_a_mentor(
    services: Services, admin: Actor, mentor: Actor, register: Register, store: Store
) -> None:
    caseload = [await register(f"y{i}@example.org") for i in range(2)]
    other = await register("other@example.org")
    another_mentor = await staff(services, admin, "meena@example.org", Role.MENTOR)
    for youth in caseload:
        await services.user_admin.assign_mentor(admin, youth.id, mentor.user_id)
    await services.user_admin.assign_mentor(admin, other.id, another_mentor.id)

    await services.user_admin.change_role(admin, mentor.user_id, Role.ADMIN)

    assert [store.users[y.id].mentor_id for y in caseload] == [None, None]
    assert store.users[other.id].mentor_id == another_mentor.id
    assert store.audit[-1].details == {"from": "mentor", "to": "admin", "youth_left_without_mentor": 2}


async def test_staff_become_youth_only_with_a_complete_profile_and_then_get_a_student_id(
    services: Services, admin: Actor, mentor: Actor, store: Store
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await services.user_admin.change_role(admin, mentor.user_id, Role.YOUTH)
    assert "cannot become youth until their profile is complete" in caught.value.fields["role"]
    assert store.users[mentor.user_id].role is Role.MENTOR

    stored = store.users[mentor.user_id]
    stored.institution, stored.education_level, stored.region = "ITI Jaipur", "graduate", "RJ"
    youth = await services.user_admin.change_role(admin, mentor.user_id, Role.YOUTH)

    assert youth.student_id is not None and youth.student_id.startswith("MB-RJ-2026-")
    assert store.users[mentor.user_id].student_id == youth.student_id


async def test_changing_to_the_same_role_changes_nothing(
    services: Services, admin: Actor, register: Register, store: Store
) -> None:
    youth = await register()
    commits = store.commits
    await services.user_admin.change_role(admin, youth.id, Role.YOUTH)
    assert store.commits == commits and "user.role_changed" not in audit_actions(store)


async def test_admins_cannot_change_their_own_role_or_deactivate_themselves(
    services: Services, admin: Actor, store: Store
) -> None:
    await staff(services, admin, "second-admin@example.org", Role.ADMIN)
    with pytest.raises(InvalidInput) as role:
        await services.user_admin.change_role(admin, admin.user_id, Role.MENTOR)
    with pytest.raises(InvalidInput) as account:
        await services.user_admin.set_active(admin, admin.user_id, False)
    assert "your own role" in role.value.fields["role"]
    assert "your own account" in account.value.fields["account"]
    assert store.users[admin.user_id].role is Role.ADMIN and store.users[admin.user_id].is_active


async def test_another_admin_can_be_demoted_while_an_active_admin_remains(
    services: Services, admin: Actor, store: Store
) -> None:
    second = await staff(services, admin, "second-admin@example.org", Role.ADMIN)
    await services.user_admin.change_role(admin, second.id, Role.MENTOR)
    assert store.users[second.id].role is Role.MENTOR


async def test_the_last_active_admin_is_never_demoted_or_deactivated(
    services: Services, admin: Actor, store: Store
) -> None:
    second = await staff(services, admin, "second-admin@example.org", Role.ADMIN, "Second Admin")
    store.users[admin.user_id].is_active = False  # deactivated in another tab; this session lingers

    attempts: list[tuple[Callable[[], Awaitable[User]], str]] = [
        (lambda: services.user_admin.change_role(admin, second.id, Role.MENTOR), "role"),
        (lambda: services.user_admin.set_active(admin, second.id, False), "account"),
    ]
    for attempt, field in attempts:
        with pytest.raises(InvalidInput) as caught:
            await attempt()
        assert caught.value.fields[field] == (
            "Second Admin is the last active admin; make someone else an admin first."
        )
    assert store.users[second.id].role is Role.ADMIN and store.users[second.id].is_active


# Deactivation


async def test_a_deactivated_youth_cannot_sign_in_until_reactivated(
    services: Services, admin: Actor, register: Register, store: Store
) -> None:
    youth = await register()

    await services.user_admin.set_active(admin, youth.id, False)
    with pytest.raises(LoginFailed):
        await services.accounts.sign_in("priya@example.org", PASSWORD, "10.0.0.1")
    assert await services.accounts.signed_in_user(youth.id) is None

    await services.user_admin.set_active(admin, youth.id, True)
    assert (await services.accounts.sign_in("priya@example.org", PASSWORD, "10.0.0.1")).id == youth.id
    assert audit_actions(store)[-2:] == ["user.deactivated", "user.reactivated"]


async def test_deactivating_someone_already_inactive_records_nothing(
    services: Services, admin: Actor, register: Register, store: Store
) -> None:
    youth = await register()
    await services.user_admin.set_active(admin, youth.id, False)
    entries = len(store.audit)
    await services.user_admin.set_active(admin, youth.id, False)
    assert len(store.audit) == entries


async def test_changing_someone_who_no_longer_exists_says_so(services: Services, admin: Actor) -> None:
    with pytest.raises(NotFound):
        await services.user_admin.set_active(admin, 9999, False)
    with pytest.raises(NotFound):
        await services.user_admin.change_role(admin, 9999, Role.MENTOR)
    with pytest.raises(NotFound):
        await services.user_admin.assign_mentor(admin, 9999, None)


# Mentors


async def test_assigning_and_clearing_a_mentor_is_audited(
    services: Services, admin: Actor, mentor: Actor, register: Register, store: Store
) -> None:
    youth = await register()

    await services.user_admin.assign_mentor(admin, youth.id, mentor.user_id)
    assert store.users[youth.id].mentor_id == mentor.user_id
    await services.user_admin.assign_mentor(admin, youth.id, None)
    assert store.users[youth.id].mentor_id is None

    assigned, cleared = store.audit[-2:]
    assert (assigned.action, assigned.details) == (
        "user.mentor_assigned",
        {"from": None, "to": mentor.user_id},
    )
    assert (cleared.action, cleared.details) == ("user.mentor_assigned", {"from": mentor.user_id, "to": None})


async def test_only_an_active_mentor_can_be_assigned_and_only_to_youth(
    services: Services, admin: Actor, mentor: Actor, register: Register, store: Store
) -> None:
    youth = await register()
    other_youth = await register("arjun@example.org")
    retired = await staff(services, admin, "retired@example.org", Role.MENTOR)
    await services.user_admin.set_active(admin, retired.id, False)

    for mentor_id in (retired.id, other_youth.id, admin.user_id, 9999):
        with pytest.raises(InvalidInput) as caught:
            await services.user_admin.assign_mentor(admin, youth.id, mentor_id)
        assert caught.value.fields == {"mentor": "Choose an active mentor from the list."}
    with pytest.raises(InvalidInput) as not_youth:
        await services.user_admin.assign_mentor(admin, mentor.user_id, retired.id)
    assert "Only youth have a mentor" in not_youth.value.fields["mentor"]
    assert store.users[youth.id].mentor_id is None


# Export


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


async def test_the_export_holds_everyone_matching_the_filters_across_pages(
    services: Services,
    admin: Actor,
    mentor: Actor,
    register: Register,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(user_admin, "CHUNK", 2)
    for i in range(5):
        await register(f"y{i}@example.org", full_name=f"Youth {i}", region="KA" if i % 2 else "MH")
    youth = await register("formula@example.org", full_name="=cmd|' /C calc'!A0", region="MH")
    await services.user_admin.assign_mentor(admin, youth.id, mentor.user_id)

    query = UserQuery(role=Role.YOUTH, region="MH", sort=UserSort.EMAIL)
    rows = read_csv(await services.user_admin.export_csv(admin, query))

    assert [r["email"] for r in rows] == [
        "formula@example.org",
        "y0@example.org",
        "y2@example.org",
        "y4@example.org",
    ]
    assert list(rows[0]) == [
        "student_id",
        "full_name",
        "email",
        "role",
        "region",
        "institution",
        "education_level",
        "mentor_email",
        "active",
        "created_at",
        "last_login_at",
    ]
    assert rows[0]["full_name"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["mentor_email"] == "mentor@example.org"
    assert rows[0]["student_id"] == youth.student_id
    entry = store.audit[-1]
    assert (entry.action, entry.details["rows"], entry.details["query"]["region"]) == (
        "users.exported",
        4,
        "MH",
    )


# Import


async def test_previewing_an_import_reports_every_problem_and_writes_nothing(
    services: Services, admin: Actor, register: Register, store: Store
) -> None:
    await register("priya@example.org")
    before = (dict(store.users), store.commits)
    data = youth_file(
        "priya@example.org,Priya Again,ITI,graduate,MH",
        "arjun@example.org,Arjun,ITI,graduate,KA",
        "bad-email,Meena,ITI,graduate,KA",
        "arjun@example.org,Arjun Twice,ITI,graduate,KA",
        "kavya@example.org,Kavya,ITI,graduate,XX",
    )

    preview = await services.user_admin.preview_youth_import(admin, data)

    assert (preview.rows, preview.importable) == (5, 1)
    assert [(p.line, p.column) for p in preview.problems] == [
        (2, "email"),
        (4, "email"),
        (5, "email"),
        (6, "region"),
    ]
    assert preview.problems[0].message == "An account with this email already exists; it was left as it is."
    assert (dict(store.users), store.commits) == before


async def test_importing_enrols_the_valid_youth_with_student_ids_and_temporary_passwords(
    services: Services, admin: Actor, register: Register, store: Store, clock: FakeClock
) -> None:
    existing = await register("priya@example.org", full_name="Priya Sharma")
    data = youth_file(
        "priya@example.org,Someone Else,ITI,graduate,KA",
        "arjun@example.org,Arjun Kumar,RV College,graduate,KA",
        "meena@example.org,मीना देवी,Govt ITI Jaipur,iti_diploma,Rajasthan",
        "bad-email,Kavya,ITI,graduate,KA",
    )

    result = await services.user_admin.import_youth(admin, data)

    assert [y.email for y in result.imported] == ["arjun@example.org", "meena@example.org"]
    assert [(p.line, p.column) for p in result.problems] == [(2, "email"), (5, "email")]
    assert store.users[existing.id].full_name == "Priya Sharma"  # never overwritten
    meena = next(u for u in store.users.values() if u.email == "meena@example.org")
    assert meena.role is Role.YOUTH and meena.full_name == "मीना देवी" and meena.created_at == clock.now()
    assert meena.student_id is not None and is_student_id(meena.student_id)
    assert meena.student_id.startswith("MB-RJ-2026-")
    sheet = read_csv(result.sign_in_sheet)
    assert [r["email"] for r in sheet] == ["arjun@example.org", "meena@example.org"]
    assert sheet[1]["student_id"] == meena.student_id
    for row in sheet:
        assert row["temporary_password"] not in str(store.users)  # stored only as a hash
        signed_in = await services.accounts.sign_in(row["email"], row["temporary_password"], "10.0.0.9")
        assert signed_in.student_id == row["student_id"]
    registered = [e for e in store.activity if e.kind is ActivityKind.REGISTERED and e.user_id == meena.id]
    assert registered[0].details == {"source": "import"}
    entry = store.audit[-1]
    assert (entry.action, entry.actor_id, entry.target_type) == ("users.imported", admin.user_id, "import")
    assert entry.details == {"rows": 4, "imported": 2, "skipped": 2}
    assert len(entry.target_id) == 64  # the file's SHA-256, not its contents


async def test_an_import_with_nothing_to_import_changes_nothing(
    services: Services, admin: Actor, register: Register, store: Store
) -> None:
    await register("priya@example.org")
    before = (dict(store.users), len(store.audit), store.commits)
    with pytest.raises(InvalidInput) as caught:
        await services.user_admin.import_youth(
            admin, youth_file("priya@example.org,P,ITI,graduate,MH", "x,X,I,a,b")
        )
    assert "No youth in this file can be imported" in caught.value.fields["file"]
    assert (dict(store.users), len(store.audit), store.commits) == before


async def test_a_file_that_cannot_be_read_changes_nothing(
    services: Services, admin: Actor, store: Store
) -> None:
    before = (dict(store.users), len(store.audit), store.commits)
    for data in (b"", b"name\nPriya", b"email,full_name,institution,education_level,region\n\xff"):
        with pytest.raises(InvalidInput) as caught:
            await services.user_admin.import_youth(admin, data)
        assert set(caught.value.fields) == {"file"}
    assert (dict(store.users), len(store.audit), store.commits) == before


async def test_a_failure_half_way_through_an_import_writes_nothing(
    services: Services, admin: Actor, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = FakeActivityLog.append
    calls = 0

    async def failing_on_the_third(log: FakeActivityLog, event: ActivityEvent) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("database went away")
        await real(log, event)

    monkeypatch.setattr(FakeActivityLog, "append", failing_on_the_third)
    before = (dict(store.users), len(store.audit), len(store.activity))
    data = youth_file(*(f"y{i}@example.org,Youth {i},ITI,graduate,MH" for i in range(5)))

    with pytest.raises(RuntimeError):
        await services.user_admin.import_youth(admin, data)
    assert calls == 3
    assert (dict(store.users), len(store.audit), len(store.activity)) == before


class RegistersSomeoneMeanwhile(FakePasswordHasher):
    """While the import hashes passwords, someone registers with one of the file's emails."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.done = False

    async def hash(self, password: str) -> str:
        if not self.done:
            self.done = True
            from tests.conftest import registration

            await self.services.accounts.register_youth(registration("arjun@example.org", full_name="Arjun"))
        return await super().hash(password)


async def test_an_email_registered_while_importing_is_skipped_not_overwritten(
    services: Services, admin: Actor, store: Store, clock: FakeClock
) -> None:
    hasher = RegistersSomeoneMeanwhile(services)
    importer = UserAdminService(lambda: FakeUnitOfWork(store), FakePasswordHasher(), clock, hasher)
    data = youth_file(
        "arjun@example.org,Arjun From File,ITI,graduate,KA", "meena@example.org,Meena,ITI,graduate,KA"
    )

    result = await importer.import_youth(admin, data)

    assert [y.email for y in result.imported] == ["meena@example.org"]
    assert [(p.line, p.column) for p in result.problems] == [(2, "email")]
    arjun = next(u for u in store.users.values() if u.email == "arjun@example.org")
    assert arjun.full_name == "Arjun"


async def test_imports_hash_with_the_temporary_hasher_and_report_progress(
    admin: Actor, store: Store, clock: FakeClock
) -> None:
    class Counting(FakePasswordHasher):
        hashed = 0

        async def hash(self, password: str) -> str:
            Counting.hashed += 1
            return await super().hash(password)

    importer = UserAdminService(lambda: FakeUnitOfWork(store), FakePasswordHasher(), clock, Counting())
    seen: list[float] = []
    data = youth_file(*(f"y{i}@example.org,Youth {i},ITI,graduate,MH" for i in range(40)))

    result = await importer.import_youth(admin, data, progress=seen.append)

    assert len(result.imported) == Counting.hashed == 40
    assert seen == [0.4, 0.5, 1.0]  # hashing in batches of 32 is the first half, enrolling the rest


async def test_a_lightly_hashed_temporary_password_is_rehashed_in_full_at_first_sign_in(
    admin: Actor, store: Store, clock: FakeClock
) -> None:
    full = Argon2PasswordHasher()
    light = Argon2PasswordHasher(time_cost=1, memory_cost_kib=1024, parallelism=1)
    importer = UserAdminService(lambda: FakeUnitOfWork(store), full, clock, light)
    accounts = AccountService(lambda: FakeUnitOfWork(store), full, clock)

    result = await importer.import_youth(admin, youth_file("meena@example.org,Meena,ITI,graduate,KA"))
    meena = next(u for u in store.users.values() if u.email == "meena@example.org")
    assert meena.password_hash.startswith("$argon2id$v=19$m=1024,t=1,p=1$")

    await accounts.sign_in("meena@example.org", result.imported[0].temporary_password, "10.0.0.3")

    assert store.users[meena.id].password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


async def test_mentors_find_only_youth_of_their_own_caseload(
    services: Services, mentor: Actor, register: Callable[..., Any], store: Store
) -> None:
    mine = await register("priya@example.org")
    await register("arjun@example.org")
    store.users[mine.id].mentor_id = mentor.user_id
    found = await services.user_admin.find_users(mentor, UserQuery(role=Role.ADMIN, without_mentor=True))
    assert [listing.user.id for listing in found.listings] == [mine.id]
    with pytest.raises(PermissionDenied):
        await services.user_admin.find_users(Actor.of(mine), UserQuery())
