from dataclasses import dataclass, field
from datetime import date, datetime

from mb.domain.model.roles import Role


@dataclass
class User:
    """A person with an account: a youth, a mentor or an admin."""

    email: str
    password_hash: str
    role: Role
    full_name: str
    created_at: datetime
    institution: str = ""
    education_level: str = ""
    region: str = ""
    phone: str = ""
    date_of_birth: date | None = None
    skills: list[str] = field(default_factory=list)
    sector_interests: list[str] = field(default_factory=list)
    student_id: str | None = None
    mentor_id: int | None = None
    is_active: bool = True
    last_login_at: datetime | None = None
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
