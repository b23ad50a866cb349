"""The lakehouse job computes the same daily features as the app.

The shipped Databricks SQL runs on Spark in local mode over the fixture programme, copied table by
table from the app's SQLite database, and must give the rows the local computation gives, and
both the rows worked out by hand. Spark stands in for Databricks: same SQL dialect, same `:name`
parameters; only the statements that store the day in a Delta table are checked without running.
"""

import json
import math
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pyarrow as pa
import pytest
from sqlalchemy import JSON, BigInteger, Boolean, Date, Float, Integer, select
from sqlalchemy.ext.asyncio import AsyncEngine

from mb.adapters.db.engine import create_engine
from mb.adapters.db.migrate import upgrade
from mb.adapters.db.tables import Base
from mb.adapters.db.types import UtcDateTime
from mb.adapters.features.local import SqlFeatureSource
from mb.adapters.features.programme_day import utc_offset_minutes
from mb.domain.model.daily_features import FEATURE_COLUMNS, DailyFeatures, DayRange
from tests.contract.feature_fixtures import build_feature_fixture
from tests.fakes import FakeClock

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

JOB = resources.files("mb.adapters.features") / "databricks_job.sql"
RESULT_VIEW = "daily_features_today"
COMPARED = tuple(name for name in FEATURE_COLUMNS if name != "feature_timestamp")

# Stored types as the lakehouse mirrors them: UTC timestamps, dates, booleans; JSON as text.
ARROW_TYPES: tuple[tuple[type[Any], pa.DataType], ...] = (
    (UtcDateTime, pa.timestamp("us", tz="UTC")),
    (Date, pa.date32()),
    (Boolean, pa.bool_()),
    (BigInteger, pa.int64()),
    (Integer, pa.int32()),
    (Float, pa.float64()),
)


@pytest.fixture(scope="module")
def spark() -> Iterator["SparkSession"]:
    """One local Spark for the module, tuned to start fast; its JVM is gone afterwards."""
    java_home = os.environ.get("JAVA_HOME")
    if shutil.which("java") is None and not (java_home and Path(java_home, "bin", "java").exists()):
        pytest.fail("Java is missing: the Spark parity test needs a JDK 17 (java on PATH or JAVA_HOME).")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        pytest.fail("pyspark is not installed: install the dev extras (pip install -e '.[dev]').")
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SPARK_LOCAL_IP", "127.0.0.1")  # read as the JVM starts: loopback only
            session = _started(SparkSession.builder)
    except Exception as error:  # whatever stopped the JVM, the test fails saying so
        pytest.fail(f"Spark did not start in local mode ({error}); it needs a JDK 17.")
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        _stop(session)


def _started(builder: Any) -> "SparkSession":
    session: SparkSession = (
        builder.master("local[1]")
        .appName("mb-features-parity")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        # Kilobytes of data: interpreting beats compiling, and C1 alone warms up soonest.
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        .getOrCreate()
    )
    return session


def _stop(session: "SparkSession") -> None:
    """Stop Spark and its JVM: `stop()` alone keeps the JVM for a next session in this process."""
    from pyspark import SparkContext

    session.stop()
    gateway = SparkContext._gateway
    if gateway is None:
        return
    gateway.shutdown()
    jvm = gateway.proc
    jvm.stdin.close()  # the gateway exits when its stdin closes
    try:
        jvm.wait(timeout=30)
    except subprocess.TimeoutExpired:
        jvm.kill()
        jvm.wait()
    SparkContext._gateway = None
    SparkContext._jvm = None


async def test_the_lakehouse_job_computes_the_local_features(spark: "SparkSession", tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'mb.db'}")
    try:
        await upgrade(engine)
        fixture = await build_feature_fixture(engine)
        local = SqlFeatureSource(engine, FakeClock(fixture.computed_at), fixture.timezone)
        computing, storing = _job_statements()
        for name, table in (await _tables(engine, _tables_read(computing))).items():
            spark.createDataFrame(table).createOrReplaceTempView(name)
        assert fixture.days, "the fixture gives no day to compare"
        for day in fixture.days:
            by_hand = [asdict(row) for row in fixture.expected[day]]
            computed_locally = [asdict(row) for row in await _local_rows(local, day)]
            before = datetime.now(UTC)
            computed_by_job = _job_rows(spark, computing, day, fixture.timezone)
            differences = [
                *_differences(computed_by_job, computed_locally, f"{day}, job vs local"),
                *_differences(computed_by_job, by_hand, f"{day}, job vs by hand"),
                *_differences(computed_locally, by_hand, f"{day}, local vs by hand"),
            ]
            assert not differences, "\n".join(differences)
            stamps = {row["feature_timestamp"] for row in computed_by_job}
            assert len(stamps) == 1, "every row of one run carries the run's moment"
            assert before - timedelta(seconds=1) <= stamps.pop() <= datetime.now(UTC)
    finally:
        await engine.dispose()
    _assert_stores_what_it_computes(spark, storing)


