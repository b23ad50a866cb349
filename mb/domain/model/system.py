"""What the system page reports about this installation."""

from dataclasses import dataclass

from mb.domain.model.health import HealthReport


@dataclass(frozen=True)
class DatabaseFacts:
    backend: str  # sqlite, postgresql, mssql
    revision: str | None  # the schema's migration revision; None when never migrated
    expected_revision: str  # the revision this version of the app runs on
    size_bytes: int | None  # None when the backend will not say

    @property
    def up_to_date(self) -> bool:
        return self.revision == self.expected_revision


@dataclass(frozen=True)
class SystemOverview:
    version: str
    health: HealthReport
    database: DatabaseFacts | None  # None when the database cannot be reached
    database_problem: str = ""
    mail_waiting: int | None = None  # messages queued or to be tried again; None: not known
