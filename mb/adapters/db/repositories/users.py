from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased

from mb.adapters.db.repositories.name_search import name_or_student_id_matches
from mb.adapters.db.tables import UserRow
from mb.domain.model.roles import Role
from mb.domain.model.user import User
from mb.domain.model.user_query import PersonRef, UserListing, UserQuery, UserSort

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
    "shows_on_leaderboard",
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

    async def student_ids_taken(self, student_ids: Collection[str]) -> set[str]:
        return await self._present(UserRow.student_id, student_ids)

    async def add_many(self, users: Sequence[User]) -> None:
        rows = [UserRow() for _ in users]
        for user, row in zip(users, rows, strict=True):
            _copy_to_row(user, row)
        self._session.add_all(rows)
        await self._session.flush()  # one INSERT … RETURNING a batch where the backend allows it
        for user, row in zip(users, rows, strict=True):
            user.id = row.id

    async def update(self, user: User) -> None:
        row = await self._session.get(UserRow, user.id)
        if row is None:
            raise LookupError(f"user {user.id} vanished")
        _copy_to_row(user, row)
        await self._session.flush()

    async def count_by_role(self) -> dict[Role, int]:
        rows = await self._session.execute(select(UserRow.role, func.count()).group_by(UserRow.role))
        return {Role(role): count for role, count in rows}

    async def search(self, query: UserQuery, offset: int, limit: int) -> Sequence[UserListing]:
        mentor = aliased(UserRow)
        statement = (
            select(UserRow, mentor.id, mentor.full_name, mentor.email, mentor.is_active)
            .outerjoin(mentor, UserRow.mentor_id == mentor.id)
            .where(*_conditions(query))
            .order_by(*_order(query))
            .offset(offset)
            .limit(limit)
        )
        rows = await self._session.execute(statement)
        return [
            UserListing(
                _to_user(row),
                PersonRef(mentor_id, name or "", email or "", bool(active))
                if mentor_id is not None
                else None,
            )
            for row, mentor_id, name, email, active in rows
        ]

    async def count(self, query: UserQuery) -> int:
        found = await self._session.scalar(select(func.count(UserRow.id)).where(*_conditions(query)))
        return int(found or 0)

    async def emails_taken(self, emails: Collection[str]) -> set[str]:
        return await self._present(UserRow.email, emails)

    async def clear_mentor(self, mentor_id: int) -> int:
        result = await self._session.execute(
            update(UserRow).where(UserRow.mentor_id == mentor_id).values(mentor_id=None)
        )
        assert isinstance(result, CursorResult)
        return int(result.rowcount)

    async def _present(self, column: InstrumentedAttribute[Any], values: Collection[str]) -> set[str]:
        wanted, found = sorted(set(values)), set[str]()
        for start in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[start : start + _IN_CHUNK]
            found.update(await self._session.scalars(select(column).where(column.in_(chunk))))
        return found


# Azure SQL takes at most 2,100 parameters in one statement.
_IN_CHUNK = 1000
_SORT_COLUMNS = {
    UserSort.NAME: UserRow.full_name,
    UserSort.EMAIL: UserRow.email,
    UserSort.CREATED_AT: UserRow.created_at,
    UserSort.LAST_LOGIN_AT: UserRow.last_login_at,
    UserSort.ROLE: UserRow.role,
    UserSort.REGION: UserRow.region,
}


def _conditions(query: UserQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if term := query.search.strip():
        matches = name_or_student_id_matches(term)
        conditions.append(or_(*matches, UserRow.email.contains(term.lower(), autoescape=True)))
    if query.role is not None:
        conditions.append(UserRow.role == query.role.value)
    if query.region:
        conditions.append(UserRow.region == query.region)
    if query.mentor_id is not None:
        conditions.append(UserRow.mentor_id == query.mentor_id)
    if query.without_mentor:
        conditions.append(UserRow.mentor_id.is_(None))
    if query.active is not None:
        conditions.append(UserRow.is_active.is_(query.active))
    return conditions


def _order(query: UserQuery) -> list[ColumnElement[Any]]:
    column = _SORT_COLUMNS[query.sort]
    order: list[ColumnElement[Any]] = []
    if query.sort is UserSort.LAST_LOGIN_AT:
        # Never signed in counts as earliest on every backend (PostgreSQL would put NULL last).
        never = case((column.is_(None), 0), else_=1)
        order.append(never.desc() if query.descending else never.asc())
    order.append(column.desc() if query.descending else column.asc())
    order.append(UserRow.id.desc() if query.descending else UserRow.id.asc())
    return order


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
