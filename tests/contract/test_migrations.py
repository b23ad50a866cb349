"""The Alembic migrations build exactly the schema in `tables.py`, both ways, on every dialect."""

import io
import re
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from mb.adapters.db.engine import create_engine
from mb.adapters.db.migrate import (
    alembic_config,
    current_revision,
    downgrade,
    head_revision,
    offline_sql,
    upgrade,
)
from mb.adapters.db.tables import Base
from tests.servers.postgres import fresh_database

APP_TABLES = {table.name for table in Base.metadata.sorted_tables}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'mb.db'}"
        return
    with fresh_database() as url:
        yield url


@pytest.fixture
async def engine(empty_database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(empty_database_url)
    yield engine
    await engine.dispose()


async def table_names(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as connection:
        return set(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))


def schema_differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_upgrading_an_empty_database_creates_every_table_at_head(engine: AsyncEngine) -> None:
    assert await current_revision(engine) is None

    await upgrade(engine)

    assert await table_names(engine) >= APP_TABLES
    assert await current_revision(engine) == head_revision()


async def test_the_migrated_schema_is_exactly_the_orm_schema(engine: AsyncEngine) -> None:
    await upgrade(engine)

    async with engine.connect() as connection:
        differences = await connection.run_sync(schema_differences)

    assert differences == []


async def test_downgrading_to_base_leaves_no_app_tables_and_upgrading_again_works(
    engine: AsyncEngine,
) -> None:
    await upgrade(engine)

    await downgrade(engine, "base")

    assert await table_names(engine) <= {"alembic_version"}
    assert await current_revision(engine) is None

    await upgrade(engine)

    assert await table_names(engine) >= APP_TABLES
    assert await current_revision(engine) == head_revision()


async def test_upgrading_twice_changes_nothing(engine: AsyncEngine) -> None:
    await upgrade(engine)
    await upgrade(engine)

    assert await current_revision(engine) == head_revision()


def test_offline_sql_for_azure_sql_keeps_unicode_precise_times_and_the_filtered_index() -> None:
    sql = offline_sql("mssql+aioodbc://user:pass@server/db")

    assert "CREATE TABLE mb_users" in sql
    assert re.search(r"full_name NVARCHAR\(120\) NOT NULL", sql)
    assert re.search(r"institution NVARCHAR\(200\) NOT NULL", sql)
    assert re.search(r"created_at DATETIME2 NOT NULL", sql)
    assert re.search(
        r"CREATE UNIQUE INDEX ix_mb_users_student_id ON mb_users \(student_id\) "
        r"WHERE student_id IS NOT NULL",
        sql,
    )
    assert re.search(r"CREATE UNIQUE INDEX ix_mb_users_email ON mb_users \(email\)(?! WHERE)", sql)
    for table in APP_TABLES:
        assert f"CREATE TABLE {table}" in sql
    assert f"version_num='{head_revision()}'" in sql


def test_offline_sql_for_postgresql_creates_every_table() -> None:
    sql = offline_sql("postgresql+asyncpg://user:pass@server/db")

    for table in APP_TABLES:
        assert f"CREATE TABLE {table}" in sql
    assert re.search(r"created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL", sql)
    assert re.search(r"id BIGSERIAL NOT NULL", sql)
    assert "CREATE UNIQUE INDEX ix_mb_users_email ON mb_users (email)" in sql
    assert "WHERE student_id IS NOT NULL" not in sql
    assert f"version_num='{head_revision()}'" in sql


def test_offline_sql_for_azure_sql_stores_birth_dates_as_dates() -> None:
    sql = offline_sql("mssql+aioodbc://user:pass@server/db")

    assert re.search(r"date_of_birth DATE NULL", sql)


async def test_youth_who_were_there_before_the_leaderboard_keep_their_names_hidden(
    engine: AsyncEngine,
) -> None:
    await upgrade(engine, "0003")
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO mb_users (email, password_hash, role, full_name, phone, institution, "
                "education_level, region, skills, sector_interests, is_active, created_at) VALUES "
                "('priya@example.org', 'x', 'youth', 'Priya', '', '', '', 'MH', '[]', '[]', :yes, :at)"
            ),
            {"yes": True, "at": datetime(2026, 11, 28, 9, 30)},
        )

    await upgrade(engine)

    async with engine.connect() as connection:
        shown = (await connection.execute(text("SELECT shows_on_leaderboard FROM mb_users"))).scalars().all()
    assert shown == [False]

    await downgrade(engine, "0003")

    async with engine.connect() as connection:
        columns = await connection.run_sync(lambda sync: inspect(sync).get_columns("mb_users"))
        assert "shows_on_leaderboard" not in {c["name"] for c in columns}
        assert (await connection.execute(text("SELECT email FROM mb_users"))).scalars().all() == [
            "priya@example.org"
        ]


def test_offline_sql_for_azure_sql_makes_award_keys_unique_per_youth_and_can_go_back() -> None:
    sql = offline_sql("mssql+aioodbc://user:pass@server/db")
    config = alembic_config("mssql+aioodbc://user:pass@server/db")
    config.output_buffer = back = io.StringIO()
    command.downgrade(config, "0004:0003", sql=True)

    assert re.search(r"ALTER TABLE mb_users ADD shows_on_leaderboard BIT NOT NULL DEFAULT 0", sql)
    assert "CREATE UNIQUE INDEX ix_points_ledger_user_key ON points_ledger (user_id, award_key)" in sql
    assert "CREATE UNIQUE INDEX ix_user_badges_user_badge ON user_badges (user_id, badge)" in sql
    assert re.search(r"note NVARCHAR\(200\) NOT NULL", sql)
    # Azure SQL names a column's default constraint itself: it must be dropped before the column.
    assert back.getvalue().index("sys.default_constraints") < back.getvalue().index(
        "ALTER TABLE mb_users DROP COLUMN shows_on_leaderboard"
    )
