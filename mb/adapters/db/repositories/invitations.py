"""Invitations (table `survey_distribution_logs`): one person asked once to answer a template."""

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Exists,
    Result,
    Select,
    and_,
    bindparam,
    case,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.repositories.bulk import ROWS_PER_EXECUTEMANY, chunks, table_of
from mb.adapters.db.repositories.youth_filter import youth_conditions
from mb.adapters.db.tables import InvitationRow, PlacementRow, SurveyTemplateRow, UserRow
from mb.adapters.db.types import UtcDateTime
from mb.domain.model.invitation import Audience, Delivery, DeliveryStatus, Invitation
from mb.domain.model.survey_views import Recipient
from mb.domain.model.youth_filter import YouthFilter

_FIELDS = (
    "distribution_id",
    "template_id",
    "recipient_email",
    "youth_id",
    "placement_id",
    "token_hash",
    "token_seed",
    "created_at",
    "send_after",
    "expires_at",
    "sent_at",
    "opened_at",
    "completed_at",
    "reminders_sent",
    "last_reminded_at",
)
REASON_LENGTH = 500


class SqlaInvitationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_many(self, invitations: Sequence[Invitation]) -> list[int]:
        table = table_of(InvitationRow)
        # INSERT … RETURNING in batches (SQLAlchemy's "insertmanyvalues"); the ids come back in
        # the order the rows were given.
        inserting = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        ids: list[int] = []
        for chunk in chunks(invitations, ROWS_PER_EXECUTEMANY):
            stored = await self._session.execute(inserting, [_to_row(invitation) for invitation in chunk])
            ids += [int(row_id) for row_id in stored.scalars()]
        for invitation, invitation_id in zip(invitations, ids, strict=True):
            invitation.id = invitation_id
        return ids

    async def get(self, invitation_id: int) -> Invitation | None:
        row = await self._session.get(InvitationRow, invitation_id, populate_existing=True)
        return _to_invitation(row) if row else None

    async def get_many(self, invitation_ids: Collection[int]) -> dict[int, Invitation]:
        found: dict[int, Invitation] = {}
        for chunk in chunks(sorted(set(invitation_ids))):
            rows = await self._session.scalars(_rows().where(InvitationRow.id.in_(chunk)))
            found.update((row.id, _to_invitation(row)) for row in rows)
        return found

    async def by_token_hash(self, token_hash: str) -> Invitation | None:
        row = await self._session.scalar(_rows().where(InvitationRow.token_hash == token_hash))
        return _to_invitation(row) if row else None

    async def mark_opened(self, invitation_id: int, at: datetime) -> None:
        await self._update(
            and_(InvitationRow.id == invitation_id, InvitationRow.opened_at.is_(None)), opened_at=at
        )

    async def complete(self, invitation_id: int, at: datetime) -> bool:
        # Conditional: of two submissions at once, the second waits for the first's row lock (or
        # SQLite's write lock) and then finds it answered.
        changed = await self._update(
            and_(InvitationRow.id == invitation_id, InvitationRow.completed_at.is_(None)), completed_at=at
        )
        return changed == 1

    async def record_delivery(
        self, invitation_id: int, status: DeliveryStatus, reason: str, sent_at: datetime | None
    ) -> None:
        await self.record_deliveries([Delivery(invitation_id, status, reason, sent_at)])

    async def record_deliveries(self, deliveries: Sequence[Delivery]) -> None:
        logs = table_of(InvitationRow)
        recording = (
            update(logs)
            .where(logs.c.id == bindparam("b_id"))
            .values(
                delivery=bindparam("b_delivery"),
                failure_reason=bindparam("b_reason"),
                # A failure keeps when it was first sent, if it was.
                sent_at=func.coalesce(bindparam("b_sent_at", type_=UtcDateTime()), logs.c.sent_at),
            )
        )
        rows = [
            {
                "b_id": d.invitation_id,
                "b_delivery": d.status.value,
                "b_reason": d.reason[:REASON_LENGTH],
                "b_sent_at": d.sent_at,
            }
            for d in deliveries
        ]
        for chunk in chunks(rows, ROWS_PER_EXECUTEMANY):
            await self._session.execute(recording, chunk)

    async def record_reminder(self, invitation_id: int, reminders_seen: int, at: datetime) -> bool:
        changed = await self._update(
            (InvitationRow.id == invitation_id) & (InvitationRow.reminders_sent == reminders_seen),
            reminders_sent=InvitationRow.reminders_sent + 1,
            last_reminded_at=at,
        )
        return changed == 1

    async def youth_recipients(
        self, youth: YouthFilter, family_id: int, now: datetime
    ) -> Sequence[Recipient]:
        invited = _open_invitation(family_id, now, InvitationRow.youth_id == UserRow.id, Audience.YOUTH)
        rows = await self._session.execute(
            select(UserRow.email, UserRow.id, UserRow.full_name, _flag(invited))
            .where(*youth_conditions(youth))
            .order_by(UserRow.id)
        )
        return [
            Recipient(email, youth_id, None, name, bool(already)) for email, youth_id, name, already in rows
        ]

    async def employer_recipients(
        self, started_from: date | None, started_to: date | None, family_id: int, now: datetime
    ) -> Sequence[Recipient]:
        invited = _open_invitation(
            family_id, now, InvitationRow.placement_id == PlacementRow.id, Audience.EMPLOYER
        )
        starting: list[ColumnElement[bool]] = []
        if started_from is not None:
            starting.append(PlacementRow.start_date >= started_from)
        if started_to is not None:
            starting.append(PlacementRow.start_date <= started_to)
        rows = await self._session.execute(
            select(
                PlacementRow.contact_email,
                PlacementRow.youth_id,
                PlacementRow.id,
                UserRow.full_name,
                _flag(invited),
            )
            .join(UserRow, UserRow.id == PlacementRow.youth_id)
            .where(*starting)
            .order_by(PlacementRow.start_date, PlacementRow.id)
        )
        return [
            Recipient(email, youth_id, placement_id, name, bool(already))
            for email, youth_id, placement_id, name, already in rows
        ]

    async def due_for_reminder(
        self,
        sent_before: datetime,
        max_reminders: int,
        now: datetime,
        distribution_id: int | None,
        limit: int,
    ) -> Sequence[Invitation]:
        conditions = [
            InvitationRow.sent_at.is_not(None),
            InvitationRow.completed_at.is_(None),
            InvitationRow.expires_at > now,
            InvitationRow.reminders_sent < max_reminders,
            func.coalesce(InvitationRow.last_reminded_at, InvitationRow.sent_at) < sent_before,
        ]
        if distribution_id is not None:
            conditions.append(InvitationRow.distribution_id == distribution_id)
        rows = await self._session.scalars(_rows().where(*conditions).order_by(InvitationRow.id).limit(limit))
        return [_to_invitation(row) for row in rows]

    async def pending_for_youth(self, youth_id: int, now: datetime) -> Sequence[Invitation]:
        rows = await self._session.scalars(
            _rows()
            .where(
                InvitationRow.youth_id == youth_id,
                InvitationRow.audience == Audience.YOUTH.value,
                InvitationRow.completed_at.is_(None),
                InvitationRow.expires_at > now,
            )
            .order_by(InvitationRow.expires_at, InvitationRow.id)
        )
        return [_to_invitation(row) for row in rows]

    async def for_distribution(self, distribution_id: int, offset: int, limit: int) -> Sequence[Invitation]:
        rows = await self._session.scalars(
            _rows()
            .where(InvitationRow.distribution_id == distribution_id)
            .order_by(InvitationRow.id)
            .offset(offset)
            .limit(limit)
        )
        return [_to_invitation(row) for row in rows]

    async def sent_and_answered(
        self, distribution_id: int
    ) -> Sequence[tuple[datetime | None, datetime | None]]:
        rows = await self._session.execute(
            select(InvitationRow.sent_at, InvitationRow.completed_at).where(
                InvitationRow.distribution_id == distribution_id,
                or_(InvitationRow.sent_at.is_not(None), InvitationRow.completed_at.is_not(None)),
            )
        )
        return [(sent, completed) for sent, completed in rows]

    async def purge_expired(self, before: datetime) -> int:
        return await self._update(
            and_(InvitationRow.expires_at < before, InvitationRow.token_hash.is_not(None)),
            token_hash=None,
            token_seed=None,
        )

    async def _update(self, where: ColumnElement[bool], **values: Any) -> int:
        result: Result[Any] = await self._session.execute(
            update(InvitationRow).where(where).values(**values).execution_options(synchronize_session=False)
        )
        assert isinstance(result, CursorResult)
        return int(result.rowcount)


