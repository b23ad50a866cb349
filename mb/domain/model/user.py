from dataclasses import dataclass
from datetime import datetime

from mb.domain.model.profile import ProfileFields
from mb.domain.model.roles import Role


@dataclass(kw_only=True)
class User(ProfileFields):
    """A person with an account: a youth, a mentor or an admin, and what they say about themselves."""

    email: str
    password_hash: str
    role: Role
    created_at: datetime
    student_id: str | None = None
    mentor_id: int | None = None
    is_active: bool = True
    last_login_at: datetime | None = None
    # Youth choose whether their name shows on the leaderboard; until they do, it never does.
    shows_on_leaderboard: bool = False
    id: int | None = None


@dataclass(frozen=True)
class Actor:
    """Who is calling a service: checked by every use case before it acts."""

    user_id: int
    role: Role

    @classmethod
    def of(cls, user: User) -> "Actor":
        assert user.id is not None
        return cls(user.id, user.role)
