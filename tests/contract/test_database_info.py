"""Backend, schema revision and size as the system page shows them, on SQLite and PostgreSQL."""

from pathlib import Path

import pytest

from mb.adapters.db.engine import create_engine
from mb.adapters.db.info import SqlaDatabaseInfo
from mb.adapters.db.migrate import head_revision, upgrade
from mb.domain.errors import Unavailable


async def test_a_migrated_database_reports_its_revision_and_size(sql_backend_url: str) -> None:
    engine = create_engine(sql_backend_url)
    try:
        await upgrade(engine)
        facts = await SqlaDatabaseInfo(engine).facts()
    finally:
        await engine.dispose()
    assert facts.backend == engine.dialect.name
    assert facts.revision == facts.expected_revision == head_revision() and facts.up_to_date
    assert facts.size_bytes is not None and facts.size_bytes > 10_000


async def test_an_unmigrated_database_is_not_up_to_date(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
    try:
        facts = await SqlaDatabaseInfo(engine).facts()
    finally:
        await engine.dispose()
    assert facts.revision is None and not facts.up_to_date


async def test_an_unreachable_database_is_unavailable_with_the_reason(tmp_path: Path) -> None:
    engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    try:
        with pytest.raises(Unavailable, match="The database cannot be reached"):
            await SqlaDatabaseInfo(engine).facts()
    finally:
        await engine.dispose()
