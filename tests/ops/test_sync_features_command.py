"""`mb sync-features` as an operator runs it: new days, a backfill, mistakes, an unreachable source."""

import re
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.ops.test_cli import mb

TODAY = datetime.now(ZoneInfo("Asia/Kolkata")).date()


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("features")
    made = mb(root, "demo-data", "--youth", "12", "--days", "20")
    assert made.returncode == 0, made.stderr
    # The demo computes its days' features as a backfill would: its 20 days, youth joining as they go.
    assert re.search(r"Daily features computed from the app's tables: [\d,]+ rows for 20 days", made.stdout)
    return root


def stored(root: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(root / "data" / "mb_app.db")) as db:
        return list(db.execute(sql))


def test_a_sync_computes_today_and_a_backfill_replaces_the_days_asked_for(programme: Path) -> None:
    ((youth,),) = stored(programme, "SELECT count(*) FROM mb_users WHERE role = 'youth' AND is_active")
    synced = mb(programme, "sync-features")
    assert synced.returncode == 0, synced.stderr
    assert f"{youth} rows for 1 day ({TODAY})" in synced.stdout
    backfill = mb(programme, "sync-features", "--days", "3")
    assert backfill.returncode == 0, backfill.stderr
    first = TODAY - timedelta(days=2)
    assert f"rows for 3 days ({first} to {TODAY})" in backfill.stdout

    days = stored(
        programme, "SELECT feature_date, count(*) FROM student_daily_features GROUP BY 1 ORDER BY 1"
    )
    assert len(days) == 21 and days[-1] == (str(TODAY), youth)
    totals = stored(
        programme, "SELECT feature_date, youth, high + medium + low FROM feature_day_totals ORDER BY 1"
    )
    assert totals == [(day, count, count) for day, count in days]
    (state,) = stored(
        programme, "SELECT source, last_error, last_synced_at IS NOT NULL FROM feature_sync_state"
    )
    assert state == ("local", "", 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-02-30"), "'2026-02-30' is not a date like 2026-03-31"),
        (("--days", "0"), "give a number of days from 1 to 3660"),
        (("--days", "3", "--from", "2026-01-01"), "use either --days or --from/--to, not both"),
        (("--to", "2026-01-01"), "--to needs --from"),
        (("--from", "2026-01-05", "--to", "2026-01-01"), "--to 2026-01-01 is before --from 2026-01-05"),
        (("--from", str(TODAY), "--to", str(TODAY + timedelta(days=2))), "is in the future"),
    ],
)
def test_a_mistyped_range_changes_nothing_and_says_why(
    programme: Path, args: tuple[str, ...], message: str
) -> None:
    before = stored(programme, "SELECT count(*), max(feature_timestamp) FROM student_daily_features")

    refused = mb(programme, "sync-features", *args)

    assert refused.returncode == 2 and message in refused.stderr
    assert stored(programme, "SELECT count(*), max(feature_timestamp) FROM student_daily_features") == before


def test_an_unreachable_databricks_keeps_what_was_synced_and_says_so(programme: Path) -> None:
    before = stored(programme, "SELECT count(*) FROM student_daily_features")

    failed = mb(
        programme,
        "sync-features",
        DATABRICKS_HOST="127.0.0.1:9",
        DATABRICKS_HTTP_PATH="/sql/1.0/warehouses/demo",
        DATABRICKS_TOKEN="dapi-not-a-real-token",
        MB_DATABRICKS_TIMEOUT_S="3",
    )

    assert failed.returncode == 1
    assert "mb: features not synced: Could not read the features: Databricks at 127.0.0.1:9" in failed.stderr
    assert "What was synced before is kept" in failed.stderr
    assert "dapi-not-a-real-token" not in failed.stderr + failed.stdout
    assert stored(programme, "SELECT count(*) FROM student_daily_features") == before
    (error,) = stored(programme, "SELECT last_error FROM feature_sync_state WHERE source = 'databricks'")
    assert error[0]
