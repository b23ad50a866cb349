from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

NOTE_MAX = 2000
OUTCOME_MAX = 500


class InterventionKind(StrEnum):
    CALL = "call"
    MEETING = "meeting"
    MESSAGE = "message"
    MODULE_ASSIGNED = "module_assigned"
    OTHER = "other"


@dataclass
class Intervention:
    """A mentor stepping in: who, for whom, how, and what came of it."""

    mentor_id: int
    youth_id: int
    kind: InterventionKind
    note: str
    outcome: str
    at: datetime
    id: int | None = None
