"""A Cache in a dict, on the test's clock, that remembers what it was asked."""

import pickle
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from mb.domain.errors import Unavailable


class FakeCache:
    """Entries expire by `now()` (pass a FakeClock's `now`), so tests move time instead of sleeping.
    Values are kept pickled, as Redis keeps them: a value that cannot be pickled fails here too, and
    what is read back is a copy.

    `gets`: every key asked for, in order; `hits`: those that found a value; `sets`: (key, ttl_s) in
    order; `clears`: how many clears. `down = True`: an unreachable Redis (get None, set and clear do
    nothing, ping raises Unavailable)."""

    def __init__(self, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._now = now
        self._entries: dict[str, tuple[bytes, datetime]] = {}
        self.gets: list[str] = []
        self.hits: list[str] = []
        self.sets: list[tuple[str, float]] = []
        self.clears = 0
        self.down = False

    async def get(self, key: str) -> object | None:
        self.gets.append(key)
        entry = self._entries.get(key)
        if self.down or entry is None:
            return None
        data, expires_at = entry
        if self._now() >= expires_at:
            del self._entries[key]
            return None
        self.hits.append(key)
        value: object = pickle.loads(data)
        return value

    async def set(self, key: str, value: object, ttl_s: float) -> None:
        data = pickle.dumps(value)
        self.sets.append((key, ttl_s))
        if self.down or ttl_s <= 0:
            return
        self._entries[key] = (data, self._now() + timedelta(seconds=ttl_s))

    async def clear(self) -> None:
        self.clears += 1
        if not self.down:
            self._entries.clear()

    async def ping(self) -> str:
        if self.down:
            raise Unavailable("The cache is down (fake).")
        return "fake cache"
