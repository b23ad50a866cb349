from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import UserRow
from mb.domain.model.roles import Role
from mb.domain.model.user import User

_FIELDS = (
    "email",
    "password_hash",
    "full_name",
    "phone",
    "date_of_birth",
    "institution",
    "education_level",
    "region",
    "student_id",
    "mentor_id",
    "is_active",
    "created_at",
    "last_login_at",
)


class SqlaUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, user: User) -> User:
        row = UserRow()
        _copy_to_row(user, row)
        self._session.add(row)
        await self._session.flush()
        user.id = row.id
        return user

    async def get(self, user_id: int) -> User | None:
        row = await self._session.get(UserRow, user_id)
        return _to_user(row) if row else None

    async def get_by_email(self, email: str) -> User | None:
        row = await self._session.scalar(select(UserRow).where(UserRow.email == email))
        return _to_user(row) if row else None

    async def student_id_taken(self, student_id: str) -> bool:
        found = await self._session.scalar(select(UserRow.id).where(UserRow.student_id == student_id))
        return found is not None

    async def update(self, user: User) -> None:
        row = await self._session.get(UserRow, user.id)
        if row is None:
            raise LookupError(f"user {user.id} vanished")
        _copy_to_row(user, row)
        await self._session.flush()

    async def count_by_role(self) -> dict[Role, int]:
        rows = await self._session.execute(select(UserRow.role, func.count()).group_by(UserRow.role))
        return {Role(role): count for role, count in rows}


def _copy_to_row(user: User, row: UserRow) -> None:
    for name in _FIELDS:
        setattr(row, name, getattr(user, name))
    row.role = user.role.value
    row.skills = list(user.skills)
    row.sector_interests = list(user.sector_interests)


def _to_user(row: UserRow) -> User:
    return User(
        id=row.id,
        role=Role(row.role),
        skills=list(row.skills or []),
        sector_interests=list(row.sector_interests or []),
        **{name: getattr(row, name) for name in _FIELDS},
    )