def _rows() -> Select[InvitationRow]:
    # Writes go straight to the table (UPDATE … WHERE), past any row this session loaded
    # before: every read replaces those.
    return select(InvitationRow).execution_options(populate_existing=True)


def _open_invitation(
    family_id: int, now: datetime, concerning: ColumnElement[bool], audience: Audience
) -> Exists:
    """An invitation to any version of the template, not answered and not expired."""
    return (
        select(InvitationRow.id)
        .join(SurveyTemplateRow, SurveyTemplateRow.id == InvitationRow.template_id)
        .where(
            concerning,
            InvitationRow.audience == audience.value,
            SurveyTemplateRow.family_id == family_id,
            InvitationRow.completed_at.is_(None),
            InvitationRow.expires_at > now,
        )
        .exists()
    )


def _flag(condition: Exists) -> ColumnElement[int]:
    # As CASE: Azure SQL allows no bare EXISTS among the selected columns.
    return case((condition, 1), else_=0)


def _to_row(invitation: Invitation) -> dict[str, Any]:
    row = {name: getattr(invitation, name) for name in _FIELDS}
    row["audience"] = invitation.audience.value
    row["delivery"] = invitation.delivery.value
    row["failure_reason"] = invitation.failure_reason[:REASON_LENGTH]
    return row


def _to_invitation(row: InvitationRow) -> Invitation:
    return Invitation(
        id=row.id,
        audience=Audience(row.audience),
        delivery=DeliveryStatus(row.delivery),
        failure_reason=row.failure_reason,
        **{name: getattr(row, name) for name in _FIELDS},
    )
