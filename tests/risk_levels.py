"""Youth at a chosen risk level: features that the risk rules score at it, synced as the nightly
job would, so the levels are the rules' own and not set by hand."""

from collections.abc import Mapping
from datetime import date

from mb.bootstrap import Services
from mb.domain.model.daily_features import DayRange
from mb.domain.model.risk import RiskLevel
from tests.fakes_features import FakeFeatureSource, features

# With the default weights: HIGH 4 + 2 + 1 = 7, MEDIUM 3 + 1 = 4, LOW 0 (features() is a youth
# doing fine).
NOT_TRYING = {"quiz_attempts": 0, "career_survey_done": False}
SIGNS: dict[RiskLevel, dict[str, object]] = {
    RiskLevel.HIGH: {"days_inactive": 20, "avg_completion": 10.0, **NOT_TRYING},
    RiskLevel.MEDIUM: {"days_inactive": 10, **NOT_TRYING},
    RiskLevel.LOW: {},
}


async def sync_levels(
    services: Services, source: FakeFeatureSource, day: date, levels: Mapping[int, RiskLevel]
) -> None:
    """Features for `day` scoring each youth at their level, added to the source and that day
    synced (by day, so an older day synced after a newer one is not passed over)."""
    source.rows += [features(user_id, day, **SIGNS[level]) for user_id, level in levels.items()]
    await services.feature_sync.sync(None, DayRange(day, day))
