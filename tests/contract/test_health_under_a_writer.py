"""`/health`'s checks on a SQLite file another process is writing to: readers are not blocked."""

import sqlite3
from contextlib import closing
from pathlib import Path

from mb.adapters.db.engine import create_engine
from mb.adapters.db.migrate import upgrade
from mb.bootstrap import build_services
from mb.domain.model.health import CheckStatus, Overall
from tests.fakes import make_settings


async def test_the_database_check_answers_while_another_writer_holds_the_file(tmp_path: Path) -> None:
    database = tmp_path / "data" / "mb_app.db"
    url = f"sqlite+aiosqlite:///{database}"
    engine = create_engine(url)
    await upgrade(engine)
    await engine.dispose()
    services = build_services(make_settings(database_url=url, mb_data_dir=tmp_path / "data"))
    try:
        with closing(sqlite3.connect(database, timeout=0)) as writer:
            writer.execute("BEGIN EXCLUSIVE")  # another process in the middle of a write
            writer.execute(
                "INSERT INTO audit_log (at, action, target_type, target_id, details) "
                "VALUES ('2026-11-28 00:00:00', 'x', 'y', 'z', '{}')"
            )
            report = await services.health.report()
            maintenance = await services.maintenance.state()
            writer.rollback()
    finally:
        await services.aclose()
    database_check = report.checks["database"]
    assert database_check.status is CheckStatus.OK and report.status is not Overall.UNHEALTHY
    assert not maintenance.on
