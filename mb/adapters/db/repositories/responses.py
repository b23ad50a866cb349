from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import SurveyResponseRow, SurveyTemplateRow
from mb.domain.model.invitation import SurveyResponse

_FIELDS = ("template_id", "distribution_id", "invitation_id", "answers", "submitted_on", "submitted_at")


class SqlaResponseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, response: SurveyResponse) -> SurveyResponse:
        row = SurveyResponseRow(**{name: getattr(response, name) for name in _FIELDS})
        row.answers = dict(response.answers)
        self._session.add(row)
        await self._session.flush()
        response.id = row.id
        return response

    async def for_distribution(self, distribution_id: int) -> Sequence[SurveyResponse]:
        rows = await self._session.scalars(
            select(SurveyResponseRow)
            .where(SurveyResponseRow.distribution_id == distribution_id)
            .order_by(SurveyResponseRow.id)
        )
        return [_to_response(row) for row in rows]

    async def for_template(self, template_id: int) -> Sequence[SurveyResponse]:
        rows = await self._session.scalars(
            select(SurveyResponseRow)
            .where(SurveyResponseRow.template_id == template_id)
            .order_by(SurveyResponseRow.id)
        )
        return [_to_response(row) for row in rows]

    async def count_for_template(self, template_id: int) -> int:
        found = await self._session.scalar(
            select(func.count())
            .select_from(SurveyResponseRow)
            .where(SurveyResponseRow.template_id == template_id)
        )
        return int(found or 0)

    async def count_for_family(self, family_id: int) -> int:
        found = await self._session.scalar(
            select(func.count())
            .select_from(SurveyResponseRow)
            .join(SurveyTemplateRow, SurveyTemplateRow.id == SurveyResponseRow.template_id)
            .where(SurveyTemplateRow.family_id == family_id)
        )
        return int(found or 0)


def _to_response(row: SurveyResponseRow) -> SurveyResponse:
    return SurveyResponse(id=row.id, **{name: getattr(row, name) for name in _FIELDS})
