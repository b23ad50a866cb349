"""Account use cases on in-memory fakes: registering, signing in, passwords, profiles, staff."""

import logging
from collections.abc import Callable
from typing import Any

import pytest

from mb.bootstrap import Services
from mb.domain.errors import InvalidInput, LoginFailed, LoginThrottled, NotFound, PermissionDenied
from mb.domain.model.activity import ActivityKind
from mb.domain.model.profile import ProfileFields
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.rules.student_id import is_student_id
from mb.domain.services.accounts import AccountService
from tests.conftest import PASSWORD, registration
from tests.fakes import FakeClock, FakePasswordHasher, FakeUnitOfWork, Store

Register = Callable[..., Any]


async def test_registering_youth_issues_a_student_id_for_their_region(
    register: Register, store: Store
) -> None:
    youth = await register(region="KA")
    assert youth.role is Role.YOUTH
    assert youth.student_id.startswith("MB-KA-2026-")
    assert is_student_id(youth.student_id)
    assert store.users[youth.id].password_hash != PASSWORD
    assert [e.kind for e in store.activity] == [ActivityKind.REGISTERED]


async def test_email_is_unique_whatever_its_case(register: Register, store: Store) -> None:
    await register("priya@example.org")
    with pytest.raises(InvalidInput) as caught:
        await register("  PRIYA@Example.org ")
    assert "already exists" in caught.value.fields["email"]
    assert len(store.users) == 1


@pytest.mark.parametrize(
    ("email", "changes", "password", "fields"),
    [
        ("not-an-email", {}, PASSWORD, {"email"}),
        ("priya@example.org", {}, "short", {"password"}),
        ("priya@example.org", {}, "onlyletterslong", {"password"}),
        ("priya@example.org", {"full_name": ""}, PASSWORD, {"full_name"}),
        ("priya@example.org", {"institution": "", "region": "ZZ"}, PASSWORD, {"institution", "region"}),
        (
            "",
            {"full_name": "", "education_level": ""},
            "",
            {"email", "password", "full_name", "education_level"},
        ),
    ],
)
async def test_bad_registration_names_every_problem_and_writes_nothing(
    services: Services, store: Store, email: str, changes: dict[str, object], password: str, fields: set[str]
) -> None:
    bad = registration(email, **changes)
    bad.password = password
    with pytest.raises(InvalidInput) as caught:
        await services.accounts.register_youth(bad)
    assert set(caught.value.fields) == fields
    assert store.users == {} and store.activity == [] and store.commits == 0


async def test_sign_in_with_the_right_password_records_the_login(
    services: Services, register: Register, store: Store, clock: FakeClock
) -> None:
    youth = await register()
    signed_in = await services.accounts.sign_in("Priya@Example.org", PASSWORD, "10.0.0.1")
    assert signed_in.id == youth.id
    assert store.users[youth.id].last_login_at == clock.now()
    assert store.activity[-1].kind is ActivityKind.LOGIN


@pytest.mark.parametrize(
    ("email", "password"), [("priya@example.org", "Wrong-password1"), ("nobody@x.org", PASSWORD)]
)
async def test_wrong_password_and_unknown_email_get_the_same_answer(
    services: Services, register: Register, email: str, password: str
) -> None:
    await register()
    with pytest.raises(LoginFailed) as caught:
        await services.accounts.sign_in(email, password, "10.0.0.1")
    assert caught.value.message == "That email and password do not match an active account."


async def test_five_failures_lock_the_account_for_fifteen_minutes(
    services: Services, register: Register, clock: FakeClock
) -> None:
    await register()
    for attempt in range(5):
        with pytest.raises(LoginFailed):
            await services.accounts.sign_in(
                "priya@example.org", f"Wrong-{attempt}-password", f"10.0.0.{attempt}"
            )
        clock.advance(minutes=1)
    with pytest.raises(LoginThrottled) as caught:
        await services.accounts.sign_in("priya@example.org", PASSWORD, "10.9.9.9")
    assert caught.value.minutes == 14
    assert "wait 14 minutes" in caught.value.message
    clock.advance(minutes=14)
    assert (
        await services.accounts.sign_in("priya@example.org", PASSWORD, "10.9.9.9")
    ).email == "priya@example.org"


