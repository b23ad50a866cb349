"""The Databricks feature source through the real connector, against a loopback server that speaks
the SQL warehouse's Thrift-over-HTTPS protocol (tests/servers/databricks.py)."""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mb.adapters.features.databricks import DatabricksFeatureSource
from mb.config import SettingsError
from mb.domain.errors import Unavailable
from mb.domain.model.daily_features import DailyFeatures, DayRange, FeatureWatermark
from tests.fakes import make_settings
from tests.fakes_features import features
from tests.servers import databricks as databricks_servers
from tests.servers.databricks import TABLE, TOKEN, DatabricksServer
from tests.servers.smtp import free_port

# The loopback warehouses' fixtures, used below by name.
databricks_server = databricks_servers.databricks_server
failing_databricks_server = databricks_servers.failing_databricks_server
hanging_databricks_server = databricks_servers.hanging_databricks_server

NIGHT = datetime(2026, 11, 28, 1, 30, 0, 250_001, tzinfo=UTC)
DAY = date(2026, 11, 27)


def lakehouse_row(user_id: int, day: date, computed_at: datetime, **changes: object) -> DailyFeatures:
    """A youth's row for `day`, as the nightly job computed it at `computed_at`."""
    return features(user_id, day, feature_timestamp=computed_at, **changes)


async def read(
    source: DatabricksFeatureSource,
    after: FeatureWatermark | None = None,
    days: DayRange | None = None,
    batch_rows: int = 1000,
) -> list[list[DailyFeatures]]:
    return [list(batch) async for batch in source.batches(after, days, batch_rows)]


def flat(batches: list[list[DailyFeatures]]) -> list[DailyFeatures]:
    return [row for batch in batches for row in batch]


def in_watermark_order(rows: list[DailyFeatures]) -> list[DailyFeatures]:
    return sorted(rows, key=FeatureWatermark.of)


async def failure(reading: DatabricksFeatureSource | Awaitable[str], within_s: float) -> str:
    """The Unavailable message a read (of the source) or a ping ends with, which must come within
    `within_s`."""
    started = time.monotonic()
    with pytest.raises(Unavailable) as raised:
        await (read(reading) if isinstance(reading, DatabricksFeatureSource) else reading)
    assert time.monotonic() - started < within_s
    return raised.value.message


async def eventually(condition: Callable[[], bool], within_s: float = 3.0) -> None:
    deadline = time.monotonic() + within_s
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        await asyncio.sleep(0.02)


async def test_rows_come_back_exactly_as_the_lakehouse_holds_them(
    databricks_server: DatabricksServer,
) -> None:
    kolkata = ZoneInfo("Asia/Kolkata")
    rows = [
        lakehouse_row(
            7, DAY, NIGHT, avg_completion=33.333333333333336, career_survey_done=False, placed=True
        ),
        lakehouse_row(8, DAY, NIGHT, avg_completion=0.0, points=0, streak_days=0, badges_earned=0),
        lakehouse_row(
            3_000_000_000, DAY - timedelta(days=400), NIGHT - timedelta(microseconds=1), points=2**31 - 1
        ),
        # Computed at the same instant, written down in the programme's zone: read back in UTC.
        lakehouse_row(9, DAY, datetime(2026, 11, 28, 7, 0, 0, 250_001, tzinfo=kolkata), avg_completion=99.99),
    ]
    databricks_server.add(rows)

    got = flat(await read(databricks_server.source()))

    assert got == in_watermark_order(rows)
    for row in got:
        assert row.feature_timestamp.tzinfo is UTC
        assert type(row.feature_date) is date
        assert type(row.user_id) is int and type(row.points) is int
        assert type(row.avg_completion) is float
        assert type(row.placed) is bool and type(row.career_survey_done) is bool
    assert got[-1].feature_timestamp == datetime(2026, 11, 28, 1, 30, 0, 250_001, tzinfo=UTC)
    assert {row.user_id: row.avg_completion for row in got}[7] == 33.333333333333336


async def test_batches_hold_at_most_batch_rows_in_watermark_order(
    databricks_server: DatabricksServer,
) -> None:
    rows = [lakehouse_row(user, DAY, NIGHT + timedelta(seconds=user % 4)) for user in range(1, 26)]
    databricks_server.add(rows)

    batches = await read(databricks_server.source(), batch_rows=10)

    assert [len(batch) for batch in batches] == [10, 10, 5]
    assert flat(batches) == in_watermark_order(rows)
    # The warehouse was asked for a batch at a time, never for everything at once.
    assert databricks_server.fetch_sizes and set(databricks_server.fetch_sizes) == {10}


