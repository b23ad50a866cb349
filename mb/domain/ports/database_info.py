from typing import Protocol

from mb.domain.model.system import DatabaseFacts


class DatabaseInfo(Protocol):
    """Facts about the database an operator needs: backend, schema revision and size."""

    async def facts(self) -> DatabaseFacts:
        """Raises `Unavailable` when the database cannot be reached."""
