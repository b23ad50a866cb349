"""The cache in Redis: one copy of the pages' figures for every replica, cleared for all at once."""

import asyncio
import logging
import pickle
import re
import socket
import time
from contextlib import suppress

from aiocache import RedisCache as AiocacheRedisCache
from aiocache.serializers import PickleSerializer
from redis.asyncio import Redis
from redis.asyncio.connection import SSLConnection, parse_url
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import AuthenticationError, RedisError
from redis.exceptions import TimeoutError as RedisTimeout

from mb import __version__
from mb.config import Settings, SettingsError
from mb.domain.errors import Unavailable

log = logging.getLogger("mb.cache")

DEFAULT_PREFIX = "mb:insights:"
TIMEOUT_S = 0.5
# After a failure, reads and writes leave Redis alone this long, so a page with many cached parts
# waits for one timeout, not one per part. Clears always try: a missed clear means stale figures.
RETRY_AFTER_S = 5.0
WARN_EVERY_S = 300.0  # one warning per outage, repeated this often while it lasts
_SCAN_BATCH = 1000
_FAILURES = (RedisError, OSError)  # OSError covers asyncio's TimeoutError and TLS errors
# What a value written by other code (or damaged) raises when unpickled.
_UNREADABLE = (pickle.UnpicklingError, AttributeError, ImportError, EOFError, IndexError, TypeError)


