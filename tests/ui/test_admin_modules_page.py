"""The module catalogue as staff use it: build modules, quizzes and files; assign to youth."""

from collections.abc import Callable
from typing import Any

import pytest
from nicegui import ui
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.module import Module, ModuleDetails, ModuleStatus, Question, Quiz
from mb.domain.model.user import Actor
from tests.fakes import FakeBlobStore, FakeClock, Store, fake_services, make_settings
from tests.ui.screen import assert_not_offered, open_as, sign_in

Register = Callable[..., Any]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def services(store: Store, clock: FakeClock, blobs: FakeBlobStore) -> Services:
    """A 10 KB upload limit, so a test can go over it without megabytes of data."""
    return fake_services(store, clock, blobs, make_settings(mb_max_upload_mb=10 / 1024))


async def add_module(services: Services, admin: Actor, code: str, title: str, **details: Any) -> Module:
    fields: dict[str, Any] = {"sector": "IT/ITES", **details}
    return await services.catalogue.create_module(admin, ModuleDetails(code=code, title=title, **fields))


def element(user: User, marker: str) -> Any:
    (found,) = user.find(marker=marker).elements
    return found


def choose(user: User, marker: str, value: object) -> None:
    """Set a control the simulation cannot type or click into (chips; a radio whose labels repeat)."""
    with user.client:  # type: ignore[union-attr]
        element(user, marker).value = value


async def test_an_admin_creates_a_module_and_sees_what_is_wrong_beside_each_field(
    user: User, admin: Actor, store: Store
) -> None:
    await sign_in(user, "admin@example.org")
    await user.should_see(marker="nav-/admin/modules")
    user.find(marker="nav-/admin/modules").click()
    await user.should_see(marker="modules")
    user.find(marker="new-module").click()
    await user.should_see(marker="module-code")
    user.find(marker="module-code").type("it 101")
    user.find(marker="create-module").click()
    await user.should_see("A module code has 2 to 20 letters, digits or dashes, for example IT-101.")
    await user.should_see("Give the module a title.")
    await user.should_see("Choose the module's sector from the list.")
    assert element(user, "module-code").value == "it 101"
    assert store.learning.modules == {}

    user.find(marker="module-code").clear().type("it-101")
    user.find(marker="module-title").type("Interview skills")
    user.find(marker="module-description").type("Answering the usual questions.")
    user.find(marker="module-sector").click()
    user.find("Retail").click()
    user.find(marker="module-points").clear().type("25")
    user.find(marker="module-due_in_days").type("14")
    user.find(marker="create-module").click()
    await user.should_see("IT-101 created. Add its quiz and files below.")
    await user.should_see(marker="module-heading")
    (module,) = store.learning.modules.values()
    assert (module.code, module.title, module.sector) == ("IT-101", "Interview skills", "Retail")
    assert (module.points, module.due_in_days, module.duration_hours) == (25, 14, 1.0)

    await user.open("/admin/modules/new")
    user.find(marker="module-code").type("IT-101")
    user.find(marker="module-title").type("Another one")
    user.find(marker="module-sector").click()
    user.find("Retail").click()
    user.find(marker="create-module").click()
    await user.should_see("The code IT-101 is already used by “Interview skills”.")
    assert len(store.learning.modules) == 1


async def test_the_catalogue_lists_every_module(user: User, services: Services, admin: Actor) -> None:
    first = await add_module(services, admin, "IT-101", "Interview skills", points=20)
    await services.catalogue.set_quiz(admin, first.id or 0, Quiz((Question("Q?", ("a", "b"), 0),), 50))
    await add_module(services, admin, "RT-201", "Store operations", sector="Retail", duration_hours=2.5)
    await open_as(user, "admin@example.org", "/admin/modules")
    table = element(user, "modules")
    rows = {row["code"]: row for row in table.rows}
    assert (rows["IT-101"]["points"], rows["IT-101"]["quiz"], rows["IT-101"]["status"]) == (
        20,
        "Yes",
        "Active",
    )
    assert (rows["RT-201"]["sector"], rows["RT-201"]["hours"], rows["RT-201"]["quiz"]) == (
        "Retail",
        2.5,
        "No",
    )
    user.find(marker="module-search").type("retail")
    assert table.filter == "retail"  # the browser filters the rows it already has


