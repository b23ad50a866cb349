"""Insights at scale on `mb demo-data --youth 5000 --days 365` (SQLite): daily features, the sync
from a Databricks-protocol server, and each insights page's data against the board's bare SQL.

    .venv/bin/python bench/insights.py [--youth 5000] [--days 365] [--cold 30] [--cached 200]
        [--sync-rows N]

The database: `mb init-db --demo-admin` and `mb demo-data --youth --days` (which stores the last
90 days of features), kept under the system temp folder, keyed by the parameters and a fingerprint
of the demo generator and the migrations, so later runs start at once (a new fingerprint replaces
the database kept for the same parameters).
Then, through the real services wired by `build_services` on that file:
(1) one day of features (the demo's last day) computed by the local source, median of 3; and the
    same day synced (computed, assessed for risk, stored), median of 3;
(2) a backfill of every day of the window, once: `feature_sync.sync(None, DayRange(...))`;
(3) p50/p95 of each insights page's data through `services.insights`, cold (the cache cleared
    before each call) and cached, with the time a cold call spends in SQL; then the at-risk
    board cold and its floor, the board's bare SQL (the page of 25 rows for the latest day:
    features joined to users, the score 7 days before and the last contact, sorted by risk) on
    an engine of the same file, called in turn: board cold / floor;
(4) every stored feature row (or the first --sync-rows) loaded into the Databricks-protocol
    server of the tests, read once through the real DatabricksFeatureSource alone, then synced
    through it and the real FeatureSyncService into a copy of this database whose features
    table was emptied.
Targets: one day < 2 s; page data p95 < 100 ms cold; board cold / floor < 3.
"""

import argparse
import asyncio
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.insights_databricks import sync_from_databricks
from bench.insights_pages import measure_pages
from bench.insights_sql import SqlClock, SqlTime
from bench.workspace import demo_admin, services_on
from mb.adapters.clock import SystemClock
from mb.adapters.db.engine import create_engine
from mb.adapters.features.local import SqlFeatureSource
from mb.bootstrap import Services
from mb.domain.model.daily_features import DayRange
from tests.servers.app_server import MB_COMMAND, prepare_workspace

