"""A cache for page aggregates, shared by every replica when it lives in Redis."""

from typing import Protocol


class Cache(Protocol):
    """Values are plain picklable data (the domain's dataclasses). A cache that cannot be
    reached behaves as empty: it never fails a page."""

    async def get(self, key: str) -> object | None:
        """None when absent or expired."""

    async def set(self, key: str, value: object, ttl_s: float) -> None: ...

    async def clear(self) -> None:
        """Drop every value this app stored (only its own keys, never the rest of a shared Redis)."""

    async def ping(self) -> str: ...
