"""A throw-away PostgreSQL database for tests, on the server named by MB_TEST_POSTGRES_URL.

The server's own database (the URL's) is used only to create and drop uniquely named ones, so
tests never touch data that was there before. Without a server the tests are skipped locally
and fail in CI (where `CI` is set), so a missing service cannot pass unnoticed.
"""

import asyncio
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
CONNECT_TIMEOUT_S = 5


def server_url() -> str:
    return os.environ.get("MB_TEST_POSTGRES_URL", DEFAULT_URL)


@contextmanager
def fresh_database(prefix: str = "mb_test") -> Iterator[str]:
    """Create an empty database named `<prefix>_<random>`; yield its URL; drop it afterwards.

    Synchronous (it runs its own event loop) so it can serve session-scoped fixtures; call it
    outside a running loop.
    """
    admin = server_url()
    name = f"{prefix}_{secrets.token_hex(6)}"
    try:
        asyncio.run(_autocommit(admin, f'CREATE DATABASE "{name}"'))
    except (OSError, TimeoutError, SQLAlchemyError) as exc:
        unreachable(admin, exc)
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        # Pooled or leaked connections would block the drop; end them first.
        asyncio.run(
            _autocommit(
                admin,
                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{name}' AND pid <> pg_backend_pid()",
                f'DROP DATABASE IF EXISTS "{name}"',
            )
        )


def unreachable(url: str, exc: BaseException) -> NoReturn:
    shown = make_url(url).render_as_string(hide_password=True)
    reason = f"PostgreSQL at {shown} is not usable ({type(exc).__name__}: {exc}); set MB_TEST_POSTGRES_URL"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}. CI must provide PostgreSQL for the contract tests.", pytrace=False)
    pytest.skip(reason)


async def _autocommit(url: str, *statements: str) -> None:
    engine = create_async_engine(
        url, isolation_level="AUTOCOMMIT", poolclass=NullPool, connect_args={"timeout": CONNECT_TIMEOUT_S}
    )
    try:
        async with engine.connect() as connection:
            for statement in statements:
                await connection.execute(text(statement))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One fresh database for the whole test session."""
    with fresh_database() as url:
        yield url
