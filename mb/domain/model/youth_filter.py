from dataclasses import dataclass
from datetime import date

from mb.domain.model.risk import RiskLevel


@dataclass(frozen=True)
class YouthFilter:
    """Which youth a bulk action reaches; empty fields match everyone. Only active youth match."""

    region: str = ""
    institution: str = ""
    education_level: str = ""
    sector_interest: str = ""
    registered_from: date | None = None  # inclusive, a day in the programme's time zone
    registered_to: date | None = None  # inclusive
    # The level on the programme's newest day of daily features; a youth with no row that day
    # has no current level and is not matched, rather than matched by an outdated one.
    risk_level: RiskLevel | None = None
    user_ids: tuple[int, ...] | None = None  # None: anyone; () reaches nobody
    mentor_id: int | None = None  # set for mentors: they act on their own caseload only
    timezone: str = "UTC"  # the programme's, set by the service that applies the filter
