"""A feature source the tests fill by hand, and a builder of daily-feature rows."""

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

from mb.domain.errors import Unavailable
from mb.domain.model.daily_features import DailyFeatures, DayRange, FeatureWatermark

COMPUTED_AT = datetime(2026, 11, 28, 1, 30, tzinfo=UTC)


def features(user_id: int, day: date, **changes: object) -> DailyFeatures:
    """A youth doing fine on `day` (risk 0) unless `changes` say otherwise."""
    row = DailyFeatures(
        user_id=user_id,
        feature_date=day,
        modules_assigned=2,
        modules_started=2,
        modules_completed=1,
        avg_completion=80.0,
        days_since_registration=60,
        days_inactive=0,
        active_days_7=5,
        active_days_30=20,
        quiz_attempts=3,
        points=120,
        streak_days=4,
        surveys_pending=0,
        career_survey_done=True,
        badges_earned=2,
        placed=False,
        feature_timestamp=COMPUTED_AT,
    )
    return replace(row, **changes)  # type: ignore[arg-type]


class FakeFeatureSource:
    """Serves `rows` the way a real source does: watermark order, batches, a day range."""

    name = "fake"

    def __init__(self, rows: Sequence[DailyFeatures] = ()) -> None:
        self.rows = list(rows)
        self.down = False  # every read fails with Unavailable
        self.fail_after_batches: int | None = None  # fail part-way, after this many batches
        self.reads: list[tuple[FeatureWatermark | None, DayRange | None]] = []

    async def batches(
        self, after: FeatureWatermark | None, days: DayRange | None, batch_rows: int
    ) -> AsyncIterator[Sequence[DailyFeatures]]:
        self.reads.append((after, days))
        if self.down:
            raise Unavailable("The feature source cannot be reached (the test switched it off).")
        chosen = sorted(
            (
                row
                for row in self.rows
                if (after is None or days is not None or FeatureWatermark.of(row) > after)
                and (days is None or days.first <= row.feature_date <= days.last)
            ),
            key=FeatureWatermark.of,
        )
        for number, start in enumerate(range(0, len(chosen), batch_rows)):
            if self.fail_after_batches is not None and number >= self.fail_after_batches:
                raise Unavailable("The feature source stopped answering part-way.")
            await asyncio.sleep(0)
            yield chosen[start : start + batch_rows]

    async def ping(self) -> str:
        if self.down:
            raise Unavailable("The feature source cannot be reached (the test switched it off).")
        return "fake features"
