"""What every bench on demo data shares: a temporary installation seeded by `mb demo-data`, the
real services on its SQLite file, and p50/p95 of a call timed after a warm-up.

The benches put the project root on `sys.path` before they import this module.
"""

import argparse
import os
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mb.bootstrap import Services, build_services
from mb.config import Settings
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from tests.servers.app_server import MB_COMMAND, prepare_workspace

WARM_UP = 20  # untimed calls first, so caches and the connection pool are as in a running app


@dataclass(frozen=True)
class Timing:
    name: str
    p50: float  # ms
    p95: float  # ms


def demo_arguments(doc: str, timed_calls: str) -> argparse.Namespace:
    """The command line every such bench takes: the demo's --youth and --days, and --iterations,
    how many `timed_calls` it makes; `doc` is the bench's docstring, its first line the description."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--youth", type=int, default=5000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--iterations", type=int, default=200, help=f"{timed_calls} (default 200)")
    return parser.parse_args()


@contextmanager
def demo_database(bench: str, youth: int, days: int) -> Iterator[Path]:
    """The SQLite file of a fresh installation (migrated, with an admin) in a temporary folder,
    filled by `mb demo-data`; says how long that took and how busy the machine is."""
    with tempfile.TemporaryDirectory(prefix=f"mb-bench-{bench}-") as directory:
        root = Path(directory)
        env = prepare_workspace(root).env
        started = time.perf_counter()
        seeded = _mb(root, env, "demo-data", "--youth", str(youth), "--days", str(days))
        seeding_s = time.perf_counter() - started
        database = root / "data" / "mb_app.db"
        print(f"MB Compass {bench} bench: {youth:,} youth × {days} days, SQLite")
        print(f"`mb demo-data` took {seeding_s:.1f} s, its recompute included:")
        for line in seeded.splitlines()[:2]:
            print(f"  {line}")
        print(f"database: {database.stat().st_size / 1e6:.0f} MB")
        # Other work on the machine shows up in the timings: say how busy it was.
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
        yield database


def _mb(root: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [*MB_COMMAND, *args], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"mb {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def services_on(database: Path, **settings: Any) -> Services:
    """The app's services wired by `build_services` to `database`, with any other `settings`."""
    return build_services(
        Settings(database_url=f"sqlite+aiosqlite:///{database}", mb_data_dir=database.parent, **settings)
    )


def demo_admin(database: Path) -> Actor:
    with sqlite3.connect(database) as connection:
        (admin_id,) = connection.execute("SELECT id FROM mb_users WHERE role = 'admin'").fetchone()
    return Actor(int(admin_id), Role.ADMIN)


async def timed(call: Callable[[], Awaitable[object]]) -> float:
    """Milliseconds `call` took."""
    started = time.perf_counter()
    await call()
    return (time.perf_counter() - started) * 1000


async def percentiles(name: str, call: Callable[[], Awaitable[object]], iterations: int) -> Timing:
    """p50 and p95 of `iterations` calls, after WARM_UP untimed ones."""
    for _ in range(WARM_UP):
        await call()
    return cut(name, [await timed(call) for _ in range(iterations)])


def cut(name: str, timings: list[float]) -> Timing:
    cuts = statistics.quantiles(timings, n=100)
    return Timing(name, cuts[49], cuts[94])
