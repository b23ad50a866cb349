"""Finding people in the user directory: which ones, in what order, one page at a time."""

from dataclasses import dataclass
from enum import StrEnum

from mb.domain.model.roles import Role
from mb.domain.model.user import User

MAX_PAGE_SIZE = 100


class UserSort(StrEnum):
    NAME = "name"
    EMAIL = "email"
    CREATED_AT = "created_at"
    LAST_LOGIN_AT = "last_login_at"
    ROLE = "role"
    REGION = "region"


@dataclass(frozen=True, kw_only=True)
class UserQuery:
    """Filters and order of the directory. `search` matches part of a name, email or student ID.

    Never-signed-in people count as the earliest sign-ins: first ascending, last descending.
    """

    search: str = ""
    role: Role | None = None
    region: str | None = None
    mentor_id: int | None = None
    without_mentor: bool = False
    active: bool | None = None
    sort: UserSort = UserSort.NAME
    descending: bool = False


@dataclass(frozen=True)
class PersonRef:
    """Enough about someone to name them in a list: a mentor on a youth's row, a mentor to pick."""

    id: int
    full_name: str
    email: str
    is_active: bool


@dataclass(frozen=True)
class UserListing:
    user: User
    mentor: PersonRef | None


@dataclass(frozen=True)
class UserPage:
    listings: list[UserListing]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))
