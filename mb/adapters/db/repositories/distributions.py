from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.repositories.bulk import chunks
from mb.adapters.db.tables import DistributionRow, InvitationRow
from mb.domain.model.invitation import Audience, DeliveryStatus, Distribution
from mb.domain.model.survey_views import DistributionCounts

_FIELDS = ("template_id", "label", "created_by", "created_at", "automatic")


class SqlaDistributionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, distribution: Distribution) -> Distribution:
        row = DistributionRow(
            audience=distribution.audience.value, **{name: getattr(distribution, name) for name in _FIELDS}
        )
        self._session.add(row)
        await self._session.flush()
        distribution.id = row.id
        return distribution

    async def get(self, distribution_id: int) -> Distribution | None:
        row = await self._session.get(DistributionRow, distribution_id)
        return _to_distribution(row) if row else None

    async def automatic_for(self, template_id: int) -> Distribution | None:
        row = await self._session.scalar(
            select(DistributionRow)
            .where(DistributionRow.template_id == template_id, DistributionRow.automatic.is_(True))
            .order_by(DistributionRow.id)
            .limit(1)
        )
        return _to_distribution(row) if row else None

    async def recent(self, offset: int, limit: int) -> Sequence[Distribution]:
        rows = await self._session.scalars(
            select(DistributionRow)
            .order_by(DistributionRow.created_at.desc(), DistributionRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [_to_distribution(row) for row in rows]

    async def count(self) -> int:
        found = await self._session.scalar(select(func.count()).select_from(DistributionRow))
        return int(found or 0)

    async def counts(self, distribution_ids: Collection[int], now: datetime) -> dict[int, DistributionCounts]:
        """Every id asked for is in the answer; one without invitations counts nothing."""
        found = {distribution_id: DistributionCounts() for distribution_id in distribution_ids}
        unanswered = InvitationRow.completed_at.is_(None)
        tallies = (
            func.count(),
            _tally(InvitationRow.delivery == DeliveryStatus.QUEUED.value),
            _tally(InvitationRow.delivery == DeliveryStatus.SENT.value),
            _tally(InvitationRow.delivery == DeliveryStatus.FAILED.value),
            _tally(InvitationRow.opened_at.is_not(None)),
            _tally(InvitationRow.completed_at.is_not(None)),
            _tally(and_(unanswered, InvitationRow.expires_at <= now)),
        )
        for chunk in chunks(sorted(found)):
            rows = await self._session.execute(
                select(InvitationRow.distribution_id, *tallies)
                .where(InvitationRow.distribution_id.in_(chunk))
                .group_by(InvitationRow.distribution_id)
            )
            for distribution_id, *numbers in rows:
                found[distribution_id] = DistributionCounts(*(int(n or 0) for n in numbers))
        return found


def _tally(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def _to_distribution(row: DistributionRow) -> Distribution:
    return Distribution(
        id=row.id, audience=Audience(row.audience), **{name: getattr(row, name) for name in _FIELDS}
    )