def _job_statements() -> tuple[list[str], list[str]]:
    """The statements up to the one creating the result view, and those that store it."""
    text = re.sub(r"--[^\n]*", "", JOB.read_text(encoding="utf-8"))
    statements = [statement.strip() for statement in text.split(";") if statement.strip()]
    view = next(
        (i for i, s in enumerate(statements) if re.search(rf"\bVIEW\s+{RESULT_VIEW}\b", s, re.IGNORECASE)),
        None,
    )
    assert view is not None, f"the job defines no {RESULT_VIEW} view"
    return statements[: view + 1], statements[view + 1 :]


def _job_rows(
    spark: "SparkSession", computing: Sequence[str], day: date, timezone: str
) -> list[dict[str, Any]]:
    # The parameters a Databricks job would pass, by name: the file's `:name` markers run as written.
    parameters = {"feature_date": day, "utc_offset_minutes": utc_offset_minutes(day, ZoneInfo(timezone))}
    for statement in computing:
        spark.sql(statement, args=parameters)
    result = spark.table(RESULT_VIEW)
    assert tuple(result.columns) == FEATURE_COLUMNS, "the job's columns are not FEATURE_COLUMNS, in order"
    rows: list[dict[str, Any]] = result.toArrow().to_pylist()
    return rows


def _assert_stores_what_it_computes(spark: "SparkSession", storing: Sequence[str]) -> None:
    """Local Spark has no Delta tables: the storing statements are parsed, and their columns checked."""
    parser = spark._jsparkSession.sessionState().sqlParser()
    plans = [parser.parsePlan(statement).getClass().getSimpleName() for statement in storing]
    # The table made on a first run, then the day replaced in one statement (not appended).
    assert plans == ["CreateTable", "OverwriteByExpression"]
    create, store = storing
    created = re.findall(r"^\s*(\w+)\s+(?:INT|DATE|DOUBLE|BOOLEAN|TIMESTAMP)\b", create, re.MULTILINE)
    assert tuple(created) == FEATURE_COLUMNS, "the table's columns are not FEATURE_COLUMNS, in order"
    stored = re.search(r"SELECT(.*?)FROM\s+" + RESULT_VIEW, store, re.DOTALL | re.IGNORECASE)
    assert stored is not None
    assert tuple(name.strip() for name in stored.group(1).split(",")) == FEATURE_COLUMNS


async def _local_rows(source: SqlFeatureSource, day: date) -> list[DailyFeatures]:
    rows: list[DailyFeatures] = []
    async for batch in source.batches(None, DayRange(day, day), batch_rows=10_000):
        rows.extend(batch)
    return rows


def _tables_read(statements: Sequence[str]) -> set[str]:
    """The app tables the job names; a table missed here fails the job's query, never silently."""
    named = set(re.findall(r"\b(?:FROM|JOIN)\s+(\w+)", " ".join(statements), re.IGNORECASE))
    read = named & set(Base.metadata.tables)
    assert read, "the job reads none of the app's tables"
    return read


async def _tables(engine: AsyncEngine, names: set[str]) -> dict[str, pa.Table]:
    """App tables as Arrow, read through their mapped types (aware UTC datetimes, dates, bools)."""
    tables: dict[str, pa.Table] = {}
    async with engine.connect() as connection:
        for table in (Base.metadata.tables[name] for name in sorted(names)):
            rows = (await connection.execute(select(table))).all()
            columns = {}
            for i, column in enumerate(table.columns):
                values = [row[i] for row in rows]
                if isinstance(column.type, JSON):
                    values = [None if value is None else json.dumps(value) for value in values]
                columns[column.name] = pa.array(values, _arrow_type(column.type))
            tables[table.name] = pa.table(columns)
    return tables


def _arrow_type(column_type: Any) -> pa.DataType:
    # BigInteger before Integer: it is one.
    return next((arrow for kind, arrow in ARROW_TYPES if isinstance(column_type, kind)), pa.string())


def _differences(got: Sequence[dict[str, Any]], wanted: Sequence[dict[str, Any]], what: str) -> list[str]:
    by_user = {row["user_id"]: row for row in got}
    if sorted(by_user) != sorted(row["user_id"] for row in wanted):
        return [f"{what}: youth {sorted(by_user)} != {sorted(row['user_id'] for row in wanted)}"]
    return [
        f"{what}: youth {row['user_id']} {name}: {by_user[row['user_id']][name]!r} != {row[name]!r}"
        for row in wanted
        for name in COMPARED
        if not _same(by_user[row["user_id"]][name], row[name])
    ]


def _same(got: Any, wanted: Any) -> bool:
    if isinstance(got, float) or isinstance(wanted, float):
        return math.isclose(got, wanted, rel_tol=0, abs_tol=1e-9)
    # True == 1 in Python: a flag must come back as a flag, a count as a count.
    return bool(got == wanted and type(got) is type(wanted))