async def test_editing_a_module_refuses_bad_numbers_and_a_prerequisite_cycle(
    user: User, services: Services, admin: Actor, store: Store
) -> None:
    basics = await add_module(services, admin, "IT-101", "Basics")
    advanced = await add_module(services, admin, "IT-102", "Advanced", prerequisites=[basics.id])
    await open_as(user, "admin@example.org", f"/admin/modules/{basics.id}")
    await user.should_see("IT-101 — Basics")

    user.find(marker="module-duration_hours").clear()
    user.find(marker="module-points").clear().type("2.5")
    user.find(marker="module-due_in_days").type("0").trigger("blur")  # kept as typed, not clamped
    user.find(marker="save-module").click()
    await user.should_see("The duration must be more than 0 and at most 500 hours.")
    await user.should_see("Points must be a whole number from 0 to 1000.")
    await user.should_see("Due in days must be a whole number from 1 to 365, or empty for no due date.")
    user.find(marker="module-due_in_days").clear()
    user.find(marker="module-duration_hours").type("3")
    user.find(marker="module-points").clear().type("30")

    user.find(marker="module-prerequisites").click()
    user.find("IT-102 — Advanced").click()
    user.find(marker="save-module").click()
    await user.should_see("That would make the modules require each other:")
    assert store.learning.modules[basics.id or 0].prerequisites == []

    choose(user, "module-prerequisites", [])
    user.find(marker="module-title").clear().type("Computer basics")
    choose(user, "module-skills", ["typing"])
    user.find(marker="save-module").click()
    await user.should_see("IT-101 saved.")
    await user.should_see("IT-101 — Computer basics")
    saved = store.learning.modules[basics.id or 0]
    assert (saved.title, saved.duration_hours, saved.points, saved.prerequisites, saved.skills) == (
        "Computer basics",
        3,
        30,
        [],
        ["typing"],
    )
    assert store.learning.modules[advanced.id or 0].prerequisites == [basics.id]


async def test_deactivating_and_reactivating_ask_first(
    user: User, services: Services, admin: Actor, store: Store
) -> None:
    module = await add_module(services, admin, "IT-101", "Basics")
    await open_as(user, "admin@example.org", f"/admin/modules/{module.id}")
    await user.should_see(marker="assign-module")
    user.find(marker="change-status").click()
    await user.should_see("Deactivate IT-101? It can no longer be assigned; youth who have it keep it.")
    user.find(marker="confirm-no").click()
    await user.should_not_see(marker="confirm")
    assert store.learning.modules[module.id or 0].status is ModuleStatus.ACTIVE

    user.find(marker="change-status").click()
    await user.should_see(marker="confirm-yes")
    user.find(marker="confirm-yes").click()
    await user.should_see("IT-101 is deactivated.")
    await user.should_not_see(marker="assign-module")
    assert store.learning.modules[module.id or 0].status is ModuleStatus.INACTIVE
    await user.open("/admin/modules")
    (row,) = element(user, "modules").rows
    assert (row["status"], row["active"]) == ("Inactive", False)

    await user.open(f"/admin/modules/{module.id}")
    user.find(marker="change-status").click()
    await user.should_see("Reactivate IT-101? It can be assigned again.")
    user.find(marker="confirm-yes").click()
    await user.should_see("IT-101 is active again.")
    await user.should_see(marker="assign-module")


