"""Daily features computed from the app's own tables: the embedded `FeatureSource`."""

from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Row, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncEngine

from mb.adapters.db.tables import UserRow
from mb.adapters.features.daily_query import daily_features_query
from mb.adapters.features.programme_day import ProgrammeDay, today
from mb.domain.errors import Unavailable
from mb.domain.model.daily_features import DailyFeatures, DayRange, FeatureWatermark
from mb.domain.ports.clock import Clock

# What a database, or the way to it, raises when it cannot answer (down, unreadable, not
# migrated); anything else is a bug here and stays one.
DATABASE_ERRORS = (DBAPIError, PoolTimeout, OSError)


class SqlFeatureSource:
    """Computes each day's features with one set-based statement over the app's tables.

    Days come from `days`, or run from the watermark's day (today when there is none) to today
    in the programme's time zone; every row of one call carries the moment the call began."""

    name = "local"

    def __init__(self, engine: AsyncEngine, clock: Clock, timezone: str) -> None:
        self._engine = engine
        self._clock = clock
        self._zone = ZoneInfo(timezone)
        self._query = daily_features_query(engine.dialect.name)

    async def batches(
        self, after: FeatureWatermark | None, days: DayRange | None, batch_rows: int
    ) -> AsyncIterator[Sequence[DailyFeatures]]:
        if batch_rows < 1:
            raise ValueError("batch_rows must be at least 1")
        computed_at = self._clock.now()
        for day in self._days(after, days, computed_at):
            rows = await self._compute(day, computed_at)
            for start in range(0, len(rows), batch_rows):
                yield rows[start : start + batch_rows]

    async def ping(self) -> str:
        try:
            async with self._engine.connect() as connection:
                # An app table, not just SELECT 1: a file that is no database, or one never
                # migrated, answers that but cannot give features.
                await connection.execute(select(UserRow.id).limit(1))
        except DATABASE_ERRORS as error:
            raise _unavailable(error) from error
        return f"computed from the app's tables ({self._engine.dialect.name})"

    def _days(self, after: FeatureWatermark | None, days: DayRange | None, now: datetime) -> Iterator[date]:
        if days is not None:
            first, last = days.first, days.last
        else:
            last = today(now, self._zone)
            first = last if after is None else after.feature_date
        day = first
        while day <= last:
            yield day
            day += timedelta(days=1)

    async def _compute(self, day: date, computed_at: datetime) -> list[DailyFeatures]:
        bounds = ProgrammeDay.of(day, self._zone)
        parameters = {
            "day": day,
            "day_number": bounds.number,
            "utc_offset_minutes": bounds.utc_offset_minutes,
            "day_ends": bounds.ends,
            "yesterday_starts": bounds.starts(1),
            "month_starts": bounds.starts(29),
        }
        try:
            async with self._engine.connect() as connection:
                result = await connection.execute(self._query, parameters)
                return [_features(row, day, computed_at) for row in result]
        except DATABASE_ERRORS as error:
            raise _unavailable(error) from error


def _features(row: Row[Any], day: date, computed_at: datetime) -> DailyFeatures:
    # Sums come back as Decimal or int depending on the database: normalise them here.
    return DailyFeatures(
        user_id=int(row.user_id),
        feature_date=day,
        modules_assigned=int(row.modules_assigned),
        modules_started=int(row.modules_started),
        modules_completed=int(row.modules_completed),
        avg_completion=float(row.avg_completion),
        days_since_registration=int(row.days_since_registration),
        days_inactive=int(row.days_inactive),
        active_days_7=int(row.active_days_7),
        active_days_30=int(row.active_days_30),
        quiz_attempts=int(row.quiz_attempts),
        points=int(row.points),
        streak_days=int(row.streak_days),
        surveys_pending=int(row.surveys_pending),
        career_survey_done=bool(row.career_survey_done),
        badges_earned=int(row.badges_earned),
        placed=bool(row.placed),
        feature_timestamp=computed_at,
    )


def _unavailable(error: BaseException) -> Unavailable:
    reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
    return Unavailable(
        f"Daily features could not be computed from the app's database ({reason}). "
        "Check that the database is running, reachable and migrated (`mb init-db`), then sync again."
    )
