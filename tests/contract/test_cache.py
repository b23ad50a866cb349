"""Every Cache keeps the same promises: the fake, aiocache in memory, and aiocache on the real Redis.
Then what only Redis does: share values and clears between replicas, keep to its own keys, and never
fail a page when it is down, slow or comes back."""

import asyncio
import logging
import pickle
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis

from mb import __version__
from mb.adapters.cache.memory import MemoryCache
from mb.adapters.cache.redis import RedisCache
from mb.config import SettingsError
from mb.domain.errors import Unavailable
from mb.domain.ports.cache import Cache
from tests.fakes import FakeClock, make_settings
from tests.fakes_cache import FakeCache
from tests.servers.redis_server import redis_key_prefix
from tests.servers.smtp import SilentServer, free_port

TIMEOUT_S = 0.3  # for the Redis that is down or silent: short, to keep the tests quick


class Level(StrEnum):
    HIGH = "high"
    LOW = "low"


@dataclass(frozen=True)
class Reason:
    code: str
    points: int


@dataclass(frozen=True)
class BoardRow:
    """Shaped like the figures the insights pages cache: dates, enums, tuples, nested dataclasses."""

    youth_id: int
    name: str
    level: Level
    reasons: tuple[Reason, ...]
    last_active: date
    last_contact: datetime | None
    completion: float | None


ROWS = (
    BoardRow(
        7,
        "Priya Sharma",
        Level.HIGH,
        (Reason("inactive_over_14", 4), Reason("nothing_started", 2)),
        date(2026, 11, 2),
        datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
        None,
    ),
    BoardRow(8, "अर्जुन", Level.LOW, (), date(2026, 11, 27), None, 82.5),
)


@dataclass
class Backend:
    cache: Cache
    let_pass: Callable[[float], Awaitable[None]]  # let this many seconds go by


@pytest.fixture
def redis_space() -> Iterator[tuple[str, str]]:
    """(URL of the test Redis, a key prefix of this test's own, emptied afterwards)."""
    with redis_key_prefix("mb-cache-test") as space:
        yield space


@pytest.fixture(params=["fake", "memory", "redis"])
async def backend(request: pytest.FixtureRequest) -> AsyncIterator[Backend]:
    if request.param == "fake":
        clock = FakeClock()

        async def advance(seconds: float) -> None:
            clock.advance(seconds=seconds)

        yield Backend(FakeCache(clock.now), advance)
    elif request.param == "memory":
        memory = MemoryCache()
        yield Backend(memory, asyncio.sleep)
        await memory.aclose()
    else:
        url, prefix = request.getfixturevalue("redis_space")
        cache = RedisCache(url, prefix=f"{prefix}insights:")
        yield Backend(cache, asyncio.sleep)
        await cache.aclose()


async def test_a_cached_value_comes_back_equal_to_what_was_stored(backend: Backend) -> None:
    await backend.cache.set("at-risk:mentor-3", ROWS, 60)
    await backend.cache.set("overview", {"youth": 5000, "as_of": date(2026, 11, 28)}, 60)

    board = await backend.cache.get("at-risk:mentor-3")
    assert board == ROWS
    assert isinstance(board, tuple) and type(board[0].level) is Level
    assert await backend.cache.get("overview") == {"youth": 5000, "as_of": date(2026, 11, 28)}


async def test_a_key_never_stored_reads_as_absent(backend: Backend) -> None:
    await backend.cache.set("overview", ROWS, 60)
    assert await backend.cache.get("funnel") is None


async def test_storing_again_replaces_the_value(backend: Backend) -> None:
    await backend.cache.set("overview", ROWS, 60)
    await backend.cache.set("overview", ROWS[1:], 60)
    assert await backend.cache.get("overview") == ROWS[1:]


async def test_a_value_expires_after_its_ttl(backend: Backend) -> None:
    await backend.cache.set("overview", ROWS, 0.25)
    await backend.cache.set("funnel", ROWS, 60)
    assert await backend.cache.get("overview") == ROWS

    await backend.let_pass(0.4)
    assert await backend.cache.get("overview") is None
    assert await backend.cache.get("funnel") == ROWS


async def test_a_ttl_of_zero_keeps_nothing(backend: Backend) -> None:
    await backend.cache.set("overview", ROWS, 0)
    assert await backend.cache.get("overview") is None


