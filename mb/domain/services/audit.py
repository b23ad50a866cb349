"""The audit log for admins: who did what, to what, and when; searchable and exportable."""

import json
from collections.abc import Callable

from mb.domain.model.audit_query import AuditListing, AuditPage, AuditQuery
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.spreadsheet import csv_bytes
from mb.domain.services.access import require_role

PAGE = 50
EXPORT_BATCH = 1000
EXPORT_HEADER = ("at_utc", "actor_email", "actor_name", "action", "target_type", "target_id", "details")


class AuditService:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    async def search(self, actor: Actor, query: AuditQuery, offset: int = 0, limit: int = PAGE) -> AuditPage:
        require_role(actor, Role.ADMIN)
        async with self._uow() as uow:
            listings = await uow.audit.search(query, max(offset, 0), min(max(limit, 1), 200))
            total = await uow.audit.count(query)
            actions = await uow.audit.actions()
        return AuditPage(tuple(listings), total, tuple(actions))

    async def export_csv(self, actor: Actor, query: AuditQuery) -> bytes:
        """Every matching entry, newest first, as a spreadsheet-safe CSV."""
        require_role(actor, Role.ADMIN)
        rows: list[list[str]] = []
        async with self._uow() as uow:
            while batch := await uow.audit.search(query, len(rows), EXPORT_BATCH):
                rows += [_row(listing) for listing in batch]
        return csv_bytes(EXPORT_HEADER, rows)


def _row(listing: AuditListing) -> list[str]:
    entry, person = listing.entry, listing.actor
    return [
        entry.at.isoformat(timespec="seconds"),
        person.email if person else "",
        person.full_name if person else "",
        entry.action,
        entry.target_type,
        entry.target_id,
        json.dumps(entry.details, ensure_ascii=False, sort_keys=True, default=str),
    ]
