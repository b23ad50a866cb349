"""The insights pages' data at scale: p50/p95 of each page's call to `services.insights`, cold (the
cache cleared before each call) and cached, with the share of a cold call spent in SQL; and the
at-risk board's bare SQL as its floor."""

import os
import sqlite3
import statistics
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from bench.insights_floor import board_floor
from bench.insights_sql import SqlClock
from bench.workspace import Timing, cut, timed
from mb.bootstrap import Services
from mb.domain.model.flags import Flag
from mb.domain.model.insight_views import FunnelGrouping
from mb.domain.model.insights import BoardQuery
from mb.domain.model.risk import RiskLevel
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor

PAGE_TARGET_MS = 100.0
FLOOR_RATIO_TARGET = 3.0
COLD_WARM_UP = 3  # untimed cold calls first: the connection pool and SQLite's page cache are warm
CACHED_WARM_UP = 5
BOARD = "at-risk board, first page (risk)"

Call = Callable[[], Awaitable[object]]


@dataclass(frozen=True)
class PageTiming:
    cold: Timing
    cached: Timing
    sql_ms: float  # median time in SQL of a cold call
    statements: int  # in a cold call
    slowest: str


async def measure_pages(
    services: Services, database: Path, admin: Actor, clock: SqlClock, cold: int, cached: int
) -> bool:
    """Prints the table; returns True when a target is missed."""
    mentor, caseload, region = _busiest(database)
    was_on = await services.flags.is_enabled(Flag.NEW_DASHBOARD)
    await services.flags.set(admin, Flag.NEW_DASHBOARD, True)
    print(f"(3) insights page data through services.insights: {cold} cold calls, {cached} cached a page")
    print(f"    load average {os.getloadavg()[0]:.1f} before")
    try:
        timings = [
            await _page(name, call, services, clock, cold, cached)
            for name, call in _pages(services, admin, (mentor, caseload), region)
        ]
        board, floor = await _board_and_floor(services, database, admin, cold)
    finally:
        await services.flags.set(admin, Flag.NEW_DASHBOARD, was_on)
    return _report(timings, board, floor)


def _pages(services: Services, admin: Actor, mentor: tuple[int, int], region: str) -> list[tuple[str, Call]]:
    insights = services.insights
    return [
        ("overview", lambda: insights.overview(admin)),
        ("funnel by region", lambda: insights.funnel(admin, FunnelGrouping.REGION)),
        ("funnel by cohort", lambda: insights.funnel(admin, FunnelGrouping.COHORT)),
        (BOARD, lambda: insights.at_risk(admin, BoardQuery())),
        (
            f"board, high risk in {region}",
            lambda: insights.at_risk(admin, BoardQuery(level=RiskLevel.HIGH, region=region)),
        ),
        (f"caseload of a mentor of {mentor[1]}", lambda: insights.caseload(Actor(mentor[0], Role.MENTOR))),
        ("sectors", lambda: insights.sectors(admin)),
        ("modules", lambda: insights.modules(admin)),
        ("gamification", lambda: insights.gamification(admin)),
        ("interventions", lambda: insights.interventions(admin)),
    ]


async def _page(
    name: str, call: Call, services: Services, clock: SqlClock, cold: int, cached: int
) -> PageTiming:
    async def after_clearing() -> float:
        await services.cache.clear()
        clock.start()
        return await timed(call)

    for _ in range(COLD_WARM_UP):
        await after_clearing()
    cold_ms, sql_ms, statements, slowest = [], [], 0, ""
    for _ in range(cold):
        cold_ms.append(await after_clearing())
        sql_ms.append(clock.current.ms)
        statements, slowest = clock.current.statements, clock.current.line()
    for _ in range(CACHED_WARM_UP):
        await call()
    cached_ms = [await timed(call) for _ in range(cached)]
    return PageTiming(
        cut(name, cold_ms), cut(name, cached_ms), statistics.median(sql_ms), statements, slowest
    )


async def _board_and_floor(
    services: Services, database: Path, admin: Actor, runs: int
) -> tuple[Timing, Timing]:
    """The board cold and its floor, call after call in turn, so both meet the same machine."""

    def board() -> Awaitable[object]:
        return services.insights.at_risk(admin, BoardQuery())

    day = (await services.insights.at_risk(admin, BoardQuery())).day
    assert day is not None, "the backfill stored features"
    board_ms, floor_ms = [], []
    async with board_floor(database, day) as floor:
        for run in range(-COLD_WARM_UP, runs):
            await services.cache.clear()
            board_taken, floor_taken = await timed(board), await timed(floor)
            if run >= 0:
                board_ms.append(board_taken)
                floor_ms.append(floor_taken)
    return cut(BOARD, board_ms), cut("floor", floor_ms)


def _report(timings: list[PageTiming], board: Timing, floor: Timing) -> bool:
    print(
        f"    {'':<34}{'cold p50':>9}{'p95':>9}{'in SQL':>8}{'cached p50':>12}{'p95':>8}"
        "   target p95 < 100 ms cold"
    )
    slow = False
    for page in timings:
        cold, cached = page.cold, page.cached
        slow |= cold.p95 >= PAGE_TARGET_MS
        verdict = "ok" if cold.p95 < PAGE_TARGET_MS else "TOO SLOW"
        print(
            f"    {cold.name:<34}{cold.p50:6.1f} ms{cold.p95:6.1f} ms{page.sql_ms:5.1f} ms"
            f"{cached.p50:8.2f} ms{cached.p95:5.2f} ms   {verdict}"
        )
    print(f"    load average {os.getloadavg()[0]:.1f} after")
    ratio_p50, ratio_p95 = board.p50 / floor.p50, board.p95 / floor.p95
    verdict = "ok" if max(ratio_p50, ratio_p95) < FLOOR_RATIO_TARGET else "TOO SLOW"
    slow |= verdict != "ok"
    print("    the board cold and its floor, one after the other each time:")
    print(f"    {'  at-risk board, first page, cold':<34}{board.p50:6.1f} ms{board.p95:6.1f} ms")
    print(f"    {'  floor: that page, bare SQL':<34}{floor.p50:6.1f} ms{floor.p95:6.1f} ms")
    print(f"      board cold / floor: p50 {ratio_p50:.1f}×, p95 {ratio_p95:.1f}×   target < 3×   {verdict}")
    print("    what a cold call runs (statements, the slowest):")
    for page in timings:
        print(f"      {page.cold.name:<34}{page.statements:>2}  {page.slowest}")
    print()
    return slow


def _busiest(database: Path) -> tuple[int, int, str]:
    """The mentor with the largest caseload, its size, and the region with the most youth."""
    with sqlite3.connect(database) as connection:
        mentor, caseload = connection.execute(
            "SELECT mentor_id, count(*) FROM mb_users "
            "WHERE role = 'youth' AND is_active AND mentor_id IS NOT NULL "
            "GROUP BY mentor_id ORDER BY count(*) DESC, mentor_id LIMIT 1"
        ).fetchone()
        (region,) = connection.execute(
            "SELECT region FROM mb_users WHERE role = 'youth' GROUP BY region ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    return int(mentor), int(caseload), str(region)
