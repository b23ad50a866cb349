"""Catalogue use cases on in-memory fakes: modules, prerequisites, quizzes and materials."""

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from mb.bootstrap import Services
from mb.domain.errors import InvalidInput, NotFound, PermissionDenied, Unavailable
from mb.domain.model.module import Difficulty, Module, ModuleDetails, ModuleStatus, Question, Quiz
from mb.domain.model.user import Actor
from mb.domain.model.youth_filter import YouthFilter
from mb.domain.services.catalogue import CatalogueService
from tests.conftest import PASSWORD
from tests.fakes import FakeBlobStore, FakeClock, FakeUnitOfWork, Store, fake_services, make_settings

Register = Callable[..., Any]
PDF = b"%PDF-1.7\n" + b"0" * 100
QUIZ = Quiz(
    (
        Question("Which key saves a file?", ("Ctrl+S", "Ctrl+P", "Ctrl+Q"), 0),
        Question("A formula in Excel starts with…", ("#", "="), 1),
    ),
    pass_mark=50,
)


def details(code: str = "IT-101", title: str = "Workplace computer basics", **changes: Any) -> ModuleDetails:
    fields: dict[str, Any] = {
        "code": code,
        "title": title,
        "description": "Files, email and spreadsheets.",
        "duration_hours": 6,
        "skills": ["Excel"],
        "sector": "IT/ITES",
        "difficulty": Difficulty.BEGINNER,
        "points": 50,
        "due_in_days": 14,
    }
    fields.update(changes)
    return ModuleDetails(**fields)


async def a_module(services: Services, admin: Actor, code: str = "IT-101", **changes: Any) -> Module:
    return await services.catalogue.create_module(admin, details(code, f"Module {code}", **changes))


def module_id(module: Module) -> int:
    assert module.id is not None
    return module.id


async def a_youth(register: Register, email: str = "priya@example.org") -> Actor:
    return Actor.of(await register(email))


# Modules


async def test_an_admin_creates_a_module_and_it_is_audited(
    services: Services, admin: Actor, store: Store, clock: FakeClock
) -> None:
    module = await services.catalogue.create_module(
        admin, details(code=" it-101 ", title="  Workplace  basics ")
    )

    assert module.id is not None
    assert (module.code, module.title, module.status) == ("IT-101", "Workplace basics", ModuleStatus.ACTIVE)
    assert module.created_at == module.updated_at == clock.now()
    assert store.learning.modules[module.id] == module
    entry = store.audit[-1]
    assert (entry.action, entry.actor_id, entry.target_type, entry.target_id) == (
        "module.created",
        admin.user_id,
        "module",
        str(module.id),
    )
    assert entry.details == {"code": "IT-101"}
    assert await services.catalogue.catalogue(admin) == [module]


async def test_editing_a_module_keeps_its_quiz_status_and_creation_date(
    services: Services, admin: Actor, store: Store, clock: FakeClock
) -> None:
    module = await a_module(services, admin)
    await services.catalogue.set_quiz(admin, module_id(module), QUIZ)
    clock.advance(hours=2)

    edited = await services.catalogue.update_module(
        admin, module_id(module), details("IT-101", "Computer basics at work", points=80)
    )

    assert (edited.title, edited.points, edited.quiz) == ("Computer basics at work", 80, QUIZ)
    assert edited.created_at == module.created_at and edited.updated_at == clock.now()
    assert store.learning.modules[module_id(module)] == edited
    assert store.audit[-1].action == "module.updated"


async def test_deactivating_a_module_is_audited_and_reactivating_restores_it(
    services: Services, admin: Actor, store: Store
) -> None:
    module = await a_module(services, admin)

    off = await services.catalogue.set_status(admin, module_id(module), ModuleStatus.INACTIVE)
    assert off.status is ModuleStatus.INACTIVE
    assert store.learning.modules[module_id(module)].status is ModuleStatus.INACTIVE
    assert (store.audit[-1].action, store.audit[-1].details) == ("module.status", {"status": "inactive"})

    await services.catalogue.set_status(admin, module_id(module), ModuleStatus.ACTIVE)
    assert store.learning.modules[module_id(module)].status is ModuleStatus.ACTIVE


