"""The backends every storage adapter must behave the same on: the fake, SQLite and PostgreSQL.

`uow_factory` runs a test on all three; `sql_uow_factory` on the real databases only, for
behaviour the fake does not model (constraints). Each test starts on an empty, migrated store.
"""

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from mb.adapters.db.engine import create_engine, session_factory
from mb.adapters.db.migrate import upgrade
from mb.adapters.db.tables import Base
from mb.adapters.db.unit_of_work import SqlaUnitOfWork
from mb.domain.ports.unit_of_work import UnitOfWork
from tests.fakes import FakeUnitOfWork, Store
from tests.servers.postgres import postgres_url  # noqa: F401  (a fixture, found by name)

UowFactory = Callable[[], UnitOfWork]


def backends(*names: str) -> list[object]:
    return [pytest.param(name, marks=pytest.mark.postgres) if name == "postgres" else name for name in names]


def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """None for the fake. Resolved in a sync fixture: the PostgreSQL one runs its own loop."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'mb.db'}"
    if backend == "postgres":
        url: str = request.getfixturevalue("postgres_url")
        return url
    return None


@pytest.fixture(params=backends("fake", "sqlite", "postgres"))
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    return database_url(request.param, request, tmp_path)


@pytest.fixture(params=backends("sqlite", "postgres"))
def sql_backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    return database_url(request.param, request, tmp_path)


@pytest.fixture
async def uow_factory(backend_url: str | None) -> AsyncIterator[UowFactory]:
    async for factory in _units_of_work(backend_url):
        yield factory


@pytest.fixture
async def sql_uow_factory(sql_backend_url: str | None) -> AsyncIterator[UowFactory]:
    async for factory in _units_of_work(sql_backend_url):
        yield factory


async def _units_of_work(url: str | None) -> AsyncIterator[UowFactory]:
    if url is None:
        store = Store()
        yield lambda: FakeUnitOfWork(store)
        return
    # Made and disposed here, on the test's own event loop (asyncpg connections are loop-bound).
    engine = create_engine(url)
    try:
        await upgrade(engine)
        if engine.dialect.name == "postgresql":
            # The database lives for the whole session; empty it so each test starts clean.
            tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
            async with engine.begin() as connection:
                await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        sessions = session_factory(engine)
        yield lambda: SqlaUnitOfWork(sessions)
    finally:
        await engine.dispose()
