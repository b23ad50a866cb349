"""Maintenance mode: admins (or the operator at a shell) close the app to everyone else for a
while; `/health` says `maintenance` meanwhile. Every switch is audited."""

import logging
from collections.abc import Callable

from mb.domain.errors import DomainError
from mb.domain.model.audit import AuditEntry
from mb.domain.model.maintenance import MaintenanceState
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.ports.clock import Clock
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.services.access import require_role

log = logging.getLogger("mb.maintenance")


class MaintenanceService:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def state(self) -> MaintenanceState:
        async with self._uow() as uow:
            return await uow.maintenance.state()

    async def is_on(self) -> bool:
        """For `/health`: an unreachable database is reported by its own check, not here."""
        try:
            return (await self.state()).on
        except DomainError:
            return False

    async def switch(self, actor: Actor | None, on: bool) -> MaintenanceState:
        """Turn maintenance mode on or off for every replica now; `actor` None is the operator."""
        if actor is not None:
            require_role(actor, Role.ADMIN)
        now = self._clock.now()
        by = actor.user_id if actor else None
        async with self._uow() as uow:
            await uow.maintenance.set(on, by, now)
            action = "maintenance.on" if on else "maintenance.off"
            await uow.audit.record(AuditEntry(now, by, action, "system", "maintenance", {}))
            await uow.commit()
        log.warning("maintenance.on" if on else "maintenance.off", extra={"user_id": by})
        return MaintenanceState(on, now, by)
