"""The module catalogue: modules, their prerequisites, quizzes and materials."""

import logging
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from mb.domain.errors import InvalidInput, NotFound, PermissionDenied
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.audit import AuditEntry
from mb.domain.model.module import Material, Module, ModuleDetails, ModuleStatus, Quiz
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.ports.blob_store import BlobStore
from mb.domain.ports.clock import Clock
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.materials import content_type_for, material_problem, safe_filename
from mb.domain.rules.module import clean_details, details_problems
from mb.domain.rules.prerequisites import cycle_through
from mb.domain.rules.quiz import quiz_problem
from mb.domain.services.access import require_role

log = logging.getLogger("mb.catalogue")


class CatalogueService:
    """Admins build the catalogue; mentors read it; youth reach it through their assignments."""

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        blobs: BlobStore,
        clock: Clock,
        container: str,
        max_upload_bytes: int,
    ) -> None:
        self._uow = uow
        self._blobs = blobs
        self._clock = clock
        self._container = container
        self._max_upload_bytes = max_upload_bytes

    async def catalogue(self, actor: Actor) -> list[Module]:
        require_role(actor, Role.ADMIN, Role.MENTOR)
        async with self._uow() as uow:
            return list(await uow.modules.all())

    async def module(self, actor: Actor, module_id: int) -> Module:
        require_role(actor, Role.ADMIN, Role.MENTOR)
        async with self._uow() as uow:
            return await _module(uow, module_id)

    async def create_module(self, actor: Actor, details: ModuleDetails) -> Module:
        require_role(actor, Role.ADMIN)
        details = clean_details(details)
        now = self._clock.now()
        async with self._uow() as uow:
            await self._check(uow, details, module_id=None)
            module = await uow.modules.add(Module(**vars(details), created_at=now, updated_at=now))
            assert module.id is not None
            await uow.audit.record(_audit(actor, "module.created", module.id, now, code=module.code))
            await uow.commit()
        log.info("module.created", extra={"module_id": module.id, "user_id": actor.user_id})
        return module

    async def update_module(self, actor: Actor, module_id: int, details: ModuleDetails) -> Module:
        require_role(actor, Role.ADMIN)
        details = clean_details(details)
        now = self._clock.now()
        async with self._uow() as uow:
            module = await _module(uow, module_id)
            await self._check(uow, details, module_id=module_id)
            updated = replace(module, **vars(details), updated_at=now)
            await uow.modules.update(updated)
            await uow.audit.record(_audit(actor, "module.updated", module_id, now, code=updated.code))
            await uow.commit()
        return updated

    async def set_status(self, actor: Actor, module_id: int, status: ModuleStatus) -> Module:
        """Deactivated modules can no longer be assigned; youth keep what they already hold."""
        require_role(actor, Role.ADMIN)
        now = self._clock.now()
        async with self._uow() as uow:
            module = replace(await _module(uow, module_id), status=status, updated_at=now)
            await uow.modules.update(module)
            await uow.audit.record(_audit(actor, "module.status", module_id, now, status=status.value))
            await uow.commit()
        return module

    async def set_quiz(self, actor: Actor, module_id: int, quiz: Quiz | None) -> Module:
        """Give a module a quiz, change it, or remove it (None)."""
        require_role(actor, Role.ADMIN)
        if quiz is not None and (problem := quiz_problem(quiz)) is not None:
            raise InvalidInput({"quiz": problem})
        now = self._clock.now()
        async with self._uow() as uow:
            module = replace(await _module(uow, module_id), quiz=quiz, updated_at=now)
            await uow.modules.update(module)
            questions = len(quiz.questions) if quiz else 0
            await uow.audit.record(_audit(actor, "module.quiz", module_id, now, questions=str(questions)))
            await uow.commit()
        return module

    async def add_material(self, actor: Actor, module_id: int, filename: str, data: bytes) -> Material:
        """Store the file, then its record; if the record cannot be written the file goes too."""
        require_role(actor, Role.ADMIN)
        name = safe_filename(filename)
        if (problem := material_problem(name, data, self._max_upload_bytes)) is not None:
            raise InvalidInput({"file": problem})
        content_type = content_type_for(name)
        assert content_type is not None
        async with self._uow() as uow:
            await _module(uow, module_id)
        key = f"modules/{module_id}/{uuid.uuid4().hex}/{name}"
        await self._blobs.put(self._container, key, data, content_type)
        now = self._clock.now()
        material = Material(module_id, name, content_type, len(data), key, actor.user_id, now)
        try:
            async with self._uow() as uow:
                await uow.materials.add(material)
                assert material.id is not None
                await uow.audit.record(_audit(actor, "material.added", module_id, now, file=name))
                await uow.commit()
        except BaseException:
            await self._blobs.delete(self._container, key)
            raise
        log.info(
            "material.added", extra={"module_id": module_id, "bytes": len(data), "user_id": actor.user_id}
        )
        return material

    async def delete_material(self, actor: Actor, material_id: int) -> None:
        require_role(actor, Role.ADMIN)
        now = self._clock.now()
        async with self._uow() as uow:
            material = await uow.materials.get(material_id)
            if material is None:
                raise NotFound("That file was already deleted.")
            await uow.materials.delete(material_id)
            entry = _audit(actor, "material.deleted", material.module_id, now, file=material.filename)
            await uow.audit.record(entry)
            await uow.commit()
        await self._blobs.delete(self._container, material.blob_key)

    async def materials(self, actor: Actor, module_id: int) -> list[Material]:
        async with self._uow() as uow:
            await _may_read(uow, actor, module_id)
            return list(await uow.materials.for_module(module_id))

    async def download(self, actor: Actor, material_id: int) -> tuple[Material, bytes]:
        """The file, for staff and for youth who hold its module."""
        async with self._uow() as uow:
            material = await uow.materials.get(material_id)
            if material is None:
                raise NotFound("That file is no longer available.")
            await _may_read(uow, actor, material.module_id)
        return material, await self._blobs.get(self._container, material.blob_key)

    async def _check(self, uow: UnitOfWork, details: ModuleDetails, module_id: int | None) -> None:
        problems = details_problems(details)
        same_code = await uow.modules.get_by_code(details.code) if "code" not in problems else None
        if same_code is not None and same_code.id != module_id:
            problems["code"] = f"The code {details.code} is already used by “{same_code.title}”."
        problems.update(await _prerequisite_problems(uow, details.prerequisites, module_id))
        if problems:
            raise InvalidInput(problems)