async def test_clear_drops_every_value(backend: Backend) -> None:
    await backend.cache.set("overview", ROWS, 60)
    await backend.cache.set("at-risk:mentor-3", ROWS, 60)
    await backend.cache.clear()
    assert await backend.cache.get("overview") is None
    assert await backend.cache.get("at-risk:mentor-3") is None


async def test_a_value_stored_again_after_a_clear_keeps_its_own_ttl(backend: Backend) -> None:
    await backend.cache.set("overview", ROWS, 0.25)
    await backend.cache.clear()
    await backend.cache.set("overview", ROWS[1:], 60)

    await backend.let_pass(0.4)  # past the first value's expiry
    assert await backend.cache.get("overview") == ROWS[1:]


async def test_ping_names_the_backend(backend: Backend) -> None:
    assert await backend.cache.ping()


# What only Redis does -----------------------------------------------------------------------------


async def test_keys_live_under_the_prefix_and_the_release_and_expire_in_redis(
    redis_space: tuple[str, str],
) -> None:
    url, prefix = redis_space
    cache = RedisCache(url, prefix=f"{prefix}insights:")
    try:
        await cache.set("overview", ROWS, 60)
    finally:
        await cache.aclose()
    with redis.Redis.from_url(url) as client:
        key = f"{prefix}insights:{__version__}:overview"
        assert client.keys(f"{prefix}*") == [key.encode()]
        assert 0 < client.pttl(key) <= 60_000


async def test_clear_leaves_every_other_key_in_the_redis_alone(redis_space: tuple[str, str]) -> None:
    url, prefix = redis_space
    with redis.Redis.from_url(url) as client:
        client.set(f"{prefix}user-3f2a", b"NiceGUI's storage for a signed-in user")
        client.set(f"{prefix}insights-archive:overview", b"looks alike, but is not ours")
        client.set(f"{prefix}insights:0.0.1:overview", pickle.dumps("from an older release"))
        cache = RedisCache(url, prefix=f"{prefix}insights:")
        try:
            await cache.set("overview", ROWS, 60)
            await cache.clear()
        finally:
            await cache.aclose()
        assert sorted(client.keys(f"{prefix}*")) == [
            f"{prefix}insights-archive:overview".encode(),
            f"{prefix}user-3f2a".encode(),
        ]


async def test_two_replicas_share_values_and_clears(redis_space: tuple[str, str]) -> None:
    url, prefix = redis_space
    replica_a = RedisCache(url, prefix=f"{prefix}insights:")
    replica_b = RedisCache(url, prefix=f"{prefix}insights:")
    try:
        await replica_a.set("overview", ROWS, 60)
        assert await replica_b.get("overview") == ROWS

        await replica_b.set("funnel", ROWS[:1], 60)
        await replica_a.clear()  # a sync finished on replica A
        assert await replica_b.get("overview") is None
        assert await replica_b.get("funnel") is None
    finally:
        await replica_a.aclose()
        await replica_b.aclose()


