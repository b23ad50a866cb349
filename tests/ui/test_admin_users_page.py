"""/admin/users as an admin uses it: find people, change them (after confirming), export, import youth."""

import asyncio
import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from nicegui import ui
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from tests.fakes import Store
from tests.ui.screen import open_as

Register = Callable[..., Any]
HEADER = "email,full_name,institution,education_level,region"


async def open_directory(user: User, email: str = "admin@example.org") -> ui.table:
    await open_as(user, email, "/admin/users")
    await user.should_see(marker="users-table")
    table = user.find(marker="users-table").elements.pop()
    assert isinstance(table, ui.table)
    return table


async def eventually(check: Callable[[], bool]) -> None:
    """Handlers run as tasks after a simulated click or keystroke: wait for their effect."""
    for _ in range(40):
        if check():
            return
        await asyncio.sleep(0.05)
    assert check()


def emails(table: ui.table) -> list[str]:
    return [row["email"] for row in table.rows]


def choose(user: User, marker: str, value: object) -> None:
    """Pick an option of a select, as the browser reports a choice."""
    select = user.find(marker=marker).elements.pop()
    assert isinstance(select, ui.select)
    with user:
        select.value = value


async def manage(user: User, user_id: int) -> None:
    user.find(marker="users-table").trigger("manage", user_id)
    await user.should_see(marker="manage-user")


async def upload(user: User, data: bytes, name: str = "youth.csv") -> None:
    uploader = user.find(marker="import-upload").elements.pop()
    assert isinstance(uploader, ui.upload)
    with user:
        await uploader.handle_uploads([SmallFileUpload(name, "text/csv", data)])


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture
async def cohort(register: Register, admin: Actor) -> list[Any]:
    """30 youth, Youth 00 … Youth 29, in two regions."""
    return [
        await register(
            f"youth{i:02d}@example.org", full_name=f"Youth {i:02d}", region="KA" if i % 2 else "MH"
        )
        for i in range(30)
    ]


# Finding people


async def test_the_directory_pages_on_the_server_with_a_total(user: User, cohort: list[Any]) -> None:
    table = await open_directory(user)

    await user.should_see("People found: 31")
    assert len(table.rows) == 25
    assert table.pagination["rowsNumber"] == 31
    assert table.rows[0]["full_name"] == "Asha Admin"

    user.find(marker="users-table").trigger(
        "request", {"pagination": {"page": 2, "rowsPerPage": 25, "sortBy": "full_name", "descending": False}}
    )
    await eventually(lambda: len(table.rows) == 6)
    assert table.rows[-1]["full_name"] == "Youth 29"
    assert table.pagination["page"] == 2


async def test_sorting_asks_the_server_and_odd_requests_fall_back_safely(
    user: User, cohort: list[Any]
) -> None:
    table = await open_directory(user)

    user.find(marker="users-table").trigger(
        "request", {"pagination": {"page": 1, "rowsPerPage": 10, "sortBy": "email", "descending": True}}
    )
    await eventually(lambda: len(table.rows) == 10)
    assert emails(table)[:2] == ["youth29@example.org", "youth28@example.org"]

    # "All rows" (0), a page size we do not offer, an unknown column: the page keeps working.
    user.find(marker="users-table").trigger(
        "request",
        {"pagination": {"page": "x", "rowsPerPage": 0, "sortBy": "password_hash", "descending": True}},
    )
    await eventually(lambda: table.rows[0]["full_name"] == "Asha Admin")
    assert len(table.rows) == 10
    assert table.pagination["sortBy"] == "full_name" and table.pagination["descending"] is False


async def test_search_and_filters_narrow_the_list(
    user: User, cohort: list[Any], services: Services, admin: Actor, mentor: Actor
) -> None:
    await services.user_admin.assign_mentor(admin, cohort[3].id, mentor.user_id)
    table = await open_directory(user)

    user.find(marker="user-search").type("youth1")
    await eventually(lambda: len(table.rows) == 10)
    await user.should_see("People found: 10")

    choose(user, "filter-region", "KA")
    await eventually(lambda: len(table.rows) == 5)
    assert all(row["region"] == "KA" for row in table.rows)

    user.find(marker="user-search").clear()
    choose(user, "filter-mentor", str(mentor.user_id))
    await eventually(lambda: emails(table) == ["youth03@example.org"])
    assert table.rows[0]["mentor"] == "Ravi Mentor"

    choose(user, "filter-mentor", None)
    choose(user, "filter-region", None)
    choose(user, "filter-role", "mentor")
    await eventually(lambda: emails(table) == ["mentor@example.org"])


