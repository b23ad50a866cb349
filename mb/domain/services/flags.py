"""Feature flags: defaults from settings, run-time overrides by admins, every change audited."""

import logging
from collections.abc import Callable, Mapping

from mb.domain.errors import FeatureDisabled
from mb.domain.model.audit import AuditEntry
from mb.domain.model.flags import Flag, FlagOverride, FlagState
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.ports.clock import Clock
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.services.access import require_role

log = logging.getLogger("mb.flags")


class FeatureFlagService:
    """Answers "is this feature on?" for every capability, the same on every replica."""

    def __init__(self, uow: Callable[[], UnitOfWork], defaults: Mapping[Flag, bool], clock: Clock) -> None:
        self._uow = uow
        self._defaults = {flag: bool(defaults.get(flag, False)) for flag in Flag}
        self._clock = clock

    async def states(self) -> list[FlagState]:
        async with self._uow() as uow:
            return await self._states_in(uow)

    async def is_enabled(self, flag: Flag) -> bool:
        return next(state.enabled for state in await self.states() if state.name is flag)

    async def is_enabled_in(self, uow: UnitOfWork, flag: Flag) -> bool:
        """The same answer, read inside a use case's own unit of work."""
        return next(state.enabled for state in await self._states_in(uow) if state.name is flag)

    async def _states_in(self, uow: UnitOfWork) -> list[FlagState]:
        overrides = {o.name: o.enabled for o in await uow.flags.all()}
        return [
            FlagState(
                flag, overrides.get(flag, self._defaults[flag]), self._defaults[flag], flag in overrides
            )
            for flag in Flag
        ]

    async def require(self, flag: Flag) -> None:
        """Refuse the calling use case when `flag` is off."""
        if not await self.is_enabled(flag):
            raise FeatureDisabled(flag.value)

    async def set(self, actor: Actor | None, flag: Flag, enabled: bool) -> None:
        """Switch a feature on or off for everyone, now, without a restart; `actor` None is the
        operator at a shell (`mb flags`)."""
        _require_admin_or_operator(actor)
        now = self._clock.now()
        async with self._uow() as uow:
            before = {o.name: o.enabled for o in await uow.flags.all()}.get(flag, self._defaults[flag])
            await uow.flags.save(FlagOverride(flag, enabled, _id(actor), now))
            await uow.audit.record(
                AuditEntry(now, _id(actor), "flag.set", "flag", flag.value, {"from": before, "to": enabled})
            )
            await uow.commit()
        log.info("flag.set", extra={"flag": flag.value, "enabled": enabled, "user_id": _id(actor)})

    async def reset(self, actor: Actor | None, flag: Flag) -> None:
        """Drop the override so the flag follows its default from settings again."""
        _require_admin_or_operator(actor)
        now = self._clock.now()
        async with self._uow() as uow:
            await uow.flags.delete(flag)
            await uow.audit.record(
                AuditEntry(now, _id(actor), "flag.reset", "flag", flag.value, {"to": self._defaults[flag]})
            )
            await uow.commit()
        log.info("flag.reset", extra={"flag": flag.value, "user_id": _id(actor)})


def _require_admin_or_operator(actor: Actor | None) -> None:
    if actor is not None:
        require_role(actor, Role.ADMIN)


def _id(actor: Actor | None) -> int | None:
    return actor.user_id if actor else None