ONE_DAY_TARGET_S = 2.0
DAY_RUNS = 3
# The app warns about statements over MB_SLOW_QUERY_MS; the bench times every statement itself.
QUIET_SLOW_QUERY_MS = 3_600_000.0
ROOT = Path(__file__).resolve().parents[1]
_WINDOW = re.compile(r"\(seed \d+, (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)\)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youth", type=int, default=5000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--cold", type=int, default=30, help="cold calls per page (default 30)")
    parser.add_argument("--cached", type=int, default=200, help="cached calls per page (default 200)")
    parser.add_argument(
        "--sync-rows",
        type=int,
        default=0,
        help="load only this many rows into the Databricks server (0: all)",
    )
    args = parser.parse_args()
    database, first, last = _database(args.youth, args.days)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    return asyncio.run(_measure(database, DayRange(first, last), args))


async def _measure(database: Path, window: DayRange, args: argparse.Namespace) -> int:
    clock = SqlClock()
    services = services_on(database, mb_slow_query_ms=QUIET_SLOW_QUERY_MS)
    try:
        slow = await _one_day(services, database, window.last, clock)
        slow |= await _backfill(services, window, clock)
        slow |= await measure_pages(services, database, demo_admin(database), clock, args.cold, args.cached)
    finally:
        await services.aclose()
    slow |= await sync_from_databricks(database, args.sync_rows, clock)
    return 1 if slow else 0


# The database


def _database(youth: int, days: int) -> tuple[Path, date, date]:
    """The cached database for these parameters (built first when it is not there) and its window."""
    key = f"youth{youth}-days{days}-{_fingerprint()}"
    root = Path(tempfile.gettempdir()) / "mb-bench-insights" / key
    seeded = root / "seeded.json"
    cached = "reused from the cache"
    if not seeded.is_file():
        for stale in root.parent.glob(f"youth{youth}-days{days}-*"):
            shutil.rmtree(stale, ignore_errors=True)  # built by another version of the demo
        root.mkdir(parents=True)
        env = prepare_workspace(root).env
        started = time.perf_counter()
        done = subprocess.run(
            [*MB_COMMAND, "demo-data", "--youth", str(youth), "--days", str(days)],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"mb demo-data failed:\n{done.stdout}\n{done.stderr}")
        seeded.write_text(json.dumps({"seconds": time.perf_counter() - started, "output": done.stdout}))
        cached = "built now"
    seeding = json.loads(seeded.read_text())
    database = root / "data" / "mb_app.db"
    window = _WINDOW.search(seeding["output"])
    if window is None:
        raise SystemExit(f"`mb demo-data` did not say its window:\n{seeding['output']}")
    first, last = (date.fromisoformat(day) for day in window.groups())
    print(f"MB Compass insights bench: {youth:,} youth × {days} days, SQLite")
    print(f"database {cached}: {database} ({database.stat().st_size / 1e6:,.0f} MB)")
    print(f"  `mb demo-data` took {seeding['seconds']:.0f} s:")
    for line in seeding["output"].splitlines()[:3]:
        print(f"    {line}")
    return database, first, last


def _fingerprint() -> str:
    """Changes when the demo generator, its writer or the schema does: a new database is built."""
    digest = hashlib.sha256()
    sources = [
        *sorted((ROOT / "mb" / "demo").glob("*.py")),
        ROOT / "mb" / "adapters" / "db" / "demo_data.py",
        *sorted((ROOT / "mb" / "adapters" / "db" / "migrations").rglob("*.py")),
    ]
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


# (1) One day, (2) the backfill


async def _one_day(services: Services, database: Path, day: date, clock: SqlClock) -> bool:
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    source = SqlFeatureSource(engine, SystemClock(), services.settings.mb_timezone)
    runs: dict[str, list[tuple[float, SqlTime]]] = {
        "computed (local source)": [],
        "synced (+ assessed, stored)": [],
    }
    rows = 0
    try:
        for _ in range(DAY_RUNS):
            tally, started = clock.start(), time.perf_counter()
            rows = sum([len(batch) async for batch in source.batches(None, DayRange(day, day), 1_000_000)])
            runs["computed (local source)"].append((time.perf_counter() - started, tally))
    finally:
        await engine.dispose()
    for _ in range(DAY_RUNS):
        tally, started = clock.start(), time.perf_counter()
        await services.feature_sync.sync(None, DayRange(day, day))
        runs["synced (+ assessed, stored)"].append((time.perf_counter() - started, tally))
    print(f"(1) one day of features ({day}, {rows:,} youth), median of {DAY_RUNS}")
    slow = False
    for what, measured in runs.items():
        seconds = [s for s, _ in measured]
        median = statistics.median(seconds)
        slow |= median >= ONE_DAY_TARGET_S
        verdict = "ok" if median < ONE_DAY_TARGET_S else "TOO SLOW"
        in_sql = statistics.median(t.ms for _, t in measured) / 1000
        print(
            f"    {what:<30}{median:6.2f} s {rows / median:7,.0f} rows/s  in SQL {in_sql:5.2f} s"
            f"   target < 2 s   {verdict}   (runs {', '.join(f'{s:.2f}' for s in seconds)} s)"
        )
    print(f"      {measured[-1][1].line()}\n")
    return slow


async def _backfill(services: Services, window: DayRange, clock: SqlClock) -> bool:
    tally, started = clock.start(), time.perf_counter()
    report = await services.feature_sync.sync(None, window)
    seconds = time.perf_counter() - started
    print(f"(2) backfill of {len(report.days)} days ({window.first} to {window.last}), once")
    print(
        f"    {'sync(None, DayRange(...))':<30}{seconds:6.1f} s {report.rows / seconds:7,.0f} rows/s"
        f"  in SQL {tally.ms / 1000:5.1f} s   {report.rows:,} rows, {seconds / len(report.days):.2f} s a day"
    )
    print(f"      {tally.line()}\n")
    return False  # an operator's command: reported, no target


if __name__ == "__main__":
    raise SystemExit(main())
