"""Readiness: checks run at once, each bounded; the database decides unhealthy."""

import asyncio
import time

from mb.domain.model.health import CheckStatus, Overall
from mb.domain.services.health import HealthService
from tests.fakes import FakeClock


async def ok() -> str:
    return "fine"


async def broken() -> str:
    raise ConnectionRefusedError("connection refused")


async def hangs() -> str:
    await asyncio.sleep(60)
    return "never"


def health(**probes: object) -> HealthService:
    return HealthService(probes, "9.9.9", FakeClock(), timeout_s=0.3)  # type: ignore[arg-type]


async def test_all_answering_is_healthy() -> None:
    report = await health(database=ok, storage=ok, databricks=None).report()
    assert report.status is Overall.HEALTHY
    assert report.checks["databricks"].status is CheckStatus.NOT_CONFIGURED
    assert report.version == "9.9.9"


async def test_a_failing_database_is_unhealthy() -> None:
    report = await health(database=broken, storage=ok).report()
    assert report.status is Overall.UNHEALTHY
    assert report.checks["database"].detail == "connection refused"


async def test_failing_storage_only_degrades() -> None:
    report = await health(database=ok, storage=broken).report()
    assert report.status is Overall.DEGRADED


async def test_a_hanging_check_is_cut_off_at_its_timeout_while_the_others_run() -> None:
    started = time.perf_counter()
    report = await health(database=ok, storage=hangs, databricks=hangs).report()
    elapsed = time.perf_counter() - started
    assert elapsed < 0.3 + 0.5
    assert report.checks["storage"].status is CheckStatus.ERROR
    assert "no answer within 0.3 s" in report.checks["storage"].detail
    assert report.status is Overall.DEGRADED


async def test_probes_arriving_while_a_report_is_made_share_it() -> None:
    calls = 0

    async def counted() -> str:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.05)
        return "fine"

    service = health(database=counted, storage=ok)
    reports = await asyncio.gather(*(service.report() for _ in range(200)))

    assert calls == 1
    assert {r.status for r in reports} == {Overall.HEALTHY}
    await service.report()
    assert calls == 2  # the next probe after it finished checks again: nothing is cached


async def test_one_prober_giving_up_does_not_cancel_the_report_for_the_others() -> None:
    service = health(database=ok, storage=hangs)
    impatient = asyncio.ensure_future(service.report())
    patient = asyncio.ensure_future(service.report())
    await asyncio.sleep(0.05)
    impatient.cancel()
    report = await patient
    assert report.checks["storage"].detail == "no answer within 0.3 s"
