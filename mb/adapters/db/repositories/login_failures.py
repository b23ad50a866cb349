from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import LoginFailureRow
from mb.domain.model.login_failure import LoginFailure


class SqlaLoginFailures:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, failure: LoginFailure) -> None:
        self._session.add(
            LoginFailureRow(email=failure.email[:254], client=failure.client[:64], at=failure.at)
        )
        await self._session.flush()

    async def for_email(self, email: str, since: datetime) -> Sequence[datetime]:
        rows = await self._session.scalars(
            select(LoginFailureRow.at).where(
                LoginFailureRow.email == email[:254], LoginFailureRow.at >= since
            )
        )
        return list(rows)

    async def for_client(self, client: str, since: datetime) -> Sequence[datetime]:
        rows = await self._session.scalars(
            select(LoginFailureRow.at).where(
                LoginFailureRow.client == client[:64], LoginFailureRow.at >= since
            )
        )
        return list(rows)

    async def clear_email(self, email: str) -> None:
        await self._session.execute(delete(LoginFailureRow).where(LoginFailureRow.email == email[:254]))

    async def purge_before(self, before: datetime) -> int:
        result = await self._session.execute(delete(LoginFailureRow).where(LoginFailureRow.at < before))
        assert isinstance(result, CursorResult)
        return int(result.rowcount)
