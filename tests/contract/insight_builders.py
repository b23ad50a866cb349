"""Daily features, risk and interventions to store in the insights contract tests."""

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from mb.adapters.db.repositories import on_conflict
from mb.domain.model.daily_features import DailyFeatures
from mb.domain.model.insights import AssessedFeatures
from mb.domain.model.intervention import Intervention, InterventionKind
from mb.domain.model.risk import RiskAssessment, RiskLevel, RiskReason, RiskReasonCode
from mb.domain.ports.unit_of_work import UnitOfWork

UowFactory = Callable[[], UnitOfWork]
DAY = date(2026, 11, 28)
COMPUTED_AT = datetime(2026, 11, 28, 20, 45, 1, 654321, tzinfo=UTC)
T0 = datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=UTC)


def features(user_id: int, day: date = DAY, **fields: Any) -> DailyFeatures:
    values: dict[str, Any] = {
        "modules_assigned": 2,
        "modules_started": 1,
        "modules_completed": 0,
        "avg_completion": 37.5,
        "days_since_registration": 30,
        "days_inactive": 2,
        "active_days_7": 3,
        "active_days_30": 9,
        "quiz_attempts": 1,
        "points": 40,
        "streak_days": 0,
        "surveys_pending": 1,
        "career_survey_done": False,
        "badges_earned": 0,
        "placed": False,
        "feature_timestamp": COMPUTED_AT,
    }
    values.update(fields)
    return DailyFeatures(user_id=user_id, feature_date=day, **values)


def level_of(score: int) -> RiskLevel:
    return RiskLevel.HIGH if score >= 7 else RiskLevel.MEDIUM if score >= 4 else RiskLevel.LOW


def assessed(
    user_id: int, day: date = DAY, score: int = 3, reasons: tuple[RiskReason, ...] = (), **fields: Any
) -> AssessedFeatures:
    """A stored row; its reasons say how the score was made unless given."""
    given = reasons or ((RiskReason(RiskReasonCode.INACTIVE_LONG, score),) if score else ())
    return AssessedFeatures(features(user_id, day, **fields), RiskAssessment(score, level_of(score), given))


def rescored(row: AssessedFeatures, score: int) -> AssessedFeatures:
    return replace(row, risk=replace(row.risk, score=score, level=level_of(score)))


async def store(uow_factory: UowFactory, *rows: AssessedFeatures, totals: bool = True) -> None:
    async with uow_factory() as uow:
        await uow.features.upsert(list(rows))
        if totals:
            await uow.features.refresh_totals([row.features.feature_date for row in rows])
        await uow.commit()


def an_intervention(
    mentor_id: int, youth_id: int, at: datetime = T0, kind: InterventionKind = InterventionKind.CALL
) -> Intervention:
    return Intervention(mentor_id, youth_id, kind, "Talked about the IT module", "Will resume tonight", at)


async def intervene(uow_factory: UowFactory, *items: tuple[Intervention, date]) -> list[int]:
    async with uow_factory() as uow:
        for intervention, on_day in items:
            await uow.interventions.add(intervention, on_day)
        await uow.commit()
    return [intervention.id for intervention, _ in items if intervention.id is not None]


@pytest.fixture(params=["on_conflict", "read_first"])
def insert_way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Runs a test with INSERT … ON CONFLICT, and again the way backends without it go (Azure SQL)."""
    if request.param == "read_first":
        monkeypatch.setattr(on_conflict, "INSERTS", {})
    yield request.param


def days_before(day: date, days: int) -> date:
    return day - timedelta(days=days)
