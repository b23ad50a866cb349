"""Blobs as files under one directory: the embedded default, no setup needed."""

import asyncio
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from mb.domain.errors import InvalidInput, NotFound, Unavailable

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")
LOW_SPACE_BYTES = 200 * 1024 * 1024


class LocalBlobStore:
    def __init__(self, root: Path) -> None:
        self._root = root

    async def put(self, container: str, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(self._write, self._path(container, key), data)

    async def get(self, container: str, key: str) -> bytes:
        path = self._path(container, key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            raise NotFound(f"The file {key} is no longer in storage.") from None

    async def delete(self, container: str, key: str) -> None:
        self._path(container, key).unlink(missing_ok=True)

    async def list(self, container: str, prefix: str = "") -> Sequence[str]:
        folder = self._container(container)
        if not folder.is_dir():
            return []
        keys = (p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        return sorted(k for k in keys if k.startswith(prefix) and not k.endswith(".part"))

    async def ping(self) -> str:
        def probe() -> str:
            self._root.mkdir(parents=True, exist_ok=True)
            if not os.access(self._root, os.W_OK):
                raise Unavailable(f"The blob folder {self._root} is not writable.")
            free = shutil.disk_usage(self._root).free
            note = " (low)" if free < LOW_SPACE_BYTES else ""
            return f"local folder, {free / 1024**3:.1f} GiB free{note}"

        return await asyncio.to_thread(probe)

    def _container(self, container: str) -> Path:
        if not _NAME.match(container):
            raise InvalidInput({"container": f"Invalid container name: {container!r}."})
        return self._root / container

    def _path(self, container: str, key: str) -> Path:
        folder = self._container(container)
        parts = key.split("/")
        if not key or any(part in ("", ".", "..") for part in parts) or "\\" in key or "\x00" in key:
            raise InvalidInput({"key": f"Invalid file name in storage: {key!r}."})
        return folder.joinpath(*parts)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        # Write beside, then rename: a crash never leaves half a file under the real name.
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(handle.name).replace(path)