async def test_a_successful_sign_in_forgets_earlier_failures(services: Services, register: Register) -> None:
    await register()
    for _ in range(4):
        with pytest.raises(LoginFailed):
            await services.accounts.sign_in("priya@example.org", "Wrong-password1", "10.0.0.1")
    await services.accounts.sign_in("priya@example.org", PASSWORD, "10.0.0.1")
    for _ in range(4):
        with pytest.raises(LoginFailed):
            await services.accounts.sign_in("priya@example.org", "Wrong-password1", "10.0.0.1")
    await services.accounts.sign_in("priya@example.org", PASSWORD, "10.0.0.1")


async def test_one_client_trying_many_accounts_is_throttled(services: Services, register: Register) -> None:
    for n in range(20):
        with pytest.raises(LoginFailed):
            await services.accounts.sign_in(f"guess{n}@example.org", "Wrong-password1", "203.0.113.5")
    await register()
    with pytest.raises(LoginThrottled):
        await services.accounts.sign_in("priya@example.org", PASSWORD, "203.0.113.5")
    assert (await services.accounts.sign_in("priya@example.org", PASSWORD, "198.51.100.7")).role is Role.YOUTH


async def test_deactivated_accounts_cannot_sign_in_or_keep_a_session(
    services: Services, register: Register, store: Store
) -> None:
    youth = await register()
    store.users[youth.id].is_active = False
    with pytest.raises(LoginFailed):
        await services.accounts.sign_in("priya@example.org", PASSWORD, "10.0.0.1")
    assert await services.accounts.signed_in_user(youth.id) is None


async def test_failed_sign_in_logs_neither_password_nor_full_email(
    services: Services, register: Register, caplog: pytest.LogCaptureFixture
) -> None:
    await register()
    with caplog.at_level(logging.INFO, logger="mb.accounts"), pytest.raises(LoginFailed):
        await services.accounts.sign_in("priya@example.org", "Secret-guess-123", "10.0.0.1")
    failed = [r for r in caplog.records if r.getMessage() == "user.login_failed"]
    assert len(failed) == 1 and failed[0].levelname == "INFO"
    dumped = " ".join(str(vars(record)) for record in caplog.records)
    assert "Secret-guess-123" not in dumped and "priya@example.org" not in dumped


async def test_change_password_needs_the_current_one(
    services: Services, register: Register, store: Store
) -> None:
    youth = await register()
    actor = Actor.of(youth)
    with pytest.raises(InvalidInput) as caught:
        await services.accounts.change_password(actor, "Not-my-password1", "Brand-new-pass1")
    assert set(caught.value.fields) == {"current_password"}
    with pytest.raises(InvalidInput) as caught:
        await services.accounts.change_password(actor, PASSWORD, "weak")
    assert set(caught.value.fields) == {"new_password"}
    with pytest.raises(InvalidInput):
        await services.accounts.change_password(actor, PASSWORD, PASSWORD)
    await services.accounts.change_password(actor, PASSWORD, "Brand-new-pass1")
    with pytest.raises(LoginFailed):
        await services.accounts.sign_in("priya@example.org", PASSWORD, "10.0.0.1")
    assert (
        await services.accounts.sign_in("priya@example.org", "Brand-new-pass1", "10.0.0.1")
    ).id == youth.id


async def test_youth_edit_their_own_profile(services: Services, register: Register, store: Store) -> None:
    youth = await register()
    profile = ProfileFields(
        full_name="Priya S.",
        institution="COEP",
        education_level="graduate",
        region="MH",
        phone="+91 98765 43210",
        skills=["Excel", "excel"],
        sector_interests=["Retail"],
    )
    updated = await services.accounts.update_profile(Actor.of(youth), youth.id, profile)
    assert store.users[youth.id].full_name == "Priya S."
    assert updated.skills == ["Excel"]
    assert store.users[youth.id].student_id == youth.student_id


async def test_a_bad_profile_edit_changes_nothing(
    services: Services, register: Register, store: Store
) -> None:
    youth = await register()
    before = store.users[youth.id]
    with pytest.raises(InvalidInput) as caught:
        await services.accounts.update_profile(
            Actor.of(youth), youth.id, ProfileFields(full_name="", region="MH")
        )
    assert {"full_name", "institution", "education_level"} <= set(caught.value.fields)
    assert store.users[youth.id] == before


