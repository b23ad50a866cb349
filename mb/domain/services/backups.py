"""Backups for admins and the daily schedule: take one now, list them, download one; audited."""

import logging
from collections.abc import Callable, Sequence

from mb.domain.model.audit import AuditEntry
from mb.domain.model.backups import BackupCopy, BackupTaken
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.ports.backups import DatabaseBackups
from mb.domain.ports.clock import Clock
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.services.access import require_role

log = logging.getLogger("mb.backups")


class BackupService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        backups: DatabaseBackups,
        clock: Clock,
        *,
        upload: bool,
        keep_days: int,
    ) -> None:
        self._uow = uow
        self._backups = backups
        self._clock = clock
        self._upload = upload
        self._keep_days = keep_days

    def unsupported_reason(self) -> str | None:
        """None when backups are taken here; otherwise what the operator uses instead."""
        return self._backups.unsupported_reason()

    async def copies(self, actor: Actor) -> Sequence[BackupCopy]:
        require_role(actor, Role.ADMIN)
        return await self._backups.list()

    async def back_up(self, actor: Actor | None) -> BackupTaken:
        """Take a verified backup now; `actor` None is the daily schedule."""
        if actor is not None:
            require_role(actor, Role.ADMIN)
        taken = await self._backups.take(self._upload, self._keep_days)
        details: dict[str, object] = {
            "rows": sum(taken.rows.values()),
            "uploaded": taken.copy.uploaded,
            "removed": len(taken.removed_local) + len(taken.removed_uploaded),
        }
        await self._audit(actor, "backup.taken", taken.copy.name, details)
        log.info("backup.taken", extra={"backup": taken.copy.name, **details})
        return taken

    async def download(self, actor: Actor, name: str) -> str:
        """The local file of backup `name`, for an admin to download; audited."""
        require_role(actor, Role.ADMIN)
        path = await self._backups.local_file(name)
        await self._audit(actor, "backup.downloaded", name, {})
        return path

    async def _audit(self, actor: Actor | None, action: str, name: str, details: dict[str, object]) -> None:
        async with self._uow() as uow:
            await uow.audit.record(
                AuditEntry(
                    self._clock.now(), actor.user_id if actor else None, action, "backup", name, details
                )
            )
            await uow.commit()
