from collections.abc import Sequence
from typing import Protocol


class BlobStore(Protocol):
    """Binary objects (module materials, backups) by key within named containers."""

    async def put(self, container: str, key: str, data: bytes, content_type: str) -> None: ...

    async def get(self, container: str, key: str) -> bytes:
        """Raises NotFound when there is no such blob."""

    async def delete(self, container: str, key: str) -> None:
        """Deleting a missing blob is not an error."""

    async def list(self, container: str, prefix: str = "") -> Sequence[str]: ...

    async def ping(self) -> str:
        """Prove the store answers; returns a short description. Raises Unavailable."""
