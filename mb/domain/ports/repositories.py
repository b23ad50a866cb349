"""What the services need from storage, one Protocol per aggregate."""

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from mb.domain.model.activity import ActivityEvent
from mb.domain.model.audit import AuditEntry
from mb.domain.model.flags import Flag, FlagOverride
from mb.domain.model.login_failure import LoginFailure
from mb.domain.model.roles import Role
from mb.domain.model.user import User


class UserRepository(Protocol):
    async def add(self, user: User) -> User:
        """Store a new user and give it its id."""

    async def get(self, user_id: int) -> User | None: ...

    async def get_by_email(self, email: str) -> User | None:
        """Look up by the normalized (lower-case) email."""

    async def student_id_taken(self, student_id: str) -> bool: ...

    async def update(self, user: User) -> None:
        """Write back every field of an existing user."""

    async def count_by_role(self) -> dict[Role, int]:
        """Active and inactive users per role; roles with none are absent."""


class AuditLog(Protocol):
    async def record(self, entry: AuditEntry) -> None: ...

    async def recent(self, limit: int) -> Sequence[AuditEntry]:
        """Newest first."""


class FlagRepository(Protocol):
    async def all(self) -> Sequence[FlagOverride]: ...

    async def save(self, override: FlagOverride) -> None:
        """Insert or replace the override for `override.name`."""

    async def delete(self, name: Flag) -> None: ...


class ActivityLog(Protocol):
    async def append(self, event: ActivityEvent) -> None: ...

    async def for_user(self, user_id: int, limit: int) -> Sequence[ActivityEvent]:
        """Newest first."""


class LoginFailures(Protocol):
    async def add(self, failure: LoginFailure) -> None: ...

    async def for_email(self, email: str, since: datetime) -> Sequence[datetime]: ...

    async def for_client(self, client: str, since: datetime) -> Sequence[datetime]: ...

    async def clear_email(self, email: str) -> None: ...

    async def purge_before(self, before: datetime) -> int:
        """Delete failures older than `before`; returns how many went."""
