"""Copies of the database kept for restoring: where they are and what they hold."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class BackupCopy:
    name: str  # mb_app_YYYYMMDD-HHMMSS.db
    taken_at: datetime
    size_bytes: int | None  # None when only the uploaded copy is left and its size is not known
    local: bool  # in the backup folder, so it can be downloaded from the system page
    uploaded: bool  # in the blob container `backups`


@dataclass(frozen=True)
class BackupTaken:
    copy: BackupCopy
    revision: str | None
    rows: dict[str, int] = field(default_factory=dict)
    removed_local: tuple[str, ...] = ()  # older copies pruned afterwards
    removed_uploaded: tuple[str, ...] = ()