async def test_a_read_resumed_after_its_watermark_neither_loses_nor_repeats_rows(
    databricks_server: DatabricksServer,
) -> None:
    # Three computations, each of four youth over two days: eight rows share each timestamp, and
    # batches of 3 split both the computations and a youth's two days.
    rows = [
        lakehouse_row(user, day, NIGHT + timedelta(minutes=run))
        for run in range(3)
        for user in (5, 11, 12, 40)
        for day in (DAY - timedelta(days=1), DAY)
    ]
    databricks_server.add(rows)
    source = databricks_server.source()

    received: list[DailyFeatures] = []
    after: FeatureWatermark | None = None
    for _ in range(len(rows)):
        # One batch per read, as a sync that stops after each batch and starts again would see.
        reading = source.batches(after, None, 3)
        batch = await anext(reading, None)
        await reading.aclose()
        if batch is None:
            break
        received += batch
        after = FeatureWatermark.of(batch[-1])

    assert received == in_watermark_order(rows)
    # Each abandoned read still closed its session on the warehouse.
    await eventually(lambda: databricks_server.open_sessions == 0)


async def test_a_day_range_reads_those_days_only(databricks_server: DatabricksServer) -> None:
    days = [DAY - timedelta(days=back) for back in range(5)]
    rows = [
        lakehouse_row(user, day, NIGHT + timedelta(hours=back))
        for back, day in enumerate(days)
        for user in (1, 2)
    ]
    databricks_server.add(rows)
    source = databricks_server.source()

    middle = flat(await read(source, days=DayRange(days[3], days[1])))
    assert {row.feature_date for row in middle} == {days[1], days[2], days[3]}
    assert middle == in_watermark_order([row for row in rows if days[3] <= row.feature_date <= days[1]])

    # With a watermark as well: the rest of that range after it.
    after = FeatureWatermark.of(middle[2])
    assert flat(await read(source, after=after, days=DayRange(days[3], days[1]))) == middle[3:]


async def test_values_travel_as_native_named_parameters(databricks_server: DatabricksServer) -> None:
    databricks_server.add([lakehouse_row(1, DAY, NIGHT)])
    after = FeatureWatermark(datetime(2026, 11, 28, 7, 0, 0, 5, tzinfo=ZoneInfo("Asia/Kolkata")), 7, DAY)

    await read(databricks_server.source(), after=after, days=DayRange(date(2026, 11, 1), date(2026, 11, 30)))

    (received,) = databricks_server.statements
    assert received.named
    assert received.parameters == {
        "after_ts": ("TIMESTAMP", "2026-11-28 01:30:00.000005+00:00"),
        "after_user": ("INT", "7"),
        "after_day": ("DATE", "2026-11-27"),
        "first_day": ("DATE", "2026-11-01"),
        "last_day": ("DATE", "2026-11-30"),
    }
    # Only markers in the text: no value is spliced into the SQL.
    for marker in (":after_ts", ":after_user", ":after_day", ":first_day", ":last_day"):
        assert marker in received.statement
    assert "2026-11" not in received.statement
    assert "FROM `main`.`mb_compass`.`student_daily_features`" in received.statement
    assert received.statement.endswith("ORDER BY feature_timestamp, user_id, feature_date")
    assert received.run_async


async def test_a_statement_the_warehouse_refuses_gives_its_reason(
    failing_databricks_server: DatabricksServer, caplog: pytest.LogCaptureFixture
) -> None:
    warehouse = failing_databricks_server
    message = await failure(warehouse.source(), within_s=5)

    assert message.startswith(f"Could not read the features: Databricks at {warehouse.where} could not run")
    assert "[INSUFFICIENT_PERMISSIONS]" in message
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


async def test_a_missing_table_is_named_with_the_setting_to_check(
    databricks_server: DatabricksServer,
) -> None:
    message = await failure(databricks_server.source(table="main.mb_compass.no_such_table"), within_s=5)

    assert "has no table main.mb_compass.no_such_table" in message
    assert "MB_DATABRICKS_FEATURES_TABLE" in message