async def _prerequisite_problems(
    uow: UnitOfWork, prerequisites: list[int], module_id: int | None
) -> dict[str, str]:
    if module_id is not None and module_id in prerequisites:
        return {"prerequisites": "A module cannot be its own prerequisite."}
    catalogue = await uow.modules.all()
    known = {m.id: m.code for m in catalogue}
    if missing := [p for p in prerequisites if p not in known]:
        return {"prerequisites": f"Unknown prerequisite module (id {missing[0]})."}
    if module_id is not None:
        graph = {m.id: m.prerequisites for m in catalogue if m.id is not None and m.prerequisites}
        cycle = cycle_through(graph, module_id, prerequisites)
        if cycle:
            path = " → ".join(known[m] for m in cycle)
            return {"prerequisites": f"That would make the modules require each other: {path}."}
    return {}


async def _module(uow: UnitOfWork, module_id: int) -> Module:
    module = await uow.modules.get(module_id)
    if module is None:
        raise NotFound("No such module.")
    return module


async def _may_read(uow: UnitOfWork, actor: Actor, module_id: int) -> None:
    if actor.role.is_staff:
        await _module(uow, module_id)
        return
    held = await uow.assignments.get(actor.user_id, module_id)
    if held is None or held.status is AssignmentStatus.INACTIVE:
        raise PermissionDenied("This module is not assigned to you.")


def _audit(actor: Actor, action: str, module_id: int, now: datetime, **details: str) -> AuditEntry:
    return AuditEntry(now, actor.user_id, action, "module", str(module_id), dict(details))
