"""`mb backup` and `mb restore`: the commands around mb.adapters.db.backup (wired in mb/cli.py)."""

import argparse
import asyncio
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

from mb.adapters.db import backup
from mb.adapters.db.backups_store import BACKUP_CONTAINER, SqliteBackups
from mb.config import Settings
from mb.domain.errors import DomainError, NotFound

SERVE_LOCK = "serve.lock"
_FAILURES = (backup.BackupError, OSError, sqlite3.Error)


def serve_lock_path(settings: Settings) -> Path:
    return settings.mb_data_dir / SERVE_LOCK


def backup_command(settings: Settings, args: argparse.Namespace) -> int:
    url = settings.resolved_database_url
    database = backup.sqlite_file(url)
    if database is None:
        print(f"mb: no backup taken: {backup.server_database_advice(url)}", file=sys.stderr)
        return 2
    return asyncio.run(_backup(settings, database, args.upload, args.keep_days))


async def _backup(settings: Settings, database: Path, upload: bool, keep_days: int | None) -> int:
    from mb.bootstrap import build_services

    services = build_services(settings)
    backups = SqliteBackups(settings.resolved_database_url, settings.mb_backup_dir, services.blobs)
    try:
        taken = await backups.take(upload, keep_days)
    except DomainError as error:
        print(f"mb: {error.message}", file=sys.stderr)
        return 1
    finally:
        await services.aclose()
    size_mb = (taken.copy.size_bytes or 0) / 1024**2
    path = settings.mb_backup_dir / taken.copy.name
    print(f"Backed up {database} to {path} ({size_mb:.1f} MB, schema {taken.revision}); integrity ok.")
    _print_counts(taken.rows)
    if upload:
        print(f"Uploaded to the blob container {BACKUP_CONTAINER} as {taken.copy.name}.")
    if keep_days is not None:
        print(
            f"Removed backups older than {keep_days} days: "
            f"{len(taken.removed_local)} local, {len(taken.removed_uploaded)} uploaded."
        )
    return 0


def restore_command(settings: Settings, args: argparse.Namespace) -> int:
    url = settings.resolved_database_url
    database = backup.sqlite_file(url)
    if database is None:
        print(f"mb: nothing restored: {backup.server_database_advice(url)}", file=sys.stderr)
        return 2
    return asyncio.run(_restore(settings, database, args.source, force=args.force))


async def _restore(settings: Settings, database: Path, source: str, *, force: bool) -> int:
    from mb.adapters.db.migrate import head_revision, known_revisions, upgrade_database

    try:
        candidate = await _candidate(settings, source)
    except (DomainError, OSError) as error:
        print(f"mb: nothing restored: {_message(error)}", file=sys.stderr)
        return 1
    try:
        with backup.exclusive_lock(serve_lock_path(settings)) as free:
            if not free and not force:
                print(
                    f"mb: nothing restored: `mb serve` is running on this database (it holds "
                    f"{serve_lock_path(settings)}); stop it first, or pass --force.",
                    file=sys.stderr,
                )
                return 1
            if not free:
                print("Warning: `mb serve` is running on this database; restoring anyway (--force).")
            now = datetime.now(UTC)
            try:
                done = await asyncio.to_thread(
                    backup.restore, candidate, database, settings.mb_backup_dir, known_revisions(), now
                )
            except _FAILURES as error:
                print(f"mb: nothing restored: {error}", file=sys.stderr)
                return 1
            _report(done, source, database)
            if done.candidate.revision != head_revision():
                await upgrade_database(settings.resolved_database_url)
                print(f"Upgraded the schema from revision {done.candidate.revision} to {head_revision()}.")
    finally:
        if candidate.name.startswith(".download-"):
            candidate.unlink(missing_ok=True)
    return 0


async def _candidate(settings: Settings, source: str) -> Path:
    """A local file as it is; `blob:NAME` downloaded from the `backups` container first."""
    if not source.startswith("blob:"):
        return Path(source)
    from mb.bootstrap import build_services

    name = source.removeprefix("blob:")
    services = build_services(settings)
    try:
        data = await services.blobs.get(BACKUP_CONTAINER, name)
    except NotFound:
        raise NotFound(f"there is no backup {name!r} in the blob container {BACKUP_CONTAINER}.") from None
    finally:
        await services.aclose()
    settings.mb_backup_dir.mkdir(parents=True, exist_ok=True)
    target = settings.mb_backup_dir / f".download-{Path(name).name}"
    await asyncio.to_thread(target.write_bytes, data)
    return target


def _report(done: backup.Restored, source: str, database: Path) -> None:
    if done.safety_copy:
        print(f"Kept a safety copy of the current database at {done.safety_copy}.")
    else:
        print(f"There was no database at {database}; nothing to keep.")
    print(f"Restored {source} (schema {done.candidate.revision}; integrity ok) to {database}.")
    _print_counts(done.candidate.counts)


def _print_counts(counts: dict[str, int]) -> None:
    print("Rows:")
    for table, rows in counts.items():
        print(f"  {table:<28} {rows:>10}")


def _message(error: Exception) -> str:
    return error.message if isinstance(error, DomainError) else str(error)
