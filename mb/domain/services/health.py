"""Readiness: every dependency checked at once, each within its own time limit."""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping

from mb.domain.model.health import CheckResult, CheckStatus, HealthReport, Overall
from mb.domain.ports.clock import Clock
from mb.domain.ports.probe import Probe

log = logging.getLogger("mb.health")

# Without the database nothing works; without the others some features are degraded.
CRITICAL = frozenset({"database"})


class HealthService:
    def __init__(
        self,
        probes: Mapping[str, Probe | None],
        version: str,
        clock: Clock,
        timeout_s: float = 2.0,
        maintenance: Callable[[], Awaitable[bool]] | None = None,
    ) -> None:
        self._probes = dict(probes)
        self._version = version
        self._clock = clock
        self._timeout_s = timeout_s
        self._maintenance = maintenance
        self._running: asyncio.Future[HealthReport] | None = None

    async def report(self) -> HealthReport:
        """The checks as they stand now. Callers that ask while a report is being made share it:
        a load balancer's burst of probes runs the checks once, not once per probe."""
        running = self._running
        if running is None or running.done() or running.get_loop() is not asyncio.get_running_loop():
            running = self._running = asyncio.ensure_future(self._fresh_report())
        # Shielded: one caller giving up (a probe's client hanging up) does not cancel the others'.
        return await asyncio.shield(running)

    async def _fresh_report(self) -> HealthReport:
        results = await asyncio.gather(*(self._check(name, probe) for name, probe in self._probes.items()))
        checks = {result.name: result for result in results}
        overall = _overall(checks)
        if overall is not Overall.UNHEALTHY and self._maintenance is not None and await self._maintenance():
            overall = Overall.MAINTENANCE
        return HealthReport(overall, self._clock.now(), self._version, checks)

    async def _check(self, name: str, probe: Probe | None) -> CheckResult:
        if probe is None:
            return CheckResult(name, CheckStatus.NOT_CONFIGURED, 0.0, "not configured")
        started = time.perf_counter()
        try:
            detail = await asyncio.wait_for(probe(), self._timeout_s)
            status = CheckStatus.OK
        except TimeoutError:
            detail, status = f"no answer within {self._timeout_s:g} s", CheckStatus.ERROR
        except Exception as error:  # any failure of a dependency is reported, not raised
            detail, status = _describe(error), CheckStatus.ERROR
        latency = round((time.perf_counter() - started) * 1000, 1)
        if status is CheckStatus.ERROR:
            log.warning("health.check_failed", extra={"check": name, "detail": detail})
        return CheckResult(name, status, latency, detail)


def _overall(checks: Mapping[str, CheckResult]) -> Overall:
    failed = {name for name, result in checks.items() if result.status is CheckStatus.ERROR}
    if failed & CRITICAL:
        return Overall.UNHEALTHY
    return Overall.DEGRADED if failed else Overall.HEALTHY


def _describe(error: Exception) -> str:
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return message.splitlines()[0][:200]
