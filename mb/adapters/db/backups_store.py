"""Database backups behind the `DatabaseBackups` port: SQLite files, optionally uploaded."""

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from mb.adapters.db import backup
from mb.domain.errors import DomainError, NotFound, Unavailable
from mb.domain.model.backups import BackupCopy, BackupTaken
from mb.domain.ports.blob_store import BlobStore

BACKUP_CONTAINER = "backups"
CONTENT_TYPE = "application/vnd.sqlite3"
FAILURES = (backup.BackupError, OSError, sqlite3.Error)


class SqliteBackups:
    def __init__(
        self,
        database_url: str,
        folder: Path,
        blobs: BlobStore,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._url = database_url
        self._database = backup.sqlite_file(database_url)
        self._folder = folder
        self._blobs = blobs
        self._now = now
        self._taking = asyncio.Lock()  # one backup at a time from this process

    def unsupported_reason(self) -> str | None:
        return None if self._database is not None else backup.server_database_advice(self._url)

    async def list(self) -> Sequence[BackupCopy]:
        local = {path.name: path for path in await asyncio.to_thread(self._local_copies)}
        try:
            uploaded = {name for name in await self._blobs.list(BACKUP_CONTAINER) if backup.taken_at(name)}
        except DomainError:
            uploaded = set()  # storage is out: the local copies are still worth showing
        copies = []
        for name in local.keys() | uploaded:
            taken = backup.taken_at(name)
            assert taken is not None
            size = local[name].stat().st_size if name in local else None
            copies.append(BackupCopy(name, taken, size, name in local, name in uploaded))
        return sorted(copies, key=lambda c: (c.taken_at, c.name), reverse=True)

    async def take(self, upload: bool, keep_days: int | None) -> BackupTaken:
        if self._database is None:
            raise Unavailable(f"No backup taken: {self.unsupported_reason()}")
        async with self._taking:
            now = self._now()
            try:
                made = await asyncio.to_thread(backup.take_backup, self._database, self._folder, now)
            except FAILURES as error:
                raise Unavailable(f"The backup failed: {error}") from error
            try:
                if upload:
                    data = await asyncio.to_thread(made.path.read_bytes)
                    await self._blobs.put(BACKUP_CONTAINER, made.path.name, data, CONTENT_TYPE)
                local: list[str] = []
                uploaded: list[str] = []
                if keep_days is not None:
                    local = await asyncio.to_thread(backup.prune_local, self._folder, keep_days, now)
                    uploaded = backup.expired(await self._blobs.list(BACKUP_CONTAINER), keep_days, now)
                    for name in uploaded:
                        await self._blobs.delete(BACKUP_CONTAINER, name)
            except (DomainError, OSError) as error:
                reason = error.message if isinstance(error, DomainError) else str(error)
                raise Unavailable(f"The backup is kept at {made.path}, but: {reason}") from error
        size = made.path.stat().st_size
        copy = BackupCopy(made.path.name, now, size, True, upload)
        return BackupTaken(copy, made.revision, dict(made.counts), tuple(local), tuple(uploaded))

    async def local_file(self, name: str) -> str:
        path = self._folder / name
        if backup.taken_at(name) is None or not name.startswith(backup.BACKUP_PREFIX) or not path.is_file():
            raise NotFound("No such backup in the backup folder.")
        return str(path)

    def _local_copies(self) -> Sequence[Path]:
        if not self._folder.is_dir():
            return []
        return [
            p
            for p in self._folder.iterdir()
            if p.is_file() and p.name.startswith(backup.BACKUP_PREFIX) and backup.taken_at(p.name)
        ]
