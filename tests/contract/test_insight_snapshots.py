"""Insight snapshots are kept whole and replaced whole, in memory, on SQLite and on PostgreSQL."""

from datetime import UTC, datetime, timedelta

from mb.domain.model.insight_views import SectorFitCounts, SectorHeatmap
from mb.domain.model.insights import InsightSnapshot
from tests.contract.insight_builders import UowFactory

AT = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)
HEATMAP = SectorHeatmap(
    3, (SectorFitCounts("Healthcare", 1, 1, 1, 55.5), SectorFitCounts("खुदरा (retail)", 0, 2, 1, 48.0))
)


async def test_a_snapshot_round_trips_and_a_newer_one_replaces_it(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        assert await uow.snapshots.get("sector_fit") is None
        await uow.snapshots.save(InsightSnapshot("sector_fit", AT, HEATMAP.as_record()))
        await uow.commit()
    async with uow_factory() as uow:
        stored = await uow.snapshots.get("sector_fit")
    assert stored is not None and stored.computed_at == AT
    assert SectorHeatmap.from_record(stored.payload) == HEATMAP

    later = SectorHeatmap(0, ())
    async with uow_factory() as uow:
        await uow.snapshots.save(InsightSnapshot("sector_fit", AT + timedelta(hours=1), later.as_record()))
        await uow.commit()
    async with uow_factory() as uow:
        replaced = await uow.snapshots.get("sector_fit")
        other = await uow.snapshots.get("something_else")
    assert replaced is not None and SectorHeatmap.from_record(replaced.payload) == later
    assert replaced.computed_at == AT + timedelta(hours=1) and other is None


async def test_a_snapshot_not_committed_is_not_kept(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await uow.snapshots.save(InsightSnapshot("sector_fit", AT, HEATMAP.as_record()))
    async with uow_factory() as uow:
        assert await uow.snapshots.get("sector_fit") is None
