from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


class DatabaseProbe:
    """Readiness of the database: one round trip, reporting the backend."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def __call__(self) -> str:
        async with self._engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return f"{self._engine.dialect.name} connected"