async def test_a_deactivated_filter_finds_only_deactivated_people(
    user: User, cohort: list[Any], services: Services, admin: Actor
) -> None:
    await services.user_admin.set_active(admin, cohort[0].id, False)
    table = await open_directory(user)
    choose(user, "filter-status", "inactive")
    await eventually(lambda: emails(table) == ["youth00@example.org"])
    assert table.rows[0]["status"] == "Deactivated"


# Changing people


async def test_an_admin_makes_a_youth_a_mentor_after_confirming(
    user: User, register: Register, admin: Actor, store: Store
) -> None:
    youth = await register()
    table = await open_directory(user)
    await manage(user, youth.id)

    choose(user, "manage-role", "mentor")
    user.find(marker="change-role").click()
    await user.should_see("Change Priya Sharma from Youth to Mentor?")
    user.find(marker="confirm-yes").click()

    await user.should_see("Priya Sharma is now Mentor.")
    assert store.users[youth.id].role is Role.MENTOR
    assert store.users[youth.id].student_id == youth.student_id
    assert store.audit[-1].action == "user.role_changed"
    await eventually(lambda: next(r for r in table.rows if r["id"] == youth.id)["role"] == "Mentor")
    await user.should_not_see(marker="manage-user")


async def test_cancelling_the_confirmation_changes_nothing(
    user: User, register: Register, admin: Actor, store: Store
) -> None:
    youth = await register()
    await open_directory(user)
    await manage(user, youth.id)
    entries = len(store.audit)

    user.find(marker="toggle-active").click()
    await user.should_see(marker="confirm")
    user.find(marker="confirm-no").click()
    await user.should_not_see(marker="confirm")

    assert store.users[youth.id].is_active
    assert len(store.audit) == entries


async def test_deactivating_a_youth_shows_in_the_list_and_stops_their_sign_in(
    user: User, register: Register, admin: Actor, store: Store, services: Services
) -> None:
    youth = await register()
    table = await open_directory(user)
    await manage(user, youth.id)

    user.find(marker="toggle-active").click()
    await user.should_see("Deactivate Priya Sharma?", retries=10)
    user.find(marker="confirm-yes").click()

    await user.should_see("Priya Sharma is deactivated.")
    assert not store.users[youth.id].is_active
    await eventually(lambda: next(r for r in table.rows if r["id"] == youth.id)["status"] == "Deactivated")
    assert await services.accounts.signed_in_user(youth.id) is None


async def test_an_admin_cannot_demote_themselves_and_is_told_why(
    user: User, admin: Actor, store: Store
) -> None:
    await open_directory(user)
    await manage(user, admin.user_id)

    choose(user, "manage-role", "youth")
    user.find(marker="change-role").click()
    await user.should_see(marker="confirm")
    user.find(marker="confirm-yes").click()

    await user.should_see("You cannot change your own role; ask another admin.")
    assert store.users[admin.user_id].role is Role.ADMIN
    await user.should_see(marker="manage-user")  # still open, with the reason in it


async def test_an_admin_assigns_a_mentor(
    user: User, register: Register, admin: Actor, mentor: Actor, store: Store
) -> None:
    youth = await register()
    table = await open_directory(user)
    await manage(user, youth.id)

    choose(user, "manage-mentor", mentor.user_id)
    user.find(marker="assign-mentor").click()
    await user.should_see("Make Ravi Mentor the mentor of Priya Sharma?")
    user.find(marker="confirm-yes").click()

    await user.should_see("Mentor saved.")
    assert store.users[youth.id].mentor_id == mentor.user_id
    await eventually(lambda: next(r for r in table.rows if r["id"] == youth.id)["mentor"] == "Ravi Mentor")


async def test_the_confirmation_says_what_happens_to_a_mentors_youth(
    user: User, cohort: list[Any], services: Services, admin: Actor, mentor: Actor, store: Store
) -> None:
    for youth in cohort[:2]:
        await services.user_admin.assign_mentor(admin, youth.id, mentor.user_id)
    await open_directory(user)
    await manage(user, mentor.user_id)

    user.find(marker="toggle-active").click()
    await user.should_see("The 2 youth they mentor keep them as mentor until you assign another.")
    user.find(marker="confirm-no").click()
    await user.should_not_see(marker="confirm")

    choose(user, "manage-role", "admin")
    user.find(marker="change-role").click()
    await user.should_see("The 2 youth they mentor will be left without a mentor.")
    user.find(marker="confirm-yes").click()
    await user.should_see("Ravi Mentor is now Admin.")
    assert [store.users[y.id].mentor_id for y in cohort[:2]] == [None, None]


