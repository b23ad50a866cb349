from dataclasses import dataclass
from datetime import date, datetime


@dataclass(kw_only=True)
class PlacementDetails:
    """What staff write when a youth starts a job."""

    youth_id: int
    employer_name: str
    contact_email: str
    job_title: str
    start_date: date


@dataclass(kw_only=True)
class Placement(PlacementDetails):
    recorded_by: int | None
    recorded_at: datetime
    id: int | None = None