async def test_a_value_that_cannot_be_read_back_counts_as_absent(
    redis_space: tuple[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    url, prefix = redis_space
    with redis.Redis.from_url(url) as client:
        client.set(f"{prefix}insights:{__version__}:overview", b"not a pickle")
    cache = RedisCache(url, prefix=f"{prefix}insights:")
    try:
        with caplog.at_level(logging.INFO, logger="mb.cache"):
            assert await cache.get("overview") is None
            await cache.set("funnel", ROWS, 60)  # Redis itself is fine
            assert await cache.get("funnel") == ROWS
    finally:
        await cache.aclose()
    assert [record.msg for record in caplog.records] == ["cache.unreadable"]


def warnings_from_the_cache(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "mb.cache" and r.levelno >= logging.WARNING]


async def test_a_redis_that_refuses_connections_never_fails_a_page(caplog: pytest.LogCaptureFixture) -> None:
    cache = RedisCache(f"redis://127.0.0.1:{free_port()}/0", timeout_s=TIMEOUT_S)
    started = time.monotonic()
    try:
        with caplog.at_level(logging.INFO, logger="mb.cache"):
            assert await cache.get("overview") is None
            await cache.set("overview", ROWS, 60)
            assert await cache.get("overview") is None
            await cache.clear()
            with pytest.raises(Unavailable, match="refused the connection") as refused:
                await cache.ping()
    finally:
        await cache.aclose()

    assert time.monotonic() - started < TIMEOUT_S
    assert "REDIS_URL" in refused.value.message
    warnings = warnings_from_the_cache(caplog)
    assert [w.msg for w in warnings] == ["cache.unavailable"]
    assert "refused the connection" in warnings[0].__dict__["reason"]
    assert all(r.levelno < logging.ERROR for r in caplog.records)


async def test_a_redis_that_never_answers_costs_one_timeout_then_is_left_alone(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with SilentServer() as silent:
        cache = RedisCache(f"redis://127.0.0.1:{silent.port}/0", timeout_s=TIMEOUT_S)
        try:
            with caplog.at_level(logging.INFO, logger="mb.cache"):
                started = time.monotonic()
                assert await cache.get("overview") is None
                first = time.monotonic() - started

                started = time.monotonic()
                for key in ("overview", "funnel", "sector-fit", "modules"):  # the rest of the page
                    assert await cache.get(key) is None
                    await cache.set(key, ROWS, 60)
                rest = time.monotonic() - started

                with pytest.raises(Unavailable, match=f"did not answer within {TIMEOUT_S:g} s"):
                    await cache.ping()
        finally:
            await cache.aclose()

    assert first < TIMEOUT_S + 0.25
    assert rest < 0.05
    assert [w.msg for w in warnings_from_the_cache(caplog)] == ["cache.unavailable"]


class RedisRelay:
    """A TCP relay in front of the real Redis that can be cut: while cut, it drops every connection
    (those open and those arriving), as a Redis that restarts or a network that fails would."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 6379)
        self._path = parts.path
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []
        self.cut = False

    @property
    def url(self) -> str:
        assert self._server is not None
        port = self._server.sockets[0].getsockname()[1]
        return f"redis://127.0.0.1:{port}{self._path}"

    async def __aenter__(self) -> "RedisRelay":
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *_: object) -> None:
        self.cut_off()
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    def cut_off(self) -> None:
        self.cut = True
        for writer in self._writers:
            writer.close()
        self._writers.clear()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.cut:
            writer.close()
            return
        upstream_reader, upstream_writer = await asyncio.open_connection(*self._upstream)
        self._writers += [writer, upstream_writer]
        await asyncio.gather(_pipe(reader, upstream_writer), _pipe(upstream_reader, writer))


async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    with suppress(ConnectionError):
        while data := await source.read(65536):
            sink.write(data)
            await sink.drain()
    sink.close()


async def test_a_clear_missed_in_an_outage_is_made_up_when_redis_comes_back(
    redis_space: tuple[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    url, prefix = redis_space
    other_replica = RedisCache(url, prefix=f"{prefix}insights:")
    async with RedisRelay(url) as relay:
        cache = RedisCache(relay.url, prefix=f"{prefix}insights:", timeout_s=TIMEOUT_S, retry_after_s=0.2)
        try:
            await cache.set("overview", ROWS, 60)
            with caplog.at_level(logging.INFO, logger="mb.cache"):
                relay.cut_off()
                await cache.clear()  # a sync finished, but this replica cannot reach Redis
                assert await other_replica.get("overview") == ROWS  # stale, for now

                relay.cut = False
                assert await cache.get("overview") is None  # still resting: Redis is left alone
                assert await other_replica.get("overview") == ROWS

                await asyncio.sleep(0.25)
                assert await cache.get("overview") is None  # the missed clear was made up first
                assert await other_replica.get("overview") is None
                await cache.set("overview", ROWS[1:], 60)
                assert await other_replica.get("overview") == ROWS[1:]
        finally:
            await cache.aclose()
            await other_replica.aclose()

    assert [(r.levelname, r.msg) for r in caplog.records] == [
        ("WARNING", "cache.unavailable"),
        ("INFO", "cache.available_again"),
    ]


# Settings -----------------------------------------------------------------------------------------


ANSWERS = {"PING": b"+PONG\r\n", "HELLO": b"%1\r\n+proto\r\n:3\r\n"}


class RecordingRedis:
    """Speaks just enough of Redis's protocol to take a client's handshake: records every command and
    answers OK (PONG to PING, a RESP3 greeting to HELLO). Bytes that are not a command (a TLS hello)
    are kept in `other`."""

    def __init__(self) -> None:
        self.commands: list[tuple[str, ...]] = []
        self.other = b""
        self._server: asyncio.Server | None = None

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    async def __aenter__(self) -> "RecordingRedis":
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while kind := await reader.read(1):
                if kind != b"*":
                    self.other = kind + await reader.read(64)
                    return
                command = []
                for _ in range(int(await reader.readline())):
                    size = int((await reader.readline())[1:])
                    command.append((await reader.readexactly(size + 2))[:-2].decode())
                self.commands.append(tuple(command))
                writer.write(ANSWERS.get(command[0].upper(), b"+OK\r\n"))
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


async def test_from_settings_logs_in_and_selects_the_database_the_url_names() -> None:
    async with RecordingRedis() as server:
        cache = RedisCache.from_settings(
            make_settings(redis_url=f"redis://mb-app:s%40cret@127.0.0.1:{server.port}/3")
        )
        try:
            assert await cache.ping() == f"redis 127.0.0.1:{server.port}/3"
        finally:
            await cache.aclose()
    # AUTH on its own, or within HELLO when the client speaks RESP3
    assert any(command[-3:] == ("AUTH", "mb-app", "s@cret") for command in server.commands)
    assert ("SELECT", "3") in server.commands
    assert server.commands[-1] == ("PING",)


async def test_rediss_speaks_tls_from_the_first_byte() -> None:
    async with RecordingRedis() as server:
        cache = RedisCache(f"rediss://127.0.0.1:{server.port}/0", timeout_s=TIMEOUT_S)
        try:
            with pytest.raises(Unavailable, match=r"\(TLS\)"):
                await cache.ping()
        finally:
            await cache.aclose()
    assert server.commands == []
    assert server.other[:2] == b"\x16\x03"  # a TLS handshake record


async def test_a_wrong_password_is_reported_without_the_password(redis_space: tuple[str, str]) -> None:
    parts = urlsplit(redis_space[0])
    url = urlunsplit(parts._replace(netloc=f"nobody:Sup3r-secret@{parts.hostname}:{parts.port or 6379}"))
    cache = RedisCache(url, timeout_s=TIMEOUT_S)
    try:
        with pytest.raises(Unavailable, match="did not accept the user name and password") as refused:
            await cache.ping()
        assert await cache.get("overview") is None
    finally:
        await cache.aclose()
    assert "Sup3r-secret" not in refused.value.message


async def test_values_land_in_the_database_the_url_names(redis_space: tuple[str, str]) -> None:
    url, prefix = redis_space
    parts = urlsplit(url)
    database = (int(parts.path.strip("/") or 0) + 1) % 16
    other_url = urlunsplit(parts._replace(path=f"/{database}"))
    cache = RedisCache(other_url, prefix=f"{prefix}insights:")
    try:
        await cache.set("overview", ROWS, 60)
        with redis.Redis.from_url(other_url) as there, redis.Redis.from_url(url) as here:
            assert there.keys(f"{prefix}*") == [f"{prefix}insights:{__version__}:overview".encode()]
            assert here.keys(f"{prefix}*") == []
    finally:
        await cache.clear()
        await cache.aclose()


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("", "REDIS_URL is not set"),
        ("127.0.0.1:6379", "must start with redis://"),
        ("unix:///run/redis.sock", "must start with redis://"),
        ("redis://127.0.0.1:6379/0?socket_timeout=soon", "not a Redis URL"),
    ],
)
def test_a_redis_url_that_cannot_work_is_refused_at_start(url: str, complaint: str) -> None:
    with pytest.raises(SettingsError, match=complaint):
        RedisCache.from_settings(make_settings(redis_url=url))


# The fake's own extras ----------------------------------------------------------------------------


async def test_the_fake_records_what_it_was_asked_and_can_be_down() -> None:
    cache = FakeCache(FakeClock().now)
    await cache.set("overview", ROWS, 60)
    assert await cache.get("overview") == ROWS
    assert await cache.get("funnel") is None
    await cache.clear()
    assert (cache.gets, cache.hits, cache.sets, cache.clears) == (
        ["overview", "funnel"],
        ["overview"],
        [("overview", 60)],
        1,
    )

    cache.down = True
    await cache.set("overview", ROWS, 60)
    assert await cache.get("overview") is None
    with pytest.raises(Unavailable):
        await cache.ping()
    # As with Redis: what cannot be pickled cannot be cached.
    with pytest.raises((pickle.PicklingError, AttributeError)):
        await cache.set("overview", lambda: None, 60)
