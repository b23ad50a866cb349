"""The feature sync from Databricks at scale: the bench database's stored features served by the
tests' Databricks-protocol server (the connector's own Thrift stubs, Arrow results, HTTPS), read by
the real DatabricksFeatureSource and stored by the real FeatureSyncService into a copy of the
bench database whose features table was emptied: a first sync of the whole table.

The rows are the stored ones, figure for figure, each stamped as a lakehouse's nightly job would
have written it: at 20:00 UTC (01:30 in India) after its day.
"""

import sqlite3
import tempfile
import time
from contextlib import closing
from pathlib import Path

import pyarrow as pa

from bench.insights_sql import SqlClock
from mb.adapters.cache.memory import MemoryCache
from mb.adapters.clock import SystemClock
from mb.adapters.db.engine import create_engine, session_factory
from mb.adapters.db.unit_of_work import SqlaUnitOfWork
from mb.config import Settings
from mb.domain.model.daily_features import FEATURE_COLUMNS
from mb.domain.services.feature_sync import FeatureSyncService
from tests.servers.databricks import FEATURE_SCHEMA, DatabricksServer

READ_CHUNK = 250_000
TIMEOUT_S = 300.0  # each step of the read: a loaded machine serves a big table slowly
NIGHTLY = "datetime(feature_date, '+1 day', '+20 hours')"


async def sync_from_databricks(database: Path, limit: int, clock: SqlClock) -> bool:
    """Prints the load, a read through the source alone and the sync; returns True when the sync
    stored other than what was served."""
    settings = Settings(database_url=f"sqlite+aiosqlite:///{database}", mb_data_dir=database.parent)
    batch_rows = settings.mb_features_batch_rows
    with tempfile.TemporaryDirectory(prefix="mb-bench-insights-sync-") as directory:
        copy = Path(directory) / "mb_app.db"
        started = time.perf_counter()
        table = _stored_rows(database, limit)
        read_s = time.perf_counter() - started
        _empty_copy(database, copy)
        with DatabricksServer() as server:
            started = time.perf_counter()
            server.load(table)
            load_s = time.perf_counter() - started
            source = server.source(timeout_s=TIMEOUT_S)
            started = time.perf_counter()
            fetched = sum([len(batch) async for batch in source.batches(None, None, batch_rows)])
            fetch_s = time.perf_counter() - started
            engine = create_engine(f"sqlite+aiosqlite:///{copy}")
            sessions = session_factory(engine)
            sync = FeatureSyncService(
                lambda: SqlaUnitOfWork(sessions),
                source,
                SystemClock(),
                weights=settings.risk_weights,
                cache=MemoryCache(),
                batch_rows=batch_rows,
            )
            try:
                tally, started = clock.start(), time.perf_counter()
                report = await sync.sync(None)
                sync_s = time.perf_counter() - started
            finally:
                await engine.dispose()
        with closing(sqlite3.connect(copy)) as db:
            (stored,) = db.execute("SELECT count(*) FROM student_daily_features").fetchone()
    which = "every stored row" if not limit else f"a subset: the first {table.num_rows:,} rows"
    print(f"(4) feature sync from the Databricks-protocol server: {which}, {batch_rows:,} rows a batch")
    print(f"    read from the bench database in {read_s:.1f} s; loaded into the server in {load_s:.1f} s")
    print(
        f"    {'read through the source alone':<34}{fetch_s:6.1f} s {fetched / fetch_s:8,.0f} rows/s"
        f"   {fetched:,} rows"
    )
    print(
        f"    {'sync: source → SQLite':<34}{sync_s:6.1f} s {report.rows / sync_s:8,.0f} rows/s"
        f"   {report.rows:,} rows of {len(report.days)} days; in SQL {tally.ms / 1000:.1f} s"
    )
    print(f"      {tally.line()}")
    same = report.rows == stored == fetched == table.num_rows
    print(f"    stored {stored:,} rows: {'all of them' if same else 'NOT what the server held'}\n")
    return not same


def _stored_rows(database: Path, limit: int) -> pa.Table:
    """The bench database's feature rows (the first `limit` in the sync's order, 0: all) as Arrow."""
    columns = [NIGHTLY if name == "feature_timestamp" else name for name in FEATURE_COLUMNS]
    order = "ORDER BY feature_date, user_id"
    chunks: list[pa.Table] = []
    with closing(sqlite3.connect(database)) as db:
        found = db.execute(
            f"SELECT {', '.join(columns)} FROM student_daily_features {order}"
            + (f" LIMIT {int(limit)}" if limit else "")
        )
        while rows := found.fetchmany(READ_CHUNK):
            values = dict(zip(FEATURE_COLUMNS, zip(*rows, strict=True), strict=True))
            chunks.append(_arrow(values))
    return pa.concat_tables(chunks) if chunks else FEATURE_SCHEMA.empty_table()


def _arrow(values: dict[str, tuple[object, ...]]) -> pa.Table:
    """SQLite's text dates and timestamps and 0/1 booleans in the lakehouse table's types."""
    arrays = []
    for field in FEATURE_SCHEMA:
        column = values[field.name]
        if field.type == pa.date32():
            arrays.append(pa.array(column, pa.string()).cast(pa.date32()))
        elif pa.types.is_timestamp(field.type):
            arrays.append(pa.array(column, pa.string()).cast(pa.timestamp("us")).cast(field.type))
        elif field.type == pa.bool_():
            arrays.append(pa.array(column, pa.int8()).cast(pa.bool_()))
        else:
            arrays.append(pa.array(column, field.type))
    return pa.Table.from_arrays(arrays, schema=FEATURE_SCHEMA)


def _empty_copy(database: Path, copy: Path) -> None:
    """A consistent copy of the bench database without features, sync state or day totals."""
    with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
        with target:
            target.execute("DELETE FROM student_daily_features")
            target.execute("DELETE FROM feature_day_totals")
            target.execute("DELETE FROM feature_sync_state")
