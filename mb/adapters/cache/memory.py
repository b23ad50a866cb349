"""The cache in this process: the default, for one machine."""

from aiocache import SimpleMemoryCache

DEFAULT_NAMESPACE = "insights:"


class MemoryCache:
    """Values are kept as they are, not copied: whatever is cached must not be changed afterwards (the
    domain's frozen dataclasses and tuples are not). Entries expire on timers of the running event loop."""

    def __init__(self, namespace: str = DEFAULT_NAMESPACE) -> None:
        self._namespace = namespace
        # No per-call timeout: a dict cannot hang, and aiocache's timeout wraps each call in a task.
        self._cache = SimpleMemoryCache(namespace=namespace, timeout=None)

    async def get(self, key: str) -> object | None:
        value: object | None = await self._cache.get(key)
        return value

    async def set(self, key: str, value: object, ttl_s: float) -> None:
        if ttl_s <= 0:  # aiocache would keep it for ever
            return
        await self._cache.set(key, value, ttl=float(ttl_s))

    async def clear(self) -> None:
        # By namespace, not a bare clear(): that one forgets the expiry timers without cancelling
        # them, and a stale timer would later drop a value stored again under the same key.
        await self._cache.clear(namespace=self._namespace)

    async def ping(self) -> str:
        return "in-process memory"

    async def aclose(self) -> None:
        await self._cache.close()
