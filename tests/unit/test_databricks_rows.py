"""The Databricks source's SQL, its reading of Arrow rows, and the reasons it gives for failures."""

import socket
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pyarrow as pa
import pytest

from mb.adapters.features.databricks_failures import NoAnswer, QueryTooSlow, reason
from mb.adapters.features.databricks_rows import UnreadableRows, daily_features, feature_query, quoted_table
from mb.config import SettingsError
from mb.domain.model.daily_features import FEATURE_COLUMNS, DailyFeatures, DayRange, FeatureWatermark
from tests.fakes_features import features
from tests.servers.databricks import FEATURE_SCHEMA

NIGHT = datetime(2026, 11, 28, 1, 30, tzinfo=UTC)
DAY = date(2026, 11, 27)


def lakehouse_row(user_id: int, day: date, computed_at: datetime, **changes: object) -> DailyFeatures:
    """A youth's row for `day`, as the nightly job computed it at `computed_at`."""
    return features(user_id, day, feature_timestamp=computed_at, **changes)


WHERE = "Databricks at adb-1.azuredatabricks.net"


@pytest.mark.parametrize(
    ("table", "quoted"),
    [
        ("main.mb_compass.student_daily_features", "`main`.`mb_compass`.`student_daily_features`"),
        ("lake.`mb`.Daily_2", "`lake`.`mb`.`Daily_2`"),
        ("features", "`features`"),
    ],
)
def test_a_table_name_is_quoted_part_by_part(table: str, quoted: str) -> None:
    assert quoted_table(table) == quoted


@pytest.mark.parametrize(
    "table", ["", "a.b.c.d", "a..b", "`a`b`", "a.`b", "a b", "a;DROP TABLE b", "a`.`b", "main.mb.x-y"]
)
def test_anything_but_a_table_name_is_refused(table: str) -> None:
    with pytest.raises(SettingsError, match="MB_DATABRICKS_FEATURES_TABLE"):
        quoted_table(table)


def test_everything_is_read_in_watermark_order_without_a_watermark_or_days() -> None:
    statement, parameters = feature_query("`t`", None, None)

    assert (
        statement
        == f"SELECT {', '.join(FEATURE_COLUMNS)} FROM `t` ORDER BY feature_timestamp, user_id, feature_date"
    )
    assert parameters == {}


def test_a_watermark_is_sent_as_an_instant_in_utc() -> None:
    ist = timezone(timedelta(hours=5, minutes=30))
    after = FeatureWatermark(datetime(2026, 11, 28, 7, 0, tzinfo=ist), 12, DAY)

    statement, parameters = feature_query("`t`", after, None)

    assert " WHERE (feature_timestamp > :after_ts OR (feature_timestamp = :after_ts AND " in statement
    assert parameters == {"after_ts": NIGHT, "after_user": 12, "after_day": DAY}
    assert parameters["after_ts"].tzinfo is UTC  # type: ignore[union-attr]


def test_a_watermark_stored_without_a_zone_is_taken_as_utc() -> None:
    after = FeatureWatermark(datetime(2026, 11, 28, 1, 30), 12, DAY)

    _, parameters = feature_query("`t`", after, None)

    assert parameters["after_ts"] == NIGHT


def test_a_day_range_narrows_the_read_and_joins_the_watermark() -> None:
    statement, parameters = feature_query(
        "`t`", FeatureWatermark(NIGHT, 1, DAY), DayRange(date(2026, 11, 1), date(2026, 11, 30))
    )

    assert ")))) AND feature_date BETWEEN :first_day AND :last_day ORDER BY" in statement
    assert parameters["first_day"] == date(2026, 11, 1) and parameters["last_day"] == date(2026, 11, 30)


def arrow(**columns: pa.Array) -> pa.Table:
    """One row of the lakehouse table, with `columns` replaced (or, given None, left out)."""
    table = pa.Table.from_pylist(
        [{name: getattr(lakehouse_row(7, DAY, NIGHT), name) for name in FEATURE_COLUMNS}],
        schema=FEATURE_SCHEMA,
    )
    for name, values in columns.items():
        index = table.column_names.index(name)
        table = table.remove_column(index) if values is None else table.set_column(index, name, values)
    return table


def test_arrow_rows_become_daily_features() -> None:
    assert daily_features(arrow()) == [lakehouse_row(7, DAY, NIGHT)]


def test_other_widths_decimals_and_zones_are_read_as_the_same_values() -> None:
    (row,) = daily_features(
        arrow(
            user_id=pa.array([7], pa.int32()),
            points=pa.array([120], pa.int16()),
            avg_completion=pa.array([Decimal("52.50")], pa.decimal128(5, 2)),
            feature_timestamp=pa.array([NIGHT], pa.timestamp("ns", tz="Asia/Kolkata")),
        )
    )

    assert row == lakehouse_row(7, DAY, NIGHT, avg_completion=52.5)
    assert row.feature_timestamp.tzinfo is UTC and type(row.avg_completion) is float


def test_timestamps_without_a_zone_are_read_as_utc() -> None:
    (row,) = daily_features(
        arrow(feature_timestamp=pa.array([datetime(2026, 11, 28, 1, 30)], pa.timestamp("us")))
    )

    assert row.feature_timestamp == NIGHT and row.feature_timestamp.tzinfo is UTC


@pytest.mark.parametrize(
    ("columns", "said"),
    [
        ({"points": None}, "has no column points"),
        ({"feature_date": pa.array(["2026-11-27"])}, "has feature_date as string, where date was expected"),
        ({"placed": pa.array([1], pa.int32())}, "has placed as int32, where bool was expected"),
        (
            {"avg_completion": pa.array([None], pa.float64())},
            "has a row without avg_completion (youth 7, day 2026-11-27)",
        ),
    ],
)
def test_rows_that_are_not_daily_features_are_refused_naming_the_column(
    columns: dict[str, pa.Array], said: str
) -> None:
    with pytest.raises(UnreadableRows) as raised:
        daily_features(arrow(**columns))

    assert str(raised.value) == said
    assert reason(raised.value, WHERE, "lake.mb.features", 60) == (
        f"the table lake.mb.features {said}. Fix the job that writes it, then sync again."
    )


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (NoAnswer(62), f"{WHERE} did not answer within 60 s."),
        (QueryTooSlow(60), f"the feature query on {WHERE} did not finish within 60 s and was cancelled."),
        (socket.gaierror(-2, "Name or service not known"), f"{WHERE} is not a host name that resolves."),
        (ConnectionRefusedError(111, "Connection refused"), f"{WHERE} could not be reached."),
    ],
)
def test_each_failure_has_a_reason_to_act_on(error: Exception, said: str) -> None:
    assert reason(error, WHERE, "lake.mb.features", 60).startswith(said)
