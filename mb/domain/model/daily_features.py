"""Daily features: one row per youth per day, the ground the insights stand on.

Every figure is "as of the end of day D" in the programme's time zone. Both the local SQL and the
lakehouse job (`mb/adapters/features/databricks_job.sql`) compute exactly this:

- the youth counted on D: role `youth`, active, registered before the end of D;
- `modules_assigned`: assignments made before the end of D and not withdrawn (`inactive`);
  `modules_started` / `modules_completed`: of those, started / completed before the end of D;
- `avg_completion` (0-100): the mean over those assignments of 100 when completed by D, else
  (when started by D) today's progress capped at 99, else 0; 0 without assignments;
- `days_since_registration`: D minus the local day of registration;
- `days_inactive`: D minus the last local day with any activity event by D (registration counts);
- `active_days_7` / `active_days_30`: distinct local days with any activity event in D-6..D /
  D-29..D;
- `quiz_attempts`, `points`, `badges_earned`: quiz attempts, points and badges before the end of D;
- `streak_days`: consecutive local days with learning (progress, quiz attempt, completion) ending
  at D, or at D-1 when D has none yet (a streak lives until a whole day passes without learning);
- `surveys_pending`: youth invitations made by the end of D, unanswered then and not yet expired;
- `career_survey_done`: a youth invitation of a `career` template answered by the end of D;
- `placed`: a placement starting on or before D;
- `feature_timestamp`: when the row was computed (the sync's watermark).

A local day is taken with the time zone's UTC offset on D (exact for Asia/Kolkata, which has no
daylight saving; elsewhere an event in the hour a clock changes may land a day off).
"""

from dataclasses import dataclass
from datetime import date, datetime

FEATURE_COLUMNS = (
    "user_id",
    "feature_date",
    "modules_assigned",
    "modules_started",
    "modules_completed",
    "avg_completion",
    "days_since_registration",
    "days_inactive",
    "active_days_7",
    "active_days_30",
    "quiz_attempts",
    "points",
    "streak_days",
    "surveys_pending",
    "career_survey_done",
    "badges_earned",
    "placed",
    "feature_timestamp",
)


@dataclass(frozen=True)
class DailyFeatures:
    user_id: int
    feature_date: date
    modules_assigned: int
    modules_started: int
    modules_completed: int
    avg_completion: float
    days_since_registration: int
    days_inactive: int
    active_days_7: int
    active_days_30: int
    quiz_attempts: int
    points: int
    streak_days: int
    surveys_pending: int
    career_survey_done: bool
    badges_earned: int
    placed: bool
    feature_timestamp: datetime


@dataclass(frozen=True, order=True)
class FeatureWatermark:
    """Where a sync got to: rows are read in this order, so the next sync starts after it."""

    feature_timestamp: datetime
    user_id: int
    feature_date: date

    @classmethod
    def of(cls, row: DailyFeatures) -> "FeatureWatermark":
        return cls(row.feature_timestamp, row.user_id, row.feature_date)


@dataclass(frozen=True)
class DayRange:
    """Inclusive range of programme days to (re)compute or re-read."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("a day range ends before it starts")


@dataclass
class SyncState:
    """What the last feature syncs from one source did: shown on the system page and the
    insights pages ("stale since …")."""

    source: str
    watermark: FeatureWatermark | None = None
    last_synced_at: datetime | None = None  # the last sync that finished
    rows_last_sync: int = 0
    last_error: str = ""  # empty once a sync finishes
    last_error_at: datetime | None = None
    latest_day: date | None = None  # the newest day with features stored

    @property
    def stale(self) -> bool:
        return bool(self.last_error)
