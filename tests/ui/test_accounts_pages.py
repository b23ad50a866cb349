"""The account pages as a person uses them: register, sign in and out, profile, role navigation."""

from collections.abc import Callable
from typing import Any

import httpx
from nicegui import core, ui
from nicegui.testing import User

from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from tests.conftest import PASSWORD
from tests.fakes import FakeClock, Store
from tests.ui.screen import assert_not_offered, choose_language, open_as, sign_in

Register = Callable[..., Any]


async def test_a_youth_registers_and_sees_their_student_id(user: User, store: Store) -> None:
    await user.open("/register")
    user.find(marker="full_name").type("Priya Sharma")
    user.find(marker="email").type("priya@example.org")
    user.find(marker="password").type(PASSWORD)
    user.find(marker="institution").type("Government ITI Pune")
    user.find(marker="education_level").click()
    user.find("ITI / Diploma").click()
    user.find(marker="region").click()
    user.find("Maharashtra").click()
    user.find(marker="register").click()
    await user.should_see(marker="student-id")
    youth = next(iter(store.users.values()))
    await user.should_see(youth.student_id)
    assert youth.student_id.startswith("MB-MH-")


async def test_registration_errors_show_beside_fields_and_keep_what_was_typed(
    user: User, store: Store
) -> None:
    await user.open("/register")
    user.find(marker="full_name").type("Priya Sharma")
    user.find(marker="email").type("priya@example")
    user.find(marker="password").type("short")
    user.find(marker="register").click()
    await user.should_see("The part after the @ should be a domain like example.com.")
    await user.should_see("Use at least 10 characters for your password.")
    await user.should_see("Enter the school, college or institute you attend or last attended.")
    email = user.find(marker="email").elements.pop()
    name = user.find(marker="full_name").elements.pop()
    assert isinstance(email, ui.input) and isinstance(name, ui.input)
    assert email.value == "priya@example" and name.value == "Priya Sharma"
    assert store.users == {}


async def test_sign_in_out_and_in_again(user: User, register: Register) -> None:
    youth = await register()
    await sign_in(user, "priya@example.org")
    await user.should_see(youth.student_id)
    user.find(marker="sign-out").click()
    await user.should_see(marker="sign-in")
    await user.open("/")
    await user.should_see(marker="sign-in", retries=30)
    await sign_in(user, "priya@example.org")
    await user.should_see(youth.student_id)


async def test_a_wrong_password_is_refused_with_a_clear_message(user: User, register: Register) -> None:
    await register()
    await sign_in(user, "priya@example.org", "Wrong-password1")
    await user.should_see("That email and password do not match an active account.")
    await user.should_not_see(marker="student-id")


async def test_repeated_failures_lock_the_account(user: User, register: Register, clock: FakeClock) -> None:
    await register()
    for _ in range(5):
        await sign_in(user, "priya@example.org", "Wrong-password1")
    await sign_in(user, "priya@example.org")
    await user.should_see("Too many failed sign-ins. Please wait 15 minutes before trying again.")
    await user.should_not_see(marker="student-id")


async def test_the_profile_page_saves_changes_and_rejects_bad_ones(
    user: User, register: Register, store: Store
) -> None:
    youth = await register()
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="student-id")
    await user.open("/profile")
    user.find(marker="phone").clear().type("12345")
    user.find(marker="save-profile").click()
    await user.should_see("Enter a phone number of 10 to 15 digits, for example +91 98765 43210.")
    assert store.users[youth.id].phone == ""
    user.find(marker="phone").clear().type("+91 98765 43210")
    user.find(marker="full_name").clear().type("Priya S. Sharma")
    user.find(marker="save-profile").click()
    await user.should_see("Profile saved.")
    assert store.users[youth.id].phone == "+91 98765 43210"
    assert store.users[youth.id].full_name == "Priya S. Sharma"


async def test_changing_password_from_the_profile(user: User, register: Register, store: Store) -> None:
    await register()
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="student-id")
    await user.open("/profile")
    user.find(marker="current_password").type("not-it-at-all-1")
    user.find(marker="new_password").type("Another-pass-2026")
    user.find(marker="change-password").click()
    await user.should_see("That is not your current password.")
    user.find(marker="current_password").clear().type(PASSWORD)
    user.find(marker="change-password").click()
    await user.should_see("Password changed.")


async def test_youth_cannot_open_admin_pages(user: User, register: Register) -> None:
    await register()
    await assert_not_offered(user, "priya@example.org", "/admin/users")
    await user.should_not_see(marker="add-staff")


async def test_pages_need_a_signed_in_person(user: User) -> None:
    for path in ("/", "/profile", "/admin/users"):
        await user.open(path)
        await user.should_see(marker="sign-in")


async def test_admin_home_counts_people_by_role(user: User, register: Register, admin: Actor) -> None:
    await register("priya@example.org")
    await register("arjun@example.org")
    await sign_in(user, "admin@example.org")
    await user.should_see(marker="user-counts")
    counts = {role: user.find(marker=f"count-{role.value}").elements.pop() for role in Role}
    assert {role: label.text for role, label in counts.items()} == {  # type: ignore[attr-defined]
        Role.YOUTH: "2",
        Role.MENTOR: "0",
        Role.ADMIN: "1",
    }
    await user.should_see(marker="nav-/admin/users")


async def test_an_admin_adds_a_mentor(user: User, admin: Actor, store: Store) -> None:
    await open_as(user, "admin@example.org", "/admin/users")
    user.find(marker="staff-full_name").type("Ravi Mentor")
    user.find(marker="staff-email").type("ravi@example.org")
    user.find(marker="staff-password").type("short")
    user.find(marker="create-staff").click()
    await user.should_see("Use at least 10 characters for your password.")
    user.find(marker="staff-password").clear().type(PASSWORD)
    user.find(marker="create-staff").click()
    await user.should_see("Account created for ravi@example.org.")
    mentor = next(u for u in store.users.values() if u.email == "ravi@example.org")
    assert mentor.role is Role.MENTOR


async def test_changing_the_password_signs_out_other_browsers(user: User, register: Register) -> None:
    youth = await register()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(core.app), base_url="http://test") as client:
        phone = User(client)
        await sign_in(phone, "priya@example.org")
        await phone.should_see(youth.student_id)
        await sign_in(user, "priya@example.org")
        await user.should_see(youth.student_id)
        await user.open("/profile")
        user.find(marker="current_password").type(PASSWORD)
        user.find(marker="new_password").type("Another-pass-2026")
        user.find(marker="change-password").click()
        await user.should_see("Password changed.")
        await phone.open("/")
        await phone.should_see(marker="sign-in")
        await phone.should_not_see(youth.student_id)
    await user.open("/")
    await user.should_see(youth.student_id)


async def test_a_youth_can_read_the_pages_in_hindi(user: User, register: Register) -> None:
    await user.open("/login")
    choose_language(user, "hi")
    await user.should_see("MB Compass में साइन इन करें")
    await sign_in(user, "nobody@example.org", "Wrong-password1")
    await user.should_see("यह ईमेल और पासवर्ड किसी सक्रिय खाते से मेल नहीं खाते।")


async def test_a_database_outage_shows_a_message_not_a_traceback(
    user: User, register: Register, store: Store
) -> None:
    await register()
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="student-id")
    store.down = True
    await user.open("/profile")
    await user.should_see("The database cannot be reached right now. Please try again in a minute.")
    await user.should_not_see(marker="profile-form")
    await user.should_not_see("Traceback")
