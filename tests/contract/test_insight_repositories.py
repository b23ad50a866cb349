"""What the feature store, the sync log and the interventions must do in memory, on SQLite and
on PostgreSQL — the SQL ones also the way backends without INSERT … ON CONFLICT go."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import mssql, postgresql, sqlite

from mb.adapters.db.repositories.day_arithmetic import days_after, days_between
from mb.adapters.db.tables import AssignmentRow, InterventionRow
from mb.domain.model.daily_features import FeatureWatermark, SyncState
from mb.domain.model.insights import DayTotals
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.risk import RiskLevel, RiskReason, RiskReasonCode
from mb.domain.model.roles import Role
from tests.contract.insight_builders import (
    COMPUTED_AT,
    DAY,
    T0,
    UowFactory,
    an_intervention,
    assessed,
    days_before,
    insert_way,  # noqa: F401  (a fixture, found by name)
    intervene,
    rescored,
    store,
)
from tests.contract.test_engagement_repositories import a_user, people

YESTERDAY = days_before(DAY, 1)

# The feature store


@pytest.mark.usefixtures("insert_way")
async def test_storing_rows_twice_is_storing_them_once_and_a_changed_row_replaces_the_stored_one(
    uow_factory: UowFactory,
) -> None:
    reasons = (
        RiskReason(RiskReasonCode.INACTIVE_WEEK, 3),
        RiskReason(RiskReasonCode.COMPLETION_LOW, 1),
        RiskReason(RiskReasonCode.NO_QUIZ_OR_CAREER, 1),
    )
    first = assessed(7, YESTERDAY, 5, reasons, avg_completion=41.25, career_survey_done=True, placed=True)
    second = assessed(7, DAY, 2, badges_earned=3, streak_days=4)
    other = assessed(8, DAY, 0)

    await store(uow_factory, first, second, other)
    await store(uow_factory, first, second, other)

    async with uow_factory() as uow:
        assert list(await uow.features.for_youth(7, YESTERDAY, DAY)) == [first, second]
        assert await uow.features.latest_day() == DAY
    changed = replace(rescored(second, 9), features=replace(second.features, days_inactive=16, points=55))
    # A batch that repeats a key stores its last reading.
    await store(uow_factory, replace(changed, risk=first.risk), changed)
    async with uow_factory() as uow:
        assert list(await uow.features.for_youth(7, YESTERDAY, DAY)) == [first, changed]
        assert list(await uow.features.for_youth(7, DAY, DAY)) == [changed]
        assert list(await uow.features.for_youth(8, YESTERDAY, DAY)) == [other]
        assert list(await uow.features.for_youth(9, YESTERDAY, DAY)) == []


async def test_a_stored_row_comes_back_exactly(uow_factory: UowFactory) -> None:
    row = assessed(
        3,
        score=10,
        reasons=(RiskReason(RiskReasonCode.INACTIVE_LONG, 4), RiskReason(RiskReasonCode.NOTHING_STARTED, 6)),
        avg_completion=33.333333333333336,
        feature_timestamp=COMPUTED_AT,
    )

    await store(uow_factory, row)

    async with uow_factory() as uow:
        (found,) = await uow.features.for_youth(3, DAY, DAY)
    assert found == row
    assert found.features.feature_timestamp.utcoffset() == timedelta(0)
    assert type(found.features.placed) is bool and type(found.features.avg_completion) is float
    assert found.risk.level is RiskLevel.HIGH


async def test_nothing_stored_means_no_latest_day_and_an_empty_batch_changes_nothing(
    uow_factory: UowFactory,
) -> None:
    async with uow_factory() as uow:
        await uow.features.upsert([])
        await uow.features.refresh_totals([])
        assert await uow.features.latest_day() is None
        assert list(await uow.insights.day_totals(YESTERDAY, DAY, None)) == []


@pytest.mark.usefixtures("insert_way")
async def test_the_totals_of_a_day_are_recounted_from_its_stored_rows(uow_factory: UowFactory) -> None:
    rows = [
        assessed(1, score=8, active_days_7=0, modules_assigned=3, modules_completed=1),
        assessed(2, score=5, active_days_7=2, modules_assigned=2, modules_completed=2),
        assessed(3, score=1, active_days_7=7, modules_assigned=0, modules_completed=0),
        assessed(4, score=7, active_days_7=1, modules_assigned=1, modules_completed=0),
        assessed(1, YESTERDAY, score=2, active_days_7=5, modules_assigned=1, modules_completed=0),
    ]
    await store(uow_factory, *rows)
    # Stored without a recount: its day has no totals until one is asked for.
    await store(uow_factory, assessed(1, days_before(DAY, 5)), totals=False)

    async with uow_factory() as uow:
        counted = list(await uow.insights.day_totals(days_before(DAY, 7), DAY, None))
    assert counted == [
        DayTotals(YESTERDAY, 1, 1, 1, 0, 0, 0, 1),
        DayTotals(DAY, 4, 3, 6, 3, 2, 1, 1),
    ]

    await store(uow_factory, rescored(rows[0], 3), totals=False)
    async with uow_factory() as uow:
        await uow.features.refresh_totals([DAY, DAY])
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.insights.day_totals(DAY, DAY, None)) == [DayTotals(DAY, 4, 3, 6, 3, 1, 1, 2)]
        assert list(await uow.insights.day_totals(days_before(DAY, 30), days_before(DAY, 2), None)) == []


async def test_a_mentors_totals_count_their_caseloads_rows_of_each_day(uow_factory: UowFactory) -> None:
    meera, arjun = await people(
        uow_factory, a_user("meera@example.org", Role.MENTOR), a_user("arjun@example.org", Role.MENTOR)
    )
    priya, rahul, kiran = await people(
        uow_factory,
        a_user("priya@example.org", mentor_id=meera),
        a_user("rahul@example.org", mentor_id=meera),
        a_user("kiran@example.org", mentor_id=arjun),
    )
    await store(
        uow_factory,
        assessed(priya, score=9, active_days_7=0, modules_assigned=2, modules_completed=1),
        assessed(rahul, score=4, active_days_7=3, modules_assigned=3, modules_completed=3),
        assessed(kiran, score=0, active_days_7=3),
        assessed(priya, YESTERDAY, score=2, modules_assigned=1, modules_completed=0),
        assessed(rahul, days_before(DAY, 40), score=2),
    )

    async with uow_factory() as uow:
        mine = list(await uow.insights.day_totals(days_before(DAY, 30), DAY, meera))
        theirs = list(await uow.insights.day_totals(DAY, DAY, arjun))
        nobody = list(await uow.insights.day_totals(DAY, DAY, kiran))

    assert mine == [DayTotals(YESTERDAY, 1, 1, 1, 0, 0, 0, 1), DayTotals(DAY, 2, 1, 5, 4, 1, 1, 0)]
    assert theirs == [DayTotals(DAY, 1, 1, 2, 0, 0, 0, 1)]
    assert nobody == []


# The sync log


@pytest.mark.usefixtures("insert_way")
async def test_a_source_never_synced_has_a_fresh_state_and_a_saved_one_comes_back(
    uow_factory: UowFactory,
) -> None:
    async with uow_factory() as uow:
        fresh = await uow.feature_sync.get("databricks")
    assert fresh == SyncState("databricks")

    synced = SyncState(
        "databricks",
        FeatureWatermark(COMPUTED_AT, 42, YESTERDAY),
        last_synced_at=T0,
        rows_last_sync=5000,
    )
    async with uow_factory() as uow:
        await uow.feature_sync.save(synced)
        await uow.commit()
    failed = replace(synced, last_error="Databricks refused the token: " + "x" * 600, last_error_at=T0)
    async with uow_factory() as uow:
        assert await uow.feature_sync.get("databricks") == synced
        assert await uow.feature_sync.get("local") == SyncState("local")
        await uow.feature_sync.save(failed)
        await uow.feature_sync.save(SyncState("local", rows_last_sync=3))
        await uow.commit()

    async with uow_factory() as uow:
        found = await uow.feature_sync.get("databricks")
        local = await uow.feature_sync.get("local")
    assert found == replace(failed, last_error=failed.last_error[:500])
    assert found.stale
    assert local == SyncState("local", rows_last_sync=3)


async def test_the_latest_day_of_a_sync_state_is_the_newest_day_with_features_stored(
    uow_factory: UowFactory,
) -> None:
    async with uow_factory() as uow:
        await uow.feature_sync.save(SyncState("local", latest_day=date(2030, 1, 1)))
        await uow.commit()
    await store(uow_factory, assessed(1, YESTERDAY), assessed(2, days_before(DAY, 3)))

    async with uow_factory() as uow:
        assert (await uow.feature_sync.get("local")).latest_day == YESTERDAY
        assert (await uow.feature_sync.get("databricks")).latest_day == YESTERDAY


# Interventions


async def test_interventions_come_back_newest_first_for_their_youth_only(uow_factory: UowFactory) -> None:
    meera, priya, rahul = await people(
        uow_factory,
        a_user("meera@example.org", Role.MENTOR),
        a_user("priya@example.org"),
        a_user("rahul@example.org"),
    )
    older = an_intervention(meera, priya, T0 - timedelta(days=3), InterventionKind.MESSAGE)
    same_moment = an_intervention(meera, priya, T0, InterventionKind.MEETING)
    newest = replace(an_intervention(meera, priya, T0), note="फ़ोन पर बात की — called", outcome="")
    elsewhere = an_intervention(meera, rahul, T0 + timedelta(days=1))

    ids = await intervene(
        uow_factory, (older, DAY), (same_moment, DAY), (newest, DAY), (elsewhere, DAY + timedelta(days=1))
    )

    assert len(set(ids)) == 4
    async with uow_factory() as uow:
        assert list(await uow.interventions.for_youth(priya, 10)) == [newest, same_moment, older]
        assert list(await uow.interventions.for_youth(priya, 1)) == [newest]
        assert list(await uow.interventions.for_youth(rahul, 10)) == [elsewhere]
        assert list(await uow.interventions.for_youth(meera, 10)) == []
        assert await uow.insights.interventions_count(T0) == 3
        assert await uow.insights.interventions_count(T0 - timedelta(days=3)) == 4
        assert await uow.insights.interventions_count(T0 + timedelta(days=2)) == 0


# Date arithmetic, as each backend spells it


def test_day_arithmetic_is_written_in_each_backends_own_sql() -> None:
    statement = select(
        days_after(InterventionRow.on_day, 14),
        days_between(AssignmentRow.assigned_at, AssignmentRow.completed_at),
    )

    spelled = {
        dialect.name: str(statement.compile(dialect=dialect))
        for dialect in (sqlite.dialect(), postgresql.dialect(), mssql.dialect())
    }

    assert "date(interventions.on_day, printf('%+d days'" in spelled["sqlite"]
    assert (
        "julianday(learning_modules.completed_at) - julianday(learning_modules.assigned_at)"
        in spelled["sqlite"]
    )
    assert "(interventions.on_day + CAST(" in spelled["postgresql"]
    assert (
        "EXTRACT(EPOCH FROM (learning_modules.completed_at - learning_modules.assigned_at))"
        in (spelled["postgresql"])
    )
    assert "DATEADD(day, " in spelled["mssql"] and ", interventions.on_day)" in spelled["mssql"]
    assert (
        "DATEDIFF_BIG(millisecond, learning_modules.assigned_at, learning_modules.completed_at)"
        in (spelled["mssql"])
    )
