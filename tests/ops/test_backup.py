"""`mb backup` and `mb restore` as an operator runs them, plus the adapter under a live writer."""

import asyncio
import re
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mb.adapters.db import backup
from mb.adapters.db.engine import create_engine
from mb.adapters.db.migrate import head_revision, known_revisions, upgrade
from tests.ops.test_cli import mb
from tests.servers.app_server import prepare_workspace, serving

ADMIN = {"MB_ADMIN_EMAIL": "root@example.org", "MB_ADMIN_PASSWORD": "Root-password-2026"}
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """A migrated database with an admin and a small demo programme; returns the workspace."""
    assert mb(tmp_path, "init-db", **ADMIN).returncode == 0
    demo = mb(tmp_path, "demo-data", "--youth", "20", "--days", "10")
    assert demo.returncode == 0, demo.stderr
    return tmp_path


def database(root: Path) -> Path:
    return root / "data" / "mb_app.db"


def counts(path: Path) -> dict[str, int]:
    return backup.verify(path).counts


def only_backup(root: Path) -> Path:
    (made,) = (root / "backups").glob("mb_app_*.db")
    return made


def test_a_backup_is_verified_and_restores_to_identical_counts(seeded: Path) -> None:
    before = counts(database(seeded))
    taken = mb(seeded, "backup")
    assert taken.returncode == 0, taken.stderr
    assert "integrity ok" in taken.stdout
    assert re.search(rf"^  mb_users +{before['mb_users']}$", taken.stdout, re.MULTILINE)
    made = only_backup(seeded)
    assert counts(made) == before
    with closing(sqlite3.connect(database(seeded))) as db, db:
        db.execute("DELETE FROM activity_events")

    restored = mb(seeded, "restore", str(made))

    assert restored.returncode == 0, restored.stderr
    assert f"Restored {made} (schema {head_revision()}; integrity ok)" in restored.stdout
    assert counts(database(seeded)) == before
    (safety,) = (seeded / "backups").glob("pre-restore_*.db")
    assert counts(safety)["activity_events"] == 0
    assert mb(seeded, "check").returncode == 0


def test_a_backup_taken_while_a_writer_inserts_holds_every_row_committed_before_it(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    with closing(sqlite3.connect(live)) as db, db:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(
            "CREATE TABLE alembic_version (version_num TEXT);"
            f"INSERT INTO alembic_version VALUES ('{head_revision()}');"
            "CREATE TABLE mb_users (id INTEGER PRIMARY KEY);"
            "CREATE TABLE ticks (n INTEGER PRIMARY KEY, payload TEXT);"
        )
    stop, written = threading.Event(), [0]

    def writer() -> None:
        with closing(sqlite3.connect(live, timeout=30)) as db:
            db.execute("PRAGMA synchronous=NORMAL")
            while not stop.is_set():
                with db:
                    db.execute("INSERT INTO ticks (payload) VALUES (?)", ("x" * 500,))
                written[0] += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = []
        for second in range(3):
            while written[0] < 200 * (second + 1):
                time.sleep(0.005)
            copies.append(backup.take_backup(live, tmp_path / "backups", NOW.replace(second=second)))
    finally:
        stop.set()
        thread.join()

    for copy in copies:
        rows = copy.counts["ticks"]
        assert rows > 0
        with closing(sqlite3.connect(copy.path)) as db:
            assert db.execute("SELECT min(n), max(n) FROM ticks").fetchone() == (1, rows)
    assert copies[0].counts["ticks"] < copies[-1].counts["ticks"] < written[0]
    fresh = tmp_path / "fresh" / "mb_app.db"
    done = backup.restore(copies[-1].path, fresh, tmp_path / "backups", known_revisions(), NOW)
    assert done.safety_copy is None
    assert counts(fresh) == copies[-1].counts


def test_upload_copies_the_backup_into_the_blob_container(seeded: Path) -> None:
    taken = mb(seeded, "backup", "--upload")
    assert taken.returncode == 0, taken.stderr
    made = only_backup(seeded)
    uploaded = seeded / "data" / "blobs" / "backups" / made.name
    assert uploaded.read_bytes() == made.read_bytes()
    assert f"Uploaded to the blob container backups as {made.name}." in taken.stdout


def test_keep_days_prunes_old_local_and_uploaded_backups_only(seeded: Path) -> None:
    local, uploaded = seeded / "backups", seeded / "data" / "blobs" / "backups"
    for folder in (local, uploaded):
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("mb_app_20200101-000000.db", "mb_app_29990101-000000.db", "notes.txt"):
            (folder / name).write_text("x")
    (local / "pre-restore_20200101-000000.db").write_text("x")

    taken = mb(seeded, "backup", "--upload", "--keep-days", "7")

    assert taken.returncode == 0, taken.stderr
    assert "Removed backups older than 7 days: 2 local, 1 uploaded." in taken.stdout
    made = re.search(r" to backups/(mb_app_\S+\.db) ", taken.stdout)
    assert made is not None
    for folder in (local, uploaded):
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [made.group(1), "mb_app_29990101-000000.db", "notes.txt"]
        )


def test_expired_goes_by_the_time_in_the_name() -> None:
    names = [
        "mb_app_20260301-115959.db",
        "mb_app_20260303-120000.db",
        "pre-restore_20260101-000000-2.db",
        "mb_app_2026.db",
        "other_20200101-000000.db",
    ]
    assert backup.expired(names, 7, NOW) == ["mb_app_20260301-115959.db", "pre-restore_20260101-000000-2.db"]


