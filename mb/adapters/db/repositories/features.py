"""`student_daily_features`, each row with its risk assessment, and the per-day totals counted
from it (`feature_day_totals`)."""

import operator
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, case, delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.repositories.bulk import ROWS_PER_EXECUTEMANY, chunks, insert_all, table_of
from mb.adapters.db.repositories.on_conflict import conflict_insert
from mb.adapters.db.tables import DailyFeaturesRow, FeatureDayTotalsRow
from mb.domain.model.daily_features import FEATURE_COLUMNS, DailyFeatures
from mb.domain.model.insights import AssessedFeatures
from mb.domain.model.risk import RiskAssessment, RiskLevel
from mb.domain.rules.risk import decode_reasons, encode_reasons

KEY = ("user_id", "feature_date")
RISK_COLUMNS = ("risk_score", "risk_level", "risk_reasons")
COLUMNS = (*FEATURE_COLUMNS, *RISK_COLUMNS)
TOTALS = (
    "feature_date",
    "youth",
    "active_7_days",
    "modules_assigned",
    "modules_completed",
    "high",
    "medium",
    "low",
)
_features_of = operator.attrgetter(*FEATURE_COLUMNS)  # a sync turns thousands of rows a second
# Days recounted per statement: far below every backend's parameter limit.
DAYS_PER_STATEMENT = 1000


class SqlaFeatureStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def upsert(self, rows: Sequence[AssessedFeatures]) -> None:
        # One row per key, the last given winning: PostgreSQL refuses to update a row twice
        # in one statement, and a batch that repeats a key means its newest reading.
        keyed = {(row.features.user_id, row.features.feature_date): _to_row(row) for row in rows}
        values = list(keyed.values())
        if not values:
            return
        table = table_of(DailyFeaturesRow)
        statement = conflict_insert(self._session, table)
        if statement is None:
            await self._replace(values)
            return
        replaced = {name: statement.excluded[name] for name in COLUMNS if name not in KEY}
        upsert = statement.on_conflict_do_update(index_elements=list(KEY), set_=replaced)
        for chunk in chunks(values, ROWS_PER_EXECUTEMANY):
            await self._session.execute(upsert, chunk)  # executemany: one round trip a chunk

    async def refresh_totals(self, days: Sequence[date]) -> None:
        wanted = sorted(set(days))
        for chunk in chunks(wanted, DAYS_PER_STATEMENT):
            counted = _totals_of(chunk)
            table = table_of(FeatureDayTotalsRow)
            statement = conflict_insert(self._session, table)
            if statement is None:
                await self._session.execute(delete(table).where(table.c.feature_date.in_(chunk)))
                await self._session.execute(insert(table).from_select(list(TOTALS), counted))
                continue
            recounted = {name: statement.excluded[name] for name in TOTALS if name != "feature_date"}
            await self._session.execute(
                statement.from_select(list(TOTALS), counted).on_conflict_do_update(
                    index_elements=["feature_date"], set_=recounted
                )
            )

    async def latest_day(self) -> date | None:
        found: date | None = await self._session.scalar(select(func.max(DailyFeaturesRow.feature_date)))
        return found

    async def for_youth(self, user_id: int, first: date, last: date) -> Sequence[AssessedFeatures]:
        table = table_of(DailyFeaturesRow)
        found = await self._session.execute(
            select(*(table.c[name] for name in COLUMNS))
            .where(table.c.user_id == user_id, table.c.feature_date.between(first, last))
            .order_by(table.c.feature_date)
        )
        return [assessed(row) for row in found]

    async def _replace(self, values: Sequence[dict[str, Any]]) -> None:
        """Without INSERT … ON CONFLICT (Azure SQL): the stored rows of these keys go, then all
        are inserted, in the same transaction."""
        by_day: dict[date, list[int]] = {}
        for value in values:
            by_day.setdefault(value["feature_date"], []).append(value["user_id"])
        for day, user_ids in by_day.items():
            for chunk in chunks(user_ids):
                await self._session.execute(
                    delete(DailyFeaturesRow).where(
                        DailyFeaturesRow.feature_date == day, DailyFeaturesRow.user_id.in_(chunk)
                    )
                )
        await insert_all(self._session, DailyFeaturesRow, values)


def _totals_of(days: Sequence[date]) -> Select[*tuple[Any, ...]]:
    row = DailyFeaturesRow
    return (
        select(row.feature_date, *day_totals_columns())
        .where(row.feature_date.in_(days))
        .group_by(row.feature_date)
    )


def day_totals_columns() -> list[ColumnElement[Any]]:
    """A day's totals (youth, active in 7 days, modules assigned and completed, youth per risk
    level) over the features rows grouped by day: as `feature_day_totals` holds them."""
    row = DailyFeaturesRow
    return [
        func.count(),
        number_where(row.active_days_7 > 0),
        func.sum(row.modules_assigned),
        func.sum(row.modules_completed),
        *(number_where(row.risk_level == level.value) for level in RiskLevel),
    ]


def number_where(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    """How many rows of the group meet `condition`."""
    return func.sum(case((condition, 1), else_=0))


def _to_row(row: AssessedFeatures) -> dict[str, Any]:
    values = dict(zip(FEATURE_COLUMNS, _features_of(row.features), strict=True))
    values["risk_score"] = row.risk.score
    values["risk_level"] = row.risk.level.value
    values["risk_reasons"] = encode_reasons(row.risk.reasons)
    return values


def assessed(row: Row[Any]) -> AssessedFeatures:
    """A stored row (every column of COLUMNS, in that order) as the domain sees it."""
    values = row._mapping
    features = DailyFeatures(**{name: values[name] for name in FEATURE_COLUMNS})
    risk = RiskAssessment(
        values["risk_score"], RiskLevel(values["risk_level"]), decode_reasons(values["risk_reasons"])
    )
    return AssessedFeatures(features, risk)
