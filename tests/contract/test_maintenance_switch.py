"""Maintenance mode stored where every replica reads it, the same on every backend."""

from datetime import UTC, datetime

from mb.domain.model.flags import Flag, FlagOverride
from mb.domain.model.maintenance import MaintenanceState
from tests.contract.conftest import UowFactory

AT = datetime(2026, 11, 28, 21, 0, tzinfo=UTC)


async def test_off_until_switched_on_and_back(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        assert await uow.maintenance.state() == MaintenanceState(False)
        await uow.maintenance.set(True, None, AT)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.maintenance.state() == MaintenanceState(True, AT, None)
        await uow.maintenance.set(False, None, AT)
        await uow.commit()
    async with uow_factory() as uow:
        assert not (await uow.maintenance.state()).on


async def test_it_is_not_mistaken_for_a_feature_flag(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await uow.maintenance.set(True, None, AT)
        await uow.flags.save(FlagOverride(Flag.GAMIFICATION, False, None, AT))
        await uow.commit()
    async with uow_factory() as uow:
        assert [o.name for o in await uow.flags.all()] == [Flag.GAMIFICATION]
        await uow.flags.delete(Flag.GAMIFICATION)
        await uow.commit()
    async with uow_factory() as uow:
        assert (await uow.maintenance.state()).on
