"""Interventions: a mentor records stepping in, and the at-risk board shows it at once."""

import logging
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from mb.domain.errors import InvalidInput
from mb.domain.model.intervention import NOTE_MAX, OUTCOME_MAX, Intervention, InterventionKind
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.ports.cache import Cache
from mb.domain.ports.clock import Clock
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.services.access import require_role, youth_in_view

log = logging.getLogger("mb.interventions")


class InterventionService:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock, timezone: str, cache: Cache) -> None:
        self._uow = uow
        self._clock = clock
        self._zone = ZoneInfo(timezone)
        self._cache = cache

    async def log_intervention(
        self, actor: Actor, youth_id: int, kind: InterventionKind | str, note: str, outcome: str = ""
    ) -> Intervention:
        """Record that `actor` (the youth's mentor, or an admin) stepped in."""
        require_role(actor, Role.MENTOR, Role.ADMIN)
        chosen = _kind(kind)
        note, outcome = note.strip(), outcome.strip()
        problems = {}
        if len(note) > NOTE_MAX:
            problems["note"] = f"Keep the note to {NOTE_MAX} characters (it has {len(note)})."
        if len(outcome) > OUTCOME_MAX:
            problems["outcome"] = f"Keep the outcome to {OUTCOME_MAX} characters (it has {len(outcome)})."
        if problems:
            raise InvalidInput(problems)
        now = self._clock.now()
        async with self._uow() as uow:
            await youth_in_view(uow, actor, youth_id)
            stored = await uow.interventions.add(
                Intervention(actor.user_id, youth_id, chosen, note, outcome, now),
                on_day=now.astimezone(self._zone).date(),
            )
            await uow.commit()
        # The board and the caseload show the last contact: drop what they had cached.
        await self._cache.clear()
        log.info("intervention.logged", extra={"youth_id": youth_id, "kind": chosen.value})
        return stored

    async def for_youth(self, actor: Actor, youth_id: int, limit: int = 20) -> Sequence[Intervention]:
        """The youth's latest interventions, newest first."""
        require_role(actor, Role.MENTOR, Role.ADMIN)
        async with self._uow() as uow:
            await youth_in_view(uow, actor, youth_id)
            return await uow.interventions.for_youth(youth_id, limit)


def _kind(kind: InterventionKind | str) -> InterventionKind:
    try:
        return InterventionKind(kind)
    except ValueError:
        choices = ", ".join(k.value.replace("_", " ") for k in InterventionKind)
        raise InvalidInput({"kind": f"Choose how you stepped in: {choices}."}) from None
