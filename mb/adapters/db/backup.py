"""Backups and restores of the embedded SQLite database: sqlite3's online backup API and files.

Blocking throughout (callers run it in a thread). Nothing here knows the CLI or the blob store;
migration revisions come in as plain strings.
"""

import fcntl
import os
import re
import shutil
import sqlite3
import uuid
from collections.abc import Collection, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import make_url

BACKUP_PREFIX = "mb_app_"
SAFETY_PREFIX = "pre-restore_"
STAMP = "%Y%m%d-%H%M%S"
REQUIRED_TABLES = ("alembic_version", "mb_users")
_NAME = re.compile(r"^(?:mb_app|pre-restore)_(\d{8}-\d{6})(?:-\d+)?\.db$")


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is one line an operator can act on."""


@dataclass(frozen=True)
class Verified:
    """A database file that passed `PRAGMA integrity_check`, with its revision and row counts."""

    path: Path
    revision: str | None
    counts: dict[str, int]

    def summary(self) -> str:
        return ", ".join(f"{table} {rows}" for table, rows in self.counts.items())


@dataclass(frozen=True)
class Restored:
    candidate: Verified
    safety_copy: Path | None


def sqlite_file(url: str) -> Path | None:
    """The database file behind a SQLite URL; None for a server database (or in-memory SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def server_database_advice(url: str) -> str:
    """What to use instead of `mb backup` / `mb restore` for a database this module cannot copy."""
    backend = make_url(url).get_backend_name()
    if backend == "postgresql":
        return (
            "this database is PostgreSQL: back it up with `pg_dump --format=custom` and restore with "
            "`pg_restore`, or use your provider's point-in-time restore (Azure Database for PostgreSQL)."
        )
    if backend == "mssql":
        return (
            "this database is Azure SQL / SQL Server: use the managed service's automated backups and "
            "point-in-time restore (Azure portal or `az sql db restore`)."
        )
    return f"this database ({backend}) is not SQLite: use its own backup and restore tools."


def take_backup(database: Path, folder: Path, now: datetime) -> Verified:
    """Copy `database` consistently, even while the app writes, to `folder/mb_app_<UTC stamp>.db`."""
    if not database.is_file():
        raise BackupError(f"there is no database at {database}; run `mb init-db` first.")
    target = _free_name(folder, BACKUP_PREFIX, now)
    _online_copy(database, target)
    try:
        return verify(target)
    except BackupError:
        target.unlink()
        raise


def verify(path: Path, known_revisions: Collection[str] | None = None) -> Verified:
    """Open `path` read-only and prove it is a sound MB Compass database this version can run."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            integrity = [row[0] for row in db.execute("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                raise BackupError(f"{path} fails the integrity check: {'; '.join(integrity[:3])}.")
            tables = [
                row[0]
                for row in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                    "ORDER BY name"
                )
            ]
            if not set(REQUIRED_TABLES) <= set(tables):
                raise BackupError(
                    f"{path} is not an MB Compass database (it has no mb_users or alembic_version)."
                )
            found = db.execute("SELECT version_num FROM alembic_version").fetchone()
            counts = {
                table: int(db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])  # noqa: S608 - names from sqlite_master
                for table in tables
                if table != "alembic_version"
            }
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a readable SQLite database ({error}).") from None
    revision = str(found[0]) if found else None
    if known_revisions is not None and revision not in known_revisions:
        raise BackupError(
            f"{path} is at schema revision {revision or 'none'}, which this version of MB Compass does not "
            f"know (it knows {', '.join(sorted(known_revisions))}); it needs the version that made it."
        )
    return Verified(path, revision, counts)


def restore(
    candidate: Path, database: Path, folder: Path, known_revisions: Collection[str], now: datetime
) -> Restored:
    """Verify `candidate`, keep a safety copy of `database`, then swap the candidate in atomically.

    The current database is not touched until the candidate has passed; the caller makes sure no
    server holds it (`exclusive_lock`).
    """
    verified = verify(candidate, known_revisions)
    database.parent.mkdir(parents=True, exist_ok=True)
    safety = None
    if database.is_file():
        safety = _keep_safety_copy(database, _free_name(folder, SAFETY_PREFIX, now))
    staged = _stage(candidate, database.parent)
    try:
        _settle(database)
        os.replace(staged, database)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    _fsync_folder(database.parent)
    return Restored(verified, safety)


def taken_at(name: str) -> datetime | None:
    """The UTC moment in a backup's or safety copy's name; None for any other name."""
    found = _NAME.match(name)
    return datetime.strptime(found.group(1), STAMP).replace(tzinfo=UTC) if found else None


def expired(names: Collection[str], keep_days: int, now: datetime) -> list[str]:
    """The backup names whose timestamp is more than `keep_days` before `now`; other names are kept."""
    cutoff = now - timedelta(days=keep_days)
    return sorted(name for name in names if (taken := taken_at(name)) is not None and taken < cutoff)


def prune_local(folder: Path, keep_days: int, now: datetime) -> list[str]:
    if not folder.is_dir():
        return []
    removed = expired([path.name for path in folder.iterdir() if path.is_file()], keep_days, now)
    for name in removed:
        (folder / name).unlink(missing_ok=True)
    return removed


@contextmanager
def exclusive_lock(path: Path) -> Iterator[bool]:
    """Try to hold `path` exclusively without waiting; yields whether it is held (no server has it)."""
    with _lock_file(path) as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            held = False
        else:
            held = True
        try:
            yield held
        finally:
            if held:
                fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def serving_lock(path: Path) -> Iterator[None]:
    """Held by `mb serve` for its lifetime. Shared, so several servers on one database may run."""
    with _lock_file(path) as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackupError(f"a restore holds {path}; start the server when it has finished.") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _lock_file(path: Path) -> Iterator[int]:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        yield handle
    finally:
        os.close(handle)


def _free_name(folder: Path, prefix: str, now: datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{prefix}{now.astimezone(UTC).strftime(STAMP)}"
    target, number = folder / f"{stem}.db", 1
    while target.exists():
        number += 1
        target = folder / f"{stem}-{number}.db"
    return target


def _online_copy(source: Path, target: Path, *, read_only: bool = False) -> None:
    """sqlite3's backup API into `target.part`, then rename: a failure leaves no partial backup."""
    partial = target.with_name(target.name + ".part")
    mode = "?mode=ro" if read_only else ""
    try:
        with (
            closing(sqlite3.connect(f"{source.resolve().as_uri()}{mode}", uri=True, timeout=30)) as reading,
            closing(sqlite3.connect(partial)) as writing,
        ):
            # One step (pages=-1): the copy is a single read snapshot, consistent while others write.
            reading.backup(writing, pages=-1)
            # A self-contained file: no -wal beside it to lose when it is copied or uploaded.
            writing.execute("PRAGMA journal_mode=DELETE")
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _keep_safety_copy(database: Path, target: Path) -> Path:
    """An online copy; a database too damaged for that (the usual reason to restore) is kept as bytes."""
    try:
        _online_copy(database, target)
    except sqlite3.DatabaseError:
        for suffix in ("", "-wal"):
            source = database.with_name(database.name + suffix)
            if source.is_file():
                shutil.copyfile(source, target.with_name(target.name + suffix))
    return target


def _stage(candidate: Path, folder: Path) -> Path:
    """The candidate copied beside the database (same file system, so the swap is one rename).

    Copied with the backup API rather than byte for byte, so a candidate still in WAL mode
    arrives whole, as one self-contained file.
    """
    staged = folder / f".restore-{os.getpid()}-{uuid.uuid4().hex[:8]}.db"
    _online_copy(candidate, staged, read_only=True)
    return staged


def _settle(database: Path) -> None:
    """Fold the old database's WAL back in and remove -wal/-shm, so none is applied to the new file."""
    if database.is_file():
        try:
            with closing(sqlite3.connect(database, timeout=30)) as db:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.DatabaseError:
            pass  # a damaged database is being replaced; its safety copy is already kept
    for suffix in ("-wal", "-shm", "-journal"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
