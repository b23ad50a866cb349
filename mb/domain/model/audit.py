from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class AuditEntry:
    """One admin action: who did what to which target, and when."""

    at: datetime
    actor_id: int | None
    action: str
    target_type: str
    target_id: str
    details: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
