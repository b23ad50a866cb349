"""Survey templates, each version a row; questions kept as JSON."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import SurveyTemplateRow
from mb.domain.model.survey import Feeds, QuestionKind, SurveyQuestion, SurveyTemplate, TemplateType

_FIELDS = (
    "family_id",
    "version",
    "name",
    "description",
    "anonymous",
    "active",
    "current",
    "created_by",
    "created_at",
)


class SqlaSurveyTemplateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, template: SurveyTemplate) -> SurveyTemplate:
        row = SurveyTemplateRow()
        _copy_to_row(template, row)
        self._session.add(row)
        await self._session.flush()
        if row.family_id is None:
            row.family_id = row.id  # a first version: its own family
            await self._session.flush()
        template.id, template.family_id = row.id, row.family_id
        return template

    async def get(self, template_id: int) -> SurveyTemplate | None:
        row = await self._session.get(SurveyTemplateRow, template_id)
        return _to_template(row) if row else None

    async def update(self, template: SurveyTemplate) -> None:
        row = await self._session.get(SurveyTemplateRow, template.id)
        if row is None:
            raise LookupError(f"survey template {template.id} vanished")
        _copy_to_row(template, row)
        if row.family_id is None:
            row.family_id = row.id
        await self._session.flush()

    async def current(self) -> Sequence[SurveyTemplate]:
        rows = await self._session.scalars(
            select(SurveyTemplateRow)
            .where(SurveyTemplateRow.current.is_(True))
            .order_by(SurveyTemplateRow.name, SurveyTemplateRow.id)
        )
        return [_to_template(row) for row in rows]

    async def versions(self, family_id: int) -> Sequence[SurveyTemplate]:
        rows = await self._session.scalars(
            select(SurveyTemplateRow)
            .where(SurveyTemplateRow.family_id == family_id)
            .order_by(SurveyTemplateRow.version, SurveyTemplateRow.id)
        )
        return [_to_template(row) for row in rows]

    async def current_of_type(self, type_: str) -> SurveyTemplate | None:
        row = await self._session.scalar(
            select(SurveyTemplateRow)
            .where(
                SurveyTemplateRow.type == type_,
                SurveyTemplateRow.current.is_(True),
                SurveyTemplateRow.active.is_(True),
            )
            .order_by(SurveyTemplateRow.family_id, SurveyTemplateRow.id)
            .limit(1)
        )
        return _to_template(row) if row else None


def questions_to_json(questions: Sequence[SurveyQuestion]) -> list[dict[str, Any]]:
    return [
        {
            "key": q.key,
            "text": q.text,
            "kind": q.kind.value,
            "required": q.required,
            "options": list(q.options),
            "max_length": q.max_length,
            "feeds": q.feeds.value,
        }
        for q in questions
    ]


def questions_from_json(stored: Sequence[dict[str, Any]]) -> list[SurveyQuestion]:
    return [
        SurveyQuestion(
            key=str(q["key"]),
            text=str(q["text"]),
            kind=QuestionKind(q["kind"]),
            required=bool(q.get("required", True)),
            options=tuple(str(option) for option in q.get("options", ())),
            max_length=int(q.get("max_length", 500)),
            feeds=Feeds(q.get("feeds", "")),
        )
        for q in stored
    ]


def _copy_to_row(template: SurveyTemplate, row: SurveyTemplateRow) -> None:
    for name in _FIELDS:
        setattr(row, name, getattr(template, name))
    row.type = template.type.value
    row.questions = questions_to_json(template.questions)


def _to_template(row: SurveyTemplateRow) -> SurveyTemplate:
    return SurveyTemplate(
        id=row.id,
        type=TemplateType(row.type),
        questions=questions_from_json(row.questions),
        **{name: getattr(row, name) for name in _FIELDS},
    )
