"""The machine's Redis for tests, named by MB_TEST_REDIS_URL (default redis://127.0.0.1:6379/0).

Each user gets a key prefix of its own, and every key under it is deleted afterwards, so tests never
touch keys that were there before. Without a server the tests are skipped locally and fail in CI
(where `CI` is set), as with PostgreSQL.
"""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import redis

DEFAULT_URL = "redis://127.0.0.1:6379/0"
CONNECT_TIMEOUT_S = 5


def server_url() -> str:
    return os.environ.get("MB_TEST_REDIS_URL", DEFAULT_URL)


@contextmanager
def redis_key_prefix(prefix: str = "mb-test") -> Iterator[tuple[str, str]]:
    """Yield (Redis URL, `<prefix>-<random>:`); delete every key under that prefix afterwards."""
    url = server_url()
    client = redis.Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT_S)
    try:
        client.ping()
    except redis.RedisError as exc:
        client.close()
        reason = f"Redis at {url} is not usable ({type(exc).__name__}: {exc}); set MB_TEST_REDIS_URL"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}. CI must provide Redis for the production-profile test.", pytrace=False)
        pytest.skip(reason)
    key_prefix = f"{prefix}-{secrets.token_hex(6)}:"
    try:
        yield url, key_prefix
    finally:
        try:
            stale = list(client.scan_iter(match=f"{key_prefix}*", count=500))
            if stale:
                client.delete(*stale)
        finally:
            client.close()