async def test_managing_someone_who_no_longer_exists_says_so(user: User, admin: Actor) -> None:
    await open_directory(user)
    user.find(marker="users-table").trigger("manage", 9999)
    await user.should_see("That account no longer exists.")
    user.find(marker="users-table").trigger("manage", "<script>")
    await user.should_see("That account no longer exists.")
    await user.should_not_see(marker="manage-user")


# Export


async def test_export_downloads_the_filtered_list_as_csv(user: User, cohort: list[Any], store: Store) -> None:
    table = await open_directory(user)
    choose(user, "filter-region", "KA")
    await eventually(lambda: len(table.rows) == 15)

    user.find(marker="export-users").click()
    response = await user.download.next()

    rows = read_csv(response.content)
    assert len(rows) == 15
    assert {row["region"] for row in rows} == {"KA"}
    assert rows[0]["full_name"] == "Youth 01"
    assert store.audit[-1].action == "users.exported"


# Import


async def test_importing_youth_previews_then_imports_and_offers_the_sign_in_sheet_once(
    user: User, register: Register, admin: Actor, store: Store, services: Services
) -> None:
    existing = await register("priya@example.org")
    await open_directory(user)
    data = "\n".join(
        [
            HEADER,
            "priya@example.org,Priya Again,ITI,graduate,MH",
            "arjun@example.org,Arjun Kumar,RV College,graduate,KA",
            "not-an-email,Meena,ITI,graduate,KA",
            "kavya@example.org,काव्या,ITI Jaipur,iti_diploma,RJ",
        ]
    ).encode()

    await upload(user, data)

    await user.should_see("4 youth in youth.csv: 2 can be imported, 2 cannot.")
    problems = user.find(marker="import-problems").elements.pop()
    assert isinstance(problems, ui.table)
    assert [(row["line"], row["column"]) for row in problems.rows] == [(2, "email"), (4, "email")]
    assert len(store.users) == 2  # the admin and Priya: a preview writes nothing

    user.find(marker="confirm-import").click()
    await user.should_see("2 youth imported; 2 lines skipped.", retries=20)
    assert store.users[existing.id].full_name == "Priya Sharma"
    kavya = next(u for u in store.users.values() if u.email == "kavya@example.org")
    assert kavya.student_id is not None and kavya.student_id.startswith("MB-RJ-")

    user.find(marker="download-sign-in-sheet").click()
    sheet = read_csv((await user.download.next()).content)
    assert [row["email"] for row in sheet] == ["arjun@example.org", "kavya@example.org"]
    signed_in = await services.accounts.sign_in(
        "kavya@example.org", sheet[1]["temporary_password"], "10.0.0.2"
    )
    assert signed_in.id == kavya.id
    button = user.find(marker="download-sign-in-sheet").elements.pop()
    assert not button.enabled  # offered once


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (HEADER.encode() + b"\nx@example.org,Caf\xe9,ITI,graduate,MH", "byte 69 (0xE9, on line 2)"),
        (b"name,mail\nPriya,priya@example.org", "Missing: email, full_name, institution"),
        (b"x" * (5 * 1024 * 1024 + 1), "The file is 5.0 MB; at most 5 MB can be imported at once."),
    ],
)
async def test_a_file_that_cannot_be_imported_is_explained_and_nothing_changes(
    user: User, admin: Actor, store: Store, data: bytes, message: str
) -> None:
    await open_directory(user)
    before = (len(store.users), len(store.audit))

    await upload(user, data)

    await user.should_see(marker="import-error")
    error = user.find(marker="import-error").elements.pop()
    assert message in error.text  # type: ignore[attr-defined]
    await user.should_not_see(marker="confirm-import")
    assert (len(store.users), len(store.audit)) == before


async def test_cancelling_an_import_after_the_preview_writes_nothing(
    user: User, admin: Actor, store: Store
) -> None:
    await open_directory(user)
    await upload(user, f"{HEADER}\narjun@example.org,Arjun,ITI,graduate,KA".encode())
    await user.should_see(marker="confirm-import")

    user.find(marker="cancel-import").click()

    await user.should_not_see(marker="confirm-import")
    assert len(store.users) == 1


async def test_the_template_downloads_and_imports_cleanly(
    user: User, admin: Actor, services: Services
) -> None:
    await open_directory(user)
    user.find(marker="import-template").click()
    template = (await user.download.next()).content
    preview = await services.user_admin.preview_youth_import(admin, template)
    assert (preview.rows, preview.importable, preview.problems) == (1, 1, [])


# Who may see it


async def test_mentors_do_not_get_the_directory(user: User, mentor: Actor) -> None:
    await open_as(user, "mentor@example.org", "/admin/users")
    await user.should_see(marker="forbidden")
    await user.should_not_see(marker="users-table")
    await user.should_not_see(marker="youth-import")
