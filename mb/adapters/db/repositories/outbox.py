"""The mail outbox: rows claimed under a lease by one sender at a time."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.repositories.bulk import ROWS_PER_EXECUTEMANY, chunks, table_of
from mb.adapters.db.tables import InvitationRow, OutboxRow
from mb.domain.model.mail import OutboxKind, OutboxMessage, OutboxStatus

ERROR_LENGTH = 500
WAITING = (OutboxStatus.QUEUED.value, OutboxStatus.FAILED.value)


class SqlaOutbox:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_many(self, messages: Sequence[OutboxMessage]) -> None:
        rows = [_to_row(message) for message in messages]
        for chunk in chunks(rows, ROWS_PER_EXECUTEMANY):
            await self._session.execute(insert(table_of(OutboxRow)), chunk)

    async def claim(self, now: datetime, lease_until: datetime, limit: int) -> Sequence[OutboxMessage]:
        outbox = table_of(OutboxRow)
        due = (
            outbox.c.status.in_(WAITING),
            outbox.c.next_attempt_at <= now,
            or_(outbox.c.claimed_until.is_(None), outbox.c.claimed_until < now),
        )
        picked = select(outbox.c.id).where(*due).order_by(outbox.c.id).limit(limit)
        if self._session.get_bind().dialect.name == "sqlite":
            # One statement, picking and leasing together: SQLite runs one writer at a time, so a
            # second sender waits for the first to commit and then picks among what it left.
            chosen: ColumnElement[bool] = outbox.c.id.in_(picked.scalar_subquery())
        else:
            # Locked first, skipping rows another sender has locked (PostgreSQL), then leased; the
            # UPDATE's own conditions keep a row from being leased twice where nothing is skipped.
            # Not as a subquery of the UPDATE: PostgreSQL ran that per row and leased past LIMIT.
            ids = list(await self._session.scalars(picked.with_for_update(skip_locked=True)))
            if not ids:
                return []
            chosen = outbox.c.id.in_(ids)
        claimed = await self._session.execute(
            update(outbox).where(chosen, *due).values(claimed_until=lease_until).returning(*outbox.c)
        )
        return sorted((_to_message(row) for row in claimed), key=lambda message: message.id or 0)

    async def save(self, message: OutboxMessage) -> None:
        await self.save_many([message])

    async def save_many(self, messages: Sequence[OutboxMessage]) -> None:
        outbox = table_of(OutboxRow)
        # One statement run for every message (executemany): a statement each cost more than the
        # sending did when a batch of invitations went out.
        saving = (
            update(outbox)
            .where(outbox.c.id == bindparam("b_id"))
            .values(
                status=bindparam("b_status"),
                attempts=bindparam("b_attempts"),
                last_error=bindparam("b_last_error"),
                next_attempt_at=bindparam("b_next_attempt_at"),
                sent_at=bindparam("b_sent_at"),
                claimed_until=None,
            )
        )
        rows = [
            {
                "b_id": message.id,
                "b_status": message.status.value,
                "b_attempts": message.attempts,
                "b_last_error": message.last_error[:ERROR_LENGTH],
                "b_next_attempt_at": message.next_attempt_at,
                "b_sent_at": message.sent_at,
            }
            for message in messages
        ]
        for chunk in chunks(rows, ROWS_PER_EXECUTEMANY):
            await self._session.execute(saving, chunk)
        for message in messages:
            message.claimed_until = None

    async def retry_given_up(self, distribution_id: int, now: datetime) -> list[int]:
        outbox = table_of(OutboxRow)
        invitations = table_of(InvitationRow)
        still_open = select(invitations.c.id).where(
            invitations.c.distribution_id == distribution_id,
            invitations.c.completed_at.is_(None),
            invitations.c.expires_at > now,
        )
        given_up = (outbox.c.status == OutboxStatus.GAVE_UP.value, outbox.c.invitation_id.in_(still_open))
        ids = sorted(set(await self._session.scalars(select(outbox.c.invitation_id).where(*given_up))))
        if ids:
            await self._session.execute(
                update(outbox)
                .where(*given_up)
                .values(
                    status=OutboxStatus.QUEUED.value,
                    attempts=0,
                    last_error="",
                    next_attempt_at=now,
                    claimed_until=None,
                )
            )
        return ids

    async def pending(self) -> int:
        found = await self._session.scalar(
            select(func.count()).select_from(OutboxRow).where(OutboxRow.status.in_(WAITING))
        )
        return int(found or 0)

    async def purge_sent(self, before: datetime) -> int:
        result = await self._session.execute(
            delete(table_of(OutboxRow)).where(
                table_of(OutboxRow).c.status == OutboxStatus.SENT.value,
                table_of(OutboxRow).c.sent_at < before,
            )
        )
        assert isinstance(result, CursorResult)
        return int(result.rowcount)


def _to_row(message: OutboxMessage) -> dict[str, Any]:
    return {
        "invitation_id": message.invitation_id,
        "kind": message.kind.value,
        "status": message.status.value,
        "attempts": message.attempts,
        "last_error": message.last_error[:ERROR_LENGTH],
        "created_at": message.created_at,
        "next_attempt_at": message.next_attempt_at,
        "claimed_until": message.claimed_until,
        "sent_at": message.sent_at,
    }


def _to_message(row: Row[Any]) -> OutboxMessage:
    return OutboxMessage(
        id=row.id,
        invitation_id=row.invitation_id,
        kind=OutboxKind(row.kind),
        status=OutboxStatus(row.status),
        attempts=row.attempts,
        last_error=row.last_error,
        created_at=row.created_at,
        next_attempt_at=row.next_attempt_at,
        claimed_until=row.claimed_until,
        sent_at=row.sent_at,
    )
