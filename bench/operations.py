"""Operations at scale: backup and restore of a ~1 GB SQLite database while a writer runs, /health
under 200 concurrent probes, and cold start to /health 200 on that database.

    .venv/bin/python bench/operations.py [--youth 5000] [--days 365] [--events-per-day 20000]
        [--size-gb 1.0] [--runs 3] [--probes 200] [--rounds 5]

The database: `mb init-db --demo-admin` and `mb demo-data --youth --days`, whose youth log far
fewer events than 20,000 a day, so activity_events is topped up in bulk SQL with rows like the
demo's (logins, progress, quiz attempts, completions, survey answers of random youth, spread over
the window) until it holds events-per-day times days rows and the file is at least --size-gb. It is
kept under the system temp folder, keyed by the parameters, so later runs start at once (the
writer's rows of earlier runs stay in it).
Then: (1) `mb backup` --runs times while a thread commits one activity event per transaction,
50 a second; (2) `mb restore BACKUP --force` --runs times into an empty data folder, with the
restored file's row counts checked against the backup's; (3) `mb serve` on the database and
--rounds of --probes concurrent GET /health; (4) cold start to /health 200 (as bench/cold_start.py
measures it) on the database, --runs times. Operator's commands: reported, no targets.
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.servers.app_server import MB_COMMAND, Workspace, prepare_workspace, server_env, serving

WRITES_PER_S = 50.0
CHUNK_ROWS = 1_000_000  # top-up rows per transaction
_ROW = re.compile(r"^  (\w+)\s+(\d+)$", re.MULTILINE)
_BACKED_UP = re.compile(r"^Backed up \S+ to (\S+) \(", re.MULTILINE)


@dataclass(frozen=True)
class Built:
    database: Path
    seeding_s: float
    top_up_s: float
    events: int
    size_bytes: int


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youth", type=int, default=5000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--events-per-day", type=int, default=20_000)
    parser.add_argument("--size-gb", type=float, default=1.0, help="top up until the file is this big")
    parser.add_argument("--runs", type=int, default=3, help="backups, restores and cold starts (default 3)")
    parser.add_argument("--probes", type=int, default=200, help="concurrent GET /health (default 200)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of probes (default 5)")
    args = parser.parse_args()

    built = _build(args.youth, args.days, args.events_per_day, args.size_gb)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    with tempfile.TemporaryDirectory(prefix="mb-bench-operations-") as directory:
        scratch = Path(directory)
        backup_s, backup_mb, during, max_commit_ms, backup_file, counts = _backups(built, scratch, args.runs)
        restore_s, restored_ok = _restores(backup_file, counts, scratch, args.runs)
        backup_file.unlink()
        health = asyncio.run(_health(built, scratch, args.probes, args.rounds))
        cold = _cold_starts(built, scratch, args.runs)

    p50, p99, statuses, throughput = health
    print("=" * 78)
    print(f"MB Compass operations, SQLite {built.size_bytes / 1e9:.2f} GB ({built.events:,} activity events)")
    print(
        f"  built in {built.seeding_s + built.top_up_s:.0f} s "
        f"(demo-data {built.seeding_s:.0f} s, top-up {built.top_up_s:.0f} s)"
    )
    print(
        f"  mb backup, writer running   {statistics.median(backup_s):7.1f} s median of {len(backup_s)}, "
        f"{backup_mb / statistics.median(backup_s):.0f} MB/s, integrity ok"
    )
    print(f"    writer committed {during:,} rows during the backups, slowest commit {max_commit_ms:.0f} ms")
    print(
        f"  mb restore --force          {statistics.median(restore_s):7.1f} s median of {len(restore_s)}, "
        f"row counts {'equal the backup' if restored_ok else 'DIFFER from the backup'}"
    )
    print(
        f"  /health, {args.probes} concurrent     p50 {p50:.0f} ms, p99 {p99:.0f} ms, "
        f"{args.rounds} rounds, "
        f"{throughput:.0f} req/s; statuses {dict(statuses)}"
    )
    print(f"  cold start to /health 200   {statistics.median(cold) * 1000:7.0f} ms median of {len(cold)}")
    return 0 if restored_ok and set(statuses) == {200} else 1


# The database


def _build(youth: int, days: int, per_day: int, size_gb: float) -> Built:
    """The cached database for these parameters; built (or finished) first when it is not there."""
    root = Path(tempfile.gettempdir()) / "mb-bench-operations" / f"youth{youth}-days{days}-events{per_day}"
    database = root / "data" / "mb_app.db"
    seeded, done = root / "seeded.json", root / "built.json"
    if not done.is_file():
        if not seeded.is_file():  # a build stopped after seeding goes on at the top-up
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir(parents=True)
            env = prepare_workspace(root).env
            started = time.perf_counter()
            output = _mb(root, env, "demo-data", "--youth", str(youth), "--days", str(days))
            seeded.write_text(json.dumps({"seconds": time.perf_counter() - started, "output": output}))
        started = time.perf_counter()
        _top_up(database, per_day * days, int(size_gb * 1e9))
        done.write_text(json.dumps({"seconds": time.perf_counter() - started}))
        cached = "built now"
    else:
        cached = "reused from the cache"
    seeding = json.loads(seeded.read_text())
    top_up_s = float(json.loads(done.read_text())["seconds"])
    with closing(sqlite3.connect(database)) as db:
        events = int(db.execute("SELECT count(*) FROM activity_events").fetchone()[0])
        span = db.execute("SELECT min(at), max(at) FROM activity_events").fetchone()
        youth_rows = int(db.execute("SELECT count(*) FROM mb_users WHERE role = 'youth'").fetchone()[0])
    size = database.stat().st_size
    print(f"MB Compass operations bench: {youth:,} youth × {days} days, {per_day:,} events a day, SQLite")
    print(f"database {cached}: {database}")
    print(f"  `mb demo-data` took {seeding['seconds']:.1f} s: {seeding['output'].splitlines()[0]}")
    print(f"  activity_events topped up to the target in {top_up_s:.1f} s")
    print(
        f"  now {size / 1e9:.2f} GB: {events:,} activity events ({events / days:,.0f} a day), "
        f"{youth_rows:,} youth, events from {span[0][:10]} to {span[1][:10]}"
    )
    return Built(database, float(seeding["seconds"]), top_up_s, events, size)


def _top_up(database: Path, target_rows: int, target_bytes: int) -> None:
    """Append demo-like events in bulk until there are `target_rows` and the file is `target_bytes`."""
    with closing(sqlite3.connect(database, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=DELETE")  # no 1 GB WAL while filling; WAL again after
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cache_size=-1000000")
        db.execute("CREATE TEMP TABLE y (k INTEGER PRIMARY KEY, id INTEGER)")
        db.execute("INSERT INTO y (id) SELECT id FROM mb_users WHERE role = 'youth' ORDER BY id")
        db.execute("CREATE TEMP TABLE m (k INTEGER PRIMARY KEY, id INTEGER, points INTEGER)")
        db.execute("INSERT INTO m (id, points) SELECT id, points FROM modules ORDER BY id")
        youth = db.execute("SELECT count(*) FROM y").fetchone()[0]
        modules = db.execute("SELECT count(*) FROM m").fetchone()[0]
        first, last = db.execute("SELECT min(at), max(at) FROM activity_events").fetchone()
        start = db.execute("SELECT julianday(date(?))", (first,)).fetchone()[0]
        days = max(1, int(db.execute("SELECT julianday(?) - ?", (last, start)).fetchone()[0]) + 1)
        have = db.execute("SELECT count(*) FROM activity_events").fetchone()[0]
        while have < target_rows or database.stat().st_size < target_bytes:
            rows = min(CHUNK_ROWS, target_rows - have) if have < target_rows else CHUNK_ROWS
            db.execute("BEGIN")
            db.execute(
                _TOP_UP, {"rows": rows, "youth": youth, "modules": modules, "start": start, "days": days}
            )
            db.execute("COMMIT")
            have += rows
        db.execute("PRAGMA journal_mode=WAL")


# Each row: a random youth and module, a moment in the window between 06:00 and 22:00 UTC, a
# kind drawn like the demo's mix, and the details the app writes for that kind.
_TOP_UP = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :rows),
r AS MATERIALIZED (
    SELECT abs(random()) % 100 AS pick,
           1 + abs(random()) % :youth AS youth_key,
           1 + abs(random()) % :modules AS module_key,
           :start + abs(random()) % :days + 0.25 AS day,
           abs(random()) AS noise
    FROM n
)
INSERT INTO activity_events (user_id, kind, at, details)
SELECT y.id,
       CASE WHEN pick < 35 THEN 'login' WHEN pick < 80 THEN 'progress'
            WHEN pick < 90 THEN 'quiz_attempt' WHEN pick < 95 THEN 'completion'
            ELSE 'survey_response' END,
       strftime('%Y-%m-%d %H:%M:%S', day + (noise % 57600) / 86400.0) || printf('.%06d', noise % 1000000),
       CASE WHEN pick < 35 THEN '{}'
            WHEN pick < 80 THEN json_object('module_id', m.id, 'progress', 5 * (1 + noise % 20))
            WHEN pick < 90 THEN json_object('module_id', m.id, 'score', noise % 101, 'passed',
                                            json(CASE WHEN noise % 101 >= 70 THEN 'true' ELSE 'false' END))
            WHEN pick < 95 THEN json_object('module_id', m.id, 'points', m.points)
            ELSE json_object('invitation_id', 1 + noise % 50000) END
FROM r JOIN y ON y.k = r.youth_key JOIN m ON m.k = r.module_key
"""


