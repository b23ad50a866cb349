from collections.abc import Sequence
from typing import Protocol

from mb.domain.model.backups import BackupCopy, BackupTaken


class DatabaseBackups(Protocol):
    """Verified copies of the database: taken while the app runs, listed, pruned, downloaded."""

    def unsupported_reason(self) -> str | None:
        """None when this database can be backed up here; otherwise what to use instead."""

    async def list(self) -> Sequence[BackupCopy]:
        """Local and uploaded copies, newest first."""

    async def take(self, upload: bool, keep_days: int | None) -> BackupTaken:
        """Copy, verify, optionally upload, then prune copies older than `keep_days`.
        Raises `Unavailable` with the reason when no sound copy could be made (no partial file is
        left behind)."""

    async def local_file(self, name: str) -> str:
        """The path of a local copy for downloading; `NotFound` for any other name."""
