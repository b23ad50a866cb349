"""Maintenance mode on fakes: who may switch it, the audit, and what /health then says."""

import pytest

from mb.bootstrap import Services
from mb.domain.errors import PermissionDenied
from mb.domain.model.health import Overall
from mb.domain.model.user import Actor
from tests.fakes import FakeClock, Store


async def test_an_admin_switches_maintenance_on_and_off_and_each_switch_is_audited(
    services: Services, admin: Actor, store: Store, clock: FakeClock
) -> None:
    assert not (await services.maintenance.state()).on
    state = await services.maintenance.switch(admin, True)
    assert (state.on, state.since, state.by) == (True, clock.now(), admin.user_id)
    assert (await services.maintenance.state()) == state
    await services.maintenance.switch(admin, False)
    assert [(e.action, e.actor_id) for e in store.audit[-2:]] == [
        ("maintenance.on", admin.user_id),
        ("maintenance.off", admin.user_id),
    ]


async def test_the_operator_switches_it_from_a_shell(services: Services, store: Store) -> None:
    await services.maintenance.switch(None, True)
    assert (await services.maintenance.state()).by is None and store.audit[-1].actor_id is None


async def test_no_one_else_may(services: Services, mentor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        await services.maintenance.switch(mentor, True)


async def test_health_says_maintenance_while_it_is_on_unless_the_database_is_down(
    services: Services, admin: Actor, store: Store
) -> None:
    assert (await services.health.report()).status is Overall.HEALTHY
    await services.maintenance.switch(admin, True)
    assert (await services.health.report()).status is Overall.MAINTENANCE
    store.down = True
    assert (await services.health.report()).status is Overall.UNHEALTHY
    assert not await services.maintenance.is_on()