# (1) Backups while a writer runs


class Writer(threading.Thread):
    """Commits one activity event per transaction, `WRITES_PER_S` a second, as the app's users would."""

    def __init__(self, database: Path) -> None:
        super().__init__(daemon=True)
        self.database = database
        self.committed = 0
        self.slowest_s = 0.0
        self.stopping = threading.Event()

    def run(self) -> None:
        with closing(sqlite3.connect(self.database, timeout=30)) as db:
            db.execute("PRAGMA synchronous=NORMAL")
            youth = [row[0] for row in db.execute("SELECT id FROM mb_users WHERE role = 'youth' LIMIT 500")]
            while not self.stopping.wait(1 / WRITES_PER_S):
                started = time.perf_counter()
                with db:
                    db.execute(
                        "INSERT INTO activity_events (user_id, kind, at, details) "
                        "VALUES (?, 'login', strftime('%Y-%m-%d %H:%M:%f000', 'now'), '{}')",
                        (youth[self.committed % len(youth)],),
                    )
                self.slowest_s = max(self.slowest_s, time.perf_counter() - started)
                self.committed += 1


def _backups(
    built: Built, scratch: Path, runs: int
) -> tuple[list[float], float, int, float, Path, dict[str, int]]:
    root = built.database.parent.parent
    env = server_env(root) | {"MB_BACKUP_DIR": str(scratch / "backups"), "MB_LOG_DIR": str(scratch / "logs")}
    writer = Writer(built.database)
    writer.start()
    time.sleep(1.0)  # the writer is going
    seconds: list[float] = []
    during, taken, output = 0, Path(), ""
    print(f"(1) `mb backup` ×{runs} while a writer commits {WRITES_PER_S:.0f} events a second")
    try:
        for run in range(1, runs + 1):
            if taken.is_file():
                taken.unlink()  # one 1 GB copy on disk at a time
            before, started = writer.committed, time.perf_counter()
            output = _mb(scratch, env, "backup")
            seconds.append(time.perf_counter() - started)
            during += writer.committed - before
            found = _BACKED_UP.search(output)
            if found is None or "integrity ok" not in output:
                raise SystemExit(f"`mb backup` did not report a verified backup:\n{output}")
            taken = Path(found.group(1))
            size_mb = taken.stat().st_size / 1e6
            print(
                f"    run {run}: {seconds[-1]:5.1f} s, {size_mb:,.0f} MB ({size_mb / seconds[-1]:.0f} MB/s), "
                f"integrity ok, writer committed {writer.committed - before} rows meanwhile"
            )
    finally:
        writer.stopping.set()
        writer.join()
    counts = {table: int(rows) for table, rows in _ROW.findall(output)}
    print(f"    `mb backup` says: {output.splitlines()[0]}")
    print(
        f"    writer stopped: {writer.committed:,} rows committed in all, {during:,} while backing up, "
        f"slowest commit {writer.slowest_s * 1000:.0f} ms\n"
    )
    return seconds, taken.stat().st_size / 1e6, during, writer.slowest_s * 1000, taken, counts