def _foreign(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE notes (body TEXT)")


def _truncated(path: Path, root: Path) -> None:
    path.write_bytes(database(root).read_bytes()[:20000])


def _future(path: Path, root: Path) -> None:
    path.write_bytes(database(root).read_bytes())
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("garbage", "is not a readable SQLite database"),
        ("foreign", "is not an MB Compass database"),
        ("truncated", "SQLite database"),
        ("future", "is at schema revision 9999, which this version of MB Compass does not know"),
        ("missing", "does not exist"),
    ],
)
def test_a_bad_candidate_is_refused_and_the_database_untouched(seeded: Path, kind: str, reason: str) -> None:
    candidate = seeded / f"{kind}.db"
    if kind == "garbage":
        candidate.write_bytes(b"this is not a database\n" * 100)
    elif kind == "foreign":
        _foreign(candidate)
    elif kind == "truncated":
        _truncated(candidate, seeded)
    elif kind == "future":
        _future(candidate, seeded)
    current = database(seeded).read_bytes()

    refused = mb(seeded, "restore", str(candidate))

    assert refused.returncode == 1
    assert refused.stderr.startswith("mb: nothing restored: ")
    assert reason in refused.stderr
    assert database(seeded).read_bytes() == current
    assert not list(seeded.glob("backups/pre-restore_*"))
    assert not list(database(seeded).parent.glob(".restore-*"))


def test_a_good_backup_replaces_a_damaged_database_whose_bytes_are_kept(seeded: Path) -> None:
    assert mb(seeded, "backup").returncode == 0
    damaged = b"disk trouble\n" * 1000
    database(seeded).write_bytes(damaged)

    restored = mb(seeded, "restore", str(only_backup(seeded)))

    assert restored.returncode == 0, restored.stderr
    (safety,) = (seeded / "backups").glob("pre-restore_*.db")
    assert safety.read_bytes() == damaged
    assert counts(database(seeded)) == counts(only_backup(seeded))


def test_a_missing_blob_is_refused(seeded: Path) -> None:
    refused = mb(seeded, "restore", "blob:mb_app_20200101-000000.db")
    assert refused.returncode == 1
    assert "no backup 'mb_app_20200101-000000.db' in the blob container backups" in refused.stderr


def test_restore_from_an_uploaded_blob(seeded: Path) -> None:
    assert mb(seeded, "backup", "--upload").returncode == 0
    name = only_backup(seeded).name
    only_backup(seeded).unlink()
    restored = mb(seeded, "restore", f"blob:{name}")
    assert restored.returncode == 0, restored.stderr
    assert f"Restored blob:{name}" in restored.stdout
    assert not list((seeded / "backups").glob(".download-*"))


HOLD_LOCK = """
import sys, time
from pathlib import Path
from mb.adapters.db.backup import serving_lock
with serving_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_restore_refuses_while_the_server_lock_is_held_unless_forced(seeded: Path) -> None:
    assert mb(seeded, "backup").returncode == 0
    made = only_backup(seeded)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(seeded / "data" / "serve.lock")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        current = database(seeded).read_bytes()
        refused = mb(seeded, "restore", str(made))
        assert refused.returncode == 1
        assert "`mb serve` is running on this database" in refused.stderr
        assert database(seeded).read_bytes() == current

        forced = mb(seeded, "restore", str(made), "--force")
        assert forced.returncode == 0, forced.stderr
        assert "restoring anyway (--force)" in forced.stdout
    finally:
        holder.kill()
        holder.wait()
    assert mb(seeded, "restore", str(made)).returncode == 0


def test_mb_serve_holds_the_lock_restore_looks_for(tmp_path: Path) -> None:
    workspace = prepare_workspace(tmp_path)
    made = backup.take_backup(workspace.root / "data" / "mb_app.db", tmp_path / "elsewhere", NOW)
    with serving(workspace):
        refused = subprocess.run(
            [sys.executable, "-m", "mb", "restore", str(made.path)],
            cwd=tmp_path,
            env=workspace.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert refused.returncode == 1
    assert "`mb serve` is running on this database" in refused.stderr


def test_restoring_an_older_revision_upgrades_it_to_head(seeded: Path) -> None:
    old = seeded / "old" / "mb_app.db"

    async def migrate_to_0001() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{old}")
        try:
            await upgrade(engine, "0001")
        finally:
            await engine.dispose()

    asyncio.run(migrate_to_0001())
    assert backup.verify(old).revision == "0001"

    restored = mb(seeded, "restore", str(old))

    assert restored.returncode == 0, restored.stderr
    assert f"Upgraded the schema from revision 0001 to {head_revision()}." in restored.stdout
    assert backup.verify(database(seeded)).revision == head_revision()


@pytest.mark.parametrize("command", ["backup", "restore"])
@pytest.mark.parametrize(
    ("url", "advice"),
    [
        ("postgresql+asyncpg://mb:secret@db.example.org:5432/mb", "pg_dump"),
        ("mssql+aioodbc://mb:secret@mb.database.windows.net:1433/mb", "point-in-time restore"),
    ],
)
def test_a_server_database_gets_advice_exit_2(tmp_path: Path, command: str, url: str, advice: str) -> None:
    args = [command] if command == "backup" else [command, "any.db"]
    result = mb(tmp_path, *args, DATABASE_URL=url)
    assert result.returncode == 2
    assert advice in result.stderr
    assert "secret" not in result.stderr
    assert not (tmp_path / "backups").exists()