class RedisCache:
    """Values are pickled under `<prefix><app version>:<key>`, so replicas running two releases
    during a rolling deploy never read each other's dataclasses; `clear()` deletes every key under
    the prefix, whatever the release, and nothing else in the Redis (NiceGUI's storage may share it).

    A Redis that is down or slow never fails a page: each call gives up after `timeout_s`, a read
    then counts as a miss and a write or clear does nothing, and one WARNING says so. Values come
    from our own Redis only: unpickling them is as trusted as the Redis is."""

    def __init__(
        self,
        url: str,
        *,
        prefix: str = DEFAULT_PREFIX,
        timeout_s: float = TIMEOUT_S,
        retry_after_s: float = RETRY_AFTER_S,
    ) -> None:
        """`url`: redis://[[user]:password@]host[:port][/db], or rediss:// for TLS."""
        if not url.startswith(("redis://", "rediss://")):
            raise SettingsError("REDIS_URL must start with redis:// (or rediss:// for TLS).")
        try:
            parsed = parse_url(url)
        except ValueError as error:
            raise SettingsError(f"REDIS_URL is not a Redis URL: {error}") from None
        self._host = parsed.get("host", "localhost")
        self._port = parsed.get("port", 6379)
        self._db = parsed.get("db", 0)
        password = parsed.get("password")
        self._password = password or ""
        # The rest (user name, TLS, options in the query string) goes to each connection as it is.
        options: dict[str, object] = {
            name: value for name, value in parsed.items() if name not in {"host", "port", "db", "password"}
        }
        self._tls = options.get("connection_class") is SSLConnection
        self._timeout_s = timeout_s
        self._retry_after_s = retry_after_s
        self._prefix = prefix
        options.setdefault("socket_timeout", timeout_s)
        # One retry on a fresh connection: after Redis restarts, each pooled connection fails once.
        options.setdefault("retry", Retry(NoBackoff(), 1))
        self._cache = AiocacheRedisCache(
            serializer=PickleSerializer(),
            namespace=f"{prefix}{__version__}",  # aiocache puts ":" between namespace and key
            timeout=timeout_s,
            endpoint=self._host,
            port=self._port,
            db=self._db,
            password=password,
            create_connection_timeout=options.pop("socket_connect_timeout", timeout_s),
            connection_pool_kwargs=options,
        )
        self._client: Redis = self._cache.client
        self._resting_until = 0.0
        self._next_warning_at = 0.0
        self._in_outage = False
        self._owes_clear = False

    @classmethod
    def from_settings(cls, settings: Settings) -> "RedisCache":
        """The cache at REDIS_URL, under the default prefix (a second deployment sharing the same
        Redis should use another database number in its URL)."""
        if not settings.redis_url:
            raise SettingsError("REDIS_URL is not set; without it the cache stays in memory.")
        return cls(settings.redis_url)

    @property
    def _where(self) -> str:
        return f"{self._host}:{self._port}/{self._db}{' (TLS)' if self._tls else ''}"

    async def get(self, key: str) -> object | None:
        if not await self._usable():
            return None
        try:
            value: object | None = await self._cache.get(key)
        except _UNREADABLE as error:
            log.warning("cache.unreadable", extra={"key": key, "error": f"{type(error).__name__}: {error}"})
            return None
        except _FAILURES as error:
            self._failed(error)
            return None
        self._succeeded()
        return value

    async def set(self, key: str, value: object, ttl_s: float) -> None:
        if ttl_s <= 0 or not await self._usable():
            return
        try:
            # A float makes aiocache use milliseconds; below one, Redis refuses the expiry.
            await self._cache.set(key, value, ttl=max(float(ttl_s), 0.001))
        except _FAILURES as error:
            self._failed(error)
            return
        self._succeeded()

    async def clear(self) -> None:
        await self._try_clear()

    async def ping(self) -> str:
        try:
            async with asyncio.timeout(self._timeout_s):
                await self._client.ping()
        except _FAILURES as error:
            raise Unavailable(self._reason(error)) from None
        return f"redis {self._where}"

    async def aclose(self) -> None:
        """Close the connections (when the app stops)."""
        with suppress(*_FAILURES):
            await self._client.aclose(close_connection_pool=True)

    async def _usable(self) -> bool:
        """False while resting after a failure. A clear that could not reach Redis is made up first:
        until it is, figures from before a sync could still be served."""
        if time.monotonic() < self._resting_until:
            return False
        if self._owes_clear:
            return await self._try_clear()
        return True

    async def _try_clear(self) -> bool:
        # SCAN in batches rather than KEYS: KEYS blocks a shared Redis while it walks every key.
        # The timeout bounds each round trip, so a large keyspace still finishes.
        pattern = _glob_escaped(self._prefix) + "*"
        cursor = 0
        try:
            while True:
                async with asyncio.timeout(self._timeout_s):
                    cursor, keys = await self._client.scan(cursor, match=pattern, count=_SCAN_BATCH)
                    if keys:
                        await self._client.unlink(*keys)
                if cursor == 0:
                    break
        except _FAILURES as error:
            self._owes_clear = True
            self._failed(error)
            return False
        self._owes_clear = False
        self._succeeded()
        return True

    def _failed(self, error: BaseException) -> None:
        now = time.monotonic()
        self._resting_until = now + self._retry_after_s
        self._in_outage = True
        if now >= self._next_warning_at:
            self._next_warning_at = now + WARN_EVERY_S
            log.warning(
                "cache.unavailable",
                extra={"reason": self._reason(error), "effect": "pages compute their figures uncached"},
            )

    def _succeeded(self) -> None:
        if self._in_outage:
            self._in_outage = False
            log.info("cache.available_again", extra={"redis": self._where})

    def _reason(self, error: BaseException) -> str:
        where = f"Redis at {self._where}"
        cause = error.__context__
        reason: str
        match error:
            case TimeoutError() | RedisTimeout():
                hint = " Check that the server offers TLS on that port (rediss://)." if self._tls else ""
                reason = f"{where} did not answer within {self._timeout_s:g} s.{hint}"
            case AuthenticationError():
                said = str(error).rstrip(".")
                reason = f"{where} did not accept the user name and password in REDIS_URL ({said})."
            case _ if isinstance(cause, ConnectionRefusedError):
                reason = f"{where} refused the connection. Check REDIS_URL, and that Redis is running."
            case _ if isinstance(cause, socket.gaierror):
                reason = f"The Redis host {self._host} could not be found. Check REDIS_URL."
            case _:
                reason = f"{where} failed: {error or type(error).__name__}."
        return reason.replace(self._password, "***") if self._password else reason


def _glob_escaped(text: str) -> str:
    """`text` matched literally by Redis's glob patterns (SCAN MATCH)."""
    return re.sub(r"([*?\[\]\\])", r"\\\1", text)