async def test_youth_cannot_edit_someone_else(services: Services, register: Register) -> None:
    priya = await register("priya@example.org")
    arjun = await register("arjun@example.org", full_name="Arjun")
    with pytest.raises(PermissionDenied):
        await services.accounts.update_profile(Actor.of(arjun), priya.id, ProfileFields(full_name="Hacked"))


async def test_admin_edits_are_audited(
    services: Services, register: Register, admin: Actor, store: Store
) -> None:
    youth = await register()
    profile = ProfileFields(
        full_name="Priya Sharma", institution="COEP", education_level="graduate", region="MH"
    )
    await services.accounts.update_profile(admin, youth.id, profile)
    assert store.audit[-1].action == "user.profile_updated"
    assert store.audit[-1].actor_id == admin.user_id


async def test_admins_create_mentors_and_it_is_audited(
    services: Services, admin: Actor, store: Store
) -> None:
    mentor = await services.accounts.create_staff(admin, "Ravi@Example.org", PASSWORD, Role.MENTOR, "Ravi")
    assert mentor.email == "ravi@example.org" and mentor.student_id is None
    assert (store.audit[-1].action, store.audit[-1].details) == ("user.created", {"role": "mentor"})


@pytest.mark.parametrize("role", [Role.YOUTH, Role.MENTOR])
async def test_only_admins_create_staff(
    services: Services, register: Register, mentor: Actor, role: Role
) -> None:
    caller = mentor if role is Role.MENTOR else Actor.of(await register())
    with pytest.raises(PermissionDenied):
        await services.accounts.create_staff(caller, "new@example.org", PASSWORD, Role.ADMIN, "New Admin")


async def test_staff_accounts_cannot_be_youth(services: Services, admin: Actor) -> None:
    with pytest.raises(PermissionDenied):
        await services.accounts.create_staff(admin, "kid@example.org", PASSWORD, Role.YOUTH, "Kid")


async def test_the_first_admin_is_created_once(services: Services, store: Store) -> None:
    assert await services.accounts.ensure_first_admin("root@example.org", PASSWORD, "Root") is not None
    assert await services.accounts.ensure_first_admin("other@example.org", PASSWORD, "Other") is None
    assert [u.email for u in store.users.values()] == ["root@example.org"]


async def test_the_first_admin_needs_a_strong_password(services: Services, store: Store) -> None:
    with pytest.raises(InvalidInput):
        await services.accounts.ensure_first_admin("root@example.org", "password", "Root")
    assert store.users == {}


async def test_people_counts_are_for_staff_only(services: Services, register: Register, admin: Actor) -> None:
    youth = await register()
    assert await services.accounts.count_by_role(admin) == {Role.YOUTH: 1, Role.MENTOR: 0, Role.ADMIN: 1}
    with pytest.raises(PermissionDenied):
        await services.accounts.count_by_role(Actor.of(youth))


async def test_mentors_see_only_their_caseload(
    services: Services, register: Register, mentor: Actor, admin: Actor, store: Store
) -> None:
    priya = await register("priya@example.org")
    arjun = await register("arjun@example.org")
    store.users[priya.id].mentor_id = mentor.user_id
    assert (await services.accounts.get_user(mentor, priya.id)).id == priya.id
    with pytest.raises(NotFound):
        await services.accounts.get_user(mentor, arjun.id)
    assert (await services.accounts.get_user(admin, arjun.id)).id == arjun.id
    with pytest.raises(NotFound):
        await services.accounts.get_user(Actor.of(priya), arjun.id)


async def test_old_login_failures_are_forgotten(services: Services, store: Store, clock: FakeClock) -> None:
    with pytest.raises(LoginFailed):
        await services.accounts.sign_in("x@example.org", "Wrong-password1", "10.0.0.1")
    clock.advance(days=2)
    assert await services.accounts.forget_old_login_failures() == 1
    assert store.login_failures == []


async def test_an_unknown_email_costs_a_password_check_too(store: Store) -> None:
    hasher = FakePasswordHasher()
    accounts = AccountService(lambda: FakeUnitOfWork(store), hasher, FakeClock())
    with pytest.raises(LoginFailed):
        await accounts.sign_in("nobody@example.org", "Whatever-123", "10.0.0.1")
    assert hasher.verified == 1
