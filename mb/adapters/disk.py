"""Free space where the app writes (database, blobs, outbox, backups): a readiness check that
fails, and a WARNING in the log, when it runs low — before a full disk stops writes."""

import asyncio
import logging
import shutil
import time
from pathlib import Path

from mb.domain.errors import Unavailable
from mb.domain.rules.materials import readable_size

log = logging.getLogger("mb.disk")
WARN_EVERY_S = 3600.0  # /health is probed every few seconds; the log says it once an hour


class DiskSpaceProbe:
    def __init__(self, folder: Path, min_free_mb: float) -> None:
        self._folder = folder
        self._min_free_bytes = int(min_free_mb * 1024 * 1024)
        self._last_warned: float | None = None

    async def __call__(self) -> str:
        free, total = await asyncio.to_thread(self._usage)
        if free < self._min_free_bytes:
            message = (
                f"only {readable_size(free)} free for {self._folder} "
                f"(warning below {readable_size(self._min_free_bytes)})"
            )
            self._warn(message, free)
            raise Unavailable(message)
        return f"{readable_size(free)} free of {readable_size(total)}"

    def _usage(self) -> tuple[int, int]:
        folder = self._folder.resolve()
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent  # before the first write the folder may not exist yet
        usage = shutil.disk_usage(folder)
        return usage.free, usage.total

    def _warn(self, message: str, free_bytes: int) -> None:
        now = time.monotonic()
        if self._last_warned is None or now - self._last_warned >= WARN_EVERY_S:
            self._last_warned = now
            log.warning("disk.low", extra={"detail": message, "free_bytes": free_bytes})
