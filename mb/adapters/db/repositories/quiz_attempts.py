from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import QuizAttemptRow
from mb.domain.model.assignment import QuizAttempt


class SqlaQuizAttempts:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, attempt: QuizAttempt) -> None:
        self._session.add(
            QuizAttemptRow(
                user_id=attempt.user_id,
                module_id=attempt.module_id,
                answers=list(attempt.answers),
                score=attempt.score,
                passed=attempt.passed,
                at=attempt.at,
            )
        )
        await self._session.flush()

    async def for_user(self, user_id: int, module_id: int) -> Sequence[QuizAttempt]:
        rows = await self._session.scalars(
            select(QuizAttemptRow)
            .where(QuizAttemptRow.user_id == user_id, QuizAttemptRow.module_id == module_id)
            .order_by(QuizAttemptRow.id)
        )
        return [QuizAttempt(r.user_id, r.module_id, tuple(r.answers), r.score, r.passed, r.at) for r in rows]
