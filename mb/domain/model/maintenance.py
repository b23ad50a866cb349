from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class MaintenanceState:
    """Maintenance mode: while on, only admins use the app and `/health` says `maintenance`."""

    on: bool
    since: datetime | None = None
    by: int | None = None  # None: the operator at a shell