async def test_bad_details_name_each_field_and_write_nothing(
    services: Services, admin: Actor, store: Store
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await services.catalogue.create_module(admin, details(code="", title="", duration_hours=0))
    assert set(caught.value.fields) == {"code", "title", "duration_hours"}
    assert store.learning.modules == {}
    assert [e.action for e in store.audit] == ["user.created"]  # the admin's own account only


@pytest.mark.parametrize("code", ["IT-101", " it-101 "])
async def test_a_duplicate_code_names_the_module_that_has_it(
    services: Services, admin: Actor, store: Store, code: str
) -> None:
    await services.catalogue.create_module(admin, details("IT-101", "Workplace computer basics"))
    audited = len(store.audit)

    with pytest.raises(InvalidInput) as caught:
        await services.catalogue.create_module(admin, details(code, "Another module"))

    assert "IT-101" in caught.value.fields["code"]
    assert "Workplace computer basics" in caught.value.fields["code"]
    assert len(store.learning.modules) == 1 and len(store.audit) == audited


async def test_editing_to_another_modules_code_is_refused_but_keeping_ones_own_is_fine(
    services: Services, admin: Actor, store: Store
) -> None:
    first = await a_module(services, admin, "IT-101")
    second = await a_module(services, admin, "IT-102")

    with pytest.raises(InvalidInput) as caught:
        await services.catalogue.update_module(admin, module_id(second), details("it-101", "Renamed"))
    assert "Module IT-101" in caught.value.fields["code"]
    assert store.learning.modules[module_id(second)].code == "IT-102"

    kept = await services.catalogue.update_module(admin, module_id(first), details("IT-101", "Renamed"))
    assert kept.title == "Renamed"


async def test_a_prerequisite_cycle_on_edit_is_refused_with_its_path(
    services: Services, admin: Actor, store: Store
) -> None:
    first = await a_module(services, admin, "IT-101")
    second = await a_module(services, admin, "IT-102", prerequisites=[module_id(first)])
    third = await a_module(services, admin, "IT-103", prerequisites=[module_id(second)])

    with pytest.raises(InvalidInput) as caught:
        await services.catalogue.update_module(
            admin, module_id(first), details("IT-101", "Module IT-101", prerequisites=[module_id(third)])
        )

    assert "IT-101 → IT-103 → IT-102 → IT-101" in caught.value.fields["prerequisites"]
    assert store.learning.modules[module_id(first)].prerequisites == []


async def test_a_module_cannot_require_itself(services: Services, admin: Actor) -> None:
    module = await a_module(services, admin)
    with pytest.raises(InvalidInput) as caught:
        await services.catalogue.update_module(
            admin, module_id(module), details("IT-101", "Module IT-101", prerequisites=[module_id(module)])
        )
    assert "its own prerequisite" in caught.value.fields["prerequisites"]


async def test_a_diamond_of_prerequisites_is_allowed(services: Services, admin: Actor) -> None:
    base = await a_module(services, admin, "BASE-1")
    left = await a_module(services, admin, "LEFT-1", prerequisites=[module_id(base)])
    right = await a_module(services, admin, "RIGHT-1", prerequisites=[module_id(base)])
    top = await a_module(services, admin, "TOP-1", prerequisites=[module_id(left), module_id(right)])

    edited = await services.catalogue.update_module(
        admin,
        module_id(top),
        details("TOP-1", "Top", prerequisites=[module_id(left), module_id(right), module_id(base)]),
    )
    assert edited.prerequisites == [module_id(left), module_id(right), module_id(base)]


@pytest.mark.parametrize("editing", [False, True])
async def test_an_unknown_prerequisite_is_refused(
    services: Services, admin: Actor, store: Store, editing: bool
) -> None:
    module = await a_module(services, admin)
    bad = details("IT-102", "New", prerequisites=[module_id(module), 999])
    with pytest.raises(InvalidInput) as caught:
        if editing:
            await services.catalogue.update_module(
                admin, module_id(module), details("IT-101", "x", prerequisites=[999])
            )
        else:
            await services.catalogue.create_module(admin, bad)
    assert "999" in caught.value.fields["prerequisites"]
    assert list(store.learning.modules) == [module_id(module)]
    assert store.learning.modules[module_id(module)].prerequisites == []


async def test_editing_or_deactivating_an_unknown_module_is_not_found(
    services: Services, admin: Actor
) -> None:
    with pytest.raises(NotFound):
        await services.catalogue.update_module(admin, 42, details())
    with pytest.raises(NotFound):
        await services.catalogue.set_status(admin, 42, ModuleStatus.INACTIVE)
    with pytest.raises(NotFound):
        await services.catalogue.module(admin, 42)


async def test_mentors_read_the_catalogue_but_youth_do_not(
    services: Services, admin: Actor, mentor: Actor, register: Register
) -> None:
    module = await a_module(services, admin)
    assert await services.catalogue.catalogue(mentor) == [module]
    assert await services.catalogue.module(mentor, module_id(module)) == module

    youth = await a_youth(register)
    with pytest.raises(PermissionDenied):
        await services.catalogue.catalogue(youth)
    with pytest.raises(PermissionDenied):
        await services.catalogue.module(youth, module_id(module))


@pytest.mark.parametrize("who", ["mentor", "youth"])
async def test_only_admins_change_the_catalogue(
    services: Services,
    admin: Actor,
    mentor: Actor,
    register: Register,
    store: Store,
    blobs: FakeBlobStore,
    who: str,
) -> None:
    module = await a_module(services, admin)
    material = await services.catalogue.add_material(admin, module_id(module), "guide.pdf", PDF)
    actor = mentor if who == "mentor" else await a_youth(register)
    before = (store.commits, dict(blobs.blobs))
    catalogue = services.catalogue
    attempts: list[Callable[[], Awaitable[object]]] = [
        lambda: catalogue.create_module(actor, details("IT-900", "Not allowed")),
        lambda: catalogue.update_module(actor, module_id(module), details("IT-101", "Not allowed")),
        lambda: catalogue.set_status(actor, module_id(module), ModuleStatus.INACTIVE),
        lambda: catalogue.set_quiz(actor, module_id(module), QUIZ),
        lambda: catalogue.set_quiz(actor, module_id(module), None),
        lambda: catalogue.add_material(actor, module_id(module), "other.pdf", PDF),
        lambda: catalogue.delete_material(actor, material.id or 0),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            await attempt()
    assert (store.commits, dict(blobs.blobs)) == before


# Quizzes


async def test_a_quiz_is_set_changed_and_removed(services: Services, admin: Actor, store: Store) -> None:
    module = await a_module(services, admin)

    await services.catalogue.set_quiz(admin, module_id(module), QUIZ)
    assert store.learning.modules[module_id(module)].quiz == QUIZ
    assert (store.audit[-1].action, store.audit[-1].details) == ("module.quiz", {"questions": "2"})

    shorter = Quiz(QUIZ.questions[:1], pass_mark=100)
    await services.catalogue.set_quiz(admin, module_id(module), shorter)
    assert store.learning.modules[module_id(module)].quiz == shorter

    await services.catalogue.set_quiz(admin, module_id(module), None)
    assert store.learning.modules[module_id(module)].quiz is None
    assert store.audit[-1].details == {"questions": "0"}


@pytest.mark.parametrize(
    "quiz",
    [
        Quiz((), 50),
        Quiz((Question("Only one option?", ("Yes",), 0),), 50),
        Quiz((Question("Which?", ("A", "B"), 5),), 50),
        Quiz(QUIZ.questions, 0),
    ],
)
async def test_an_invalid_quiz_is_refused_and_the_old_one_kept(
    services: Services, admin: Actor, store: Store, quiz: Quiz
) -> None:
    module = await a_module(services, admin)
    await services.catalogue.set_quiz(admin, module_id(module), QUIZ)
    with pytest.raises(InvalidInput) as caught:
        await services.catalogue.set_quiz(admin, module_id(module), quiz)
    assert "quiz" in caught.value.fields
    assert store.learning.modules[module_id(module)].quiz == QUIZ


# Materials


async def test_an_upload_stores_the_file_and_its_record(
    services: Services, admin: Actor, store: Store, blobs: FakeBlobStore, clock: FakeClock
) -> None:
    module = await a_module(services, admin)

    material = await services.catalogue.add_material(admin, module_id(module), "..\\Course Guide.PDF", PDF)

    assert material.id is not None
    assert (material.filename, material.content_type, material.size_bytes) == (
        "Course Guide.PDF",
        "application/pdf",
        len(PDF),
    )
    assert (material.uploaded_by, material.uploaded_at) == (admin.user_id, clock.now())
    assert material.blob_key.startswith(f"modules/{module.id}/") and material.blob_key.endswith(
        "/Course Guide.PDF"
    )
    assert blobs.blobs == {("materials", material.blob_key): (PDF, "application/pdf")}
    assert store.learning.materials == {material.id: material}
    assert (store.audit[-1].action, store.audit[-1].details) == (
        "material.added",
        {"file": "Course Guide.PDF"},
    )
    assert await services.catalogue.materials(admin, module_id(module)) == [material]
    assert await services.catalogue.download(admin, material.id) == (material, PDF)


async def test_the_same_name_uploaded_twice_keeps_both_files(
    services: Services, admin: Actor, blobs: FakeBlobStore
) -> None:
    module = await a_module(services, admin)
    first = await services.catalogue.add_material(admin, module_id(module), "guide.pdf", PDF)
    second = await services.catalogue.add_material(admin, module_id(module), "guide.pdf", PDF + b"v2")
    assert first.blob_key != second.blob_key
    assert len(blobs.blobs) == 2
    assert (await services.catalogue.download(admin, second.id or 0))[1] == PDF + b"v2"


@pytest.mark.parametrize(
    ("filename", "data", "problem"),
    [
        ("setup.exe", b"MZ\x90\x00", "cannot be uploaded"),
        ("guide.pdf", b"MZ\x90\x00", "does not look like a real PDF"),
        ("guide.pdf", b"", "is empty"),
        ("guide.pdf", PDF + b"0" * 20_000, "the limit is"),
    ],
)
async def test_a_refused_upload_writes_nothing(
    store: Store, clock: FakeClock, blobs: FakeBlobStore, filename: str, data: bytes, problem: str
) -> None:
    services = fake_services(store, clock, blobs, make_settings(mb_max_upload_mb=0.01))
    first_admin = await services.accounts.ensure_first_admin("admin@example.org", PASSWORD, "Asha Admin")
    assert first_admin is not None
    admin = Actor.of(first_admin)
    module = await a_module(services, admin)
    commits = store.commits

    with pytest.raises(InvalidInput) as caught:
        await services.catalogue.add_material(admin, module_id(module), filename, data)

    assert problem in caught.value.fields["file"]
    assert blobs.blobs == {} and store.learning.materials == {} and store.commits == commits


async def test_an_upload_to_an_unknown_module_stores_no_file(
    services: Services, admin: Actor, blobs: FakeBlobStore
) -> None:
    with pytest.raises(NotFound):
        await services.catalogue.add_material(admin, 42, "guide.pdf", PDF)
    assert blobs.blobs == {}


class DatabaseLostDuringUpload(FakeBlobStore):
    """The file is stored; then the database becomes unreachable before its record is written."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store

    async def put(self, container: str, key: str, data: bytes, content_type: str) -> None:
        await super().put(container, key, data, content_type)
        self._store.down = True


class RefusingMaterials(FakeUnitOfWork):
    """A database that takes everything but the material's record."""

    def _begin(self) -> None:
        super()._begin()

        async def refuse(material: object) -> None:
            raise Unavailable("The database cannot be reached right now.")

        self.materials.add = refuse  # type: ignore[method-assign,assignment]  # a fault injected for the test


@pytest.mark.parametrize("failure", ["database down", "insert fails"])
async def test_an_upload_whose_record_cannot_be_written_leaves_no_file(
    services: Services, admin: Actor, store: Store, clock: FakeClock, failure: str
) -> None:
    module = await a_module(services, admin)
    if failure == "database down":
        blobs: FakeBlobStore = DatabaseLostDuringUpload(store)
        uow = lambda: FakeUnitOfWork(store)  # noqa: E731
    else:
        blobs = FakeBlobStore()
        uow = lambda: RefusingMaterials(store)  # noqa: E731
    catalogue = CatalogueService(uow, blobs, clock, "materials", 1024 * 1024)
    commits = store.commits

    with pytest.raises(Unavailable):
        await catalogue.add_material(admin, module_id(module), "guide.pdf", PDF)

    assert blobs.blobs == {}
    store.down = False
    assert store.learning.materials == {} and store.commits == commits


async def test_deleting_a_material_removes_its_file_and_record(
    services: Services, admin: Actor, store: Store, blobs: FakeBlobStore
) -> None:
    module = await a_module(services, admin)
    kept = await services.catalogue.add_material(admin, module_id(module), "keep.pdf", PDF)
    gone = await services.catalogue.add_material(admin, module_id(module), "gone.pdf", PDF)

    await services.catalogue.delete_material(admin, gone.id or 0)

    assert list(store.learning.materials) == [kept.id]
    assert list(blobs.blobs) == [("materials", kept.blob_key)]
    assert (store.audit[-1].action, store.audit[-1].details) == ("material.deleted", {"file": "gone.pdf"})
    with pytest.raises(NotFound):
        await services.catalogue.delete_material(admin, gone.id or 0)
    with pytest.raises(NotFound):
        await services.catalogue.download(admin, gone.id or 0)


async def test_youth_download_only_materials_of_modules_assigned_to_them(
    services: Services, admin: Actor, mentor: Actor, register: Register
) -> None:
    theirs = await a_module(services, admin, "IT-101")
    other = await a_module(services, admin, "IT-102")
    guide = await services.catalogue.add_material(admin, module_id(theirs), "guide.pdf", PDF)
    secret = await services.catalogue.add_material(admin, module_id(other), "other.pdf", PDF + b"other")
    priya = await a_youth(register, "priya@example.org")
    arjun = await a_youth(register, "arjun@example.org")
    await services.learning.assign(admin, module_id(theirs), YouthFilter(user_ids=(priya.user_id,)))

    assert await services.catalogue.download(priya, guide.id or 0) == (guide, PDF)
    assert await services.catalogue.materials(priya, module_id(theirs)) == [guide]
    for youth, material in [(priya, secret), (arjun, guide)]:
        with pytest.raises(PermissionDenied, match="not assigned to you"):
            await services.catalogue.download(youth, material.id or 0)
    with pytest.raises(PermissionDenied):
        await services.catalogue.materials(arjun, module_id(theirs))

    await services.learning.withdraw(admin, priya.user_id, module_id(theirs))
    with pytest.raises(PermissionDenied, match="not assigned to you"):
        await services.catalogue.download(priya, guide.id or 0)

    # Staff always can, whoever holds the module.
    assert await services.catalogue.download(mentor, secret.id or 0) == (secret, PDF + b"other")
    assert await services.catalogue.download(admin, guide.id or 0) == (guide, PDF)