async def test_an_admin_writes_a_quiz_and_a_wrong_one_is_refused(
    user: User, services: Services, admin: Actor, store: Store
) -> None:
    module = await add_module(services, admin, "IT-101", "Basics")
    await open_as(user, "admin@example.org", f"/admin/modules/{module.id}")
    await user.should_see(marker="no-quiz")
    user.find(marker="add-quiz").click()
    await user.should_see(marker="question-1-text")
    user.find(marker="question-1-text").type("What should you bring to an interview?")
    user.find(marker="question-1-option-1").type("Your CV")
    user.find(marker="question-1-option-2").type("Your CV")
    user.find(marker="save-quiz").click()
    await user.should_see("Question 1 has the same option twice.")

    user.find(marker="question-1-option-2").clear().type("Nothing")
    user.find(marker="add-option-1").click()
    await user.should_see(marker="question-1-option-3")
    user.find(marker="question-1-option-3").type("A friend")
    user.find(marker="save-quiz").click()
    await user.should_see("Mark which option of question 1 is correct.")
    assert store.learning.modules[module.id or 0].quiz is None

    choose(user, "question-1-correct", 0)
    user.find(marker="add-question").click()
    await user.should_see(marker="question-2-text")
    user.find(marker="question-2-text").type("Arrive how early?")
    user.find(marker="question-2-option-1").type("Late")
    user.find(marker="question-2-option-2").type("Ten minutes early")
    choose(user, "question-2-correct", 1)
    user.find(marker="remove-option-1-3").click()
    await user.should_not_see(marker="question-1-option-3")
    user.find(marker="quiz-pass-mark").clear().type("50")
    user.find(marker="save-quiz").click()
    await user.should_see("Quiz saved.")
    quiz = store.learning.modules[module.id or 0].quiz
    assert quiz == Quiz(
        (
            Question("What should you bring to an interview?", ("Your CV", "Nothing"), 0),
            Question("Arrive how early?", ("Late", "Ten minutes early"), 1),
        ),
        50,
    )

    user.find(marker="quiz-pass-mark").clear()
    user.find(marker="save-quiz").click()
    await user.should_see("The pass mark is a percentage from 1 to 100.")
    user.find(marker="remove-quiz").click()
    await user.should_see(marker="confirm-yes")
    user.find(marker="confirm-yes").click()
    await user.should_see("Quiz removed.")
    await user.should_see(marker="no-quiz")
    assert store.learning.modules[module.id or 0].quiz is None


async def test_an_admin_uploads_downloads_and_deletes_a_file(
    user: User, services: Services, admin: Actor, store: Store, blobs: FakeBlobStore
) -> None:
    module = await add_module(services, admin, "IT-101", "Basics")
    await open_as(user, "admin@example.org", f"/admin/modules/{module.id}")
    await user.should_see(marker="no-materials")
    upload = element(user, "upload-material")
    assert isinstance(upload, ui.upload)
    assert upload.props["max-file-size"] > 10 * 1024  # the service, not the browser, explains the limit

    await upload.handle_uploads([SmallFileUpload("setup.exe", "application/octet-stream", b"MZ\x90\x00")])
    await user.should_see("setup.exe cannot be uploaded: allowed are PDF, images")
    await upload.handle_uploads([SmallFileUpload("fake.pdf", "application/pdf", b"hello")])
    await user.should_see("fake.pdf does not look like a real PDF file.")
    await upload.handle_uploads([SmallFileUpload("big.pdf", "application/pdf", PDF + b" " * 11 * 1024)])
    await user.should_see("big.pdf is 11 KB; the limit is 10 KB.")
    assert store.learning.materials == {}
    assert blobs.blobs == {}

    await upload.handle_uploads([SmallFileUpload("Interview guide.pdf", "application/pdf", PDF)])
    await user.should_see("Interview guide.pdf uploaded.")
    await user.should_not_see(marker="material-error")
    (material,) = store.learning.materials.values()
    await user.should_see(marker=f"material-{material.id}")
    await user.should_see("application/pdf, 1 KB, uploaded 2026-11-28 15:00")

    user.find(marker=f"download-material-{material.id}").click()
    downloaded = await user.download.next()
    assert downloaded.content == PDF

    user.find(marker=f"delete-material-{material.id}").click()
    await user.should_see("Delete Interview guide.pdf? Youth will no longer be able to open it.")
    user.find(marker="confirm-yes").click()
    await user.should_see("Interview guide.pdf deleted.")
    await user.should_see(marker="no-materials")
    assert store.learning.materials == {}
    assert blobs.blobs == {}