# (2) Restores


def _restores(
    backup_file: Path, counts: dict[str, int], scratch: Path, runs: int
) -> tuple[list[float], bool]:
    root = scratch / "restore"
    env = server_env(root) | {"MB_BACKUP_DIR": str(root / "backups")}
    database = root / "data" / "mb_app.db"
    seconds: list[float] = []
    equal = True
    print(f"(2) `mb restore {backup_file.name} --force` ×{runs}, each into an empty data folder")
    for run in range(1, runs + 1):
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir()
        started = time.perf_counter()
        output = _mb(root, env, "restore", str(backup_file), "--force")
        seconds.append(time.perf_counter() - started)
        said = {table: int(rows) for table, rows in _ROW.findall(output)}
        with closing(sqlite3.connect(database)) as db:
            found = {t: int(db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in counts}
        same = said == counts and found == counts
        equal &= same
        print(
            f"    run {run}: {seconds[-1]:5.1f} s, row counts of the restored file "
            f"{'equal' if same else 'DIFFER from'} the backup's "
            f"({sum(found.values()):,} rows in {len(found)} tables)"
        )
    shutil.rmtree(root, ignore_errors=True)
    print()
    return seconds, equal


# (3) /health under concurrent probes


async def _health(
    built: Built, scratch: Path, probes: int, rounds: int
) -> tuple[float, float, Counter[int], float]:
    workspace = _serving_workspace(built, scratch)
    timings: list[float] = []
    statuses: Counter[int] = Counter()
    busy_s = 0.0
    print(f"(3) /health: {rounds} rounds of {probes} concurrent GETs (after one untimed round)")
    with serving(workspace) as server:
        limits = httpx.Limits(max_connections=probes, max_keepalive_connections=probes)
        async with httpx.AsyncClient(base_url=server.base_url, limits=limits, timeout=60) as client:

            async def probe() -> tuple[float, int]:
                started = time.perf_counter()
                response = await client.get("/health")
                return (time.perf_counter() - started) * 1000, response.status_code

            await asyncio.gather(*(probe() for _ in range(probes)))
            for run in range(1, rounds + 1):
                started = time.perf_counter()
                answers = await asyncio.gather(*(probe() for _ in range(probes)))
                busy_s += time.perf_counter() - started
                timings += [ms for ms, _ in answers]
                statuses.update(status for _, status in answers)
                round_ms = sorted(ms for ms, _ in answers)
                print(
                    f"    round {run}: median {statistics.median(round_ms):.0f} ms, "
                    f"slowest {round_ms[-1]:.0f} ms"
                )
    cuts = statistics.quantiles(timings, n=100)
    print(
        f"    p50 {cuts[49]:.0f} ms, p99 {cuts[98]:.0f} ms of {len(timings)} probes; "
        f"statuses {dict(statuses)}\n"
    )
    return cuts[49], cuts[98], statuses, len(timings) / busy_s


# (4) Cold start


def _cold_starts(built: Built, scratch: Path, runs: int) -> list[float]:
    """bench/cold_start.py's measure on this database: spawn `mb serve`, poll /health until 200."""
    workspace = _serving_workspace(built, scratch)
    seconds: list[float] = []
    print(f"(4) cold start: spawn `mb serve` until /health answers 200, ×{runs}")
    for run in range(1, runs + 1):
        with serving(workspace) as server:
            seconds.append(server.startup_s)
        print(f"    run {run}: {server.startup_s * 1000:.0f} ms")
    print()
    return seconds


def _serving_workspace(built: Built, scratch: Path) -> Workspace:
    """The cached installation, with the server's cwd, logs and backups in the scratch folder."""
    env = server_env(built.database.parent.parent) | {
        "MB_LOG_DIR": str(scratch / "logs"),
        "MB_BACKUP_DIR": str(scratch / "backups"),
    }
    return Workspace(root=scratch, env=env, admin_password="")


def _mb(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run([*MB_COMMAND, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"mb {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


if __name__ == "__main__":
    raise SystemExit(main())
