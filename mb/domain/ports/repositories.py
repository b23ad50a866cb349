"""What the services need from storage, one Protocol per aggregate."""

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Protocol

from mb.domain.model.activity import ActivityEvent
from mb.domain.model.audit import AuditEntry
from mb.domain.model.audit_query import AuditListing, AuditQuery
from mb.domain.model.flags import Flag, FlagOverride
from mb.domain.model.login_failure import LoginFailure
from mb.domain.model.maintenance import MaintenanceState
from mb.domain.model.roles import Role
from mb.domain.model.user import User
from mb.domain.model.user_query import UserListing, UserQuery


class UserRepository(Protocol):
    async def add(self, user: User) -> User:
        """Store a new user and give it its id."""

    async def get(self, user_id: int) -> User | None: ...

    async def get_by_email(self, email: str) -> User | None:
        """Look up by the normalized (lower-case) email."""

    async def student_id_taken(self, student_id: str) -> bool: ...

    async def student_ids_taken(self, student_ids: Collection[str]) -> set[str]:
        """Those of `student_ids` that someone already holds."""

    async def add_many(self, users: Sequence[User]) -> None:
        """Store new users in bulk, giving each its id."""

    async def update(self, user: User) -> None:
        """Write back every field of an existing user."""

    async def count_by_role(self) -> dict[Role, int]:
        """Active and inactive users per role; roles with none are absent."""

    async def search(self, query: UserQuery, offset: int, limit: int) -> Sequence[UserListing]:
        """The users matching `query`, in its order (ties by id), each with their mentor."""

    async def count(self, query: UserQuery) -> int:
        """How many users match `query`."""

    async def emails_taken(self, emails: Collection[str]) -> set[str]:
        """Those of the normalized `emails` that an account already has."""

    async def clear_mentor(self, mentor_id: int) -> int:
        """Leave every youth mentored by `mentor_id` without a mentor; returns how many."""


class AuditLog(Protocol):
    async def record(self, entry: AuditEntry) -> None: ...

    async def recent(self, limit: int) -> Sequence[AuditEntry]:
        """Newest first."""

    async def search(self, query: AuditQuery, offset: int, limit: int) -> Sequence[AuditListing]:
        """Entries matching `query`, newest first, each with the person who acted."""

    async def count(self, query: AuditQuery) -> int: ...

    async def actions(self) -> list[str]:
        """Every distinct action recorded, sorted."""


class FlagRepository(Protocol):
    async def all(self) -> Sequence[FlagOverride]: ...

    async def save(self, override: FlagOverride) -> None:
        """Insert or replace the override for `override.name`."""

    async def delete(self, name: Flag) -> None: ...


class MaintenanceSwitch(Protocol):
    """Maintenance mode, stored where every replica reads it."""

    async def state(self) -> MaintenanceState: ...

    async def set(self, on: bool, by: int | None, at: datetime) -> None: ...


class ActivityLog(Protocol):
    async def append(self, event: ActivityEvent) -> None:
        """Store the event and give it its id."""

    async def append_many(self, events: Sequence[ActivityEvent]) -> None:
        """Append in bulk (an import); ids are not handed back."""

    async def for_user(self, user_id: int, limit: int) -> Sequence[ActivityEvent]:
        """Newest first."""

    async def user_ids(self) -> list[int]:
        """Everyone with at least one event, in id order."""

    async def history(self, user_ids: Collection[int]) -> Sequence[ActivityEvent]:
        """Every event of these users, ordered by user, then time, then id."""


class LoginFailures(Protocol):
    async def add(self, failure: LoginFailure) -> None: ...

    async def for_email(self, email: str, since: datetime) -> Sequence[datetime]: ...

    async def for_client(self, client: str, since: datetime) -> Sequence[datetime]: ...

    async def clear_email(self, email: str) -> None: ...

    async def purge_before(self, before: datetime) -> int:
        """Delete failures older than `before`; returns how many went."""