async def test_assigning_to_a_filtered_group_shows_the_count_first_and_twice_is_a_no_op(
    user: User, services: Services, admin: Actor, store: Store, register: Register
) -> None:
    module = await add_module(services, admin, "IT-101", "Basics", due_in_days=10)
    priya = await register("priya@example.org")
    arjun = await register("arjun@example.org")
    await register("meena@example.org", region="KA")
    await open_as(user, "admin@example.org", "/admin/modules")
    await user.should_see(marker="modules")

    user.find(marker="modules").trigger("assign", module.id)
    await user.should_see(marker="assign-dialog")
    user.find(marker="assign-confirm").click()  # not yet: the count comes first
    user.find(marker="assign-region").click()
    user.find("Maharashtra").click()
    user.find(marker="assign-registered_from").type("28-11-2026")
    user.find(marker="assign-check").click()
    await user.should_see("Enter the date as YYYY-MM-DD, for example 2004-08-15.")
    user.find(marker="assign-registered_from").clear().type("2026-11-28")
    user.find(marker="assign-check").click()
    await user.should_see("2 youth match; 0 already have it; 2 will get it now.")
    assert store.learning.assignments == {}

    user.find(marker="assign-confirm").click()
    await user.should_see("2 youth got IT-101.")
    await user.should_not_see(marker="assign-dialog")
    held = {(a.user_id, a.status) for a in store.learning.assignments.values()}
    assert held == {(priya.id, AssignmentStatus.ACTIVE), (arjun.id, AssignmentStatus.ACTIVE)}

    user.find(marker="modules").trigger("assign", module.id)
    await user.should_see(marker="assign-dialog")
    user.find(marker="assign-region").click()
    user.find("Maharashtra").click()
    user.find(marker="assign-check").click()
    await user.should_see("2 youth match; 2 already have it; 0 will get it now.")
    await user.should_see("Assigning again changes nothing: they already have it.")
    user.find(marker="assign-confirm").click()
    await user.should_see("Nobody new got IT-101: every matching youth already has it.")
    assert len(store.learning.assignments) == 2


async def test_changing_a_filter_after_the_count_asks_for_a_new_count(
    user: User, services: Services, admin: Actor, store: Store, register: Register
) -> None:
    module = await add_module(services, admin, "IT-101", "Basics")
    await register("priya@example.org")
    await open_as(user, "admin@example.org", f"/admin/modules/{module.id}")
    user.find(marker="assign-module").click()
    await user.should_see(marker="assign-dialog")
    user.find(marker="assign-check").click()
    await user.should_see("1 youth match; 0 already have it; 1 will get it now.")
    user.find(marker="assign-institution").type("Somewhere else")
    await user.should_not_see("1 youth match")
    user.find(marker="assign-confirm").click()
    user.find(marker="assign-check").click()
    await user.should_see("No youth match these filters.")
    user.find(marker="assign-confirm").click()
    user.find(marker="assign-cancel").click()
    await user.should_not_see(marker="assign-dialog")
    assert store.learning.assignments == {}


async def test_a_mentor_sees_the_catalogue_read_only_and_assigns_to_their_caseload(
    user: User, services: Services, admin: Actor, mentor: Actor, store: Store, register: Register
) -> None:
    module = await add_module(services, admin, "IT-101", "Basics")
    mine = await register("priya@example.org")
    await register("arjun@example.org")
    store.users[mine.id].mentor_id = mentor.user_id
    await sign_in(user, "mentor@example.org")
    await user.should_see(marker="nav-/admin/modules")
    await user.open("/admin/modules")
    await user.should_see(marker="modules")
    await user.should_not_see(marker="new-module")
    assert "body-cell-title" not in element(user, "modules").slots  # no link to the edit page

    user.find(marker="modules").trigger("assign", module.id)
    await user.should_see("Only youth in your caseload are included.")
    user.find(marker="assign-check").click()
    await user.should_see("1 youth match; 0 already have it; 1 will get it now.")
    user.find(marker="assign-confirm").click()
    await user.should_see("1 youth got IT-101.")
    assert [a.user_id for a in store.learning.assignments.values()] == [mine.id]

    await user.open(f"/admin/modules/{module.id}")
    await user.should_see(marker="forbidden")
    await user.open("/admin/modules/new")
    await user.should_see(marker="forbidden")


async def test_a_youth_cannot_open_the_catalogue(user: User, register: Register) -> None:
    await register()
    await assert_not_offered(user, "priya@example.org", "/admin/modules")
    await user.should_not_see(marker="modules")


async def test_an_unknown_module_is_explained(user: User, admin: Actor) -> None:
    await sign_in(user, "admin@example.org")
    await user.should_see(marker="welcome")
    for path in ("/admin/modules/99", "/admin/modules/abc"):
        await user.open(path)
        await user.should_see("No such module.")
