"""Database care on SQLite and PostgreSQL: integrity check, statistics, vacuum."""

import sqlite3
from pathlib import Path

from sqlalchemy import text

from mb.adapters.db.engine import create_engine
from mb.adapters.db.maintenance import analyze, check_integrity, vacuum
from mb.adapters.db.migrate import upgrade


async def test_a_healthy_database_passes_and_takes_analyze_and_vacuum(sql_backend_url: str) -> None:
    engine = create_engine(sql_backend_url)
    try:
        await upgrade(engine)
        integrity = await check_integrity(engine)
        assert integrity.ok
        assert await analyze(engine) and await vacuum(engine)
        if engine.dialect.name == "sqlite":
            assert integrity.detail == "ok"
            async with engine.connect() as connection:
                statistics = (await connection.execute(text("SELECT count(*) FROM sqlite_stat1"))).scalar()
            assert statistics is not None and statistics > 0
        else:
            assert integrity.detail.startswith("not applicable")
    finally:
        await engine.dispose()


async def test_vacuum_gives_back_the_space_of_deleted_rows(tmp_path: Path) -> None:
    path = tmp_path / "big.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE filler (data BLOB)")
        connection.executemany("INSERT INTO filler VALUES (?)", [(b"x" * 4096,) for _ in range(500)])
        connection.execute("DELETE FROM filler")
    before = path.stat().st_size
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        assert await vacuum(engine)
    finally:
        await engine.dispose()
    assert path.stat().st_size < before / 10


async def test_a_damaged_file_fails_the_integrity_check_with_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("CREATE INDEX ix_people_name ON people (name)")
        connection.executemany(
            "INSERT INTO people (name) VALUES (?)", [(f"name {n}" * 20,) for n in range(2000)]
        )
    data = bytearray(path.read_bytes())
    page_size = 4096
    for page in range(len(data) // page_size - 6, len(data) // page_size - 2):  # damage some index pages
        data[page * page_size + 100 : page * page_size + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        integrity = await check_integrity(engine)
    finally:
        await engine.dispose()
    assert not integrity.ok and integrity.detail != "ok"
