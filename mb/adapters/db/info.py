"""Backend, schema revision and size of the app's database, for the system page."""

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from mb.adapters.db.migrate import current_revision, head_revision
from mb.domain.errors import Unavailable
from mb.domain.model.system import DatabaseFacts

SIZE_QUERIES = {
    "sqlite": "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
    "postgresql": "SELECT pg_database_size(current_database())",
    "mssql": "SELECT SUM(CAST(size AS BIGINT)) * 8192 FROM sys.database_files",
}


class SqlaDatabaseInfo:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def facts(self) -> DatabaseFacts:
        backend = self._engine.dialect.name
        try:
            revision = await current_revision(self._engine)
            size = None
            if query := SIZE_QUERIES.get(backend):
                async with self._engine.connect() as connection:
                    size = (await connection.execute(text(query))).scalar()
        except (OperationalError, DBAPIError, OSError) as error:
            raise Unavailable(
                f"The database cannot be reached: {str(error).splitlines()[0][:200]}"
            ) from error
        return DatabaseFacts(backend, revision, head_revision(), int(size) if size is not None else None)
