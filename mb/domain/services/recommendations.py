"""Recommended next modules (flag `ai_recommendations`): youth see theirs; mentors and admins also
accept one, which assigns it."""

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from mb.domain.errors import InvalidInput
from mb.domain.model.assignment import Assignment
from mb.domain.model.flags import Flag
from mb.domain.model.recommendation import Recommendation
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from mb.domain.model.youth_filter import YouthFilter
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.recommendations import learner_state, recommend
from mb.domain.services.access import require_role, youth_in_view
from mb.domain.services.flags import FeatureFlagService
from mb.domain.services.learning import LearningService

log = logging.getLogger("mb.recommendations")


class RecommendationService:
    """Next modules for one youth, best first with reasons; refused while the flag is off."""

    def __init__(
        self, uow: Callable[[], UnitOfWork], flags: FeatureFlagService, learning: LearningService
    ) -> None:
        self._uow = uow
        self._flags = flags
        self._learning = learning

    async def for_youth(self, actor: Actor, user_id: int) -> list[Recommendation]:
        """The best next modules for a youth, with reasons: for the youth, their mentor and admins."""
        await self._flags.require(Flag.AI_RECOMMENDATIONS)
        async with self._uow() as uow:
            youth = await youth_in_view(uow, actor, user_id)
            found = await recommend_as_of(uow, youth, await uow.assignments.for_user(user_id))
        # The quiz holds the correct answers; no page showing a recommendation needs it.
        return [replace(r, module=replace(r.module, quiz=None)) for r in found]

    async def accept(self, actor: Actor, user_id: int, module_id: int) -> int:
        """Assign a recommended module to the youth, as any assignment is (and audited the same);
        returns 1, or 0 when they already hold it."""
        require_role(actor, Role.ADMIN, Role.MENTOR)
        await self._flags.require(Flag.AI_RECOMMENDATIONS)
        async with self._uow() as uow:
            youth = await youth_in_view(uow, actor, user_id)
        if not youth.is_active:  # assigning reaches active youth only: say so rather than do nothing
            raise InvalidInput(
                {"youth": "This youth's account is deactivated; reactivate it to assign modules."}
            )
        count = await self._learning.assign(actor, module_id, YouthFilter(user_ids=(user_id,)))
        log.info(
            "recommendation.accepted",
            extra={"module_id": module_id, "youth_id": user_id, "user_id": actor.user_id, "assigned": count},
        )
        return count


async def recommend_as_of(
    uow: UnitOfWork, youth: User, assignments: Sequence[Assignment], as_of: datetime | None = None
) -> list[Recommendation]:
    """The rule over stored data: the catalogue, the youth's `assignments` and how similar youth
    fared — with `as_of`, only what had been started and completed by then (the offline
    evaluation replays history with it).

    "Similar youth", whose completions make a module look effective, are those with the same
    education level: how far someone got at school says more about whether they will finish a
    module than anything else the profile holds, and sector interest already counts on its own.
    """
    catalogue = await uow.modules.all()
    uptake = await uow.assignments.completion_by_module(youth.education_level or None, before=as_of)
    return recommend(learner_state(youth, assignments, completed_before=as_of), catalogue, uptake)
