"""The SQLite databases the query-plan tests explain their statements on: the demo programme,
as written and after ANALYZE (statistics can change SQLite's mind), and services on one."""

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest

from mb.adapters.db.demo_data import write_programme
from mb.adapters.db.engine import create_engine
from mb.adapters.db.migrate import upgrade
from mb.bootstrap import Services, build_services
from mb.config import Settings
from mb.demo.programme import generate
from mb.demo.window import Window

YOUTH, DAYS = 300, 60
LAST_DAY = date(2026, 11, 27)  # the demo window ends here
FRESH_AND_ANALYZED = ["fresh", "analyzed"]


def a_plans_database(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    seed: Callable[[Path], Awaitable[None]],
) -> Path:
    """A database `seed` fills, analyzed when the fixture's param says "analyzed"."""
    path = tmp_path_factory.mktemp(f"{name}-{request.param}") / "mb.db"
    asyncio.run(seed(path))
    if request.param == "analyzed":
        with sqlite3.connect(path) as connection:
            connection.execute("ANALYZE")
    return path


def services_on(database: Path) -> Services:
    return build_services(
        Settings(database_url=f"sqlite+aiosqlite:///{database}", mb_data_dir=database.parent)
    )


async def seed_programme(path: Path) -> None:
    """The demo programme with its points, badges and streaks, as `mb demo-data` writes it."""
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade(engine)
        programme = generate(3, YOUTH, Window(LAST_DAY, DAYS))
        await write_programme(engine, programme, "not-a-real-hash")
    finally:
        await engine.dispose()
    services = services_on(path)
    try:
        await services.awarding.recompute()
    finally:
        await services.aclose()


@pytest.fixture(name="services")
async def services_on_the_database(database: Path) -> AsyncIterator[Services]:
    """`services`, on the test module's `database` fixture."""
    built = services_on(database)
    yield built
    await built.aclose()
