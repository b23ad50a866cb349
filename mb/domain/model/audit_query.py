"""Searching the audit log: which admin actions, by whom, on what, between when."""

from dataclasses import dataclass
from datetime import datetime

from mb.domain.model.audit import AuditEntry
from mb.domain.model.user_query import PersonRef


@dataclass(frozen=True)
class AuditQuery:
    action: str = ""  # an exact action ("flag.set") or a family ("flag.")
    actor_id: int | None = None
    target_type: str = ""
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive


@dataclass(frozen=True)
class AuditListing:
    entry: AuditEntry
    actor: PersonRef | None  # None: the operator's shell, or an account since removed


@dataclass(frozen=True)
class AuditPage:
    listings: tuple[AuditListing, ...]
    total: int
    actions: tuple[str, ...]  # every action recorded so far, for the filter