async def test_a_refused_token_says_so_and_the_token_shows_nowhere(
    databricks_server: DatabricksServer, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "dapi-revoked-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
    caplog.set_level(logging.DEBUG)

    for attempt in (databricks_server.source(token=wrong), databricks_server.source(token=wrong).ping()):
        message = await failure(attempt, within_s=5)
        assert "refused the token (HTTP 403)" in message
        assert "DATABRICKS_TOKEN" in message
        assert wrong not in message

    assert wrong not in caplog.text and TOKEN not in caplog.text
    # Expected failures are warnings: the connector's own ERROR lines are turned down.
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


async def test_a_warehouse_that_hangs_gives_unavailable_within_the_timeout(
    hanging_databricks_server: DatabricksServer,
) -> None:
    message = await failure(hanging_databricks_server.source(timeout_s=1), within_s=3.5)

    assert "did not answer within 1 s" in message
    assert "MB_DATABRICKS_TIMEOUT_S" in message


async def test_a_warehouse_that_hangs_part_way_keeps_the_batches_already_read() -> None:
    with DatabricksServer(hang_on=("FetchResults", 2)) as server:
        server.add([lakehouse_row(user, DAY, NIGHT) for user in range(1, 8)])
        reading = server.source(timeout_s=1).batches(None, None, 3)
        first = await anext(reading)

        started = time.monotonic()
        with pytest.raises(Unavailable, match="did not answer within 1 s"):
            await anext(reading)

        assert [row.user_id for row in first] == [1, 2, 3]
        assert time.monotonic() - started < 3.5


async def test_a_warehouse_that_answers_a_byte_at_a_time_is_given_up_on() -> None:
    # Each byte comes well within the socket timeout, so only the event loop's deadline ends it.
    with DatabricksServer(hang_on=("ExecuteStatement", 1), trickle=True) as server:
        message = await failure(server.source(timeout_s=0.5), within_s=4.5)

    assert "did not answer within 0.5 s" in message


async def test_ping_gives_up_on_a_warehouse_that_never_opens_a_session() -> None:
    with DatabricksServer(hang_on=("OpenSession", 1)) as server:
        message = await failure(server.source(timeout_s=1).ping(), within_s=3.5)

    assert message.startswith(
        f"Could not reach the SQL warehouse: Databricks at {server.where} did not answer"
    )


async def test_a_query_still_running_at_the_timeout_is_cancelled() -> None:
    with DatabricksServer(query_seconds=30) as server:
        message = await failure(server.source(timeout_s=1), within_s=3.5)

        assert "did not finish within 1 s and was cancelled" in message
        assert "CancelOperation" in server.calls


async def test_the_event_loop_runs_on_while_the_warehouse_works() -> None:
    with DatabricksServer(query_seconds=0.6) as server:
        server.add([lakehouse_row(1, DAY, NIGHT)])
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.create_task(tick())
        rows = flat(await read(server.source()))
        ticker.cancel()

    assert len(rows) == 1
    assert ticks >= 30  # 0.6 s of waiting on the warehouse, and the loop ticked through it


async def test_an_unreachable_host_is_reported_quickly(databricks_server: DatabricksServer) -> None:
    nobody_listens = free_port()
    nobody = databricks_server.source(port=nobody_listens, timeout_s=1)

    message = await failure(nobody.ping(), within_s=3.5)

    assert f"Databricks at 127.0.0.1:{nobody_listens} could not be reached" in message
    assert "DATABRICKS_HOST" in message


async def test_a_certificate_nobody_vouches_for_is_refused(databricks_server: DatabricksServer) -> None:
    trusting_the_system_only = databricks_server.source(trusted=False, timeout_s=1)

    message = await failure(trusting_the_system_only.ping(), within_s=3.5)

    assert f"the secure connection to Databricks at {databricks_server.where} failed" in message
    assert "CERTIFICATE_VERIFY_FAILED" in message
    assert databricks_server.calls == []


async def test_a_wrong_http_path_is_named(databricks_server: DatabricksServer) -> None:
    elsewhere = databricks_server.source(http_path="/sql/1.0/warehouses/0000000000000000")

    message = await failure(elsewhere.ping(), within_s=5)

    assert "has no SQL warehouse at DATABRICKS_HTTP_PATH (HTTP 404)" in message


async def test_ping_names_the_warehouse_and_closes_its_session(databricks_server: DatabricksServer) -> None:
    description = await databricks_server.source().ping()

    assert description == f"databricks 127.0.0.1:{databricks_server.port} ({TABLE})"
    assert [statement.statement for statement in databricks_server.statements] == ["SELECT 1"]
    assert databricks_server.open_sessions == 0


async def test_a_full_read_closes_its_query_and_session(databricks_server: DatabricksServer) -> None:
    databricks_server.add([lakehouse_row(user, DAY, NIGHT) for user in range(1, 4)])

    await read(databricks_server.source(), batch_rows=2)

    assert databricks_server.calls[-2:] == ["CloseOperation", "CloseSession"]
    assert databricks_server.open_sessions == 0


async def test_a_host_given_as_a_url_with_its_port_is_taken_apart(
    databricks_server: DatabricksServer,
) -> None:
    source = databricks_server.source(host=f"https://127.0.0.1:{databricks_server.port}/", port=443)

    assert await source.ping() == f"databricks {databricks_server.where} ({TABLE})"


def test_settings_make_a_source_for_the_workspace() -> None:
    settings = make_settings(
        databricks_host="adb-1234567890123456.7.azuredatabricks.net",
        databricks_http_path="/sql/1.0/warehouses/abc",
        databricks_token="dapi-xyz",
        mb_databricks_features_table="lake.mb.`daily_features`",
    )

    assert DatabricksFeatureSource.from_settings(settings).name == "databricks"


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"databricks_token": ""}, "DATABRICKS_TOKEN"),
        ({"mb_databricks_features_table": "lake.mb.daily.features"}, "MB_DATABRICKS_FEATURES_TABLE"),
        ({"mb_databricks_features_table": "lake..features"}, "MB_DATABRICKS_FEATURES_TABLE"),
        ({"mb_databricks_features_table": "lake.mb.`x`y`"}, "MB_DATABRICKS_FEATURES_TABLE"),
    ],
)
def test_settings_that_cannot_work_are_refused_at_start(change: dict[str, str], named: str) -> None:
    values = {
        "databricks_host": "adb-1.azuredatabricks.net",
        "databricks_http_path": "/sql/1.0/warehouses/abc",
        "databricks_token": "dapi-xyz",
    }
    settings = make_settings(**(values | change))

    with pytest.raises(SettingsError, match=named):
        DatabricksFeatureSource.from_settings(settings)
