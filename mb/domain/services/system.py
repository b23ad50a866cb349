"""The state of this installation for admins: version, health of every dependency, database."""

from collections.abc import Awaitable, Callable

from mb.domain.errors import Unavailable
from mb.domain.model.roles import Role
from mb.domain.model.system import SystemOverview
from mb.domain.model.user import Actor
from mb.domain.ports.database_info import DatabaseInfo
from mb.domain.services.access import require_role
from mb.domain.services.health import HealthService


class SystemService:
    def __init__(
        self,
        health: HealthService,
        database: DatabaseInfo,
        version: str,
        mail_waiting: Callable[[], Awaitable[int]],
    ) -> None:
        self._health = health
        self._database = database
        self._version = version
        self._mail_waiting = mail_waiting

    async def overview(self, actor: Actor) -> SystemOverview:
        require_role(actor, Role.ADMIN)
        report = await self._health.report()
        try:
            facts = await self._database.facts()
        except Unavailable as error:
            return SystemOverview(self._version, report, None, error.message)
        return SystemOverview(self._version, report, facts, mail_waiting=await self._mail_waiting())
